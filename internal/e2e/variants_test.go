package e2e

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/config"
	"github.com/policecloud/landingzones/internal/mockcloud"
	"github.com/policecloud/landingzones/internal/stackctx"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/catalog"
)

// offline runs a variant under the mock cloud with its stack's configuration and evaluates every rule.
func offline(t *testing.T, v Variant, preview bool) policy.Evaluation {
	t.Helper()
	_, raw, err := config.ReadFile(filepath.Join("..", "..", "stacks", "Pulumi."+v.ConfigStack+".yaml"))
	require.NoError(t, err)
	st, err := config.Load(v.Name, raw)
	require.NoError(t, err)
	cfg := map[string]string{}
	for k, val := range raw {
		cfg[config.Namespace+":"+k] = val
	}
	cloud := mockcloud.New(mockcloud.Options{Project: mockcloud.DefaultProject, Stack: v.Name, Config: cfg, Preview: preview})
	require.NoError(t, cloud.Run(v.Program))
	return policy.Evaluate(stackctx.FromStack(st), cloud.Resources(), catalog.Options(nil))
}

// blockingIDs returns the sorted, distinct rule IDs of the blocking findings.
func blockingIDs(ev policy.Evaluation) []string {
	var ids []string
	for _, f := range ev.Blocking() {
		if !slices.Contains(ids, f.RuleID) {
			ids = append(ids, f.RuleID)
		}
	}
	slices.Sort(ids)
	return ids
}

// refusedBeforeCreate reports whether a blocking finding of a resource rule names the resource with
// logical name faulty: the engine checks resource rules before it creates a resource, stack rules only
// after an update's steps.
func refusedBeforeCreate(ev policy.Evaluation, faulty string) bool {
	stack := map[string]bool{}
	for _, r := range catalog.StackRules() {
		stack[r.ID] = true
	}
	for _, f := range ev.Blocking() {
		if !stack[f.RuleID] && f.ResourceName == faulty {
			return true
		}
	}
	return false
}

// TestVariantsOffline proves, without the engine, that each baseline passes every mandatory rule and each
// variant fails exactly its Want rules, at preview and at update, and that a resource rule names the
// resource at fault exactly when the variant says its fault is refused before create.
func TestVariantsOffline(t *testing.T) {
	t.Parallel()
	for _, v := range Variants() {
		for _, preview := range []bool{true, false} {
			t.Run(v.Name, func(t *testing.T) {
				t.Parallel()
				ev := offline(t, v, preview)
				assert.Equal(t, v.Want, blockingIDs(ev), "preview=%t\n%s", preview, mockcloud.Describe(ev.Blocking()))
				if len(v.Want) > 0 {
					assert.Equal(t, !v.AfterCreate, refusedBeforeCreate(ev, v.Faulty), "preview=%t: %s refused before create\n%s",
						preview, v.Faulty, mockcloud.Describe(ev.Blocking()))
				}
			})
		}
	}
}
