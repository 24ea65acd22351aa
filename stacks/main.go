// Command stacks is THE Pulumi program of the police landing zones: one program, one stack per landing
// zone foundation or tier (see the Pulumi.<stack>.yaml files beside it).
//
// It reads the stack's "landingzone:" configuration into a typed, validated config.Stack and stops,
// before any resource is registered, if anything is wrong, reporting every problem at once. The cloud
// components (awslz, azurelz) are wired in later; for now the program exports the resolved values.
package main

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/policecloud/landingzones/internal/stackctx"
)

func main() { pulumi.Run(program) }

// program validates the configuration, then (later) builds the stack's components.
func program(ctx *pulumi.Context) error {
	st, err := stackctx.Load(ctx)
	if err != nil {
		return fmt.Errorf("stack %s: invalid landingzone: configuration (check offline with `go run ./cmd/lz validate --stack %s`):\n%w",
			ctx.Stack(), ctx.Stack(), err)
	}
	// The awslz / azurelz Foundation and TierEnvironment components arrive later; they will take st
	// (profile, plan, tags) as their arguments. Until then the stack exports what it resolved.
	ctx.Export("cloud", pulumi.String(string(st.Cloud)))
	ctx.Export("landingZone", pulumi.String(st.LandingZone))
	ctx.Export("role", pulumi.String(string(st.Role)))
	ctx.Export("tier", pulumi.String(string(st.Tier)))
	ctx.Export("region", pulumi.String(st.Region))
	ctx.Export("supernet", pulumi.String(st.Supernet.String()))
	return nil
}
