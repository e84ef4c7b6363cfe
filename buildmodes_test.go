package sitefeed

import (
	"errors"
	"slices"
	"testing"
	"testing/fstest"
	"time"
)

// TestBuildModes: LoadDir returns the good posts and one joined error
// listing every bad file; by default Build fails with one joined error
// listing every bad post; with Options.SkipInvalid it lists them in
// Set.Warnings, leaves them out and publishes the rest.
func TestBuildModes(t *testing.T) {
	src := fstest.MapFS{
		"posts/a.md":         {Data: []byte("---\ntitle: Good A\npubDate: 2024-05-01\ntags: [x]\n---\nA.\n")},
		"posts/b.md":         {Data: []byte("---\ntitle: Good B\npubDate: 2024-05-02\ntags: [x, y]\n---\nB.\n")},
		"posts/draft.md":     {Data: []byte("---\ntitle: Draft\npubDate: 2024-05-03\ndraft: true\n---\n")},
		"posts/load-1.md":    {Data: []byte("No front matter.\n")},
		"posts/load-2.md":    {Data: []byte("---\ntitle: Typed\npubDate: 2024-05-01\ntags: {a: 1}\n---\n")},
		"posts/load-3.md":    {Data: []byte("---\ntitle: [x]\npubDate: 2024-05-01\n---\n")},
		"posts/build-1.md":   {Data: []byte("---\ntitle: Hero\npubDate: 2024-05-01\nhero: ./nowhere.png\ntags: [y]\n---\n")},
		"posts/build-2.md":   {Data: []byte("---\ntitle: Same URL\npubDate: 2024-05-04\nslug: a\ntags: [z]\n---\n")},
		"posts/sub/bin.md":   {Data: []byte("\x00\x01\x02")},
		"posts/sub/empty.md": {Data: nil},
	}
	posts, err := LoadDir(src, "posts", nil)
	var got []string
	for _, p := range posts {
		got = append(got, p.Path)
	}
	if want := []string{"posts/a.md", "posts/b.md", "posts/build-1.md", "posts/build-2.md", "posts/draft.md"}; !slices.Equal(got, want) {
		t.Fatalf("LoadDir returned %q, want the good posts %q", got, want)
	}
	relExpectAll(t, err, []relWant{
		{is: ErrNoFrontMatter, path: "posts/load-1.md", line: 1},
		{is: ErrFieldType, path: "posts/load-2.md", line: 4},
		{is: ErrFieldType, path: "posts/load-3.md", line: 2},
		{is: ErrNotText, path: "posts/sub/bin.md", line: 1},
		{is: ErrNoFrontMatter, path: "posts/sub/empty.md", line: 1},
	})

	// A constructed post with no title is bad too.
	posts = append(posts, &Post{Slug: "untitled", Published: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)})
	wantBad := []relWant{
		{is: ErrHeroNotFound, path: "posts/build-1.md", line: 4},
		{is: ErrMissingTitle, path: `post "untitled"`},
		{is: ErrDuplicate, path: "posts/build-2.md", mentions: []string{"posts/a.md"}},
	}
	set, err := Build(relSite, posts, nil)
	if set != nil {
		t.Fatal("Build with bad posts returned a Set")
	}
	relExpectAll(t, err, wantBad)

	set, err = Build(relSite, posts, &Options{SkipInvalid: true})
	if err != nil {
		t.Fatal(err)
	}
	relExpectAll(t, errors.Join(set.Warnings...), wantBad)
	got = nil
	for _, p := range set.Posts {
		got = append(got, p.Title)
	}
	if want := []string{"Good B", "Good A"}; !slices.Equal(got, want) || set.Drafts != 1 {
		t.Fatalf("published %q and %d drafts, want %q and 1", got, set.Drafts, want)
	}
	if tags := relTagSlugs(set); len(tags) != 2 || tags["x"] != "x" || tags["y"] != "y" {
		t.Fatalf("tag feeds %v, want x and y only", tags)
	}
	relCheckWriteDir(t, set, relCheckSet(t, set))
}
