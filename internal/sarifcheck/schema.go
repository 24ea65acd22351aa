package sarifcheck

import (
	"bytes"
	_ "embed"
	"fmt"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// sarifSchema is the SARIF 2.1.0 JSON schema as OASIS published it (errata 01, schemas/sarif-schema-2.1.0.json).
//
//go:embed sarif-schema-2.1.0.json
var sarifSchema []byte

const schemaURL = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

var compiled = sync.OnceValues(func() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(sarifSchema))
	if err != nil {
		return nil, fmt.Errorf("SARIF schema: %w", err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(schemaURL, doc); err != nil {
		return nil, fmt.Errorf("SARIF schema: %w", err)
	}
	return c.Compile(schemaURL)
})

// Schema validates a SARIF log, as its bytes are, against the SARIF 2.1.0 JSON schema: nil when it is
// valid, else an error naming every place that is not.
func Schema(data []byte) error {
	s, err := compiled()
	if err != nil {
		return err
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("not JSON: %w", err)
	}
	if err := s.Validate(inst); err != nil {
		return fmt.Errorf("not SARIF 2.1.0: %s", strings.TrimSpace(err.Error()))
	}
	return nil
}
