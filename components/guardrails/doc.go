// Package guardrails generates the landing zone's in-cloud guardrails as data: AWS service control
// policies (SCPs) and Azure Policy definitions, assignments and exemptions, from the same facts the
// policy rules read (the UK region allow-lists in package policy and the tier profiles in
// components/tier). The pack stops Pulumi from deploying what the rules forbid; the guardrails stop the
// cloud from accepting it from anyone else (a console click, another tool).
//
// The package is pure: it registers no resource and imports no provider SDK. The organisation and
// management-group components attach what it returns. Controls maps each control to its pre-deploy
// rule IDs and its in-cloud guardrail, for the evidence pack. See docs/guardrails.md and
// docs/adr/0005-guardrails-from-the-rules-facts.md.
package guardrails
