// Package program is the Pulumi program of every landing zone stack. stacks/main.go runs it under the
// Pulumi engine; cmd/lz runs it in-process under a mock engine for the offline plan; the real-engine
// tests run it as an inline Automation API program. One program, three ways to run it, the same
// resources each time.
package program

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/policecloud/landingzones/components/config"
	"github.com/policecloud/landingzones/internal/stackctx"
)

// Run reads and validates the stack's "landingzone:" configuration, builds the stack's components and
// exports their outputs. Invalid configuration stops it before any resource is registered, with every
// problem listed.
func Run(ctx *pulumi.Context) error {
	st, err := stackctx.Load(ctx)
	if err != nil {
		return fmt.Errorf("stack %s: invalid landingzone: configuration (check offline with `go run ./cmd/lz validate --stack %s`):\n%w",
			ctx.Stack(), ctx.Stack(), err)
	}
	outputs, err := Deploy(ctx, st)
	if err != nil {
		return err
	}
	for k, v := range outputs {
		ctx.Export(k, v)
	}
	return nil
}

// Deploy builds the components of a validated stack and returns the stack outputs (the values tier
// stacks read from their foundation by StackReference).
func Deploy(ctx *pulumi.Context, st *config.Stack) (pulumi.Map, error) {
	var (
		out pulumi.Map
		err error
	)
	switch st.Cloud {
	case config.CloudAWS:
		out, err = deployAWS(ctx, st)
	case config.CloudAzure:
		out, err = deployAzure(ctx, st)
	default:
		return nil, fmt.Errorf("stack %s: cloud %q has no components", st.Name, st.Cloud)
	}
	if err != nil {
		return nil, fmt.Errorf("stack %s: %w", st.Name, err)
	}
	if out == nil {
		out = pulumi.Map{}
	}
	out["cloud"] = pulumi.String(string(st.Cloud))
	out["landingZone"] = pulumi.String(st.LandingZone)
	out["role"] = pulumi.String(string(st.Role))
	out["tier"] = pulumi.String(string(st.Tier))
	out["region"] = pulumi.String(st.Region)
	return out, nil
}
