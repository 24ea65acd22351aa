package program

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/policecloud/landingzones/components/config"
)

// deployAzure builds an Azure landing zone stack (met-*): the foundation or one tier environment.
func deployAzure(_ *pulumi.Context, _ *config.Stack) (pulumi.Map, error) {
	return pulumi.Map{}, nil
}
