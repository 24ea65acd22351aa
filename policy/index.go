package policy

import "sync"

// typeIndexes holds, while a stack rule runs, the resources of the slice it was handed grouped by type, so
// that the many "every resource of type T that refers to X" lookups of stack rules cost a map access
// instead of a scan of the whole stack. The key is the slice's identity (first element and length);
// Evaluate removes the entry when the stack rules are done.
var typeIndexes sync.Map

type sliceKey struct {
	first **Resource
	n     int
}

func keyOf(rs []*Resource) (sliceKey, bool) {
	if len(rs) == 0 {
		return sliceKey{}, false
	}
	return sliceKey{&rs[0], len(rs)}, true
}

// indexTypes indexes rs by type until release is called.
func indexTypes(rs []*Resource) (release func()) {
	k, ok := keyOf(rs)
	if !ok {
		return func() {}
	}
	by := map[string][]*Resource{}
	for _, r := range rs {
		if r != nil {
			by[r.Type] = append(by[r.Type], r)
		}
	}
	typeIndexes.Store(k, by)
	return func() { typeIndexes.Delete(k) }
}

// OfType returns the resources of type typ among rs, in order. The result must not be modified.
func OfType(rs []*Resource, typ string) []*Resource {
	if k, ok := keyOf(rs); ok {
		if by, hit := typeIndexes.Load(k); hit {
			return by.(map[string][]*Resource)[typ]
		}
	}
	var out []*Resource
	for _, r := range rs {
		if r != nil && r.Type == typ {
			out = append(out, r)
		}
	}
	return out
}
