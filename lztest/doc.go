// Package lztest is the test kit for programs built from the landing zone components: the offline mock
// cloud the components, the stack program and `lz plan` run against, and the policy assertions a force
// needs to test its own program the way this module tests its components.
//
// The mock cloud (Cloud) is a pulumi.MockResourceMonitor that answers like AWS and Azure would
// (realistic IDs, ARNs and resource IDs, so outputs flow between resources), resolves StackReferences
// from outputs it is given, and records every registration as the policy engine sees it
// (policy.Resource), with parent, provider, protect, retain-on-delete and dependencies. An AWS provider
// that names its account (allowedAccountIds with one account, or an assumed role's ARN) and an
// azure-native provider that names its subscriptionId act in that account or subscription: the caller
// identity, client configuration, ARNs and resource IDs of everything created through them say so, so
// a program that deploys into several accounts can be tested as it will run. AWS Organizations
// accounts get 12-digit IDs (an imported account keeps its own), and getOrganization answers with the
// organisation of the provider's account and one root, so an organisation program runs as it will.
//
// The assertions run every rule of every policy pack (policy/catalog), the same rules the Pulumi policy
// pack runs (policy/pack), over what the program registered:
//
//	func TestMyLandingZone(t *testing.T) {
//		st, _ := config.Load("county-gold", raw) // the stack's typed configuration
//		cloud := lztest.New(lztest.Options{Stack: "county-gold"})
//		if err := cloud.Run(program); err != nil {
//			t.Fatal(err)
//		}
//		lztest.AssertNoBlocking(t, cloud, lztest.StackContext(st))
//	}
//
// The package imports no provider SDK; it needs only the Pulumi SDK and the policy engine.
package lztest
