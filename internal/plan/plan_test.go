package plan

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/config"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/waiverfile"
)

const repoStacks = "../../stacks"

var evalDay = time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)

const (
	typBucket   = "aws:s3/bucketV2:BucketV2"
	typProvider = "pulumi:providers:aws"
)

// counter counts program runs by stack.
type counter struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *counter) add(stack string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.n == nil {
		c.n = map[string]int{}
	}
	c.n[stack]++
}

func (c *counter) get(stack string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n[stack]
}

// bucketProgram is a small stand-in for the landing zone program: an explicit AWS provider in the
// stack's region, one bucket without encryption tagged like every resource of the stack, and, in a tier
// stack, the foundation's "foundationBucket" output read through a StackReference and exported again.
func bucketProgram(runs *counter) Program {
	return func(ctx *pulumi.Context, st *config.Stack) (pulumi.Map, error) {
		runs.add(st.Name)
		region, _ := ctx.GetConfig("aws:region")
		var prov struct{ pulumi.ProviderResourceState }
		if err := ctx.RegisterResource(typProvider, "uk", pulumi.Map{"region": pulumi.String(region)}, &prov); err != nil {
			return nil, err
		}
		var bucket struct{ pulumi.CustomResourceState }
		if err := ctx.RegisterResource(typBucket, st.Name+"-evidence", pulumi.Map{"tags": pulumi.ToStringMap(st.Tags())},
			&bucket, pulumi.Provider(&prov), pulumi.Protect(true), pulumi.RetainOnDelete(true)); err != nil {
			return nil, err
		}
		out := pulumi.Map{"foundationBucket": bucket.ID()}
		if st.FoundationStack != "" {
			ref, err := pulumi.NewStackReference(ctx, "foundation", &pulumi.StackReferenceArgs{Name: pulumi.String(st.FoundationStack)})
			if err != nil {
				return nil, err
			}
			out["foundationBucket"] = ref.GetStringOutput(pulumi.String("foundationBucket"))
		}
		return out, nil
	}
}

func findings(ev policy.Evaluation, ruleID, urnSuffix string) []policy.Finding {
	var out []policy.Finding
	for _, f := range ev.Findings {
		if f.RuleID == ruleID && strings.HasSuffix(f.URN, urnSuffix) {
			out = append(out, f)
		}
	}
	return out
}

func TestRunTierStackResolvesFoundation(t *testing.T) {
	t.Parallel()
	runs := &counter{}
	res, err := Run("pos-gold", Options{StacksDir: repoStacks, Now: evalDay, Program: bucketProgram(runs)})
	require.NoError(t, err)
	assert.Equal(t, 1, runs.get("pos-foundation"), "the foundation is planned once")
	assert.Equal(t, 1, runs.get("pos-gold"))

	assert.Equal(t, "pos-gold", res.Stack.Name)
	assert.Equal(t, "pos-gold", res.Context.Stack)
	assert.Equal(t, "aws", res.Context.Cloud)
	assert.Equal(t, "tier", res.Context.Role)
	assert.EqualValues(t, "gold", res.Context.Tier)
	require.NotNil(t, res.Context.Network)

	// The foundation's bucket name reached the tier stack through the StackReference.
	assert.Regexp(t, `^pos-foundation-evidence-[0-9a-f]{7}$`, res.Outputs["foundationBucket"])

	var bucket *policy.Resource
	for _, r := range res.Resources {
		if r.Type == typBucket {
			bucket = r
		}
	}
	require.NotNil(t, bucket)
	assert.Equal(t, "urn:pulumi:pos-gold::police-landing-zones::aws:s3/bucketV2:BucketV2::pos-gold-evidence", bucket.URN)
	require.NotNil(t, bucket.Provider)
	assert.Equal(t, "eu-west-2", bucket.ProviderGet("region").AsString(), "aws:region reaches the program from the stack file")
	assert.True(t, bucket.Protect)

	enc := findings(res.Evaluation, "PCLZ-AWS-ENC-001", "::pos-gold-evidence")
	require.Len(t, enc, 1)
	assert.Equal(t, policy.StatusFail, enc[0].Status)
	assert.Equal(t, "bucket has no server-side encryption configuration; add a BucketServerSideEncryptionConfigurationV2 "+
		"with sseAlgorithm aws:kms, a customer-managed KMS key and bucketKeyEnabled true", enc[0].Message)
	tags := findings(res.Evaluation, "PCLZ-COM-TAG-001", "::pos-gold-evidence")
	require.Len(t, tags, 1)
	assert.Equal(t, policy.StatusPass, tags[0].Status, tags[0].Message)
	assert.NotEmpty(t, res.Evaluation.Blocking())
}

func TestRunCachesFoundation(t *testing.T) {
	t.Parallel()
	runs := &counter{}
	p := newPlanner()
	opts := Options{StacksDir: repoStacks, Now: evalDay, Program: bucketProgram(runs)}
	for _, s := range []string{"pos-platinum", "pos-gold", "pos-bronze", "pos-foundation", "pos-gold"} {
		_, err := p.run(s, opts)
		require.NoError(t, err, s)
	}
	assert.Equal(t, 1, runs.get("pos-foundation"))
	assert.Equal(t, 1, runs.get("pos-gold"))
	opts.Preview = true
	_, err := p.run("pos-gold", opts)
	require.NoError(t, err)
	assert.Equal(t, 2, runs.get("pos-foundation"), "a preview is a different run")
}

func TestRunRealProgram(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"pos-platinum", "met-bronze"} {
		res, err := Run(s, Options{StacksDir: repoStacks})
		require.NoError(t, err, s)
		assert.Equal(t, string(res.Stack.Cloud), res.Outputs["cloud"], s)
		assert.Equal(t, string(res.Stack.Tier), res.Outputs["tier"], s)
		assert.NotEmpty(t, res.Evaluation.Findings, s)
	}
}

// copyStacks copies the repository's stack files into a new directory.
func copyStacks(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files, err := filepath.Glob(filepath.Join(repoStacks, "Pulumi.*.yaml"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o600))
	}
	return dir
}

func replaceIn(t *testing.T, path, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Contains(t, string(b), old)
	require.NoError(t, os.WriteFile(path, []byte(strings.Replace(string(b), old, new, 1)), 0o600))
}

func TestRunBadConfig(t *testing.T) {
	t.Parallel()
	dir := copyStacks(t)
	replaceIn(t, StackFile(dir, "pos-gold"), "landingzone:region: eu-west-2", "landingzone:region: us-east-1")
	replaceIn(t, StackFile(dir, "pos-gold"), "landingzone:classification: OFFICIAL", "landingzone:classification: SECRET")
	runs := &counter{}
	_, err := Run("pos-gold", Options{StacksDir: dir, Program: bucketProgram(runs)})
	require.Error(t, err)
	var errs config.Errors
	require.ErrorAs(t, err, &errs)
	assert.Equal(t, []string{
		`landingzone:classification: "SECRET" is not allowed: this platform holds OFFICIAL and OFFICIAL-SENSITIVE only`,
		`landingzone:region: "us-east-1" is not allowed for cloud aws: allowed eu-west-2 (London)`,
	}, errs.Lines())
	assert.True(t, strings.HasPrefix(err.Error(), StackFile(dir, "pos-gold")+": "), err.Error())
	assert.Zero(t, runs.get("pos-gold"), "nothing is registered for a bad config")
	assert.Zero(t, runs.get("pos-foundation"))

	// A bad foundation stops the tier stack, naming the foundation's file.
	dir = copyStacks(t)
	replaceIn(t, StackFile(dir, "pos-foundation"), "landingzone:region: eu-west-2", "landingzone:region: us-east-1")
	_, err = Run("pos-gold", Options{StacksDir: dir, Program: bucketProgram(runs)})
	require.ErrorAs(t, err, &errs)
	assert.Equal(t, StackFile(dir, "pos-foundation")+`: landingzone:region: "us-east-1" is not allowed for cloud aws: allowed eu-west-2 (London)`, err.Error())
	assert.Zero(t, runs.get("pos-gold"))
}

func TestRunMissingStack(t *testing.T) {
	t.Parallel()
	_, err := Run("pos-silver", Options{StacksDir: repoStacks})
	require.Error(t, err)
	assert.True(t, errors.Is(err, fs.ErrNotExist), err.Error())
	var fe *config.FileError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, StackFile(repoStacks, "pos-silver"), fe.Path)
}

func TestRunProgramError(t *testing.T) {
	t.Parallel()
	_, err := Run("pos-foundation", Options{StacksDir: repoStacks, Program: func(*pulumi.Context, *config.Stack) (pulumi.Map, error) {
		return nil, errors.New("hub range is missing")
	}})
	var pe *ProgramError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "pos-foundation", pe.Stack)
	assert.Contains(t, err.Error(), "stack pos-foundation: the program failed under the mock cloud: ")
	assert.Contains(t, err.Error(), "hub range is missing")
}

func writeWaivers(t *testing.T, scope, resource string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "waivers.yaml")
	text := `version: 1
scope: ` + scope + `
waivers:
  - rule: PCLZ-AWS-ENC-001
    resource: "` + resource + `"
    justification: Evidence bucket is re-encrypted by the migration job until cut-over.
    approver: Jane Smith, Force SIRO
    riskRef: RISK-2026-014
    expires: 2026-12-31
`
	require.NoError(t, os.WriteFile(path, []byte(text), 0o600))
	return path
}

func TestRunWaivers(t *testing.T) {
	t.Parallel()
	for _, scope := range []string{"pos-bronze", "pos"} {
		res, err := Run("pos-bronze", Options{StacksDir: repoStacks, Now: evalDay, Program: bucketProgram(&counter{}),
			WaiverFile: writeWaivers(t, scope, "*-evidence")})
		require.NoError(t, err, scope)
		enc := findings(res.Evaluation, "PCLZ-AWS-ENC-001", "::pos-bronze-evidence")
		require.Len(t, enc, 1)
		assert.Equal(t, policy.StatusWaived, enc[0].Status, scope)
		require.Len(t, res.Evaluation.Waivers, 1)
		assert.Equal(t, []string{"urn:pulumi:pos-bronze::police-landing-zones::aws:s3/bucketV2:BucketV2::pos-bronze-evidence"}, res.Evaluation.Waivers[0].URNs)
		assert.Equal(t, "RISK-2026-014", res.Waivers.Waivers[0].RiskRef)
	}

	// After the expiry day the failure stands.
	res, err := Run("pos-bronze", Options{StacksDir: repoStacks, Now: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), Program: bucketProgram(&counter{}),
		WaiverFile: writeWaivers(t, "pos", "*-evidence")})
	require.NoError(t, err)
	enc := findings(res.Evaluation, "PCLZ-AWS-ENC-001", "::pos-bronze-evidence")
	require.Len(t, enc, 1)
	assert.Equal(t, policy.StatusFail, enc[0].Status)
	assert.True(t, enc[0].WaiverExpired)
}

func TestRunWaiverErrors(t *testing.T) {
	t.Parallel()
	path := writeWaivers(t, "met", "*")
	_, err := Run("pos-bronze", Options{StacksDir: repoStacks, Now: evalDay, Program: bucketProgram(&counter{}), WaiverFile: path})
	var se *ScopeError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, path+`: scope: the file is for "met", not stack "pos-bronze" or its landing zone "pos"`, err.Error())

	bad := filepath.Join(t.TempDir(), "waivers.yaml")
	require.NoError(t, os.WriteFile(bad, []byte("version: 2\nscope: pos\nwaivers: []\n"), 0o600))
	_, err = Run("pos-bronze", Options{StacksDir: repoStacks, Now: evalDay, Program: bucketProgram(&counter{}), WaiverFile: bad})
	var we *waiverfile.Error
	require.ErrorAs(t, err, &we)
	assert.Contains(t, err.Error(), bad+":1: version: ")
}

func TestOtherNamespaces(t *testing.T) {
	t.Parallel()
	got, err := otherNamespaces([]byte(`config:
  aws:region: eu-west-2
  aws:defaultTags:
    tags:
      Force: HO
  aws:secretKey:
    secure: v1:abc
  landingzone:tier: gold
  plain: x
`))
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"aws:region": "eu-west-2", "aws:defaultTags": `{"tags":{"Force":"HO"}}`, "aws:secretKey": SecretPlaceholder}, got)
}

// BenchmarkPlan plans the largest stack (pos-platinum: three availability zones) and its foundation from
// scratch each time: config, program under the mock cloud, and every rule.
func BenchmarkPlan(b *testing.B) {
	for b.Loop() {
		res, err := newPlanner().run("pos-platinum", Options{StacksDir: repoStacks, Now: evalDay})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(res.Resources)), "resources/op")
	}
}

// BenchmarkPlanStack plans each stack from scratch (a tier stack includes planning its foundation):
// the cost of `lz plan --stack NAME` after the build, per stack.
func BenchmarkPlanStack(b *testing.B) {
	for _, stack := range []string{"pos-org", "pos-foundation", "pos-platinum", "pos-gold", "pos-bronze", "met-org", "met-foundation", "met-platinum", "met-gold", "met-bronze"} {
		b.Run(stack, func(b *testing.B) {
			for b.Loop() {
				res, err := newPlanner().run(stack, Options{StacksDir: repoStacks, Now: evalDay})
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(len(res.Resources)), "resources/op")
			}
		})
	}
}
