package itemenc

import (
	"bytes"
	"encoding/xml"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/feeds"
)

// How the writers handle a field of a struct they take.
type handling int

const (
	written  handling = iota + 1 // written as the standard encoder writes it
	declined                     // a value other than zero makes the writer decline the item
	ignored                      // the standard encoder writes nothing for it either
)

// handled lists every visible field (reflect.VisibleFields, named by the
// path of field names) of every struct type the writers take, and how they
// handle it. A field a new version of gorilla/feeds adds fails
// TestWritersHandleEveryField until it is listed here, and written or
// declined by the writer.
var handled = map[reflect.Type]map[string]handling{
	reflect.TypeFor[RSSItem](): {
		"Title":               written,
		"RssItem":             written,
		"RssItem.XMLName":     ignored, // the tag names the element
		"RssItem.Link":        written,
		"RssItem.Description": written,
		"RssItem.Content":     written,
		"RssItem.Author":      written,
		"RssItem.Category":    ignored, // encoding/xml writes Categories, which is shallower
		"RssItem.Comments":    declined,
		"RssItem.Enclosure":   written,
		"RssItem.Guid":        written,
		"RssItem.PubDate":     written,
		"RssItem.Source":      declined,
		"Categories":          written,
		"Creators":            written,
		"Media":               written,
	},
	reflect.TypeFor[RSSText]():            {"Text": written},
	reflect.TypeFor[feeds.RssContent]():   {"XMLName": ignored, "Content": written},
	reflect.TypeFor[feeds.RssEnclosure](): {"XMLName": ignored, "Url": written, "Length": written, "Type": written},
	reflect.TypeFor[feeds.RssGuid]():      {"XMLName": ignored, "Id": written, "IsPermaLink": written},
	reflect.TypeFor[MediaContent]():       {"URL": written, "Type": written, "Medium": written, "FileSize": written, "Description": written},
	reflect.TypeFor[MediaAlt]():           {"Type": written, "Text": written},
	reflect.TypeFor[AtomEntry](): {
		"AtomEntry":             written,
		"AtomEntry.XMLName":     ignored, // the tag names the element
		"AtomEntry.Xmlns":       declined,
		"AtomEntry.Title":       written,
		"AtomEntry.Updated":     written,
		"AtomEntry.Id":          written,
		"AtomEntry.Category":    ignored, // encoding/xml writes Categories, which is shallower
		"AtomEntry.Rights":      declined,
		"AtomEntry.Source":      declined,
		"AtomEntry.Published":   written,
		"AtomEntry.Contributor": declined,
		"AtomEntry.Links":       written,
		"AtomEntry.Summary":     written,
		"AtomEntry.Author":      declined,
		"Lang":                  written,
		"Content":               written,
		"Categories":            written,
		"Authors":               written,
	},
	reflect.TypeFor[AtomContent]():       {"Content": written, "Type": written},
	reflect.TypeFor[feeds.AtomLink]():    {"XMLName": ignored, "Href": written, "Rel": written, "Type": written, "Length": written},
	reflect.TypeFor[feeds.AtomSummary](): {"XMLName": ignored, "Content": written, "Type": written},
	reflect.TypeFor[AtomCategory]():      {"Term": written, "Label": written},
	reflect.TypeFor[feeds.AtomAuthor](): {
		"XMLName":          ignored, // the tag names the element
		"AtomPerson":       written,
		"AtomPerson.Name":  written,
		"AtomPerson.Uri":   written,
		"AtomPerson.Email": written,
	},
	reflect.TypeFor[JSONItem](): {
		"JSONItem":               written,
		"JSONItem.Id":            written,
		"JSONItem.Url":           written,
		"JSONItem.ExternalUrl":   declined,
		"JSONItem.Title":         written,
		"JSONItem.ContentHTML":   written,
		"JSONItem.ContentText":   written,
		"JSONItem.Summary":       written,
		"JSONItem.Image":         written,
		"JSONItem.BannerImage":   declined,
		"JSONItem.PublishedDate": written,
		"JSONItem.ModifiedDate":  written,
		"JSONItem.Author":        declined,
		"JSONItem.Authors":       written,
		"JSONItem.Tags":          written,
		"Language":               written,
		"Attachments":            written,
	},
	reflect.TypeFor[feeds.JSONAuthor](): {"Name": written, "Url": written, "Avatar": written},
	reflect.TypeFor[JSONAttachment]():   {"URL": written, "MIMEType": written, "Title": written, "Size": written},
}

// fieldPath names a visible field of t by the names of the fields that
// lead to it.
func fieldPath(t reflect.Type, f reflect.StructField) string {
	names := make([]string, len(f.Index))
	for i := range f.Index {
		names[i] = t.FieldByIndex(f.Index[:i+1]).Name
	}
	return strings.Join(names, ".")
}

// leaf reports whether a field of type t is written whole, not field by
// field.
func leaf(t reflect.Type) bool {
	return t.Kind() != reflect.Struct || t == reflect.TypeFor[time.Time]() || t == reflect.TypeFor[xml.Name]()
}

// structTypes returns the struct types the writers take from t on: t and
// the types of the fields they write, through pointers and slices.
func structTypes(t reflect.Type, seen map[reflect.Type]bool) {
	if seen[t] {
		return
	}
	seen[t] = true
	for _, f := range reflect.VisibleFields(t) {
		if f.Anonymous || handled[t][fieldPath(t, f)] != written {
			continue // an embedded struct's fields are listed as t's
		}
		ft := f.Type
		for ft.Kind() == reflect.Pointer || ft.Kind() == reflect.Slice {
			ft = ft.Elem()
		}
		if !leaf(ft) {
			structTypes(ft, seen)
		}
	}
}

// TestWritersHandleEveryField checks that handled lists every field of
// every struct the writers take, and nothing else.
func TestWritersHandleEveryField(t *testing.T) {
	t.Parallel()
	seen := map[reflect.Type]bool{}
	for _, root := range []reflect.Type{reflect.TypeFor[RSSItem](), reflect.TypeFor[AtomEntry](), reflect.TypeFor[JSONItem]()} {
		structTypes(root, seen)
	}
	for st := range seen {
		fields := handled[st]
		if fields == nil {
			t.Errorf("%v: the writers take this struct, and handled does not list its fields", st)
			continue
		}
		visible := map[string]bool{}
		for _, f := range reflect.VisibleFields(st) {
			name := fieldPath(st, f)
			visible[name] = true
			if fields[name] == 0 {
				t.Errorf("%v.%s: a field the writers do not handle; write it (or decline items that set it) and list it in handled", st, name)
			}
		}
		for name := range fields {
			if !visible[name] {
				t.Errorf("%v.%s: listed in handled, but there is no such field", st, name)
			}
		}
	}
	for st := range handled {
		if !seen[st] {
			t.Errorf("%v: listed in handled, but the writers do not take it", st)
		}
	}
}

// eachStruct calls fn with every struct of type st in v, addressable.
func eachStruct(v reflect.Value, st reflect.Type, fn func(reflect.Value)) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			eachStruct(v.Elem(), st, fn)
		}
	case reflect.Slice:
		for i := range v.Len() {
			eachStruct(v.Index(i), st, fn)
		}
	case reflect.Struct:
		if v.Type() == st {
			fn(v)
		}
		if leaf(v.Type()) {
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				eachStruct(v.Field(i), st, fn)
			}
		}
	}
}

// nonZero returns a value of type t other than its zero value.
func nonZero(t reflect.Type) reflect.Value {
	v := reflect.New(t).Elem()
	switch t.Kind() {
	case reflect.String:
		v.SetString("x<&\xff")
	case reflect.Pointer:
		v.Set(reflect.New(t.Elem()))
	case reflect.Slice:
		v.Set(reflect.MakeSlice(t, 1, 1))
	case reflect.Int, reflect.Int32, reflect.Int64:
		v.SetInt(7)
	case reflect.Struct:
		if t == reflect.TypeFor[xml.Name]() {
			v.Set(reflect.ValueOf(xml.Name{Space: "urn:x", Local: "other"}))
		}
	}
	if v.IsZero() {
		panic("no value other than zero for " + t.String())
	}
	return v
}

// TestHandledFields checks what handled says of each field on generated
// items: a written field is set in some item (so that
// TestWritersMatchReference compares it), setting a declined field makes
// the writer decline the item, and setting an ignored field changes
// nothing either encoder writes.
func TestHandledFields(t *testing.T) {
	t.Parallel()
	g := itemGen{r: rand.New(rand.NewPCG(9, 10)), samples: samples()}
	type item struct {
		v     any
		write func(*bytes.Buffer) bool
		enc   func(*bytes.Buffer, Encoder) error
	}
	gen := func() []item {
		rss, atom, json := g.rss(), g.atom(), g.json()
		return []item{
			{rss, func(b *bytes.Buffer) bool { return writeRSSItem(b, rss) }, func(b *bytes.Buffer, e Encoder) error { return e.RSS(b, rss) }},
			{atom, func(b *bytes.Buffer) bool { return writeAtomEntry(b, atom) }, func(b *bytes.Buffer, e Encoder) error { return e.Atom(b, atom) }},
			{json, func(b *bytes.Buffer) bool { return writeJSONItem(b, json) }, func(b *bytes.Buffer, e Encoder) error { return e.JSON(b, json) }},
		}
	}
	set := map[string]int{} // how many generated items set each written field
	for st, fields := range handled {
		for _, f := range reflect.VisibleFields(st) {
			name := fieldPath(st, f)
			for range 100 {
				for _, it := range gen() {
					eachStruct(reflect.ValueOf(it.v), st, func(v reflect.Value) {
						fv := v.FieldByIndex(f.Index)
						switch fields[name] {
						case written:
							if !fv.IsZero() {
								set[st.String()+"."+name]++
							}
							return
						case declined:
							fv.Set(nonZero(f.Type))
						case ignored:
							fv.Set(nonZero(f.Type))
						}
						var direct, fast, ref bytes.Buffer
						wrote := it.write(&direct)
						if fields[name] == declined && (wrote || direct.Len() > 0) {
							t.Fatalf("%v.%s set: the writer did not decline the item", st, name)
						}
						if fields[name] == ignored && !wrote {
							t.Fatalf("%v.%s set: the writer declined the item", st, name)
						}
						if err := it.enc(&fast, Fast); err != nil {
							t.Fatal(err)
						}
						if err := it.enc(&ref, Reference); err != nil {
							t.Fatal(err)
						}
						if fast.String() != ref.String() {
							t.Fatalf("%v.%s set:\n%s\nwant\n%s", st, name, fast.String(), ref.String())
						}
						set[st.String()+"."+name]++
					})
				}
			}
			if set[st.String()+"."+name] == 0 {
				t.Errorf("%v.%s: no generated item has it", st, name)
			}
		}
	}
}
