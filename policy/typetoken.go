package policy

import "strings"

// azureNativePrefix is the package part of every azure-native type token.
const azureNativePrefix = "azure-native:"

// CanonicalType returns the type token rules match for token. The azure-native provider publishes every
// resource under its default token ("azure-native:storage:StorageAccount") and again under one token per
// served API version, the module followed by "/v" and the version's eight digits with an optional
// lower-case suffix ("azure-native:storage/v20230101:StorageAccount",
// "azure-native:recoveryservices/v20240430preview:Vault"). Both name the same Azure resource type, so a
// versioned token maps to the default one; every other token (aws:, the classic azure: provider,
// providers, components, a malformed token) is returned unchanged.
func CanonicalType(token string) string {
	rest, ok := strings.CutPrefix(token, azureNativePrefix)
	if !ok {
		return token
	}
	module, typ, ok := strings.Cut(rest, ":")
	if !ok || typ == "" || strings.Contains(typ, ":") {
		return token
	}
	base, version, ok := strings.Cut(module, "/")
	if !ok || base == "" || !isAPIVersion(version) {
		return token
	}
	return azureNativePrefix + base + ":" + typ
}

// isAPIVersion reports whether s is an azure-native API version module: "v", eight digits, then
// optional lower-case letters ("v20230101", "v20240430preview").
func isAPIVersion(s string) bool {
	digits, ok := strings.CutPrefix(s, "v")
	if !ok || len(digits) < 8 {
		return false
	}
	for i := 0; i < 8; i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return false
		}
	}
	for _, c := range digits[8:] {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// SetType sets r's Type to the canonical form of token (see CanonicalType) and keeps token in
// WrittenType when the two differ, so a report can show what the program wrote. Every path that builds
// a Resource (exported state and preview, the policy pack, the mock cloud) sets the type through it.
func (r *Resource) SetType(token string) {
	r.Type = CanonicalType(token)
	r.WrittenType = ""
	if r.Type != token {
		r.WrittenType = token
	}
}

// WrittenToken returns the type token as the program wrote it: WrittenType when set, else Type.
func (r *Resource) WrittenToken() string {
	if r.WrittenType != "" {
		return r.WrittenType
	}
	return r.Type
}
