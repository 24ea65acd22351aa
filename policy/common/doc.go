// Package common holds the rules that apply to both clouds (classification tags, stateful resource
// protection), one rule per file, named after what it checks. Rules register themselves; Rules and
// StackRules return them sorted by ID.
package common
