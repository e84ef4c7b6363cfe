package sitefeed

import (
	"errors"
	"slices"
	"testing"
	"testing/fstest"
	"time"
)

func TestTitleFromName(t *testing.T) {
	src := "---\ndate: 2024-05-01\n---\nBody.\n"
	for name, want := range map[string]string{
		"_posts/2024-05-01-hello-WORLD_again.md": "Hello World Again",
		"_posts/welcome-to-jekyll.markdown":      "Welcome To Jekyll",
		"_posts/2024-05-01-émile.md":             "Émile",
	} {
		p, err := ParsePost([]byte(src), name, &LoadOptions{TitleFromName: true})
		if err != nil || p.Title != want {
			t.Errorf("%s: title %q, %v; want %q", name, titleOf(p), err, want)
		}
	}
	if _, err := ParsePost([]byte(src), "_posts/2024-05-01-a.md", nil); !errors.Is(err, ErrMissingTitle) {
		t.Errorf("without TitleFromName: %v, want ErrMissingTitle", err)
	}
}

func titleOf(p *Post) string {
	if p == nil {
		return ""
	}
	return p.Title
}

func TestSplitSpaces(t *testing.T) {
	src := "---\ntitle: T\ndate: 2024-05-01\ntags: jekyll  tips\ncategories: a,b\n---\n"
	p, err := ParsePost([]byte(src), "a.md", &LoadOptions{SplitSpaces: true})
	if err != nil || !slices.Equal(p.Tags, []string{"jekyll", "tips", "a,b"}) {
		t.Errorf("SplitSpaces: tags %q, %v", p.Tags, err)
	}
	p, err = ParsePost([]byte(src), "a.md", nil)
	if err != nil || !slices.Equal(p.Tags, []string{"jekyll  tips", "a", "b"}) {
		t.Errorf("default: tags %q, %v", p.Tags, err)
	}
}

func TestImagePath(t *testing.T) {
	src := "---\ntitle: T\ndate: 2024-05-01\nimage:\n  path: /img/a.png\n  height: 100\n  alt: A\n---\n"
	p, err := ParsePost([]byte(src), "a.md", nil)
	if err != nil || p.Hero == nil || p.Hero.URL != "/img/a.png" || p.Hero.Alt != "A" {
		t.Fatalf("hero %+v, %v; want /img/a.png", p, err)
	}
}

func TestJSFrontMatter(t *testing.T) {
	src := "---js\n{ title: 'T', date: '2024-05-01' }\n---\nBody.\n"
	_, err := ParsePost([]byte(src), "a.md", nil)
	if !errors.Is(err, ErrJSFrontMatter) || errors.Is(err, ErrNoFrontMatter) {
		t.Fatalf("err %v, want ErrJSFrontMatter", err)
	}
	if got, want := err.Error(), "a.md:1: front matter in JavaScript, which sitefeed cannot read: ---js"; got != want {
		t.Errorf("err %q, want %q", got, want)
	}
}

func TestLoadDrafts(t *testing.T) {
	mod := time.Date(2024, 3, 2, 10, 0, 0, 0, time.UTC)
	fsys := fstest.MapFS{
		"_drafts/new-idea.md": {Data: []byte("---\nlayout: post\n---\nIdea.\n"), ModTime: mod},
	}
	posts, err := LoadDir(fsys, "_drafts", &LoadOptions{Drafts: true, TitleFromName: true})
	if err != nil || len(posts) != 1 {
		t.Fatalf("LoadDir: %d posts, %v", len(posts), err)
	}
	p := posts[0]
	if !p.Draft || !p.Published.Equal(mod) || p.Title != "New Idea" {
		t.Errorf("draft %v, published %v, title %q; want a draft of %v titled New Idea", p.Draft, p.Published, p.Title, mod)
	}
	if _, err := LoadDir(fsys, "_drafts", nil); !errors.Is(err, ErrMissingTitle) {
		t.Errorf("without options: %v, want ErrMissingTitle", err)
	}
}

// TestPublishedBool checks that a boolean published (Jekyll's) is not read
// as a date but kept in Params.
func TestPublishedBool(t *testing.T) {
	src := "---\ntitle: T\ndate: 2024-05-01\npublished: false\n---\n"
	p, err := ParsePost([]byte(src), "a.md", nil)
	if err != nil || p.Params["published"] != false {
		t.Fatalf("post %+v, %v; want published: false in Params", p, err)
	}
}
