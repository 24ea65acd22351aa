package guardrails

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/catalog"
	"github.com/policecloud/landingzones/policy/policytest"
	"github.com/policecloud/landingzones/policy/semantic"
)

// The agreement tests of docs/guardrails.md: the pack's rules and the guardrails, each evaluated on its
// own terms, allow exactly the same regions and deny exactly the same Bronze resources. Each side is
// computed from the facts it is given, so a variant that widens only one side must be reported.

// candidateAWSRegions are the AWS commercial regions the region agreement probes.
var candidateAWSRegions = []string{
	"af-south-1", "ap-east-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-south-2",
	"ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ca-central-1", "ca-west-1",
	"eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2",
	"eu-west-3", "il-central-1", "me-central-1", "me-south-1", "sa-east-1", "us-east-1", "us-east-2",
	"us-west-1", "us-west-2",
}

// candidateAzureLocations are the Azure locations the region agreement probes.
var candidateAzureLocations = []string{
	"uksouth", "ukwest", "northeurope", "westeurope", "francecentral", "germanywestcentral", "swedencentral",
	"eastus", "eastus2", "westus", "centralus", "southeastasia", "australiaeast", "japaneast",
}

// regionalProbes are regional, data-holding calls: the region deny must deny every one of them outside
// the allow-list (none is a global-service exception) and none inside it.
var regionalProbes = []string{
	"ec2:RunInstances", "ec2:CreateVpc", "s3:CreateBucket", "s3:PutObject", "kms:CreateKey", "rds:CreateDBInstance",
	"dynamodb:CreateTable", "logs:CreateLogGroup", "lambda:CreateFunction", "backup:CreateBackupVault",
	"config:PutConfigurationRecorder", "kinesis:CreateStream", "cloudtrail:CreateTrail", "sqs:CreateQueue", "sns:CreateTopic",
}

// workloadPrincipal is a role in a tier account that is not the organisation's automation.
const workloadPrincipal = "arn:aws:iam::111122223333:role/bronze-deployer"

// request is one API call as an SCP sees it.
type request struct {
	Action, Region, Principal, Resource string
	// Context holds request condition keys other than the region and principal.
	Context map[string]string
}

// scpDenies evaluates the SCP statements (parsed by policy/semantic) on the request. It understands every
// condition the generated SCPs use and fails the test on any other, so a new condition cannot pass
// unevaluated.
func scpDenies(t *testing.T, doc semantic.IAMPolicy, r request) (bool, string) {
	t.Helper()
	for _, s := range doc.Statements {
		if !s.Denies() || s.CoversAction(r.Action) != semantic.Certainly {
			continue
		}
		if !slices.ContainsFunc(s.Resource, func(p string) bool { return semantic.GlobMatch(p, r.Resource, false) }) {
			continue
		}
		match := true
		for _, c := range s.Conditions {
			var v string
			switch {
			case c.KeyIs("aws:RequestedRegion"):
				v = r.Region
			case c.KeyIs("aws:PrincipalARN"):
				v = r.Principal
			default:
				v = r.Context[c.Key]
			}
			anyGlob := slices.ContainsFunc(c.Values, func(p string) bool { return semantic.GlobMatch(p, v, false) })
			anyEq := slices.Contains(c.Values, v)
			switch c.Operator {
			case "StringNotEquals":
				match = match && !anyEq
			case "ArnNotLike":
				match = match && !anyGlob
			case "StringLike":
				match = match && anyGlob
			case "Bool":
				match = match && v != "" && anyEq
			default:
				t.Fatalf("statement %s: condition operator %s is not evaluated by the agreement test", s.Label, c.Operator)
			}
		}
		if match {
			return true, s.Label
		}
	}
	return false, ""
}

// scpsDeny reports whether any SCP attached at the root or to tier t's OU denies the request.
func scpsDeny(t *testing.T, scps []SCP, tr tier.Tier, r request) bool {
	t.Helper()
	if r.Resource == "" {
		r.Resource = "*"
	}
	for _, s := range scps {
		if s.Target != RootTarget && s.Target != string(tr) {
			continue
		}
		doc, k, err := semantic.ParseIAMJSON(s.JSON())
		require.NoError(t, err)
		require.Equal(t, policy.Present, k)
		if d, _ := scpDenies(t, doc, r); d {
			return true
		}
	}
	return false
}

// guardAWSRegions returns the candidate regions the SCPs generated from f let a workload role use, and
// reports a region where only some regional probes are denied.
func guardAWSRegions(t *testing.T, f Facts) (allowed []string, partial []string) {
	scps, err := AWSServiceControlPolicies(f, testAWSParams())
	require.NoError(t, err)
	for _, region := range candidateAWSRegions {
		denied := 0
		for _, a := range regionalProbes {
			if scpsDeny(t, scps, tier.Bronze, request{Action: a, Region: region, Principal: workloadPrincipal}) {
				denied++
			}
		}
		switch denied {
		case 0:
			allowed = append(allowed, region)
		case len(regionalProbes):
		default:
			partial = append(partial, region)
		}
	}
	return allowed, partial
}

// packAWSRegions returns the candidate regions in which the pack's region rules pass both an AWS
// provider and a bucket created on it.
func packAWSRegions(t *testing.T, regions []string) []string {
	ctx := policy.NewContext("agreement", "")
	ctx.AWSRegions = regions
	var out []string
	for _, region := range candidateAWSRegions {
		prov := policytest.AWSProvider(region)
		provRes := &policy.Resource{Type: prov.Type, Name: prov.Name, URN: prov.URN, Inputs: prov.Inputs}
		bucket := policytest.AWS("aws:s3/bucketV2:BucketV2", "evidence", map[string]any{})
		bucket.Provider = prov
		if passes(t, ctx, "PCLZ-AWS-REG-001", provRes) && passes(t, ctx, "PCLZ-AWS-REG-002", bucket) {
			out = append(out, region)
		}
	}
	return out
}

// passes runs one catalogued rule on r.
func passes(t *testing.T, ctx *policy.Context, id string, r *policy.Resource) bool {
	t.Helper()
	for _, rule := range catalog.Rules() {
		if rule.ID == id {
			return rule.Check(ctx, r).Status == policy.StatusPass
		}
	}
	t.Fatalf("rule %s is not in the catalogue", id)
	return false
}

// guardAzureLocations returns the candidate locations the generated allowed-locations assignments let a
// storage account and its resource group use. The assignments use the built-in definitions, whose rule
// denies a location not in listOfAllowedLocations (the resource definition also lets "global" through,
// which no candidate is).
func guardAzureLocations(t *testing.T, f Facts) []string {
	p := testAzureParams()
	p.IdentityLocation = f.AzureLocations[0]
	set, err := AzurePolicies(f, p)
	require.NoError(t, err)
	var lists [][]string
	for _, a := range set.Assignments {
		if a.Properties.PolicyDefinitionID == BuiltinAllowedLocations || a.Properties.PolicyDefinitionID == BuiltinAllowedRGLocations {
			l, ok := a.Properties.Parameters["listOfAllowedLocations"].Value.([]string)
			require.True(t, ok, a.Name)
			lists = append(lists, l)
		}
	}
	require.Len(t, lists, 2, "resource and resource group assignments")
	var out []string
	for _, loc := range candidateAzureLocations {
		if slices.Contains(lists[0], loc) && slices.Contains(lists[1], loc) {
			out = append(out, loc)
		}
	}
	return out
}

// packAzureLocations returns the candidate locations in which PCLZ-AZR-REG-001 passes a storage account
// and a resource group.
func packAzureLocations(t *testing.T, locations []string) []string {
	ctx := policy.NewContext("agreement", "")
	ctx.AzureLocations = locations
	var out []string
	for _, loc := range candidateAzureLocations {
		st := policytest.Azure("azure-native:storage:StorageAccount", "evidence", map[string]any{"location": loc})
		rg := policytest.Azure("azure-native:resources:ResourceGroup", "evidence-rg", map[string]any{"location": loc})
		if passes(t, ctx, "PCLZ-AZR-REG-001", st) && passes(t, ctx, "PCLZ-AZR-REG-001", rg) {
			out = append(out, loc)
		}
	}
	return out
}

// disagree lists, in order, what only one side allows.
func disagree(cloud string, pack, guard []string) []string {
	var out []string
	for _, r := range pack {
		if !slices.Contains(guard, r) {
			out = append(out, fmt.Sprintf("%s %s: the pack allows it, the guardrail denies it", cloud, r))
		}
	}
	for _, r := range guard {
		if !slices.Contains(pack, r) {
			out = append(out, fmt.Sprintf("%s %s: the guardrail allows it, the pack denies it", cloud, r))
		}
	}
	return out
}

func TestRegionAgreement(t *testing.T) {
	t.Parallel()
	def := DefaultFacts()
	widen := func(l []string, extra string) []string { return append(slices.Clone(l), extra) }
	cases := []struct {
		name                string
		packAWS, guardAWS   []string
		packAzure, guardAzr []string
		want                []string
	}{
		{name: "same facts agree", packAWS: def.AWSRegions, guardAWS: def.AWSRegions, packAzure: def.AzureLocations, guardAzr: def.AzureLocations},
		{name: "pack widened on AWS", packAWS: widen(def.AWSRegions, "eu-west-1"), guardAWS: def.AWSRegions, packAzure: def.AzureLocations, guardAzr: def.AzureLocations,
			want: []string{"aws eu-west-1: the pack allows it, the guardrail denies it"}},
		{name: "guardrail widened on AWS", packAWS: def.AWSRegions, guardAWS: widen(def.AWSRegions, "us-east-1"), packAzure: def.AzureLocations, guardAzr: def.AzureLocations,
			want: []string{"aws us-east-1: the guardrail allows it, the pack denies it"}},
		{name: "pack widened on Azure", packAWS: def.AWSRegions, guardAWS: def.AWSRegions, packAzure: widen(def.AzureLocations, "westeurope"), guardAzr: def.AzureLocations,
			want: []string{"azure westeurope: the pack allows it, the guardrail denies it"}},
		{name: "guardrail widened on Azure", packAWS: def.AWSRegions, guardAWS: def.AWSRegions, packAzure: def.AzureLocations, guardAzr: widen(def.AzureLocations, "northeurope"),
			want: []string{"azure northeurope: the guardrail allows it, the pack denies it"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			gf := DefaultFacts()
			gf.AWSRegions, gf.AzureLocations = c.guardAWS, c.guardAzr
			guardAWS, partial := guardAWSRegions(t, gf)
			assert.Empty(t, partial, "regions where the SCP denies only some regional calls")
			got := append(disagree("aws", packAWSRegions(t, c.packAWS), guardAWS),
				disagree("azure", packAzureLocations(t, c.packAzure), guardAzureLocations(t, gf))...)
			assert.Equal(t, c.want, got)
			if c.want == nil {
				// The agreeing case is not vacuous: both sides allow the allow-list and nothing else.
				assert.Equal(t, []string{"eu-west-2"}, guardAWS)
				assert.Equal(t, []string{"uksouth", "ukwest"}, guardAzureLocations(t, gf))
			}
		})
	}
}

// TestGlobalExceptionsAreGlobal proves the region deny's exceptions let through only global-service
// calls: a global call in us-east-1 is allowed, and no exception covers a regional probe.
func TestGlobalExceptionsAreGlobal(t *testing.T) {
	t.Parallel()
	scps := testSCPs(t)
	for _, a := range []string{"iam:CreateRole", "organizations:DescribeOrganization", "sts:AssumeRole", "route53:ChangeResourceRecordSets", "support:CreateCase"} {
		assert.False(t, scpsDeny(t, scps, tier.Gold, request{Action: a, Region: "us-east-1", Principal: workloadPrincipal}), a)
	}
	for _, a := range regionalProbes {
		for _, g := range GlobalServiceActions() {
			assert.False(t, semantic.GlobMatch(g, a, true), "exception %s covers regional call %s", g, a)
		}
	}
	// The organisation's automation role is exempt from the region deny; the root user never is.
	assert.False(t, scpsDeny(t, scps, tier.Gold, request{Action: "ec2:RunInstances", Region: "us-east-1", Principal: "arn:aws:iam::111122223333:role/pclz-org-admin"}))
	assert.True(t, scpsDeny(t, scps, tier.Gold, request{Action: "iam:CreateRole", Region: "eu-west-2", Principal: "arn:aws:iam::111122223333:root"}))
}

// kind is one resource a tier stack might create, as the pack sees it and as the cloud API receives it.
type kind struct {
	Type    string
	Inputs  map[string]any
	Request request
}

// bronzeCandidates are the internet-facing and peering resources, and harmless neighbours the guardrail
// must not deny. The table is independent of AWSTierDenials, which it checks.
var bronzeCandidates = []kind{
	{"aws:ec2/internetGateway:InternetGateway", nil, request{Action: "ec2:CreateInternetGateway"}},
	{"aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway", nil, request{Action: "ec2:CreateEgressOnlyInternetGateway"}},
	{"aws:ec2/natGateway:NatGateway", nil, request{Action: "ec2:CreateNatGateway"}},
	{"aws:ec2/eip:Eip", nil, request{Action: "ec2:AllocateAddress"}},
	{"aws:ec2/vpcPeeringConnection:VpcPeeringConnection", nil, request{Action: "ec2:CreateVpcPeeringConnection"}},
	{"aws:ec2/instance:Instance", map[string]any{"associatePublicIpAddress": true},
		request{Action: "ec2:RunInstances", Resource: "arn:aws:ec2:eu-west-2:111122223333:network-interface/*", Context: map[string]string{"ec2:AssociatePublicIpAddress": "true"}}},
	{"aws:ec2/instance:Instance", map[string]any{"associatePublicIpAddress": false},
		request{Action: "ec2:RunInstances", Resource: "arn:aws:ec2:eu-west-2:111122223333:network-interface/*", Context: map[string]string{"ec2:AssociatePublicIpAddress": "false"}}},
	{"aws:ec2/subnet:Subnet", map[string]any{"mapPublicIpOnLaunch": true}, request{Action: "ec2:ModifySubnetAttribute"}},
	{"aws:ec2/vpc:Vpc", map[string]any{"cidrBlock": "10.30.0.0/16"}, request{Action: "ec2:CreateVpc"}},
}

func (k kind) String() string { return fmt.Sprintf("%s %v", k.Type, k.Inputs) }

// packRejects runs the isolation rules (in rules) on k in a tier stack of t.
func packRejects(t *testing.T, rules []policy.Rule, tr tier.Tier, k kind) bool {
	ctx := policy.NewContext("agreement-"+string(tr), tr)
	ctx.Cloud, ctx.Role = "aws", "tier"
	r := policytest.AWS(k.Type, "candidate", k.Inputs)
	for _, rule := range rules {
		m := rule.Meta
		if m.Pack != policy.PackIsolation || !slices.Contains(m.ResourceTypes, k.Type) || len(m.Tiers) > 0 && !slices.Contains(m.Tiers, tr) {
			continue
		}
		if rule.Check(ctx, r).Status == policy.StatusFail {
			return true
		}
	}
	return false
}

// bronzeDisagreement lists the candidates only one side denies in Bronze.
func bronzeDisagreement(t *testing.T, rules []policy.Rule, scps []SCP) []string {
	var out []string
	for _, k := range bronzeCandidates {
		req := k.Request
		req.Region, req.Principal = "eu-west-2", workloadPrincipal
		pack, guard := packRejects(t, rules, tier.Bronze, k), scpsDeny(t, scps, tier.Bronze, req)
		switch {
		case pack && !guard:
			out = append(out, fmt.Sprintf("%s: the pack denies it in Bronze, the guardrail allows %s", k, req.Action))
		case guard && !pack:
			out = append(out, fmt.Sprintf("%s: the guardrail denies %s in Bronze, the pack allows it", k, req.Action))
		}
	}
	return out
}

func TestBronzeAgreement(t *testing.T) {
	t.Parallel()
	without := func(id string) []policy.Rule {
		return slices.DeleteFunc(catalog.Rules(), func(r policy.Rule) bool { return r.ID == id })
	}
	scpsFor := func(mutate func(*tier.Profile)) []SCP {
		f := DefaultFacts()
		for i := range f.Profiles {
			if f.Profiles[i].Tier == tier.Bronze {
				mutate(&f.Profiles[i])
			}
		}
		scps, err := AWSServiceControlPolicies(f, testAWSParams())
		require.NoError(t, err)
		return scps
	}
	cases := []struct {
		name  string
		rules []policy.Rule
		scps  []SCP
		want  []string
	}{
		{name: "same facts agree", rules: catalog.Rules(), scps: testSCPs(t)},
		{name: "guardrail widened: Bronze given hub egress", rules: catalog.Rules(),
			scps: scpsFor(func(p *tier.Profile) { p.InternetEgress = tier.EgressHubFirewall }),
			want: []string{
				"aws:ec2/internetGateway:InternetGateway map[]: the pack denies it in Bronze, the guardrail allows ec2:CreateInternetGateway",
				"aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway map[]: the pack denies it in Bronze, the guardrail allows ec2:CreateEgressOnlyInternetGateway",
				"aws:ec2/natGateway:NatGateway map[]: the pack denies it in Bronze, the guardrail allows ec2:CreateNatGateway",
				"aws:ec2/eip:Eip map[]: the pack denies it in Bronze, the guardrail allows ec2:AllocateAddress",
				"aws:ec2/instance:Instance map[associatePublicIpAddress:true]: the pack denies it in Bronze, the guardrail allows ec2:RunInstances",
				"aws:ec2/subnet:Subnet map[mapPublicIpOnLaunch:true]: the pack denies it in Bronze, the guardrail allows ec2:ModifySubnetAttribute",
			}},
		{name: "guardrail widened: Bronze not isolated", rules: catalog.Rules(),
			scps: scpsFor(func(p *tier.Profile) { p.Isolated = false }),
			want: []string{"aws:ec2/vpcPeeringConnection:VpcPeeringConnection map[]: the pack denies it in Bronze, the guardrail allows ec2:CreateVpcPeeringConnection"}},
		{name: "pack widened: peering rule dropped", rules: without("PCLZ-AWS-NET-008"), scps: testSCPs(t),
			want: []string{"aws:ec2/vpcPeeringConnection:VpcPeeringConnection map[]: the guardrail denies ec2:CreateVpcPeeringConnection in Bronze, the pack allows it"}},
		{name: "pack widened: gateway rule dropped", rules: without("PCLZ-AWS-NET-003"), scps: testSCPs(t),
			want: []string{
				"aws:ec2/internetGateway:InternetGateway map[]: the guardrail denies ec2:CreateInternetGateway in Bronze, the pack allows it",
				"aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway map[]: the guardrail denies ec2:CreateEgressOnlyInternetGateway in Bronze, the pack allows it",
				"aws:ec2/natGateway:NatGateway map[]: the guardrail denies ec2:CreateNatGateway in Bronze, the pack allows it",
				"aws:ec2/eip:Eip map[]: the guardrail denies ec2:AllocateAddress in Bronze, the pack allows it",
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, c.want, bronzeDisagreement(t, c.rules, c.scps))
		})
	}
	// Not vacuous: in agreement both sides deny the internet-facing candidates and allow the harmless ones.
	for _, k := range bronzeCandidates {
		harmless := k.Type == "aws:ec2/vpc:Vpc" || k.Inputs["associatePublicIpAddress"] == false
		req := k.Request
		req.Region, req.Principal = "eu-west-2", workloadPrincipal
		assert.Equal(t, !harmless, scpsDeny(t, testSCPs(t), tier.Bronze, req), k.String())
		assert.Equal(t, !harmless, packRejects(t, catalog.Rules(), tier.Bronze, k), k.String())
	}
}

// TestTierDenialsMatchCandidates proves AWSTierDenials names exactly the candidates the Bronze SCP denies.
func TestTierDenialsMatchCandidates(t *testing.T) {
	t.Parallel()
	var got []string
	for _, d := range AWSTierDenials(tier.MustProfile(tier.Bronze)) {
		got = append(got, d.ResourceType+" "+d.Action)
	}
	var want []string
	for _, k := range bronzeCandidates {
		if k.Type == "aws:ec2/vpc:Vpc" || k.Inputs["associatePublicIpAddress"] == false {
			continue
		}
		want = append(want, k.Type+" "+k.Request.Action)
	}
	assert.ElementsMatch(t, want, got)
	assert.Empty(t, AWSTierDenials(tier.MustProfile(tier.Gold)), strings.Join(got, ", "))
}
