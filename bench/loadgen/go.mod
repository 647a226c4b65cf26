module example.com/lgwbench/loadgen

go 1.22
