package report_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/internal/sarifcheck"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/provenance"
	"github.com/policecloud/landingzones/policy/report"
)

// sarifDoc is the part of a SARIF log the tests read.
type sarifDoc struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name  string `json:"name"`
				Rules []struct {
					ID                   string                 `json:"id"`
					Name                 string                 `json:"name"`
					ShortDescription     struct{ Text string }  `json:"shortDescription"`
					FullDescription      struct{ Text string }  `json:"fullDescription"`
					Help                 struct{ Text string }  `json:"help"`
					DefaultConfiguration struct{ Level string } `json:"defaultConfiguration"`
					Properties           map[string]any         `json:"properties"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID       string `json:"ruleId"`
			RuleIndex    int    `json:"ruleIndex"`
			Kind         string `json:"kind"`
			Level        string `json:"level"`
			Message      struct{ Text string }
			Properties   map[string]any `json:"properties"`
			Suppressions []struct {
				Kind, Status, Justification string
			} `json:"suppressions"`
			Locations []struct {
				LogicalLocations []struct {
					FullyQualifiedName string `json:"fullyQualifiedName"`
					Kind               string `json:"kind"`
				} `json:"logicalLocations"`
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI string `json:"uri"`
					} `json:"artifactLocation"`
				} `json:"physicalLocation"`
			} `json:"locations"`
		} `json:"results"`
	} `json:"runs"`
}

func writeSARIF(t *testing.T, r report.Report) ([]byte, sarifDoc) {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, report.WriteSARIF(&b, r))
	var doc sarifDoc
	require.NoError(t, json.Unmarshal(b.Bytes(), &doc), "SARIF output is not JSON")
	return b.Bytes(), doc
}

func TestSARIF(t *testing.T) {
	t.Parallel()
	r := fixtureReport()
	raw, doc := writeSARIF(t, r)
	assert.Equal(t, "2.1.0", doc.Version)
	assert.Contains(t, doc.Schema, "sarif-schema-2.1.0.json")
	require.Len(t, doc.Runs, 1)
	run := doc.Runs[0]
	assert.Equal(t, "policecloud-lz", run.Tool.Driver.Name)

	// Every rule is in the driver, with its metadata.
	levels := map[string]string{}
	index := map[string]int{}
	for i, rule := range run.Tool.Driver.Rules {
		levels[rule.ID] = rule.DefaultConfiguration.Level
		index[rule.ID] = i
	}
	require.Len(t, run.Tool.Driver.Rules, len(r.Rules))
	enc := run.Tool.Driver.Rules[index["PCLZ-AWS-ENC-001"]]
	assert.Equal(t, "S3BucketsAreEncryptedWithACustomerManagedKmsKey", enc.Name)
	assert.Equal(t, "S3 buckets are encrypted with a customer-managed KMS key", enc.ShortDescription.Text)
	assert.Equal(t, "Buckets must use SSE-KMS with a customer key so that key use is audited and revocable.", enc.FullDescription.Text)
	assert.Equal(t, "Remediation: Add a server-side encryption configuration with sseAlgorithm aws:kms and the landing zone key.\n\n"+
		"NCSC Cloud Security Principles: 2.3 Data at rest protection", enc.Help.Text)
	assert.Equal(t, "high", enc.Properties["severity"])
	assert.Equal(t, "encryption", enc.Properties["pack"])
	assert.Equal(t, "mandatory", enc.Properties["enforcement"])
	assert.Equal(t, []any{"2.3"}, enc.Properties["principles"])
	assert.Equal(t, []any{}, enc.Properties["tiers"])
	assert.Equal(t, true, enc.Properties["waivable"])
	assert.Equal(t, []any{"AWS Config: s3-default-encryption-kms", "Checkov: CKV_AWS_145"}, enc.Properties["references"])

	// Default levels: mandatory critical/high error, medium warning, low and advisory note.
	assert.Equal(t, map[string]string{
		"PCLZ-AWS-REG-001": "error", // mandatory critical
		"PCLZ-AWS-ENC-001": "error", // mandatory high
		"PCLZ-AWS-NET-004": "error", // mandatory critical
		"PCLZ-AWS-NET-001": "error", // mandatory critical
		"PCLZ-AWS-AUD-002": "note",  // advisory medium
		"PCLZ-COM-TAG-001": "error", // mandatory high
		"PCLZ-AWS-RES-003": "note",  // mandatory low
	}, levels)

	// Results: failures, errors, unknowns and waived failures; no passes or not-applicables.
	type key struct{ rule, name, kind, level, status string }
	var got []key
	for _, res := range run.Results {
		require.Contains(t, index, res.RuleID, "result names a rule the driver lacks")
		assert.Equal(t, index[res.RuleID], res.RuleIndex)
		if res.Kind == "fail" {
			assert.Equal(t, levels[res.RuleID], res.Level, "a failure's level is its rule's")
		}
		require.Len(t, res.Locations, 1)
		ll := res.Locations[0].LogicalLocations
		require.Len(t, ll, 1)
		assert.Equal(t, "resource", ll[0].Kind)
		assert.Equal(t, "stacks/Pulumi.pos-bronze.yaml", res.Locations[0].PhysicalLocation.ArtifactLocation.URI)
		got = append(got, key{res.RuleID, ll[0].FullyQualifiedName, res.Kind, res.Level, res.Properties["status"].(string)})
	}
	assert.Equal(t, []key{
		{"PCLZ-AWS-AUD-002", urn(typTrail, "org-trail"), "fail", "note", "fail"},
		{"PCLZ-AWS-AUD-002", urn(typFlowLog, "vpc-flow-logs"), "review", "none", "unknown"},
		{"PCLZ-AWS-ENC-001", urn(typBucket, "custody-archive"), "fail", "error", "waived"},
		{"PCLZ-AWS-ENC-001", urn(typBucket, "evidence"), "review", "none", "unknown"},
		{"PCLZ-AWS-NET-004", urn(typRoute, "legacy-custody"), "fail", "error", "fail"},
		{"PCLZ-COM-TAG-001", urn(typDB, "custody-db"), "fail", "error", "error"},
		{"PCLZ-COM-TAG-001", urn(typBucket, "evidence"), "fail", "error", "fail"},
	}, got)

	// The waived failure is suppressed (external, accepted) with the approver, risk ref and expiry; the
	// failure whose waiver expired records a rejected suppression, so it stands.
	for _, res := range run.Results {
		switch res.Properties["status"] {
		case "waived":
			require.Len(t, res.Suppressions, 1)
			s := res.Suppressions[0]
			assert.Equal(t, "external", s.Kind)
			assert.Equal(t, "accepted", s.Status)
			assert.Equal(t, "Accepted while the legacy system is migrated (approved by Sam Patel, Force ISO; risk RISK-2026-020; expires 2026-09-30)", s.Justification)
		case "fail":
			if res.RuleID == "PCLZ-AWS-NET-004" {
				require.Len(t, res.Suppressions, 1)
				assert.Equal(t, "rejected", res.Suppressions[0].Status)
				assert.Equal(t, true, res.Properties["waiverExpired"])
			} else {
				assert.Empty(t, res.Suppressions)
			}
		default:
			assert.Empty(t, res.Suppressions)
		}
	}

	// The output, as written, validates against the SARIF 2.1.0 schema.
	require.NoError(t, sarifcheck.Schema(raw))
	// Only what carries information: none of SARIF's defaults (-1 indexes, "enabled": true, the
	// default language and newline sequences, empty lists a reader assumes when they are absent).
	for _, def := range []string{`:-1`, `"enabled"`, `"language"`, `"newlineSequences"`, `"rank"`, `"attachments"`, `"arguments"`, `"contents"`} {
		assert.NotContains(t, string(raw), def)
	}
}

func TestSARIFLevel(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		sev  policy.Severity
		enf  policy.Enforcement
		want string
	}{
		{policy.SeverityCritical, policy.Mandatory, "error"},
		{policy.SeverityHigh, policy.Mandatory, "error"},
		{policy.SeverityMedium, policy.Mandatory, "warning"},
		{policy.SeverityLow, policy.Mandatory, "note"},
		{policy.SeverityCritical, policy.Advisory, "note"},
		{policy.SeverityMedium, policy.Advisory, "note"},
	} {
		assert.Equal(t, tt.want, report.SARIFLevel(policy.Meta{Severity: tt.sev, Enforcement: tt.enf}), "%s %s", tt.enf, tt.sev)
	}
}

func TestSARIFStackFindingAndMissingRule(t *testing.T) {
	t.Parallel()
	r := fixtureReport()
	r.StackFile, r.Locations = "", nil
	r.Inputs = []report.InputFile{report.HashBytes("preview", "-", []byte("{}")), report.HashBytes("waiver file", "waivers/pos.yaml", []byte("x"))}
	r.Evaluation.Findings = append(r.Evaluation.Findings,
		policy.Finding{RuleID: "PCLZ-AWS-NET-001", Pack: policy.PackIsolation, Severity: policy.SeverityCritical,
			Enforcement: policy.Mandatory, Principles: []string{"11"}, Status: policy.StatusFail, Message: "route table rt-1 reaches igw-1"},
		// A finding of a rule the report's rule list lacks still resolves to a driver rule.
		policy.Finding{RuleID: "PCLZ-AZR-IAM-009", Pack: policy.PackIdentity, Severity: policy.SeverityMedium,
			Enforcement: policy.Mandatory, Principles: []string{"10"}, URN: "urn:x", Status: policy.StatusFail, Message: "m"},
	)
	raw, doc := writeSARIF(t, r)
	run := doc.Runs[0]
	ids := map[string]bool{}
	for _, rule := range run.Tool.Driver.Rules {
		ids[rule.ID] = true
	}
	var stackLevel, missing int
	for _, res := range run.Results {
		assert.True(t, ids[res.RuleID], res.RuleID)
		// No stack file: the first input read from a file (standard input has no file) stands in.
		assert.Equal(t, "waivers/pos.yaml", res.Locations[0].PhysicalLocation.ArtifactLocation.URI)
		ll := res.Locations[0].LogicalLocations[0]
		if res.RuleID == "PCLZ-AWS-NET-001" {
			stackLevel++
			assert.Equal(t, "stack:pos-bronze", ll.FullyQualifiedName)
			assert.Equal(t, "module", ll.Kind)
		}
		if res.RuleID == "PCLZ-AZR-IAM-009" {
			missing++
			assert.Equal(t, "warning", res.Level)
		}
	}
	assert.Equal(t, 1, stackLevel)
	assert.Equal(t, 1, missing)
	require.NoError(t, sarifcheck.Schema(raw))

	// No file at all: a logical location only.
	r.Inputs = nil
	_, doc = writeSARIF(t, r)
	for _, res := range doc.Runs[0].Results {
		assert.Empty(t, res.Locations[0].PhysicalLocation.ArtifactLocation.URI, "no file, no physical location")
		assert.NotEmpty(t, res.Locations[0].LogicalLocations)
	}
}

// The run names its stack's category, the driver its version, and results point at the stack-file key
// that set the value where one did, else at the stack file; code scanning takes the log as it is.
func TestSARIFCodeScanning(t *testing.T) {
	t.Parallel()
	raw, _ := writeSARIF(t, fixtureReport())
	var doc struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Name, FullName, Version, SemanticVersion string
				} `json:"driver"`
			} `json:"tool"`
			AutomationDetails struct{ ID string } `json:"automationDetails"`
			Properties        map[string]any      `json:"properties"`
			Results           []struct {
				RuleID    string `json:"ruleId"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string } `json:"artifactLocation"`
						Region           struct{ StartLine, StartColumn int }
					} `json:"physicalLocation"`
				} `json:"locations"`
				Properties map[string]any `json:"properties"`
			} `json:"results"`
		} `json:"runs"`
	}
	require.NoError(t, json.Unmarshal(raw, &doc))
	run := doc.Runs[0]
	assert.Equal(t, "lz/pos-bronze/", run.AutomationDetails.ID)
	assert.Equal(t, "lz/", report.AutomationID(""))
	assert.Equal(t, "lz v0.1.0 (test)", run.Tool.Driver.FullName)
	assert.Equal(t, "v0.1.0", run.Tool.Driver.Version)
	assert.Equal(t, "0.1.0", run.Tool.Driver.SemanticVersion)
	prov := run.Properties["provenance"].(map[string]any)
	assert.Equal(t, fixtureRevision, prov["revision"])
	assert.Equal(t, provenance.PackVersion, prov["packVersion"])
	located := 0
	for _, res := range run.Results {
		pl := res.Locations[0].PhysicalLocation
		assert.Equal(t, "stacks/Pulumi.pos-bronze.yaml", pl.ArtifactLocation.URI)
		if key, ok := res.Properties["stackFileKey"]; ok {
			located++
			assert.Equal(t, "PCLZ-AWS-NET-004", res.RuleID)
			assert.Equal(t, "landingzone:flows[4].ports", key)
			assert.Equal(t, 40, pl.Region.StartLine)
			assert.Equal(t, 7, pl.Region.StartColumn)
		} else {
			assert.Equal(t, 1, pl.Region.StartLine, "the file as a whole")
		}
	}
	assert.Equal(t, 1, located)
	assert.Empty(t, sarifcheck.Check([]string{"fixture"}, raw))

	// A report with no provenance says no version rather than a made-up one.
	r := fixtureReport()
	r.Provenance = provenance.Build{}
	raw, _ = writeSARIF(t, r)
	assert.NotContains(t, string(raw), `"semanticVersion"`)
	assert.Empty(t, sarifcheck.Check([]string{"fixture"}, raw))
}
