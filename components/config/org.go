package config

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/policecloud/landingzones/components/internal/awsname"
	"github.com/policecloud/landingzones/components/tier"
)

// The configuration keys of an organisation stack (role organization) and of the stacks that deploy into
// the organisation's accounts, without the namespace.
const (
	// KeyAccounts lists the organisation's accounts: {account, name, email, id}.
	KeyAccounts = "accounts"
	// KeyLogArchiveBucket is the log archive bucket's name.
	KeyLogArchiveBucket = "logArchiveBucket"
	// KeyOrgRootID is the organisation root's ID ("r-ab12"); absent looks it up.
	KeyOrgRootID = "orgRootId"
	// KeyAccessRoleName is the role assumed into member accounts.
	KeyAccessRoleName = "accessRoleName"
	// KeyDeployRoleARN is the role a foundation or tier stack assumes into its account.
	KeyDeployRoleARN = "deployRoleArn"
	// KeyIdentityCenterInstance is the organisation's IAM Identity Center instance ARN.
	KeyIdentityCenterInstance = "identityCenterInstanceArn"
	// KeyIdentityProvider names the force's identity provider federated to Identity Center.
	KeyIdentityProvider = "identityProvider"
	// KeyIdentityGroups lists the identity store groups that get each permission set: {role, tier, groupId}.
	KeyIdentityGroups = "identityGroups"
)

// The access roles an identity group may hold (landingzone:identityGroups[].role).
const (
	AccessPlatformAdmin = "platform-admin"
	AccessTierOperator  = "tier-operator"
	AccessAuditor       = "auditor"
)

// Identity is the organisation's IAM Identity Center configuration.
type Identity struct {
	// InstanceARN is the Identity Center instance.
	InstanceARN string
	// Provider names the federated identity provider: saml:<name> or oidc:<name>.
	Provider string
	// PlatformAdminGroup and AuditorGroup are identity store group IDs.
	PlatformAdminGroup, AuditorGroup string
	// TierOperatorGroups maps each tier name to its operators' group ID.
	TierOperatorGroups map[string]string
}

// The account keys of an organisation stack besides the tier names.
const (
	AccountLogArchive      = "log-archive"
	AccountSecurityTooling = "security-tooling"
	AccountInfrastructure  = "infrastructure"
)

// OrgAccount is one account of the organisation, as landingzone:accounts declares it: created (Name and
// Email) or adopted (ID, with the Name and Email the account has).
type OrgAccount struct {
	// ID is the 12-digit ID of an existing account to adopt; empty creates the account.
	ID string
	// Name is the account's name.
	Name string
	// Email is the account's root user email address.
	Email string
}

// Organization is the configuration only an organisation stack has.
type Organization struct {
	// Accounts maps each account key (a tier name, log-archive, security-tooling and optionally
	// infrastructure) to its account.
	Accounts map[string]OrgAccount
	// LogArchiveBucket is the name of the log archive bucket the organisation stack creates.
	LogArchiveBucket string
	// RootID is the organisation root's ID; empty looks it up.
	RootID string
	// AccessRoleName is the role assumed into member accounts; empty is the Organizations default,
	// OrganizationAccountAccessRole.
	AccessRoleName string
	// Identity is the Identity Center configuration; nil when landingzone:identityCenterInstanceArn is
	// absent (no permission sets are created).
	Identity *Identity
}

var (
	bucketNameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)
	roleARNRE    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^arn:aws:iam::[0-9]{12}:role/[\w+=,.@/-]{1,512}$`) })
)

const (
	allowAccounts     = "a list of {account, name, email, id} objects"
	allowAccountID    = "12 digits, or no id to create the account"
	allowAccountEmail = "the account's root user address, such as aws-pos-gold@homeoffice.police.uk"
	allowBucket       = "an S3 bucket name: 3 to 63 lower-case letters, digits, dots or hyphens, such as pos-log-archive-ho"
	allowOrgRootID    = "r- and 4 to 32 lower-case letters or digits, such as r-ab12 (absent looks it up)"
	allowRoleName     = "1 to 64 letters, digits or + = , . @ _ - (absent is OrganizationAccountAccessRole)"
	allowDeployRole   = "an IAM role ARN such as arn:aws:iam::111111111111:role/OrganizationAccountAccessRole (the org stack's deployRoleArns output)"
	allowSSOInstance  = "an IAM Identity Center instance ARN such as arn:aws:sso:::instance/ssoins-1234567890abcdef (aws sso-admin list-instances)"
	allowIDP          = "saml:<name> or oidc:<name>, such as saml:entra-id"
	allowGroups       = "a list of {role, tier, groupId} objects: role platform-admin, tier-operator (with tier) or auditor"
	allowGroupID      = "an identity store group ID such as 906722b8b1-1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901 (aws identitystore list-groups)"
)

var groupFields = []string{"role", "tier", "groupId"}

var accountFields = []string{"account", "name", "email", "id"}

// accountKeys returns the account keys an organisation stack may declare, the required ones first.
func accountKeys() (required, optional []string) {
	return append(tier.Names(), AccountLogArchive, AccountSecurityTooling), []string{AccountInfrastructure}
}

// organization reads the organisation keys: required on role organization, refused elsewhere.
func (l *loader) organization(s *Stack) {
	orgKeys := []string{KeyAccounts, KeyLogArchiveBucket, KeyOrgRootID, KeyAccessRoleName, KeyIdentityCenterInstance, KeyIdentityProvider, KeyIdentityGroups}
	if s.Role != RoleOrganization {
		if s.Role == "" {
			return // the role's own problem is reported
		}
		for _, k := range orgKeys {
			if v, ok := l.get(k); ok {
				l.bad(k, short(v), "is not allowed for role "+string(s.Role), "only on role organization")
			}
		}
		return
	}
	if s.Cloud != CloudAWS {
		// An Azure organisation stack has its own keys (azureorg.go); the AWS ones are refused on it.
		for _, k := range orgKeys {
			if v, ok := l.get(k); ok {
				l.bad(k, short(v), "is not allowed on an "+string(s.Cloud)+" organization stack", "only on an aws organization stack")
			}
		}
		return
	}
	o := &Organization{Accounts: map[string]OrgAccount{}}
	required, optional := accountKeys()
	allKeys := slices.Concat(required, optional)
	elems, oks := l.objects(KeyAccounts, allowAccounts, accountFields, nil)
	emails, ids, seen := map[string]string{}, map[string]string{}, map[string]bool{}
	for i, m := range elems {
		if !oks[i] {
			continue
		}
		key := fmt.Sprintf("%s[%d]", KeyAccounts, i)
		var a OrgAccount
		which, ok := m["account"]
		switch {
		case !ok || which == "":
			l.missing(key+".account", "", strings.Join(allKeys, ", "))
		case !l.enum(key+".account", which, "an account of the organisation", allKeys):
		case seen[which]:
			l.bad(key+".account", which, "is declared twice", "each account once")
			which = ""
		default:
			seen[which] = true
		}
		if v := m["name"]; v == "" {
			l.missing(key+".name", "", "the account's name (for an adopted account, the name it has)")
		} else {
			a.Name = v
		}
		if v := m["email"]; v == "" {
			l.missing(key+".email", "", allowAccountEmail)
		} else if !awsname.Email(v) {
			l.bad(key+".email", v, "is not an email address", allowAccountEmail)
		} else if other, dup := emails[strings.ToLower(v)]; dup {
			l.bad(key+".email", v, "is also "+other+"'s", "a different address per account")
		} else {
			a.Email = v
			emails[strings.ToLower(v)] = key
		}
		if v, set := m["id"]; set && v != "" {
			if !awsname.AccountID(v) {
				l.bad(key+".id", v, "is not an AWS account ID", allowAccountID)
			} else if other, dup := ids[v]; dup {
				l.bad(key+".id", v, "is also "+other+"'s", "a different account per role")
			} else {
				a.ID = v
				ids[v] = key
			}
		}
		if seen[which] {
			o.Accounts[which] = a
		}
	}
	for _, k := range required {
		if !seen[k] {
			l.missing(KeyAccounts, "for account "+k+" on role organization", allowAccounts+" declaring "+strings.Join(required, ", "))
		}
	}
	if v, ok := l.required(KeyLogArchiveBucket, allowBucket); ok {
		if bucketNameRE.MatchString(v) && !strings.Contains(v, "..") {
			o.LogArchiveBucket = v
		} else {
			l.bad(KeyLogArchiveBucket, v, "is not an S3 bucket name", allowBucket)
		}
	}
	if v, ok := l.get(KeyOrgRootID); ok {
		if awsname.OrgRootID(v) {
			o.RootID = v
		} else {
			l.bad(KeyOrgRootID, v, "is not an organisation root ID", allowOrgRootID)
		}
	}
	if v, ok := l.get(KeyAccessRoleName); ok {
		if awsname.RoleName(v) {
			o.AccessRoleName = v
		} else {
			l.bad(KeyAccessRoleName, v, "is not an IAM role name", allowRoleName)
		}
	}
	o.Identity = l.identity()
	s.Organization = o
}

// identity reads the Identity Center keys of an organisation stack: all or none.
func (l *loader) identity() *Identity {
	instance, hasInstance := l.get(KeyIdentityCenterInstance)
	if !hasInstance {
		for _, k := range []string{KeyIdentityProvider, KeyIdentityGroups} {
			if _, ok := l.get(k); ok {
				l.add(k, "", "is set without "+qualify(KeyIdentityCenterInstance)+": allowed only with the Identity Center instance")
			}
		}
		return nil
	}
	id := &Identity{TierOperatorGroups: map[string]string{}}
	if awsname.SSOInstanceARN(instance) {
		id.InstanceARN = instance
	} else {
		l.bad(KeyIdentityCenterInstance, instance, "is not an IAM Identity Center instance ARN", allowSSOInstance)
	}
	if v, ok := l.required(KeyIdentityProvider, allowIDP); ok {
		if awsname.IdentityProvider(v) {
			id.Provider = v
		} else {
			l.bad(KeyIdentityProvider, v, "is not an identity provider name", allowIDP)
		}
	}
	roles := []string{AccessPlatformAdmin, AccessTierOperator, AccessAuditor}
	elems, oks := l.objects(KeyIdentityGroups, allowGroups, groupFields, nil)
	seen := map[string]string{}
	for i, m := range elems {
		if !oks[i] {
			continue
		}
		key := fmt.Sprintf("%s[%d]", KeyIdentityGroups, i)
		role, t := m["role"], m["tier"]
		slot := ""
		switch {
		case role == "":
			l.missing(key+".role", "", strings.Join(roles, ", "))
		case !l.enum(key+".role", role, "an access role", roles):
		case role == AccessTierOperator && t == "":
			l.missing(key+".tier", "for role "+AccessTierOperator, strings.Join(tier.Names(), ", "))
		case role == AccessTierOperator && !l.enum(key+".tier", t, "a tier", tier.Names()):
		case role != AccessTierOperator && t != "":
			l.bad(key+".tier", t, "is set for role "+role, "a tier only for role "+AccessTierOperator)
		default:
			slot = role
			if role == AccessTierOperator {
				slot += ":" + t
			}
		}
		if other, dup := seen[slot]; dup && slot != "" {
			l.bad(key+".role", role, "is already given to "+other, "one group per access role (and tier)")
			slot = ""
		}
		g := m["groupId"]
		switch {
		case g == "":
			l.missing(key+".groupId", "", allowGroupID)
			continue
		case !awsname.GroupID(g):
			l.bad(key+".groupId", g, "is not an identity store group ID", allowGroupID)
			continue
		}
		if slot == "" {
			continue
		}
		seen[slot] = key
		switch role {
		case AccessPlatformAdmin:
			id.PlatformAdminGroup = g
		case AccessAuditor:
			id.AuditorGroup = g
		default:
			id.TierOperatorGroups[t] = g
		}
	}
	want := []string{AccessPlatformAdmin, AccessAuditor}
	for _, t := range tier.Names() {
		want = append(want, AccessTierOperator+":"+t)
	}
	malformed := l.hasErrorUnder(KeyIdentityGroups)
	for _, w := range want {
		if _, ok := seen[w]; !ok && !malformed {
			l.missing(KeyIdentityGroups, "for "+strings.Replace(w, ":", " of tier ", 1)+" with "+qualify(KeyIdentityCenterInstance), allowGroups)
		}
	}
	return id
}

// deployRole reads landingzone:deployRoleArn: optional on an AWS foundation or tier stack.
func (l *loader) deployRole(s *Stack) {
	v, ok := l.get(KeyDeployRoleARN)
	switch {
	case !ok:
	case s.Role == RoleOrganization:
		l.bad(KeyDeployRoleARN, v, "is set on an organization stack", "only on role foundation or tier (the organisation stack runs in the management account)")
	case s.Cloud == CloudAzure:
		l.bad(KeyDeployRoleARN, v, "is set on an azure stack", "only on cloud aws")
	case !roleARNRE().MatchString(v):
		l.bad(KeyDeployRoleARN, v, "is not an IAM role ARN", allowDeployRole)
	default:
		s.DeployRoleARN = v
	}
}

// short is v cut to 60 characters for an error message (a JSON list can be long).
func short(v string) string {
	if len(v) > 60 {
		return v[:57] + "..."
	}
	return v
}
