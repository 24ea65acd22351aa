package awslz

import (
	"encoding/json"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/lztest"
	"github.com/policecloud/landingzones/policy"
)

// accountIDNamed is the mock ID of the organisation account named name ("pos-log-archive").
func accountIDNamed(t *testing.T, m *orgMonitor, name string) string {
	t.Helper()
	for _, r := range m.Find(orgTypeAccount) {
		if r.Get("name").AsString() == name {
			require.Len(t, r.ID, 12, "%s: a 12-digit account ID", name)
			return r.ID
		}
	}
	t.Fatalf("no account named %s", name)
	return ""
}

func logArchiveID(t *testing.T, m *orgMonitor) string { return accountIDNamed(t, m, "pos-log-archive") }

// one returns the single resource of typ whose provider is named prov ("" for any).
func one(t *testing.T, m *orgMonitor, typ, prov string) *policy.Resource {
	t.Helper()
	var out []*policy.Resource
	for _, r := range m.Find(typ) {
		if prov == "" || (r.Provider != nil && r.Provider.Name == prov) {
			out = append(out, r)
		}
	}
	require.Len(t, out, 1, "one %s through provider %q", typ, prov)
	return out[0]
}

// statements decodes a policy document input into its statements by Sid.
func statements(t *testing.T, r *policy.Resource, prop string) map[string]map[string]any {
	t.Helper()
	var doc struct{ Statement []map[string]any }
	require.NoError(t, json.Unmarshal([]byte(r.Get(prop).AsString()), &doc), r.Name)
	out := map[string]map[string]any{}
	for _, s := range doc.Statement {
		sid, _ := s["Sid"].(string)
		out[sid] = s
	}
	return out
}

// TestOrganizationMemberProviders: the component deploys into the log-archive and security-tooling
// accounts through providers that assume the access role in each, pinned to the account.
func TestOrganizationMemberProviders(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, role string
		mutate     func(*OrganizationArgs)
	}{
		{"default access role", "OrganizationAccountAccessRole", nil},
		{"configured access role", "pclz-deploy", func(a *OrganizationArgs) { a.AccessRoleName = "pclz-deploy" }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m, err := runOrganization(t, tt.mutate, true)
			require.NoError(t, err)
			for _, acct := range []struct{ prov, name string }{
				{"pos-log-archive", "pos-log-archive"}, {"pos-security-tooling", "pos-security"},
			} {
				id := accountIDNamed(t, m, acct.name)
				var p *policy.Resource
				for _, r := range m.Find("pulumi:providers:aws") {
					if r.Name == acct.prov {
						p = r
					}
				}
				require.NotNil(t, p, acct.prov)
				assert.Equal(t, "arn:aws:iam::"+id+":role/"+tt.role, p.Get("assumeRole", "roleArn").AsString(), acct.prov)
				assert.Equal(t, id, p.Get("allowedAccountIds", 0).AsString(), "%s is pinned to the account", acct.prov)
				assert.Equal(t, 1, p.Get("allowedAccountIds").AsArray().Len())
				assert.Equal(t, "eu-west-2", p.Get("region").AsString())
			}
			// Created accounts get the access role; the adopted one keeps its own.
			for _, r := range m.Find(orgTypeAccount) {
				if r.ID == adoptedAccountID {
					assert.True(t, r.Get("roleName").IsNull(), "adopted account: no roleName")
					continue
				}
				assert.Equal(t, tt.role, r.Get("roleName").AsString(), r.Name)
			}
		})
	}
}

// TestOrganizationDeployRoles: the outputs give each account's access role and the log archive.
func TestOrganizationDeployRoles(t *testing.T) {
	t.Parallel()
	c := lztest.New(lztest.Options{Stack: "pos-org"})
	outs, err := c.RunOutputs(func(ctx *pulumi.Context) (pulumi.Map, error) {
		o, err := NewOrganization(ctx, "pos", orgArgs())
		if err != nil {
			return nil, err
		}
		return o.Outputs()
	})
	require.NoError(t, err)
	ids := outs["accountIds"].(map[string]any)
	roles := outs["deployRoleArns"].(map[string]any)
	require.Len(t, roles, len(ids))
	for k, id := range ids {
		assert.Equal(t, "arn:aws:iam::"+id.(string)+":role/OrganizationAccountAccessRole", roles[k], k)
	}
	assert.Equal(t, adoptedAccountID, ids["gold"])
	assert.Equal(t, "pos-audit", outs["logArchiveBucket"])
	assert.Len(t, outs["logArchiveKeyArns"], 2)
	assert.Equal(t, "arn:aws:cloudtrail:eu-west-2:123456789012:trail/pos-org-trail", outs["trailArn"])
}

// TestOrganizationTrail: the organisation trail lives in the management account, covers every region
// and global events, validates log files, encrypts with the trail key in the log-archive account and
// delivers into the log archive bucket; the bucket (object lock, its own key, access logging) and the
// trail key admit CloudTrail only for the organisation trail.
func TestOrganizationTrail(t *testing.T) {
	t.Parallel()
	m, err := runOrganization(t, nil, true)
	require.NoError(t, err)
	const trailARN = "arn:aws:cloudtrail:eu-west-2:123456789012:trail/pos-org-trail"
	la := logArchiveID(t, m)

	trail := one(t, m, "aws:cloudtrail/trail:Trail", "management")
	for _, f := range []string{"isOrganizationTrail", "isMultiRegionTrail", "includeGlobalServiceEvents", "enableLogFileValidation", "enableLogging"} {
		assert.True(t, trail.Get(f).AsBool(), f)
	}
	assert.Equal(t, "pos-org-trail", trail.Get("name").AsString())
	assert.Equal(t, "pos-audit", trail.Get("s3BucketName").AsString())

	keys := map[string]*policy.Resource{}
	for _, k := range m.Find("aws:kms/key:Key") {
		keys[k.Name] = k
	}
	trailKey, bucketKey := keys["pos-org-trail-key"], keys["pos-log-archive-key"]
	require.NotNil(t, trailKey)
	require.NotNil(t, bucketKey)
	assert.Equal(t, "pos-log-archive", trailKey.Provider.Name)
	assert.Equal(t, "pos-log-archive", bucketKey.Provider.Name)
	assert.Equal(t, "arn:aws:kms:eu-west-2:"+la+":key/"+trailKey.ID, trail.Get("kmsKeyId").AsString())
	assert.Equal(t, "management", keys["pos-org-trail-logs-key"].Provider.Name, "the trail's log group key is where the log group is")
	assert.True(t, trail.Get("cloudWatchLogsGroupArn").IsString())

	ts := statements(t, trailKey, "policy")
	enc := ts["CloudTrailEncryptsOrganizationTrail"]
	require.NotNil(t, enc)
	assert.Equal(t, map[string]any{"Service": "cloudtrail.amazonaws.com"}, enc["Principal"])
	assert.Equal(t, "kms:GenerateDataKey*", enc["Action"])
	assert.Equal(t, trailARN, enc["Condition"].(map[string]any)["StringEquals"].(map[string]any)["aws:SourceArn"])
	assert.Equal(t, map[string]any{"AWS": "arn:aws:iam::" + la + ":root"}, ts["AccountAdministersKey"]["Principal"], "the log-archive account administers its key")
	bs := statements(t, bucketKey, "policy")
	assert.Contains(t, bs, "LogArchiveAccountUsesKeyThroughS3")
	assert.NotContains(t, bs, "CloudTrailEncryptsOrganizationTrail", "the bucket key admits no service principal")

	var bucket *policy.Resource
	for _, b := range m.Find("aws:s3/bucketV2:BucketV2") {
		if b.Name == "pos-log-archive" {
			bucket = b
		}
	}
	require.NotNil(t, bucket)
	assert.Equal(t, "pos-log-archive", bucket.Provider.Name)
	assert.Equal(t, "pos-audit", bucket.Get("bucket").AsString())
	assert.True(t, bucket.Get("objectLockEnabled").AsBool())
	lock := one(t, m, "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2", "pos-log-archive")
	assert.Equal(t, "COMPLIANCE", lock.Get("rule", "defaultRetention", "mode").AsString())
	for _, r := range m.Find("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2") {
		if r.Get("bucket").AsString() == "pos-audit" {
			assert.Equal(t, "arn:aws:kms:eu-west-2:"+la+":key/"+bucketKey.ID,
				r.Get("rules", 0, "applyServerSideEncryptionByDefault", "kmsMasterKeyId").AsString(), "the bucket's own key")
		}
	}
	var pol *policy.Resource
	for _, r := range m.Find("aws:s3/bucketPolicy:BucketPolicy") {
		if r.Get("bucket").AsString() == "pos-audit" {
			pol = r
		}
	}
	require.NotNil(t, pol)
	ps := statements(t, pol, "policy")
	for _, sid := range []string{"CloudTrailChecksAcl", "CloudTrailWritesOrganizationTrail"} {
		require.Contains(t, ps, sid)
		assert.Equal(t, trailARN, ps[sid]["Condition"].(map[string]any)["StringEquals"].(map[string]any)["aws:SourceArn"], sid)
	}
	assert.Equal(t, "arn:aws:s3:::pos-audit/AWSLogs/*", ps["CloudTrailWritesOrganizationTrail"]["Resource"])
	assert.Contains(t, ps, "DenyInsecureTransport")
}

// TestOrganizationSecurityServices: GuardDuty, Security Hub, AWS Config and IAM Access Analyzer are
// delegated to the security-tooling account from the management account; in that account GuardDuty and
// Security Hub auto-enable every member, and the Config aggregator and Access Analyzer cover the
// organisation.
func TestOrganizationSecurityServices(t *testing.T) {
	t.Parallel()
	m, err := runOrganization(t, nil, true)
	require.NoError(t, err)
	sec := accountIDNamed(t, m, "pos-security")

	assert.Equal(t, sec, one(t, m, "aws:guardduty/organizationAdminAccount:OrganizationAdminAccount", "management").Get("adminAccountId").AsString())
	assert.Equal(t, sec, one(t, m, "aws:securityhub/organizationAdminAccount:OrganizationAdminAccount", "management").Get("adminAccountId").AsString())
	var delegated []string
	for _, r := range m.Find("aws:organizations/delegatedAdministrator:DelegatedAdministrator") {
		assert.Equal(t, "management", r.Provider.Name)
		assert.Equal(t, sec, r.Get("accountId").AsString())
		delegated = append(delegated, r.Get("servicePrincipal").AsString())
	}
	assert.ElementsMatch(t, []string{"config.amazonaws.com", "access-analyzer.amazonaws.com"}, delegated)

	const secProv = "pos-security-tooling"
	det := one(t, m, "aws:guardduty/detector:Detector", secProv)
	// AWS's order: the detector before the administrator designation; Security Hub on in the management
	// account before it delegates.
	assert.Contains(t, one(t, m, "aws:guardduty/organizationAdminAccount:OrganizationAdminAccount", "").Dependencies, det.URN)
	mgmtHub := one(t, m, "aws:securityhub/account:Account", "management")
	assert.Contains(t, one(t, m, "aws:securityhub/organizationAdminAccount:OrganizationAdminAccount", "").Dependencies, mgmtHub.URN)
	assert.True(t, mgmtHub.Get("autoEnableControls").AsBool())
	assert.True(t, det.Get("enable").AsBool())
	gdOrg := one(t, m, "aws:guardduty/organizationConfiguration:OrganizationConfiguration", secProv)
	assert.Equal(t, "ALL", gdOrg.Get("autoEnableOrganizationMembers").AsString())
	assert.Equal(t, det.ID, gdOrg.Get("detectorId").AsString())
	shOrg := one(t, m, "aws:securityhub/organizationConfiguration:OrganizationConfiguration", secProv)
	assert.True(t, shOrg.Get("autoEnable").AsBool())
	assert.Equal(t, "DEFAULT", shOrg.Get("autoEnableStandards").AsString())
	agg := one(t, m, "aws:cfg/configurationAggregator:ConfigurationAggregator", secProv)
	assert.True(t, agg.Get("organizationAggregationSource", "allRegions").AsBool())
	assert.Equal(t, "arn:aws:iam::"+sec+":role/"+one(t, m, "aws:iam/role:Role", secProv).ID,
		agg.Get("organizationAggregationSource", "roleArn").AsString(), "the aggregator's role is in the security account")
	att := one(t, m, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", secProv)
	assert.Equal(t, "arn:aws:iam::aws:policy/service-role/AWSConfigRoleForOrganizations", att.Get("policyArn").AsString())
	aa := one(t, m, "aws:accessanalyzer/analyzer:Analyzer", secProv)
	assert.Equal(t, "ORGANIZATION", aa.Get("type").AsString())
}

// TestSCPDocument: the SCP documents are generated with the created keys; a name the keys do not
// generate and a key that is not a KMS key ARN are errors, named exactly.
func TestSCPDocument(t *testing.T) {
	t.Parallel()
	a := orgArgs()
	keys := []string{"arn:aws:kms:eu-west-2:111111111111:key/0b6a2b8e-1111-4222-8333-000000000001",
		"arn:aws:kms:eu-west-2:111111111111:key/0b6a2b8e-1111-4222-8333-000000000002"}
	doc, err := a.scpDocument("pclz-protect-audit", keys)
	require.NoError(t, err)
	for _, k := range keys {
		assert.Contains(t, doc, `"`+k+`"`)
	}
	_, err = a.scpDocument("pclz-tier-silver", keys)
	require.EqualError(t, err, "scp pclz-tier-silver is not generated with the log archive keys "+keys[0]+", "+keys[1])
	_, err = a.scpDocument("pclz-protect-audit", []string{"key-1"})
	require.EqualError(t, err, `aws params: LogArchiveKeyARNs[1]: "key-1" is not a KMS key ARN; want arn:aws:kms:<region>:<account>:key/<id>`)
}

// TestOrganizationAdoptedMemberKnownAtPreview: an adopted log-archive account's provider is configured
// at preview (its ID is known before the update); a created one's is not until the account exists.
func TestOrganizationAdoptedMemberKnownAtPreview(t *testing.T) {
	t.Parallel()
	m, err := runOrganizationIn(t, lztest.Options{Stack: "pos-org", Preview: true}, func(a *OrganizationArgs) {
		a.LogArchive.ID = "555555555555"
	}, false)
	require.NoError(t, err)
	provs := map[string]*policy.Resource{}
	for _, p := range m.Find("pulumi:providers:aws") {
		provs[p.Name] = p
	}
	require.Contains(t, provs, "pos-log-archive")
	assert.Equal(t, "arn:aws:iam::555555555555:role/OrganizationAccountAccessRole", provs["pos-log-archive"].Get("assumeRole", "roleArn").AsString())
	accountURN := map[string]string{}
	for _, a := range m.Find(orgTypeAccount) {
		accountURN[a.Get("name").AsString()] = a.URN
	}
	// The engine learns a created account's ID only when it exists: its provider's role depends on the
	// account; an adopted account's does not.
	assert.NotContains(t, provs["pos-log-archive"].PropertyDependencies["assumeRole"], accountURN["pos-log-archive"])
	assert.Contains(t, provs["pos-security-tooling"].PropertyDependencies["assumeRole"], accountURN["pos-security"])
}
