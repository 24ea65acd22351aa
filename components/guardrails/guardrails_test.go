package guardrails

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/catalog"
	"github.com/policecloud/landingzones/policy/semantic"
	"github.com/policecloud/landingzones/policy/waiverfile"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// testNow is the day the fixture waiver file is read on.
var testNow = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

func testAWSParams() AWSParams {
	return AWSParams{
		LogArchiveBucketARN: "arn:aws:s3:::pclz-pos-log-archive",
		LogArchiveKeyARNs:   []string{"arn:aws:kms:eu-west-2:111122223333:key/0a1b2c3d-1111-2222-3333-444455556666"},
		ExemptPrincipalARNs: []string{"arn:aws:iam::*:role/pclz-org-admin"},
	}
}

func testAzureParams() AzureParams {
	return AzureParams{
		RootManagementGroup: "pclz-met",
		AuditWorkspaceID:    "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/met-audit/providers/Microsoft.OperationalInsights/workspaces/met-audit",
		IdentityLocation:    "uksouth",
	}
}

func testSCPs(t *testing.T) []SCP {
	t.Helper()
	scps, err := AWSServiceControlPolicies(DefaultFacts(), testAWSParams())
	require.NoError(t, err)
	return scps
}

func testAzure(t *testing.T) AzurePolicySet {
	t.Helper()
	set, err := AzurePolicies(DefaultFacts(), testAzureParams())
	require.NoError(t, err)
	return set
}

// testScope resolves a waiver's resource to an ARM ID in the fixture subscription.
func testScope(w policy.Waiver) (string, error) {
	name := w.Resource[strings.LastIndex(w.Resource, ":")+1:]
	return "/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/met-bronze/providers/Microsoft.Storage/storageAccounts/" +
		strings.ReplaceAll(name, "-", ""), nil
}

func testRegister(t *testing.T) ExemptionRegister {
	t.Helper()
	f, err := waiverfile.Load("testdata/met-bronze.yaml", waiverfile.Rules(catalog.Metas()), testNow)
	require.NoError(t, err)
	reg, err := Exemptions(testAzure(t), f.Waivers, testScope, nil, testNow)
	require.NoError(t, err)
	return reg
}

// goldens returns every generated document under its golden file name.
func goldens(t *testing.T) map[string]any {
	t.Helper()
	out := map[string]any{}
	for _, s := range testSCPs(t) {
		out[filepath.Join("aws", s.Name+".json")] = s
	}
	set := testAzure(t)
	for _, d := range set.Definitions {
		out[filepath.Join("azure", "definitions", d.Name+".json")] = d
	}
	for _, a := range set.Assignments {
		out[filepath.Join("azure", "assignments", a.Name+".json")] = a
	}
	out[filepath.Join("azure", "exemptions.json")] = testRegister(t)
	out["controls.json"] = map[string]any{"controls": Controls(), "unenforceable": Unenforceables()}
	return out
}

func TestGolden(t *testing.T) {
	docs := goldens(t)
	root := filepath.Join("testdata", "golden")
	if *update {
		require.NoError(t, os.RemoveAll(root))
	}
	for name, v := range docs {
		got, err := CanonicalJSON(v)
		require.NoError(t, err)
		path := filepath.Join(root, name)
		if *update {
			require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
			require.NoError(t, os.WriteFile(path, got, 0o644))
			continue
		}
		want, err := os.ReadFile(path)
		require.NoError(t, err, "missing golden file; run go test ./components/guardrails -run TestGolden -update")
		assert.Equal(t, string(want), string(got), "%s differs from what the facts generate; rerun with -update and review the diff", path)
	}
	// No golden file is left over from a document no longer generated.
	require.NoError(t, filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		assert.Contains(t, docs, rel, "stale golden file %s", path)
		return nil
	}))
}

// TestSCPsAreValidIAM parses every SCP with policy/semantic's IAM parser: every statement known, a Deny,
// with an action or NotAction and a resource, and the document within MaxSCPSize.
func TestSCPsAreValidIAM(t *testing.T) {
	t.Parallel()
	scps := testSCPs(t)
	require.NotEmpty(t, scps)
	for _, s := range scps {
		doc, k, err := semantic.ParseIAMJSON(s.JSON())
		require.NoError(t, err, s.Name)
		assert.Equal(t, policy.Present, k, s.Name)
		assert.LessOrEqual(t, len(s.JSON()), MaxSCPSize, s.Name)
		require.Len(t, doc.Statements, len(s.Document.Statement), s.Name)
		sids := map[string]bool{}
		for _, st := range doc.Statements {
			assert.Equal(t, "Deny", st.Effect, "%s %s", s.Name, st.Label)
			assert.False(t, st.Unknown, "%s %s", s.Name, st.Label)
			assert.True(t, st.HasResource, "%s %s", s.Name, st.Label)
			assert.True(t, len(st.Action) > 0 || len(st.NotAction) > 0, "%s %s", s.Name, st.Label)
			assert.False(t, sids[st.Label], "duplicate Sid %s in %s", st.Label, s.Name)
			sids[st.Label] = true
		}
		assert.Equal(t, "2012-10-17", s.Document.Version)
		assert.NotEmpty(t, s.Controls, s.Name)
	}
}

func TestSCPTargets(t *testing.T) {
	t.Parallel()
	var names []string
	for _, s := range testSCPs(t) {
		names = append(names, s.Target+":"+s.Name)
	}
	// Only Bronze's profile (no internet egress, isolated) gives a tier SCP.
	assert.Equal(t, []string{"root:pclz-region-deny", "root:pclz-protect-audit", "bronze:pclz-tier-bronze"}, names)
}

func TestSplitSCP(t *testing.T) {
	t.Parallel()
	var stmts []Statement
	for i := range 60 {
		stmts = append(stmts, Statement{Sid: fmt.Sprintf("S%02d", i), Effect: "Deny",
			Action: []string{fmt.Sprintf("ec2:CreateSomethingQuiteLongToFillTheDocument%02d", i), "ec2:AnotherLongActionNameForSize"}, Resource: []string{"*"}})
	}
	parts, err := splitSCP("big", RootTarget, "d", []string{ControlRegion}, stmts)
	require.NoError(t, err)
	require.Greater(t, len(parts), 1)
	var got []Statement
	for i, p := range parts {
		assert.Equal(t, fmt.Sprintf("big-%d", i+1), p.Name)
		assert.LessOrEqual(t, len(p.JSON()), MaxSCPSize)
		got = append(got, p.Document.Statement...)
		if i+1 < len(parts) {
			// Greedy: the next part's first statement would not have fitted.
			withNext := p
			withNext.Document.Statement = append(slices.Clone(p.Document.Statement), parts[i+1].Document.Statement[0])
			assert.Greater(t, len(withNext.JSON()), MaxSCPSize)
		}
	}
	assert.Equal(t, stmts, got, "every statement kept, in order")

	one, err := splitSCP("small", RootTarget, "d", nil, stmts[:2])
	require.NoError(t, err)
	require.Len(t, one, 1)
	assert.Equal(t, "small", one[0].Name)

	var huge []string
	for i := range 400 {
		huge = append(huge, fmt.Sprintf("ec2:Action%04d", i))
	}
	_, err = splitSCP("huge", RootTarget, "d", nil, []Statement{{Sid: "Huge", Effect: "Deny", Action: huge, Resource: []string{"*"}}})
	require.Error(t, err)
	assert.Regexp(t, `^scp huge: statement Huge: is \d+ characters on its own; an SCP may have at most 5120$`, err.Error())
}

func TestAWSErrors(t *testing.T) {
	t.Parallel()
	good := testAWSParams()
	cases := []struct {
		name string
		f    func(*Facts, *AWSParams)
		want string
	}{
		{"no regions", func(f *Facts, _ *AWSParams) { f.AWSRegions = nil }, "facts: AWSRegions: is empty; list at least one AWS region (default eu-west-2)"},
		{"bad region", func(f *Facts, _ *AWSParams) { f.AWSRegions = []string{"eu-west-2", "London"} }, `facts: AWSRegions[1]: "London" is not an AWS region name (like eu-west-2)`},
		{"no locations", func(f *Facts, _ *AWSParams) { f.AzureLocations = nil }, "facts: AzureLocations: is empty; list at least one Azure location (default uksouth, ukwest)"},
		{"bad location", func(f *Facts, _ *AWSParams) { f.AzureLocations = []string{"UK South"} }, `facts: AzureLocations[0]: "UK South" is not an Azure location name (lower case, like uksouth)`},
		{"no profiles", func(f *Facts, _ *AWSParams) { f.Profiles = nil }, "facts: Profiles: is empty; give the tier profiles (tier.Profiles())"},
		{"bad tier", func(f *Facts, _ *AWSParams) { f.Profiles[0].Tier = "silver" }, `facts: Profiles[0].Tier: "silver" is not a tier; allowed: platinum, gold, bronze`},
		{"no bucket", func(_ *Facts, p *AWSParams) { p.LogArchiveBucketARN = "" }, "aws params: LogArchiveBucketARN: is empty; give the log-archive bucket's ARN (arn:aws:s3:::<bucket>)"},
		{"object ARN", func(_ *Facts, p *AWSParams) { p.LogArchiveBucketARN = "arn:aws:s3:::logs/*" }, `aws params: LogArchiveBucketARN: "arn:aws:s3:::logs/*" is not a bucket ARN; want arn:aws:s3:::<bucket>`},
		{"no keys", func(_ *Facts, p *AWSParams) { p.LogArchiveKeyARNs = nil }, "aws params: LogArchiveKeyARNs: is empty; give the ARN of every KMS key that encrypts the log archive"},
		{"alias not key", func(_ *Facts, p *AWSParams) {
			p.LogArchiveKeyARNs = []string{"arn:aws:kms:eu-west-2:111122223333:alias/logs"}
		}, `aws params: LogArchiveKeyARNs[0]: "arn:aws:kms:eu-west-2:111122223333:alias/logs" is not a KMS key ARN; want arn:aws:kms:<region>:<account>:key/<id>`},
		{"user not role", func(_ *Facts, p *AWSParams) { p.ExemptPrincipalARNs = []string{"arn:aws:iam::111122223333:user/admin"} }, `aws params: ExemptPrincipalARNs[0]: "arn:aws:iam::111122223333:user/admin" is not an IAM role ARN pattern; want arn:aws:iam::<account or *>:role/<name>`},
		{"every role", func(_ *Facts, p *AWSParams) { p.ExemptPrincipalARNs = []string{"arn:aws:iam::*:role/*"} }, `aws params: ExemptPrincipalARNs[0]: "arn:aws:iam::*:role/*" exempts every role; name the organisation's automation role`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			f, p := DefaultFacts(), good
			p.LogArchiveKeyARNs = slices.Clone(good.LogArchiveKeyARNs)
			c.f(&f, &p)
			_, err := AWSServiceControlPolicies(f, p)
			require.Error(t, err)
			assert.Equal(t, c.want, err.Error())
		})
	}
}

func TestSCPWithoutExemptPrincipals(t *testing.T) {
	t.Parallel()
	p := testAWSParams()
	p.ExemptPrincipalARNs = nil
	scps, err := AWSServiceControlPolicies(DefaultFacts(), p)
	require.NoError(t, err)
	for _, s := range scps {
		assert.NotContains(t, s.JSON(), "ArnNotLike", s.Name)
	}
}
