package config

import (
	"encoding/json"
	"fmt"
	"net/netip"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/policecloud/landingzones/components/netplan"
	"github.com/policecloud/landingzones/components/tier"
)

// Patterns with long counted repetitions ({1,100}, {1,512}) compile to programs of 100 to 350 KB each; they
// are compiled on first use (here and in org.go and workloads.go), so a command that loads no stack
// configuration (lz check, lz rules) does not compile them at start-up.
var (
	stackNameRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9_.-]{1,100}$`) })
	forceRE     = regexp.MustCompile(`^[A-Z0-9]{2,8}$`)
	slugRE      = regexp.MustCompile(`^[a-z][a-z0-9-]{1,30}$`)
	externalRE  = regexp.MustCompile(`^[a-z][a-z0-9-]{0,30}$`)
	ownerRE     = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^[A-Za-z0-9._+-]{1,64}@[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63})+$`)
	})
	costCentreRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9 ._:/=+@-]{0,63}$`)
	stackRefRE   = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}$`)
	})
	dnsLabelRE    = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)
	topLabelRE    = regexp.MustCompile(`^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$`)
	privateRanges = []netip.Prefix{
		netip.MustParsePrefix("10.0.0.0/8"),
		netip.MustParsePrefix("172.16.0.0/12"),
		netip.MustParsePrefix("192.168.0.0/16"),
	}
)

// What each key allows, as error messages say it after "allowed".
const (
	allowForce          = "2 to 8 upper-case letters or digits, such as HO or MPS"
	allowSlug           = "2 to 31 characters: a lower-case letter, then lower-case letters, digits or hyphens, such as pos"
	allowSupernet       = "a private IPv4 prefix such as 10.20.0.0/16"
	allowOwner          = "a team mailbox such as cloud-platform@homeoffice.police.uk"
	allowCostCentre     = "1 to 64 letters, digits, spaces or . _ : / = + - @, starting with a letter or digit"
	allowFoundation     = "a stack reference organization/project/stack such as organization/police-landing-zones/pos-foundation"
	allowEgressDomain   = "a DNS name such as packages.microsoft.com, optionally starting with *. to cover its subdomains"
	allowExternalName   = "1 to 31 characters: a lower-case letter, then lower-case letters, digits or hyphens, such as legacy-dc"
	allowExternalRanges = "a list of {name, kind, cidr} objects"
	allowFlows          = "a list of {from, to, protocol, ports, reason} objects"
	allowEgressDomains  = "a list of DNS names"
	allowPSNPeer        = "the public IPv4 address of the PSN provider's VPN endpoint, such as 203.0.113.10"
	allowPSNASN         = "a BGP AS number from 1 to 4294967294 other than 65515 to 65520 (reserved by cloud gateways), such as 65010"
)

var (
	externalFields = []string{"name", "kind", "cidr"}
	flowFields     = []string{"from", "to", "protocol", "ports", "reason"}
)

// Load reads and validates the configuration of the stack named stack. raw maps each key WITHOUT the
// "landingzone:" namespace to its value as Pulumi hands it to a program: plain strings, and JSON text for
// the structured keys externalRanges, flows and egressDomains. Absent and empty values are the same.
//
// Every problem is reported at once, as Errors (sorted by key, then message). The address plan
// (netplan.Allocate over netplan.ProfileAZs) is computed and checked with the external ranges and flows
// (netplan.Intent.Validate) whenever the supernet, external ranges and flows are themselves well formed, even if
// other keys are bad; its problems are keyed to the range or flow they are about. On success the stack's
// Profile and Plan are filled in.
func Load(stack string, raw map[string]string) (*Stack, error) {
	l := &loader{raw: raw}
	s := l.fields(stack)
	// The address plan and the flows are checked whenever the supernet, external ranges and flows are
	// themselves well formed, even if other keys are bad, so that every problem is reported in one go.
	if s.Supernet.IsValid() && !l.hasErrorUnder(KeySupernet, KeyExternalRanges, KeyFlows) {
		plan, err := netplan.Allocate(s.Supernet, netplan.ProfileAZs())
		if err != nil {
			l.add(KeySupernet, "", err.Error())
		} else {
			s.Plan = plan
			for _, err := range s.Intent().Validate() {
				l.errs = append(l.errs, planError(err))
			}
		}
	}
	if len(l.errs) > 0 {
		return nil, l.errs.sort()
	}
	prof, err := tier.ProfileFor(s.Tier)
	if err != nil { // unreachable: the tier was validated above
		return nil, Errors{{Path: qualify(KeyTier), Value: string(s.Tier), Msg: err.Error()}}
	}
	s.Profile = prof
	return s, nil
}

// loader collects the problems of one Load.
type loader struct {
	raw  map[string]string
	errs Errors
}

func qualify(key string) string { return Namespace + ":" + key }

// add records a problem with key (without namespace; element suffixes such as "[2].to" allowed).
func (l *loader) add(key, value, msg string) {
	l.errs = append(l.errs, &FieldError{Path: qualify(key), Value: value, Msg: msg})
}

// bad records a bad value: `<key>: "<value>" <what>: allowed <allowed>`.
func (l *loader) bad(key, value, what, allowed string) {
	l.errs = append(l.errs, &FieldError{Path: qualify(key), Value: value, Msg: what, Allowed: allowed})
}

// missing records a missing required value.
func (l *loader) missing(key, when, allowed string) {
	msg := "missing: required"
	if when != "" {
		msg += " " + when
	}
	l.errs = append(l.errs, &FieldError{Path: qualify(key), Msg: msg, Allowed: allowed})
}

// get returns a key's value; an empty value counts as absent.
// hasErrorUnder reports whether a problem was recorded for any of keys or their elements.
func (l *loader) hasErrorUnder(keys ...string) bool {
	for _, e := range l.errs {
		for _, k := range keys {
			q := qualify(k)
			if e.Path == q || strings.HasPrefix(e.Path, q+"[") || strings.HasPrefix(e.Path, q+".") {
				return true
			}
		}
	}
	return false
}

func (l *loader) get(key string) (string, bool) {
	v, ok := l.raw[key]
	return v, ok && v != ""
}

// required returns a key's value, recording it as missing when absent.
func (l *loader) required(key, allowed string) (string, bool) {
	v, ok := l.get(key)
	if !ok {
		l.missing(key, "", allowed)
	}
	return v, ok
}

// enum checks v against allowed (case-sensitive) and records a problem naming noun when it is not one of
// them. It reports whether v is allowed.
func (l *loader) enum(key, v, noun string, allowed []string) bool {
	if slices.Contains(allowed, v) {
		return true
	}
	l.bad(key, v, "is not "+noun, strings.Join(allowed, ", ")+caseHint(v, allowed))
	return false
}

// caseHint returns " (values are case-sensitive)" when v matches one of allowed but for case.
func caseHint(v string, allowed []string) string {
	for _, a := range allowed {
		if strings.EqualFold(a, v) {
			return " (values are case-sensitive)"
		}
	}
	return ""
}

func (l *loader) fields(stack string) *Stack {
	s := &Stack{Name: stack}
	const allowStack = "1 to 100 letters, digits, hyphens, underscores or dots, such as pos-platinum"
	switch {
	case stack == "":
		l.errs = append(l.errs, &FieldError{Path: "stack", Msg: "missing: required: allowed " + allowStack})
	case !stackNameRE().MatchString(stack):
		l.errs = append(l.errs, &FieldError{Path: "stack", Value: stack, Msg: "is not a stack name: allowed " + allowStack})
	}
	l.unknownKeys()

	if v, ok := l.required(KeyCloud, "aws, azure"); ok && l.enum(KeyCloud, v, "a cloud", []string{string(CloudAWS), string(CloudAzure)}) {
		s.Cloud = Cloud(v)
	}
	if v, ok := l.required(KeyForce, allowForce); ok {
		if forceRE.MatchString(v) {
			s.Force = v
		} else {
			l.bad(KeyForce, v, "is not a force code", allowForce)
		}
	}
	if v, ok := l.required(KeyLandingZone, allowSlug); ok {
		if slugRE.MatchString(v) {
			s.LandingZone = v
		} else {
			l.bad(KeyLandingZone, v, "is not a landing zone slug", allowSlug)
		}
	}
	if v, ok := l.required(KeyRole, "foundation, tier, organization"); ok && l.enum(KeyRole, v, "a role", []string{string(RoleFoundation), string(RoleTier), string(RoleOrganization)}) {
		s.Role = Role(v)
	}
	l.tier(s)
	l.region(s)
	l.supernet(s)
	l.classification(s)
	if v, ok := l.required(KeyOwner, allowOwner); ok {
		if ownerRE().MatchString(v) {
			s.Owner = v
		} else {
			l.bad(KeyOwner, v, "is not an email address", allowOwner)
		}
	}
	if v, ok := l.required(KeyCostCentre, allowCostCentre); ok {
		if costCentreRE.MatchString(v) {
			s.CostCentre = v
		} else {
			l.bad(KeyCostCentre, v, "is not a cost centre", allowCostCentre)
		}
	}
	l.foundationStack(s)
	l.externalRanges(s)
	l.flows(s)
	l.egressDomains(s)
	l.psnEdge(s)
	l.workloads(s)
	l.backupCopyRoleARN(s)
	l.organization(s)
	l.deployRole(s)
	l.azureOrg(s)
	l.subscriptionID(s)
	return s
}

// unknownKeys records every key that is not a known key, suggesting the known key it matches but for case.
func (l *loader) unknownKeys() {
	var unknown []string
	for k := range l.raw {
		if !slices.Contains(knownKeys, k) {
			unknown = append(unknown, k)
		}
	}
	slices.Sort(unknown)
	for _, k := range unknown {
		msg := "unknown key"
		for _, known := range knownKeys {
			if strings.EqualFold(k, known) {
				msg += " (did you mean " + qualify(known) + "?)"
				break
			}
		}
		l.add(k, "", msg+": allowed "+strings.Join(knownKeys, ", "))
	}
}

func (l *loader) tier(s *Stack) {
	v, ok := l.get(KeyTier)
	if !ok {
		switch s.Role {
		case RoleTier:
			l.missing(KeyTier, "for role tier", strings.Join(tier.Names(), ", "))
		case RoleFoundation, RoleOrganization:
			// The foundation's shared services and the organisation's guardrails are held to the
			// strictest profile.
			s.Tier = tier.Platinum
		}
		return
	}
	if !l.enum(KeyTier, v, "a tier", tier.Names()) {
		return
	}
	t := tier.Tier(v)
	if s.Role == RoleFoundation && t != tier.Platinum {
		l.bad(KeyTier, v, "is not allowed for role foundation",
			"platinum (the shared services every tier depends on are held to the strictest profile)")
		return
	}
	if s.Role == RoleOrganization && t != tier.Platinum {
		l.bad(KeyTier, v, "is not allowed for role organization",
			"platinum (the organisation's guardrails cover every tier and are held to the strictest profile)")
		return
	}
	s.Tier = t
}

// regionNames says where each allowed region is, for error messages.
var regionNames = map[string]string{"eu-west-2": "London", "uksouth": "London", "ukwest": "Cardiff"}

func allowedRegionsText(c Cloud) string {
	parts := make([]string, 0, len(allowedRegions[c]))
	for _, r := range allowedRegions[c] {
		parts = append(parts, r+" ("+regionNames[r]+")")
	}
	return strings.Join(parts, ", ")
}

func (l *loader) region(s *Stack) {
	allowedText := "eu-west-2 for aws; uksouth, ukwest for azure"
	if s.Cloud != "" {
		allowedText = allowedRegionsText(s.Cloud)
	}
	v, ok := l.required(KeyRegion, allowedText)
	if !ok {
		return
	}
	if s.Cloud != "" {
		if slices.Contains(allowedRegions[s.Cloud], v) {
			s.Region = v
			return
		}
		l.bad(KeyRegion, v, "is not allowed for cloud "+string(s.Cloud), allowedText)
		return
	}
	for _, regions := range allowedRegions {
		if slices.Contains(regions, v) {
			return // the cloud is wrong or missing; that is reported on its own line
		}
	}
	l.bad(KeyRegion, v, "is not a UK region", allowedText)
}

func (l *loader) supernet(s *Stack) {
	v, ok := l.required(KeySupernet, allowSupernet)
	if !ok {
		return
	}
	p, err := netip.ParsePrefix(v)
	switch {
	case err != nil || !p.Addr().Is4():
		l.bad(KeySupernet, v, "is not an IPv4 prefix", allowSupernet)
		return
	case p.Masked() != p:
		l.bad(KeySupernet, v, "has host bits set", "the masked form "+p.Masked().String())
		return
	case !isPrivate(p):
		l.bad(KeySupernet, v, "is not a private range", "a range inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16")
		return
	case p.Bits() > netplan.MaxSupernetBits:
		l.bad(KeySupernet, v, "is too small", fmt.Sprintf("/%d to /%d, so that every subnet is at least /28", netplan.MinSupernetBits, netplan.MaxSupernetBits))
		return
	}
	// Every private range is /8 or longer, so netplan's lower bound cannot be crossed here; CheckSupernet
	// still has the last word should netplan's rules change.
	if err := netplan.CheckSupernet(p); err != nil {
		l.add(KeySupernet, "", err.Error())
		return
	}
	s.Supernet = p
}

func isPrivate(p netip.Prefix) bool {
	for _, r := range privateRanges {
		if r.Bits() <= p.Bits() && r.Contains(p.Addr()) {
			return true
		}
	}
	return false
}

func (l *loader) classification(s *Stack) {
	allowed := []string{string(Official), string(OfficialSensitive)}
	v, ok := l.required(KeyClassification, strings.Join(allowed, ", "))
	if !ok {
		return
	}
	if slices.Contains(allowed, v) {
		s.Classification = Classification(v)
		return
	}
	if m := strings.ToUpper(strings.Join(strings.Fields(strings.ReplaceAll(v, "_", " ")), " ")); m == "SECRET" || m == "TOP SECRET" || m == "TOP-SECRET" {
		l.add(KeyClassification, v, "is not allowed: this platform holds OFFICIAL and OFFICIAL-SENSITIVE only")
		return
	}
	l.enum(KeyClassification, v, "a classification", allowed)
}

func (l *loader) foundationStack(s *Stack) {
	v, ok := l.get(KeyFoundationStack)
	switch {
	case !ok && s.Role == RoleTier:
		l.missing(KeyFoundationStack, "for role tier", allowFoundation)
	case ok && (s.Role == RoleFoundation || s.Role == RoleOrganization):
		l.bad(KeyFoundationStack, v, "is not allowed for role "+string(s.Role), "no value (only tier stacks reference a foundation)")
	case ok && !stackRefRE().MatchString(v):
		l.bad(KeyFoundationStack, v, "is not a stack reference", allowFoundation)
	case ok:
		s.FoundationStack = v
	}
}

// jsonList decodes the JSON list held by key. It returns nil (after recording a problem) when the value
// is not a JSON list; absent, empty and null values give an empty list.
func (l *loader) jsonList(key, allowed string) ([]any, bool) {
	v, ok := l.get(key)
	if !ok {
		return nil, true
	}
	var x any
	if err := json.Unmarshal([]byte(v), &x); err != nil {
		l.add(key, "", "invalid JSON: "+err.Error()+": allowed "+allowed)
		return nil, false
	}
	if x == nil {
		return nil, true
	}
	list, isList := x.([]any)
	if !isList {
		l.add(key, "", "is "+jsonKind(x)+", not a list: allowed "+allowed)
		return nil, false
	}
	return list, true
}

// jsonKind names the JSON type of a decoded value.
func jsonKind(x any) string {
	switch x.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case float64:
		return "a number"
	case string:
		return "a string"
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", x)
}

// objects decodes the JSON list of objects held by key into one map of string fields per element.
// Unknown fields, and fields that are not strings (numbers are allowed for the fields in numeric), are
// recorded. ok reports whether the element was an object.
func (l *loader) objects(key, allowed string, fields, numeric []string) (elems []map[string]string, oks []bool) {
	list, _ := l.jsonList(key, allowed)
	for i, x := range list {
		elemKey := fmt.Sprintf("%s[%d]", key, i)
		obj, isObj := x.(map[string]any)
		if !isObj {
			l.add(elemKey, "", "is "+jsonKind(x)+", not an object: allowed {"+strings.Join(fields, ", ")+"}")
			elems, oks = append(elems, nil), append(oks, false)
			continue
		}
		m := make(map[string]string, len(obj))
		names := make([]string, 0, len(obj))
		for name := range obj {
			names = append(names, name)
		}
		slices.Sort(names)
		for _, name := range names {
			fieldKey := elemKey + "." + name
			if !slices.Contains(fields, name) {
				l.add(fieldKey, "", "unknown field"+didYouMean(name, fields)+": allowed "+strings.Join(fields, ", "))
				continue
			}
			switch fv := obj[name].(type) {
			case string:
				m[name] = fv
			case float64:
				if slices.Contains(numeric, name) {
					m[name] = strconv.FormatFloat(fv, 'f', -1, 64)
					continue
				}
				l.add(fieldKey, "", "is a number, not a string: allowed a string")
			case nil:
				// null is the same as absent
			default:
				l.add(fieldKey, "", "is "+jsonKind(fv)+", not a string: allowed a string")
			}
		}
		elems, oks = append(elems, m), append(oks, true)
	}
	return elems, oks
}

func didYouMean(name string, fields []string) string {
	for _, f := range fields {
		if strings.EqualFold(f, name) {
			return " (did you mean " + f + "?)"
		}
	}
	return ""
}

func (l *loader) externalRanges(s *Stack) {
	elems, oks := l.objects(KeyExternalRanges, allowExternalRanges, externalFields, nil)
	kinds := make([]string, 0, len(netplan.ExternalKinds()))
	for _, k := range netplan.ExternalKinds() {
		kinds = append(kinds, string(k))
	}
	var out []netplan.External
	names := map[string]int{}
	for i, m := range elems {
		if !oks[i] {
			continue
		}
		key := fmt.Sprintf("%s[%d]", KeyExternalRanges, i)
		var x netplan.External
		if v, ok := m["name"]; !ok || v == "" {
			l.missing(key+".name", "", allowExternalName)
		} else if !externalRE.MatchString(v) {
			l.bad(key+".name", v, "is not an external range name", allowExternalName)
		} else if slices.Contains(endpointWords(), v) {
			l.bad(key+".name", v, "is reserved for flow endpoints", "a name that is not "+strings.Join(endpointWords(), ", "))
		} else if j, dup := names[v]; dup {
			l.bad(key+".name", v, fmt.Sprintf("is already the name of %s[%d]", KeyExternalRanges, j), "a unique name")
		} else {
			x.Name = v
			names[v] = i
		}
		if v, ok := m["kind"]; !ok || v == "" {
			l.missing(key+".kind", "", strings.Join(kinds, ", "))
		} else if l.enum(key+".kind", v, "an external range kind", kinds) {
			k, err := netplan.ParseExternalKind(v)
			if err != nil { // unreachable: v is one of netplan.ExternalKinds
				l.add(key+".kind", "", err.Error())
			}
			x.Kind = k
		}
		const allowCIDR = "an IPv4 prefix such as 172.16.0.0/16"
		if v, ok := m["cidr"]; !ok || v == "" {
			l.missing(key+".cidr", "", allowCIDR)
		} else if p, err := netip.ParsePrefix(v); err != nil || !p.Addr().Is4() {
			l.bad(key+".cidr", v, "is not an IPv4 prefix", allowCIDR)
		} else if p.Masked() != p {
			l.bad(key+".cidr", v, "has host bits set", "the masked form "+p.Masked().String())
		} else {
			x.CIDR = p
		}
		if x.Name != "" {
			// Keep a named range even when its kind or CIDR is bad, so that flows naming it do not
			// report a second, misleading problem.
			out = append(out, x)
		}
	}
	s.ExternalRanges = out
}

func (l *loader) flows(s *Stack) {
	elems, oks := l.objects(KeyFlows, allowFlows, flowFields, []string{"ports"})
	protocols := make([]string, 0, len(netplan.Protocols()))
	for _, p := range netplan.Protocols() {
		protocols = append(protocols, string(p))
	}
	endpoints := endpointWords()
	var names []string
	for _, x := range s.ExternalRanges {
		names = append(names, x.Name)
	}
	allowEndpoint := strings.Join(endpoints, ", ") + " or a declared external range"
	if len(names) > 0 {
		allowEndpoint += " (" + strings.Join(names, ", ") + ")"
	} else {
		allowEndpoint += " (none declared)"
	}
	var out []netplan.Flow
	for i, m := range elems {
		if !oks[i] {
			continue
		}
		key := fmt.Sprintf("%s[%d]", KeyFlows, i)
		var f netplan.Flow
		for _, end := range []struct {
			field string
			ep    *netplan.Endpoint
		}{{"from", &f.From}, {"to", &f.To}} {
			v, ok := m[end.field]
			if !ok || v == "" {
				l.missing(key+"."+end.field, "", allowEndpoint)
				continue
			}
			ep, err := netplan.ParseEndpoint(v, s.ExternalRanges)
			if err != nil || ep.String() != v {
				l.bad(key+"."+end.field, v, "is not a flow endpoint", allowEndpoint+caseHint(v, slices.Concat(endpoints, names)))
				continue
			}
			*end.ep = ep
		}
		if v, ok := m["protocol"]; !ok || v == "" {
			l.missing(key+".protocol", "", strings.Join(protocols, ", "))
		} else if l.enum(key+".protocol", v, "a protocol", protocols) {
			p, err := netplan.ParseProtocol(v)
			if err != nil { // unreachable: v is one of netplan.Protocols
				l.add(key+".protocol", "", err.Error())
			}
			f.Protocol = p
		}
		const allowPorts = `ports 1 to 65535 as "443", "8000-8080" or "443,8000-8080"`
		v, ok := m["ports"]
		switch {
		case ok && v != "" && f.Protocol == netplan.ProtocolICMP:
			l.bad(key+".ports", v, "is not allowed for protocol icmp", "no ports")
		case ok && v != "":
			ports, err := netplan.ParsePorts(v)
			if err != nil || len(ports) == 0 {
				l.bad(key+".ports", v, "is not a port list", allowPorts)
			}
			f.Ports = ports
		case f.Protocol == netplan.ProtocolTCP || f.Protocol == netplan.ProtocolUDP:
			l.missing(key+".ports", "for protocol "+string(f.Protocol), allowPorts)
		}
		if v := m["reason"]; strings.TrimSpace(v) == "" {
			l.missing(key+".reason", "", "a sentence saying why the connection is needed, shown to reviewers")
		} else {
			f.Reason = v
		}
		out = append(out, f)
	}
	s.Flows = out
}

// endpointWords returns the words flows use for endpoints that are not external ranges: the tier names and
// "internet".
func endpointWords() []string { return append(tier.Names(), netplan.InternetName) }

// aRole is the role with its indefinite article, for messages: "a tier", "an organization".
func aRole(r Role) string {
	if r == RoleOrganization {
		return "an " + string(r)
	}
	return "a " + string(r)
}

func (l *loader) egressDomains(s *Stack) {
	list, _ := l.jsonList(KeyEgressDomains, allowEgressDomains)
	if len(list) > 0 && (s.Role == RoleTier || s.Role == RoleOrganization) {
		l.add(KeyEgressDomains, "", "is set on "+aRole(s.Role)+" stack: allowed only on role foundation (the hub firewall's allow-list serves every tier)")
		return
	}
	seen := map[string]bool{}
	var out []string
	for i, x := range list {
		key := fmt.Sprintf("%s[%d]", KeyEgressDomains, i)
		d, isString := x.(string)
		switch {
		case !isString:
			l.add(key, "", "is "+jsonKind(x)+", not a string: allowed "+allowEgressDomain)
		case !isDomain(d):
			l.bad(key, d, "is not a domain name", allowEgressDomain)
		case seen[d]:
			l.bad(key, d, "is listed twice", "each domain once")
		default:
			seen[d] = true
			out = append(out, d)
		}
	}
	s.EgressDomains = out
}

// isDomain reports whether d is a lower-case DNS name of at least two labels, optionally starting with
// "*." (a wildcard for the subdomains of a registered domain, never of a top-level domain alone).
func isDomain(d string) bool {
	name := strings.TrimPrefix(d, "*.")
	if len(name) > 253 {
		return false
	}
	labels := strings.Split(name, ".")
	if len(labels) < 2 || !topLabelRE.MatchString(labels[len(labels)-1]) {
		return false
	}
	for _, label := range labels[:len(labels)-1] {
		if !dnsLabelRE.MatchString(label) {
			return false
		}
	}
	return true
}

// intentFields maps the network intent's Go field paths (netplan.FieldError.Path) to configuration
// keys: "Externals[1].CIDR" is externalRanges[1].cidr, "Flows[2].To" is flows[2].to.
var intentFields = []struct{ field, key string }{
	{"Externals", KeyExternalRanges},
	{"Flows", KeyFlows},
}

// planError keys one problem of netplan.Intent.Validate to the configuration: a problem of an external
// range or flow to its element and field (by the error's Path, never its text), and a problem of the plan
// itself, which the stack states only through its supernet, to the supernet.
func planError(err *netplan.FieldError) *FieldError {
	e := *err
	e.Path = qualify(KeySupernet)
	for _, m := range intentFields {
		if rest, ok := strings.CutPrefix(err.Path, m.field+"["); ok {
			e.Path = qualify(m.key + "[" + strings.ToLower(rest))
			break
		}
	}
	return &e
}

// psnEdge reads the PSN edge peer: both keys or neither, on a foundation only.
func (l *loader) psnEdge(s *Stack) {
	addr, hasAddr := l.get(KeyPSNPeerAddress)
	asn, hasASN := l.get(KeyPSNPeerASN)
	if !hasAddr && !hasASN {
		return
	}
	if s.Role == RoleTier || s.Role == RoleOrganization {
		for _, k := range []string{KeyPSNPeerAddress, KeyPSNPeerASN} {
			if v, ok := l.get(k); ok {
				l.bad(k, v, "is set on "+aRole(s.Role)+" stack", "only on role foundation (the PSN edge lives in the hub)")
			}
		}
		return
	}
	edge := &PSNEdge{}
	ok := true
	switch a, err := netip.ParseAddr(addr); {
	case !hasAddr:
		l.missing(KeyPSNPeerAddress, "when "+qualify(KeyPSNPeerASN)+" is set", allowPSNPeer)
		ok = false
	case err != nil || !a.Is4():
		l.bad(KeyPSNPeerAddress, addr, "is not an IPv4 address", allowPSNPeer)
		ok = false
	case !a.IsGlobalUnicast() || a.IsPrivate() || s.Supernet.Contains(a):
		l.bad(KeyPSNPeerAddress, addr, "is not a public address", allowPSNPeer)
		ok = false
	default:
		edge.PeerAddress = a
	}
	switch n, err := strconv.ParseUint(asn, 10, 32); {
	case !hasASN:
		l.missing(KeyPSNPeerASN, "when "+qualify(KeyPSNPeerAddress)+" is set", allowPSNASN)
		ok = false
	case err != nil || n == 0 || n == 4294967295 || (n >= 65515 && n <= 65520):
		l.bad(KeyPSNPeerASN, asn, "is not a usable AS number", allowPSNASN)
		ok = false
	default:
		edge.ASN = uint32(n)
	}
	if ok {
		s.PSNEdge = edge
	}
}
