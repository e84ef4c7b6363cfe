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
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			esc := xmlASCII[c]
			if esc == "" {
				i++
				continue
			}
			buf.WriteString(s[last:i])
			buf.WriteString(esc)
			i++
			last = i
			continue
		}
		r, width := utf8.DecodeRuneInString(s[i:])
		if !xmlChar(r) || r == utf8.RuneError && width == 1 {
			buf.WriteString(s[last:i])
			buf.WriteString("\uFFFD")
			i += width
			last = i
			continue
		}
		i += width
	}
	buf.WriteString(s[last:])
}

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
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			buf.WriteString(s[last:i])
			switch c {
			case '\\', '"':
				buf.WriteByte('\\')
				buf.WriteByte(c)
			case '\b':
				buf.WriteString(`\b`)
			case '\f':
				buf.WriteString(`\f`)
			case '\n':
				buf.WriteString(`\n`)
			case '\r':
				buf.WriteString(`\r`)
			case '\t':
				buf.WriteString(`\t`)
			default:
				buf.Write([]byte{'\\', 'u', '0', '0', hex[c>>4], hex[c&0xF]})
			}
			i++
			last = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			buf.WriteString(s[last:i])
			buf.WriteString(`\ufffd`)
			i += size
			last = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			buf.WriteString(s[last:i])
			buf.Write([]byte{'\\', 'u', '2', '0', '2', hex[r&0xF]})
			i += size
			last = i
			continue
		}
		i += size
	}
	buf.WriteString(s[last:])
}

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
