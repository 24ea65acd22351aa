// Package awslz builds accreditable AWS landing zones in London (eu-west-2) for UK police forces: a
// Foundation (customer keys, audit archive and CloudTrail, guard services, the hub network with
// Transit Gateway, AWS Network Firewall, NAT and the PSN edge, and the Pulumi state backend), one
// TierEnvironment per tier (Platinum, Gold, Bronze), and an EvidenceStore that other forces can use on
// its own.
//
// Every constructor has the shape NewX(ctx, name, args, opts...) (*X, error): it validates its
// arguments before registering anything (errors name the field, the value and what is allowed),
// registers a component with a constant type token, creates every child with the component as parent
// and through an explicit aws.Provider whose default tags carry Force, Tier, Classification, Owner and
// ManagedBy, and ends with RegisterResourceOutputs. Behaviour follows the tier profile's fields
// (components/tier); no code switches on a tier's name. The zero value of every switch is the secure
// one: the only loosening switch, TierEnvironmentArgs.AllowPublicIngress, is named for what it loosens.
//
// The tests run every mandatory rule of the policy packs (policy/catalog) over everything each
// component registers, under a mock engine (internal/mockcloud), at every tier, and expect none to
// fail.
package awslz
