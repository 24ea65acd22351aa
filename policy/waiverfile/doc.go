// Package waiverfile reads the accreditor's waiver file: one YAML file per stack or landing zone that
// lists the rule failures the accreditor accepts, on which resources, why, on whose authority, under
// which risk register entry and until when.
//
//	version: 1
//	scope: pos-bronze            # the stack or landing zone the file is for
//	waivers:
//	  - rule: PCLZ-AWS-NET-004
//	    resource: "urn:pulumi:pos-bronze::police-landing-zones::*::legacy-*"
//	    justification: "Legacy custody system needs ..."
//	    approver: "Jane Smith, Force SIRO"
//	    riskRef: "RISK-2026-014"
//	    expires: 2027-03-31
//
// resource is a URN, or a pattern (policy.Glob: `*` any run of characters, `?` one) matched against the URN
// and against the resource name.
// expires is the last day (UTC, inclusive) the waiver applies, written YYYY-MM-DD, at most 12 months
// after the day the file is read. A waiver may only name a rule the catalogue knows and marks waivable:
// region rules and classification rules above OFFICIAL-SENSITIVE never are.
//
// Parse reports every problem at once, one per line, as "<file>:<line>: <field>: <problem>", so that a
// file can be fixed in one pass. A waiver that has already expired is not an error (Evaluate and the
// reports show it as expired, and the failure it covered stands) but it is listed in File.Warnings.
package waiverfile
