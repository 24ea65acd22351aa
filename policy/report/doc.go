// Package report turns one stack's policy evaluation into the evidence accreditation reviewers (force
// SIRO/ISO, the national accreditor) read: what passed, what failed, what could not be decided, what was
// waived, by whom and until when, mapped to the NCSC Cloud Security Principles.
//
// A Report holds the stack's facts, the rules' metadata, the evaluation (findings and waiver uses) and a
// summary of the stack's resources; New builds one and computes its Summary. Its Provenance (the code that
// made it: policy/provenance), Inputs (each input file with its SHA-256) and GeneratedAt say where the
// evidence came from; Locations say which stack-file key set the value a finding is about. Five writers
// render it:
//
//   - WriteJSON: a versioned, stable schema (SchemaVersion; SCHEMA.md and report.schema.json) for tools;
//   - WriteSARIF: SARIF 2.1.0 for code-scanning viewers, with waivers as accepted external suppressions,
//     one automationDetails category per stack (AutomationID) and results at a file and line;
//   - WriteMarkdown: a summary for pull requests and wikis, with MarkdownExtra appended (a diagram);
//   - WriteHTML: one self-contained page (inline CSS, no scripts, no external assets) that prints well;
//   - WriteJUnit: JUnit XML for CI test dashboards, one suite per rule and one case per finding.
//
// Every writer is deterministic: the same Report gives the same bytes. Everything is sorted, and
// GeneratedAt (an input, never the clock) is the only time shown; days left on a waiver are counted from
// it. WriteAll writes all five files into a directory.
//
// The evidence pack across stacks: WriteIndexHTML and WriteIndexMarkdown write its front page (an Index:
// verdicts, the principle matrix, attestations, waivers, networks, the file list); HashTree, WriteManifest
// and VerifyPack make and check manifest.json, which lists every file of the pack with its SHA-256;
// WriteSBOM writes a CycloneDX SBOM of a Go binary from its build information (NCSC principle 8); and
// ReadDevelopment reads a repository's CI checks (principle 7) for WriteDevelopmentMarkdown and
// WriteDevelopmentJSON.
package report
