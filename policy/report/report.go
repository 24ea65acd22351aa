package report

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/packconfig"
	"github.com/policecloud/landingzones/policy/provenance"
)

// SchemaVersion is the version of the JSON report schema WriteJSON writes (SCHEMA.md). It follows
// semantic versioning: a new optional field is a minor change, a removed or changed field a major one.
const SchemaVersion = "2.0.0"

// ToolName is the SARIF tool driver's name.
const ToolName = "policecloud-lz"

// File names WriteAll writes.
const (
	FileJSON     = "report.json"
	FileSARIF    = "report.sarif"
	FileMarkdown = "report.md"
	FileHTML     = "report.html"
)

// ResourceSummary identifies one resource of the stack.
type ResourceSummary struct {
	URN    string `json:"urn"`
	Type   string `json:"type"`
	Name   string `json:"name"`
	Parent string `json:"parent"`
	// Tier, TierSource and TierVia say which tier the rules held the resource to and why (New fills
	// them from the evaluation).
	Tier       string `json:"tier,omitempty"`
	TierSource string `json:"tierSource,omitempty"`
	TierVia    string `json:"tierVia,omitempty"`
}

// Resources summarises the resources rules were run over (nil entries are skipped).
func Resources(rs []*policy.Resource) []ResourceSummary {
	out := make([]ResourceSummary, 0, len(rs))
	for _, r := range rs {
		if r != nil {
			out = append(out, ResourceSummary{URN: r.URN, Type: r.Type, Name: r.Name, Parent: r.Parent})
		}
	}
	return out
}

// Report is everything the writers render for one stack.
type Report struct {
	// SchemaVersion is the JSON schema version; New sets SchemaVersion, and the writers always write the
	// version they implement.
	SchemaVersion string
	// Stack is the stack's name.
	Stack string
	// Cloud is "aws" or "azure", or "" when not known.
	Cloud string
	// Tier is the stack's tier, or "" (a foundation, or not known).
	Tier tier.Tier
	// Role is "foundation" or "tier", or "" when not known.
	Role string
	// Inputs are the files the report was produced from, with their SHA-256.
	Inputs []InputFile
	// PolicyConfig is the policy-pack config in force (`--policy-pack-config`): every setting that changed
	// a rule's level or narrowed its region list. Rules holds each rule at the level in force.
	PolicyConfig []packconfig.Override
	// TierSummary counts the resources per tier and per source of that tier ("Gold: 12 by Tier tag").
	TierSummary string
	// StackFile is the stack's configuration file (stacks/Pulumi.<stack>.yaml), relative to the
	// repository root, when known; SARIF results point at it as their physical location.
	StackFile string
	// Locations say where in the stack file the value a finding is about was set: the line of the key
	// that set it. Findings with no entry point at the stack file as a whole (and at the resource by its
	// URN, as every finding does).
	Locations []SourceLocation
	// GeneratedAt is when the evaluation ran. It is the only time shown, and days left on waivers count
	// from it.
	GeneratedAt time.Time
	// Tool names the tool and version that produced the findings ("lz v0.3.0", "policy pack 0.3.0").
	Tool string
	// Provenance is the code that produced the report: module version, VCS revision, Go version and the
	// policy pack's version (provenance.Read). The zero value says none was recorded.
	Provenance provenance.Build
	// Rules is the metadata of every rule that was run (order does not matter).
	Rules []policy.Meta
	// Evaluation holds the findings and the waiver uses.
	Evaluation policy.Evaluation
	// Resources are the stack's resources (order does not matter).
	Resources []ResourceSummary
	// Summary is computed from Rules and Evaluation by New; the writers recompute it, so a Report built
	// by hand renders correctly too.
	Summary Summary
	// MarkdownExtra is appended verbatim to the Markdown report (a Mermaid network diagram, say). It
	// should start with its own "## " heading. Other formats ignore it.
	MarkdownExtra string
	// locationIndex is Locations by finding, built by normalised for the writers.
	locationIndex map[locationKey]SourceLocation
	// summarised is what New computed Summary from; normalised reuses Summary while Rules and the
	// findings are still those slices and Summary is unchanged, rather than count 100,000 findings again.
	summarised *summaryInputs
	// AllFindings lists every finding in full in the JSON report, passes and not-applicable findings
	// included; by default those are counted per rule (with the resources' URNs in the JSON report) and
	// only failures, errors, unknowns and waived failures are listed in full.
	AllFindings bool
	// HTMLDiagram is trusted SVG markup (policy/report/diagram's SVGString) shown in the HTML report under
	// its own "Network" heading, as given. Other formats ignore it.
	HTMLDiagram string
}

// SourceLocation is the place in a stack file that set the value one finding is about.
type SourceLocation struct {
	// RuleID, URN and Message identify the finding.
	RuleID, URN, Message string
	// File is the stack file relative to the repository root ("stacks/Pulumi.pos-gold.yaml").
	File string
	// Line and Column (1-based) are where the key is.
	Line, Column int
	// Key is the key's path ("aws:region", "landingzone:flows[3].ports").
	Key string
}

// locationKey identifies the finding a source location is for (a key of three strings: looking one up
// allocates nothing).
type locationKey struct{ ruleID, urn, message string }

// location returns the source location of f, if the report has one.
func (r Report) location(f policy.Finding) (SourceLocation, bool) {
	if r.locationIndex != nil {
		l, ok := r.locationIndex[locationKey{f.RuleID, f.URN, f.Message}]
		return l, ok
	}
	for _, l := range r.Locations {
		if l.RuleID == f.RuleID && l.URN == f.URN && l.Message == f.Message {
			return l, true
		}
	}
	return SourceLocation{}, false
}

// New builds a report for the stack ctx describes (nil for none) and computes its summary.
func New(ctx *policy.Context, generatedAt time.Time, tool string, rules []policy.Meta, ev policy.Evaluation, resources []ResourceSummary) Report {
	r := Report{
		SchemaVersion: SchemaVersion,
		GeneratedAt:   generatedAt,
		Tool:          tool,
		Rules:         rules,
		Evaluation:    ev,
		Resources:     resources,
	}
	if ctx != nil {
		r.Stack, r.Cloud, r.Tier, r.Role = ctx.Stack, ctx.Cloud, ctx.Tier, ctx.Role
	}
	if r.Cloud == "" {
		r.Cloud = ev.Cloud
	}
	if r.Role == "" {
		r.Role = ev.Role
	}
	if len(ev.Tiers) > 0 {
		r.Resources = make([]ResourceSummary, len(resources))
		for i, rs := range resources {
			if t, ok := ev.Tiers[rs.URN]; ok {
				rs.Tier, rs.TierSource, rs.TierVia = string(t.Tier), string(t.Source), t.Via
			}
			r.Resources[i] = rs
		}
	}
	r.TierSummary = TierSummary(r.Resources)
	r.Summary = Summarise(rules, ev)
	r.summarised = &summaryInputs{rules: rules, findings: ev.Findings, waivers: ev.Waivers, summary: r.Summary}
	return r
}

// summaryInputs are the slices a summary was computed from, and the summary.
type summaryInputs struct {
	rules    []policy.Meta
	findings []policy.Finding
	waivers  []policy.WaiverUse
	summary  Summary
}

// current reports whether r's Summary is the one computed from r's rules, findings and waivers as they
// are. Summarise counts, so their order does not matter; their identity and length do.
func (r Report) current() bool {
	in := r.summarised
	return in != nil && sameSlice(in.rules, r.Rules) && sameSlice(in.findings, r.Evaluation.Findings) &&
		sameSlice(in.waivers, r.Evaluation.Waivers) && reflect.DeepEqual(in.summary, r.Summary)
}

// sameSlice reports whether a and b are the same slice: the same first element and length (or both
// empty).
func sameSlice[T any](a, b []T) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// Verdict is the one-line outcome reviewers look for first.
type Verdict string

// Verdicts.
const (
	// VerdictBlocked: at least one blocking finding (a mandatory rule failed or errored).
	VerdictBlocked Verdict = "BLOCKED"
	// VerdictPassWithWaivers: nothing blocks, and at least one failure stands only under a waiver.
	VerdictPassWithWaivers Verdict = "PASS WITH WAIVERS"
	// VerdictPass: nothing blocks and nothing is waived. Unknown findings and advisory failures may still
	// be present; the reports list them.
	VerdictPass Verdict = "PASS"
)

// Counts tallies findings by status.
type Counts struct {
	Pass          int `json:"pass"`
	Fail          int `json:"fail"`
	Unknown       int `json:"unknown"`
	Waived        int `json:"waived"`
	NotApplicable int `json:"notApplicable"`
	Error         int `json:"error"`
	Total         int `json:"total"`
}

func (c *Counts) add(s policy.Status) {
	c.Total++
	switch s {
	case policy.StatusPass:
		c.Pass++
	case policy.StatusFail:
		c.Fail++
	case policy.StatusUnknown:
		c.Unknown++
	case policy.StatusWaived:
		c.Waived++
	case policy.StatusNotApplicable:
		c.NotApplicable++
	default:
		c.Error++
	}
}

// PrincipleCounts are the counts under one top-level NCSC principle.
type PrincipleCounts struct {
	Principle policy.Principle
	Counts    Counts
}

// PackCounts are the counts of one pack.
type PackCounts struct {
	Pack   policy.Pack
	Counts Counts
}

// SeverityCounts are the counts of one severity.
type SeverityCounts struct {
	Severity policy.Severity
	Counts   Counts
}

// WaiverCounts summarise the waiver register.
type WaiverCounts struct {
	// Total waivers given.
	Total int `json:"total"`
	// Active waivers: not expired on the evaluation day.
	Active int `json:"active"`
	// Expired waivers: their failures stand.
	Expired int `json:"expired"`
	// Used waivers matched at least one failure.
	Used int `json:"used"`
	// Unused waivers matched no failure (the resource was fixed, or the pattern matches nothing).
	Unused int `json:"unused"`
}

// Summary is what the reports' summary tables show.
type Summary struct {
	// Overall counts every finding once.
	Overall Counts
	// Blocking is the number of blocking findings (mandatory rules that failed or errored).
	Blocking int
	// Advisory is the number of failed or errored advisory findings (reported, not blocking).
	Advisory int
	// Verdict is BLOCKED, PASS WITH WAIVERS or PASS.
	Verdict Verdict
	// ByPrinciple has one row per top-level NCSC principle, in principle order, all fourteen even when
	// no rule covers one (so gaps show). A finding counts under every top-level principle its rule cites,
	// once each.
	ByPrinciple []PrincipleCounts
	// ByPack has one row per pack, in catalogue order, all packs shown.
	ByPack []PackCounts
	// BySeverity has one row per severity, most severe first.
	BySeverity []SeverityCounts
	// Waivers summarise the waiver register.
	Waivers WaiverCounts
}

// Summarise computes the summary of an evaluation. rules supplies principles for findings that lack them.
func Summarise(rules []policy.Meta, ev policy.Evaluation) Summary {
	byID := ruleIndex(rules)
	var s Summary
	principles := map[string]*Counts{}
	packs := map[policy.Pack]*Counts{}
	sevs := map[policy.Severity]*Counts{}
	get := func(m map[string]*Counts, k string) *Counts {
		if m[k] == nil {
			m[k] = &Counts{}
		}
		return m[k]
	}
	tops := topLevelCache{}
	// The counts a finding adds to, looked up once for each run of findings of one rule (findings come
	// ordered by rule, and each of a rule's findings holds its rule's pack, severity and principles).
	var run struct {
		rule       string
		pack       policy.Pack
		sev        policy.Severity
		principles principleSlice
		counts     []*Counts
	}
	for _, f := range ev.Findings {
		s.Overall.add(f.Status)
		if f.Blocking() {
			s.Blocking++
		} else if f.Status == policy.StatusFail || f.Status == policy.StatusError {
			s.Advisory++
		}
		ps := findingPrinciples(f, byID)
		key := principleSlice{n: len(ps)}
		if len(ps) > 0 {
			key.first = &ps[0]
		}
		if run.counts == nil || f.RuleID != run.rule || f.Pack != run.pack || f.Severity != run.sev || key != run.principles {
			run.rule, run.pack, run.sev, run.principles, run.counts = f.RuleID, f.Pack, f.Severity, key, run.counts[:0]
			for _, p := range tops.of(ps) {
				run.counts = append(run.counts, get(principles, p))
			}
			if packs[f.Pack] == nil {
				packs[f.Pack] = &Counts{}
			}
			if sevs[f.Severity] == nil {
				sevs[f.Severity] = &Counts{}
			}
			run.counts = append(run.counts, packs[f.Pack], sevs[f.Severity])
		}
		for _, c := range run.counts {
			c.add(f.Status)
		}
	}
	switch {
	case s.Blocking > 0:
		s.Verdict = VerdictBlocked
	case s.Overall.Waived > 0:
		s.Verdict = VerdictPassWithWaivers
	default:
		s.Verdict = VerdictPass
	}

	known := map[string]bool{}
	for _, p := range policy.TopLevelPrinciples() {
		known[p.ID] = true
		s.ByPrinciple = append(s.ByPrinciple, PrincipleCounts{Principle: p, Counts: deref(principles[p.ID])})
	}
	for _, id := range sortedKeys(principles, comparePrincipleIDs) {
		if !known[id] {
			s.ByPrinciple = append(s.ByPrinciple, PrincipleCounts{Principle: policy.Principle{ID: id}, Counts: deref(principles[id])})
		}
	}
	for _, p := range policy.Packs() {
		s.ByPack = append(s.ByPack, PackCounts{Pack: p, Counts: deref(packs[p])})
	}
	for _, p := range sortedKeys(packs, cmp.Compare[policy.Pack]) {
		if !slices.Contains(policy.Packs(), p) {
			s.ByPack = append(s.ByPack, PackCounts{Pack: p, Counts: deref(packs[p])})
		}
	}
	for _, v := range policy.Severities() {
		s.BySeverity = append(s.BySeverity, SeverityCounts{Severity: v, Counts: deref(sevs[v])})
	}
	for _, v := range sortedKeys(sevs, cmp.Compare[policy.Severity]) {
		if !slices.Contains(policy.Severities(), v) {
			s.BySeverity = append(s.BySeverity, SeverityCounts{Severity: v, Counts: deref(sevs[v])})
		}
	}

	for _, u := range ev.Waivers {
		s.Waivers.Total++
		if u.Expired {
			s.Waivers.Expired++
		} else {
			s.Waivers.Active++
		}
		if len(u.URNs) > 0 {
			s.Waivers.Used++
		} else {
			s.Waivers.Unused++
		}
	}
	return s
}

func deref(c *Counts) Counts {
	if c == nil {
		return Counts{}
	}
	return *c
}

func sortedKeys[K comparable](m map[K]*Counts, compare func(a, b K) int) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, compare)
	return keys
}

// comparePrincipleIDs orders principle IDs numerically part by part ("2.3" < "11"), then as text.
func comparePrincipleIDs(a, b string) int {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(pa) && i < len(pb); i++ {
		na, ea := strconv.Atoi(pa[i])
		nb, eb := strconv.Atoi(pb[i])
		if ea == nil && eb == nil {
			if c := cmp.Compare(na, nb); c != 0 {
				return c
			}
			continue
		}
		if c := cmp.Compare(pa[i], pb[i]); c != 0 {
			return c
		}
	}
	return cmp.Or(cmp.Compare(len(pa), len(pb)), cmp.Compare(a, b))
}

func ruleIndex(rules []policy.Meta) map[string]policy.Meta {
	m := make(map[string]policy.Meta, len(rules))
	for _, r := range rules {
		m[r.ID] = r
	}
	return m
}

// findingPrinciples are the principles a finding's rule cites: the finding's own copy, or the rule's.
func findingPrinciples(f policy.Finding, rules map[string]policy.Meta) []string {
	if len(f.Principles) > 0 {
		return f.Principles
	}
	return rules[f.RuleID].Principles
}

// topLevelCache holds topLevels of the principle lists findings share: every finding of a rule holds the
// same slice of its rule's principles, so a report's thousands of findings need a handful of answers.
// The result must not be modified.
type topLevelCache map[principleSlice][]string

// principleSlice identifies a principle slice by its backing array and length.
type principleSlice struct {
	first *string
	n     int
}

func (c topLevelCache) of(ids []string) []string {
	if len(ids) == 0 {
		return nil
	}
	k := principleSlice{&ids[0], len(ids)}
	out, ok := c[k]
	if !ok {
		out = topLevels(ids)
		c[k] = out
	}
	return out
}

// topLevels maps principle IDs to their top-level IDs, deduplicated, in principle order.
func topLevels(ids []string) []string {
	var out []string
	for _, id := range ids {
		t := policy.TopLevel(id)
		if t != "" && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	slices.SortFunc(out, comparePrincipleIDs)
	return out
}

// statusRank orders statuses for reviewers: what needs attention first.
func statusRank(s policy.Status) int {
	switch s {
	case policy.StatusFail:
		return 0
	case policy.StatusError:
		return 1
	case policy.StatusUnknown:
		return 2
	case policy.StatusWaived:
		return 3
	case policy.StatusPass:
		return 4
	case policy.StatusNotApplicable:
		return 5
	default:
		return 6
	}
}

func severityRank(s policy.Severity) int {
	if i := slices.Index(policy.Severities(), s); i >= 0 {
		return i
	}
	return len(policy.Severities())
}

func compareFindings(a, b policy.Finding) int {
	return cmp.Or(
		cmp.Compare(a.RuleID, b.RuleID),
		cmp.Compare(a.URN, b.URN),
		cmp.Compare(a.Message, b.Message),
		cmp.Compare(a.Status, b.Status),
		cmp.Compare(a.ResourceName, b.ResourceName),
		cmp.Compare(a.ResourceType, b.ResourceType),
	)
}

func compareWaivers(a, b policy.Waiver) int {
	return cmp.Or(
		cmp.Compare(a.RuleID, b.RuleID),
		cmp.Compare(a.Resource, b.Resource),
		a.Expires.Compare(b.Expires),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Approver, b.Approver),
		cmp.Compare(a.RiskRef, b.RiskRef),
		cmp.Compare(a.Justification, b.Justification),
	)
}

// normalised returns a copy of r with everything sorted, the schema version and GeneratedAt fixed, and the
// summary recomputed: the single input every writer renders, so every writer is deterministic.
func (r Report) normalised() Report {
	out := r
	out.SchemaVersion = SchemaVersion
	out.GeneratedAt = r.GeneratedAt.UTC()
	out.Rules = slices.Clone(r.Rules)
	slices.SortStableFunc(out.Rules, func(a, b policy.Meta) int { return cmp.Compare(a.ID, b.ID) })
	// Evaluate gives findings in this order already; only findings in another order are copied and sorted.
	// The check reads every finding, so it runs while the resources are sorted below.
	var findingsDone sync.WaitGroup
	findingsDone.Go(func() {
		if !slices.IsSortedFunc(r.Evaluation.Findings, compareFindings) {
			out.Evaluation.Findings = slices.Clone(r.Evaluation.Findings)
			slices.SortStableFunc(out.Evaluation.Findings, compareFindings)
		}
	})
	out.Evaluation.Waivers = make([]policy.WaiverUse, len(r.Evaluation.Waivers))
	for i, u := range r.Evaluation.Waivers {
		urns := slices.Clone(u.URNs)
		slices.Sort(urns)
		u.URNs = slices.Compact(urns)
		out.Evaluation.Waivers[i] = u
	}
	slices.SortStableFunc(out.Evaluation.Waivers, func(a, b policy.WaiverUse) int { return compareWaivers(a.Waiver, b.Waiver) })
	out.Resources = slices.Clone(r.Resources)
	slices.SortStableFunc(out.Resources, func(a, b ResourceSummary) int {
		return cmp.Or(cmp.Compare(a.URN, b.URN), cmp.Compare(a.Type, b.Type), cmp.Compare(a.Name, b.Name), cmp.Compare(a.Parent, b.Parent))
	})
	findingsDone.Wait()
	if !r.current() {
		out.Summary = Summarise(out.Rules, out.Evaluation)
	}
	out.locationIndex = make(map[locationKey]SourceLocation, len(r.Locations))
	for _, l := range r.Locations {
		k := locationKey{l.RuleID, l.URN, l.Message}
		if _, dup := out.locationIndex[k]; !dup {
			out.locationIndex[k] = l
		}
	}
	return out
}

// daysLeft counts whole days from the day of at to the expiry day (UTC); 0 is the last day.
func daysLeft(expires, at time.Time) int {
	ey, em, ed := expires.UTC().Date()
	ay, am, ad := at.UTC().Date()
	d := time.Date(ey, em, ed, 0, 0, 0, 0, time.UTC).Sub(time.Date(ay, am, ad, 0, 0, 0, 0, time.UTC))
	return int(d.Hours() / 24)
}

// WriteAll writes report.json, report.sarif, report.md, report.html and report.junit.xml into dir
// (created if needed) and returns their paths in that order.
func WriteAll(dir string, r Report) ([]string, error) {
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = f.Name
	}
	return WriteFormats(dir, r, names)
}

// Format is one report format: its name (lz --format), the file it is written to, and its writer.
type Format struct {
	Name, File string
	write      func(io.Writer, *prepared) error
}

// prepared is a report normalised once for every format, with the view the human-readable formats share
// built on first use.
type prepared struct {
	r        Report
	viewOnce sync.Once
	view     view
}

// v is the report's view, built once however many writers ask at once.
func (p *prepared) v() view {
	p.viewOnce.Do(func() { p.view = newView(p.r) })
	return p.view
}

var formats = []Format{
	{"json", FileJSON, func(w io.Writer, p *prepared) error { return writeJSON(w, p.r) }},
	{"sarif", FileSARIF, func(w io.Writer, p *prepared) error { return writeSARIF(w, p.r) }},
	{"md", FileMarkdown, func(w io.Writer, p *prepared) error { return writeMarkdown(w, p.v()) }},
	{"html", FileHTML, func(w io.Writer, p *prepared) error { return writeHTML(w, p.v()) }},
	{"junit", FileJUnit, func(w io.Writer, p *prepared) error { return writeJUnit(w, p.r) }},
}

// Formats returns every report format, in the order WriteAll writes them.
func Formats() []Format { return slices.Clone(formats) }

// Write writes the report in this format to w.
func (f Format) Write(w io.Writer, r Report) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := f.write(bw, &prepared{r: r.normalised()}); err != nil {
		return err
	}
	return bw.Flush()
}

// WriteFormats writes the named formats (Format.Name) of r into dir (created if needed), in the order of
// Formats, and returns the paths written. The report is normalised once for all of them and each file is
// written as it is rendered, through a buffer, never held whole in memory.
func WriteFormats(dir string, r Report, names []string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("create report directory: %w", err)
	}
	p := &prepared{r: r.normalised()}
	var chosen []Format
	for _, f := range formats {
		if slices.Contains(names, f.Name) {
			chosen = append(chosen, f)
		}
	}
	// The formats only read the prepared report: each is written by its own goroutine. Markdown and HTML
	// share one view, built by whichever asks first while the other formats are already being written.
	errs := make([]error, len(chosen))
	var wg sync.WaitGroup
	for i, f := range chosen {
		wg.Go(func() {
			errs[i] = writeFile(filepath.Join(dir, f.File), func(w io.Writer) error { return f.write(w, p) })
		})
	}
	wg.Wait()
	var paths []string
	for i, f := range chosen {
		if errs[i] != nil {
			return paths, fmt.Errorf("write %s: %w", f.File, errs[i])
		}
		paths = append(paths, filepath.Join(dir, f.File))
	}
	return paths, nil
}

// writeFile writes one file through a buffer.
func writeFile(path string, write func(io.Writer) error) error {
	out, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644) //nolint:gosec // a report meant to be read
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(out, 64<<10)
	werr := write(bw)
	if werr == nil {
		werr = bw.Flush()
	}
	return errors.Join(werr, out.Close())
}

// TierSummary counts resources per tier and the source of that tier, most resources first: "Gold: 12 by
// Tier tag, 3 by network; not known: 2". Resources with no tier record (providers with no evaluation)
// are left out.
func TierSummary(rs []ResourceSummary) string {
	type key struct{ tier, source string }
	counts := map[key]int{}
	for _, r := range rs {
		if r.TierSource == "" || strings.HasPrefix(r.Type, "pulumi:providers:") {
			continue
		}
		counts[key{r.Tier, r.TierSource}]++
	}
	var parts []string
	for _, t := range []string{"platinum", "gold", "bronze", ""} {
		var srcs []string
		for _, src := range []string{"stack file", "--tier", "Tier tag", "provider default tags", "network", "not known"} {
			if n := counts[key{t, src}]; n > 0 {
				if t == "" {
					srcs = append(srcs, fmt.Sprintf("%d", n))
				} else {
					srcs = append(srcs, fmt.Sprintf("%d by %s", n, src))
				}
			}
		}
		if len(srcs) == 0 {
			continue
		}
		name := "not known"
		if t != "" {
			name = tier.Tier(t).Title()
		}
		parts = append(parts, name+": "+strings.Join(srcs, ", "))
	}
	return strings.Join(parts, "; ")
}
