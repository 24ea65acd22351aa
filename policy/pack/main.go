// Command pack is the landing zones' Pulumi policy pack: every rule of policy/catalog as a policy, run by
// the Pulumi engine over each resource (resource rules) and over the whole stack (stack rules).
//
// It is thin on purpose: the rules, the stack context, the waivers (their scope, expiry and the rules
// that are never waivable) and the policy config are the same code cmd/lz runs offline, so the engine's
// verdicts and the offline reports agree rule for rule. It serves the analyzer protocol itself (see
// server.go) so that it can see the whole policy config and refuse one that loosens what the catalogue
// guarantees.
package main

import (
	"fmt"
	"os"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

func main() {
	if err := serve(func(ctx *pulumi.Context) (*env, policyx.PolicyPack, error) {
		e := loadEnv(ctx)
		p, err := newPack(e)
		return e, p, err
	}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
