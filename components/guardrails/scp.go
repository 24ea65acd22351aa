package guardrails

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/policecloud/landingzones/components/tier"
)

// MaxSCPSize is the largest service control policy AWS Organizations accepts, in characters. AWS
// Organizations stores the document without the whitespace between elements, so the size counted here is
// that of the compact JSON (SCP.JSON).
const MaxSCPSize = 5120

// RootTarget is the SCP target meaning the organisation root: the policy applies to every account.
const RootTarget = "root"

// globalServiceActions are the actions the region deny leaves alone because their service has a single
// global endpoint (most in us-east-1), so every call to them names that region whatever region the
// caller works in. The list follows AWS's own examples: the IAM User Guide's "AWS: Denies access to AWS
// based on the requested Region"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_deny-requested-region.html),
// AWS Organizations' "Deny access to AWS based on the requested AWS Region" SCP example
// (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html)
// and the NotAction list of Control Tower's Region deny control (GRREGIONDENY,
// https://docs.aws.amazon.com/controltower/latest/userguide/primary-region-deny-policy.html).
//
// Deliberately NOT exempted, although Control Tower's list exempts them, because they hold or process
// data in the region they are called in and the pack's region rules forbid them outside the allow-list:
// kms:* (keys), config:* (recorders and their delivery), lambda:*, kinesis:*, s3:* beyond the account-level
// reads and public access block below, waf-regional:* (regional web ACLs), and cloudtrail:* beyond
// LookupEvents. A call to one of these in a disallowed region is denied.
var globalServiceActions = []string{
	"access-analyzer:*", "account:*", "acm:*", "artifact:*", "aws-portal:*", "billing:*", "budgets:*",
	"ce:*", "cloudfront:*", "cloudtrail:LookupEvents", "cur:*", "directconnect:*",
	"ec2:DescribeRegions", "ec2:DescribeTransitGateways", "ec2:DescribeVpnGateways",
	"globalaccelerator:*", "health:*", "iam:*", "importexport:*", "networkmanager:*", "organizations:*",
	"pricing:*", "route53:*", "route53domains:*",
	"s3:GetAccountPublicAccessBlock", "s3:GetBucketLocation", "s3:GetBucketPublicAccessBlock",
	"s3:ListAllMyBuckets", "s3:PutAccountPublicAccessBlock",
	"shield:*", "sso:*", "sts:*", "support:*", "supportplans:*", "tag:GetResources", "trustedadvisor:*",
	"waf:*", "wafv2:*",
}

// GlobalServiceActions returns the actions the region deny exempts (a copy).
func GlobalServiceActions() []string { return slices.Clone(globalServiceActions) }

// auditServiceActions are the calls that stop, delete or detach the audit and detection services.
var auditServiceActions = []string{
	"access-analyzer:DeleteAnalyzer",
	"cloudtrail:DeleteTrail", "cloudtrail:PutEventSelectors", "cloudtrail:StopLogging", "cloudtrail:UpdateTrail",
	"config:DeleteConfigurationAggregator", "config:DeleteConfigurationRecorder", "config:DeleteDeliveryChannel",
	"config:StopConfigurationRecorder",
	"guardduty:DeleteDetector", "guardduty:DeleteMembers", "guardduty:DisassociateFromAdministratorAccount",
	"guardduty:DisassociateFromMasterAccount", "guardduty:DisassociateMembers", "guardduty:StopMonitoringMembers",
	"guardduty:UpdateDetector",
	"securityhub:BatchDisableStandards", "securityhub:DeleteMembers", "securityhub:DisableSecurityHub",
	"securityhub:DisassociateFromAdministratorAccount", "securityhub:DisassociateFromMasterAccount",
	"securityhub:DisassociateMembers",
}

// logArchiveBucketActions change or destroy the log-archive bucket, its settings or its objects.
var logArchiveBucketActions = []string{
	"s3:BypassGovernanceRetention", "s3:DeleteBucket", "s3:DeleteBucketPolicy", "s3:DeleteObject",
	"s3:DeleteObjectVersion", "s3:PutBucketAcl", "s3:PutBucketLogging", "s3:PutBucketObjectLockConfiguration",
	"s3:PutBucketPolicy", "s3:PutBucketPublicAccessBlock", "s3:PutBucketVersioning", "s3:PutEncryptionConfiguration",
	"s3:PutLifecycleConfiguration", "s3:PutObjectLegalHold", "s3:PutObjectRetention", "s3:PutReplicationConfiguration",
}

// logArchiveKeyActions change or destroy the log archive's keys.
var logArchiveKeyActions = []string{
	"kms:CreateGrant", "kms:DeleteAlias", "kms:DisableKey", "kms:DisableKeyRotation", "kms:PutKeyPolicy",
	"kms:ScheduleKeyDeletion", "kms:UpdateAlias",
}

// Denial is one kind of resource a tier's guardrail forbids, as the pack and the cloud each name it.
type Denial struct {
	// ResourceType is the Pulumi type token the pack's rules check ("aws:ec2/natGateway:NatGateway").
	ResourceType string
	// Inputs are the inputs that make the resource the forbidden kind (empty: any resource of the type).
	Inputs map[string]any
	// Action is the AWS API call that creates it, which the tier's SCP denies.
	Action string
	// Reason says why the tier must not have it.
	Reason string
}

// AWSTierDenials returns the resources the profile's tier may not create, derived from the profile:
// internet-facing gateways, elastic IPs and public addresses when the tier has no internet egress, VPC
// peering when the tier is isolated.
func AWSTierDenials(p tier.Profile) []Denial {
	var out []Denial
	if p.InternetEgress == tier.EgressNone {
		const why = "the tier has no internet egress"
		out = append(out,
			Denial{ResourceType: "aws:ec2/internetGateway:InternetGateway", Action: "ec2:CreateInternetGateway", Reason: why},
			Denial{ResourceType: "aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway", Action: "ec2:CreateEgressOnlyInternetGateway", Reason: why},
			Denial{ResourceType: "aws:ec2/natGateway:NatGateway", Action: "ec2:CreateNatGateway", Reason: why},
			Denial{ResourceType: "aws:ec2/eip:Eip", Action: "ec2:AllocateAddress", Reason: why},
			Denial{ResourceType: "aws:ec2/instance:Instance", Inputs: map[string]any{"associatePublicIpAddress": true},
				Action: "ec2:RunInstances", Reason: why},
			Denial{ResourceType: "aws:ec2/subnet:Subnet", Inputs: map[string]any{"mapPublicIpOnLaunch": true},
				Action: "ec2:ModifySubnetAttribute", Reason: why},
		)
	}
	if p.Isolated {
		out = append(out,
			Denial{ResourceType: "aws:ec2/vpcPeeringConnection:VpcPeeringConnection", Action: "ec2:CreateVpcPeeringConnection",
				Reason: "the tier is isolated: it meets other networks only through declared Transit Gateway flows"})
	}
	return out
}

// Statement is one IAM policy statement, in the field order AWS documents.
type Statement struct {
	Sid       string                         `json:"Sid"`
	Effect    string                         `json:"Effect"`
	Action    []string                       `json:"Action,omitempty"`
	NotAction []string                       `json:"NotAction,omitempty"`
	Resource  []string                       `json:"Resource"`
	Condition map[string]map[string][]string `json:"Condition,omitempty"`
}

// PolicyDocument is an IAM policy document.
type PolicyDocument struct {
	Version   string      `json:"Version"`
	Statement []Statement `json:"Statement"`
}

// SCP is one service control policy and where it is attached.
type SCP struct {
	// Name is the policy's name ("pclz-region-deny", "pclz-tier-bronze").
	Name string `json:"name"`
	// Target is RootTarget or the name of the tier whose organisational unit the policy is attached to.
	Target string `json:"target"`
	// Description says what the policy denies.
	Description string `json:"description"`
	// Controls are the IDs of the controls (Controls) the policy's statements enforce.
	Controls []string `json:"controls"`
	// Document is the policy.
	Document PolicyDocument `json:"document"`
}

// JSON returns the document as AWS Organizations stores it: compact JSON, whose length counts against
// MaxSCPSize.
func (s SCP) JSON() string {
	b, err := json.Marshal(s.Document)
	if err != nil { // the document holds only strings, lists and maps of them
		panic(err)
	}
	return string(b)
}

// AWSParams are the values the SCPs need beyond the facts.
type AWSParams struct {
	// LogArchiveBucketARN is the log-archive bucket ("arn:aws:s3:::pclz-log-archive").
	LogArchiveBucketARN string
	// LogArchiveKeyARNs are the KMS keys that encrypt the log archive.
	LogArchiveKeyARNs []string
	// ExemptPrincipalARNs are the role ARN patterns the organisation's own automation uses
	// ("arn:aws:iam::*:role/pclz-org-admin"); the region deny, the audit protections and the subnet
	// attribute deny do not apply to them. Break-glass is never exempt from the root-user deny.
	ExemptPrincipalARNs []string
}

func (p AWSParams) validate() error {
	if p.LogArchiveBucketARN == "" {
		return fmt.Errorf("aws params: LogArchiveBucketARN: is empty; give the log-archive bucket's ARN (arn:aws:s3:::<bucket>)")
	}
	if !strings.HasPrefix(p.LogArchiveBucketARN, "arn:aws:s3:::") || strings.ContainsAny(p.LogArchiveBucketARN[len("arn:aws:s3:::"):], "/*") {
		return fmt.Errorf("aws params: LogArchiveBucketARN: %q is not a bucket ARN; want arn:aws:s3:::<bucket>", p.LogArchiveBucketARN)
	}
	if len(p.LogArchiveKeyARNs) == 0 {
		return fmt.Errorf("aws params: LogArchiveKeyARNs: is empty; give the ARN of every KMS key that encrypts the log archive")
	}
	for i, k := range p.LogArchiveKeyARNs {
		if !strings.HasPrefix(k, "arn:aws:kms:") || !strings.Contains(k, ":key/") {
			return fmt.Errorf("aws params: LogArchiveKeyARNs[%d]: %q is not a KMS key ARN; want arn:aws:kms:<region>:<account>:key/<id>", i, k)
		}
	}
	for i, a := range p.ExemptPrincipalARNs {
		if !strings.HasPrefix(a, "arn:aws:iam::") || !strings.Contains(a, ":role/") {
			return fmt.Errorf("aws params: ExemptPrincipalARNs[%d]: %q is not an IAM role ARN pattern; want arn:aws:iam::<account or *>:role/<name>", i, a)
		}
		if strings.HasSuffix(a, ":role/*") {
			return fmt.Errorf("aws params: ExemptPrincipalARNs[%d]: %q exempts every role; name the organisation's automation role", i, a)
		}
	}
	return nil
}

// exempt adds the ArnNotLike condition that spares the organisation's automation roles.
func (p AWSParams) exempt(c map[string]map[string][]string) map[string]map[string][]string {
	if len(p.ExemptPrincipalARNs) == 0 {
		return c
	}
	if c == nil {
		c = map[string]map[string][]string{}
	}
	c["ArnNotLike"] = map[string][]string{"aws:PrincipalARN": slices.Clone(p.ExemptPrincipalARNs)}
	return c
}

// AWSServiceControlPolicies returns the SCPs for the facts: at the root, the region deny, the
// organisation, audit, log-archive and root-user protections; per tier, the denials AWSTierDenials
// derives from its profile (a tier with none gets no policy). A policy larger than MaxSCPSize is split
// into numbered parts ("-1", "-2") by statement.
func AWSServiceControlPolicies(f Facts, p AWSParams) ([]SCP, error) {
	if err := f.validate(); err != nil {
		return nil, err
	}
	if err := p.validate(); err != nil {
		return nil, err
	}
	regions := slices.Clone(f.AWSRegions)
	slices.Sort(regions)
	global := slices.Clone(globalServiceActions)
	slices.Sort(global)

	var out []SCP
	add := func(name, target, desc string, controls []string, stmts []Statement) error {
		parts, err := splitSCP(name, target, desc, controls, stmts)
		out = append(out, parts...)
		return err
	}
	if err := add("pclz-region-deny", RootTarget,
		"Denies every call outside the UK region allow-list ("+strings.Join(regions, ", ")+"), except to global services.",
		[]string{ControlRegion},
		[]Statement{{
			Sid: "DenyOutsideAllowedRegions", Effect: "Deny", NotAction: global, Resource: []string{"*"},
			Condition: p.exempt(map[string]map[string][]string{"StringNotEquals": {"aws:RequestedRegion": regions}}),
		}}); err != nil {
		return nil, err
	}
	bucket := []string{p.LogArchiveBucketARN, p.LogArchiveBucketARN + "/*"}
	keys := slices.Clone(p.LogArchiveKeyARNs)
	slices.Sort(keys)
	if err := add("pclz-protect-audit", RootTarget,
		"Denies leaving the organisation, stopping or deleting the audit and detection services, changing the log archive and its keys, and acting as the root user.",
		[]string{ControlOrganisation, ControlAuditServices, ControlLogArchive, ControlRootUser},
		[]Statement{
			{Sid: "DenyLeaveOrganization", Effect: "Deny", Action: []string{"organizations:LeaveOrganization"}, Resource: []string{"*"}},
			{Sid: "DenyAuditServiceChanges", Effect: "Deny", Action: slices.Clone(auditServiceActions), Resource: []string{"*"}, Condition: p.exempt(nil)},
			{Sid: "DenyLogArchiveBucketChanges", Effect: "Deny", Action: slices.Clone(logArchiveBucketActions), Resource: bucket, Condition: p.exempt(nil)},
			{Sid: "DenyLogArchiveKeyChanges", Effect: "Deny", Action: slices.Clone(logArchiveKeyActions), Resource: keys, Condition: p.exempt(nil)},
			{Sid: "DenyRootUser", Effect: "Deny", Action: []string{"*"}, Resource: []string{"*"},
				Condition: map[string]map[string][]string{"StringLike": {"aws:PrincipalArn": {"arn:aws:iam::*:root"}}}},
		}); err != nil {
		return nil, err
	}
	for _, prof := range f.Profiles {
		denials := AWSTierDenials(prof)
		if len(denials) == 0 {
			continue
		}
		stmts := tierStatements(denials, p)
		if err := add("pclz-tier-"+string(prof.Tier), string(prof.Tier),
			"Denies what the "+prof.Tier.Title()+" profile forbids: "+denialSummary(denials)+".",
			tierControls(denials), stmts); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// tierStatements turns denials into statements: plain creations in one statement, the launch with a
// public address and the subnet attribute each in their own (they need a resource or condition).
func tierStatements(ds []Denial, p AWSParams) []Statement {
	var gateways, peering []string
	var out []Statement
	for _, d := range ds {
		switch d.Action {
		case "ec2:RunInstances":
			out = append(out, Statement{Sid: "DenyPublicIPAtLaunch", Effect: "Deny", Action: []string{d.Action},
				Resource:  []string{"arn:aws:ec2:*:*:network-interface/*"},
				Condition: map[string]map[string][]string{"Bool": {"ec2:AssociatePublicIpAddress": {"true"}}}})
		case "ec2:ModifySubnetAttribute":
			// No condition key tells which subnet attribute a call changes, so the call is denied to
			// everyone but the organisation's automation; the pack's PCLZ-AWS-NET-004 holds that
			// automation to mapPublicIpOnLaunch off.
			out = append(out, Statement{Sid: "DenySubnetAttributeChanges", Effect: "Deny", Action: []string{d.Action},
				Resource: []string{"*"}, Condition: p.exempt(nil)})
		case "ec2:CreateVpcPeeringConnection":
			peering = append(peering, d.Action, "ec2:AcceptVpcPeeringConnection")
		default:
			gateways = append(gateways, d.Action)
			if d.Action == "ec2:CreateInternetGateway" {
				gateways = append(gateways, "ec2:AttachInternetGateway")
			}
			if d.Action == "ec2:AllocateAddress" {
				gateways = append(gateways, "ec2:AssociateAddress")
			}
		}
	}
	var head []Statement
	if len(gateways) > 0 {
		slices.Sort(gateways)
		head = append(head, Statement{Sid: "DenyInternetGatewaysAndAddresses", Effect: "Deny", Action: gateways, Resource: []string{"*"}})
	}
	if len(peering) > 0 {
		slices.Sort(peering)
		head = append(head, Statement{Sid: "DenyVpcPeering", Effect: "Deny", Action: peering, Resource: []string{"*"}})
	}
	return append(head, out...)
}

func tierControls(ds []Denial) []string {
	var out []string
	for _, d := range ds {
		c := ControlNoInternet
		if d.Action == "ec2:CreateVpcPeeringConnection" {
			c = ControlIsolation
		}
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

func denialSummary(ds []Denial) string {
	var names []string
	for _, d := range ds {
		names = append(names, d.Action)
	}
	return strings.Join(names, ", ")
}

// splitSCP packs statements, in order, into as few documents of at most MaxSCPSize characters as it
// can. One part keeps the name; several are numbered from 1. A statement too large on its own is an error.
func splitSCP(name, target, desc string, controls []string, stmts []Statement) ([]SCP, error) {
	mk := func(ss []Statement) SCP {
		return SCP{Name: name, Target: target, Description: desc, Controls: slices.Clone(controls),
			Document: PolicyDocument{Version: "2012-10-17", Statement: ss}}
	}
	var parts []SCP
	var cur []Statement
	for _, s := range stmts {
		if one := mk([]Statement{s}); len(one.JSON()) > MaxSCPSize {
			return nil, fmt.Errorf("scp %s: statement %s: is %d characters on its own; an SCP may have at most %d",
				name, s.Sid, len(one.JSON()), MaxSCPSize)
		}
		if len(cur) > 0 && len(mk(append(slices.Clone(cur), s)).JSON()) > MaxSCPSize {
			parts = append(parts, mk(cur))
			cur = nil
		}
		cur = append(cur, s)
	}
	if len(cur) > 0 {
		parts = append(parts, mk(cur))
	}
	if len(parts) > 1 {
		for i := range parts {
			parts[i].Name = fmt.Sprintf("%s-%d", name, i+1)
		}
	}
	return parts, nil
}
