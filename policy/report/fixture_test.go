package report_test

import (
	"fmt"
	"time"

	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/packconfig"
	"github.com/policecloud/landingzones/policy/provenance"
	"github.com/policecloud/landingzones/policy/report"
)

// The fixture is hand-made (never the catalogue, which other engineers are still filling) so the golden
// files change only when the reports do.

// fixtureRevision is the commit the fixture report says it was built from.
const fixtureRevision = "3a440cf0a1b2c3d4e5f60718293a4b5c6d7e8f90"

var generatedAt = time.Date(2026, 5, 1, 9, 30, 0, 0, time.UTC)

const (
	stack   = "pos-bronze"
	project = "police-landing-zones"
)

func urn(typ, name string) string {
	return fmt.Sprintf("urn:pulumi:%s::%s::%s::%s", stack, project, typ, name)
}

const (
	typProvider = "pulumi:providers:aws"
	typBucket   = "aws:s3/bucketV2:BucketV2"
	typRoute    = "aws:ec2/route:Route"
	typFlowLog  = "aws:ec2/flowLog:FlowLog"
	typTrail    = "aws:cloudtrail/trail:Trail"
	typDB       = "aws:rds/instance:Instance"
	typVault    = "aws:backup/vault:Vault"
)

func fixtureRules() []policy.Meta {
	return []policy.Meta{
		{
			ID: "PCLZ-AWS-REG-001", Title: "AWS providers are pinned to an allowed UK region",
			Description: "Every explicit AWS provider must name an allowed UK region.",
			Pack:        policy.PackRegion, Severity: policy.SeverityCritical, Enforcement: policy.Mandatory,
			Principles: []string{"2.1"}, ResourceTypes: []string{typProvider},
			Remediation: "Create the provider with region eu-west-2.",
		},
		{
			ID: "PCLZ-AWS-ENC-001", Title: "S3 buckets are encrypted with a customer-managed KMS key",
			Description: "Buckets must use SSE-KMS with a customer key so that key use is audited and revocable.",
			Pack:        policy.PackEncryption, Severity: policy.SeverityHigh, Enforcement: policy.Mandatory,
			Principles: []string{"2.3"}, ResourceTypes: []string{typBucket},
			Remediation: "Add a server-side encryption configuration with sseAlgorithm aws:kms and the landing zone key.",
			References:  []policy.Reference{{Source: "AWS Config", ID: "s3-default-encryption-kms"}, {Source: "Checkov", ID: "CKV_AWS_145"}},
			Waivable:    true,
		},
		{
			ID: "PCLZ-AWS-NET-004", Title: "Bronze routes reach only declared flows",
			Description: "Bronze is firewalled off: every route must serve a declared flow.",
			Pack:        policy.PackIsolation, Severity: policy.SeverityCritical, Enforcement: policy.Mandatory,
			Principles: []string{"3", "11"}, Tiers: []tier.Tier{tier.Bronze}, ResourceTypes: []string{typRoute},
			Remediation: "Remove the route, or declare the flow in the stack's network plan.",
			Waivable:    true,
		},
		{
			ID: "PCLZ-AWS-NET-001", Title: "Bronze has no route to the internet or PSN",
			Description: "No route table in a Bronze stack may reach an internet or NAT gateway.",
			Pack:        policy.PackIsolation, Severity: policy.SeverityCritical, Enforcement: policy.Mandatory,
			Principles: []string{"11", "3"}, Tiers: []tier.Tier{tier.Bronze},
			Remediation: "Remove internet and NAT gateway routes from Bronze route tables.",
		},
		{
			ID: "PCLZ-AWS-AUD-002", Title: "VPC flow logs are sent to the audit account",
			Description: "Flow logs let incidents be investigated.",
			Pack:        policy.PackAudit, Severity: policy.SeverityMedium, Enforcement: policy.Advisory,
			Principles: []string{"5.3", "13"}, ResourceTypes: []string{typFlowLog, typTrail},
			Remediation: "Send flow logs to the central log archive bucket.",
			Waivable:    true,
		},
		{
			ID: "PCLZ-COM-TAG-001", Title: "Resources carry a valid classification tag",
			Description: "Every resource must be tagged OFFICIAL or OFFICIAL-SENSITIVE.",
			Pack:        policy.PackClassification, Severity: policy.SeverityHigh, Enforcement: policy.Mandatory,
			Principles: []string{"2.3", "2.1"}, ResourceTypes: []string{"aws:*"},
			Remediation: "Set the Classification tag through the component's Tags argument.",
		},
		{
			ID: "PCLZ-AWS-RES-003", Title: "Backup vaults have vault lock",
			Description: "Vault lock stops backups being deleted early.",
			Pack:        policy.PackResilience, Severity: policy.SeverityLow, Enforcement: policy.Mandatory,
			Principles: []string{"2.6"}, Tiers: []tier.Tier{tier.Platinum, tier.Gold}, ResourceTypes: []string{typVault},
			Remediation: "Add a vault lock configuration in compliance mode.",
			Waivable:    true,
		},
	}
}

func waiver(rule, resource, approver, risk string, expires time.Time, line int) policy.Waiver {
	return policy.Waiver{
		RuleID: rule, Resource: resource, Approver: approver, RiskRef: risk, Expires: expires, Line: line,
		Justification: "Accepted while the legacy system is migrated",
	}
}

func fixtureWaivers() (active, expired, unused policy.Waiver) {
	active = waiver("PCLZ-AWS-ENC-001", "custody-archive", "Sam Patel, Force ISO", "RISK-2026-020",
		time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC), 11)
	expired = waiver("PCLZ-AWS-NET-004", "legacy-*", "Jane Smith, Force SIRO", "RISK-2025-101",
		time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC), 4)
	unused = waiver("PCLZ-AWS-AUD-002", "retired-*", "Jane Smith, Force SIRO", "RISK-2026-031",
		time.Date(2027, 1, 15, 0, 0, 0, 0, time.UTC), 18)
	return active, expired, unused
}

// finding builds a finding the way Evaluate does: the rule's metadata copied in.
func finding(m policy.Meta, typ, name string, s policy.Status, msg string) policy.Finding {
	f := policy.Finding{
		RuleID: m.ID, Pack: m.Pack, Severity: m.Severity, Enforcement: m.Enforcement, Principles: m.Principles,
		Status: s, Message: msg,
	}
	if name != "" {
		f.URN, f.ResourceType, f.ResourceName = urn(typ, name), typ, name
	}
	return f
}

func fixtureReport() report.Report {
	rules := fixtureRules()
	m := map[string]policy.Meta{}
	for _, r := range rules {
		m[r.ID] = r
	}
	active, expired, unused := fixtureWaivers()

	waived := finding(m["PCLZ-AWS-ENC-001"], typBucket, "custody-archive", policy.StatusWaived,
		`sse algorithm "AES256" is not aws:kms; buckets must use a customer-managed KMS key`)
	waived.Waiver = &active
	stillFailing := finding(m["PCLZ-AWS-NET-004"], typRoute, "legacy-custody", policy.StatusFail,
		"route 0.0.0.0/0 to the records store serves no declared flow (waiver by Jane Smith, Force SIRO expired on 2026-03-31)")
	stillFailing.Waiver, stillFailing.WaiverExpired = &expired, true

	findings := []policy.Finding{
		finding(m["PCLZ-AWS-REG-001"], typProvider, "aws-london", policy.StatusPass, "provider region eu-west-2 is allowed"),
		finding(m["PCLZ-AWS-ENC-001"], typBucket, "audit-logs", policy.StatusPass, "bucket encrypted with a customer KMS key and bucket keys"),
		waived,
		finding(m["PCLZ-AWS-ENC-001"], typBucket, "evidence", policy.StatusUnknown, "the KMS key ARN is computed; it must be a customer-managed key"),
		stillFailing,
		finding(m["PCLZ-AWS-NET-004"], typRoute, "app-to-hub", policy.StatusPass, "route 10.20.0.0/16 serves the declared flow bronze->hub"),
		finding(m["PCLZ-AWS-NET-001"], "", "", policy.StatusPass, "no Bronze route table reaches an internet or NAT gateway"),
		finding(m["PCLZ-AWS-AUD-002"], typFlowLog, "vpc-flow-logs", policy.StatusUnknown, "log destination is computed; it must be the audit archive bucket"),
		finding(m["PCLZ-AWS-AUD-002"], typTrail, "org-trail", policy.StatusFail, "trail does not include global service events | multi-region is off"),
		finding(m["PCLZ-COM-TAG-001"], typBucket, "audit-logs", policy.StatusPass, "classification tag OFFICIAL-SENSITIVE is valid"),
		finding(m["PCLZ-COM-TAG-001"], typDB, "custody-db", policy.StatusError, "rule PCLZ-COM-TAG-001 failed while checking: index out of range"),
		finding(m["PCLZ-COM-TAG-001"], typBucket, "evidence", policy.StatusFail, `classification tag "SECRET" is above OFFICIAL-SENSITIVE; this landing zone holds OFFICIAL data only`),
		finding(m["PCLZ-AWS-RES-003"], typVault, "backup-vault", policy.StatusNotApplicable, "rule applies to tiers [platinum gold], not bronze"),
	}
	ev := policy.Evaluation{
		Findings: findings,
		Waivers: []policy.WaiverUse{
			{Waiver: expired, Expired: true, URNs: []string{urn(typRoute, "legacy-custody")}},
			{Waiver: active, URNs: []string{urn(typBucket, "custody-archive")}},
			{Waiver: unused},
		},
	}
	resources := []report.ResourceSummary{
		{URN: urn(typProvider, "aws-london"), Type: typProvider, Name: "aws-london"},
		{URN: urn(typBucket, "audit-logs"), Type: typBucket, Name: "audit-logs"},
		{URN: urn(typBucket, "custody-archive"), Type: typBucket, Name: "custody-archive"},
		{URN: urn(typBucket, "evidence"), Type: typBucket, Name: "evidence"},
		{URN: urn(typRoute, "legacy-custody"), Type: typRoute, Name: "legacy-custody"},
		{URN: urn(typRoute, "app-to-hub"), Type: typRoute, Name: "app-to-hub"},
		{URN: urn(typFlowLog, "vpc-flow-logs"), Type: typFlowLog, Name: "vpc-flow-logs"},
		{URN: urn(typTrail, "org-trail"), Type: typTrail, Name: "org-trail"},
		{URN: urn(typDB, "custody-db"), Type: typDB, Name: "custody-db"},
		{URN: urn(typVault, "backup-vault"), Type: typVault, Name: "backup-vault"},
	}
	ctx := policy.NewContext(stack, tier.Bronze)
	ctx.Cloud, ctx.Role = "aws", "tier"
	r := report.New(ctx, generatedAt, "lz v0.1.0 (test)", rules, ev, resources)
	r.StackFile = "stacks/Pulumi.pos-bronze.yaml"
	r.Provenance = provenance.Build{
		Module: provenance.Module, Version: "v0.1.0", Revision: fixtureRevision, RevisionTime: "2026-04-30T17:00:00Z",
		GoVersion: "go1.26.8", PackName: provenance.PackName, PackVersion: provenance.PackVersion,
	}
	r.Locations = []report.SourceLocation{{
		RuleID: "PCLZ-AWS-NET-004", URN: urn(typRoute, "legacy-custody"), Message: stillFailing.Message,
		File: r.StackFile, Line: 40, Column: 7, Key: "landingzone:flows[4].ports",
	}}
	r.Inputs = []report.InputFile{report.HashBytes("stack file", r.StackFile, []byte("config:\n  landingzone:tier: bronze\n"))}
	r.PolicyConfig = []packconfig.Override{{Policy: "PCLZ-AZR-REG-001", Setting: "allowedRegions", Value: "uksouth", Default: "uksouth, ukwest"}}
	return r
}
