// Command authorizer is the REST API's TOKEN authorizer (lgw.json: authorizers.token). API
// Gateway calls it with the Authorization header (already checked against validationExpression)
// and the ARN of the method asked for; it answers with an IAM policy and a context the protected
// function receives. Caching (ttl) means the policy must cover every method the caller may use:
// it names the whole API stage, not just the method asked for.
//
// Replace the check in Authorize with a real one (verify a JWT, look up an API token, ...).
package main

import (
	"context"
	"errors"
	"strings"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
)

func main() { lambda.Start(Authorize) }

// Authorize accepts "Bearer <user>": "deny" is refused with an explicit Deny, anything without a
// user gets 401 (the error message "Unauthorized" is what tells API Gateway to answer 401).
func Authorize(ctx context.Context, req events.APIGatewayCustomAuthorizerRequest) (events.APIGatewayCustomAuthorizerResponse, error) {
	user := strings.TrimSpace(strings.TrimPrefix(req.AuthorizationToken, "Bearer "))
	if user == "" || user == req.AuthorizationToken {
		return events.APIGatewayCustomAuthorizerResponse{}, errors.New("Unauthorized")
	}
	effect := "Allow"
	if user == "deny" {
		effect = "Deny"
	}
	return events.APIGatewayCustomAuthorizerResponse{
		PrincipalID: "user-" + user,
		PolicyDocument: events.APIGatewayCustomAuthorizerPolicy{
			Version:   "2012-10-17",
			Statement: []events.IAMPolicyStatement{{Action: []string{"execute-api:Invoke"}, Effect: effect, Resource: []string{stageArn(req.MethodArn)}}},
		},
		Context: map[string]interface{}{"user": user},
	}, nil
}

// stageArn turns arn:...:API/STAGE/METHOD/path into arn:...:API/STAGE/*.
func stageArn(methodArn string) string {
	parts := strings.SplitN(methodArn, "/", 3)
	if len(parts) < 2 {
		return methodArn
	}
	return parts[0] + "/" + parts[1] + "/*"
}
