package main

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/policy"
)

// sameResources compares two decodings of an export: property values by Equals, the rest field by field.
func sameResources(t testing.TB, want, got []*policy.Resource) bool {
	if len(want) != len(got) {
		t.Logf("%d resources, want %d", len(got), len(want))
		return false
	}
	for i := range want {
		w, g := want[i], got[i]
		if !w.Inputs.Equals(g.Inputs) {
			t.Logf("%s: inputs differ", w.URN)
			return false
		}
		if (w.Provider == nil) != (g.Provider == nil) {
			return false
		}
		if w.Provider != nil {
			if !w.Provider.Inputs.Equals(g.Provider.Inputs) {
				return false
			}
			wp, gp := *w.Provider, *g.Provider
			wp.Inputs = gp.Inputs
			if !reflect.DeepEqual(wp, gp) {
				return false
			}
		}
		// Every other exported field (the unexported evaluation memo is not the decoder's).
		wv, gv := reflect.ValueOf(w).Elem(), reflect.ValueOf(g).Elem()
		for f := range wv.NumField() {
			field := wv.Type().Field(f)
			if !field.IsExported() || field.Name == "Inputs" || field.Name == "Provider" {
				continue
			}
			if !reflect.DeepEqual(wv.Field(f).Interface(), gv.Field(f).Interface()) {
				t.Logf("%s: %s is %#v, want %#v", w.URN, field.Name, gv.Field(f).Interface(), wv.Field(f).Interface())
				return false
			}
		}
	}
	return true
}

var exportCases = []string{
	`{"version": 3, "deployment": {"manifest": {"time": "x"}, "resources": [{"urn": "urn:pulumi:s::p::aws:s3/bucketV2:BucketV2::b", "custom": true, "id": "b-1", "type": "aws:s3/bucketV2:BucketV2", "inputs": {"tags": {"Tier": "Gold"}, "n": 1.5e2}, "outputs": {"x": [1, {"y": null}]}, "parent": "urn:p", "provider": "urn:pulumi:s::p::pulumi:providers:aws::default::id-1", "dependencies": [], "propertyDependencies": {"bucket": ["urn:a"], "none": null, "empty": []}, "protect": true, "retainOnDelete": false, "unknownField": {"a": [true]}}, {"urn": "urn:pulumi:s::p::pulumi:providers:aws::default", "type": "pulumi:providers:aws", "id": "id-1", "inputs": {"region": "eu-west-2", "defaultTags": "{\"tags\":{\"Tier\":\"Gold\"}}"}}]}}`,
	`{"version":3,"deployment":{"resources":[{"urn":"urn:\u0070ulumi:s::p::t::caf\u00e9","type":"t","id":null,"custom":null,"inputs":null,"dependencies":null,"propertyDependencies":null},{"urn":"u2","delete":true,"type":"t"}]}}`,
	`{"version": 3, "deployment": {"resources": null}}`,
	`{"version": 3, "deployment": {"resources": []}, "other": 1}`,
	`{"version": 3, "deployment": {"Resources": [{"urn": "u", "type": "t"}]}}`,
	`{"version": 3, "deployment": {"resources": [{"URN": "u", "type": "t"}]}}`,
	`{"version": 3, "deployment": {"resources": [{"urn": "u", "urn": "v", "type": "t"}]}}`,
	`{"version": 3.0, "deployment": {"resources": []}}`,
	`{"version": 2, "deployment": {"resources": []}}`,
	`{"version": 3, "deployment": null}`,
	`{"version": 3, "deployment": {"resources": [null]}}`,
	`{"version": 3, "deployment": {"resources": [{"urn": 5}]}}`,
	`{"version": 3, "deployment": {"resources": [{"urn": "u", "inputs": [1]}]}}`,
	`{"version": 3, "deployment": {"resources": [{"urn": "u", "inputs": {"a": 1e400}}]}}`,
	`{"version": 3, "steps": [], "deployment": {"resources": []}}`,
	`{"version": 3, "deployment": {"resources": []}} {}`,
	`{"Version": 3, "version": 3, "deployment": {"resources": [{"urn": "u", "type": "t", "dependencies": ["a", "b\n"]}]}}`,
	``, `null`, `[]`, `{"version": 3, "deployment": {"resources": [`,
}

// fastState reads what the encoding/json decoding reads, and gives up on anything else.
func TestFastStateDecodesAsEncodingJSON(t *testing.T) {
	t.Parallel()
	var docs [][]byte
	for _, c := range exportCases {
		docs = append(docs, []byte(c))
	}
	for _, path := range []string{exportFixture, syntheticExport(t, 300)} {
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		docs = append(docs, data)
	}
	fast := 0
	for _, doc := range docs {
		want, werr := decodeState(doc)
		rs, ok := fastState(doc)
		if !ok {
			continue
		}
		fast++
		require.NoError(t, werr, "fastState read %s, which decodeState refuses", doc)
		assert.True(t, sameResources(t, want, toResources(rs)), "%.200s", doc)
	}
	assert.Equal(t, 7, fast, "the well-formed cases and both exports are read by fastState")
}

// Random edits of the cases (a byte replaced by a JSON-significant one, a span deleted or repeated): when
// fastState reads the result, decodeState reads the same resources. A fixed seed keeps it repeatable
// (FuzzFastState explores further).
func TestFastStateMutations(t *testing.T) {
	t.Parallel()
	rnd := rand.New(rand.NewPCG(17, 2026))
	alphabet := []byte(`{}[]",:0123456789.eE-+ tnulrfasU\`)
	read := 0
	for _, c := range exportCases[:4] {
		for range 3000 {
			doc := []byte(c)
			for range 1 + rnd.IntN(3) {
				i := rnd.IntN(len(doc))
				switch rnd.IntN(3) {
				case 0:
					doc[i] = alphabet[rnd.IntN(len(alphabet))]
				case 1:
					j := min(len(doc), i+1+rnd.IntN(8))
					doc = append(doc[:i:i], doc[j:]...)
				default:
					j := min(len(doc), i+1+rnd.IntN(12))
					doc = append(doc[:j:j], append(slices.Clone(doc[i:j]), doc[j:]...)...)
				}
			}
			rs, ok := fastState(doc)
			if !ok {
				continue
			}
			read++
			want, err := decodeState(doc)
			require.NoError(t, err, "fastState read %s, which decodeState refuses", doc)
			require.True(t, sameResources(t, want, toResources(rs)), "%s", doc)
		}
	}
	t.Logf("fastState read %d of 12000 edited documents", read)
	assert.Positive(t, read)
}

// validText is the scanner's check of a whole text: one value and nothing after it but white space.
func validText(text []byte) bool {
	s := &scanner{data: text}
	ok, _ := safely(func() (bool, bool) {
		if !s.valid(0) {
			return false, true
		}
		s.ws()
		return s.i == len(s.data), true
	})
	return ok
}

// The scanner's check of JSON text agrees with encoding/json's Valid, on the awkward cases and on the
// nesting limit.
func TestScannerValidAsEncodingJSON(t *testing.T) {
	t.Parallel()
	cases := []string{
		`0`, `-0`, `01`, `-`, `1.`, `.5`, `1.5e`, `1e+`, `1E-7`, `-12.5e+3`, `2e400`, `+1`, `0x1`, `00`,
		`""`, `"a\"b"`, `"\u00e9"`, `"\u00g9"`, `"\u12"`, `"\x"`, `"\/\b\f\n\r\t"`, "\"tab\there\"", "\"nl\n\"",
		"\"\xff\xfe\"", `"unterminated`, `"\`, `true`, `tru`, `truex`, `false`, `null`, `nul`, `NaN`,
		`[]`, `[1,]`, `[,1]`, `[1 2]`, `[[]]`, `{}`, `{"a":1}`, `{"a":1,}`, `{"a" 1}`, `{a:1}`, `{"a":}`,
		`{"a":1 "b":2}`, `{"a":[{"b":null}]}`, ` { "a" : [ 1 , 2 ] } `, `{} {}`, `{}x`, ``, ` `, `]`, `}`,
		"{\"a\":1}\n", "\t[\r\n]",
	}
	for _, c := range cases {
		assert.Equal(t, json.Valid([]byte(c)), validText([]byte(c)), "%q", c)
	}
	for _, n := range []int{maxNesting, maxNesting + 1} {
		deep := []byte(strings.Repeat("[", n) + strings.Repeat("]", n))
		assert.Equal(t, json.Valid(deep), validText(deep), "%d nested arrays", n)
	}
}

// Any text: the scanner's check agrees with encoding/json's Valid.
func FuzzScannerValid(f *testing.F) {
	for _, c := range append([]string{`{"a":[1,-2.5e3,"x\u00e9",true,null]}`, `[[],{}]`}, exportCases...) {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		if got, want := validText(text), json.Valid(text); got != want {
			t.Fatalf("scanner says valid %v, encoding/json %v: %q", got, want, text)
		}
	})
}

// Any text fastState reads is valid JSON that decodeState reads to the same resources.
func FuzzFastState(f *testing.F) {
	for _, c := range exportCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		rs, ok := fastState(doc)
		if !ok {
			return
		}
		if !json.Valid(doc) {
			t.Fatalf("fastState read text that is not valid JSON: %q", doc)
		}
		want, err := decodeState(doc)
		if err != nil {
			t.Fatalf("fastState read %q, which decodeState refuses: %v", doc, err)
		}
		if !sameResources(t, want, toResources(rs)) {
			t.Fatalf("fastState and decodeState differ on %q", doc)
		}
	})
}

// An export of many batches decodes to the same resources, in order, on one core (every batch decoded by
// the pass that finds them) and on several.
func TestFastStateManyBatches(t *testing.T) {
	data, err := os.ReadFile(syntheticExport(t, 80*spanBatch+7))
	require.NoError(t, err)
	want, err := decodeState(data)
	require.NoError(t, err)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, procs := range []int{1, 2, 4} {
		runtime.GOMAXPROCS(procs)
		rs, ok := fastState(data)
		require.True(t, ok, "GOMAXPROCS=%d", procs)
		assert.True(t, sameResources(t, want, toResources(rs)), "GOMAXPROCS=%d", procs)
	}
	// A resource that is not valid JSON, late in the export, fails the whole reading.
	bad := bytes.Replace(data, []byte(`"id-5000"`), []byte(`"id-5000\q"`), 1)
	require.NotEqual(t, data, bad)
	_, ok := fastState(bad)
	assert.False(t, ok)
}
