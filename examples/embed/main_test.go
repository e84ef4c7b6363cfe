package main

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
)

func TestWriteRSS(t *testing.T) {
	var buf bytes.Buffer
	if err := writeRSS(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasPrefix(out, "<?xml") {
		t.Fatalf("output does not start with <?xml:\n%.200s", out)
	}
	var doc struct {
		Channel struct {
			Title string `xml:"title"`
			Items []struct {
				Title string `xml:"title"`
				Link  string `xml:"link"`
			} `xml:"item"`
		} `xml:"channel"`
	}
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("not well-formed XML: %v", err)
	}
	if doc.Channel.Title != site.Title {
		t.Errorf("channel title %q, want %q", doc.Channel.Title, site.Title)
	}
	want := []struct{ title, link string }{ // newest first
		{"Third: dates from file names", "https://notes.example.com/posts/third/"},
		{"Second thoughts", "https://notes.example.com/posts/second-thoughts/"},
		{"Hello from inside the binary", "https://notes.example.com/posts/hello-embed/"},
	}
	if len(doc.Channel.Items) != len(want) {
		t.Fatalf("%d items, want %d", len(doc.Channel.Items), len(want))
	}
	for i, w := range want {
		if got := doc.Channel.Items[i]; got.Title != w.title || got.Link != w.link {
			t.Errorf("item %d: %q %s, want %q %s", i, got.Title, got.Link, w.title, w.link)
		}
	}
	if !strings.Contains(out, `href="https://notes.example.com/posts/hello-embed/"`) {
		t.Errorf("the relative link in second-thoughts.md was not made absolute")
	}
}
