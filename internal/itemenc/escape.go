package itemenc

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// The escapers below write exactly the bytes the standard encoders write
// for a string; the writers use them for every text.

// An escaper writes strings with some bytes and runes replaced.
type escaper struct {
	plain   [256]bool             // the bytes written as they are
	ascii   [utf8.RuneSelf]string // the escape of every other ASCII byte
	invalid string                // the escape of a byte that is not UTF-8
	runes   [2]rune               // runes above ASCII that are escaped
	escapes [2]string             // and their escapes
	grow    int                   // 1/grow of a string's length is reserved for escapes
}

// write writes s to buf, escaped.
func (e *escaper) write(buf *bytes.Buffer, s string) {
	buf.Grow(len(s) + len(s)/e.grow)
	b := buf.AvailableBuffer()
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if e.plain[c] {
			i++
			continue
		}
		esc, width := "", 1
		if c < utf8.RuneSelf {
			esc = e.ascii[c]
		} else {
			var r rune
			r, width = utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError && width == 1:
				esc = e.invalid
			case r == e.runes[0]:
				esc = e.escapes[0]
			case r == e.runes[1]:
				esc = e.escapes[1]
			default:
				i += width
				continue
			}
		}
		b = append(b, s[last:i]...)
		b = append(b, esc...)
		i += width
		last = i
	}
	b = append(b, s[last:]...)
	buf.Write(b) // b is the buffer's own free space, unless it grew
}

// newEscaper returns an escaper of the ASCII bytes given in ascii; those
// left "" are written as they are.
func newEscaper(ascii [utf8.RuneSelf]string, invalid string, runes [2]rune, escapes [2]string, grow int) *escaper {
	e := &escaper{ascii: ascii, invalid: invalid, runes: runes, escapes: escapes, grow: grow}
	for c := range utf8.RuneSelf {
		e.plain[c] = ascii[c] == ""
	}
	return e
}

// xmlEscaper writes character data as encoding/xml does (EscapeText):
// quotes, ampersand, angle brackets, tab, newline and carriage return as
// character references, and every byte or rune XML does not allow as
// U+FFFD. Past ASCII, XML allows every rune but U+FFFE and U+FFFF (a
// surrogate is not UTF-8).
var xmlEscaper = newEscaper(func() (t [utf8.RuneSelf]string) {
	for c := range 0x20 {
		t[c] = "\uFFFD"
	}
	t['"'] = "&#34;"
	t['\''] = "&#39;"
	t['&'] = "&amp;"
	t['<'] = "&lt;"
	t['>'] = "&gt;"
	t['\t'] = "&#x9;"
	t['\n'] = "&#xA;"
	t['\r'] = "&#xD;"
	return t
}(), "\uFFFD", [2]rune{'\uFFFE', '\uFFFF'}, [2]string{"\uFFFD", "\uFFFD"}, 2) // HTML grows by about a third

// jsonEscaper writes the inside of a JSON string as encoding/json does with
// SetEscapeHTML(false): quote, backslash and control characters escaped,
// invalid UTF-8 as \ufffd, U+2028 and U+2029 escaped.
var jsonEscaper = newEscaper(func() (t [utf8.RuneSelf]string) {
	const hex = "0123456789abcdef"
	for c := range 0x20 {
		t[c] = `\u00` + string(hex[c>>4]) + string(hex[c&0xF])
	}
	t['\\'] = `\\`
	t['"'] = `\"`
	t['\b'] = `\b`
	t['\f'] = `\f`
	t['\n'] = `\n`
	t['\r'] = `\r`
	t['\t'] = `\t`
	return t
}(), `\ufffd`, [2]rune{'\u2028', '\u2029'}, [2]string{`\u2028`, `\u2029`}, 16)

// xmlEscape writes s as encoding/xml writes character data.
func xmlEscape(buf *bytes.Buffer, s string) { xmlEscaper.write(buf, s) }

// jsonEscape writes the inside of s as a JSON string as encoding/json does.
func jsonEscape(buf *bytes.Buffer, s string) { jsonEscaper.write(buf, s) }

// cdataEscape writes s as encoding/xml writes a ",cdata" field without its
// delimiters: each "]]>" becomes "]]]]><![CDATA[>".
func cdataEscape(buf *bytes.Buffer, s string) {
	for {
		i := strings.Index(s, "]]>")
		if i < 0 {
			break
		}
		buf.WriteString(s[:i])
		buf.WriteString("]]]]><![CDATA[>")
		s = s[i+3:]
	}
	buf.WriteString(s)
}
