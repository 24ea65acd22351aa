package report

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/attestation"
	"github.com/policecloud/landingzones/policy/provenance"
)

// Evidence pack file names (WriteIndexHTML, WriteIndexMarkdown).
const (
	FileIndexHTML     = "index.html"
	FileIndexMarkdown = "index.md"
)

// Index is the front page of an evidence pack: every stack's verdict, the NCSC principle matrix across
// stacks, the waiver register of every stack, and a network diagram per landing zone.
type Index struct {
	// GeneratedAt is when the pack was made; days left on waivers count from it.
	GeneratedAt time.Time
	// Tool names the tool and version.
	Tool string
	// Provenance is the code that made the pack (provenance.Read); the zero value says none was recorded.
	Provenance provenance.Build
	// Stacks are the stacks' reports with where they were written, in the order to show.
	Stacks []IndexStack
	// LandingZones are the landing zones' network diagrams, in the order to show.
	LandingZones []IndexLandingZone
	// Attestations are the attestation files applied to the pack's stacks, in the order to show.
	Attestations []IndexAttestationFile
	// SBOM is the pack's software bill of materials (NCSC principle 8); nil when none was written.
	SBOM *SBOMSummary
	// Development is the secure development evidence (NCSC principle 7); nil when none was read, with
	// DevelopmentNote saying why.
	Development     *Development
	DevelopmentNote string
	// Controls is the pack's control map (controls.md, and the guardrails per principle in the index);
	// nil when the pack has none.
	Controls *Controls
	// Files are the pack's files other than the index (index.html, index.md) and manifest.json, with
	// their SHA-256 (HashTree), listed in the index so that a reader of the index alone can check them.
	Files []ManifestFile
}

// IndexFiles are the files of an evidence pack that Index.Files leaves out: the index itself and the
// manifest, which lists the index.
var IndexFiles = []string{FileIndexHTML, FileIndexMarkdown, FileManifest}

// FilesDigest is the digest of a list of pack files: the SHA-256 of their lines in the form sha256sum
// prints ("<hex>  <path>\n", in the given order), so that `sha256sum` over the same files, sorted by
// path, piped into `sha256sum` gives the same hex digits.
func FilesDigest(files []ManifestFile) string {
	var b strings.Builder
	for _, f := range files {
		b.WriteString(f.SHA256 + "  " + f.Path + "\n")
	}
	return Digest([]byte(b.String()))
}

// IndexStack is one stack of the pack.
type IndexStack struct {
	Report Report
	// LandingZone is the landing zone the stack belongs to.
	LandingZone string
	// Dir is the stack's report directory, relative to the index ("stacks/pos-gold").
	Dir string
	// Attestations are the attestations that apply to the stack (from the file scoped to it or to its
	// landing zone).
	Attestations []attestation.Attestation
}

// IndexAttestationFile is one attestation file applied to the pack.
type IndexAttestationFile struct {
	// Scope is the stack or landing zone the file is for.
	Scope string
	// Source is the file as given; File is its copy in the pack, relative to the index.
	Source, File string
	// Attestations are the file's entries.
	Attestations []attestation.Attestation
}

// IndexLandingZone is one landing zone's network diagram.
type IndexLandingZone struct {
	Name, Cloud string
	// SVG is trusted SVG markup (policy/report/diagram), embedded in index.html.
	SVG string
	// SVGFile and MarkdownFile are the diagram's files, relative to the index.
	SVGFile, MarkdownFile string
	// Mermaid is the diagram's Markdown section (a Mermaid block and the flow table).
	Mermaid string
}

type indexStackView struct {
	Name, LandingZone, Cloud, Tier, Role, Dir string
	Verdict, VerdictClass                     string
	Counts                                    Counts
	Blocking, Resources                       int
}

// matrixCell is one cell of the principle matrix; Href, when set, links the cell to its evidence.
type matrixCell struct{ Label, Class, Href string }

type matrixRow struct {
	ID, Title string
	Cells     []matrixCell
}

type indexWaiverView struct {
	Stack string
	waiverView
	Status, StatusClass string
}

type attestationView struct {
	Scope, Principle, Statement, Owner, Evidence, Reviewed, Expires string
	DaysLeft, DaysClass, Status, StatusClass, Source                string
}

type indexView struct {
	Attestations                                                     []attestationView
	SBOM                                                             *SBOMSummary
	Development                                                      *Development
	DevelopmentNote                                                  string
	DevFiles                                                         [2]string
	MatrixKey, AttestationText, SBOMText, DevelopmentText, CycloneDX string
	Tool, Generated, SchemaVersion, Provenance                       string
	Stacks                                                           []indexStackView
	Matrix                                                           []matrixRow
	Waivers                                                          []indexWaiverView
	LandingZones                                                     []indexLandingZoneView
	Blocked                                                          int
	Files                                                            []ManifestFile
	FilesDigest, Manifest                                            string
	IndexFiles                                                       string
	Guardrails                                                       []principleGuardrails
	GuardrailsText, ControlsFile                                     string
}

type indexLandingZoneView struct {
	Name, Cloud, SVGFile, MarkdownFile string
	SVG                                template.HTML
}

// cell summarises a stack's findings under one principle: the most pressing status first.
func cell(c Counts) matrixCell {
	switch {
	case c.Fail+c.Error > 0:
		return matrixCell{Label: fmt.Sprintf("FAIL %d", c.Fail+c.Error), Class: "fail"}
	case c.Unknown > 0:
		return matrixCell{Label: fmt.Sprintf("UNKNOWN %d", c.Unknown), Class: "unknown"}
	case c.Waived > 0:
		return matrixCell{Label: fmt.Sprintf("WAIVED %d", c.Waived), Class: "waived"}
	case c.Pass > 0:
		return matrixCell{Label: fmt.Sprintf("PASS %d", c.Pass), Class: "pass"}
	case c.NotApplicable > 0:
		return matrixCell{Label: "N/A", Class: "na"}
	default:
		return matrixCell{Label: "not evidenced", Class: "na"}
	}
}

// principleCell is the matrix cell of one principle on one stack: the rules' verdicts where any rule
// reached one, else the evidence of evidenceCell.
func principleCell(ix Index, principle string, c Counts, atts []attestation.Attestation) matrixCell {
	if decided(c) {
		return cell(c)
	}
	return evidenceCell(ix, principle, atts, cell(c))
}

// decided reports whether any rule reached a verdict under a principle.
func decided(c Counts) bool { return c.Pass+c.Fail+c.Error+c.Unknown+c.Waived > 0 }

// evidenceCell is the matrix cell of a principle no rule decided on a stack: the stack's attestations of
// it (an expired one shows EXPIRED, never evidence), else the pack's own evidence for principles 7 and 8,
// else the rules' cell.
func evidenceCell(ix Index, principle string, atts []attestation.Attestation, rules matrixCell) matrixCell {
	active, expired := 0, 0
	for _, a := range atts {
		if a.Principle != principle {
			continue
		}
		if a.ActiveOn(ix.GeneratedAt) {
			active++
		} else {
			expired++
		}
	}
	switch {
	case expired > 0:
		return matrixCell{fmt.Sprintf("EXPIRED %d", expired), "fail", "#attestations"}
	case active > 0:
		return matrixCell{fmt.Sprintf("ATTESTED %d", active), "evidence", "#attestations"}
	case principle == "7" && ix.Development != nil:
		return matrixCell{fmt.Sprintf("CI %d steps", len(ix.Development.Steps)), "evidence", FileDevelopmentMarkdown}
	case principle == "8" && ix.SBOM != nil:
		return matrixCell{fmt.Sprintf("SBOM %d modules", ix.SBOM.Modules), "evidence", FileSBOM}
	}
	return rules
}

func newAttestationView(scope, source string, a attestation.Attestation, at time.Time) attestationView {
	v := attestationView{
		Scope: scope, Principle: a.Principle, Statement: a.Statement, Owner: a.Owner, Evidence: a.Evidence,
		Reviewed: a.Reviewed.Format(time.DateOnly), Expires: a.Expires.Format(time.DateOnly),
		Source: fmt.Sprintf("%s:%d", source, a.Line), Status: "active", StatusClass: "pass",
	}
	left := daysLeft(a.Expires, at)
	v.DaysLeft, v.DaysClass = fmt.Sprint(left), "pass"
	switch {
	case !a.ActiveOn(at):
		v.DaysLeft, v.DaysClass, v.Status, v.StatusClass = "expired", "fail", "EXPIRED", "fail"
	case left <= 30:
		v.DaysClass = "unknown"
	}
	return v
}

func newIndexView(ix Index) indexView {
	v := indexView{
		Tool: orDefault(ix.Tool, "(not given)"), Generated: ix.GeneratedAt.UTC().Format("2006-01-02 15:04:05 UTC"), SchemaVersion: SchemaVersion,
		Provenance: provenanceText(ix.Provenance),
		Files:      ix.Files, FilesDigest: FilesDigest(ix.Files), Manifest: FileManifest, IndexFiles: strings.Join(IndexFiles, ", "),
		SBOM: ix.SBOM, Development: ix.Development, DevelopmentNote: ix.DevelopmentNote,
		DevFiles:  [2]string{FileDevelopmentMarkdown, FileDevelopmentJSON},
		MatrixKey: matrixKeyText, AttestationText: attestationText, SBOMText: sbomText, DevelopmentText: developmentText, CycloneDX: CycloneDXVersion,
	}
	for _, f := range ix.Attestations {
		for _, a := range f.Attestations {
			v.Attestations = append(v.Attestations, newAttestationView(f.Scope, f.File, a, ix.GeneratedAt))
		}
	}
	var reports []Report
	for _, s := range ix.Stacks {
		r := s.Report.normalised()
		reports = append(reports, r)
		sum := r.Summary
		if sum.Blocking > 0 {
			v.Blocked++
		}
		v.Stacks = append(v.Stacks, indexStackView{
			Name: r.Stack, LandingZone: s.LandingZone, Cloud: r.Cloud, Tier: orDefault(r.Tier.Title(), "(none)"), Role: r.Role,
			Dir: s.Dir, Verdict: string(sum.Verdict), VerdictClass: verdictClass(sum.Verdict), Counts: sum.Overall,
			Blocking: sum.Blocking, Resources: len(r.Resources),
		})
		for _, u := range r.Evaluation.Waivers {
			wv := newWaiverView(u, r.GeneratedAt)
			status, class := "active", "pass"
			switch {
			case u.Expired:
				status, class = "EXPIRED", "fail"
			case len(u.URNs) == 0:
				status, class = "unused", "na"
			}
			v.Waivers = append(v.Waivers, indexWaiverView{Stack: r.Stack, waiverView: wv, Status: status, StatusClass: class})
		}
	}
	for _, p := range policy.TopLevelPrinciples() {
		row := matrixRow{ID: p.ID, Title: p.Title}
		for i, r := range reports {
			c := Counts{}
			for _, pc := range r.Summary.ByPrinciple {
				if pc.Principle.ID == p.ID {
					c = pc.Counts
				}
			}
			row.Cells = append(row.Cells, principleCell(ix, p.ID, c, ix.Stacks[i].Attestations))
		}
		v.Matrix = append(v.Matrix, row)
	}
	if ix.Controls != nil {
		v.Guardrails, v.GuardrailsText, v.ControlsFile = guardrailsByPrinciple(ix, *ix.Controls), guardrailsIndexText, FileControls
	}
	for _, lz := range ix.LandingZones {
		v.LandingZones = append(v.LandingZones, indexLandingZoneView{
			Name: lz.Name, Cloud: lz.Cloud, SVGFile: lz.SVGFile, MarkdownFile: lz.MarkdownFile,
			SVG: template.HTML(lz.SVG), //nolint:gosec // markup rendered by policy/report/diagram from validated config
		})
	}
	return v
}

// Texts shared by index.html and index.md.
const (
	matrixKeyText = "ATTESTED n: n attestations in force from the accreditor's attestation file; EXPIRED n: n attestations " +
		"have expired and evidence nothing; CI and SBOM: the pack's secure development and supply chain evidence. " +
		"These fill a principle only where no rule reached a verdict."
	attestationText = "Statements only people can make, from the accreditor's attestation files (a copy of each is in the pack). " +
		"An expired attestation is shown as EXPIRED and its principle is not evidenced by it."
	sbomText        = "It lists what lz, which wrote this pack, was built from; the policy pack builds from the same go.mod and go.sum."
	developmentText = "the checks the repository's CI is set up to run, read from its files (each with its SHA-256) when the pack was " +
		"generated; whether a given run passed is recorded by the CI system that ran it."
)

// revisionText is ", revision X" or nothing.
func revisionText(rev string) string {
	if rev == "" {
		return ""
	}
	return ", revision " + rev
}

// manifestText explains the manifest section of the index (both formats).
const manifestText = "Every file of the pack but the index (" + FileIndexHTML + ", " + FileIndexMarkdown + ") and " + FileManifest +
	" is listed here with its SHA-256. " + FileManifest + " lists every file of the pack, the index included, and its own " +
	"SHA-256 (the pack digest) is printed when the pack is generated: record it outside the pack. " +
	"`lz verify DIR` names every file edited, added or removed since, and `lz verify --digest sha256:... DIR` checks the pack digest too. " +
	"Without lz: `sha256sum` over the files below, sorted by path, piped into `sha256sum`, gives the digest of the files shown under the table."

//go:embed index.html.tmpl
var indexSource string

var indexTemplate = template.Must(template.New("index").Parse(indexSource))

// WriteIndexHTML writes the evidence pack's index.html: one self-contained page (inline CSS and SVG, no
// scripts) linking to every stack's reports.
func WriteIndexHTML(w io.Writer, ix Index) error {
	var b bytes.Buffer
	if err := indexTemplate.Execute(&b, newIndexView(ix)); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

// WriteIndexMarkdown writes the evidence pack's index.md: the same content as index.html, with the
// network diagrams as Mermaid.
func WriteIndexMarkdown(w io.Writer, ix Index) error {
	v := newIndexView(ix)
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("# Accreditation evidence pack\n\nGenerated %s by %s. %d of %d stacks blocked.\n\n", v.Generated, v.Tool, v.Blocked, len(v.Stacks))
	p("Provenance: %s\n\n", md(v.Provenance))
	p("## Stacks\n\n| stack | landing zone | cloud | tier | role | verdict | blocking | pass | fail | unknown | waived | resources | reports |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, s := range v.Stacks {
		p("| %s | %s | %s | %s | %s | **%s** | %d | %d | %d | %d | %d | %d | [report](%s/report.md) |\n",
			md(s.Name), md(s.LandingZone), md(s.Cloud), md(s.Tier), md(s.Role), s.Verdict, s.Blocking,
			s.Counts.Pass, s.Counts.Fail+s.Counts.Error, s.Counts.Unknown, s.Counts.Waived, s.Resources, s.Dir)
	}
	p("\n## NCSC Cloud Security Principles across stacks\n\nEach cell shows the most pressing status of the stack's findings under the principle and how many.\n\n| principle |")
	for _, s := range v.Stacks {
		p(" %s |", md(s.Name))
	}
	p("\n|---|%s\n", strings.Repeat("---|", len(v.Stacks)))
	for _, row := range v.Matrix {
		p("| %s. %s |", row.ID, md(row.Title))
		for _, c := range row.Cells {
			p(" %s |", c.Label)
		}
		p("\n")
	}
	p("\n%s\n", matrixKeyText)
	writeIndexControlsMarkdown(&b, ix)
	p("\n## Attestations\n\n")
	if len(v.Attestations) == 0 {
		p("No attestation file was given.\n")
	} else {
		p("%s\n\n| scope | principle | statement | owner | evidence | reviewed | expires | days left | status | source |\n|---|---|---|---|---|---|---|---|---|---|\n", attestationText)
		for _, a := range v.Attestations {
			p("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", md(a.Scope), a.Principle, md(a.Statement), md(a.Owner), md(a.Evidence),
				a.Reviewed, a.Expires, a.DaysLeft, a.Status, md(a.Source))
		}
	}
	p("\n## Supply chain (NCSC principle 8)\n\n")
	if s := v.SBOM; s == nil {
		p("No software bill of materials was written.\n")
	} else {
		p("[%s](%s): CycloneDX %s SBOM of %s %s%s, built with %s: %d modules at pinned versions, %d with their go.sum hash. %s\n",
			s.File, s.File, CycloneDXVersion, md(s.Module), md(s.Version), revisionText(s.Revision), s.GoVersion, s.Modules, s.Hashed, sbomText)
	}
	p("\n## Secure development (NCSC principle 7)\n\n")
	if d := v.Development; d == nil {
		p("No secure development evidence: %s.\n", md(v.DevelopmentNote))
	} else {
		p("[%s](%s) ([JSON](%s)): %s\n\n", v.DevFiles[0], v.DevFiles[0], v.DevFiles[1], developmentText)
		for _, st := range d.Steps {
			p("- %s\n", md(st.Name))
		}
		p("\n%d test functions, %d benchmarks, %d examples, %d fuzz targets; linters: %s.\n", d.Tests, d.Benchmarks, d.Examples, len(d.FuzzTargets), strings.Join(d.Linters, ", "))
	}
	p("\n## Waiver register\n\n")
	if len(v.Waivers) == 0 {
		p("No waivers were given.\n")
	} else {
		p("| stack | rule | resource | approver | risk ref | expires | days left | status | justification |\n|---|---|---|---|---|---|---|---|---|\n")
		for _, w := range v.Waivers {
			p("| %s | %s | `%s` | %s | %s | %s | %s | %s | %s |\n", md(w.Stack), w.RuleID, w.Resource, md(w.Approver), md(w.RiskRef), w.Expires, w.DaysLeft, w.Status, md(w.Justification))
		}
	}
	for _, lz := range ix.LandingZones {
		p("\n## Network: landing zone %s (%s)\n\n%s", md(lz.Name), md(lz.Cloud), lz.Mermaid)
	}
	p("\n## Manifest\n\n%s\n\n| file | bytes | SHA-256 |\n|---|---|---|\n", manifestText)
	for _, f := range v.Files {
		p("| %s | %d | `%s` |\n", md(f.Path), f.Bytes, f.SHA256)
	}
	p("\nDigest of the files above: `%s`.\n", v.FilesDigest)
	_, err := io.WriteString(w, b.String())
	return err
}

// newWaiverView is the register row of one waiver use.
func newWaiverView(u policy.WaiverUse, at time.Time) waiverView {
	w := u.Waiver
	left := daysLeft(w.Expires, at)
	days, class := fmt.Sprint(left), "pass"
	switch {
	case u.Expired:
		days, class = "expired", "fail"
	case left <= 30:
		class = "unknown"
	}
	used := "no"
	if len(u.URNs) > 0 {
		used = plural(len(u.URNs), "resource", "resources")
	}
	return waiverView{
		RuleID: w.RuleID, Resource: w.Resource, Justification: w.Justification, Approver: w.Approver, RiskRef: w.RiskRef,
		Expires: w.Expires.UTC().Format(time.DateOnly), DaysLeft: days, DaysClass: class, Used: used,
		URNs: slices.Clone(u.URNs), Line: w.Line,
	}
}
