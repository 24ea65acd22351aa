//go:build lz_sdk

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/policecloud/landingzones/components/config"
	"github.com/policecloud/landingzones/components/guardrails"
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/internal/plan"
	"github.com/policecloud/landingzones/internal/program"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/report"
)

// Type tokens of the resources that register the guardrails in an organisation stack's plan.
const (
	typeSCP           = "aws:organizations/policy:Policy"
	typeSCPAttachment = "aws:organizations/policyAttachment:PolicyAttachment"
	typeOU            = "aws:organizations/organizationalUnit:OrganizationalUnit"
	typeAssignment    = "azure-native:authorization:PolicyAssignment"
	typeMG            = "azure-native:management:ManagementGroup"
)

// Kinds of guardrail, as the pack names them.
const (
	kindSCP        = "SCP"
	kindAssignment = "Azure Policy assignment"
)

// writeControls writes the pack's control map (report.FileControls) into out and records it in ix, for
// the index's guardrails per NCSC principle.
func writeControls(out string, ix *report.Index, results []*plan.Result) error {
	cs, err := controlEvidence(results)
	if err != nil {
		return &internalError{err: err}
	}
	ix.Controls = &cs
	var b bytesBuffer
	if err := report.WriteControlsMarkdown(&b, *ix, cs); err != nil {
		return &internalError{err: err}
	}
	if err := os.WriteFile(filepath.Join(out, report.FileControls), b.data, 0o644); err != nil { //nolint:gosec // a report meant to be read
		return &internalError{err: err}
	}
	return nil
}

// controlEvidence pairs every control of guardrails.Controls with its guardrails in each landing zone of
// the planned stacks. Where the landing zone's organisation stack was planned, its guardrails are
// generated from that stack's configuration exactly as the stack's components generate them
// (OrganizationArgs.SCPs, ManagementGroupsArgs.Policies), and each is looked for in the stack's planned
// resources at its scope; otherwise the guardrails are named from the control map alone.
func controlEvidence(results []*plan.Result) (report.Controls, error) {
	var cs report.Controls
	for _, u := range guardrails.Unenforceables() {
		cs.Unenforceable = append(cs.Unenforceable, report.UnenforceableRule{Rule: u.Rule, Reason: u.Reason})
	}
	controls := guardrails.Controls()
	for _, c := range controls {
		cs.Controls = append(cs.Controls, report.Control{ID: c.ID, Title: c.Title, Principles: c.Principles, Rules: c.Rules})
	}

	// The landing zones, by name, with their cloud and organisation stack.
	byName := map[string]*plan.Result{}
	var names []string
	for _, res := range results {
		lz := res.Stack.LandingZone
		if _, seen := byName[lz]; !seen {
			names = append(names, lz)
			byName[lz] = nil
		}
		if res.Stack.Role == config.RoleOrganization {
			byName[lz] = res
		}
	}
	slices.Sort(names)
	for _, name := range names {
		org := byName[name]
		cloud := cloudOf(results, name)
		lz := report.ControlLandingZone{Name: name, Cloud: string(cloud), Component: "awslz.NewOrganization"}
		if cloud == config.CloudAzure {
			lz.Component = "azurelz.NewManagementGroups"
		}
		var gs []controlGuardrail
		var err error
		switch {
		case org == nil:
			gs = namedGuardrails(name, cloud, controls)
		case cloud == config.CloudAWS:
			lz.OrgStack = org.Stack.Name
			gs, err = awsGuardrails(org)
		default:
			lz.OrgStack = org.Stack.Name
			gs, err = azureGuardrails(org)
		}
		if err != nil {
			return report.Controls{}, fmt.Errorf("organisation stack %s: %w", org.Stack.Name, err)
		}
		cs.LandingZones = append(cs.LandingZones, lz)
		for i := range cs.Controls {
			for _, g := range gs {
				if g.control == cs.Controls[i].ID {
					cs.Controls[i].Guardrails = append(cs.Controls[i].Guardrails, g.Guardrail)
				}
			}
		}
	}
	return cs, nil
}

// cloudOf is the cloud of the landing zone's stacks.
func cloudOf(results []*plan.Result, lz string) config.Cloud {
	for _, res := range results {
		if res.Stack.LandingZone == lz {
			return res.Stack.Cloud
		}
	}
	return ""
}

// controlGuardrail is a guardrail with the control it enforces.
type controlGuardrail struct {
	report.Guardrail
	control string
}

// namedGuardrails are a landing zone's guardrails when its organisation stack is not in the pack: the
// names the control map gives for the cloud, with no scope.
func namedGuardrails(lz string, cloud config.Cloud, controls []guardrails.Control) []controlGuardrail {
	var out []controlGuardrail
	for _, c := range controls {
		kind, names := kindSCP, c.AWS
		if cloud == config.CloudAzure {
			kind, names = kindAssignment, c.Azure
		}
		for _, n := range names {
			out = append(out, controlGuardrail{report.Guardrail{LandingZone: lz, Kind: kind, Name: n}, c.ID})
		}
	}
	return out
}

// awsGuardrails are the SCPs the AWS organisation stack generates, each checked against its plan.
func awsGuardrails(org *plan.Result) ([]controlGuardrail, error) {
	scps, err := program.AWSOrganizationArgs(org.Stack).SCPs()
	if err != nil {
		return nil, err
	}
	var out []controlGuardrail
	for _, s := range scps {
		g := report.Guardrail{LandingZone: org.Stack.LandingZone, Kind: kindSCP, Name: s.Name, Scope: scpScope(s.Target)}
		g.Registered, g.Evidence = scpRegistered(org.Resources, s)
		for _, c := range s.Controls {
			out = append(out, controlGuardrail{g, c})
		}
	}
	return out, nil
}

// scpScope names where an SCP with target attaches.
func scpScope(target string) string {
	if target == guardrails.RootTarget {
		return "the organisation root"
	}
	return "OU " + tier.Tier(target).Title()
}

// scpRegistered reports whether the plan registers the SCP (a policy of its name) and attaches it where
// it targets (an attachment of that policy to the root, or to the organisational unit of its tier), with
// the resources that show it or what is missing.
func scpRegistered(rs []*policy.Resource, s guardrails.SCP) (bool, string) {
	i := slices.IndexFunc(policy.OfType(rs, typeSCP), func(r *policy.Resource) bool { return inputString(r, "name") == s.Name })
	if i < 0 {
		return false, fmt.Sprintf("no %s named %s in its plan", typeSCP, s.Name)
	}
	pol := policy.OfType(rs, typeSCP)[i]
	var ou *policy.Resource
	if s.Target != guardrails.RootTarget {
		want := tier.Tier(s.Target).Title()
		j := slices.IndexFunc(policy.OfType(rs, typeOU), func(r *policy.Resource) bool { return inputString(r, "name") == want })
		if j < 0 {
			return false, fmt.Sprintf("policy %s is planned but there is no organisational unit %s to attach it to", pol.Name, want)
		}
		ou = policy.OfType(rs, typeOU)[j]
	}
	for _, at := range policy.Referrers(rs, typeSCPAttachment, "policyId", pol) {
		var onOU bool
		for _, u := range policy.OfType(rs, typeOU) {
			onOU = onOU || at.Refers("targetId", u)
		}
		switch {
		case ou == nil && !onOU && strings.HasPrefix(inputString(at, "targetId"), "r-"):
			return true, fmt.Sprintf("policy %s, attached to the root by %s", pol.Name, at.Name)
		case ou != nil && at.Refers("targetId", ou):
			return true, fmt.Sprintf("policy %s, attached to %s by %s", pol.Name, ou.Name, at.Name)
		}
	}
	return false, fmt.Sprintf("policy %s is planned but no attachment puts it on %s", pol.Name, scpScope(s.Target))
}

// azureGuardrails are the policy assignments the Azure organisation stack generates, each checked
// against its plan.
func azureGuardrails(org *plan.Result) ([]controlGuardrail, error) {
	args, err := program.AzureManagementGroupsArgs(org.Stack)
	if err != nil {
		return nil, err
	}
	set, err := args.Policies()
	if err != nil {
		return nil, err
	}
	var out []controlGuardrail
	for _, a := range set.Assignments {
		group := a.Scope[strings.LastIndex(a.Scope, "/")+1:]
		g := report.Guardrail{LandingZone: org.Stack.LandingZone, Kind: kindAssignment, Name: a.Name, Scope: "management group " + group}
		g.Registered, g.Evidence = assignmentRegistered(org.Resources, a, group)
		control, _ := a.Properties.Metadata["control"].(string)
		out = append(out, controlGuardrail{g, control})
	}
	return out, nil
}

// assignmentRegistered reports whether the plan registers the assignment at its scope, and the
// management group of that scope, with the resources that show it or what is missing.
func assignmentRegistered(rs []*policy.Resource, a guardrails.AzureAssignment, group string) (bool, string) {
	j := slices.IndexFunc(policy.OfType(rs, typeMG), func(r *policy.Resource) bool { return inputString(r, "groupId") == group })
	if j < 0 {
		return false, fmt.Sprintf("no management group %s in its plan", group)
	}
	mg := policy.OfType(rs, typeMG)[j]
	for _, r := range policy.OfType(rs, typeAssignment) {
		if inputString(r, "policyAssignmentName") != a.Name {
			continue
		}
		if scope := inputString(r, "scope"); scope != a.Scope {
			return false, fmt.Sprintf("assignment %s is planned at %s, not at %s", r.Name, scope, a.Scope)
		}
		return true, fmt.Sprintf("assignment %s on management group %s (%s)", r.Name, group, mg.Name)
	}
	return false, fmt.Sprintf("no %s named %s in its plan", typeAssignment, a.Name)
}

// inputString is the resource's string input at key, or "" when it is not a known string.
func inputString(r *policy.Resource, key string) string {
	v := r.Get(key)
	if !v.IsString() {
		return ""
	}
	return v.AsString()
}
