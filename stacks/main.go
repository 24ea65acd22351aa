// Command stacks is THE Pulumi program of the police landing zones: one program, one stack per landing
// zone foundation or tier (see the Pulumi.<stack>.yaml files beside it).
//
// It reads the stack's "landingzone:" configuration into a typed, validated config.Stack and stops,
// before any resource is registered, if anything is wrong, reporting every problem at once. Then it
// builds the stack's components (internal/program).
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/policecloud/landingzones/internal/program"
)

func main() { pulumi.Run(program.Run) }
