package outputs_test

import (
	"reflect"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/internal/outputs"
)

type sample struct {
	pulumi.ResourceState
	Provider pulumi.ProviderResource
	ID       pulumi.StringOutput    `pulumi:"id"`
	Tables   pulumi.StringMapOutput `pulumi:"tables"`
	Count    int
	unexp    pulumi.StringOutput      `pulumi:"hidden"` //nolint:unused // proves unexported fields are skipped
	Subnets  pulumi.StringArrayOutput `pulumi:"subnets"`
}

type notOutput struct {
	Name string `pulumi:"name"`
}

func TestNames(t *testing.T) {
	t.Parallel()
	assert.Equal(t, []outputs.Name{{"ID", "id"}, {"Tables", "tables"}, {"Subnets", "subnets"}}, outputs.Names(reflect.TypeOf(&sample{})))
}

func TestMap(t *testing.T) {
	t.Parallel()
	s := &sample{
		ID:      pulumi.String("x").ToStringOutput(),
		Tables:  pulumi.StringMap{}.ToStringMapOutput(),
		Subnets: pulumi.StringArray{}.ToStringArrayOutput(),
	}
	m, err := outputs.Map(s)
	require.NoError(t, err)
	assert.Len(t, m, 3)
	assert.Equal(t, s.ID, m["id"])
	assert.Equal(t, s.Subnets, m["subnets"])
}

func TestMapErrors(t *testing.T) {
	t.Parallel()
	_, err := outputs.Map(&sample{ID: pulumi.String("x").ToStringOutput(), Subnets: pulumi.StringArray{}.ToStringArrayOutput()})
	assert.EqualError(t, err, `outputs: sample.Tables ("tables") was never set: every declared output must be`)
	_, err = outputs.Map(&notOutput{Name: "n"})
	assert.EqualError(t, err, `outputs: notOutput.Name ("name") is a string: allowed a pulumi output`)
	_, err = outputs.Map(sample{})
	assert.EqualError(t, err, `outputs: outputs_test.sample is not a pointer to a component struct`)
}
