package guardrails_test

import (
	"fmt"

	"github.com/policecloud/landingzones/components/guardrails"
)

// The SCPs for the default facts: the region deny and the audit protections at the root, and the tier
// SCP only for Bronze, whose profile has no internet egress and is isolated.
func ExampleAWSServiceControlPolicies() {
	scps, err := guardrails.AWSServiceControlPolicies(guardrails.DefaultFacts(), guardrails.AWSParams{
		LogArchiveBucketARN: "arn:aws:s3:::pclz-pos-log-archive",
		LogArchiveKeyARNs:   []string{"arn:aws:kms:eu-west-2:111122223333:key/0a1b2c3d-1111-2222-3333-444455556666"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range scps {
		fmt.Printf("%s -> %s (%d statements, under %d characters: %t)\n", s.Name, s.Target,
			len(s.Document.Statement), guardrails.MaxSCPSize, len(s.JSON()) <= guardrails.MaxSCPSize)
	}
	// Output:
	// pclz-region-deny -> root (1 statements, under 5120 characters: true)
	// pclz-protect-audit -> root (5 statements, under 5120 characters: true)
	// pclz-tier-bronze -> bronze (4 statements, under 5120 characters: true)
}

// A control pairs the pack's pre-deploy rules with the guardrails that enforce the same thing in the
// cloud.
func ExampleControlsForRule() {
	for _, c := range guardrails.ControlsForRule("PCLZ-AWS-NET-008") {
		fmt.Println(c.ID, c.AWS, c.Azure)
	}
	// Output:
	// GR-ISOLATION [pclz-tier-bronze] []
}
