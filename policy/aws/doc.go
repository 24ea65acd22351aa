// Package aws holds the rules for AWS resources (pulumi-aws v6 type tokens and input names), one rule per
// file, named after what it checks. Rules register themselves; Rules and StackRules return them sorted by
// ID.
package aws
