package report

import (
	"encoding/json"
	"io"
	"time"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/packconfig"
	"github.com/policecloud/landingzones/policy/provenance"
)

// The JSON document. Every field is always present (no omitempty) and every list is an array, never
// null, so consumers can rely on the shape; SCHEMA.md documents each field.
type jsonDoc struct {
	SchemaVersion string                `json:"schemaVersion"`
	GeneratedAt   string                `json:"generatedAt"`
	Tool          string                `json:"tool"`
	Provenance    provenance.Build      `json:"provenance"`
	Inputs        []InputFile           `json:"inputs"`
	PolicyConfig  []packconfig.Override `json:"policyConfig"`
	Stack         jsonStack             `json:"stack"`
	Summary       jsonSummary           `json:"summary"`
	Rules         []jsonRule            `json:"rules"`
	Findings      []jsonFinding         `json:"findings"`
	Waivers       []jsonWaiver          `json:"waivers"`
	Resources     []ResourceSummary     `json:"resources"`
}

type jsonStack struct {
	Name  string `json:"name"`
	Cloud string `json:"cloud"`
	Tier  string `json:"tier"`
	Role  string `json:"role"`
	File  string `json:"file"`
}

type jsonSummary struct {
	Verdict     string          `json:"verdict"`
	Blocking    int             `json:"blocking"`
	Advisory    int             `json:"advisory"`
	Overall     Counts          `json:"overall"`
	ByPrinciple []jsonPrinciple `json:"byPrinciple"`
	ByPack      []jsonPack      `json:"byPack"`
	BySeverity  []jsonSeverity  `json:"bySeverity"`
	Waivers     WaiverCounts    `json:"waivers"`
}

type jsonPrinciple struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Counts Counts `json:"counts"`
}

type jsonPack struct {
	Pack   string `json:"pack"`
	Counts Counts `json:"counts"`
}

type jsonSeverity struct {
	Severity string `json:"severity"`
	Counts   Counts `json:"counts"`
}

type jsonRule struct {
	ID                 string             `json:"id"`
	Title              string             `json:"title"`
	Description        string             `json:"description"`
	Pack               string             `json:"pack"`
	Severity           string             `json:"severity"`
	Enforcement        string             `json:"enforcement"`
	Principles         []string           `json:"principles"`
	TopLevelPrinciples []string           `json:"topLevelPrinciples"`
	Tiers              []string           `json:"tiers"`
	ResourceTypes      []string           `json:"resourceTypes"`
	Remediation        string             `json:"remediation"`
	References         []policy.Reference `json:"references"`
	Waivable           bool               `json:"waivable"`
	EngineAdvisory     string             `json:"engineAdvisory"`
}

type jsonFinding struct {
	RuleID             string           `json:"ruleId"`
	Pack               string           `json:"pack"`
	Severity           string           `json:"severity"`
	Enforcement        string           `json:"enforcement"`
	Principles         []string         `json:"principles"`
	TopLevelPrinciples []string         `json:"topLevelPrinciples"`
	URN                string           `json:"urn"`
	ResourceType       string           `json:"resourceType"`
	ResourceName       string           `json:"resourceName"`
	Status             string           `json:"status"`
	Message            string           `json:"message"`
	Blocking           bool             `json:"blocking"`
	Waiver             *jsonWaiverTerms `json:"waiver"`
	WaiverExpired      bool             `json:"waiverExpired"`
	Location           *jsonLocation    `json:"location"`
}

type jsonLocation struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
	Key    string `json:"key"`
}

type jsonWaiverTerms struct {
	RuleID        string `json:"ruleId"`
	Resource      string `json:"resource"`
	Justification string `json:"justification"`
	Approver      string `json:"approver"`
	RiskRef       string `json:"riskRef"`
	Expires       string `json:"expires"`
}

type jsonWaiver struct {
	jsonWaiverTerms
	Line     int      `json:"line"`
	Expired  bool     `json:"expired"`
	DaysLeft int      `json:"daysLeft"`
	Used     bool     `json:"used"`
	URNs     []string `json:"urns"`
}

// WriteJSON writes the report as JSON in the stable schema (SchemaVersion, SCHEMA.md), indented, with a
// final newline.
func WriteJSON(w io.Writer, r Report) error { return writeJSON(w, r.normalised()) }

func writeJSON(w io.Writer, r Report) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(jsonDocument(r))
}

func jsonDocument(r Report) jsonDoc {
	rules := ruleIndex(r.Rules)
	d := jsonDoc{
		SchemaVersion: r.SchemaVersion,
		GeneratedAt:   r.GeneratedAt.Format(time.RFC3339),
		Tool:          r.Tool,
		Provenance:    r.Provenance,
		Inputs:        nonNil(r.Inputs),
		PolicyConfig:  nonNil(r.PolicyConfig),
		Stack:         jsonStack{Name: r.Stack, Cloud: r.Cloud, Tier: string(r.Tier), Role: r.Role, File: r.StackFile},
		Summary: jsonSummary{
			Verdict:     string(r.Summary.Verdict),
			Blocking:    r.Summary.Blocking,
			Advisory:    r.Summary.Advisory,
			Overall:     r.Summary.Overall,
			ByPrinciple: []jsonPrinciple{},
			ByPack:      []jsonPack{},
			BySeverity:  []jsonSeverity{},
			Waivers:     r.Summary.Waivers,
		},
		Rules:     make([]jsonRule, 0, len(r.Rules)),
		Findings:  make([]jsonFinding, 0, len(r.Evaluation.Findings)),
		Waivers:   make([]jsonWaiver, 0, len(r.Evaluation.Waivers)),
		Resources: nonNil(r.Resources),
	}
	for _, p := range r.Summary.ByPrinciple {
		d.Summary.ByPrinciple = append(d.Summary.ByPrinciple, jsonPrinciple{ID: p.Principle.ID, Title: p.Principle.Title, Counts: p.Counts})
	}
	for _, p := range r.Summary.ByPack {
		d.Summary.ByPack = append(d.Summary.ByPack, jsonPack{Pack: string(p.Pack), Counts: p.Counts})
	}
	for _, s := range r.Summary.BySeverity {
		d.Summary.BySeverity = append(d.Summary.BySeverity, jsonSeverity{Severity: string(s.Severity), Counts: s.Counts})
	}
	for _, m := range r.Rules {
		tiers := make([]string, 0, len(m.Tiers))
		for _, t := range m.Tiers {
			tiers = append(tiers, string(t))
		}
		d.Rules = append(d.Rules, jsonRule{
			ID: m.ID, Title: m.Title, Description: m.Description, Pack: string(m.Pack), Severity: string(m.Severity),
			Enforcement: string(m.Enforcement), Principles: nonNil(m.Principles),
			TopLevelPrinciples: nonNil(topLevels(m.Principles)), Tiers: tiers, ResourceTypes: nonNil(m.ResourceTypes),
			Remediation: m.Remediation, References: nonNil(m.References), Waivable: m.Waivable,
			EngineAdvisory: m.EngineAdvisory,
		})
	}
	for _, f := range r.Evaluation.Findings {
		ps := findingPrinciples(f, rules)
		jf := jsonFinding{
			RuleID: f.RuleID, Pack: string(f.Pack), Severity: string(f.Severity), Enforcement: string(f.Enforcement),
			Principles: nonNil(ps), TopLevelPrinciples: nonNil(topLevels(ps)),
			URN: f.URN, ResourceType: f.ResourceType, ResourceName: f.ResourceName,
			Status: string(f.Status), Message: f.Message, Blocking: f.Blocking(), WaiverExpired: f.WaiverExpired,
		}
		if f.Waiver != nil {
			t := waiverTerms(*f.Waiver)
			jf.Waiver = &t
		}
		if l, ok := r.location(f); ok {
			jf.Location = &jsonLocation{File: l.File, Line: l.Line, Column: l.Column, Key: l.Key}
		}
		d.Findings = append(d.Findings, jf)
	}
	for _, u := range r.Evaluation.Waivers {
		d.Waivers = append(d.Waivers, jsonWaiver{
			jsonWaiverTerms: waiverTerms(u.Waiver),
			Line:            u.Waiver.Line,
			Expired:         u.Expired,
			DaysLeft:        daysLeft(u.Waiver.Expires, r.GeneratedAt),
			Used:            len(u.URNs) > 0,
			URNs:            nonNil(u.URNs),
		})
	}
	return d
}

func waiverTerms(w policy.Waiver) jsonWaiverTerms {
	return jsonWaiverTerms{
		RuleID: w.RuleID, Resource: w.Resource, Justification: w.Justification,
		Approver: w.Approver, RiskRef: w.RiskRef, Expires: w.Expires.UTC().Format(time.DateOnly),
	}
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
