// Package sarifcheck checks SARIF logs against the rules GitHub code scanning applies when it ingests a
// third-party upload (docs.github.com, "SARIF support for code scanning"), beyond the SARIF 2.1.0 JSON
// schema: what makes an upload fail, or alerts disappear or collide, when several logs are uploaded side
// by side. Tests use it on lz's SARIF reports.
package sarifcheck

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Limits code scanning applies to one upload.
const (
	maxRuns             = 20
	maxResultsPerRun    = 25000
	maxRulesPerRun      = 25000
	maxLocationsPerRes  = 10
	maxTagsPerRule      = 20
	maxSecuritySeverity = 10.0
)

type log struct {
	Version string `json:"version"`
	Runs    []run  `json:"runs"`
}

type run struct {
	Tool struct {
		Driver struct {
			Name            string `json:"name"`
			SemanticVersion string `json:"semanticVersion"`
			Rules           []struct {
				ID               string `json:"id"`
				ShortDescription *struct {
					Text string `json:"text"`
				} `json:"shortDescription"`
				Properties map[string]any `json:"properties"`
			} `json:"rules"`
		} `json:"driver"`
	} `json:"tool"`
	AutomationDetails *struct {
		ID string `json:"id"`
	} `json:"automationDetails"`
	Results []struct {
		RuleID  string `json:"ruleId"`
		Message struct {
			Text string `json:"text"`
		} `json:"message"`
		Locations []struct {
			PhysicalLocation *struct {
				ArtifactLocation *struct {
					URI string `json:"uri"`
				} `json:"artifactLocation"`
				Region *struct {
					StartLine int `json:"startLine"`
				} `json:"region"`
			} `json:"physicalLocation"`
		} `json:"locations"`
		PartialFingerprints map[string]string `json:"partialFingerprints"`
	} `json:"results"`
}

// Check returns every problem code scanning would have with the given logs uploaded together (one
// workflow run uploading each, or one upload of all): each run needs a tool name, an automationDetails
// category of its own, results that name a rule of the driver, a message, a location in a file given by a
// relative URI with a start line, and a partial fingerprint; a rule's security-severity must be a number
// from 0 to 10; semanticVersion must be a Semantic Versioning 2.0 version. names label the logs in the
// problems.
func Check(names []string, logs ...[]byte) []string {
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	categories := map[string]string{}
	totalRuns := 0
	for i, data := range logs {
		name := fmt.Sprint(i)
		if i < len(names) {
			name = names[i]
		}
		var l log
		if err := json.Unmarshal(data, &l); err != nil {
			add("%s: not JSON: %v", name, err)
			continue
		}
		if l.Version != "2.1.0" {
			add("%s: version %q: code scanning reads SARIF 2.1.0 only", name, l.Version)
		}
		totalRuns += len(l.Runs)
		for ri, r := range l.Runs {
			at := fmt.Sprintf("%s: runs[%d]", name, ri)
			d := r.Tool.Driver
			if d.Name == "" {
				add("%s: tool.driver.name is empty", at)
			}
			if d.SemanticVersion != "" && !isSemver(d.SemanticVersion) {
				add("%s: tool.driver.semanticVersion %q is not a Semantic Versioning 2.0 version", at, d.SemanticVersion)
			}
			if r.AutomationDetails == nil || r.AutomationDetails.ID == "" {
				add("%s: no automationDetails.id: runs of one tool uploaded side by side need a category each", at)
			} else {
				id := r.AutomationDetails.ID
				category := id[:strings.LastIndex(id, "/")+1]
				if category == "" {
					category = id
				}
				key := d.Name + "\x00" + category
				if first, dup := categories[key]; dup {
					add("%s: automationDetails category %q of tool %s is also that of %s: the later upload would replace the earlier's alerts", at, category, d.Name, first)
				} else {
					categories[key] = at
				}
			}
			if len(d.Rules) > maxRulesPerRun {
				add("%s: %d rules: code scanning takes at most %d", at, len(d.Rules), maxRulesPerRun)
			}
			rules := map[string]bool{}
			for _, rule := range d.Rules {
				rules[rule.ID] = true
				if rule.ShortDescription == nil || rule.ShortDescription.Text == "" {
					add("%s: rule %s has no shortDescription.text", at, rule.ID)
				}
				if s, ok := rule.Properties["security-severity"]; ok {
					text, isText := s.(string)
					v, err := strconv.ParseFloat(text, 64)
					if !isText || err != nil || v < 0 || v > maxSecuritySeverity {
						add("%s: rule %s security-severity %v is not a number from 0.0 to 10.0 given as text", at, rule.ID, s)
					}
				}
				if tags, ok := rule.Properties["tags"].([]any); ok && len(tags) > maxTagsPerRule {
					add("%s: rule %s has %d tags: code scanning keeps %d", at, rule.ID, len(tags), maxTagsPerRule)
				}
			}
			if len(r.Results) > maxResultsPerRun {
				add("%s: %d results: code scanning takes at most %d", at, len(r.Results), maxResultsPerRun)
			}
			for i, res := range r.Results {
				rat := fmt.Sprintf("%s.results[%d] (%s)", at, i, res.RuleID)
				switch {
				case res.RuleID == "":
					add("%s: no ruleId", rat)
				case !rules[res.RuleID]:
					add("%s: ruleId names no rule of the driver", rat)
				}
				if res.Message.Text == "" {
					add("%s: message.text is empty", rat)
				}
				if len(res.PartialFingerprints) == 0 {
					add("%s: no partialFingerprints: alerts would be matched by line and duplicate as the file changes", rat)
				}
				switch n := len(res.Locations); {
				case n == 0:
					add("%s: no location: code scanning shows a result only at a file", rat)
					continue
				case n > maxLocationsPerRes:
					add("%s: %d locations: code scanning takes at most %d", rat, n, maxLocationsPerRes)
				}
				pl := res.Locations[0].PhysicalLocation
				switch {
				case pl == nil || pl.ArtifactLocation == nil || pl.ArtifactLocation.URI == "":
					add("%s: locations[0] has no physicalLocation.artifactLocation.uri", rat)
				case strings.Contains(pl.ArtifactLocation.URI, "://") || strings.HasPrefix(pl.ArtifactLocation.URI, "/") ||
					strings.Contains(pl.ArtifactLocation.URI, `\`):
					add("%s: uri %q is not a path relative to the repository root", rat, pl.ArtifactLocation.URI)
				}
				if pl != nil && (pl.Region == nil || pl.Region.StartLine < 1) {
					add("%s: locations[0].physicalLocation has no region.startLine", rat)
				}
			}
		}
	}
	if totalRuns > maxRuns {
		add("%d runs in one upload: code scanning takes at most %d", totalRuns, maxRuns)
	}
	return problems
}

// isSemver reports whether v is a Semantic Versioning 2.0 version: MAJOR.MINOR.PATCH with optional
// -prerelease and +build parts of dot-separated alphanumeric identifiers.
func isSemver(v string) bool {
	core, build, hasBuild := strings.Cut(v, "+")
	if hasBuild && !identifiers(build, false) {
		return false
	}
	core, pre, hasPre := strings.Cut(core, "-")
	if hasPre && !identifiers(pre, true) {
		return false
	}
	parts := strings.Split(core, ".")
	if len(parts) != 3 {
		return false
	}
	for _, p := range parts {
		if !numeric(p) || (len(p) > 1 && p[0] == '0') {
			return false
		}
	}
	return true
}

func identifiers(s string, noLeadingZero bool) bool {
	for _, id := range strings.Split(s, ".") {
		if id == "" {
			return false
		}
		for _, c := range id {
			if !(c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
				return false
			}
		}
		if noLeadingZero && numeric(id) && len(id) > 1 && id[0] == '0' {
			return false
		}
	}
	return true
}

func numeric(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
