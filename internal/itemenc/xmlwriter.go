package itemenc

import (
	"bytes"
	"strconv"
)

// An xmlWriter writes elements the way an indenting encoding/xml Encoder
// does.
type xmlWriter struct {
	buf    *bytes.Buffer
	prefix string
}

// newLine starts a line indented for depth, as both encoders indent.
func newLine(buf *bytes.Buffer, prefix string, depth int) {
	buf.WriteByte('\n')
	buf.WriteString(prefix)
	for range depth {
		buf.WriteString("  ")
	}
}

// start writes the start tag's opening at depth: on a line of its own,
// unless it is the document's first element.
func (w xmlWriter) start(depth int, name string) {
	if depth > 0 {
		newLine(w.buf, w.prefix, depth)
	} else {
		w.buf.WriteString(w.prefix)
	}
	w.buf.WriteByte('<')
	w.buf.WriteString(name)
}

// end writes the end tag of an element that has child elements.
func (w xmlWriter) end(depth int, name string) {
	newLine(w.buf, w.prefix, depth)
	w.close(name)
}

// close writes an end tag on the line it is on.
func (w xmlWriter) close(name string) {
	w.buf.WriteString("</")
	w.buf.WriteString(name)
	w.buf.WriteByte('>')
}

// An xmlAttr is an attribute; one with omitEmpty is left out when its
// value is "".
type xmlAttr struct {
	name, value string
	omitEmpty   bool
}

// attrs writes the attributes of a start tag.
func (w xmlWriter) attrs(attrs ...xmlAttr) {
	for _, a := range attrs {
		if a.value == "" && a.omitEmpty {
			continue
		}
		w.buf.WriteByte(' ')
		w.buf.WriteString(a.name)
		w.buf.WriteString(`="`)
		xmlEscape(w.buf, a.value)
		w.buf.WriteByte('"')
	}
}

// text writes <name attrs...>s</name> with s escaped: an element without
// child elements.
func (w xmlWriter) text(depth int, name, s string, attrs ...xmlAttr) {
	w.start(depth, name)
	w.attrs(attrs...)
	w.buf.WriteByte('>')
	xmlEscape(w.buf, s)
	w.close(name)
}

func (w xmlWriter) textOmitEmpty(depth int, name, s string) {
	if s != "" {
		w.text(depth, name, s)
	}
}

// raw writes <name>s</name> with s as it is (an ",innerxml" field).
func (w xmlWriter) raw(depth int, name, s string) {
	w.start(depth, name)
	w.buf.WriteByte('>')
	w.buf.WriteString(s)
	w.close(name)
}

// cdata writes s as encoding/xml writes a ",cdata" field: nothing when s
// is "", else one CDATA section, split where s holds "]]>".
func (w xmlWriter) cdata(s string) {
	if s == "" {
		return
	}
	w.buf.WriteString("<![CDATA[")
	cdataEscape(w.buf, s)
	w.buf.WriteString("]]>")
}

// writeRSSItem writes it as EncodeXML(buf, it, rssPrefix) would, or
// declines it.
func writeRSSItem(buf *bytes.Buffer, it *RSSItem) bool {
	// Fields of feeds.RssItem sitefeed does not set: its Category is hidden
	// by RSSItem.Categories and its Title by RSSItem.Title. handled, in
	// fields_test.go, lists every field.
	if it.Comments != "" || it.Source != "" {
		return false
	}
	w := xmlWriter{buf: buf, prefix: rssPrefix}
	w.start(0, "item")
	buf.WriteByte('>')
	w.raw(1, "title", it.Title.Text)
	w.text(1, "link", it.Link)
	w.text(1, "description", it.Description)
	if c := it.Content; c != nil {
		w.start(1, "content:encoded")
		buf.WriteByte('>')
		w.cdata(c.Content)
		w.close("content:encoded")
	}
	w.textOmitEmpty(1, "author", it.Author)
	if e := it.Enclosure; e != nil {
		w.text(1, "enclosure", "", xmlAttr{"url", e.Url, false}, xmlAttr{"length", e.Length, false}, xmlAttr{"type", e.Type, false})
	}
	if g := it.Guid; g != nil {
		w.text(1, "guid", g.Id, xmlAttr{"isPermaLink", g.IsPermaLink, true})
	}
	w.textOmitEmpty(1, "pubDate", it.PubDate)
	for _, c := range it.Categories {
		w.raw(1, "category", c.Text)
	}
	for _, c := range it.Creators {
		w.raw(1, "dc:creator", c.Text)
	}
	if m := it.Media; m != nil {
		size := ""
		if m.FileSize != 0 {
			size = strconv.FormatInt(m.FileSize, 10)
		}
		w.start(1, "media:content")
		w.attrs(xmlAttr{"url", m.URL, false}, xmlAttr{"type", m.Type, true}, xmlAttr{"medium", m.Medium, false}, xmlAttr{"fileSize", size, true})
		buf.WriteByte('>')
		if d := m.Description; d != nil {
			w.text(2, "media:description", d.Text, xmlAttr{"type", d.Type, false})
			w.end(1, "media:content")
		} else {
			w.close("media:content")
		}
	}
	w.end(0, "item")
	return true
}

// writeAtomEntry writes e as EncodeXML(buf, e, atomPrefix) would, or
// declines it.
func writeAtomEntry(buf *bytes.Buffer, e *AtomEntry) bool {
	// Fields of feeds.AtomEntry sitefeed does not set: its Category is
	// hidden by AtomEntry.Categories. handled, in fields_test.go, lists
	// every field.
	if e.Xmlns != "" || e.Rights != "" || e.Source != "" || e.Contributor != nil || e.Author != nil {
		return false
	}
	w := xmlWriter{buf: buf, prefix: atomPrefix}
	w.start(0, "entry")
	w.attrs(xmlAttr{"xml:lang", e.Lang, true})
	buf.WriteByte('>')
	w.text(1, "title", e.Title)
	w.text(1, "updated", e.Updated)
	w.text(1, "id", e.Id)
	w.textOmitEmpty(1, "published", e.Published)
	for _, l := range e.Links {
		w.text(1, "link", "", xmlAttr{"href", l.Href, false}, xmlAttr{"rel", l.Rel, true}, xmlAttr{"type", l.Type, true}, xmlAttr{"length", l.Length, true})
	}
	if s := e.Summary; s != nil {
		w.text(1, "summary", s.Content, xmlAttr{"type", s.Type, false})
	}
	if c := e.Content; c != nil {
		w.start(1, "content")
		w.attrs(xmlAttr{"type", c.Type, false})
		buf.WriteByte('>')
		w.cdata(c.Content)
		w.close("content")
	}
	for _, c := range e.Categories {
		w.text(1, "category", "", xmlAttr{"term", c.Term, false}, xmlAttr{"label", c.Label, true})
	}
	for _, a := range e.Authors {
		w.start(1, "author")
		buf.WriteByte('>')
		if a.Name == "" && a.Uri == "" && a.Email == "" {
			w.close("author")
			continue
		}
		w.textOmitEmpty(2, "name", a.Name)
		w.textOmitEmpty(2, "uri", a.Uri)
		w.textOmitEmpty(2, "email", a.Email)
		w.end(1, "author")
	}
	w.end(0, "entry")
	return true
}
