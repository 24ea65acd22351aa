package report

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/packconfig"
	"github.com/policecloud/landingzones/policy/provenance"
)

// SARIFLevel is the SARIF level of a rule's failures: error for mandatory critical and high rules,
// warning for medium ones, note for low and for every advisory rule.
func SARIFLevel(m policy.Meta) string {
	if m.Enforcement != policy.Mandatory {
		return "note"
	}
	switch m.Severity {
	case policy.SeverityCritical, policy.SeverityHigh:
		return "error"
	case policy.SeverityMedium:
		return "warning"
	default:
		return "note"
	}
}

// securitySeverity is the CVSS-like score code-scanning tools sort by.
func securitySeverity(s policy.Severity) string {
	switch s {
	case policy.SeverityCritical:
		return "9.5"
	case policy.SeverityHigh:
		return "8.0"
	case policy.SeverityMedium:
		return "5.5"
	default:
		return "2.0"
	}
}

// WriteSARIF writes the report as SARIF 2.1.0, compact: one run whose tool driver, policecloud-lz, lists
// every rule. Failures and rule errors are results of kind "fail" at their rule's level; unknown findings
// are results of kind "review" (level "none", property status "unknown"); waived failures carry an
// accepted external suppression naming the approver, risk reference and expiry, and failures whose waiver
// expired carry a rejected one. Passes and not-applicable findings are counted in the run's properties
// only. Only properties that say something are written: none of SARIF's defaults (empty lists, -1
// indexes, "enabled": true), which a reader assumes when they are absent.
func WriteSARIF(w io.Writer, r Report) error { return writeSARIF(w, r.normalised()) }

// The SARIF log up to its results, marshalled once; the results are written one at a time in its place.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool struct {
		Driver sarifDriver `json:"driver"`
	} `json:"tool"`
	AutomationDetails struct {
		ID string `json:"id"`
	} `json:"automationDetails"`
	Files       []sarifArtifactJSON `json:"artifacts,omitempty"` //nolint:misspell // the name SARIF gives it
	Invocations []sarifInvocation   `json:"invocations"`
	Properties  sarifRunProps       `json:"properties"`
	// Results is always empty here: writeSARIF writes the results where its empty list is.
	Results []struct{} `json:"results"`
}

type sarifDriver struct {
	Name             string          `json:"name"`
	FullName         string          `json:"fullName,omitempty"`
	Version          string          `json:"version,omitempty"`
	SemanticVersion  string          `json:"semanticVersion,omitempty"`
	InformationURI   string          `json:"informationUri"`
	ShortDescription sarifText       `json:"shortDescription"`
	Rules            []sarifRuleJSON `json:"rules"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifRuleJSON struct {
	ID                   string     `json:"id"`
	Name                 string     `json:"name"`
	ShortDescription     sarifText  `json:"shortDescription"`
	FullDescription      *sarifText `json:"fullDescription,omitempty"`
	Help                 sarifText  `json:"help"`
	DefaultConfiguration struct {
		Level string `json:"level"`
	} `json:"defaultConfiguration"`
	Properties sarifRuleProps `json:"properties"`
}

type sarifRuleProps struct {
	Tags             []string `json:"tags"`
	Severity         string   `json:"severity"`
	SecuritySeverity string   `json:"security-severity"`
	Pack             string   `json:"pack"`
	Enforcement      string   `json:"enforcement"`
	Principles       []string `json:"principles"`
	Tiers            []string `json:"tiers"`
	Waivable         bool     `json:"waivable"`
	EngineAdvisory   string   `json:"engineAdvisory"`
	References       []string `json:"references"`
}

type sarifArtifactJSON struct {
	Location struct {
		URI string `json:"uri"`
	} `json:"location"`
}

type sarifInvocation struct {
	ExecutionSuccessful bool `json:"executionSuccessful"`
	Properties          struct {
		PolicyConfig []packconfig.Override `json:"policyConfig"`
	} `json:"properties"`
}

type sarifRunProps struct {
	Stack               string           `json:"stack"`
	Cloud               string           `json:"cloud"`
	Tier                string           `json:"tier"`
	Role                string           `json:"role"`
	GeneratedAt         string           `json:"generatedAt"`
	Verdict             string           `json:"verdict"`
	Blocking            int              `json:"blocking"`
	Counts              Counts           `json:"counts"`
	ReportSchemaVersion string           `json:"reportSchemaVersion"`
	Inputs              []InputFile      `json:"inputs"`
	Provenance          provenance.Build `json:"provenance"`
}

// sarifSchema is the SARIF 2.1.0 JSON schema's address, the log's $schema.
const sarifSchema = "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/main/sarif-2.1/schema/sarif-schema-2.1.0.json"

func writeSARIF(out io.Writer, r Report) error {
	run := sarifRun{Invocations: []sarifInvocation{{ExecutionSuccessful: true}}, Results: []struct{}{}}
	d := &run.Tool.Driver
	d.Name, d.FullName, d.InformationURI = ToolName, r.Tool, "https://github.com/policecloud/landingzones"
	d.ShortDescription.Text = "Policy checks for accreditable UK police cloud landing zones"
	if b := r.Provenance; b.Version != "" {
		d.Version, d.SemanticVersion = b.Version, b.SemanticVersion()
	}
	// One category per stack, so the reports of every stack upload to code scanning side by side.
	run.AutomationDetails.ID = AutomationID(r.Stack)

	// Every rule run, plus any rule a finding names that the report's rule list lacks (so every result's
	// ruleId resolves).
	rules := append([]policy.Meta(nil), r.Rules...)
	known := ruleIndex(rules)
	for _, f := range r.Evaluation.Findings {
		if _, ok := known[f.RuleID]; !ok {
			m := policy.Meta{ID: f.RuleID, Title: f.RuleID, Pack: f.Pack, Severity: f.Severity, Enforcement: f.Enforcement, Principles: f.Principles}
			known[f.RuleID] = m
			rules = append(rules, m)
		}
	}
	index := make(map[string]int, len(rules))
	d.Rules = make([]sarifRuleJSON, len(rules))
	for i, m := range rules {
		index[m.ID] = i
		d.Rules[i] = sarifRule(m)
	}

	artifact := sarifArtifact(r)
	if artifact != "" {
		run.Files = make([]sarifArtifactJSON, 1)
		run.Files[0].Location.URI = artifact
	}
	run.Properties = sarifRunProps{
		Stack: r.Stack, Cloud: r.Cloud, Tier: string(r.Tier), Role: r.Role, GeneratedAt: r.GeneratedAt.Format(time.RFC3339),
		Verdict: string(r.Summary.Verdict), Blocking: r.Summary.Blocking, Counts: r.Summary.Overall,
		ReportSchemaVersion: r.SchemaVersion, Inputs: nonNil(r.Inputs), Provenance: r.Provenance,
	}
	// The policy config in force is how this run was invoked: one invocation, its settings as properties.
	run.Invocations[0].Properties.PolicyConfig = nonNil(r.PolicyConfig)

	// The document is written compact, its results one at a time where the (empty) results list of the
	// run is, so that no copy of every result is held in memory.
	var head bytes.Buffer
	enc := json.NewEncoder(&head)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(sarifLog{Schema: sarifSchema, Version: "2.1.0", Runs: []sarifRun{run}}); err != nil {
		return err
	}
	at := bytes.Index(head.Bytes(), sarifResultsKey)
	if at < 0 || at != bytes.LastIndex(head.Bytes(), sarifResultsKey) {
		return fmt.Errorf("SARIF run has not exactly one results list")
	}
	at += len(sarifResultsKey) - 1
	w := bufio.NewWriterSize(out, 64<<10)
	_, _ = w.Write(head.Bytes()[:at])
	var buf []byte
	n := 0
	for _, f := range r.Evaluation.Findings {
		if !sarifReported(f.Status) {
			continue
		}
		buf = buf[:0]
		if n > 0 {
			buf = append(buf, ',')
		}
		buf = appendSARIFResult(buf, r, f, known[f.RuleID], index[f.RuleID], artifact)
		_, _ = w.Write(buf)
		n++
	}
	_, _ = w.Write(head.Bytes()[at:])
	return w.Flush()
}

// sarifResultsKey is the run's empty results list in the compact document.
var sarifResultsKey = []byte(`"results":[]`)

func sarifRule(m policy.Meta) sarifRuleJSON {
	var help strings.Builder
	help.WriteString("Remediation: ")
	help.WriteString(m.Remediation)
	help.WriteString("\n\nNCSC Cloud Security Principles: ")
	help.WriteString(principleList(m.Principles))
	tiers := make([]string, 0, len(m.Tiers))
	for _, t := range m.Tiers {
		tiers = append(tiers, string(t))
	}
	refs := make([]string, 0, len(m.References))
	for _, ref := range m.References {
		refs = append(refs, ref.Source+": "+ref.ID)
	}
	d := sarifRuleJSON{
		ID: m.ID, Name: ruleName(m), ShortDescription: sarifText{orDefault(m.Title, m.ID)}, Help: sarifText{help.String()},
		Properties: sarifRuleProps{
			Tags:     []string{"policecloud", "pack:" + string(m.Pack), "severity:" + string(m.Severity)},
			Severity: string(m.Severity), SecuritySeverity: securitySeverity(m.Severity), Pack: string(m.Pack),
			Enforcement: string(m.Enforcement), Principles: nonNil(m.Principles), Tiers: tiers, Waivable: m.Waivable,
			EngineAdvisory: m.EngineAdvisory, References: refs,
		},
	}
	d.DefaultConfiguration.Level = SARIFLevel(m)
	if m.Description != "" {
		d.FullDescription = &sarifText{m.Description}
	}
	return d
}

// ruleName is the rule's title as an identifier ("AwsProvidersArePinnedToAnAllowedUkRegion").
func ruleName(m policy.Meta) string {
	var b strings.Builder
	for _, word := range strings.FieldsFunc(m.Title, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		rs := []rune(strings.ToLower(word))
		rs[0] = unicode.ToUpper(rs[0])
		b.WriteString(string(rs))
	}
	if b.Len() == 0 {
		return strings.ReplaceAll(m.ID, "-", "")
	}
	return b.String()
}

// sarifReported says whether a finding of status s is a SARIF result: failures, rule errors, waived
// failures and unknown findings are.
func sarifReported(s policy.Status) bool {
	switch s {
	case policy.StatusFail, policy.StatusError, policy.StatusWaived, policy.StatusUnknown:
		return true
	}
	return false
}

// appendSARIFResult appends the result of a finding sarifReported reports, as compact JSON: rule, kind and
// level, message, its location in the stack file (or the file the resources were read from) and its
// logical location, the fingerprint, the waiver as a suppression, and the finding's properties.
func appendSARIFResult(b []byte, r Report, f policy.Finding, m policy.Meta, ruleIdx int, artifact string) []byte {
	kind, level, msg := "fail", SARIFLevel(m), f.Message
	switch f.Status {
	case policy.StatusError:
		msg = "the rule could not check this resource: " + msg
	case policy.StatusUnknown:
		kind, level = "review", "none"
		msg = "not decided (a value is computed at preview; this is not a pass): " + msg
	}
	b = append(b, `{"ruleId":`...)
	b = appendJSONString(b, f.RuleID)
	b = append(b, `,"ruleIndex":`...)
	b = strconv.AppendInt(b, int64(ruleIdx), 10)
	b = append(b, `,"kind":"`...)
	b = append(b, kind...)
	b = append(b, `","level":`...)
	b = appendJSONString(b, level)
	b = append(b, `,"message":{"text":`...)
	b = appendJSONString(b, orDefault(msg, string(f.Status)))

	// The physical location is the stack-file key that set the finding's value where one did; otherwise
	// the stack file (or the input the resources were read from) as a whole, from its first line, since
	// code scanning shows a result only at a file.
	b = append(b, `},"locations":[{`...)
	l, located := r.location(f)
	if located || artifact != "" {
		file, line := artifact, 1
		if located {
			file, line = l.File, l.Line
		}
		b = append(b, `"physicalLocation":{"artifactLocation":{"uri":`...)
		b = appendJSONString(b, file)
		if artifact != "" && file == artifact { // the run's one artifact
			b = append(b, `,"index":0`...)
		}
		b = append(b, `},"region":{"startLine":`...)
		b = strconv.AppendInt(b, int64(line), 10)
		if located && l.Column > 0 {
			b = append(b, `,"startColumn":`...)
			b = strconv.AppendInt(b, int64(l.Column), 10)
		}
		b = append(b, `}},`...)
	}
	b = append(b, `"logicalLocations":[{"fullyQualifiedName":`...)
	if f.URN != "" {
		b = appendJSONString(b, f.URN)
		if f.ResourceName != "" {
			b = append(b, `,"name":`...)
			b = appendJSONString(b, f.ResourceName)
		}
		b = append(b, `,"kind":"resource"`...)
	} else {
		// A stack rule's verdict on the stack as a whole.
		b = appendJSONString(b, "stack:"+r.Stack)
		b = append(b, `,"name":`...)
		b = appendJSONString(b, orDefault(r.Stack, "stack"))
		b = append(b, `,"kind":"module"`...)
	}
	b = append(b, `}]}],"partialFingerprints":{"pclzFinding/v1":"`...)
	b = appendFingerprint(b, f.RuleID, f.URN)
	b = append(b, `"}`...)

	if wv := f.Waiver; wv != nil {
		expires := wv.Expires.UTC().Format(time.DateOnly)
		status, justification := "accepted", wv.Justification+" (approved by "+wv.Approver+"; risk "+wv.RiskRef+"; expires "+expires+")"
		if f.Status != policy.StatusWaived {
			// The waiver expired: recorded, but rejected, so the failure stands.
			status, justification = "rejected", "waiver by "+wv.Approver+" (risk "+wv.RiskRef+") expired on "+expires+": "+wv.Justification
		}
		b = append(b, `,"suppressions":[{"kind":"external","status":"`...)
		b = append(b, status...)
		b = append(b, `","justification":`...)
		b = appendJSONString(b, justification)
		b = append(b, `,"properties":{"approver":`...)
		b = appendJSONString(b, wv.Approver)
		b = append(b, `,"riskRef":`...)
		b = appendJSONString(b, wv.RiskRef)
		b = append(b, `,"expires":"`...)
		b = append(b, expires...)
		b = append(b, `","resource":`...)
		b = appendJSONString(b, wv.Resource)
		b = append(b, `}}]`...)
	}

	b = append(b, `,"properties":{"status":`...)
	b = appendJSONString(b, string(f.Status))
	b = append(b, `,"blocking":`...)
	b = strconv.AppendBool(b, f.Blocking())
	b = append(b, `,"severity":`...)
	b = appendJSONString(b, string(f.Severity))
	b = append(b, `,"enforcement":`...)
	b = appendJSONString(b, string(f.Enforcement))
	b = append(b, `,"pack":`...)
	b = appendJSONString(b, string(f.Pack))
	b = append(b, `,"resourceType":`...)
	b = appendJSONString(b, f.ResourceType)
	if located {
		b = append(b, `,"stackFileKey":`...)
		b = appendJSONString(b, l.Key)
	}
	if f.Waiver != nil {
		b = append(b, `,"waiverExpired":`...)
		b = strconv.AppendBool(b, f.WaiverExpired)
	}
	return append(b, `}}`...)
}

// AutomationID is the SARIF run's automationDetails.id for a stack: "lz/<stack>/", the category code
// scanning keeps each stack's results under ("lz/" when the stack is not known).
func AutomationID(stack string) string {
	if stack == "" {
		return "lz/"
	}
	return "lz/" + stack + "/"
}

// sarifArtifact is the file results point at: the stack file, else the first input read from a file.
func sarifArtifact(r Report) string {
	if r.StackFile != "" {
		return r.StackFile
	}
	for _, in := range r.Inputs {
		if in.Path != "" && in.Path != "-" {
			return in.Path
		}
	}
	return ""
}

// appendFingerprint appends the finding's partial fingerprint: the first half of the SHA-256 of its rule
// and URN, in hex.
func appendFingerprint(b []byte, ruleID, urn string) []byte {
	var buf [256]byte
	key := append(append(append(buf[:0], ruleID...), 0), urn...)
	sum := sha256.Sum256(key)
	return hex.AppendEncode(b, sum[:16])
}

// principleList writes principle IDs with their titles: "2.3 Data at rest protection; 11 External ...".
func principleList(ids []string) string {
	parts := make([]string, 0, len(ids))
	for _, id := range ids {
		if p, ok := policy.PrincipleByID(id); ok {
			parts = append(parts, p.ID+" "+p.Title)
		} else {
			parts = append(parts, id)
		}
	}
	if len(parts) == 0 {
		return "none cited"
	}
	return strings.Join(parts, "; ")
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
