package plan

import (
	"encoding/json"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/policecloud/landingzones/components/config"
)

// otherNamespaces returns the stack file's configuration outside the landingzone: namespace
// ("aws:region", "azure-native:location"), fully qualified, as Pulumi hands it to a program: scalars as
// their text, lists and maps as JSON. Secure values become SecretPlaceholder: the offline plan holds no
// secrets.
func otherNamespaces(data []byte) (map[string]string, error) {
	var doc struct {
		Config map[string]yaml.Node `yaml:"config"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("invalid YAML: %w", err)
	}
	out := map[string]string{}
	for k, n := range doc.Config {
		if strings.HasPrefix(k, config.Namespace+":") || !strings.Contains(k, ":") {
			continue
		}
		switch n.Kind {
		case yaml.ScalarNode:
			out[k] = n.Value
		case yaml.MappingNode, yaml.SequenceNode:
			var v any
			if err := n.Decode(&v); err != nil {
				return nil, fmt.Errorf("config key %s: %w", k, err)
			}
			if m, ok := v.(map[string]any); ok {
				if _, secure := m["secure"]; secure && len(m) == 1 {
					out[k] = SecretPlaceholder
					continue
				}
			}
			b, err := json.Marshal(v)
			if err != nil {
				return nil, fmt.Errorf("config key %s: %w", k, err)
			}
			out[k] = string(b)
		}
	}
	return out, nil
}
