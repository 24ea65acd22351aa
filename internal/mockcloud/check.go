package mockcloud

import (
	"fmt"
	"strings"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/catalog"
)

// Evaluate runs every rule of every pack over the recorded resources, with no waivers.
func (c *Cloud) Evaluate(pctx *policy.Context) policy.Evaluation {
	return policy.Evaluate(pctx, c.Resources(), catalog.Options(nil))
}

// Blocking returns the mandatory failures (and rule errors) over the recorded resources: what would stop
// `pulumi preview --policy-pack policy/pack`. Secure by default means this is empty.
func (c *Cloud) Blocking(pctx *policy.Context) []policy.Finding {
	return c.Evaluate(pctx).Blocking()
}

// Describe formats findings one per line for test failure messages.
func Describe(fs []policy.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "%s %s %s %s: %s\n", f.RuleID, f.Status, f.ResourceType, f.ResourceName, f.Message)
	}
	return b.String()
}
