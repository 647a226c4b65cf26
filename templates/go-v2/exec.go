//go:build exec

// A local runner: reads an API Gateway event from a JSON file, calls HandleRequest once and
// prints the response. The exec build tag keeps it out of the Lambda binary:
//
//	go run -tags exec . events/get-hello.json
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/aws/aws-lambda-go/events"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go run -tags exec . <event.json>")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(eventFile string) error {
	payload, err := os.ReadFile(eventFile)
	if err != nil {
		return err
	}
	var req events.APIGatewayV2HTTPRequest
	if err := json.Unmarshal(payload, &req); err != nil {
		return fmt.Errorf("%s is not an HTTP API (v2) event: %w", eventFile, err)
	}
	// Lambda's default timeout, so a handler that honours ctx behaves as it would when deployed.
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	resp, err := HandleRequest(ctx, req)
	if err != nil {
		return fmt.Errorf("handler error: %w", err)
	}
	out, err := json.MarshalIndent(resp, "", "  ")
	if err != nil {
		return err
	}
	fmt.Println(string(out))
	return nil
}
