package report_test

import (
	"bytes"
	"encoding/xml"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/policy/report"
)

// junitDoc is the JUnit XML as CI systems read it.
type junitDoc struct {
	XMLName  xml.Name `xml:"testsuites"`
	Name     string   `xml:"name,attr"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Errors   int      `xml:"errors,attr"`
	Skipped  int      `xml:"skipped,attr"`
	Suites   []struct {
		Name       string `xml:"name,attr"`
		Tests      int    `xml:"tests,attr"`
		Failures   int    `xml:"failures,attr"`
		Errors     int    `xml:"errors,attr"`
		Skipped    int    `xml:"skipped,attr"`
		Timestamp  string `xml:"timestamp,attr"`
		Properties []struct {
			Name  string `xml:"name,attr"`
			Value string `xml:"value,attr"`
		} `xml:"properties>property"`
		Cases []struct {
			Name      string `xml:"name,attr"`
			Classname string `xml:"classname,attr"`
			Failure   *struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
			Error *struct {
				Message string `xml:"message,attr"`
			} `xml:"error"`
			Skipped *struct {
				Message string `xml:"message,attr"`
			} `xml:"skipped"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func TestJUnit(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	require.NoError(t, report.WriteJUnit(&b, fixtureReport()))
	assert.Contains(t, b.String(), `<?xml version="1.0" encoding="UTF-8"?>`+"\n<testsuites ")
	var doc junitDoc
	require.NoError(t, xml.Unmarshal(b.Bytes(), &doc))

	// The fixture's 13 findings: 5 pass, 3 fail, 1 error, 1 waived, 2 unknown, 1 not applicable (left out).
	assert.Equal(t, "lz pos-bronze", doc.Name)
	assert.Equal(t, 12, doc.Tests)
	assert.Equal(t, 3, doc.Failures)
	assert.Equal(t, 1, doc.Errors)
	assert.Equal(t, 3, doc.Skipped, "one waived and two unknown")

	// One suite per rule with a finding to show; RES-003 had only a not-applicable one.
	var names []string
	for _, s := range doc.Suites {
		names = append(names, s.Name)
		assert.Equal(t, len(s.Cases), s.Tests, s.Name)
		assert.Equal(t, "2026-05-01T09:30:00", s.Timestamp)
	}
	assert.Equal(t, []string{
		"pos-bronze PCLZ-AWS-AUD-002: VPC flow logs are sent to the audit account",
		"pos-bronze PCLZ-AWS-ENC-001: S3 buckets are encrypted with a customer-managed KMS key",
		"pos-bronze PCLZ-AWS-NET-001: Bronze has no route to the internet or PSN",
		"pos-bronze PCLZ-AWS-NET-004: Bronze routes reach only declared flows",
		"pos-bronze PCLZ-AWS-REG-001: AWS providers are pinned to an allowed UK region",
		"pos-bronze PCLZ-COM-TAG-001: Resources carry a valid classification tag",
	}, names)

	tag := doc.Suites[5]
	assert.Equal(t, 1, tag.Failures)
	assert.Equal(t, 1, tag.Errors)
	props := map[string]string{}
	for _, p := range tag.Properties {
		props[p.Name] = p.Value
	}
	assert.Equal(t, "high", props["severity"])
	assert.Equal(t, "mandatory", props["enforcement"])
	assert.Equal(t, "BLOCKED", props["verdict"])
	assert.Equal(t, fixtureRevision, props["revision"])
	for _, c := range tag.Cases {
		assert.Equal(t, "pos-bronze.PCLZ-COM-TAG-001", c.Classname)
		switch c.Name {
		case urn(typBucket, "evidence"):
			require.NotNil(t, c.Failure)
			assert.Equal(t, `classification tag "SECRET" is above OFFICIAL-SENSITIVE; this landing zone holds OFFICIAL data only`, c.Failure.Message)
			assert.Equal(t, "high mandatory", c.Failure.Type)
			assert.Contains(t, c.Failure.Text, "blocks the deployment")
		case urn(typDB, "custody-db"):
			require.NotNil(t, c.Error)
			assert.Equal(t, "the rule could not check this resource: rule PCLZ-COM-TAG-001 failed while checking: index out of range", c.Error.Message)
		default:
			assert.Nil(t, c.Failure, "a pass is an empty testcase")
			assert.Nil(t, c.Error)
			assert.Nil(t, c.Skipped)
		}
	}

	for _, c := range doc.Suites[1].Cases {
		if c.Name == urn(typBucket, "custody-archive") {
			require.NotNil(t, c.Skipped)
			assert.Equal(t, "waived by Sam Patel, Force ISO, RISK-2026-020, until 2026-09-30: Accepted while the legacy system is migrated", c.Skipped.Message)
		}
	}
	// An advisory failure is a failure that says it does not block; a rule's passes are one testcase.
	assert.Equal(t, "medium advisory", doc.Suites[0].Cases[0].Failure.Type)
	assert.Contains(t, doc.Suites[0].Cases[0].Failure.Text, "advisory: reported, does not block")
	assert.Equal(t, "1 finding passes", doc.Suites[2].Cases[0].Name)
	// An expired waiver is named in the failure that stands.
	expired := 0
	for _, c := range doc.Suites[3].Cases {
		if c.Name == urn(typRoute, "legacy-custody") {
			expired++
			require.NotNil(t, c.Failure)
			assert.Contains(t, c.Failure.Text, "waiver by Jane Smith, Force SIRO (RISK-2025-101) expired on 2026-03-31: the failure stands")
		}
	}
	assert.Equal(t, 1, expired)
}
