// Command gencorpus writes a deterministic corpus of Markdown blog posts for
// benchmarks.
//
// Usage:
//
//	go run ./bench/gencorpus -n 10000 [-seed 1] -out DIR
//
// The posts look like the content folder of an Astro blog: YAML front
// matter (title, optional description, a date under pubDate, date or
// publishDate in several formats, optional updatedDate, a remote, local or
// root-relative hero image, 1 to 4 tags including non-ASCII ones, a few
// drafts, and a layout line) followed by a Markdown body of about 3 to 6 KB with
// headings, lists, links, a blockquote and sometimes code and images. Most
// posts are DIR/posts/<slug>.md; some are in year folders and some are page
// bundles DIR/posts/<slug>/index.md with a hero.jpg beside them. The same
// -n and -seed always produce the same bytes. The size printed at the end
// is that of everything under DIR/posts.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/sitefeed/sitefeed/internal/corpus"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run parses args, writes the corpus and returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("gencorpus", flag.ContinueOnError)
	fl.SetOutput(stderr)
	n := fl.Int("n", 10000, "number of posts")
	seed := fl.Int64("seed", 1, "random seed")
	out := fl.String("out", "", "output directory (required)")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: gencorpus -n N [-seed S] -out DIR")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fl.NArg() > 0 || *out == "" || *n < 1 {
		switch {
		case fl.NArg() > 0:
			fmt.Fprintf(stderr, "gencorpus: unexpected arguments: %q\n", fl.Args())
		case *out == "":
			fmt.Fprintln(stderr, "gencorpus: -out is required")
		default:
			fmt.Fprintln(stderr, "gencorpus: -n must be at least 1")
		}
		fl.Usage()
		return 2
	}
	if err := corpus.Generate(*out, corpus.Options{N: *n, Seed: *seed}); err != nil {
		fmt.Fprintln(stderr, "gencorpus:", err)
		return 1
	}
	size, err := treeSize(filepath.Join(*out, "posts"))
	if err != nil {
		fmt.Fprintln(stderr, "gencorpus:", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %d posts (%.1f MB) to %s\n", *n, float64(size)/(1<<20), *out)
	return 0
}

// treeSize returns the total size of the regular files under dir.
func treeSize(dir string) (int64, error) {
	var total int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		total += info.Size()
		return nil
	})
	return total, err
}
