package lztest

import (
	"encoding/json"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/contract"
)

// Export returns the run's deployment as `pulumi stack export` writes it (deployment version 3): the
// root stack resource, then every registration in order with its inputs, outputs, parent, protect,
// retain-on-delete, provider reference, dependencies and property dependencies. A custom resource
// registered with no explicit provider gets its package's default provider, as the engine gives it
// ("default" or "default_<version>" when the registration asked for a version), written just before
// the first resource that uses it.
func (c *Cloud) Export() ([]byte, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	stackURN := resource.NewURN(tokens.QName(c.opts.Stack), tokens.PackageName(c.opts.Project), "",
		resource.RootStackType, c.opts.Project+"-"+c.opts.Stack)
	out := []apitype.ResourceV3{{URN: stackURN, Type: resource.RootStackType, Outputs: map[string]any{}}}
	defaults := map[string]string{} // package+version -> provider reference
	for _, r := range c.recorded {
		x := c.extra[r]
		if x == nil {
			continue
		}
		parent := resource.URN(r.Parent)
		if parent == "" {
			parent = stackURN
		}
		res := apitype.ResourceV3{
			URN:            resource.URN(r.URN),
			Custom:         x.custom,
			ID:             resource.ID(r.ID),
			Type:           tokens.Type(r.WrittenToken()),
			Inputs:         jsonMap(x.inputs),
			Outputs:        jsonMap(x.outputs),
			Parent:         parent,
			Protect:        r.Protect,
			RetainOnDelete: r.RetainOnDelete,
			Provider:       c.provRef[r],
		}
		for _, d := range r.Dependencies {
			res.Dependencies = append(res.Dependencies, resource.URN(d))
		}
		if len(r.PropertyDependencies) > 0 {
			res.PropertyDependencies = map[resource.PropertyKey][]resource.URN{}
			for k, urns := range r.PropertyDependencies {
				list := make([]resource.URN, 0, len(urns))
				for _, u := range urns {
					list = append(list, resource.URN(u))
				}
				res.PropertyDependencies[resource.PropertyKey(k)] = list
			}
		}
		if x.custom && res.Provider == "" && !strings.HasPrefix(r.Type, "pulumi:") {
			pkg, _, _ := strings.Cut(r.Type, ":")
			key := pkg + "@" + x.version
			ref, ok := defaults[key]
			if !ok {
				name := "default"
				if x.version != "" {
					name += "_" + strings.NewReplacer(".", "_", "-", "_").Replace(x.version)
				}
				urn := resource.NewURN(tokens.QName(c.opts.Stack), tokens.PackageName(c.opts.Project), "",
					tokens.Type("pulumi:providers:"+pkg), name)
				id := uuidFrom(string(urn))
				inputs := map[string]any{}
				if x.version != "" {
					inputs["version"] = x.version
				}
				out = append(out, apitype.ResourceV3{
					URN: urn, Custom: true, ID: resource.ID(id), Type: tokens.Type("pulumi:providers:" + pkg),
					Inputs: inputs, Outputs: inputs,
				})
				ref = string(urn) + "::" + id
				defaults[key] = ref
			}
			res.Provider = ref
		}
		out = append(out, res)
	}
	dep := apitype.DeploymentV3{
		Manifest:  apitype.ManifestV1{Magic: "", Version: "mockcloud"},
		Resources: out,
	}
	raw, err := json.Marshal(dep)
	if err != nil {
		return nil, err
	}
	return json.MarshalIndent(apitype.UntypedDeployment{Version: 3, Deployment: raw}, "", "    ")
}

// jsonMap converts a property map into the JSON values a stack export holds. Secrets are written as
// their plain values (as `pulumi stack export --show-secrets` shows them once decoded); unknowns as the
// engine's unknown sentinel.
func jsonMap(m resource.PropertyMap) map[string]any {
	out := make(map[string]any, len(m))
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, string(k))
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := m[resource.PropertyKey(k)]
		if v.IsNull() {
			continue
		}
		out[k] = jsonValue(v)
	}
	return out
}

func jsonValue(v resource.PropertyValue) any {
	switch {
	case v.IsNull():
		return nil
	case v.IsBool():
		return v.BoolValue()
	case v.IsNumber():
		return v.NumberValue()
	case v.IsString():
		return v.StringValue()
	case v.IsArray():
		arr := v.ArrayValue()
		out := make([]any, len(arr))
		for i, e := range arr {
			out[i] = jsonValue(e)
		}
		return out
	case v.IsObject():
		return jsonMap(v.ObjectValue())
	case v.IsSecret():
		return jsonValue(v.SecretValue().Element)
	case v.IsOutput():
		o := v.OutputValue()
		if !o.Known {
			return unknownValue
		}
		return jsonValue(o.Element)
	case v.IsComputed():
		return unknownValue
	case v.IsResourceReference():
		ref := v.ResourceReferenceValue()
		if id, ok := ref.IDString(); ok {
			return id
		}
		return string(ref.URN)
	case v.IsAsset(), v.IsArchive():
		return v.Mappable()
	}
	contract.Failf("lztest: unexpected property value %v", v)
	return nil
}

// unknownValue is the engine's sentinel for a value not known at preview.
const unknownValue = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
