package sitefeed

import (
	"testing"
	"time"
)

// slugCases are source paths with the slug a post from each gets when it
// names none.
var slugCases = []struct {
	path, slug string
}{
	{"hello.md", "hello"},                            // no folder
	{"posts/hello.md", "hello"},                      // a folder
	{"posts/2024/travel/hello.md", "hello"},          // nested folders
	{"posts/hello.markdown", "hello"},                // the other extension
	{"posts/v1.2.md", "v1.2"},                        // only the last extension goes
	{"posts/2024-01-05-hello.md", "hello"},           // Jekyll date
	{"posts/2024-01-05-2024-recap.md", "2024-recap"}, // only the first date goes
	{"posts/2024-01-05.md", "2024-01-05"},            // a date alone is the name
	{"posts/trip/index.md", "trip"},                  // page bundle
	{"posts/trip/_index.md", "trip"},                 // Hugo's branch bundle
	{"posts/2024-01-05-trip/index.md", "2024-01-05-trip"},
	{"index.md", "index"}, // no folder to name it
	{"posts/index-of-things.md", "index-of-things"},
	{"", ""},
}

func TestPathSlug(t *testing.T) {
	for _, tt := range slugCases {
		if got := pathSlug(tt.path); got != tt.slug {
			t.Errorf("pathSlug(%q) = %q, want %q", tt.path, got, tt.slug)
		}
	}
}

// TestSlugEitherWay: a post built by hand with a Path gets the URL the
// same file gets through ParsePost, and an explicit slug wins both ways.
func TestSlugEitherWay(t *testing.T) {
	site := Site{Title: "S", URL: "https://example.com/"}
	date := time.Date(2024, 1, 5, 0, 0, 0, 0, time.UTC)
	urlOf := func(p *Post) string {
		t.Helper()
		set, err := Build(site, []*Post{p}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return set.Posts[0].URL
	}
	for _, tt := range slugCases {
		for _, slug := range []string{"", "explicit"} {
			front := "---\ntitle: T\ndate: 2024-01-05\n"
			if slug != "" {
				front += "slug: " + slug + "\n"
			}
			parsed, err := ParsePost([]byte(front+"---\n"), tt.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			byHand := urlOf(&Post{Path: tt.path, Slug: slug, Title: "T", Published: date})
			want := "https://example.com/posts/" + tt.slug + "/"
			if slug != "" {
				want = "https://example.com/posts/explicit/"
			} else if tt.path == "" {
				want = "https://example.com/posts/t/" // from the title
			}
			if got := urlOf(parsed); got != want || byHand != want {
				t.Errorf("%q, slug %q: parsed %s, by hand %s; want %s", tt.path, slug, got, byHand, want)
			}
		}
	}
}
