package main

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/aws/aws-lambda-go/events"
)

func TestMeReadsTheAuthorizerContext(t *testing.T) {
	req := events.APIGatewayProxyRequest{HTTPMethod: "GET", Path: "/me"}
	req.RequestContext.Authorizer = map[string]interface{}{"principalId": "user-ada", "user": "ada"}
	resp, err := HandleRequest(context.Background(), req)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("got %d %v", resp.StatusCode, err)
	}
	var body map[string]string
	if err := json.Unmarshal([]byte(resp.Body), &body); err != nil || body["principalId"] != "user-ada" || body["user"] != "ada" {
		t.Fatalf("body %s", resp.Body)
	}
}

func TestMeWithoutAnAuthorizerIs401(t *testing.T) {
	resp, _ := HandleRequest(context.Background(), events.APIGatewayProxyRequest{HTTPMethod: "GET", Path: "/me"})
	if resp.StatusCode != 401 {
		t.Fatalf("got %d", resp.StatusCode)
	}
}
