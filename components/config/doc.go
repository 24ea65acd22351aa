// Package config reads a stack's configuration into a typed, validated Stack.
//
// Every key lives in the "landingzone:" namespace and is camelCase. A Pulumi program passes the raw
// values to [Load] (see stacks/main.go); the offline companion `lz` reads the same Pulumi.<stack>.yaml
// files with [LoadFile]. Both see the same text: plain strings for scalars, JSON for lists.
//
//	key              required              allowed
//	cloud            yes                   aws, azure
//	force            yes                   2 to 8 upper-case letters or digits (HO, MPS)
//	landingZone      yes                   lower-case slug [a-z][a-z0-9-]{1,30} (pos, met)
//	role             yes                   foundation, tier, organization
//	tier             for role tier         platinum, gold, bronze (see below for the foundation)
//	region           yes                   aws: eu-west-2; azure: uksouth, ukwest
//	supernet         yes                   private IPv4 prefix, /8 to /20 (10.20.0.0/16)
//	externalRanges   no                    list of {name, kind, cidr}; kind psn, onprem, landingzone, partner
//	flows            no                    list of {from, to, protocol, ports, reason}; ports "443", "8000-8080,9000"
//	classification   yes                   OFFICIAL, OFFICIAL-SENSITIVE (SECRET and above are refused)
//	owner            yes                   team mailbox (cloud-platform@homeoffice.police.uk)
//	costCentre       yes                   1 to 64 tag-safe characters
//	foundationStack  for role tier         organization/project/stack of the landing zone's foundation;
//	                                       must be empty for role foundation
//	egressDomains    no (foundation only)  hub firewall FQDN allow-list: DNS names, optionally "*." first
//	workloads        no (tier only)        list of {name, operatingSystem, instanceType, imageId, minSize,
//	                                       maxSize, databaseEngine, databaseVersion, databaseInstanceClass,
//	                                       databaseStorageGiB}; the database fields all or none
//	backupCopyRoleArn no (AWS tier only)   IAM role ARN in the backup account, assumed to keep the second
//	                                       copy of the tier's backups there
//	accounts         for role organization list of {account, name, email, id}: account is a tier name,
//	                                       log-archive, security-tooling (all required) or infrastructure;
//	                                       id (12 digits) adopts an existing account, no id creates one
//	logArchiveBucket for role organization the log archive bucket's S3 name (globally unique)
//	orgRootId        no (organization)     the organisation root's ID (r-ab12); absent looks it up
//	accessRoleName   no (organization)     the role assumed into member accounts (OrganizationAccountAccessRole)
//	deployRoleArn    no (aws foundation    the role the stack assumes into its account: the organisation
//	                 and tier)             stack's deployRoleArns output for the account
//	identityCenterInstanceArn  no (organization)  the IAM Identity Center instance; absent creates no
//	                                       permission sets, present requires the two keys below
//	identityProvider with the instance     saml:<name> or oidc:<name>: the force's federated identity provider
//	identityGroups   with the instance     list of {role, tier, groupId}: a group for platform-admin, auditor
//	                                       and tier-operator of every tier (with tier)
//
// An Azure organization stack (cloud azure, role organization: management groups, Azure Policy,
// privileged access) also takes, and only it may set:
//
//	tenantId             yes  the Entra tenant's ID (a GUID)
//	subscriptions        yes  map of management group to subscription ID: platinum, gold, bronze
//	                          required; management, connectivity, security optional; one group each
//	auditWorkspaceId     yes  the foundation's audit Log Analytics workspace ID
//	breakGlassObjectIds  yes  the two break-glass accounts' Entra object IDs
//
// An organization stack's tier, like a foundation's, may only be platinum; it sets no foundationStack,
// egressDomains or PSN keys.
//
// # The foundation's tier
//
// A foundation stack deploys the shared services every tier depends on (audit, keys, guard services,
// hub network, egress firewall, PSN edge). Its tier may be omitted and defaults to platinum, and it may
// not be anything else: the shared services are held to the strictest profile, so that, for example, the
// audit log archive of a landing zone is never kept to a weaker standard than its most critical tier.
//
// # The organisation stack
//
// An organisation stack (role organization, AWS only for now) builds the landing zone's organisation from
// the management account, before the foundation and the tiers: organisational units, accounts, service
// control policies, the organisation trail and the security services. Like the foundation its tier may be
// omitted and may only be platinum, and it declares the landing zone's supernet, external ranges and flows
// like every other stack of the landing zone.
//
// # Errors
//
// Load reports every problem at once, as [Errors]: one [FieldError] per problem, sorted by key then
// message, one line each, in the form
//
//	<key>: <value quoted> <what is wrong>: allowed <what is allowed>
//
// for example
//
//	landingzone:region: "us-east-1" is not allowed for cloud aws: allowed eu-west-2 (London)
//	landingzone:owner: missing: required: allowed a team mailbox such as cloud-platform@homeoffice.police.uk
//
// Keys of structured values name the element and field ("landingzone:flows[2].to"); element indices are
// 0-based, as in the JSON lists. Every problem is a FieldError (netplan.FieldError, the one error type of
// the configuration, the network intent and the components). Problems found by netplan.Intent.Validate
// (overlapping ranges, a Bronze flow to the internet) keep netplan's wording and are keyed by their Path,
// never their text: Externals[1].CIDR is landingzone:externalRanges[1].cidr, Flows[2] is
// landingzone:flows[2] (whose value is the flow as netplan prints it), and a problem of the plan itself is
// keyed to landingzone:supernet. Stack.Intent returns the stack's network intent. The
// address plan and flows are checked whenever the supernet, external ranges and flows are themselves well
// formed, even if other keys are bad.
//
// This package imports no Pulumi SDK, so that tools and tests can use it without an engine.
package config
