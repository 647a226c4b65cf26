package main

import (
	"context"
	"net/http"

	"github.com/aws/aws-lambda-go/events"
)

func init() { extraRoutes["GET /me"] = handleMe }

// handleMe answers GET /me, which lgw.json protects with the JWT authorizer "auth": API Gateway
// (and lgw serve) call it only with a valid token, and hand over the token's claims as strings
// (an array claim arrives as "[a b]").
func handleMe(ctx context.Context, req events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
	auth := req.RequestContext.Authorizer
	if auth == nil || auth.JWT == nil {
		return respond(http.StatusUnauthorized, errorBody("no JWT claims: GET /me is meant to be called through its authorizer"))
	}
	claims := auth.JWT.Claims
	return respond(http.StatusOK, map[string]any{"sub": claims["sub"], "email": claims["email"], "scopes": auth.JWT.Scopes})
}
