module example.com/hello

go 1.22

require github.com/aws/aws-lambda-go v1.54.0
