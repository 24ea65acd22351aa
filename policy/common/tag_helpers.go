package common

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

// comRequiredTags are the tags every taggable resource carries, in the order messages list them.
var comRequiredTags = []string{"Force", "Tier", "Classification", "Owner", "ManagedBy"}

const comAWSProvider = "pulumi:providers:aws"

// comTagResourceTypes are the types the tag rules inspect: the AWS provider (its default tags), every AWS
// resource (judged on its effective tags when its type takes tags) and every azure-native resource
// (judged on its tags when its type takes tags, or when it sets them).
func comTagResourceTypes() []string {
	return []string{comAWSProvider, "aws:*", "azure-native:*"}
}

// comTagSet is the tag map a tag rule reads on one resource.
type comTagSet struct {
	// Where names the map in messages: "the provider's defaultTags.tags", "the tags input" or "the
	// effective tags (...)".
	Where string
	// Tags holds the known tag values.
	Tags map[string]string
	// Unknown lists keys whose value is computed.
	Unknown []string
	// Computed is true when the whole map is computed.
	Computed bool
	// Provider is true for the AWS provider's default tags: a key missing there may be set on each
	// resource, so only a value it does set is judged.
	Provider bool
	// Untaggable is true for a type that takes no tags; the tag rules do not apply to it.
	Untaggable bool
}

// comEffectiveWhere names an AWS resource's effective tags in messages.
const comEffectiveWhere = "the effective tags (the provider's default tags and the resource's tags input)"

// comTags returns the tag map a tag rule must read on r: the AWS provider's defaultTags.tags; an AWS
// resource's effective tags, its provider's default tags overlaid by its own, as AWS applies them; or an
// Azure resource's tags.
func comTags(r *policy.Resource) comTagSet {
	if r.Type == comAWSProvider || comIsAzure(r.Type) {
		// Read once per evaluation for the three tag rules; an AWS resource's effective tags are
		// memoised by policy.Resource.Tags already.
		return policy.Memo(r, comTagsKey{}, comReadResourceTags)
	}
	return comReadResourceTags(r)
}

// comTagsKey memoises comTags for the evaluation.
type comTagsKey struct{}

func comReadResourceTags(r *policy.Resource) comTagSet {
	switch {
	case r.Type == comAWSProvider:
		ts := comReadTags(comProviderDefaultTags(r))
		ts.Where, ts.Provider = "the provider's defaultTags.tags", true
		return ts
	case comIsAzure(r.Type):
		v := r.Get("tags")
		ts := comReadTags(v)
		ts.Where = "the tags input"
		ts.Untaggable = !comAzureTaggable[r.Type] && v.IsNull()
		return ts
	default:
		tags, unknown, computed := r.Tags()
		return comTagSet{Where: comEffectiveWhere, Tags: tags, Unknown: unknown, Computed: computed,
			Untaggable: !comAWSTaggable[r.Type]}
	}
}

// comProviderDefaultTags reads the AWS provider's defaultTags.tags. The engine may hand a provider's
// object-valued config to analyzers JSON-encoded ("defaultTags": "{\"tags\":{...}}"), so a string is
// decoded too.
func comProviderDefaultTags(r *policy.Resource) policy.Value {
	dt := r.Get("defaultTags")
	if dt.IsString() {
		var m map[string]any
		if err := json.Unmarshal([]byte(dt.AsString()), &m); err != nil {
			return policy.Value{}
		}
		return policy.At(policy.MapFromGo(m), "tags")
	}
	return r.Get("defaultTags", "tags")
}

func comReadTags(v policy.Value) comTagSet {
	ts := comTagSet{Tags: map[string]string{}}
	switch {
	case v.IsComputed():
		ts.Computed = true
	case v.IsMap():
		for k, tv := range v.AsMap().All {
			switch {
			case tv.IsComputed():
				ts.Unknown = append(ts.Unknown, k)
			case tv.IsString():
				ts.Tags[k] = tv.AsString()
			}
		}
	}
	slices.Sort(ts.Unknown)
	return ts
}

// comTag reads one tag: its value and whether it is Present, Unknown or Absent.
func (ts comTagSet) comTag(key string) (string, policy.Known) {
	if ts.Computed || slices.Contains(ts.Unknown, key) {
		return "", policy.Unknown
	}
	v, ok := ts.Tags[key]
	if !ok {
		return "", policy.Absent
	}
	return v, policy.Present
}

// comList joins names as "A, B and C".
func comList(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	default:
		return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
	}
}

// verb picks the singular or plural form for ts.Where ("the tags input lacks", "the effective tags lack").
func (ts comTagSet) verb(singular, plural string) string {
	if ts.Where == comEffectiveWhere {
		return plural
	}
	return singular
}
