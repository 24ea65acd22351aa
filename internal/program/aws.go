package program

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/policecloud/landingzones/components/config"
)

// deployAWS builds an AWS landing zone stack (pos-*): the foundation or one tier environment.
func deployAWS(_ *pulumi.Context, _ *config.Stack) (pulumi.Map, error) {
	return pulumi.Map{}, nil
}
