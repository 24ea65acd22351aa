// Command lz is the offline companion of the police landing zones: it checks stack configuration (and,
// later, plans, policy results and reports) without cloud credentials.
//
//	lz validate --stack pos-platinum   validate one stack file and print its profile, plan and flows
//	lz validate --all                  validate every stack file and check them against each other
//
// Exit codes: 0 valid, 1 internal error, 2 bad input (usage, missing file or invalid configuration; every
// problem is printed to stderr, one line each).
package main

import "os"

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }
