// Embed builds a feed from posts compiled into the program with //go:embed,
// so the binary needs no files at run time, and writes the site's RSS feed
// to standard output:
//
//	go run ./examples/embed > rss.xml
package main

import (
	"embed"
	"fmt"
	"io"
	"os"

	"github.com/sitefeed/sitefeed"
)

// postsFS holds the Markdown posts in posts/.
//
//go:embed posts
var postsFS embed.FS

// site is the publication every feed describes.
var site = sitefeed.Site{
	Title:       "Embedded Notes",
	Description: "Posts compiled into the program.",
	URL:         "https://notes.example.com/",
	Language:    "en",
	Author:      sitefeed.Author{Name: "Jane Doe", Email: "jane@example.com"},
}

func main() {
	if err := writeRSS(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "embed:", err)
		os.Exit(1)
	}
}

// writeRSS loads the embedded posts, builds the site feed and writes it as
// RSS 2.0 to w.
func writeRSS(w io.Writer) error {
	posts, err := sitefeed.LoadDir(postsFS, "posts", nil)
	if err != nil {
		return err // every bad post, one per line, as path:line: cause
	}
	set, err := sitefeed.Build(site, posts, &sitefeed.Options{
		Formats:    []sitefeed.Format{sitefeed.RSS},
		NoTagFeeds: true,
	})
	if err != nil {
		return err
	}
	return set.All.Write(w, sitefeed.RSS)
}
