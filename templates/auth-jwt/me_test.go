package main

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/aws/aws-lambda-go/events"
)

func TestMeReadsTheAuthorizersClaims(t *testing.T) {
	req := request("GET", "/me", "/me")
	req.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{
		JWT: &events.APIGatewayV2HTTPRequestContextAuthorizerJWTDescription{
			Claims: map[string]string{"sub": "user-1", "email": "ada@example.com"},
			Scopes: []string{"users/read"},
		},
	}
	resp, err := HandleRequest(context.Background(), req)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("status %d, err %v", resp.StatusCode, err)
	}
	var body map[string]any
	if err := json.Unmarshal([]byte(resp.Body), &body); err != nil {
		t.Fatal(err)
	}
	if body["email"] != "ada@example.com" || body["sub"] != "user-1" {
		t.Fatalf("body %v", body)
	}
}

func TestMeWithoutAnAuthorizerIsRefused(t *testing.T) {
	resp, _ := HandleRequest(context.Background(), request("GET", "/me", "/me"))
	if resp.StatusCode != 401 {
		t.Fatalf("status %d, want 401", resp.StatusCode)
	}
}
