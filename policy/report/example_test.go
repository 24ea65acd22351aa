package report_test

import (
	"fmt"
	"time"

	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/report"
)

func ExampleNew() {
	rule := policy.Meta{
		ID: "PCLZ-AWS-ENC-001", Title: "S3 buckets use a customer-managed KMS key", Pack: policy.PackEncryption,
		Severity: policy.SeverityHigh, Enforcement: policy.Mandatory, Principles: []string{"2.3"}, Waivable: true,
	}
	ev := policy.Evaluation{Findings: []policy.Finding{
		{RuleID: rule.ID, Pack: rule.Pack, Severity: rule.Severity, Enforcement: rule.Enforcement, Principles: rule.Principles,
			URN: "urn:pulumi:met-gold::police-landing-zones::aws:s3/bucketV2:BucketV2::evidence", Status: policy.StatusPass},
		{RuleID: rule.ID, Pack: rule.Pack, Severity: rule.Severity, Enforcement: rule.Enforcement, Principles: rule.Principles,
			URN: "urn:pulumi:met-gold::police-landing-zones::aws:s3/bucketV2:BucketV2::scratch", Status: policy.StatusFail,
			Message: `sse algorithm "AES256" is not aws:kms`},
	}}
	ctx := policy.NewContext("met-gold", tier.Gold)
	r := report.New(ctx, time.Date(2026, 5, 1, 9, 30, 0, 0, time.UTC), "lz v0.1.0", []policy.Meta{rule}, ev, nil)

	fmt.Println(r.Summary.Verdict, "blocking:", r.Summary.Blocking)
	for _, p := range r.Summary.ByPrinciple {
		if p.Counts.Total > 0 {
			fmt.Printf("principle %s %s: %d pass, %d fail\n", p.Principle.ID, p.Principle.Title, p.Counts.Pass, p.Counts.Fail)
		}
	}
	// paths, err := report.WriteAll("out/met-gold", r) writes report.json, .sarif, .md and .html.

	// Output:
	// BLOCKED blocking: 1
	// principle 2 Asset protection and resilience: 1 pass, 1 fail
}
