package netplan

import "strings"

// IsGUID reports whether s is a GUID in its 8-4-4-4-12 hexadecimal form: an Entra tenant, object or
// subscription ID. The configuration and the Azure components validate these identifiers alike.
func IsGUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, c := range s {
		if i == 8 || i == 13 || i == 18 || i == 23 {
			if c != '-' {
				return false
			}
		} else if !strings.ContainsRune("0123456789abcdefABCDEF", c) {
			return false
		}
	}
	return true
}

// IsWorkspaceID reports whether s is a Log Analytics workspace's resource ID
// (/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.OperationalInsights/workspaces/<name>,
// any case).
func IsWorkspaceID(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "/subscriptions/") && strings.Contains(l, "/providers/microsoft.operationalinsights/workspaces/")
}
