// Command lz is the offline companion of the police landing zones: it validates stack configuration,
// plans stacks under a mock cloud, checks real deployments and previews, and writes the accreditation
// reports, all without cloud credentials.
//
//	lz validate --stack pos-platinum   validate one stack file and print its profile, plan and flows
//	lz validate --all                  validate every stack file and check them against each other
//	lz plan --stack pos-gold           plan a stack offline and write its reports
//	lz check --preview -               check `pulumi preview --json` read from standard input
//	lz report --all --out evidence     write the evidence pack for every stack
//	lz --version                       the module version, VCS revision, pack version and Go version
//
// Exit codes: 0 clean, 1 mandatory failures (see --fail-on, --soft-fail), 2 bad input (usage, missing
// file or invalid configuration; every problem is printed to stderr, one line each), 3 internal error.
// docs/ci.md shows lz in GitHub Actions and Azure DevOps pipelines.
package main

import "os"

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }
