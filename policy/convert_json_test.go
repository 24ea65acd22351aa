package policy_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/policy"
)

// viaGo is the decoding FromJSON replaces: encoding/json into an interface value, then FromGo.
func viaGo(t testing.TB, data []byte) (property.Value, bool) {
	var x any
	if err := json.Unmarshal(data, &x); err != nil {
		return property.Value{}, false
	}
	return policy.FromGo(x), true
}

func assertSameDecoding(t *testing.T, data []byte) {
	t.Helper()
	want, ok := viaGo(t, data)
	got, err := policy.FromJSON(data)
	if !ok {
		assert.Error(t, err, "%s", data)
		return
	}
	require.NoError(t, err, "%s", data)
	assert.True(t, want.Equals(got), "%s:\nwant %v\ngot  %v", data, want, got)
	assert.Equal(t, want.Secret(), got.Secret(), "%s", data)
}

var jsonCases = []string{
	`{}`, `[]`, `null`, `true`, `false`, `0`, `-1.5e3`, `1E2`, `"x"`, `""`,
	`{"a":1,"b":[1,2,{"c":null}],"d":"e","a":2}`,
	` { "s" : "tab\there", "u": "\u00e9\ud83d\ude00", "q": "quote\"back\\slash/" , "raw": "café" } `,
	`{"k\u0041y": "invalid \xff utf8", "bad\xfe": 1}`,
	`["04da6b54-80e4-46f7-96ec-b56ff0331ba9", {"x": "04da6b54-80e4-46f7-96ec-b56ff0331ba9"}]`,
	`{"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "plaintext": "hunter2"}`,
	`{"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270"}`,
	`{"4dabf18193072939515e22adb298388d": 1, "plaintext": "not a secret"}`,
	`{"4dabf18193072939515e22adb298388d": "04da6b54-80e4-46f7-96ec-b56ff0331ba9", "plaintext": {"a": [1]}}`,
	`{"4dabf18193072939515e22adb298388d": {"4dabf18193072939515e22adb298388d": "s", "plaintext": "inner"}, "plaintext": "outer"}`,
	`1e400`, `[1e400]`,
	`{"nested": {"deep": [[[]], {}, [{"a": [true, false, null]}]]}}`,
}

func TestFromJSONDecodesAsFromGo(t *testing.T) {
	t.Parallel()
	for _, c := range jsonCases {
		assertSameDecoding(t, []byte(c))
	}
	// Every input of every resource of the exports the tests use.
	files, err := filepath.Glob("../cmd/lz/testdata/*.json")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		if json.Valid(data) {
			assertSameDecoding(t, data)
		}
	}
}

func TestFromJSONErrors(t *testing.T) {
	t.Parallel()
	_, err := policy.FromJSON([]byte(`1e400`))
	assert.EqualError(t, err, `number 1e400: strconv.ParseFloat: parsing "1e400": value out of range`)
	_, err = policy.FromJSON([]byte(`{} x`))
	assert.EqualError(t, err, "JSON text after the value at byte 3")
	_, err = policy.FromJSON([]byte(`{"a"`))
	assert.EqualError(t, err, "expected : at byte 4")
	_, err = policy.FromJSON(nil)
	assert.EqualError(t, err, "JSON text ends before a value")
}

func FuzzFromJSON(f *testing.F) {
	for _, c := range jsonCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !json.Valid(data) {
			// lz check decodes while another core checks validity: on any text, FromJSON returns (an
			// error, or a value the caller then discards) and never panics or loops.
			_, _ = policy.FromJSON(data)
			return
		}
		want, ok := viaGo(t, data)
		got, err := policy.FromJSON(data)
		if !ok {
			if err == nil {
				t.Fatalf("%q: encoding/json fails, FromJSON does not", data)
			}
			return
		}
		if err != nil || !want.Equals(got) || want.Secret() != got.Secret() {
			t.Fatalf("%q: want %v, got %v (%v)", data, want, got, err)
		}
	})
}
