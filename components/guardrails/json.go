package guardrails

import (
	"bytes"
	"encoding/json"
)

// CanonicalJSON renders v as the golden files and reviewers see it: two-space indentation, object keys
// in sorted order (as encoding/json writes maps; struct fields keep their declared, documented order),
// no HTML escaping, and a final newline.
func CanonicalJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
