package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"
)

// FileError is a problem with one stack file. Err is the file's configuration Errors, or the reason the
// file could not be read or parsed.
type FileError struct {
	// Path is the file's path as given to LoadFile.
	Path string
	// Err is what is wrong.
	Err error
}

// Error returns every line of Err prefixed with the path: "stacks/Pulumi.x.yaml: landingzone:region: ...".
func (e *FileError) Error() string {
	lines := strings.Split(e.Err.Error(), "\n")
	for i, line := range lines {
		lines[i] = e.Path + ": " + line
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns Err.
func (e *FileError) Unwrap() error { return e.Err }

// StackName returns the stack name of a stack file path ("stacks/Pulumi.pos-gold.yaml" gives "pos-gold"),
// or false when the file name is not Pulumi.<stack>.yaml.
func StackName(path string) (string, bool) {
	base := filepath.Base(path)
	name, ok := strings.CutPrefix(base, "Pulumi.")
	if !ok {
		return "", false
	}
	for _, ext := range []string{".yaml", ".yml"} {
		if stack, ok := strings.CutSuffix(name, ext); ok && stack != "" {
			return stack, true
		}
	}
	return "", false
}

// LoadFile reads a Pulumi.<stack>.yaml file and loads its "landingzone:" keys with Load; the stack name
// comes from the file name. Every problem is returned as a *FileError whose Err is Errors for configuration
// problems.
func LoadFile(path string) (*Stack, error) {
	stack, raw, err := ReadFile(path)
	if err != nil {
		return nil, err
	}
	s, err := Load(stack, raw)
	if err != nil {
		return nil, &FileError{Path: path, Err: err}
	}
	return s, nil
}

// ReadFile reads a Pulumi.<stack>.yaml file and returns its stack name and the raw values of its
// "landingzone:" keys (namespace removed) exactly as Pulumi hands them to a program: scalars as their
// text, lists and maps as JSON. Keys of other namespaces ("aws:region") are ignored. Errors are
// *FileError.
func ReadFile(path string) (stack string, raw map[string]string, err error) {
	fail := func(err error) (string, map[string]string, error) {
		return "", nil, &FileError{Path: path, Err: err}
	}
	stack, ok := StackName(path)
	if !ok {
		return fail(errors.New("is not a stack file: allowed Pulumi.<stack>.yaml"))
	}
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fail(err)
	}
	raw, err = parseStackYAML(data)
	if err != nil {
		return fail(err)
	}
	return stack, raw, nil
}

// parseStackYAML returns the landingzone: keys of a stack file's top-level config map.
func parseStackYAML(data []byte) (map[string]string, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("invalid YAML: %w", err)
	}
	raw := map[string]string{}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return raw, nil // an empty file: Load reports the missing keys
	}
	top := doc.Content[0]
	if top.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("line %d: the file is not a YAML map: allowed a map with a config: key", top.Line)
	}
	var cfg *yaml.Node
	for i := 0; i+1 < len(top.Content); i += 2 {
		if top.Content[i].Value == "config" {
			cfg = top.Content[i+1]
		}
	}
	if cfg == nil || cfg.Tag == "!!null" {
		return raw, nil
	}
	if cfg.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("line %d: config is not a YAML map: allowed a map of namespace:key to value", cfg.Line)
	}
	var errs []error
	for i := 0; i+1 < len(cfg.Content); i += 2 {
		k, v := cfg.Content[i], cfg.Content[i+1]
		key, ours := strings.CutPrefix(k.Value, Namespace+":")
		if !ours {
			continue
		}
		if _, dup := raw[key]; dup {
			errs = append(errs, fmt.Errorf("line %d: %s is set twice: allowed once", k.Line, k.Value))
			continue
		}
		text, err := programValue(v)
		if err != nil {
			errs = append(errs, fmt.Errorf("line %d: %s: %w", v.Line, k.Value, err))
			continue
		}
		raw[key] = text
	}
	return raw, errors.Join(errs...)
}

// programValue returns a config value as a Pulumi program sees it: a scalar's text ("" for null) and the
// JSON text of a list or map.
func programValue(n *yaml.Node) (string, error) {
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n.Kind == yaml.ScalarNode {
		if n.Tag == "!!null" {
			return "", nil
		}
		return n.Value, nil
	}
	var v any
	if err := n.Decode(&v); err != nil {
		return "", err
	}
	b, err := json.Marshal(jsonable(v))
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// jsonable converts the maps YAML decodes with non-string keys into maps JSON can encode.
func jsonable(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = jsonable(e)
		}
		return x
	case map[any]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[fmt.Sprint(k)] = jsonable(e)
		}
		return m
	case []any:
		for i, e := range x {
			x[i] = jsonable(e)
		}
		return x
	}
	return v
}

// Qualified returns raw (keys without the namespace, as ReadFile gives them) with every key in the
// "landingzone:" namespace: the configuration as the Pulumi engine hands it to a program.
func Qualified(raw map[string]string) map[string]string {
	out := make(map[string]string, len(raw))
	for k, v := range raw {
		out[Namespace+":"+k] = v
	}
	return out
}
