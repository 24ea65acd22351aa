package aws

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/common"
)

// coverageReadElsewhere are catalogued properties that rules of the isolation (NET) and identity (IAM) areas
// read but do not yet list in their Meta.Reads. Each names the rule that reads it; the test holds the rule
// to inspecting the type. Once those rules declare their reads, entries here are redundant and can go.
var coverageReadElsewhere = map[policy.PropertyRef]string{
	{Type: typeEC2Instance, Path: "associatePublicIpAddress"}:                         "PCLZ-AWS-NET-004",
	{Type: typeEC2LaunchTemplate, Path: "networkInterfaces.associatePublicIpAddress"}: "PCLZ-AWS-NET-004",
	{Type: typeRDSInstance, Path: "publiclyAccessible"}:                               "PCLZ-AWS-NET-004",
	{Type: typeEC2Subnet, Path: "mapPublicIpOnLaunch"}:                                "PCLZ-AWS-NET-004",
	{Type: typeEC2SecurityGroup, Path: "ingress"}:                                     "PCLZ-AWS-NET-001",
	{Type: typeEC2SecurityGroupRule, Path: "type"}:                                    "PCLZ-AWS-NET-001",
	{Type: typeEC2SecurityGroupRule, Path: "cidrBlocks"}:                              "PCLZ-AWS-NET-001",
	{Type: typeEC2SecurityGroupRule, Path: "ipv6CidrBlocks"}:                          "PCLZ-AWS-NET-001",
	{Type: typeVPCSecurityGroupIngressRule, Path: "cidrIpv4"}:                         "PCLZ-AWS-NET-001",
	{Type: typeVPCSecurityGroupIngressRule, Path: "cidrIpv6"}:                         "PCLZ-AWS-NET-001",
	{Type: typeEC2NetworkACL, Path: "ingress"}:                                        "PCLZ-AWS-NET-002",
	{Type: typeEC2DefaultNetworkACL, Path: "ingress"}:                                 "PCLZ-AWS-NET-002",
	{Type: typeEC2NetworkACLRule, Path: "egress"}:                                     "PCLZ-AWS-NET-002",
	{Type: typeEC2NetworkACLRule, Path: "ruleAction"}:                                 "PCLZ-AWS-NET-002",
	{Type: typeEC2NetworkACLRule, Path: "cidrBlock"}:                                  "PCLZ-AWS-NET-002",
	{Type: typeEC2NetworkACLRule, Path: "ipv6CidrBlock"}:                              "PCLZ-AWS-NET-002",
	{Type: typeEC2DefaultSecurityGroup, Path: "ingress"}:                              "PCLZ-AWS-NET-007",
	{Type: typeEC2DefaultSecurityGroup, Path: "egress"}:                               "PCLZ-AWS-NET-007",
	{Type: typeEC2RouteTable, Path: "routes"}:                                         "PCLZ-AWS-NET-009",
	{Type: typeEC2DefaultRouteTable, Path: "routes"}:                                  "PCLZ-AWS-NET-014",
	{Type: typeEC2Route, Path: "destinationCidrBlock"}:                                "PCLZ-AWS-NET-014",
	{Type: typeEC2Route, Path: "gatewayId"}:                                           "PCLZ-AWS-NET-014",
	{Type: typeS3BucketPublicAccessBlock, Path: "blockPublicAcls"}:                    "PCLZ-AWS-NET-005",
	{Type: typeS3BucketPublicAccessBlock, Path: "blockPublicPolicy"}:                  "PCLZ-AWS-NET-005",
	{Type: typeS3BucketPublicAccessBlock, Path: "ignorePublicAcls"}:                   "PCLZ-AWS-NET-005",
	{Type: typeS3BucketPublicAccessBlock, Path: "restrictPublicBuckets"}:              "PCLZ-AWS-NET-005",
	{Type: typeS3AccountPublicAccessBlock, Path: "blockPublicAcls"}:                   "PCLZ-AWS-NET-006",
	{Type: typeS3AccountPublicAccessBlock, Path: "blockPublicPolicy"}:                 "PCLZ-AWS-NET-006",
	{Type: typeS3AccountPublicAccessBlock, Path: "ignorePublicAcls"}:                  "PCLZ-AWS-NET-006",
	{Type: typeS3AccountPublicAccessBlock, Path: "restrictPublicBuckets"}:             "PCLZ-AWS-NET-006",
	{Type: typeIAMRole, Path: "assumeRolePolicy"}:                                     "PCLZ-AWS-IAM-007",
	{Type: typeIAMRole, Path: "inlinePolicies"}:                                       "PCLZ-AWS-IAM-001",
	{Type: typeIAMPolicy, Path: "policy"}:                                             "PCLZ-AWS-IAM-001",
	{Type: typeIAMRolePolicy, Path: "policy"}:                                         "PCLZ-AWS-IAM-001",
	{Type: typeIAMUserPolicy, Path: "policy"}:                                         "PCLZ-AWS-IAM-001",
	{Type: typeIAMGroupPolicy, Path: "policy"}:                                        "PCLZ-AWS-IAM-001",
	{Type: typeIAMUserLoginProfile, Path: "user"}:                                     "PCLZ-AWS-IAM-003",
	{Type: typeIAMAccountPasswordPolicy, Path: "maxPasswordAge"}:                      "PCLZ-AWS-IAM-005",
	{Type: typeKMSKey, Path: "policy"}:                                                "PCLZ-AWS-IAM-008",
	{Type: typeSNSTopicPolicy, Path: "policy"}:                                        "PCLZ-AWS-IAM-008",
	{Type: typeSQSQueuePolicy, Path: "policy"}:                                        "PCLZ-AWS-IAM-008",
}

// coverageMetas is every rule that may read a catalogued AWS property: the AWS rules and the common rules.
func coverageMetas() []policy.Meta {
	var out []policy.Meta
	for _, r := range Rules() {
		out = append(out, r.Meta)
	}
	for _, r := range StackRules() {
		out = append(out, r.Meta)
	}
	for _, r := range common.Rules() {
		out = append(out, r.Meta)
	}
	for _, r := range common.StackRules() {
		out = append(out, r.Meta)
	}
	return out
}

var coverageTypePattern = regexp.MustCompile(`^aws:[a-z0-9]+/[a-z][a-zA-Z0-9]*:[A-Z][a-zA-Z0-9]*$`)

func TestCoverageEveryPropertyRead(t *testing.T) {
	t.Parallel()
	c := Coverage()
	require.GreaterOrEqual(t, len(c), 90, "the catalogue holds at least 90 types")
	read := map[policy.PropertyRef][]string{}
	metas := coverageMetas()
	for _, m := range metas {
		for _, ref := range m.Reads {
			read[ref] = append(read[ref], m.ID)
		}
	}
	byID := map[string]policy.Meta{}
	for _, m := range metas {
		byID[m.ID] = m
	}
	seen := map[string]bool{}
	for i, e := range c {
		assert.Regexp(t, coverageTypePattern, e.Type, "type token form")
		assert.False(t, seen[e.Type], "duplicate type %s", e.Type)
		seen[e.Type] = true
		if i > 0 {
			assert.Less(t, c[i-1].Type, e.Type, "Coverage() is sorted")
		}
		assert.NotEmpty(t, e.Category, e.Type)
		paths := map[string]bool{}
		for _, p := range e.Properties {
			assert.False(t, paths[p.Path], "%s: duplicate property %s", e.Type, p.Path)
			paths[p.Path] = true
			assert.Contains(t, policy.Risks(), p.Risk, "%s.%s", e.Type, p.Path)
			ref := policy.PropertyRef{Type: e.Type, Path: p.Path}
			if len(read[ref]) > 0 {
				continue
			}
			id, ok := coverageReadElsewhere[ref]
			if !assert.True(t, ok, "%s %s is catalogued but no rule reads it", e.Type, p.Path) {
				continue
			}
			m, ok := byID[id]
			if assert.True(t, ok, "%s %s: rule %s does not exist", e.Type, p.Path, id) {
				assert.True(t, m.AppliesToType(e.Type), "%s %s: rule %s does not inspect the type", e.Type, p.Path, id)
			}
		}
		assert.True(t, c.Has(e.Type))
	}
	for ref, id := range coverageReadElsewhere {
		assert.True(t, seen[ref.Type], "coverageReadElsewhere names %s, which is not catalogued", ref.Type)
		if len(read[ref]) > 0 {
			t.Logf("coverageReadElsewhere: %s now declares %s %s in Meta.Reads; the entry can go", id, ref.Type, ref.Path)
		}
	}
	assert.False(t, c.Has("aws:none/none:None"))
}

// TestReadsNameInspectedTypes: a rule reads only types it inspects (the provider's region excepted), and
// every type a data-driven rule reads is catalogued.
func TestReadsNameInspectedTypes(t *testing.T) {
	t.Parallel()
	c := Coverage()
	for _, m := range coverageMetas() {
		if m.Cloud != policy.CloudAWS {
			continue
		}
		for _, ref := range m.Reads {
			if ref.Type == typeProvider {
				continue
			}
			assert.True(t, m.AppliesToType(ref.Type), "%s reads %s, which it does not inspect", m.ID, ref.Type)
			assert.True(t, c.Has(ref.Type), "%s reads %s, which is not catalogued", m.ID, ref.Type)
		}
	}
}

// covSDKDir returns the pulumi-aws v6.83.2 Go SDK source in the module cache, or "" when it is not there.
func covSDKDir(t *testing.T) string {
	t.Helper()
	cache := os.Getenv("GOMODCACHE")
	if cache == "" {
		out, err := exec.Command("go", "env", "GOMODCACHE").Output()
		if err != nil {
			return ""
		}
		cache = strings.TrimSpace(string(out))
	}
	dir := filepath.Join(cache, "github.com", "pulumi", "pulumi-aws", "sdk", "v6@v6.83.2", "go", "aws")
	if _, err := os.Stat(dir); err != nil {
		return ""
	}
	return dir
}

var covPulumiTag = regexp.MustCompile(`pulumi:"([A-Za-z0-9]+)"`)

// covSDKNames returns the input names of a resource type (the pulumi tags of its Args struct) and every
// pulumi tag of its module's nested types; ok is false when the resource's source file is missing or does
// not register the token.
func covSDKNames(dir, typ string) (args, nested map[string]bool, ok bool) {
	mod, rest, _ := strings.Cut(strings.TrimPrefix(typ, "aws:"), "/")
	res, _, _ := strings.Cut(rest, ":")
	src, err := os.ReadFile(filepath.Join(dir, mod, res+".go"))
	if err != nil || !strings.Contains(string(src), `RegisterResource("`+typ+`"`) {
		return nil, nil, false
	}
	args, nested = map[string]bool{}, map[string]bool{}
	body := string(src)
	start := strings.Index(body, "type "+res+"Args struct {")
	if start < 0 {
		return nil, nil, false
	}
	end := strings.Index(body[start:], "\n}\n")
	for _, m := range covPulumiTag.FindAllStringSubmatch(body[start:start+end], -1) {
		args[m[1]] = true
	}
	types, _ := os.ReadFile(filepath.Join(dir, mod, "pulumiTypes.go"))
	for _, m := range covPulumiTag.FindAllStringSubmatch(string(types), -1) {
		nested[m[1]] = true
	}
	return args, nested, true
}

// TestCoverageNamesMatchSDK checks every catalogued type token and property name, and every property
// an AWS rule declares it reads, against the pulumi-aws v6.83.2 SDK sources.
func TestCoverageNamesMatchSDK(t *testing.T) {
	t.Parallel()
	dir := covSDKDir(t)
	if dir == "" {
		t.Skip("pulumi-aws v6.83.2 SDK source is not in the module cache")
	}
	refs := map[policy.PropertyRef]bool{}
	for _, e := range Coverage() {
		refs[policy.PropertyRef{Type: e.Type}] = true
		for _, p := range e.Properties {
			refs[policy.PropertyRef{Type: e.Type, Path: p.Path}] = true
		}
	}
	for _, m := range coverageMetas() {
		for _, ref := range m.Reads {
			if strings.HasPrefix(ref.Type, "aws:") {
				refs[ref] = true
			}
		}
	}
	keys := slices.SortedFunc(func(yield func(policy.PropertyRef) bool) {
		for k := range refs {
			if !yield(k) {
				return
			}
		}
	}, func(a, b policy.PropertyRef) int { return strings.Compare(a.Type+" "+a.Path, b.Type+" "+b.Path) })
	cache := map[string][2]map[string]bool{}
	for _, ref := range keys {
		names, ok := cache[ref.Type]
		if !ok {
			args, nested, found := covSDKNames(dir, ref.Type)
			if !assert.True(t, found, "type %s is not a pulumi-aws v6.83.2 resource", ref.Type) {
				cache[ref.Type] = [2]map[string]bool{{}, {}}
				continue
			}
			names = [2]map[string]bool{args, nested}
			cache[ref.Type] = names
		}
		if ref.Path == "" || len(names[0]) == 0 {
			continue
		}
		steps := strings.Split(ref.Path, ".")
		assert.True(t, names[0][steps[0]], "%s has no input %q", ref.Type, steps[0])
		for _, s := range steps[1:] {
			assert.True(t, names[1][s], "%s %s: no nested input %q in the module", ref.Type, ref.Path, s)
		}
	}
}
