package azurelz_test

import (
	"regexp"
	"slices"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/azurelz"
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/lztest"
)

// The names Azure requires to be unique across all of Azure, and the rules each must follow.
var globalNames = map[string]struct {
	input string
	valid *regexp.Regexp
}{
	// 3 to 24 lower-case letters and digits.
	"azure-native:storage:StorageAccount": {"accountName", regexp.MustCompile(`^[a-z0-9]{3,24}$`)},
	// 3 to 24 letters, digits and hyphens; starts with a letter, ends with a letter or digit, no "--".
	"azure-native:keyvault:Vault": {"vaultName", regexp.MustCompile(`^[a-zA-Z](?:[a-zA-Z0-9]|-[a-zA-Z0-9]){2,23}$`)},
}

// landingZoneNames runs a copy of the Met landing zone (foundation and every tier, with the same
// component names) in a subscription and stack and returns its globally unique names.
func landingZoneNames(t *testing.T, subscription, stack string) []string {
	t.Helper()
	c := lztest.New(lztest.Options{Stack: stack, AzureSubscription: subscription})
	require.NoError(t, c.Run(func(ctx *pulumi.Context) error {
		if _, err := azurelz.NewFoundation(ctx, "met-foundation", foundationArgs(metStack(t, "met-foundation"))); err != nil {
			return err
		}
		for _, tr := range tier.All() {
			if _, err := azurelz.NewTierEnvironment(ctx, "met-"+string(tr), tierArgs(tierStack(t, tr))); err != nil {
				return err
			}
		}
		return nil
	}))
	var names []string
	for typ, rule := range globalNames {
		for _, r := range c.Find(typ) {
			name := r.Get(rule.input).AsString()
			assert.Regexp(t, rule.valid, name, "%s: %s is not a valid name", r.URN, rule.input)
			names = append(names, name)
		}
	}
	slices.Sort(names)
	assert.Len(t, names, 4+3*2, "the foundation's vault and three storage accounts; each tier's vault and evidence account")
	return names
}

// TestGloballyUniqueNames: two forces that copy the same program into their own subscriptions, and one
// force's two stacks, get no storage account or Key Vault name in common; the same stack in the same
// subscription keeps its names from run to run.
func TestGloballyUniqueNames(t *testing.T) {
	t.Parallel()
	const kent, essex = "11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222"
	first := landingZoneNames(t, kent, "prod")
	assert.Equal(t, first, landingZoneNames(t, kent, "prod"), "stable: the same subscription and stack give the same names")
	for what, other := range map[string][]string{
		"another force's subscription": landingZoneNames(t, essex, "prod"),
		"another stack":                landingZoneNames(t, kent, "dr"),
	} {
		seen := map[string]bool{}
		for _, n := range first {
			assert.False(t, seen[n], "%s is used twice in one landing zone", n)
			seen[n] = true
		}
		for _, n := range other {
			assert.False(t, seen[n], "%s: %s collides", what, n)
		}
	}
}
