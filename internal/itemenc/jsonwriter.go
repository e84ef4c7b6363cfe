package itemenc

import (
	"bytes"
	"strconv"

	"github.com/gorilla/feeds"
)

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

// writeJSONItem writes it as EncodeJSON(buf, it, jsonPrefix) would, or
// declines it.
func writeJSONItem(buf *bytes.Buffer, it *JSONItem) bool {
	// Fields of feeds.JSONItem sitefeed does not set (Author is deprecated);
	// its Attachments are hidden by JSONItem.Attachments. handled, in
	// fields_test.go, lists every field.
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
	w := jsonWriter{buf: buf, prefix: jsonPrefix}
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
