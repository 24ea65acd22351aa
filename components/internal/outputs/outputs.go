// Package outputs reads a component's outputs from its struct: every exported field tagged
// `pulumi:"name"` is an output, declared once. The same map is registered with
// RegisterResourceOutputs and returned by the component's Outputs method, which the stack program
// exports, so no output can be registered and not exported, or the other way round.
package outputs

import (
	"fmt"
	"reflect"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Map returns the outputs of component, a pointer to a struct: each exported field with a `pulumi:"name"`
// tag, by name. It fails, naming the field, when a tagged field is not an output or was never set.
func Map(component any) (pulumi.Map, error) {
	v := reflect.ValueOf(component)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return nil, fmt.Errorf("outputs: %T is not a pointer to a component struct", component)
	}
	v = v.Elem()
	out := pulumi.Map{}
	for _, name := range Names(v.Type()) {
		f, _ := v.Type().FieldByName(name.Field)
		fv := v.FieldByIndex(f.Index)
		o, ok := fv.Interface().(pulumi.Output)
		if !ok {
			return nil, fmt.Errorf("outputs: %s.%s (%q) is a %s: allowed a pulumi output", v.Type().Name(), name.Field, name.Output, f.Type)
		}
		if st := fv.FieldByName("OutputState"); !st.IsValid() || st.IsNil() {
			return nil, fmt.Errorf("outputs: %s.%s (%q) was never set: every declared output must be", v.Type().Name(), name.Field, name.Output)
		}
		out[name.Output] = o
	}
	return out, nil
}

// Register registers component's outputs (Map) with RegisterResourceOutputs: the component's last
// step, after every tagged field is set.
func Register(ctx *pulumi.Context, component pulumi.ComponentResource) error {
	m, err := Map(component)
	if err != nil {
		return err
	}
	return ctx.RegisterResourceOutputs(component, m)
}

// Name is one declared output: the Go field and the output name in its `pulumi:` tag.
type Name struct{ Field, Output string }

// Names lists the outputs a component struct type declares, in field order.
func Names(t reflect.Type) []Name {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	var out []Name
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("pulumi")
		if tag == "" || !f.IsExported() || f.Anonymous {
			continue
		}
		out = append(out, Name{Field: f.Name, Output: tag})
	}
	return out
}
