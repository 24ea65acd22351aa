package main

import (
	"bytes"
	"encoding/json"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/policecloud/landingzones/policy"
)

// fastState reads a well-formed stack export in one pass over its structure, with each resource's inputs
// decoded straight into property values: what readState's decoding gives, at a fraction of the cost. It
// reads only the plain shape `pulumi stack export` writes and gives up (ok false) on anything else:
// invalid JSON, a version other than the number 3, "steps", a field named in other letter case or given
// twice, a value of an unexpected type. readState then decodes the document as before, with its messages
// for what is wrong.
//
// Every byte is checked to be valid JSON as it is read, as encoding/json's Valid would check it: the
// document's frame (everything outside the resources) in one pass that finds where each resource lies,
// and each resource by the worker that decodes it, which must consume exactly that extent. The resources
// are decoded in batches on every core as the pass finds them; the reading gives up, recovering, should
// invalid text lead it astray.
func fastState(data []byte) (rs []decodedResource, ok bool) {
	d := newBatchDecoder(data)
	// The pass that finds the resources runs here, beside one fewer worker than there are cores; when it
	// is done, this goroutine decodes too.
	_, found := safely(func() (struct{}, bool) { return struct{}{}, resourceSpans(data, d.add) })
	return d.finish(found)
}

// spanBatch is how many resources a worker decodes at a time.
const spanBatch = 64

// batchDecoder decodes the resources of data in batches of spanBatch extents, on every core.
type batchDecoder struct {
	data    []byte
	jobs    chan decodeJob
	next    decodeJob
	failed  atomic.Bool
	mu      sync.Mutex
	decoded [][]decodedResource // by batch number
	wg      sync.WaitGroup
}

type decodeJob struct {
	n     int
	spans [][2]int
}

func newBatchDecoder(data []byte) *batchDecoder {
	d := &batchDecoder{data: data, jobs: make(chan decodeJob, 64)}
	for range runtime.GOMAXPROCS(0) - 1 {
		d.wg.Go(d.work)
	}
	return d
}

// add takes the extent of the next resource. A batch the workers have no room for (all busy, or none:
// one core) is decoded here.
func (d *batchDecoder) add(span [2]int) {
	d.next.spans = append(d.next.spans, span)
	if len(d.next.spans) == spanBatch {
		select {
		case d.jobs <- d.next:
		default:
			d.decode(d.next)
		}
		d.next = decodeJob{n: d.next.n + 1}
	}
}

// finish decodes what is left, on this goroutine too, and returns the resources in order; found says
// whether the pass that gave the extents read the whole document.
func (d *batchDecoder) finish(found bool) ([]decodedResource, bool) {
	if len(d.next.spans) > 0 {
		d.decode(d.next)
	}
	close(d.jobs)
	d.work()
	d.wg.Wait()
	if !found || d.failed.Load() {
		return nil, false
	}
	n := 0
	for _, b := range d.decoded {
		n += len(b)
	}
	rs := make([]decodedResource, 0, n)
	for _, b := range d.decoded {
		rs = append(rs, b...)
	}
	return rs, true
}

// work decodes batches until there are no more.
func (d *batchDecoder) work() {
	for job := range d.jobs {
		d.decode(job)
	}
}

// decode decodes one batch; after a failure anywhere it does nothing.
func (d *batchDecoder) decode(job decodeJob) {
	if d.failed.Load() {
		return
	}
	rs := make([]decodedResource, len(job.spans))
	_, ok := safely(func() (struct{}, bool) {
		for i, span := range job.spans {
			s := &scanner{data: d.data[:span[1]], i: span[0]}
			r, ok := s.resource()
			if !ok || s.i != span[1] {
				return struct{}{}, false
			}
			rs[i] = r
		}
		return struct{}{}, true
	})
	if !ok {
		d.failed.Store(true)
		return
	}
	d.mu.Lock()
	for len(d.decoded) <= job.n {
		d.decoded = append(d.decoded, nil)
	}
	d.decoded[job.n] = rs
	d.mu.Unlock()
}

// safely runs read, taking a panic (reading text that is not valid JSON) as giving up.
func safely[T any](read func() (T, bool)) (v T, ok bool) {
	defer func() {
		if recover() != nil {
			var zero T
			v, ok = zero, false
		}
	}()
	return read()
}

// The depths of the values the reading checks, as encoding/json counts nesting (the document's object is
// at depth 1): a value in the document, in its deployment, and in a resource.
const (
	depthDocument   = 1
	depthDeployment = 2
	depthResource   = 4
)

// resourceSpans reads the export's frame, checking it is valid JSON, and hands found the extent of each of
// deployment.resources in turn (each resource is checked by the worker that decodes it).
func resourceSpans(data []byte, found func(span [2]int)) (ok bool) {
	s := &scanner{data: data}
	var version, deployment, resources bool
	s.ws()
	okObj := s.object(func(key string) bool {
		switch key {
		case "steps":
			return false
		case "version":
			if version {
				return false
			}
			version = true
			s.ws()
			start := s.i
			if !s.valid(depthDocument) {
				return false
			}
			n, err := strconv.Atoi(string(s.data[start:s.i]))
			return err == nil && n == 3
		case "deployment":
			if deployment {
				return false
			}
			deployment = true
			if s.peek() != '{' {
				return false
			}
			return s.object(func(key string) bool {
				if !strings.EqualFold(key, "resources") {
					return s.valid(depthDeployment)
				}
				if key != "resources" || resources {
					return false
				}
				resources = true
				if s.literal("null") {
					return true
				}
				if s.peek() != '[' {
					return false
				}
				return s.array(func() bool {
					if s.peek() != '{' {
						return false
					}
					start := s.i
					s.extent()
					found([2]int{start, s.i})
					return true
				})
			})
		default:
			return s.valid(depthDocument)
		}
	})
	s.ws()
	return okObj && version && deployment && s.i == len(data)
}

// resourceFields are the fields of stateResource, as encoding/json matches them (in any letter case).
var resourceFields = []string{"urn", "custom", "delete", "id", "type", "inputs", "parent", "protect",
	"retainOnDelete", "provider", "dependencies", "propertyDependencies"}

func (s *scanner) resource() (decodedResource, bool) {
	var r decodedResource
	var seen uint32
	ok := s.object(func(key string) bool {
		field := -1
		for i, f := range resourceFields {
			if strings.EqualFold(key, f) {
				field = i
				break
			}
		}
		switch {
		case field < 0:
			return s.valid(depthResource)
		case resourceFields[field] != key || seen&(1<<field) != 0:
			return false
		}
		seen |= 1 << field
		switch key {
		case "urn":
			return s.str(&r.URN)
		case "id":
			return s.str(&r.ID)
		case "type":
			return s.str(&r.Type)
		case "parent":
			return s.str(&r.Parent)
		case "provider":
			return s.str(&r.Provider)
		case "custom":
			return s.boolean(&r.Custom)
		case "delete":
			return s.boolean(&r.Delete)
		case "protect":
			return s.boolean(&r.Protect)
		case "retainOnDelete":
			return s.boolean(&r.RetainOnDelete)
		case "dependencies":
			return s.strings(&r.Dependencies)
		case "propertyDependencies":
			if s.literal("null") {
				return true
			}
			if s.peek() != '{' {
				return false
			}
			r.PropertyDependencies = map[string][]string{}
			return s.object(func(k string) bool {
				var urns []string
				if !s.strings(&urns) {
					return false
				}
				r.PropertyDependencies[k] = urns
				return true
			})
		default: // inputs
			if s.literal("null") {
				return true
			}
			if s.peek() != '{' {
				return false
			}
			start := s.i
			if !s.valid(depthResource) {
				return false
			}
			v, err := policy.FromJSON(s.data[start:s.i])
			r.Inputs = inputs{v: v}
			return err == nil
		}
	})
	return r, ok
}

// scanner walks JSON text, checking it is valid JSON as it goes (but for extent); fastState takes a panic
// on text that is not as giving up.
type scanner struct {
	data []byte
	i    int
}

func (s *scanner) ws() {
	for s.i < len(s.data) && (s.data[s.i] == ' ' || s.data[s.i] == '\t' || s.data[s.i] == '\n' || s.data[s.i] == '\r') {
		s.i++
	}
}

func (s *scanner) peek() byte {
	s.ws()
	if s.i < len(s.data) {
		return s.data[s.i]
	}
	return 0
}

// literal consumes word (null, true, false) if it is next.
func (s *scanner) literal(word string) bool {
	s.ws()
	if len(s.data)-s.i >= len(word) && string(s.data[s.i:s.i+len(word)]) == word {
		s.i += len(word)
		return true
	}
	return false
}

// token consumes a number or literal and returns its text.
func (s *scanner) token() []byte {
	s.ws()
	start := s.i
	for s.i < len(s.data) {
		switch s.data[s.i] {
		case ' ', '\t', '\r', '\n', ',', ']', '}':
			return s.data[start:s.i]
		}
		s.i++
	}
	return s.data[start:s.i]
}

// extent moves past one value without checking it: resourceSpans finds where each resource lies with it,
// and the worker that decodes the resource checks it.
func (s *scanner) extent() {
	s.ws()
	depth := 0
	for s.i < len(s.data) {
		switch c := s.data[s.i]; c {
		case '"':
			s.stringEnd()
			if depth == 0 {
				return
			}
			continue
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				s.i++
				return
			}
		default:
			if depth == 0 {
				s.token()
				return
			}
		}
		s.i++
	}
}

// stringEnd moves past the string that starts at s.i.
func (s *scanner) stringEnd() {
	s.i++
	for {
		// The next quote ends the string unless an odd number of backslashes escapes it.
		q := bytes.IndexByte(s.data[s.i:], '"')
		if q < 0 {
			s.i = len(s.data)
			return
		}
		end, escapes := s.i+q, 0
		for end-1-escapes >= s.i && s.data[end-1-escapes] == '\\' {
			escapes++
		}
		s.i = end + 1
		if escapes%2 == 0 {
			return
		}
	}
}

// str reads a string, or null (leaving *out as it is, as encoding/json does).
func (s *scanner) str(out *string) bool {
	if s.literal("null") {
		return true
	}
	if s.peek() != '"' {
		return false
	}
	start := s.i
	s.stringEnd()
	raw := s.data[start:s.i]
	plain := true
	for _, c := range raw[1 : len(raw)-1] {
		if c == '\\' || c < 0x20 || c >= 0x80 {
			plain = false
			break
		}
	}
	if plain {
		*out = string(raw[1 : len(raw)-1])
		return true
	}
	return json.Unmarshal(raw, out) == nil
}

func (s *scanner) boolean(out *bool) bool {
	switch {
	case s.literal("true"):
		*out = true
	case s.literal("false"):
		*out = false
	case s.literal("null"):
	default:
		return false
	}
	return true
}

// strings reads an array of strings, or null.
func (s *scanner) strings(out *[]string) bool {
	if s.literal("null") {
		return true
	}
	if s.peek() != '[' {
		return false
	}
	*out = []string{}
	return s.array(func() bool {
		var v string
		if s.peek() != '"' || !s.str(&v) {
			return false
		}
		*out = append(*out, v)
		return true
	})
}

// object reads an object, calling field with each key (decoded) with the scanner at its value; field
// consumes the value and says whether to go on.
func (s *scanner) object(field func(key string) bool) bool {
	if s.peek() != '{' {
		return false
	}
	s.i++
	if s.peek() == '}' {
		s.i++
		return true
	}
	for {
		var key string
		if s.peek() != '"' || !s.str(&key) {
			return false
		}
		if s.peek() != ':' {
			return false
		}
		s.i++
		if !field(key) {
			return false
		}
		switch s.peek() {
		case ',':
			s.i++
		case '}':
			s.i++
			return true
		default:
			return false
		}
	}
}

// array reads an array, calling elem with the scanner at each element.
func (s *scanner) array(elem func() bool) bool {
	if s.peek() != '[' {
		return false
	}
	s.i++
	if s.peek() == ']' {
		s.i++
		return true
	}
	for {
		if !elem() {
			return false
		}
		switch s.peek() {
		case ',':
			s.i++
		case ']':
			s.i++
			return true
		default:
			return false
		}
	}
}

// maxNesting is encoding/json's limit on nested objects and arrays: text nested deeper is not valid to it.
const maxNesting = 10000

// valid consumes one value, checking it as encoding/json's Valid does: its grammar and the nesting limit.
// depth is the number of objects and arrays around the value.
func (s *scanner) valid(depth int) bool {
	s.ws()
	if s.i >= len(s.data) {
		return false
	}
	switch c := s.data[s.i]; {
	case c == '{' || c == '[':
		if depth >= maxNesting {
			return false
		}
		end := byte('}')
		if c == '[' {
			end = ']'
		}
		s.i++
		if s.peek() == end {
			s.i++
			return true
		}
		for {
			if c == '{' {
				if s.peek() != '"' || !s.validString() || s.peek() != ':' {
					return false
				}
				s.i++
			}
			if !s.valid(depth + 1) {
				return false
			}
			switch s.peek() {
			case ',':
				s.i++
			case end:
				s.i++
				return true
			default:
				return false
			}
		}
	case c == '"':
		return s.validString()
	case c == 't':
		return s.literal("true")
	case c == 'f':
		return s.literal("false")
	case c == 'n':
		return s.literal("null")
	case c == '-' || '0' <= c && c <= '9':
		return s.validNumber()
	}
	return false
}

// validString consumes a string, checking its escapes and that it holds no control character.
func (s *scanner) validString() bool {
	s.i++ // "
	for s.i < len(s.data) {
		switch c := s.data[s.i]; {
		case c == '"':
			s.i++
			return true
		case c == '\\':
			if s.i+1 >= len(s.data) {
				return false
			}
			switch s.data[s.i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				s.i += 2
			case 'u':
				if s.i+6 > len(s.data) {
					return false
				}
				for _, h := range s.data[s.i+2 : s.i+6] {
					if !('0' <= h && h <= '9' || 'a' <= h && h <= 'f' || 'A' <= h && h <= 'F') {
						return false
					}
				}
				s.i += 6
			default:
				return false
			}
		case c < 0x20:
			return false
		default:
			s.i++
		}
	}
	return false
}

// validNumber consumes a number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
func (s *scanner) validNumber() bool {
	if s.data[s.i] == '-' {
		s.i++
	}
	switch {
	case s.i < len(s.data) && s.data[s.i] == '0':
		s.i++
	case !s.digits():
		return false
	}
	if s.i < len(s.data) && s.data[s.i] == '.' {
		s.i++
		if !s.digits() {
			return false
		}
	}
	if s.i < len(s.data) && (s.data[s.i] == 'e' || s.data[s.i] == 'E') {
		s.i++
		if s.i < len(s.data) && (s.data[s.i] == '+' || s.data[s.i] == '-') {
			s.i++
		}
		if !s.digits() {
			return false
		}
	}
	return true
}

// digits consumes one or more decimal digits.
func (s *scanner) digits() bool {
	start := s.i
	for s.i < len(s.data) && '0' <= s.data[s.i] && s.data[s.i] <= '9' {
		s.i++
	}
	return s.i > start
}
