package sitefeed_test

import (
	"errors"
	"fmt"
	"io/fs"
	"testing"
	"testing/fstest"
	"time"

	"github.com/sitefeed/sitefeed"
)

// LoadDir reports every bad post in one ErrorList: its message names the
// first and counts the others, and the list holds them all, sorted.
func ExampleErrorList() {
	fsys := fstest.MapFS{
		"posts/good.md":    {Data: []byte("---\ntitle: Good\ndate: 2024-01-05\n---\n")},
		"posts/no-date.md": {Data: []byte("---\ntitle: Undated\n---\n")},
		"posts/a/open.md":  {Data: []byte("---\ntitle: Open\n")},
		"posts/typed.md":   {Data: []byte("---\ntitle: Typed\ndate: 2024-01-05\ntags: {a: 1}\n---\n")},
	}
	posts, err := sitefeed.LoadDir(fsys, "posts", nil)
	fmt.Println(len(posts), "good post;", err)
	var list sitefeed.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			fmt.Println(e)
		}
	}
	fmt.Println(errors.Is(err, sitefeed.ErrMissingDate))
	// Output:
	// 1 good post; posts/a/open.md:1: front matter not terminated: "---" on line 1 is never closed (and 2 more errors)
	// posts/a/open.md:1: front matter not terminated: "---" on line 1 is never closed
	// posts/no-date.md:1: missing date
	// posts/typed.md:4: wrong type: tags: want a list or a comma-separated string, got a mapping
	// true
}

func TestErrorList(t *testing.T) {
	a := &sitefeed.PostError{Path: "a.md", Line: 3, Err: sitefeed.ErrMissingTitle}
	b := &sitefeed.PostError{Path: "a.md", Line: 1, Err: sitefeed.ErrBadDate}
	c := &sitefeed.PostError{Path: "b.md", Err: fs.ErrNotExist}
	list := sitefeed.ErrorList{c, a, b}
	list.Sort()
	if list[0] != b || list[1] != a || list[2] != c {
		t.Errorf("sorted: %v, want by path, then line", []*sitefeed.PostError(list))
	}
	if got, want := list.Error(), "a.md:1: unparseable date (and 2 more errors)"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if got, want := list[:1].Error(), "a.md:1: unparseable date"; got != want {
		t.Errorf("Error() of one = %q, want %q", got, want)
	}
	for _, target := range []error{sitefeed.ErrBadDate, sitefeed.ErrMissingTitle, fs.ErrNotExist} {
		if !errors.Is(list.Err(), target) {
			t.Errorf("errors.Is(list, %v) = false", target)
		}
	}
	var pe *sitefeed.PostError
	if !errors.As(list.Err(), &pe) || pe != b {
		t.Errorf("errors.As(list, *PostError) = %v, want the first", pe)
	}
	if err := (sitefeed.ErrorList{}).Err(); err != nil {
		t.Errorf("empty list: Err() = %v, want nil", err)
	}
	if err := sitefeed.ErrorList(nil).Err(); err != nil {
		t.Errorf("nil list: Err() = %v, want nil", err)
	}
}

// Build returns its bad posts as a sorted ErrorList too.
func TestBuildErrorList(t *testing.T) {
	date := time.Date(2024, 1, 5, 0, 0, 0, 0, time.UTC)
	posts := []*sitefeed.Post{
		{Path: "z.md", Published: date},
		{Path: "a.md", Title: "A"},
		{Path: "m.md", Title: "M", Published: date},
	}
	_, err := sitefeed.Build(sitefeed.Site{Title: "S", URL: "https://example.com/"}, posts, nil)
	var list sitefeed.ErrorList
	if !errors.As(err, &list) || len(list) != 2 || list[0].Path != "a.md" || list[1].Path != "z.md" {
		t.Fatalf("Build: %v (%T), want an ErrorList of a.md and z.md", err, err)
	}
	if !errors.Is(err, sitefeed.ErrMissingDate) || !errors.Is(err, sitefeed.ErrMissingTitle) {
		t.Errorf("errors.Is does not find both causes in %v", err)
	}
}

// TestPostErrorOneLine: a message is one line, whatever the file is named:
// a name with a control character or invalid UTF-8 is a Go string literal,
// and such characters in the cause are escaped.
func TestPostErrorOneLine(t *testing.T) {
	for _, tc := range []struct {
		err  *sitefeed.PostError
		want string
	}{
		{&sitefeed.PostError{Path: "posts/a b.md", Line: 3, Err: sitefeed.ErrMissingTitle}, "posts/a b.md:3: missing title"},
		{&sitefeed.PostError{Path: "posts/été\tx.md", Err: sitefeed.ErrMissingDate}, "posts/été\tx.md: missing date"},
		{&sitefeed.PostError{Path: "posts/new\nline.md", Line: 3, Err: sitefeed.ErrMissingTitle}, `"posts/new\nline.md":3: missing title`},
		{&sitefeed.PostError{Path: "posts/cr\r.md", Err: sitefeed.ErrMissingTitle}, `"posts/cr\r.md": missing title`},
		{&sitefeed.PostError{Path: "posts/esc\x1b[2J.md", Err: sitefeed.ErrMissingTitle}, `"posts/esc\x1b[2J.md": missing title`},
		{&sitefeed.PostError{Path: "posts/bad\xff.md", Err: sitefeed.ErrBadName}, `"posts/bad\xff.md": name is not valid UTF-8; not read`},
		{&sitefeed.PostError{Path: "posts/new\nline.md", Err: &fs.PathError{Op: "open", Path: "posts/new\nline.md", Err: fs.ErrPermission}},
			`"posts/new\nline.md": open posts/new\nline.md: permission denied`},
		{&sitefeed.PostError{Path: "p.md", Err: errors.New("bad \xfe byte\u2028")}, `p.md: bad \xfe byte\u2028`},
	} {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("Error() = %q, want %q", got, tc.want)
		}
	}
}
