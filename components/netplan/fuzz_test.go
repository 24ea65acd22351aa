package netplan_test

import (
	"strings"
	"testing"

	"github.com/policecloud/landingzones/components/netplan"
)

func FuzzParsePorts(f *testing.F) {
	for _, s := range []string{"", "443", "8000-8080", "443,8443", " 443 , 8000 - 8080 ", "0", "65536", "1-65535", "8080-8000", "443,", "-", "a-b", "99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := netplan.ParsePorts(s)
		if err != nil {
			if got != nil {
				t.Fatalf("ParsePorts(%q) returned %v with error %v", s, got, err)
			}
			if !strings.Contains(err.Error(), "invalid port") {
				t.Fatalf("ParsePorts(%q) error %q does not say what is invalid", s, err)
			}
			return
		}
		if strings.TrimSpace(s) == "" {
			if got != nil {
				t.Fatalf("ParsePorts(%q) = %v, want nil", s, got)
			}
			return
		}
		for _, r := range got {
			if r.From < 1 || r.From > r.To {
				t.Fatalf("ParsePorts(%q) gave invalid range %v", s, r)
			}
		}
		text := netplan.FormatPorts(got)
		again, err := netplan.ParsePorts(text)
		if err != nil {
			t.Fatalf("ParsePorts(FormatPorts(%v)) = %q: %v", got, text, err)
		}
		if netplan.FormatPorts(again) != text || len(again) != len(got) {
			t.Fatalf("round trip of %q: %v then %v", s, got, again)
		}
		for i := range got {
			if got[i] != again[i] {
				t.Fatalf("round trip of %q: %v then %v", s, got, again)
			}
		}
	})
}

func FuzzParseEndpoint(f *testing.F) {
	for _, s := range []string{"gold", "PLATINUM", " bronze ", "internet", "psn", "Legacy-DC", "external:psn", "", "silver", "\x00"} {
		f.Add(s, "extra")
	}
	f.Fuzz(func(t *testing.T, s, extra string) {
		externals := append(append([]netplan.External(nil), testExternals...), netplan.External{Name: extra, Kind: netplan.ExternalPartner})
		e, err := netplan.ParseEndpoint(s, externals)
		if err != nil {
			if e != (netplan.Endpoint{}) {
				t.Fatalf("ParseEndpoint(%q) returned %v with error %v", s, e, err)
			}
			return
		}
		switch e.Kind {
		case netplan.EndpointTier:
			if !e.Tier.Valid() {
				t.Fatalf("ParseEndpoint(%q) gave invalid tier %q", s, e.Tier)
			}
		case netplan.EndpointInternet:
		case netplan.EndpointExternal:
			if !strings.EqualFold(strings.TrimSpace(e.Name), strings.TrimSpace(s)) {
				t.Fatalf("ParseEndpoint(%q) gave external %q", s, e.Name)
			}
		default:
			t.Fatalf("ParseEndpoint(%q) gave kind %q", s, e.Kind)
		}
		again, err := netplan.ParseEndpoint(e.String(), externals)
		if err != nil || again != e {
			t.Fatalf("round trip of %q: %v then %v (%v)", s, e, again, err)
		}
	})
}
