package sitefeed

import (
	"bytes"
	"strconv"

	"github.com/gorilla/feeds"
)

// Every post is encoded once per format, and encoding/xml and encoding/json
// spend more time walking an item's fields by reflection than escaping its
// content. The writers below write an item's struct directly, in the bytes
// an encoding/xml Encoder with Indent(prefix, "  ") or an encoding/json
// Encoder with SetIndent(prefix, "  ") and SetEscapeHTML(false) writes for
// it. The structs still define the document: each writer declines (returns
// false, having written nothing) a struct that uses a field it does not
// write, and the standard encoder writes it instead. Tests compare the two
// on generated items and on every golden case.

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

// writeRSSItem writes it as encodeXML(buf, it, "    ") would.
func writeRSSItem(buf *bytes.Buffer, it *rssItem) bool {
	// Fields of feeds.RssItem sitefeed does not set: Category is hidden by
	// rssItem.Categories and RssItem.Title by rssItem.Title.
	if it.Comments != "" || it.Source != "" {
		return false
	}
	w := xmlWriter{buf: buf, prefix: "    "}
	w.start(0, "item")
	buf.WriteByte('>')
	w.raw(1, "title", it.Title.Text)
	w.text(1, "link", it.Link)
	w.text(1, "description", it.Description)
	if c := it.Content; c != nil {
		w.start(1, "content:encoded")
		buf.WriteByte('>')
		if c.Content != "" {
			buf.WriteString("<![CDATA[")
			cdataEscape(buf, c.Content)
			buf.WriteString("]]>")
		}
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
	if t := it.Thumbnail; t != nil {
		w.text(1, "media:thumbnail", "", xmlAttr{"url", t.URL, false})
	}
	w.end(0, "item")
	return true
}

// writeAtomEntry writes e as encodeXML(buf, e, "  ") would.
func writeAtomEntry(buf *bytes.Buffer, e *atomEntry) bool {
	// Fields of feeds.AtomEntry sitefeed does not set: Category is hidden
	// by atomEntry.Categories.
	if e.Xmlns != "" || e.Rights != "" || e.Source != "" || e.Contributor != nil || e.Author != nil {
		return false
	}
	w := xmlWriter{buf: buf, prefix: "  "}
	w.start(0, "entry")
	w.attrs(xmlAttr{"xml:lang", e.Lang, true})
	buf.WriteByte('>')
	w.text(1, "title", e.Title)
	w.text(1, "updated", e.Updated)
	w.text(1, "id", e.Id)
	if c := e.Content; c != nil {
		w.text(1, "content", c.Content, xmlAttr{"type", c.Type, false})
	}
	w.textOmitEmpty(1, "published", e.Published)
	for _, l := range e.Links {
		w.text(1, "link", "", xmlAttr{"href", l.Href, false}, xmlAttr{"rel", l.Rel, true}, xmlAttr{"type", l.Type, true}, xmlAttr{"length", l.Length, true})
	}
	if s := e.Summary; s != nil {
		w.text(1, "summary", s.Content, xmlAttr{"type", s.Type, false})
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

// A jsonWriter writes an object's members the way an indenting
// encoding/json Encoder does.
type jsonWriter struct {
	buf    *bytes.Buffer
	prefix string
}

func (w jsonWriter) line(depth int) { newLine(w.buf, w.prefix, depth) }

// key starts member n (counting from 0) of an object at depth.
func (w jsonWriter) key(depth, n int, name string) {
	if n > 0 {
		w.buf.WriteByte(',')
	}
	w.line(depth)
	w.buf.WriteByte('"')
	w.buf.WriteString(name)
	w.buf.WriteString(`": `)
}

func (w jsonWriter) str(s string) {
	w.buf.WriteByte('"')
	jsonEscape(w.buf, s)
	w.buf.WriteByte('"')
}

// member writes a string member unless it is empty and omitEmpty; it
// returns how many members the object then has.
func (w jsonWriter) member(depth, n int, name, s string, omitEmpty bool) int {
	if s == "" && omitEmpty {
		return n
	}
	w.key(depth, n, name)
	w.str(s)
	return n + 1
}

// array writes member n of an object at depth, an array of count elements
// each written by elem (on a line of its own), unless count is 0; it
// returns how many members the object then has.
func (w jsonWriter) array(depth, n int, name string, count int, elem func(i int)) int {
	if count == 0 {
		return n
	}
	w.key(depth, n, name)
	w.buf.WriteByte('[')
	for i := range count {
		if i > 0 {
			w.buf.WriteByte(',')
		}
		w.line(depth + 1)
		elem(i)
	}
	w.end(depth, count, ']')
	return n + 1
}

// end closes an object or array of n members at depth.
func (w jsonWriter) end(depth, n int, closer byte) {
	if n > 0 {
		w.line(depth)
	}
	w.buf.WriteByte(closer)
}

// writeJSONItem writes it as marshalJSON(buf, it, "    ") would.
func writeJSONItem(buf *bytes.Buffer, it *jsonItem) bool {
	// Fields of feeds.JSONItem sitefeed does not set (Author is deprecated);
	// JSONItem.Attachments is hidden by jsonItem.Attachments.
	if it.ExternalUrl != "" || it.BannerImage != "" || it.Author != nil {
		return false
	}
	var published, modified []byte
	if it.PublishedDate != nil {
		b, err := it.PublishedDate.MarshalJSON()
		if err != nil {
			return false
		}
		published = b
	}
	if it.ModifiedDate != nil {
		b, err := it.ModifiedDate.MarshalJSON()
		if err != nil {
			return false
		}
		modified = b
	}
	for _, a := range it.Authors {
		if a == nil {
			return false
		}
	}
	w := jsonWriter{buf: buf, prefix: "    "}
	buf.WriteByte('{')
	n := w.member(1, 0, "id", it.Id, false)
	n = w.member(1, n, "url", it.Url, true)
	n = w.member(1, n, "title", it.Title, true)
	n = w.member(1, n, "content_html", it.ContentHTML, true)
	n = w.member(1, n, "content_text", it.ContentText, true)
	n = w.member(1, n, "summary", it.Summary, true)
	n = w.member(1, n, "image", it.Image, true)
	if published != nil {
		w.key(1, n, "date_published")
		buf.Write(published)
		n++
	}
	if modified != nil {
		w.key(1, n, "date_modified")
		buf.Write(modified)
		n++
	}
	n = w.array(1, n, "authors", len(it.Authors), func(i int) { writeJSONAuthor(w, 3, it.Authors[i]) })
	n = w.array(1, n, "tags", len(it.Tags), func(i int) { w.str(it.Tags[i]) })
	n = w.member(1, n, "language", it.Language, true)
	n = w.array(1, n, "attachments", len(it.Attachments), func(i int) {
		a := it.Attachments[i]
		buf.WriteByte('{')
		m := w.member(3, 0, "url", a.URL, false)
		m = w.member(3, m, "mime_type", a.MIMEType, false)
		m = w.member(3, m, "title", a.Title, true)
		if a.Size != 0 {
			w.key(3, m, "size_in_bytes")
			buf.WriteString(strconv.FormatInt(a.Size, 10))
			m++
		}
		w.end(2, m, '}')
	})
	w.end(0, n, '}')
	return true
}

func writeJSONAuthor(w jsonWriter, depth int, a *feeds.JSONAuthor) {
	w.buf.WriteByte('{')
	n := w.member(depth, 0, "name", a.Name, true)
	n = w.member(depth, n, "url", a.Url, true)
	n = w.member(depth, n, "avatar", a.Avatar, true)
	w.end(depth-1, n, '}')
}
