package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/sitefeed/sitefeed"
	"gopkg.in/yaml.v3"
)

// exampleSet builds the feeds of a site from a sitefeed settings file that
// names its title, URL, language, author, time zone, permalink and its
// posts and static folders, as the example blog's does. The programs of
// this folder compare what readers and browsers show with it.
func exampleSet(config string) (*sitefeed.Set, error) {
	b, err := os.ReadFile(config)
	if err != nil {
		return nil, err
	}
	var s struct {
		Title, Description, URL, Lang, Author, Timezone, Permalink, Src, Static string
	}
	if err := yaml.Unmarshal(b, &s); err != nil {
		return nil, err
	}
	loc, err := time.LoadLocation(s.Timezone)
	if err != nil {
		return nil, err
	}
	dir := filepath.Dir(config)
	posts, err := sitefeed.LoadDir(os.DirFS(filepath.Join(dir, s.Src)), ".", &sitefeed.LoadOptions{Location: loc})
	if err != nil {
		return nil, err
	}
	site := sitefeed.Site{Title: s.Title, Description: s.Description, URL: s.URL, Language: s.Lang,
		Author: sitefeed.ParseAuthor(s.Author), Location: loc, Permalink: s.Permalink}
	return sitefeed.Build(site, posts, &sitefeed.Options{Static: os.DirFS(filepath.Join(dir, s.Static)), Paths: sitefeed.Paths{OPML: "feeds.opml"}})
}

// mainWith runs run with the two arguments of the command line, and exits
// with status 2 and the usage when there are not two, 1 and the error when
// run fails.
func mainWith(name, usage string, run func(config, arg string) error) {
	if len(os.Args) != 3 {
		fmt.Fprintf(os.Stderr, "usage: %s %s\n", name, usage)
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
		os.Exit(1)
	}
}
