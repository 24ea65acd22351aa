// Command pack is the landing zones' Pulumi policy pack: every rule of policy/catalog as a policy, run by
// the Pulumi engine over each resource (resource rules) and over the whole stack (stack rules).
//
// It is thin on purpose: the rules, the stack context and the waivers are the same code cmd/lz runs
// offline, so the engine's verdicts and the offline reports agree rule for rule.
package main

import (
	"fmt"
	"os"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

func main() {
	if err := policyx.Main(func(ctx *pulumi.Context) (policyx.PolicyPack, error) {
		return newPack(loadEnv(ctx))
	}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
