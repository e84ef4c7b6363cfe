// Command expect prints, as JSON, what each item of the example blog's site
// feed and of one tag feed should show in a feed reader, and each feed's
// home page: the values of the posts as sitefeed reads them, before any
// feed format is written. The
// reader matrix (matrix.mjs) compares every reader's view of the written
// feeds with it.
//
//	go run .ci/readers/expect.go .ci/readers/example.go examples/blog/sitefeed.yaml TAG_SLUG > expect.json
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/sitefeed/sitefeed"
)

type enclosure struct {
	URL    string `json:"url"`
	Type   string `json:"type"`
	Length int64  `json:"length"`
}

type item struct {
	Title     string     `json:"title"`
	Link      string     `json:"link"`
	Date      string     `json:"date"`
	Updated   string     `json:"updated,omitempty"`
	Authors   []string   `json:"authors"`
	Tags      []string   `json:"tags"`
	Summary   string     `json:"summary"`
	Content   string     `json:"content"`
	Enclosure *enclosure `json:"enclosure,omitempty"`
}

func main() { mainWith("expect", "sitefeed.yaml TAG_SLUG", run) }

func run(config, tag string) error {
	set, err := exampleSet(config)
	if err != nil {
		return err
	}
	site := set.Site
	out := map[string]any{"site": items(set.All, site.Author), "home": map[string]string{"site": set.All.Link}}
	for _, f := range set.Tags {
		if f.Slug == tag {
			out["tag"] = items(f, site.Author)
			out["home"].(map[string]string)["tag"] = f.Link
		}
	}
	if out["tag"] == nil {
		return fmt.Errorf("no tag with the slug %q", tag)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func items(f *sitefeed.Feed, siteAuthor sitefeed.Author) []item {
	var out []item
	for _, p := range f.Items {
		it := item{Title: p.Title, Link: p.URL, Date: p.Published.UTC().Format(time.RFC3339),
			Tags: p.Tags, Summary: p.Summary, Content: p.HTML}
		if !p.Updated.IsZero() {
			it.Updated = p.Updated.UTC().Format(time.RFC3339)
		}
		authors := p.Authors
		if len(authors) == 0 {
			authors = []sitefeed.Author{siteAuthor}
		}
		for _, a := range authors {
			it.Authors = append(it.Authors, a.Name)
		}
		if h := p.Hero; h != nil {
			it.Enclosure = &enclosure{URL: h.URL, Type: h.Type, Length: h.Length}
		}
		out = append(out, it)
	}
	return out
}
