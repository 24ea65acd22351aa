// Package attestation reads the accreditor's attestation file: one YAML file per stack or landing zone
// that records, for the NCSC Cloud Security Principles no rule can prove from code (6 personnel security,
// 14 secure use of the service, or any other principle the accreditor chooses to attest), who states what,
// on which evidence, when it was last reviewed and until when it holds. It is the waiver file's sibling
// (policy/waiverfile) and is read the same way.
//
//	version: 1
//	scope: pos                   # the stack or landing zone the file is for
//	attestations:
//	  - principle: "6"
//	    statement: "Everyone with administrative access holds NPPV3 and SC clearance."
//	    owner: "Jane Smith, Force Vetting Manager"
//	    evidence: "VET-REG-2026-03 (force vetting register)"
//	    reviewed: 2026-04-01
//	    expires: 2027-03-31
//
// principle is one of the 14 principles ("1" to "14"; sub-principles are evidenced by rules). reviewed is
// the day the owner last reviewed the statement, no later than the day the file is read; expires is the
// last day (UTC, inclusive) the statement holds, no earlier than reviewed and at most 12 months after it:
// a statement about people goes stale and is reviewed at least once a year.
//
// Parse reports every problem at once, one per line, as "<file>:<line>: <field>: <problem>". An
// attestation that has already expired is not an error, but it is listed in File.Warnings and the evidence
// pack shows its principle as EXPIRED, never as evidenced.
package attestation
