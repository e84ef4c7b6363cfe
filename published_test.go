package sitefeed

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestDuplicatesKeepPublished: of two posts with the same URL or ID, the
// one Options.Published says an earlier build published is kept, whatever
// the dates and paths; without it, or when it says the same of both, the
// older.
func TestDuplicatesKeepPublished(t *testing.T) {
	older, newer := testDate.Add(-24*time.Hour), testDate
	posts := func() []*Post {
		return []*Post{
			// a.md was published; 0.md, new and older, takes its slug.
			{Path: "posts/a.md", Title: "A", Slug: "x", Published: newer},
			{Path: "posts/0.md", Title: "Zero", Slug: "x", Published: older},
			// c.md was published; b.md takes its ID.
			{Path: "posts/c.md", Title: "C", ID: "urn:c", Published: newer},
			{Path: "posts/b.md", Title: "B", ID: "urn:c", Published: older},
			// Both were published (d.md took e.md's slug): the older stays.
			{Path: "posts/d.md", Title: "D", Slug: "y", Published: older},
			{Path: "posts/e.md", Title: "E", Slug: "y", Published: newer},
		}
	}
	previous := map[string]bool{"posts/a.md": true, "posts/c.md": true, "posts/d.md": true, "posts/e.md": true}
	for _, c := range []struct {
		name      string
		published func(*Post) bool
		kept      []string
		warnings  []string
	}{
		{"history", func(p *Post) bool { return previous[p.Path] }, []string{"A", "C", "D"}, []string{
			"posts/0.md: duplicate post: same URL https://example.com/posts/x/ as posts/a.md, which is kept as already published",
			"posts/b.md: duplicate post: same ID urn:c as posts/c.md, which is kept as already published",
			"posts/e.md: duplicate post: same URL https://example.com/posts/y/ as posts/d.md, which is kept as the older",
		}},
		{"no history", nil, []string{"B", "D", "Zero"}, []string{
			"posts/a.md: duplicate post: same URL https://example.com/posts/x/ as posts/0.md, which is kept as the older",
			"posts/c.md: duplicate post: same ID urn:c as posts/b.md, which is kept as the older",
			"posts/e.md: duplicate post: same URL https://example.com/posts/y/ as posts/d.md, which is kept as the older",
		}},
		{"nothing published before", func(*Post) bool { return false }, []string{"B", "D", "Zero"}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			set := buildPosts(t, &Options{SkipInvalid: true, Published: c.published}, posts()...)
			var kept []string
			for _, p := range set.Posts {
				kept = append(kept, p.Title)
			}
			if strings.Join(slices.Sorted(slices.Values(kept)), " ") != strings.Join(c.kept, " ") {
				t.Errorf("kept %q, want %q", kept, c.kept)
			}
			var warnings []string
			for _, w := range set.Warnings {
				if !errors.Is(w, ErrDuplicate) {
					t.Errorf("warning %v is not ErrDuplicate", w)
				}
				warnings = append(warnings, w.Error())
			}
			if c.warnings != nil && strings.Join(slices.Sorted(slices.Values(warnings)), "\n") != strings.Join(c.warnings, "\n") {
				t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(warnings, "\n"), strings.Join(c.warnings, "\n"))
			}
		})
	}
}

// TestReadPublished: WriteDir records the Path of every post it published,
// and ReadPublished reads them back; a folder without a manifest gives
// none, a manifest that cannot be trusted an error and none.
func TestReadPublished(t *testing.T) {
	dir := t.TempDir()
	if got, err := ReadPublished(dir); len(got) != 0 || err != nil {
		t.Errorf("empty folder: %v, %v", got, err)
	}
	set := buildPosts(t, &Options{Limit: 1},
		&Post{Path: "posts/a b.md", Title: "A", Published: testDate},
		&Post{Path: "posts/old.md", Title: "Old", Published: testDate.Add(-time.Hour)},
		&Post{Title: "No path", Published: testDate.Add(-2 * time.Hour)},
	)
	if _, err := set.WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	got, err := ReadPublished(dir)
	// Every post published, also those beyond Limit; none without a Path.
	if err != nil || len(got) != 2 || !got["posts/a b.md"] || !got["posts/old.md"] {
		t.Errorf("ReadPublished = %v, %v; want posts/a b.md and posts/old.md", got, err)
	}
	manifest := filepath.Join(dir, ManifestName)
	if err := os.Remove(manifest); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(manifest, []byte("sitefeed-manifest 3\nitem post posts/a b.md\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := ReadPublished(dir); len(got) != 0 || err == nil || !strings.Contains(err.Error(), ManifestName) {
		t.Errorf("manifest of an unknown format: %v, %v; want none and an error naming it", got, err)
	}
	if err := os.Remove(manifest); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(manifest, 0o755); err != nil {
		t.Fatal(err)
	}
	if got, err := ReadPublished(dir); len(got) != 0 || err == nil || !strings.Contains(err.Error(), ManifestName) {
		t.Errorf("folder for a manifest: %v, %v; want none and an error naming it", got, err)
	}
}
