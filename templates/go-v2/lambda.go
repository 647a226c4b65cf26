package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"

	"github.com/aws/aws-lambda-go/events"
)

// User is what POST /users accepts and GET /users/{id} returns.
type User struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email,omitempty"`
}

// HandleRequest answers API Gateway HTTP API events (payload format 2.0).
//
// It routes on the request path, not on req.RouteKey, so it behaves the same whether API Gateway
// matched an explicit route (GET /users/{id}) or the catch-all (ANY /{proxy+}).
func HandleRequest(ctx context.Context, req events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
	method := req.RequestContext.HTTP.Method
	path := segments(routePath(req))
	if handler, ok := extraRoutes[method+" /"+strings.Join(path, "/")]; ok {
		return handler(ctx, req)
	}
	switch {
	case method == http.MethodOptions:
		return respond(http.StatusNoContent, nil)
	case method == http.MethodGet && len(path) == 1 && path[0] == "hello":
		name := req.QueryStringParameters["name"]
		if name == "" {
			name = "world"
		}
		return respond(http.StatusOK, map[string]string{"message": "Hello, " + name + "!"})
	case method == http.MethodGet && len(path) == 2 && path[0] == "users":
		return respond(http.StatusOK, User{ID: path[1], Name: "user " + path[1]})
	case method == http.MethodPost && len(path) == 1 && path[0] == "users":
		return createUser(req.Body, req.IsBase64Encoded)
	default:
		return respond(http.StatusNotFound, errorBody("not found"))
	}
}

// extraRoutes holds routes other files add in their init (me.go, from lgw init --auth jwt).
var extraRoutes = map[string]func(context.Context, events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error){}

// routePath is rawPath without the stage: with a named stage (anything but $default) HTTP APIs
// keep it in rawPath, as in /prod/users/42.
func routePath(req events.APIGatewayV2HTTPRequest) string {
	stage := req.RequestContext.Stage
	if stage == "" || stage == "$default" {
		return req.RawPath
	}
	if rest, ok := strings.CutPrefix(req.RawPath, "/"+stage); ok && (rest == "" || rest[0] == '/') {
		return rest
	}
	return req.RawPath
}

func createUser(body string, isBase64 bool) (events.APIGatewayV2HTTPResponse, error) {
	// HTTP APIs base64-encode any body that is not text.
	if isBase64 {
		decoded, err := base64.StdEncoding.DecodeString(body)
		if err != nil {
			return respond(http.StatusBadRequest, errorBody("body is not valid base64"))
		}
		body = string(decoded)
	}
	var user User
	if err := json.Unmarshal([]byte(body), &user); err != nil {
		return respond(http.StatusBadRequest, errorBody("invalid JSON body: "+err.Error()))
	}
	if user.Name == "" {
		return respond(http.StatusBadRequest, errorBody(`"name" is required`))
	}
	user.ID = newID()
	return respond(http.StatusCreated, user)
}

// segments splits a raw path into its decoded parts: /users/a%20b -> [users, "a b"].
func segments(rawPath string) []string {
	var parts []string
	for _, p := range strings.Split(rawPath, "/") {
		if p == "" {
			continue
		}
		if decoded, err := url.PathUnescape(p); err == nil {
			p = decoded
		}
		parts = append(parts, p)
	}
	return parts
}

func errorBody(message string) map[string]string {
	return map[string]string{"error": message}
}

// corsHeaders go on every response, so browsers can call the API from any origin.
func corsHeaders() map[string]string {
	return map[string]string{
		"Content-Type":                 "application/json",
		"Access-Control-Allow-Origin":  "*",
		"Access-Control-Allow-Methods": "GET, POST, OPTIONS",
		"Access-Control-Allow-Headers": "Content-Type, Authorization",
		"Access-Control-Max-Age":       "600",
	}
}

// respond turns a value into a JSON response; a nil value gives an empty body (204 No Content).
func respond(status int, value any) (events.APIGatewayV2HTTPResponse, error) {
	resp := events.APIGatewayV2HTTPResponse{StatusCode: status, Headers: corsHeaders()}
	if value != nil {
		body, err := json.Marshal(value)
		if err != nil {
			return events.APIGatewayV2HTTPResponse{}, err
		}
		resp.Body = string(body)
	}
	return resp, nil
}

func newID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
