// Package policy is the rule engine of the landing zones: a neutral resource model, rules with the
// metadata accreditation reviewers need, findings, waivers and Evaluate.
//
// Rules are plain Go over Resource and never import a provider SDK, so the same rules run inside the
// Pulumi engine (policy/pack, over policyx) and offline (cmd/lz, over mocks or exported state) and give
// the same findings. Values that are computed at preview are kept distinct from absent values: a rule
// that needs such a value reports StatusUnknown, never a pass.
//
// The only project package imported here is components/tier (pure data, standard library only), so that
// rules hold resources to the same tier profile the components were built from (docs/adr/0001).
package policy
