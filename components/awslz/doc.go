// Package awslz builds accreditable AWS landing zones in London (eu-west-2) for UK police forces: a
// Foundation (customer keys, audit archive and CloudTrail, guard services, the hub network with
// Transit Gateway, AWS Network Firewall, NAT and the PSN edge, and the Pulumi state backend), one
// TierEnvironment per tier (Platinum, Gold, Bronze: its network, Amazon Inspector scanning, Patch
// Manager baselines and maintenance window at the tier's reboot window, Bronze's internal patch
// repository, backups locked for the tier's retention with a second copy in the backup account, and
// restore testing), an EvidenceStore that other forces can use on its
// own, a Workload that runs a tier's servers (and optionally its database) hardened by default, and an
// Organization that lays out the organisational units and accounts per tier, attaches the service
// control policies components/guardrails generates, keeps the organisation trail in the log-archive
// account, delegates the security services to the security-tooling account and gives people IAM Identity
// Center permission sets per role and tier.
//
// Every constructor has the shape NewX(ctx, name, args, opts...) (*X, error): it validates its
// arguments before registering anything (errors name the field, the value and what is allowed),
// registers a component with a constant type token, creates every child with the component as parent
// and through one explicit provider, and ends with RegisterResourceOutputs of every field tagged `pulumi:` (the same map its Outputs method
// returns, which a program exports). The provider is the caller's
// when the caller gives one (pulumi.Provider or pulumi.Providers on the component, or one its parent
// holds: an assume-role provider into the account, for instance), and then every child carries the
// required tags itself; only when the caller gives none does the component build its own aws.Provider
// whose default tags carry Force, Tier, Classification, Owner and ManagedBy. The Organization also
// deploys into its log-archive and security-tooling accounts, through providers of its own that assume
// the access role there. Behaviour follows the tier profile's fields
// (components/tier); no code switches on a tier's name. The zero value of every switch is the secure
// one: the only loosening switch, TierEnvironmentArgs.AllowPublicIngress, is named for what it loosens.
//
// The tests run every mandatory rule of the policy packs (policy/catalog) over everything each
// component registers, under the mock engine of the public test kit (lztest), at every tier, and expect
// none to fail.
package awslz
