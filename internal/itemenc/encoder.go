// Package itemenc encodes the items of RSS, Atom and JSON feeds from
// gorilla/feeds structs, in one of two ways that give the same bytes.
//
// Every post is encoded once per format, and encoding/xml and encoding/json
// spend more time walking an item's fields by reflection than escaping its
// content. The Fast encoder writes an item's struct directly, in the bytes
// an encoding/xml Encoder with Indent(prefix, "  ") or an encoding/json
// Encoder with SetIndent(prefix, "  ") and SetEscapeHTML(false) writes for
// it; the Reference encoder is those standard encoders. The structs still
// define the document: each fast writer declines (having written nothing)
// a struct that uses a field it does not write, and the standard encoder
// writes it instead. The tests beside this file compare the two on
// generated items and list every field of every struct the writers take;
// sitefeed's golden tests compare them on every golden case.
package itemenc

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"sync"
)

// An Encoder encodes items one way or the other. The zero Encoder is Fast.
type Encoder int

const (
	// Fast writes each item itself and leaves to Reference the items it
	// declines.
	Fast Encoder = iota
	// Reference encodes each item with encoding/xml or encoding/json.
	Reference
)

// The indentation of an item in its document: an RSS item is in the
// channel, inside the rss element; Atom entries and JSON items are one
// level down.
const (
	rssPrefix  = "    "
	atomPrefix = "  "
	jsonPrefix = "    "
)

// RSS writes it as an item of an RSS channel, indented for its place in
// the document.
func (e Encoder) RSS(buf *bytes.Buffer, it *RSSItem) error {
	if e == Fast && writeRSSItem(buf, it) {
		return nil
	}
	return EncodeXML(buf, *it, rssPrefix) // a copy: it stays on the caller's stack
}

// Atom writes en as an entry of an Atom feed, indented for its place in
// the document.
func (e Encoder) Atom(buf *bytes.Buffer, en *AtomEntry) error {
	if e == Fast && writeAtomEntry(buf, en) {
		return nil
	}
	return EncodeXML(buf, *en, atomPrefix)
}

// JSON writes it as an element of a JSON feed's items, indented for its
// place in the document, the first line too.
func (e Encoder) JSON(buf *bytes.Buffer, it *JSONItem) error {
	buf.WriteString(jsonPrefix)
	if e == Fast && writeJSONItem(buf, it) {
		return nil
	}
	return EncodeJSON(buf, *it, jsonPrefix)
}

// xmlWriters recycles the bufio.Writers of XML encoders: xml.NewEncoder
// adopts a *bufio.Writer as it is instead of allocating one of 4 KiB.
var xmlWriters = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 4096) }}

// EncodeXML is xml.NewEncoder(buf) with Indent(prefix, "  ") and Encode(v).
func EncodeXML(buf *bytes.Buffer, v any, prefix string) error {
	bw := xmlWriters.Get().(*bufio.Writer)
	bw.Reset(buf)
	enc := xml.NewEncoder(bw)
	enc.Indent(prefix, "  ")
	err := enc.Encode(v) // flushes bw
	bw.Reset(nil)
	xmlWriters.Put(bw)
	return err
}

// EncodeJSON is json.NewEncoder(buf) with SetEscapeHTML(false),
// SetIndent(prefix, "  ") and Encode(v), without the newline Encode adds.
func EncodeJSON(buf *bytes.Buffer, v any, prefix string) error {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	buf.Truncate(buf.Len() - 1)
	return nil
}
