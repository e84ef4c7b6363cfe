package sitefeed

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"strings"
	"sync"
	"unicode/utf8"
)

// slowPaths turns the fast paths off (the item writers in itemwriter.go,
// tag scanning in absolutize, the sanitiser's own reading of Markdown's
// HTML, the front matter cut in splitPost), so that tests can compare their
// output with the plain way.
var slowPaths = false

// The escapers below write exactly the bytes the standard encoders write
// for a string; the item writers use them for every text.

// xmlEscape writes s as encoding/xml writes character data (EscapeText):
// quotes, ampersand, angle brackets, tab, newline and carriage return as
// character references, and every byte or rune XML does not allow as
// U+FFFD.
func xmlEscape(buf *bytes.Buffer, s string) {
	buf.Grow(len(s) + len(s)/2) // HTML grows by about a third
	b := buf.AvailableBuffer()
	last := 0
	for i := 0; i < len(s); {
		if xmlPlain[s[i]] {
			i++
			continue
		}
		if c := s[i]; c < utf8.RuneSelf {
			b = append(b, s[last:i]...)
			b = append(b, xmlASCII[c]...)
			i++
			last = i
			continue
		}
		r, width := utf8.DecodeRuneInString(s[i:])
		if !xmlChar(r) || r == utf8.RuneError && width == 1 {
			b = append(b, s[last:i]...)
			b = append(b, "\uFFFD"...)
			i += width
			last = i
			continue
		}
		i += width
	}
	b = append(b, s[last:]...)
	buf.Write(b) // b is the buffer's own free space, unless it grew
}

// xmlPlain is true for the ASCII bytes character data holds as they are.
var xmlPlain = func() (t [256]bool) {
	for c := range utf8.RuneSelf {
		t[c] = xmlASCII[c] == ""
	}
	return t
}()

// xmlASCII is the escape of each ASCII byte in character data; "" means the
// byte is written as it is.
var xmlASCII = func() (t [utf8.RuneSelf]string) {
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
}()

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

// jsonEscape writes the inside of s as a JSON string the way encoding/json
// does with SetEscapeHTML(false): quote, backslash and control characters
// escaped, invalid UTF-8 as \ufffd, U+2028 and U+2029 escaped.
func jsonEscape(buf *bytes.Buffer, s string) {
	const hex = "0123456789abcdef"
	buf.Grow(len(s) + len(s)/16)
	b := buf.AvailableBuffer()
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if jsonPlain[c] {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[last:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, `\b`...)
			case '\f':
				b = append(b, `\f`...)
			case '\n':
				b = append(b, `\n`...)
			case '\r':
				b = append(b, `\r`...)
			case '\t':
				b = append(b, `\t`...)
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			last = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[last:i]...)
			b = append(b, `\ufffd`...)
			i += size
			last = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[last:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			last = i
			continue
		}
		i += size
	}
	b = append(b, s[last:]...)
	buf.Write(b) // b is the buffer's own free space, unless it grew
}

// jsonPlain is true for the ASCII bytes a JSON string holds as they are.
var jsonPlain = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// A bufPool recycles buffers; buffers that grew past 1 MiB are dropped.
type bufPool struct{ p sync.Pool }

func (bp *bufPool) get() *bytes.Buffer {
	if b, ok := bp.p.Get().(*bytes.Buffer); ok {
		b.Reset()
		return b
	}
	return new(bytes.Buffer)
}

func (bp *bufPool) put(b *bytes.Buffer) {
	if b.Cap() <= 1<<20 {
		bp.p.Put(b)
	}
}

// xmlWriters recycles the bufio.Writers of XML encoders: xml.NewEncoder
// adopts a *bufio.Writer as it is instead of allocating one of 4 KiB.
var xmlWriters = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 4096) }}

// encodeXML is xml.NewEncoder(buf) with Indent(prefix, "  ") and Encode(v).
func encodeXML(buf *bytes.Buffer, v any, prefix string) error {
	bw := xmlWriters.Get().(*bufio.Writer)
	bw.Reset(buf)
	enc := xml.NewEncoder(bw)
	enc.Indent(prefix, "  ")
	err := enc.Encode(v) // flushes bw
	bw.Reset(nil)
	xmlWriters.Put(bw)
	return err
}
