package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// usageText is what -h prints.
const usageText = `Usage: sitefeed [flags] [SRC]

sitefeed reads the Markdown posts under SRC and writes RSS 2.0, Atom 1.0 and
JSON Feed 1.1 feeds, for the whole site and for each tag, into -out, with
feeds.opml listing them all.

Without SRC or a settings file, in the root of an Astro, Eleventy, Hugo,
Jekyll or Zola site, the generator's configuration gives the defaults (site
URL, title, description, language, author, posts folders, permalink), and
the feeds go to feeds/ in its output folder (dist, _site or public).

Site:
  -url URL              site URL, such as https://example.com/ (required
                        unless the generator's configuration gives it)
  -title TEXT           site title
  -description TEXT     site description
  -lang TAG             language, such as en or pt-BR
  -author "NAME <EMAIL>"
                        author of posts that name none
  -tz ZONE              time zone of dates written without one, such as
                        Europe/Paris (default UTC)
  -permalink PATTERN    URL of a post, from {slug}, {year}, {month}, {day},
                        {categories}, {path}… (default /posts/{slug}/)

Files:
  -src DIR              folder of posts (or give it as SRC)
  -out DIR              folder to write the feeds to (default public, or
                        feeds/ in the detected generator's output folder);
                        a file there that sitefeed did not write is never
                        replaced; the root and home folders are refused
  -static DIR           the site's published files: images posts refer to keep
                        their URLs there; others are copied to -out/media/
  -feeds-url URL        URL at which -out is published (default: the site
                        URL, or the path of -out inside -static)
  -config FILE          settings file, YAML, TOML or JSON, with the same
                        settings; paths in it are relative to its folder, and
                        flags override it (default: the first sitefeed.yaml,
                        .yml, .toml or .json in the working directory, never
                        one beside or inside SRC; "none" for none)
  -generator NAME       read the configuration of astro, eleventy, hugo,
                        jekyll or zola even with SRC or a settings file;
                        "none" reads none (default: the generator found in
                        the working directory, without SRC or settings file)

Feeds:
  -formats LIST         formats to write: rss,atom,json or a part of it
  -tags                 a feed per tag as well (default true; -tags=false)
  -style                feed.css, which makes a browser show the RSS and Atom
                        feeds as a page listing the posts (default true;
                        -style=false)
  -index                feeds.html, a page listing every feed with its
                        address (default true; -index=false)
  -archive N            posts in each feed, newest first; older ones go in
                        archive pages (RFC 5005), beside the feed in archive/
                        (default 10; 0: every post in the feed)
  -archive-page N       posts of an archive page on average, at most 4N;
                        where a page ends depends on its posts alone, so an
                        edit to an old post changes one or two pages
                        (default 50)
  -limit N              most posts per feed, newest first, and no archive
                        pages; 0 keeps every post in the feed
  -cache DIR            where the posts, parsed, and their encoded items are
                        kept between builds, so that a rebuild parses and
                        renders only the posts that changed, and does
                        nothing when nothing changed; outside OUT, which is
                        published (default none)
  -max-tags N           most tags a post may have (default 100); each tag
                        feed repeats every tag of its posts
  -drafts               include posts marked draft
  -now TIME             leave out posts published after TIME, in RFC 3339
                        (default the current time; "none" keeps all)
  -skip-invalid         leave bad posts out with a warning, instead of failing
  -allow-empty          publish empty feeds when SRC holds no posts; without
                        it, no posts where -out's feeds hold some is an error

Actions:
  -check                build and validate everything, write nothing
  -print-links          print the HTML <link rel="alternate"> tags of the
                        site feeds, for a page's <head>, and write nothing
  -wait                 wait for another build writing into -out to end
                        (default: fail at once, writing nothing)
  -watch                build, then rebuild whenever a post, a file a post
                        refers to, the settings or the static folder change,
                        printing one line a rebuild, until interrupted
                        (Ctrl-C); without -cache, the cache is a temporary
                        folder removed at the end
  -quiet                print no summary
  -version              print the version

Exit status: 0 success, 1 a post or the writing failed (nothing is
written), 2 a usage error.
`

// cmdline holds the parsed command line.
type cmdline struct {
	src, out, url, title, description, lang, author, tz string
	permalink, formats, static, feedsURL, config, now   string
	generator, cache                                    string
	tags, drafts, check, version, skipInvalid           bool
	style, index                                        bool
	printLinks, quiet, wait, allowEmpty, watch          bool
	limit, maxTags, archive, archivePage                int

	positional string          // SRC
	set        map[string]bool // flags given on the command line
}

// parseArgs reads the command line. Flags may come before and after SRC.
// It returns flag.ErrHelp for -h.
func parseArgs(args []string) (*cmdline, error) {
	c := &cmdline{set: map[string]bool{}}
	fs := flag.NewFlagSet("sitefeed", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	fs.StringVar(&c.src, "src", "", "")
	fs.StringVar(&c.out, "out", "public", "")
	fs.StringVar(&c.url, "url", "", "")
	fs.StringVar(&c.title, "title", "", "")
	fs.StringVar(&c.description, "description", "", "")
	fs.StringVar(&c.lang, "lang", "", "")
	fs.StringVar(&c.author, "author", "", "")
	fs.StringVar(&c.tz, "tz", "", "")
	fs.StringVar(&c.permalink, "permalink", "", "")
	fs.StringVar(&c.formats, "formats", "rss,atom,json", "")
	fs.StringVar(&c.static, "static", "", "")
	fs.StringVar(&c.feedsURL, "feeds-url", "", "")
	fs.StringVar(&c.config, "config", "", "")
	fs.StringVar(&c.now, "now", "", "")
	fs.StringVar(&c.generator, "generator", "", "")
	fs.StringVar(&c.cache, "cache", "", "")
	fs.BoolVar(&c.tags, "tags", true, "")
	fs.BoolVar(&c.style, "style", true, "")
	fs.BoolVar(&c.index, "index", true, "")
	fs.BoolVar(&c.drafts, "drafts", false, "")
	fs.BoolVar(&c.check, "check", false, "")
	fs.BoolVar(&c.version, "version", false, "")
	fs.BoolVar(&c.skipInvalid, "skip-invalid", false, "")
	fs.BoolVar(&c.printLinks, "print-links", false, "")
	fs.BoolVar(&c.quiet, "quiet", false, "")
	fs.BoolVar(&c.wait, "wait", false, "")
	fs.BoolVar(&c.allowEmpty, "allow-empty", false, "")
	fs.BoolVar(&c.watch, "watch", false, "")
	fs.IntVar(&c.limit, "limit", 0, "")
	fs.IntVar(&c.archive, "archive", defaultArchive, "")
	fs.IntVar(&c.archivePage, "archive-page", 0, "")
	fs.IntVar(&c.maxTags, "max-tags", 0, "")

	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError(err.Error())
		}
		left := fs.Args()
		if n := len(args) - len(left); n > 0 && args[n-1] == "--" {
			rest = append(rest, left...) // everything after -- is SRC
			break
		}
		if len(left) == 0 {
			break
		}
		rest = append(rest, left[0])
		args = left[1:]
	}
	fs.Visit(func(f *flag.Flag) { c.set[f.Name] = true })
	switch {
	case len(rest) > 1:
		return nil, usageError(fmt.Sprintf("too many arguments: %s (give one source folder)", strings.Join(rest, " ")))
	case len(rest) == 1 && c.set["src"] && rest[0] != c.src:
		return nil, usageError(fmt.Sprintf("two source folders: -src %s and %s (give one)", c.src, rest[0]))
	case len(rest) == 1:
		c.positional = rest[0]
	}
	if c.positional != "" {
		c.src = c.positional
		c.set["src"] = true
	}
	if c.set["src"] && c.src == "" {
		return nil, usageError("-src is empty")
	}
	if c.set["out"] && c.out == "" {
		return nil, usageError("-out is empty")
	}
	if c.set["limit"] && c.limit < 0 {
		return nil, usageError(fmt.Sprintf("-limit %d: want 0 (no limit) or more", c.limit))
	}
	if c.set["archive"] && c.archive < 0 {
		return nil, usageError(fmt.Sprintf("-archive %d: want 0 (no archive pages) or more", c.archive))
	}
	if c.set["archive-page"] && c.archivePage < 1 {
		return nil, usageError(fmt.Sprintf("-archive-page %d: want 1 or more", c.archivePage))
	}
	if c.set["max-tags"] && c.maxTags < 1 {
		return nil, usageError(fmt.Sprintf("-max-tags %d: want 1 or more", c.maxTags))
	}
	return c, nil
}

// A usageError is a mistake in the command line or the settings: exit
// status 2.
type usageError string

func (e usageError) Error() string { return string(e) }
