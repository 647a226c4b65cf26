//go:build !exec

// The Lambda entry point. The build tag keeps it out of `go run -tags exec` (see exec.go), so
// each build has exactly one main.
package main

import "github.com/aws/aws-lambda-go/lambda"

func main() {
	lambda.Start(HandleRequest)
}
