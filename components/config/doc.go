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
//	role             yes                   foundation, tier
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
//
// # The foundation's tier
//
// A foundation stack deploys the shared services every tier depends on (audit, keys, guard services,
// hub network, egress firewall, PSN edge). Its tier may be omitted and defaults to platinum, and it may
// not be anything else: the shared services are held to the strictest profile, so that, for example, the
// audit log archive of a landing zone is never kept to a weaker standard than its most critical tier.
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
