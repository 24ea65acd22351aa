package awslz

import (
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/guardrails"
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/lztest"
	"github.com/policecloud/landingzones/policy"
)

const (
	testRootID       = "r-ab12"
	lookedUpRootID   = "r-cd34"
	adoptedAccountID = "333333333333"
	orgTypeOU        = "aws:organizations/organizationalUnit:OrganizationalUnit"
	orgTypeAccount   = "aws:organizations/account:Account"
	orgTypePolicy    = "aws:organizations/policy:Policy"
	orgTypeAttach    = "aws:organizations/policyAttachment:PolicyAttachment"
)

// orgArgs are valid organisation arguments: every tier, the Gold account adopted, the rest created.
func orgArgs() *OrganizationArgs {
	acct := func(n string) OrgAccount {
		return OrgAccount{Name: "pos-" + n, Email: "aws-pos-" + n + "@force.police.uk"}
	}
	gold := acct("gold")
	gold.ID = adoptedAccountID
	return &OrganizationArgs{
		LandingZone: "pos",
		Region:      "eu-west-2",
		RootID:      testRootID,
		Profiles:    tier.Profiles(),
		Accounts: map[string]OrgAccount{
			"platinum": acct("platinum"), "gold": gold, "bronze": acct("bronze"),
		},
		LogArchive:          acct("log-archive"),
		SecurityTooling:     acct("security"),
		Infrastructure:      acct("network"),
		LogArchiveBucketARN: "arn:aws:s3:::pos-audit",
		LogArchiveKeyARNs:   []string{"arn:aws:kms:eu-west-2:444444444444:key/0b6a2b8e-1111-4222-8333-444455556666"},
		ExemptPrincipalARNs: []string{"arn:aws:iam::*:role/pclz-org-admin"},
		Tags: map[string]string{
			"Force": "pos", "Tier": "Platinum", "Classification": "OFFICIAL", "Owner": "platform", "ManagedBy": "pulumi",
		},
	}
}

// orgMonitor is the test kit's mock cloud with AWS Organizations' getOrganization answered, and the
// import ID of each registration recorded.
type orgMonitor struct {
	*lztest.Cloud
	mu      sync.Mutex
	imports map[string]string // resource name -> import ID
	lookups int
}

func (m *orgMonitor) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	if args.Token == "aws:organizations/getOrganization:getOrganization" {
		m.mu.Lock()
		m.lookups++
		m.mu.Unlock()
		return resource.NewPropertyMapFromMap(map[string]any{
			"id":  "o-mock123456",
			"arn": "arn:aws:organizations::123456789012:organization/o-mock123456",
			"roots": []any{map[string]any{
				"id": lookedUpRootID, "name": "Root", "arn": "arn:aws:organizations::123456789012:root/o-mock123456/" + lookedUpRootID,
			}},
		}), nil
	}
	return m.Cloud.Call(args)
}

func (m *orgMonitor) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	if id := args.RegisterRPC.GetImportId(); id != "" {
		m.mu.Lock()
		m.imports[args.Name] = id
		m.mu.Unlock()
	}
	return m.Cloud.NewResource(args)
}

// runOrganization runs NewOrganization with orgArgs changed by mutate, under the mock cloud; withProvider
// gives the component the caller's provider for the management account.
func runOrganization(t *testing.T, mutate func(*OrganizationArgs), withProvider bool) (*orgMonitor, error) {
	t.Helper()
	return runOrganizationIn(t, lztest.Options{Stack: "pos-org"}, mutate, withProvider)
}

// runOrganizationIn is runOrganization under a mock cloud with opts (a preview, for instance).
func runOrganizationIn(t *testing.T, opts lztest.Options, mutate func(*OrganizationArgs), withProvider bool) (*orgMonitor, error) {
	t.Helper()
	m := &orgMonitor{Cloud: lztest.New(opts), imports: map[string]string{}}
	var orgErr error
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		args := orgArgs()
		if mutate != nil {
			mutate(args)
		}
		var ropts []pulumi.ResourceOption
		if withProvider {
			p, err := aws.NewProvider(ctx, "management", &aws.ProviderArgs{Region: pulumi.String("eu-west-2")})
			if err != nil {
				return err
			}
			ropts = append(ropts, pulumi.Provider(p))
		}
		_, orgErr = NewOrganization(ctx, "pos", args, ropts...)
		return orgErr
	}, pulumi.WithMocks(lztest.DefaultProject, opts.Stack, m), func(info *pulumi.RunInfo) { info.DryRun = opts.Preview })
	if orgErr != nil {
		return m, orgErr // NewOrganization's own error, unwrapped by the engine
	}
	return m, err
}

func TestPlanSCPAttachments(t *testing.T) {
	t.Parallel()
	all := tier.Profiles()
	scps, err := guardrails.AWSServiceControlPolicies(guardrails.DefaultFacts(), orgArgs().scpParams())
	require.NoError(t, err)
	for _, tt := range []struct {
		name     string
		profiles []tier.Profile
		scps     []guardrails.SCP
		want     []scpAttachment
		err      string
	}{
		{name: "the generated SCPs: root policies to the root, Bronze's to the Bronze unit", profiles: all, scps: scps, want: []scpAttachment{
			{Policy: "pclz-region-deny", Target: "root"},
			{Policy: "pclz-protect-audit", Target: "root"},
			{Policy: "pclz-tier-bronze", Target: "Bronze"},
		}},
		{name: "a tier policy goes to its own tier's unit", profiles: all,
			scps: []guardrails.SCP{{Name: "x", Target: "gold"}}, want: []scpAttachment{{Policy: "x", Target: "Gold"}}},
		{name: "no SCPs, no attachments", profiles: all},
		{name: "a tier policy for a tier the organisation has not", profiles: []tier.Profile{tier.MustProfile(tier.Gold)},
			scps: []guardrails.SCP{{Name: "pclz-tier-bronze", Target: "bronze"}},
			err:  `scp pclz-tier-bronze: target "bronze" is not a tier of the organisation's profiles`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := planSCPAttachments(tt.profiles, tt.scps)
			if tt.err != "" {
				require.EqualError(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

// scpParams returns the AWS parameters of the arguments' SCPs (guardrailParams).
func (a *OrganizationArgs) scpParams() guardrails.AWSParams {
	_, p := a.guardrailParams()
	return p
}

// TestOrganizationStructure: the units hang from the root, each account sits in its unit with the Tier
// and LandingZone tags and closeOnDeletion off, stateful options follow the profile, and only the
// adopted account is imported.
func TestOrganizationStructure(t *testing.T) {
	t.Parallel()
	m, err := runOrganization(t, nil, false)
	require.NoError(t, err)
	assert.Zero(t, m.lookups, "RootID given: no lookup")

	ouByID := map[string]string{}
	var units []string
	for _, r := range m.Find(orgTypeOU) {
		assert.Equal(t, testRootID, r.Get("parentId").AsString(), r.Name)
		ouByID[r.ID] = r.Get("name").AsString()
		units = append(units, r.Get("name").AsString())
	}
	assert.ElementsMatch(t, []string{"Security", "Infrastructure", "Platinum", "Gold", "Bronze"}, units)

	type acct struct{ ou, tier string }
	got := map[string]acct{}
	for _, r := range m.Find(orgTypeAccount) {
		name := r.Get("name").AsString()
		got[name] = acct{ouByID[r.Get("parentId").AsString()], r.Get("tags", "AccountTier").AsString()}
		assert.Equal(t, "pos", r.Get("tags", "LandingZone").AsString(), name)
		assert.False(t, r.Get("closeOnDeletion").AsBool(), name)
		assert.True(t, r.Get("closeOnDeletion").IsBool(), "%s: closeOnDeletion is set explicitly", name)
		prof := tier.MustProfile(tier.Platinum)
		if p, err := tier.Parse(strings.TrimPrefix(name, "pos-")); err == nil {
			prof = tier.MustProfile(p)
		}
		assert.Equal(t, prof.ProtectStateful, r.Protect, "%s protect", name)
		assert.Equal(t, prof.RetainStatefulOnDelete, r.RetainOnDelete, "%s retainOnDelete", name)
	}
	assert.Equal(t, map[string]acct{
		"pos-platinum": {"Platinum", "Platinum"}, "pos-gold": {"Gold", "Gold"}, "pos-bronze": {"Bronze", "Bronze"},
		"pos-log-archive": {"Security", "Platinum"}, "pos-security": {"Security", "Platinum"},
		"pos-network": {"Infrastructure", "Platinum"},
	}, got)
	assert.Equal(t, map[string]string{"pos-account-gold": adoptedAccountID}, m.imports, "only the adopted account is imported")
}

// TestOrganizationWithoutInfrastructure: the zero Infrastructure account declares none; the unit is
// still created.
func TestOrganizationWithoutInfrastructure(t *testing.T) {
	t.Parallel()
	m, err := runOrganization(t, func(a *OrganizationArgs) { a.Infrastructure = OrgAccount{} }, false)
	require.NoError(t, err)
	var names []string
	for _, r := range m.Find(orgTypeAccount) {
		names = append(names, r.Get("name").AsString())
	}
	assert.ElementsMatch(t, []string{"pos-platinum", "pos-gold", "pos-bronze", "pos-log-archive", "pos-security"}, names)
	assert.Len(t, m.Find(orgTypeOU), 5)
}

// TestOrganizationReadme: the README's argument table names every field of OrganizationArgs and the
// fields of OrgAccount.
func TestOrganizationReadme(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("README.md")
	require.NoError(t, err)
	readme := string(raw)
	i := strings.Index(readme, "## `NewOrganization`")
	require.GreaterOrEqual(t, i, 0, "README has a NewOrganization section")
	section := readme[i:]
	section = section[:strings.Index(section[1:], "\n## ")+1]
	for _, typ := range []reflect.Type{reflect.TypeOf(OrganizationArgs{}), reflect.TypeOf(OrgAccount{})} {
		for f := range typ.Fields() {
			assert.Contains(t, section, "`"+f.Name+"`", "README's NewOrganization section documents %s.%s", typ.Name(), f.Name)
		}
	}
}

// TestOrganizationSCPs: every SCP guardrails generates is registered with its document, and attached
// where the planner says: the region deny and audit protection to the root, the Bronze SCP to the
// Bronze unit, nothing to Platinum or Gold (their profiles have internet egress).
func TestOrganizationSCPs(t *testing.T) {
	t.Parallel()
	m, err := runOrganization(t, nil, false)
	require.NoError(t, err)
	// The documents name the two log archive keys the component created, beside the argument's.
	var keys []string
	for _, k := range m.Find("aws:kms/key:Key") {
		if k.Provider.Name == "pos-log-archive" {
			keys = append(keys, "arn:aws:kms:eu-west-2:"+logArchiveID(t, m)+":key/"+k.ID)
		}
	}
	require.Len(t, keys, 2)
	f, p := orgArgs().guardrailParams(keys...)
	scps, err := guardrails.AWSServiceControlPolicies(f, p)
	require.NoError(t, err)
	content := map[string]string{}
	for _, s := range scps {
		content[s.Name] = s.JSON()
	}

	policyByID := map[string]string{}
	for _, r := range m.Find(orgTypePolicy) {
		name := r.Get("name").AsString()
		policyByID[r.ID] = name
		assert.Equal(t, "SERVICE_CONTROL_POLICY", r.Get("type").AsString(), name)
		assert.Equal(t, content[name], r.Get("content").AsString(), name)
	}
	assert.Len(t, policyByID, len(scps))
	targetName := map[string]string{testRootID: "root"}
	for _, r := range m.Find(orgTypeOU) {
		targetName[r.ID] = r.Get("name").AsString()
	}
	var got []scpAttachment
	for _, r := range m.Find(orgTypeAttach) {
		got = append(got, scpAttachment{Policy: policyByID[r.Get("policyId").AsString()], Target: targetName[r.Get("targetId").AsString()]})
	}
	assert.ElementsMatch(t, []scpAttachment{
		{Policy: "pclz-region-deny", Target: "root"},
		{Policy: "pclz-protect-audit", Target: "root"},
		{Policy: "pclz-tier-bronze", Target: "Bronze"},
	}, got)
	assert.Contains(t, content["pclz-protect-audit"], `"arn:aws:s3:::pos-audit/*"`, "the log archive bucket is protected")
	for _, k := range keys {
		assert.Contains(t, content["pclz-protect-audit"], strconv.Quote(k), "the log archive keys are protected")
	}
	assert.Contains(t, content["pclz-protect-audit"], `"arn:aws:iam::*:role/OrganizationAccountAccessRole"`, "the access role is spared")
	assert.Contains(t, content["pclz-tier-bronze"], `"ec2:CreateInternetGateway"`)
}

// TestOrganizationLooksUpRoot: without RootID the root comes from organizations.LookupOrganization,
// through the component's provider.
func TestOrganizationLooksUpRoot(t *testing.T) {
	t.Parallel()
	m, err := runOrganization(t, func(a *OrganizationArgs) { a.RootID = "" }, false)
	require.NoError(t, err)
	assert.Equal(t, 1, m.lookups)
	for _, r := range m.Find(orgTypeOU) {
		assert.Equal(t, lookedUpRootID, r.Get("parentId").AsString(), r.Name)
	}
	roots := 0
	for _, r := range m.Find(orgTypeAttach) {
		if r.Get("targetId").AsString() == lookedUpRootID {
			roots++
		}
	}
	assert.Equal(t, 2, roots, "the region deny and audit protection attach to the looked-up root")
}

// TestOrganizationCallerProvider: given the caller's provider, the component builds none of its own,
// creates every child through it, and every taggable child carries the required tags itself.
func TestOrganizationCallerProvider(t *testing.T) {
	t.Parallel()
	m, err := runOrganization(t, nil, true)
	require.NoError(t, err)
	provs := m.Find("pulumi:providers:aws")
	names := map[string]string{}
	for _, p := range provs {
		names[p.Name] = p.URN
	}
	require.Len(t, names, 3, "the caller's provider and one per member account the component deploys into")
	require.Contains(t, names, "management", "the management account's provider is the caller's")
	assert.Empty(t, m.ResourcesNotUsing(names["management"], names["pos-log-archive"], names["pos-security-tooling"]))
	for _, r := range m.Resources() {
		if r.Type == orgTypeAttach || r.Type == "aws:organizations/delegatedAdministrator:DelegatedAdministrator" ||
			!strings.HasPrefix(r.Type, "aws:organizations/") { // the two types take no tags
			continue
		}
		for _, k := range requiredTags {
			assert.NotEmpty(t, r.Get("tags", k).AsString(), "%s: tag %s", r.Name, k)
		}
	}

	own, err := runOrganization(t, nil, false)
	require.NoError(t, err)
	names = map[string]string{}
	for _, p := range own.Find("pulumi:providers:aws") {
		names[p.Name] = p.URN
	}
	require.Len(t, names, 3)
	require.Contains(t, names, "pos-aws", "without the caller's provider the component builds its own")
	assert.Empty(t, own.ResourcesNotUsing(names["pos-aws"], names["pos-log-archive"], names["pos-security-tooling"]))
}

// TestOrganizationSecureByDefault: the mandatory rules of the catalogue find no failure over what the
// component registers. The rules that apply to AWS Organizations types are the tagging rules (the
// types are taggable); no rule assesses their other settings, so PCLZ-COM-COV-001 (advisory) reports
// the units, accounts, policies and attachments as not assessed, which this test states exactly.
func TestOrganizationSecureByDefault(t *testing.T) {
	t.Parallel()
	m, err := runOrganization(t, nil, false)
	require.NoError(t, err)
	pctx := policy.NewContext("pos-org", "")
	lztest.AssertNoBlocking(t, m.Cloud, pctx)
	var notAssessed []string
	for _, f := range m.Evaluate(pctx).Findings {
		if f.RuleID == "PCLZ-COM-COV-001" && f.Status == policy.StatusFail {
			if typ := resourceType(m, f.URN); !slices.Contains(notAssessed, typ) {
				notAssessed = append(notAssessed, typ)
			}
		}
	}
	slices.Sort(notAssessed)
	assert.Equal(t, []string{
		"aws:cfg/configurationAggregator:ConfigurationAggregator",
		"aws:guardduty/organizationAdminAccount:OrganizationAdminAccount",
		"aws:guardduty/organizationConfiguration:OrganizationConfiguration",
		orgTypeAccount, "aws:organizations/delegatedAdministrator:DelegatedAdministrator", orgTypeOU, orgTypePolicy, orgTypeAttach,
		"aws:securityhub/organizationAdminAccount:OrganizationAdminAccount",
		"aws:securityhub/organizationConfiguration:OrganizationConfiguration",
	}, notAssessed, "PCLZ-COM-COV-001 reports the AWS Organizations types and the organisation-wide service settings as not assessed")
	passed, failed := map[string]bool{}, map[string]bool{}
	for _, f := range m.Evaluate(pctx).Findings {
		if !strings.HasPrefix(resourceType(m, f.URN), "aws:organizations/") {
			continue
		}
		switch f.Status {
		case policy.StatusPass:
			passed[f.RuleID] = true
		case policy.StatusFail:
			failed[f.RuleID] = true
		}
	}
	assert.Equal(t, map[string]bool{"PCLZ-AWS-REG-002": true, "PCLZ-COM-TAG-001": true, "PCLZ-COM-TAG-002": true, "PCLZ-COM-TAG-003": true}, passed,
		"the rules that assess AWS Organizations resources: region and tags")
	assert.Equal(t, map[string]bool{"PCLZ-COM-COV-001": true}, failed, "the only failure is the advisory not-assessed one")
}

// TestOrganizationPreview: in a preview (dry run: outputs the mock cloud leaves out are unknown), the component
// registers the same resources and the mandatory rules still find no failure.
func TestOrganizationPreview(t *testing.T) {
	t.Parallel()
	m, err := runOrganizationIn(t, lztest.Options{Stack: "pos-org", Preview: true}, nil, false)
	require.NoError(t, err)
	up, err := runOrganization(t, nil, false)
	require.NoError(t, err)
	assert.Equal(t, up.Types(), m.Types())
	lztest.AssertNoBlocking(t, m.Cloud, policy.NewContext("pos-org", ""))
}

func resourceType(m *orgMonitor, urn string) string {
	for _, r := range m.Resources() {
		if r.URN == urn {
			return r.Type
		}
	}
	return ""
}

// TestOrganizationValidation: invalid arguments register nothing and every problem is named exactly.
func TestOrganizationValidation(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name   string
		mutate func(*OrganizationArgs)
		want   []string
	}{
		{"empty landing zone and bad root", func(a *OrganizationArgs) { a.LandingZone = ""; a.RootID = "root" }, []string{
			`LandingZone: is empty: allowed the landing zone's name, such as pos`,
			`RootID: "root" is not an organisation root ID: allowed r- and 4 to 32 lower-case letters or digits (empty looks it up)`,
		}},
		{"region", func(a *OrganizationArgs) { a.Region = "us-east-1" }, []string{
			`Region: "us-east-1" is not an allowed region: allowed eu-west-2 (London)`,
		}},
		{"no profiles", func(a *OrganizationArgs) { a.Profiles = nil }, []string{
			`Profiles: is empty: allowed one profile per tier, from tier.Profiles()`,
			`Accounts: "bronze" is not a tier in Profiles: allowed the tiers of Profiles`,
			`Accounts: "gold" is not a tier in Profiles: allowed the tiers of Profiles`,
			`Accounts: "platinum" is not a tier in Profiles: allowed the tiers of Profiles`,
		}},
		{"repeated and missing tiers", func(a *OrganizationArgs) {
			a.Profiles = []tier.Profile{tier.MustProfile(tier.Gold), tier.MustProfile(tier.Gold), {Tier: "silver"}}
			delete(a.Accounts, "gold")
			delete(a.Accounts, "platinum")
			delete(a.Accounts, "bronze")
		}, []string{
			`Accounts: "gold" has no account for the tier: allowed an OrgAccount for every tier in Profiles`,
			`Profiles[1].Tier: "gold" is repeated: allowed one profile per tier`,
			`Profiles[2].Tier: "silver" is not a tier: allowed platinum, gold, bronze`,
		}},
		{"bad accounts", func(a *OrganizationArgs) {
			a.Accounts["gold"] = OrgAccount{ID: "12345", Email: "not an address"}
			a.LogArchive.Email = a.SecurityTooling.Email
			a.SecurityTooling.ID = adoptedAccountID
		}, []string{
			`Accounts[gold].ID: "12345" is not an AWS account ID: allowed 12 digits, or empty to create the account`,
			`Accounts[gold].Name: is empty: allowed the account's name (for an adopted account, the name it has)`,
			`Accounts[gold].Email: "not an address" is not an email address: allowed the account's root user address, such as aws-pos-gold@force.police.uk`,
			`SecurityTooling.Email: "aws-pos-security@force.police.uk" is also LogArchive's: allowed a different address per account`,
		}},
		{"same adopted account twice", func(a *OrganizationArgs) { a.LogArchive.ID = adoptedAccountID }, []string{
			`LogArchive.ID: "333333333333" is also Accounts[gold]'s: allowed a different account per role`,
		}},
		{"tags", func(a *OrganizationArgs) { delete(a.Tags, "Owner") }, []string{
			`Tags: "Owner" is missing or empty: allowed a non-empty value (every resource carries Force, Tier, Classification, Owner, ManagedBy)`,
		}},
		{"log archive for the SCPs", func(a *OrganizationArgs) { a.LogArchiveBucketARN = "pos-audit" }, []string{
			`aws params: LogArchiveBucketARN: "pos-audit" is not a bucket ARN; want arn:aws:s3:::<bucket>`,
		}},
		{"exempting every role", func(a *OrganizationArgs) { a.ExemptPrincipalARNs = []string{"arn:aws:iam::*:role/*"} }, []string{
			`aws params: ExemptPrincipalARNs[0]: "arn:aws:iam::*:role/*" exempts every role; name the organisation's automation role`,
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m, err := runOrganization(t, tt.mutate, false)
			require.Error(t, err)
			assert.Equal(t, "awslz.NewOrganization pos: invalid arguments:\n"+strings.Join(tt.want, "\n"), err.Error())
			assert.Empty(t, m.Resources(), "invalid arguments register nothing")
		})
	}
}

func TestNewOrganizationNilArgs(t *testing.T) {
	t.Parallel()
	var orgErr error
	_ = lztest.New(lztest.Options{}).Run(func(ctx *pulumi.Context) error {
		_, orgErr = NewOrganization(ctx, "pos", nil)
		return orgErr
	})
	require.EqualError(t, orgErr, "awslz.NewOrganization: args are required")
}

// OrganizationArgs.SCPs returns the policies NewOrganization registers, with their targets and controls; invalid
// arguments give the validation error and no policy.
func TestOrganizationArgsSCPs(t *testing.T) {
	t.Parallel()
	scps, err := orgArgs().SCPs()
	require.NoError(t, err)
	var got []string
	for _, s := range scps {
		got = append(got, s.Name+"@"+s.Target+" "+strings.Join(s.Controls, ","))
	}
	assert.Equal(t, []string{
		"pclz-region-deny@root GR-REGION",
		"pclz-protect-audit@root GR-ORG,GR-AUDIT,GR-LOG-ARCHIVE,GR-ROOT",
		"pclz-tier-bronze@bronze GR-NO-INTERNET,GR-ISOLATION",
	}, got)

	bad := orgArgs()
	bad.LogArchiveBucketARN = "pos-audit"
	scps, err = bad.SCPs()
	require.Error(t, err)
	assert.Nil(t, scps)
	assert.Contains(t, err.Error(), "LogArchiveBucketARN")
}
