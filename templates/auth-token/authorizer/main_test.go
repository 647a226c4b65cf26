package main

import (
	"context"
	"testing"

	"github.com/aws/aws-lambda-go/events"
)

const arn = "arn:aws:execute-api:us-east-1:123456789012:api1/dev/GET/me"

func TestAuthorize(t *testing.T) {
	cases := []struct {
		token, effect, err string
	}{
		{"Bearer ada", "Allow", ""},
		{"Bearer deny", "Deny", ""},
		{"Bearer ", "", "Unauthorized"},
		{"ada", "", "Unauthorized"},
	}
	for _, c := range cases {
		resp, err := Authorize(context.Background(), events.APIGatewayCustomAuthorizerRequest{Type: "TOKEN", AuthorizationToken: c.token, MethodArn: arn})
		if c.err != "" {
			if err == nil || err.Error() != c.err {
				t.Errorf("%q: want error %q, got %v", c.token, c.err, err)
			}
			continue
		}
		st := resp.PolicyDocument.Statement[0]
		if err != nil || st.Effect != c.effect || st.Resource[0] != "arn:aws:execute-api:us-east-1:123456789012:api1/dev/*" {
			t.Errorf("%q: got %+v %v", c.token, resp, err)
		}
	}
}
