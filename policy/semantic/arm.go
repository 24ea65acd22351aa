package semantic

import "strings"

// ARM resource IDs and scopes as Azure Resource Manager compares them: case-insensitively, with or
// without trailing slashes, a subscription containing its resource groups and their resources, a
// management group standing above subscriptions, and "/" the tenant root.

// ScopeKind is the level of an ARM scope.
type ScopeKind int

// Scope kinds, broadest first.
const (
	// ScopeUnknown: not an ARM scope this package can read.
	ScopeUnknown ScopeKind = iota
	// ScopeRoot is "/", the tenant root.
	ScopeRoot
	// ScopeManagementGroup is /providers/Microsoft.Management/managementGroups/<id>.
	ScopeManagementGroup
	// ScopeSubscription is /subscriptions/<id>.
	ScopeSubscription
	// ScopeResourceGroup is /subscriptions/<id>/resourceGroups/<name>.
	ScopeResourceGroup
	// ScopeResource is anything below a resource group (or an extension resource of a subscription).
	ScopeResource
)

// String names the value for messages.
func (k ScopeKind) String() string {
	return [...]string{"unknown scope", "tenant root", "management group", "subscription", "resource group", "resource"}[k]
}

// ARMScope is a parsed ARM scope.
type ARMScope struct {
	Kind ScopeKind
	// ManagementGroup, Subscription and ResourceGroup are the IDs/names as written (case kept).
	ManagementGroup, Subscription, ResourceGroup string
	// Canonical is the ID lower-cased, without trailing slashes, with a single leading slash.
	Canonical string
}

// CanonicalARMID lower-cases an ARM ID and trims surrounding space and trailing slashes; "" and "/" are
// the root "/".
func CanonicalARMID(id string) string {
	id = strings.TrimSpace(id)
	id = strings.TrimRight(id, "/")
	if id == "" {
		return "/"
	}
	if !strings.HasPrefix(id, "/") {
		id = "/" + id
	}
	return strings.ToLower(id)
}

// SameARMID reports whether two ARM IDs name the same thing.
func SameARMID(a, b string) bool { return CanonicalARMID(a) == CanonicalARMID(b) }

// ParseARMScope reads an ARM scope.
func ParseARMScope(id string) ARMScope {
	s := ARMScope{Canonical: CanonicalARMID(id)}
	if strings.TrimSpace(id) == "/" {
		s.Kind = ScopeRoot
		return s
	}
	if strings.TrimSpace(id) == "" {
		s.Canonical = ""
		return s
	}
	parts := strings.Split(strings.Trim(strings.TrimSpace(id), "/"), "/")
	for _, p := range parts {
		if p == "" {
			return ARMScope{Canonical: s.Canonical}
		}
	}
	eq := strings.EqualFold
	switch {
	case len(parts) >= 4 && eq(parts[0], "providers") && eq(parts[1], "Microsoft.Management") && eq(parts[2], "managementGroups"):
		s.ManagementGroup = parts[3]
		if len(parts) == 4 {
			s.Kind = ScopeManagementGroup
		} else {
			s.Kind = ScopeResource
		}
	case len(parts) >= 2 && eq(parts[0], "subscriptions"):
		s.Subscription = parts[1]
		switch {
		case len(parts) == 2:
			s.Kind = ScopeSubscription
		case len(parts) >= 4 && eq(parts[2], "resourceGroups"):
			s.ResourceGroup = parts[3]
			if len(parts) == 4 {
				s.Kind = ScopeResourceGroup
			} else {
				s.Kind = ScopeResource
			}
		default:
			s.Kind = ScopeResource
		}
	}
	return s
}

// ScopeContains reports whether scope outer contains inner (or is it), as role assignments inherit: the
// root contains everything; a subscription contains its resource groups and resources; a resource group
// its resources. Management group membership is not in the IDs, so a management group is known to
// contain only itself and IDs below its own path.
func ScopeContains(outer, inner string) bool {
	o, i := ParseARMScope(outer), ParseARMScope(inner)
	if o.Kind == ScopeUnknown || i.Kind == ScopeUnknown {
		return false
	}
	if o.Kind == ScopeRoot {
		return true
	}
	return i.Canonical == o.Canonical || strings.HasPrefix(i.Canonical, o.Canonical+"/")
}

// AtLeastSubscription reports whether the scope is a subscription, a management group or the tenant
// root: the scopes that govern a whole landing zone.
func (s ARMScope) AtLeastSubscription() bool {
	return s.Kind == ScopeRoot || s.Kind == ScopeManagementGroup || s.Kind == ScopeSubscription
}

// LastSegment returns the last path segment of an ARM ID ("" for the root).
func LastSegment(id string) string {
	id = strings.TrimRight(strings.TrimSpace(id), "/")
	if i := strings.LastIndexByte(id, '/'); i >= 0 {
		return id[i+1:]
	}
	return id
}
