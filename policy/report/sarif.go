package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"

	sarif "github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/policecloud/landingzones/policy"
)

// SARIFLevel is the SARIF level of a rule's failures: error for mandatory critical and high rules,
// warning for medium ones, note for low and for every advisory rule.
func SARIFLevel(m policy.Meta) string {
	if m.Enforcement != policy.Mandatory {
		return sarif.LevelNote
	}
	switch m.Severity {
	case policy.SeverityCritical, policy.SeverityHigh:
		return sarif.LevelError
	case policy.SeverityMedium:
		return sarif.LevelWarning
	default:
		return sarif.LevelNote
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

// WriteSARIF writes the report as SARIF 2.1.0: one run whose tool driver, policecloud-lz, lists every
// rule. Failures and rule errors are results of kind "fail" at their rule's level; unknown findings are
// results of kind "review" (level "none", property status "unknown"); waived failures carry an accepted
// external suppression naming the approver, risk reference and expiry, and failures whose waiver expired
// carry a rejected one. Passes and not-applicable findings are counted in the run's properties only.
func WriteSARIF(w io.Writer, r Report) error { return writeSARIF(w, r.normalised()) }

func writeSARIF(w io.Writer, r Report) error {
	doc := sarif.NewReport()
	run := sarif.NewRun()
	driver := sarif.NewToolComponent().WithName(ToolName).
		WithInformationURI("https://github.com/policecloud/landingzones").
		WithShortDescription(sarif.NewMultiformatMessageString().WithText("Policy checks for accreditable UK police cloud landing zones"))
	if r.Tool != "" {
		driver.WithFullName(r.Tool)
	}
	if b := r.Provenance; b.Version != "" {
		driver.WithVersion(b.Version).WithSemanticVersion(b.SemanticVersion())
	}
	run.Tool = sarif.NewTool().WithDriver(driver)
	// One category per stack, so the reports of every stack upload to code scanning side by side.
	run.WithAutomationDetails(sarif.NewRunAutomationDetails().WithID(AutomationID(r.Stack)))

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
	for i, m := range rules {
		index[m.ID] = i
		driver.AddRule(sarifRule(m))
	}

	if file := sarifArtifact(r); file != "" {
		run.AddArtifact(sarif.NewArtifact().WithLocation(sarif.NewSimpleArtifactLocation(file)))
	}

	props := sarif.NewPropertyBag().
		Add("stack", r.Stack).Add("cloud", r.Cloud).Add("tier", string(r.Tier)).Add("role", r.Role).
		Add("generatedAt", r.GeneratedAt.Format(time.RFC3339)).
		Add("verdict", string(r.Summary.Verdict)).Add("blocking", r.Summary.Blocking).
		Add("counts", r.Summary.Overall).Add("reportSchemaVersion", r.SchemaVersion).
		Add("inputs", nonNil(r.Inputs)).Add("provenance", r.Provenance)
	run.WithProperties(props)
	// The policy config in force is how this run was invoked: one invocation, its settings as properties.
	run.AddInvocation(sarif.NewInvocation().WithExecutionSuccessful(true).
		WithProperties(sarif.NewPropertyBag().Add("policyConfig", nonNil(r.PolicyConfig))))
	doc.AddRun(run)

	// The document is written compact, its results one at a time where the (empty) results list of the
	// run is, so that no copy of every result is held in memory.
	var head bytes.Buffer
	enc := json.NewEncoder(&head)
	if err := enc.Encode(doc); err != nil {
		return err
	}
	at := bytes.Index(head.Bytes(), sarifResultsKey)
	if at < 0 || at != bytes.LastIndex(head.Bytes(), sarifResultsKey) {
		return fmt.Errorf("SARIF run has not exactly one results list")
	}
	at += len(sarifResultsKey) - 1
	if _, err := w.Write(head.Bytes()[:at]); err != nil {
		return err
	}
	var item bytes.Buffer
	enc = json.NewEncoder(&item)
	n := 0
	for _, f := range r.Evaluation.Findings {
		res := sarifResult(r, f, known[f.RuleID], index[f.RuleID])
		if res == nil {
			continue
		}
		item.Reset()
		if n > 0 {
			item.WriteByte(',')
		}
		if err := enc.Encode(res); err != nil {
			return err
		}
		if _, err := w.Write(bytes.TrimSuffix(item.Bytes(), []byte("\n"))); err != nil {
			return err
		}
		n++
	}
	_, err := w.Write(head.Bytes()[at:])
	return err
}

// sarifResultsKey is the run's empty results list in the compact document.
var sarifResultsKey = []byte(`"results":[]`)

func sarifRule(m policy.Meta) *sarif.ReportingDescriptor {
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
	props := sarif.NewPropertyBag().
		Add("severity", string(m.Severity)).
		Add("pack", string(m.Pack)).
		Add("enforcement", string(m.Enforcement)).
		Add("principles", nonNil(m.Principles)).
		Add("tiers", tiers).
		Add("waivable", m.Waivable).
		Add("engineAdvisory", m.EngineAdvisory).
		Add("references", refs).
		Add("security-severity", securitySeverity(m.Severity))
	props.WithTags([]string{"policecloud", "pack:" + string(m.Pack), "severity:" + string(m.Severity)})
	d := sarif.NewRule(m.ID).
		WithName(ruleName(m)).
		WithShortDescription(sarif.NewMultiformatMessageString().WithText(orDefault(m.Title, m.ID))).
		WithHelp(sarif.NewMultiformatMessageString().WithText(help.String())).
		WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(SARIFLevel(m))).
		WithProperties(props)
	if m.Description != "" {
		d.WithFullDescription(sarif.NewMultiformatMessageString().WithText(m.Description))
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

// The SARIF result as go-sarif's builders write it (every list they initialise, the -1 placeholders of
// unset indexes), in plain structs: a stack's results are many, and these encode without the builders'
// per-value property-bag marshalling. The golden reports (testdata) hold them to the bytes the builders
// wrote.
type sarifResultJSON struct {
	PartialFingerprints sarifFingerprintsJSON  `json:"partialFingerprints"`
	Attachments         []struct{}             `json:"attachments"`
	CodeFlows           []struct{}             `json:"codeFlows"`
	Fixes               []struct{}             `json:"fixes"`
	GraphTraversals     []struct{}             `json:"graphTraversals"`
	Graphs              []struct{}             `json:"graphs"`
	Kind                string                 `json:"kind,omitempty"`
	Level               string                 `json:"level,omitempty"`
	Locations           []sarifLocationJSON    `json:"locations"`
	Message             sarifMessageJSON       `json:"message"`
	Properties          sarifResultPropsJSON   `json:"properties"`
	Rank                float64                `json:"rank"`
	RelatedLocations    []struct{}             `json:"relatedLocations"`
	RuleID              string                 `json:"ruleId"`
	RuleIndex           int                    `json:"ruleIndex"`
	Stacks              []struct{}             `json:"stacks"`
	Suppressions        []sarifSuppressionJSON `json:"suppressions,omitempty"`
	Taxa                []struct{}             `json:"taxa"`
}

type sarifMessageJSON struct {
	Arguments []string `json:"arguments"`
	Text      string   `json:"text"`
}

type sarifLocationJSON struct {
	Annotations      []struct{}                 `json:"annotations"`
	ID               int                        `json:"id"`
	LogicalLocations []sarifLogicalLocationJSON `json:"logicalLocations"`
	PhysicalLocation *sarifPhysicalLocationJSON `json:"physicalLocation,omitempty"`
	Relationships    []struct{}                 `json:"relationships"`
}

type sarifLogicalLocationJSON struct {
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Index              int    `json:"index"`
	Kind               string `json:"kind"`
	Name               string `json:"name,omitempty"`
	ParentIndex        int    `json:"parentIndex"`
}

type sarifPhysicalLocationJSON struct {
	ArtifactLocation sarifArtifactLocationJSON `json:"artifactLocation"`
	Region           sarifRegionJSON           `json:"region"`
}

type sarifArtifactLocationJSON struct {
	Index int    `json:"index"`
	URI   string `json:"uri"`
}

type sarifRegionJSON struct {
	ByteOffset  int  `json:"byteOffset"`
	CharOffset  int  `json:"charOffset"`
	StartColumn *int `json:"startColumn,omitempty"`
	StartLine   int  `json:"startLine"`
}

type sarifSuppressionJSON struct {
	Justification string                    `json:"justification"`
	Kind          string                    `json:"kind"`
	Properties    sarifSuppressionPropsJSON `json:"properties"`
	Status        string                    `json:"status"`
}

// The property bags, as go-sarif writes them (a map: keys in order).
type sarifResultPropsJSON struct {
	Blocking      bool    `json:"blocking"`
	Enforcement   string  `json:"enforcement"`
	Pack          string  `json:"pack"`
	ResourceType  string  `json:"resourceType"`
	Severity      string  `json:"severity"`
	StackFileKey  *string `json:"stackFileKey,omitempty"`
	Status        string  `json:"status"`
	WaiverExpired *bool   `json:"waiverExpired,omitempty"`
}

type sarifSuppressionPropsJSON struct {
	Approver string `json:"approver"`
	Expires  string `json:"expires"`
	Resource string `json:"resource"`
	RiskRef  string `json:"riskRef"`
}

// sarifFingerprintsJSON is the partialFingerprints map: its one key, "pclzFinding/v1", names the
// fingerprint that identifies a finding across runs (rule and resource).
type sarifFingerprintsJSON struct {
	Finding string `json:"pclzFinding/v1"`
}

var emptyLists = []struct{}{}

func sarifResult(r Report, f policy.Finding, m policy.Meta, ruleIdx int) *sarifResultJSON {
	res := &sarifResultJSON{
		Attachments: emptyLists, CodeFlows: emptyLists, Fixes: emptyLists, GraphTraversals: emptyLists, Graphs: emptyLists,
		Rank: -1, RelatedLocations: emptyLists, RuleID: f.RuleID, RuleIndex: ruleIdx, Stacks: emptyLists, Taxa: emptyLists,
		Message: sarifMessageJSON{Arguments: []string{}},
	}
	props := sarifResultPropsJSON{
		Status: string(f.Status), Blocking: f.Blocking(), Severity: string(f.Severity),
		Enforcement: string(f.Enforcement), Pack: string(f.Pack), ResourceType: f.ResourceType,
	}
	msg := f.Message
	switch f.Status {
	case policy.StatusFail, policy.StatusError, policy.StatusWaived:
		res.Kind, res.Level = "fail", SARIFLevel(m)
		if f.Status == policy.StatusError {
			msg = "the rule could not check this resource: " + msg
		}
	case policy.StatusUnknown:
		res.Kind, res.Level = "review", sarif.LevelNone
		msg = "not decided (a value is computed at preview; this is not a pass): " + msg
	default:
		return nil
	}
	res.Message.Text = orDefault(msg, string(f.Status))
	if f.Waiver != nil {
		wv := f.Waiver
		expires := wv.Expires.UTC().Format(time.DateOnly)
		sup := sarifSuppressionJSON{Kind: "external",
			Properties: sarifSuppressionPropsJSON{Approver: wv.Approver, RiskRef: wv.RiskRef, Expires: expires, Resource: wv.Resource}}
		if f.Status == policy.StatusWaived {
			sup.Status, sup.Justification = "accepted", fmt.Sprintf("%s (approved by %s; risk %s; expires %s)",
				wv.Justification, wv.Approver, wv.RiskRef, expires)
		} else {
			// The waiver expired: recorded, but rejected, so the failure stands.
			sup.Status, sup.Justification = "rejected", fmt.Sprintf("waiver by %s (risk %s) expired on %s: %s",
				wv.Approver, wv.RiskRef, expires, wv.Justification)
		}
		res.Suppressions = []sarifSuppressionJSON{sup}
		expired := f.WaiverExpired
		props.WaiverExpired = &expired
	}
	res.PartialFingerprints = sarifFingerprintsJSON{Finding: fingerprint(f.RuleID, f.URN)}

	loc := sarifLocationJSON{Annotations: emptyLists, ID: -1, Relationships: emptyLists}
	ll := sarifLogicalLocationJSON{Index: -1, ParentIndex: -1}
	if f.URN != "" {
		ll.FullyQualifiedName, ll.Kind, ll.Name = f.URN, "resource", f.ResourceName
	} else {
		// A stack rule's verdict on the stack as a whole.
		ll.FullyQualifiedName, ll.Name, ll.Kind = "stack:"+r.Stack, orDefault(r.Stack, "stack"), "module"
	}
	loc.LogicalLocations = []sarifLogicalLocationJSON{ll}
	// The physical location is the stack-file key that set the finding's value where one did; otherwise
	// the stack file (or the input the resources were read from) as a whole, from its first line, since
	// code scanning shows a result only at a file.
	if l, ok := r.location(f); ok {
		art := sarifArtifactLocationJSON{Index: -1, URI: l.File}
		if l.File == sarifArtifact(r) {
			art.Index = 0
		}
		region := sarifRegionJSON{ByteOffset: -1, CharOffset: -1, StartLine: l.Line}
		if l.Column > 0 {
			region.StartColumn = &l.Column
		}
		loc.PhysicalLocation = &sarifPhysicalLocationJSON{ArtifactLocation: art, Region: region}
		props.StackFileKey = &l.Key
	} else if a := sarifArtifact(r); a != "" {
		loc.PhysicalLocation = &sarifPhysicalLocationJSON{ArtifactLocation: sarifArtifactLocationJSON{Index: 0, URI: a},
			Region: sarifRegionJSON{ByteOffset: -1, CharOffset: -1, StartLine: 1}}
	}
	res.Locations = []sarifLocationJSON{loc}
	res.Properties = props
	return res
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

func fingerprint(ruleID, urn string) string {
	sum := sha256.Sum256([]byte(ruleID + "\x00" + urn))
	return hex.EncodeToString(sum[:16])
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
