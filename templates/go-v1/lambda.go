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

// HandleRequest answers API Gateway REST API (v1) Lambda proxy events.
//
// It routes on the request path, not on req.Resource, so it behaves the same whether API Gateway
// matched an explicit route (GET /users/{id}) or the catch-all (ANY /{proxy+}).
func HandleRequest(ctx context.Context, req events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	path := segments(req.Path)
	if handler, ok := extraRoutes[req.HTTPMethod+" /"+strings.Join(path, "/")]; ok {
		return handler(ctx, req)
	}
	switch {
	case req.HTTPMethod == http.MethodOptions:
		return respond(http.StatusNoContent, nil)
	case req.HTTPMethod == http.MethodGet && len(path) == 1 && path[0] == "hello":
		name := req.QueryStringParameters["name"]
		if name == "" {
			name = "world"
		}
		return respond(http.StatusOK, map[string]string{"message": "Hello, " + name + "!"})
	case req.HTTPMethod == http.MethodGet && len(path) == 2 && path[0] == "users":
		return respond(http.StatusOK, User{ID: path[1], Name: "user " + path[1]})
	case req.HTTPMethod == http.MethodPost && len(path) == 1 && path[0] == "users":
		return createUser(req.Body, req.IsBase64Encoded)
	default:
		return respond(http.StatusNotFound, errorBody("not found"))
	}
}

// extraRoutes holds routes other files add in their init (me.go, from lgw init --auth token).
var extraRoutes = map[string]func(context.Context, events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error){}

func createUser(body string, isBase64 bool) (events.APIGatewayProxyResponse, error) {
	// API Gateway base64-encodes bodies whose Content-Type is one of the API's binaryMediaTypes.
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

// segments splits a path into its decoded parts: /users/a%20b -> [users, "a b"].
func segments(path string) []string {
	var parts []string
	for _, p := range strings.Split(path, "/") {
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
func respond(status int, value any) (events.APIGatewayProxyResponse, error) {
	resp := events.APIGatewayProxyResponse{StatusCode: status, Headers: corsHeaders()}
	if value != nil {
		body, err := json.Marshal(value)
		if err != nil {
			return events.APIGatewayProxyResponse{}, err
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
