// Package stackctx builds the rules' view of a stack (policy.Context) from the stack's typed config. The
// policy pack and cmd/lz both call it, so the rules decide alike inside the Pulumi engine and offline
// (docs/adr/0001).
package stackctx

import (
	"github.com/policecloud/landingzones/components/config"
	"github.com/policecloud/landingzones/policy"
)

// FromStack returns the policy context of a validated stack. Its Network is the stack's network intent
// (config.Stack.Intent), the same the components are built from.
func FromStack(s *config.Stack) *policy.Context {
	ctx := policy.NewContext(s.Name, s.Tier)
	ctx.Cloud = string(s.Cloud)
	ctx.Role = string(s.Role)
	in := s.Intent()
	ctx.Network = &in
	return ctx
}

// Config is where a stack's config is read: a Pulumi program's or policy pack's *pulumi.Context. It is an
// interface so that the commands that only read stack files (lz check, validate) do not link the Pulumi
// program SDK and pay for starting it.
type Config interface {
	GetConfig(key string) (string, bool)
	Stack() string
}

// Raw reads every landing-zone key from a Pulumi program's (or policy pack's) config into the raw map
// config.Load takes. Absent and empty keys are left out. A program can only ask for keys it knows, so
// misspelt keys are caught by `lz validate`, which reads the stack file itself.
func Raw(ctx Config) map[string]string {
	raw := map[string]string{}
	for _, k := range config.KnownKeys() {
		if v, ok := ctx.GetConfig(config.Namespace + ":" + k); ok && v != "" {
			raw[k] = v
		}
	}
	return raw
}

// Load reads and validates the stack's config from a Pulumi context.
func Load(ctx Config) (*config.Stack, error) {
	return config.Load(ctx.Stack(), Raw(ctx))
}
