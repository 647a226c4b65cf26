package main

import (
	"context"
	"net/http"

	"github.com/aws/aws-lambda-go/events"
)

func init() { extraRoutes["GET /me"] = handleMe }

// handleMe answers GET /me, which lgw.json protects with the TOKEN authorizer "token"
// (authorizer/main.go): API Gateway (and lgw serve) call it only when the authorizer allowed the
// request, and hand over its principalId and context, every value as a string.
func handleMe(ctx context.Context, req events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	auth := req.RequestContext.Authorizer
	if auth == nil || auth["principalId"] == nil {
		return respond(http.StatusUnauthorized, errorBody("no authorizer context: GET /me is meant to be called through its authorizer"))
	}
	return respond(http.StatusOK, map[string]any{"principalId": auth["principalId"], "user": auth["user"]})
}
