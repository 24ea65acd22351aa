// Package azure holds the rules for Azure resources (azure-native v2 type tokens and input names), one
// rule per file, named after what it checks. Rules register themselves; Rules and StackRules return them
// sorted by ID.
package azure
