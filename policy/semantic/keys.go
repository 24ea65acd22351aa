package semantic

import (
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/policecloud/landingzones/policy"
)

// KeyKind is what a KMS key reference names, as far as it can be told from its spelling.
type KeyKind int

const (
	// KeyDefault is no key is named (absent or empty), so the service uses its AWS-owned or AWS-managed
	// default key. Never a customer-managed key.
	KeyDefault KeyKind = iota
	// KeyAWSManaged is an AWS-managed key named by its reserved alias (alias/aws/<service>), in any spelling:
	// the alias name, the alias ARN, the console's bare "aws/<service>", or a service's AWS-owned key
	// keyword ("AWS_OWNED_KMS_KEY").
	KeyAWSManaged
	// KeyCustomer is a customer-managed key, named by key ID, key ARN, alias name or alias ARN. AWS-managed
	// keys are reachable only through their reserved aliases, which a customer alias can never take, so
	// any other well-formed reference names a customer key. (An AWS-managed key's own key ID or ARN
	// cannot be told from a customer key's offline; IaC never spells them so, because they are created
	// by the service on first use.)
	KeyCustomer
	// KeyMalformed is a non-empty value that is none of the forms KMS accepts.
	KeyMalformed
)

// String names the kind for messages and test output.
func (k KeyKind) String() string {
	switch k {
	case KeyDefault:
		return "default"
	case KeyAWSManaged:
		return "aws-managed"
	case KeyCustomer:
		return "customer"
	default:
		return "malformed"
	}
}

// KeyRef is a decoded KMS key reference.
type KeyRef struct {
	Kind KeyKind
	// Raw is the reference as given.
	Raw string
	// Region and Account are set when the reference is an ARN.
	Region, Account string
	// KeyID is set for a key ID or key ARN ("1234abcd-...", "mrk-...").
	KeyID string
	// Alias is set for an alias name or alias ARN, without the "alias/" prefix ("aws/s3", "pos-data").
	Alias string
}

var (
	keyIDPattern = regexp.MustCompile(`^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|mrk-[0-9a-fA-F]{32})$`)
	// aliasPattern is the alias name grammar of KMS (after "alias/"), compiled on first use: {1,250}
	// compiles to a program of about 230 KB.
	aliasPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-zA-Z0-9/_-]{1,250}$`) })
)

// awsOwnedKeywords are the values services accept for their AWS-owned key in a key input.
var awsOwnedKeywords = []string{"AWS_OWNED_KMS_KEY", "AWS_OWNED_CMK", "AWS_MANAGED_KEY"}

// ParseKMSKey decodes a KMS key reference: key ID, key ARN, alias name, alias ARN, or empty.
func ParseKMSKey(s string) KeyRef {
	ref := KeyRef{Raw: s}
	t := strings.TrimSpace(s)
	switch {
	case t == "":
		ref.Kind = KeyDefault
		return ref
	case slices.Contains(awsOwnedKeywords, strings.ToUpper(t)):
		ref.Kind = KeyAWSManaged
		return ref
	}
	rest := t
	if strings.HasPrefix(t, "arn:") {
		// arn:<partition>:kms:<region>:<account>:<key/id | alias/name>
		parts := strings.SplitN(t, ":", 6)
		if len(parts) != 6 || parts[1] == "" || parts[2] != "kms" || parts[5] == "" {
			return KeyRef{Raw: s, Kind: KeyMalformed}
		}
		ref.Region, ref.Account, rest = parts[3], parts[4], parts[5]
		if ref.Region == "" || ref.Account == "" {
			return KeyRef{Raw: s, Kind: KeyMalformed}
		}
		if id, ok := strings.CutPrefix(rest, "key/"); ok {
			if !keyIDPattern.MatchString(id) {
				return KeyRef{Raw: s, Kind: KeyMalformed}
			}
			ref.Kind, ref.KeyID = KeyCustomer, id
			return ref
		}
		if !strings.HasPrefix(rest, "alias/") {
			return KeyRef{Raw: s, Kind: KeyMalformed}
		}
	}
	if name, ok := strings.CutPrefix(rest, "alias/"); ok {
		if !aliasPattern().MatchString(name) {
			return KeyRef{Raw: s, Kind: KeyMalformed}
		}
		ref.Alias = name
		ref.Kind = KeyCustomer
		if isAWSAlias(name) {
			ref.Kind = KeyAWSManaged
		}
		return ref
	}
	switch {
	case keyIDPattern.MatchString(rest):
		ref.Kind, ref.KeyID = KeyCustomer, rest
	case isAWSAlias(rest) && aliasPattern().MatchString(rest):
		// The console and some describe calls show an AWS-managed key as "aws/<service>".
		ref.Kind, ref.Alias = KeyAWSManaged, rest
	default:
		return KeyRef{Raw: s, Kind: KeyMalformed}
	}
	return ref
}

// isAWSAlias reports whether an alias name (without "alias/") is in the reserved aws/ namespace. KMS
// reserves the prefix whatever its case, so the comparison ignores case.
func isAWSAlias(name string) bool {
	return len(name) > 4 && strings.EqualFold(name[:4], "aws/")
}

// IsCustomerManaged reports whether s names a customer-managed key (see KeyCustomer).
func IsCustomerManaged(s string) bool { return ParseKMSKey(s).Kind == KeyCustomer }

// Type tokens of the KMS resources a key reference can resolve to.
const (
	TypeKMSKey                = "aws:kms/key:Key"
	TypeKMSExternalKey        = "aws:kms/externalKey:ExternalKey"
	TypeKMSReplicaKey         = "aws:kms/replicaKey:ReplicaKey"
	TypeKMSReplicaExternalKey = "aws:kms/replicaExternalKey:ReplicaExternalKey"
	TypeKMSAlias              = "aws:kms/alias:Alias"
)

// KeyTypes are the KMS key resources (not aliases).
var KeyTypes = []string{TypeKMSKey, TypeKMSExternalKey, TypeKMSReplicaKey, TypeKMSReplicaExternalKey}

// CustomerKeyTypes are the resources whose outputs (ARN, ID, alias name) name a customer-managed key: the
// keys and the aliases (a customer alias cannot take a reserved alias/aws/ name).
var CustomerKeyTypes = append(slices.Clone(KeyTypes), TypeKMSAlias)

// StackKey is a KMS key of the stack a reference resolves to.
type StackKey struct {
	// Key is the key resource.
	Key *policy.Resource
	// Alias is the alias resource the reference went through, or nil.
	Alias *policy.Resource
}

// FindStackKey resolves the key input prop of r to a KMS key resource of the stack rs: through the
// input's property dependencies (a key or an alias resource; an alias resolves to its targetKeyId), or
// by its known value (key ID, key ARN, alias name or alias ARN compared with the keys' IDs and the
// aliases' names). ok is false when the reference names no key of the stack.
func FindStackKey(rs []*policy.Resource, r *policy.Resource, prop string, path ...any) (StackKey, bool) {
	if r == nil {
		return StackKey{}, false
	}
	byURN := func(urn string) *policy.Resource { return findURN(rs, urn) }
	for _, urn := range r.PropertyDependencies[prop] {
		x := byURN(urn)
		switch {
		case x == nil:
		case slices.Contains(KeyTypes, x.Type):
			return StackKey{Key: x}, true
		case x.Type == TypeKMSAlias:
			if k, ok := aliasTarget(rs, x, byURN); ok {
				return StackKey{Key: k, Alias: x}, true
			}
		}
	}
	if len(path) == 0 {
		path = []any{prop}
	}
	s, k := policy.Str(r.Get(path...))
	if k != policy.Present {
		return StackKey{}, false
	}
	return FindStackKeyByValue(rs, s)
}

// FindStackKeyByValue resolves a known key reference to a key resource of the stack.
func FindStackKeyByValue(rs []*policy.Resource, s string) (StackKey, bool) {
	ref := ParseKMSKey(s)
	if ref.Kind != KeyCustomer {
		return StackKey{}, false
	}
	if ref.KeyID != "" {
		for _, x := range rs {
			if x != nil && slices.Contains(KeyTypes, x.Type) && x.ID != "" && x.ID == ref.KeyID {
				return StackKey{Key: x}, true
			}
		}
		return StackKey{}, false
	}
	byURN := func(urn string) *policy.Resource { return findURN(rs, urn) }
	for _, x := range rs {
		if x == nil || x.Type != TypeKMSAlias {
			continue
		}
		name, k := policy.Str(x.Get("name"))
		if k != policy.Present {
			name = x.ID
		}
		if name == "alias/"+ref.Alias {
			if key, ok := aliasTarget(rs, x, byURN); ok {
				return StackKey{Key: key, Alias: x}, true
			}
		}
	}
	return StackKey{}, false
}

// aliasTarget resolves an alias resource's targetKeyId to a key resource of the stack.
func aliasTarget(rs []*policy.Resource, alias *policy.Resource, byURN func(string) *policy.Resource) (*policy.Resource, bool) {
	for _, urn := range alias.PropertyDependencies["targetKeyId"] {
		if x := byURN(urn); x != nil && slices.Contains(KeyTypes, x.Type) {
			return x, true
		}
	}
	s, k := policy.Str(alias.Get("targetKeyId"))
	if k != policy.Present {
		return nil, false
	}
	ref := ParseKMSKey(s)
	if ref.KeyID == "" {
		return nil, false
	}
	for _, x := range rs {
		if x != nil && slices.Contains(KeyTypes, x.Type) && x.ID != "" && x.ID == ref.KeyID {
			return x, true
		}
	}
	return nil, false
}

// findURN returns the resource of rs with the given URN, or nil.
func findURN(rs []*policy.Resource, urn string) *policy.Resource {
	for _, x := range rs {
		if x != nil && x.URN == urn {
			return x
		}
	}
	return nil
}
