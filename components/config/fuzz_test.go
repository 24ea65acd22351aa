package config

import (
	"errors"
	"strings"
	"testing"
)

// FuzzLoad feeds arbitrary tier, region, supernet and flows values to Load. Load must never panic; it
// returns either a stack with a plan or Errors with one non-empty line per problem.
func FuzzLoad(f *testing.F) {
	f.Add("platinum", "eu-west-2", "10.20.0.0/16", validFlows)
	f.Add("bronze", "us-east-1", "10.20.0.0/24", `[{"from":"bronze","to":"internet","protocol":"tcp","ports":"443","reason":"r"}]`)
	f.Add("", "", "", "")
	f.Add("Gold", "uksouth", "fd00::/8", `[{"from":1,"to":[],"protocol":{},"ports":"0-99999","reason":null}]`)
	f.Add("gold", "eu-west-2", "10.128.0.0/9", `[null,"x",{"ports":1e9}]`)
	f.Add("gold", "eu-west-2", "192.168.0.0/20", `{"a":`)
	f.Fuzz(func(t *testing.T, tierV, region, supernet, flows string) {
		raw := with(validTier(), "tier", tierV, "region", region, "supernet", supernet, "flows", flows)
		s, err := Load("pos-fuzz", raw)
		if err == nil {
			if s == nil || !s.Plan.Supernet.IsValid() || s.Profile.Tier != s.Tier {
				t.Fatalf("Load succeeded without a complete stack: %+v", s)
			}
			return
		}
		var errs Errors
		if !errors.As(err, &errs) || len(errs) == 0 {
			t.Fatalf("error is not Errors: %T %v", err, err)
		}
		for _, line := range errs.Lines() {
			if !strings.HasPrefix(line, "landingzone:") || strings.TrimSpace(line) == "" {
				t.Fatalf("bad error line %q", line)
			}
		}
	})
}
