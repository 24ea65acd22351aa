package corpus

import (
	"encoding/json"
	"fmt"
	"strings"
)

// BatchPrefix is the name prefix a case's resources carry in a batch program.
func BatchPrefix(c *Case) string { return c.ID + "/" }

// SplitExport cuts one case's stack export out of the export of a batch stack whose program registered
// several cases with Register(c, BatchPrefix(c)): the root stack resource, the default providers the
// case's resources use, and the case's resources, with every URN (own, parent, provider reference,
// dependencies, property dependencies) rewritten to the case's own stack (StackName) and names, as if
// the case had run alone.
func SplitExport(data []byte, batchStack string, c *Case) ([]byte, error) {
	var doc struct {
		Version    int             `json:"version"`
		Deployment json.RawMessage `json:"deployment"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	var dep map[string]json.RawMessage
	if err := json.Unmarshal(doc.Deployment, &dep); err != nil {
		return nil, err
	}
	var resources []map[string]any
	if err := json.Unmarshal(dep["resources"], &resources); err != nil {
		return nil, fmt.Errorf("deployment resources: %w", err)
	}
	prefix := BatchPrefix(c)
	mine := func(urn string) bool {
		i := strings.LastIndex(urn, "::")
		return i >= 0 && strings.HasPrefix(urn[i+2:], prefix)
	}
	// The providers the case's resources use (default providers are shared by the whole batch).
	used := map[string]bool{}
	for _, r := range resources {
		if urn, _ := r["urn"].(string); mine(urn) {
			if p, _ := r["provider"].(string); p != "" {
				used[strings.SplitN(p, "::"+providerID(p), 2)[0]] = true
			}
		}
	}
	rewrite := strings.NewReplacer(
		"urn:pulumi:"+batchStack+"::", "urn:pulumi:"+StackName(c)+"::",
		"::"+mockProject+"-"+batchStack, "::"+mockProject+"-"+StackName(c),
		"::"+prefix, "::",
	)
	var out []json.RawMessage
	for _, r := range resources {
		urn, _ := r["urn"].(string)
		typ, _ := r["type"].(string)
		if !mine(urn) && !used[urn] && typ != "pulumi:pulumi:Stack" {
			continue
		}
		b, err := json.Marshal(r)
		if err != nil {
			return nil, err
		}
		out = append(out, json.RawMessage(rewrite.Replace(string(b))))
	}
	raw, err := json.Marshal(out)
	if err != nil {
		return nil, err
	}
	dep["resources"] = raw
	depRaw, err := json.Marshal(dep)
	if err != nil {
		return nil, err
	}
	return json.MarshalIndent(map[string]any{"version": doc.Version, "deployment": json.RawMessage(depRaw)}, "", "    ")
}

// providerID is the ID part of a provider reference "urn::id".
func providerID(ref string) string {
	if i := strings.LastIndex(ref, "::"); i >= 0 {
		return ref[i+2:]
	}
	return ""
}
