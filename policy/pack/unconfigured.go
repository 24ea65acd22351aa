package main

import (
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// unconfiguredInputs keeps the inputs the engine sent to Analyze for resources whose provider's
// configuration is not known yet (at preview, a provider that assumes a role into an account the same
// update creates). The engine does not call such a provider, so at preview it plans no state for the
// resource and sends AnalyzeStack an empty property map; the stack rules then judge the inputs the
// resource rules saw, as the offline plan does, instead of an empty resource.
type unconfiguredInputs struct {
	mu    sync.Mutex
	byURN map[string]resource.PropertyMap
}

// providerUnknown reports whether a provider's configuration holds unknown values.
func providerUnknown(props resource.PropertyMap) bool {
	return props != nil && resource.NewObjectProperty(props).ContainsUnknowns()
}

// keep records the inputs of a resource whose provider's configuration is unknown.
func (u *unconfiguredInputs) keep(urn string, inputs, provider resource.PropertyMap) {
	if !providerUnknown(provider) {
		return
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.byURN == nil {
		u.byURN = map[string]resource.PropertyMap{}
	}
	u.byURN[urn] = inputs
}

// state returns what AnalyzeStack judges for a resource: its planned state, or, when the engine planned
// none (an empty map) because its provider's configuration is unknown, the inputs Analyze saw.
func (u *unconfiguredInputs) state(urn string, props, provider resource.PropertyMap) resource.PropertyMap {
	if len(props) > 0 || !providerUnknown(provider) {
		return props
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	if in, ok := u.byURN[urn]; ok {
		return in
	}
	return props
}
