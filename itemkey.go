package sitefeed

import (
	"io"
	"strconv"
	"time"
)

// writePost writes to h every field of a completed post that its items
// may be made from. TestPostFieldsKeyed fails when Post gains a field
// that is neither written here nor named there as one no item shows.
func writePost(h io.Writer, p *Post) {
	writeField(h, p.Path)
	writeField(h, p.ID)
	writeField(h, p.Slug)
	writeField(h, p.URL)
	writeField(h, p.Permalink)
	writeField(h, p.Title)
	writeField(h, p.Summary)
	writeField(h, string(p.Body))
	writeField(h, p.HTML)
	writeTime(h, p.Published)
	writeTime(h, p.Updated)
	writeList(h, p.Tags)
	writeList(h, p.Categories)
	writeField(h, strconv.Itoa(len(p.Authors)))
	for _, a := range p.Authors {
		writeField(h, a.Name)
		writeField(h, a.Email)
		writeField(h, a.URL)
	}
	if img := p.Hero; img != nil {
		writeField(h, "hero")
		writeField(h, img.URL)
		writeField(h, img.Alt)
		writeField(h, img.Type)
		writeField(h, strconv.FormatInt(img.Length, 10))
	} else {
		writeField(h, "")
	}
	writeField(h, strconv.FormatBool(p.Draft))
	writeField(h, p.Language)
	// The summary's end in Body, found by LoadOptions.ExcerptSeparator.
	writeField(h, p.more)
	if m := p.src; m != nil && m.markup != nil {
		// How the body is rendered before Markdown: the Dialect's syntax.
		writeField(h, strconv.Itoa(int(m.markup.syntax))+"\x00"+m.markup.siteURL+"\x00"+m.markup.root)
	} else {
		writeField(h, "")
	}
}

// writeTime writes t as items show it: to the nanosecond, with its zone.
func writeTime(h io.Writer, t time.Time) {
	var b [64]byte
	writeField(h, string(t.AppendFormat(b[:0], time.RFC3339Nano))+" "+t.Location().String())
}

// writeList writes a list of strings, its length first.
func writeList(h io.Writer, list []string) {
	writeField(h, strconv.Itoa(len(list)))
	for _, s := range list {
		writeField(h, s)
	}
}
