package report

import (
	"bufio"
	"strconv"
	"unicode/utf8"
)

// The writers of the large reports write their markup directly, escaping text as the standard library's
// encoders would (encoding/xml, html/template, encoding/json): the same bytes, without reflection for
// every finding. Tests compare each escaper with the encoder it stands for.

// markup writes XML or HTML through a buffer; a write error is kept by the buffer and returned by flush.
type markup struct{ w *bufio.Writer }

func (w markup) raw(s string) { _, _ = w.w.WriteString(s) }

func (w markup) int(n int) {
	var b [20]byte
	_, _ = w.w.Write(strconv.AppendInt(b[:0], int64(n), 10))
}

// xml writes s escaped as encoding/xml escapes attribute values and character data: the five markup
// characters, tab, newline and carriage return as character references, and anything XML cannot hold
// (control characters, invalid UTF-8, U+FFFE and U+FFFF) as U+FFFD.
func (w markup) xml(s string) {
	last, i := 0, 0
	for {
		for i < len(s) && xmlPlain[s[i]] {
			i++
		}
		if i == len(s) {
			break
		}
		esc, width := xmlEscapes[s[i]&0x7F], 1
		if s[i] >= utf8.RuneSelf {
			var r rune
			r, width = utf8.DecodeRuneInString(s[i:])
			if xmlChar(r) && (r != utf8.RuneError || width > 1) {
				i += width
				continue
			}
			esc = "\uFFFD"
		}
		_, _ = w.w.WriteString(s[last:i])
		_, _ = w.w.WriteString(esc)
		i += width
		last = i
	}
	_, _ = w.w.WriteString(s[last:])
}

// xmlPlain marks the bytes xml writes as they are; xmlEscapes holds what it writes for the other ASCII
// bytes.
var xmlPlain, xmlEscapes = func() (plain [256]bool, escapes [utf8.RuneSelf]string) {
	for b := 0x20; b < utf8.RuneSelf; b++ {
		plain[b] = true
	}
	for b := range 0x20 {
		escapes[b] = "\uFFFD"
	}
	for b, esc := range map[byte]string{'"': "&#34;", '\'': "&#39;", '&': "&amp;", '<': "&lt;", '>': "&gt;", '\t': "&#x9;", '\n': "&#xA;", '\r': "&#xD;"} {
		plain[b], escapes[b] = false, esc
	}
	return plain, escapes
}()

func (w markup) flush() error { return w.w.Flush() }

// xmlChar reports whether XML 1.0 allows r in a document (its Char production).
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// html writes s escaped as html/template escapes a string in HTML text and in a quoted attribute
// value: NUL as U+FFFD, and " & ' + < > as character references; everything else, invalid UTF-8
// included, as it is. (template.HTMLEscapeString differs: it leaves + as it is.)
func (w markup) html(s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		if esc := htmlEscapes[s[i]]; esc != "" {
			_, _ = w.w.WriteString(s[last:i])
			_, _ = w.w.WriteString(esc)
			last = i + 1
		}
	}
	_, _ = w.w.WriteString(s[last:])
}

// htmlEscapes holds what html writes for each byte it does not write as it is.
var htmlEscapes = [256]string{0: "\uFFFD", '"': "&#34;", '&': "&amp;", '\'': "&#39;", '+': "&#43;", '<': "&lt;", '>': "&gt;"}

// appendJSONString appends s as a JSON string as encoding/json writes it with HTML escaping off: quote and
// backslash escaped, control characters as \b \f \n \r \t or \u00XX, invalid UTF-8 as \ufffd, U+2028 and
// U+2029 as \u2028 and \u2029, everything else as it is.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if jsonPlain[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

const hexDigits = "0123456789abcdef"

// jsonPlain marks the ASCII bytes appendJSONString writes as they are.
var jsonPlain = func() (plain [utf8.RuneSelf]bool) {
	for b := 0x20; b < utf8.RuneSelf; b++ {
		plain[b] = b != '"' && b != '\\'
	}
	return plain
}()

// appendJSONStrings appends a list of strings as encoding/json writes a non-nil []string, compact.
func appendJSONStrings(b []byte, ss []string) []byte {
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	return append(b, ']')
}
