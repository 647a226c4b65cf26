module example.com/lgwbench/native

go 1.22
