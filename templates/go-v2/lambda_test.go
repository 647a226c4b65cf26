package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"
)

func request(method, route, path string) events.APIGatewayV2HTTPRequest {
	req := events.APIGatewayV2HTTPRequest{Version: "2.0", RouteKey: method + " " + route, RawPath: path}
	req.RequestContext.HTTP.Method = method
	req.RequestContext.HTTP.Path = path
	req.RequestContext.Stage = "$default"
	return req
}

// viaProxy is the same request as API Gateway sends it when it matched ANY /{proxy+}.
func viaProxy(method, path string) events.APIGatewayV2HTTPRequest {
	req := request(method, "/{proxy+}", path)
	req.RouteKey = "ANY /{proxy+}"
	req.PathParameters = map[string]string{"proxy": strings.TrimPrefix(path, "/")}
	return req
}

func with(req events.APIGatewayV2HTTPRequest, edit func(*events.APIGatewayV2HTTPRequest)) events.APIGatewayV2HTTPRequest {
	edit(&req)
	return req
}

func TestHandleRequest(t *testing.T) {
	tests := []struct {
		name       string
		req        events.APIGatewayV2HTTPRequest
		wantStatus int
		// wantBody holds the fields the JSON body must have (nil: the body must be empty)
		wantBody map[string]any
	}{
		{"hello with no name", request("GET", "/hello", "/hello"), 200, map[string]any{"message": "Hello, world!"}},
		{"hello with a name", with(request("GET", "/hello", "/hello"), func(r *events.APIGatewayV2HTTPRequest) {
			r.RawQueryString = "name=Ada"
			r.QueryStringParameters = map[string]string{"name": "Ada"}
		}), 200, map[string]any{"message": "Hello, Ada!"}},
		{"hello through the catch-all", viaProxy("GET", "/hello"), 200, map[string]any{"message": "Hello, world!"}},
		{"hello on a named stage", with(request("GET", "/hello", "/prod/hello"), func(r *events.APIGatewayV2HTTPRequest) {
			r.RequestContext.Stage = "prod"
		}), 200, map[string]any{"message": "Hello, world!"}},
		{"user by id", with(request("GET", "/users/{id}", "/users/42"), func(r *events.APIGatewayV2HTTPRequest) {
			r.PathParameters = map[string]string{"id": "42"}
		}), 200, map[string]any{"id": "42"}},
		{"user by id through the catch-all", viaProxy("GET", "/users/42"), 200, map[string]any{"id": "42"}},
		{"user id is decoded", viaProxy("GET", "/users/a%20b"), 200, map[string]any{"id": "a b"}},
		{"create a user", with(request("POST", "/users", "/users"), func(r *events.APIGatewayV2HTTPRequest) {
			r.Body = `{"name":"Ada","email":"ada@example.com"}`
		}), 201, map[string]any{"name": "Ada", "email": "ada@example.com"}},
		{"create a user from a base64 body", with(viaProxy("POST", "/users"), func(r *events.APIGatewayV2HTTPRequest) {
			r.Body = base64.StdEncoding.EncodeToString([]byte(`{"name":"Grace"}`))
			r.IsBase64Encoded = true
		}), 201, map[string]any{"name": "Grace"}},
		{"invalid JSON", with(request("POST", "/users", "/users"), func(r *events.APIGatewayV2HTTPRequest) {
			r.Body = `{"name":`
		}), 400, nil},
		{"missing name", with(request("POST", "/users", "/users"), func(r *events.APIGatewayV2HTTPRequest) {
			r.Body = `{}`
		}), 400, map[string]any{"error": `"name" is required`}},
		{"preflight", viaProxy("OPTIONS", "/users/42"), 204, nil},
		{"unknown path", viaProxy("GET", "/nope"), 404, map[string]any{"error": "not found"}},
		{"wrong method", viaProxy("DELETE", "/users/42"), 404, map[string]any{"error": "not found"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := HandleRequest(context.Background(), tt.req)
			if err != nil {
				t.Fatalf("HandleRequest: %v", err)
			}
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("status = %d, want %d (body %s)", resp.StatusCode, tt.wantStatus, resp.Body)
			}
			if ct := resp.Headers["Content-Type"]; ct != "application/json" {
				t.Errorf("Content-Type = %q, want application/json", ct)
			}
			if origin := resp.Headers["Access-Control-Allow-Origin"]; origin != "*" {
				t.Errorf("Access-Control-Allow-Origin = %q, want *", origin)
			}
			if tt.wantStatus == 204 {
				if resp.Body != "" {
					t.Errorf("body = %q, want empty", resp.Body)
				}
				if resp.Headers["Access-Control-Allow-Methods"] == "" {
					t.Error("preflight response has no Access-Control-Allow-Methods")
				}
				return
			}
			var body map[string]any
			if err := json.Unmarshal([]byte(resp.Body), &body); err != nil {
				t.Fatalf("body is not JSON: %q", resp.Body)
			}
			if tt.wantStatus >= 400 && body["error"] == nil {
				t.Errorf("error response has no \"error\" field: %s", resp.Body)
			}
			for key, want := range tt.wantBody {
				if body[key] != want {
					t.Errorf("body[%q] = %v, want %v", key, body[key], want)
				}
			}
		})
	}
}

// The sample events are what `lgw exec` and `go run -tags exec .` feed the handler.
func TestSampleEvents(t *testing.T) {
	tests := map[string]int{
		"events/get-hello.json": 200,
		"events/get-user.json":  200,
		"events/post-user.json": 201,
	}
	for file, wantStatus := range tests {
		t.Run(file, func(t *testing.T) {
			payload, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var req events.APIGatewayV2HTTPRequest
			if err := json.Unmarshal(payload, &req); err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			resp, err := HandleRequest(context.Background(), req)
			if err != nil || resp.StatusCode != wantStatus {
				t.Fatalf("status = %d (err %v), want %d: %s", resp.StatusCode, err, wantStatus, resp.Body)
			}
		})
	}
}
