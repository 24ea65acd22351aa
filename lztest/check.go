package lztest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/policecloud/landingzones/components/config"
	"github.com/policecloud/landingzones/internal/stackctx"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/catalog"
)

// StackContext is the policy context of a validated landing zone stack configuration: its name, cloud,
// role, tier and network (address plan, external ranges and declared flows), as the policy pack builds
// it from the same configuration. A program that is not a landing zone stack uses
// policy.NewContext(stack, "") instead, so only resource-level rules decide.
func StackContext(st *config.Stack) *policy.Context { return stackctx.FromStack(st) }

// Evaluate runs every rule of every pack over the recorded resources, with no waivers.
func (c *Cloud) Evaluate(pctx *policy.Context) policy.Evaluation {
	return policy.Evaluate(pctx, c.Resources(), catalog.Options(nil))
}

// Blocking returns the mandatory failures (and rule errors) over the recorded resources: what would stop
// `pulumi preview --policy-pack policy/pack`. Secure by default means this is empty.
func (c *Cloud) Blocking(pctx *policy.Context) []policy.Finding {
	return c.Evaluate(pctx).Blocking()
}

// AssertNoBlocking fails the test, listing each finding, when any mandatory rule fails (or errs) over
// what the program registered. It reports whether there were none.
func AssertNoBlocking(t testing.TB, c *Cloud, pctx *policy.Context) bool {
	t.Helper()
	if len(c.Resources()) == 0 {
		t.Errorf("lztest: the program registered no resources: nothing to check")
		return false
	}
	blocking := c.Blocking(pctx)
	if len(blocking) > 0 {
		t.Errorf("lztest: %d blocking finding(s):\n%s", len(blocking), Describe(blocking))
		return false
	}
	return true
}

// AssertFails fails the test unless rule ruleID reports a failure over what the program registered (a
// negative test: loosen one argument, name the rule that must catch it). It returns the rule's failures.
func AssertFails(t testing.TB, c *Cloud, pctx *policy.Context, ruleID string) []policy.Finding {
	t.Helper()
	ev := c.Evaluate(pctx)
	var fails []policy.Finding
	for _, f := range ev.Findings {
		if f.RuleID == ruleID && f.Status == policy.StatusFail {
			fails = append(fails, f)
		}
	}
	if len(fails) == 0 {
		var seen []policy.Finding
		for _, f := range ev.Findings {
			if f.RuleID == ruleID {
				seen = append(seen, f)
			}
		}
		t.Errorf("lztest: rule %s reports no failure; its findings:\n%s", ruleID, orNone(Describe(seen)))
	}
	return fails
}

// ResourcesNotUsing returns the custom resources that were not created through one of the providers whose
// URNs are given (a provider resource itself is not counted): empty when every resource uses the
// caller's providers.
func (c *Cloud) ResourcesNotUsing(providerURNs ...string) []*policy.Resource {
	var out []*policy.Resource
	for _, r := range c.Resources() {
		if !c.isCustom(r) || strings.HasPrefix(r.Type, "pulumi:providers:") {
			continue
		}
		ok := false
		for _, u := range providerURNs {
			if r.Provider != nil && r.Provider.URN == u {
				ok = true
			}
		}
		if !ok {
			out = append(out, r)
		}
	}
	return out
}

// isCustom reports whether a recorded resource is a custom (cloud) resource, not a component.
func (c *Cloud) isCustom(r *policy.Resource) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	x := c.extra[r]
	return x != nil && x.custom && r.Type != "pulumi:pulumi:StackReference"
}

// Describe formats findings one per line for test failure messages.
func Describe(fs []policy.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "%s %s %s %s: %s\n", f.RuleID, f.Status, f.ResourceType, f.ResourceName, f.Message)
	}
	return b.String()
}

func orNone(s string) string {
	if s == "" {
		return "(none)\n"
	}
	return s
}
