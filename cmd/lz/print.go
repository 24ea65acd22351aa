package main

import (
	"fmt"
	"io"
	"reflect"
	"strings"
	"text/tabwriter"

	"github.com/policecloud/landingzones/components/config"
	"github.com/policecloud/landingzones/components/netplan"
	"github.com/policecloud/landingzones/components/tier"
)

// table writes aligned columns.
type table struct{ tw *tabwriter.Writer }

func newTable(w io.Writer) table { return table{tw: tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)} }

func (t table) row(cols ...string) { fmt.Fprintln(t.tw, strings.Join(cols, "\t")) }

func (t table) flush() { _ = t.tw.Flush() }

// printStack prints a valid stack: header, tier profile, address plan and flows (and, for a foundation,
// the egress allow-list).
func printStack(w io.Writer, path string, s *config.Stack) {
	t := newTable(w)
	t.row("stack", s.Name)
	t.row("file", path)
	t.row("cloud", string(s.Cloud))
	t.row("region", s.Region)
	t.row("landing zone", s.LandingZone)
	t.row("role", string(s.Role))
	t.row("tier", s.Tier.Title())
	t.row("classification", string(s.Classification))
	t.row("force", s.Force)
	t.row("owner", s.Owner)
	t.row("cost centre", s.CostCentre)
	if s.FoundationStack != "" {
		t.row("foundation stack", s.FoundationStack)
	}
	t.flush()

	fmt.Fprintf(w, "\nTier profile (%s)\n", s.Tier.Title())
	t = newTable(w)
	t.row("FIELD", "VALUE")
	for _, f := range profileFields(s.Profile) {
		t.row(f[0], f[1])
	}
	t.flush()

	fmt.Fprintf(w, "\nAddress plan\n%s", s.Plan.Table())

	fmt.Fprintf(w, "\nFlows (landing zone %s; everything else is denied)\n", s.LandingZone)
	if len(s.Flows) == 0 {
		fmt.Fprintln(w, "none declared")
	} else {
		t = newTable(w)
		t.row("FROM", "TO", "PROTOCOL", "PORTS", "REASON")
		for _, f := range s.Flows {
			ports := netplan.FormatPorts(f.Ports)
			if ports == "" {
				ports = "-"
			}
			t.row(f.From.String(), f.To.String(), string(f.Protocol), ports, f.Reason)
		}
		t.flush()
	}

	if s.Role == config.RoleFoundation {
		fmt.Fprintln(w, "\nEgress allow-list (hub firewall)")
		if len(s.EgressDomains) == 0 {
			fmt.Fprintln(w, "none: no tier reaches the internet")
		}
		for _, d := range s.EgressDomains {
			fmt.Fprintln(w, d)
		}
	}
}

// profileFields returns every field of a profile, nested structs flattened ("Backup.Frequency"), with its
// value as text. Reflection keeps the table complete when fields are added to tier.Profile.
func profileFields(p tier.Profile) [][2]string {
	var out [][2]string
	var walk func(prefix string, v reflect.Value)
	walk = func(prefix string, v reflect.Value) {
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if !f.IsExported() {
				continue
			}
			fv := v.Field(i)
			if fv.Kind() == reflect.Struct {
				walk(prefix+f.Name+".", fv)
				continue
			}
			out = append(out, [2]string{prefix + f.Name, formatValue(fv)})
		}
	}
	walk("", reflect.ValueOf(p))
	return out
}

func formatValue(v reflect.Value) string {
	switch v.Kind() {
	case reflect.Bool:
		if v.Bool() {
			return "yes"
		}
		return "no"
	case reflect.String:
		if v.String() == "" {
			return "none"
		}
		return v.String()
	}
	return fmt.Sprint(v.Interface())
}
