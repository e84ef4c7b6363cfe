// Command sitefeed builds the feeds of a static site from its Markdown posts.
//
// It reads every *.md and *.markdown file under a source folder (front
// matter in YAML, TOML or JSON) and writes RSS 2.0, Atom 1.0 and JSON Feed
// 1.1 documents for the whole site and for each tag, plus feeds.opml, an
// OPML 2.0 list of every feed it wrote:
//
//	go install github.com/sitefeed/sitefeed/cmd/sitefeed@latest
//	sitefeed -url https://example.com/ -title "My site" content/posts
//
// # Usage
//
//	sitefeed [flags] [SRC]
//
// SRC (or -src DIR) is the folder of posts; flags may come before or after
// it. Run sitefeed -h for the list of flags.
//
// # In the root of a site
//
// Without SRC, -src or a settings file, sitefeed recognises the generator
// of the site in the working directory (Astro, Eleventy, Hugo, Jekyll or
// Zola, from its configuration file) and reads from its configuration, as
// defaults, the site URL, title, description, language, author, the posts
// folders (each is read, and their posts put together; Jekyll's _drafts
// folder holds drafts), the permalink and the output folder; the feeds go to
// feeds/ inside it (dist/feeds, public/feeds, _site/feeds), published at the
// site URL plus feeds/. Each value found is printed with its file and line
// (unless -quiet), and a value that cannot be read is named in a warning
// with the flag that sets it. Flags and a settings file override every
// value. -generator none turns detection off; -generator NAME reads NAME's
// configuration even with SRC or a settings file. With a generator
// detected, Hugo's and Zola's _index.md section pages and Jekyll's
// published: false posts are left out quietly, Jekyll's conventions apply
// ([sitefeed.LoadOptions] TitleFromName and SplitSpaces), and a post with
// JavaScript front matter (---js) is left out with a warning instead of
// failing the run.
//
// # Settings files
//
// Every setting can also come from a file in YAML, TOML or JSON. -config FILE
// names it; without -config, sitefeed looks for sitefeed.yaml, sitefeed.yml,
// sitefeed.toml and sitefeed.json (in that order) in the working directory
// only, and uses the first it finds (the summary names it). A settings file
// beside SRC or among the posts, which many hands may write, is never read
// (a warning says so): it must not choose where the build writes. -config
// none looks for none.
// Flags override the file. Its keys are:
//
//	title, description, url, lang, copyright, icon, logo   site data (text)
//	author       "Name <email>", or a mapping with name, email and url
//	timezone     zone of dates written without one, such as Europe/Paris
//	permalink    pattern of a post's URL: {slug}, {year}, {month}, {day}
//	tagurl       pattern of a tag's page: {tag}
//	feedsurl     URL at which the out folder is published (see below)
//	src, out, static   folders, relative to the settings file's folder
//	formats      a list, or a comma-separated string, of rss, atom, json
//	tags         true or false: a feed per tag
//	archive      posts per feed, older ones in archive pages (default 10; 0: none)
//	archivepage  posts of an archive page on average (default 50)
//	limit        most posts per feed, without archive pages
//	drafts       true or false: include drafts
//	now          an RFC 3339 time, or "none"
//
// A key the list does not hold is an error, so that a misspelt key is not
// silently ignored.
//
// # Output
//
// The feeds are written into -out (default public, in the working
// directory, or feeds/ in a detected generator's output folder): rss.xml, atom.xml and feed.json, the same three in
// tags/{tag}/ for each tag, and feeds.opml. Each feed holds its newest
// -archive posts (10), and, when it has more, links to archive pages that
// hold the others, -archive-page (50) on average, in each feed's folder,
// each named after the date of its oldest post: archive/rss-2024-05-03.xml. Each post's items, as encoded in
// every format, can be kept in -cache DIR (a folder outside -out, which is
// published; none by default), so that a rebuild renders only the posts
// whose file or settings changed;
// the cache is keyed by content hashes, never by modification times, and
// never changes what is written. A build with -cache when nothing it read
// or wrote changed since the last one (the settings, each file it looked
// at by a stat as git trusts its index, each file it looked for and did
// not find, the files in -out, and the clock, until a future post comes
// due) is spared: it prints what the last build printed and reads and
// writes nothing else. Files are written through
// [os.Root], so nothing is written outside -out, and each atomically and
// durably: every document is written in full beside its final name,
// synced to the disk, and renamed into place only when all are written,
// so a failed build leaves the previous feeds as they were and no file is
// ever found empty or partial. The files are not replaced all at once: for
// a moment some may be new and others old. The files written, feeds.opml
// included, are recorded in -out/.sitefeed-manifest; the
// next build removes those it no longer writes (the feeds of a tag no post
// carries any more) and never touches another file: a file already at a
// target's path that the manifest does not list, or that the detected
// generator writes (Astro's rss.xml), is never replaced; sitefeed stops
// with an error naming it, and writes nothing. The manifest records each
// file's size and SHA-256, and a stale file is removed only while it holds
// those bytes; one changed since is left, with a warning. -out may not be
// the root folder, the home folder or a folder holding it.
//
// One build at a time writes into -out: a second fails at once, writing
// nothing, or with -wait waits for the first to end. A build killed while
// it renamed its files into place is finished by the next build into
// -out, which also removes the temporary files killed builds left; see the
// package documentation of sitefeed ("Writing a folder") for the exact
// guarantee. No posts, where the feeds in -out hold some, is an error
// unless -allow-empty.
//
// The feeds' URLs (their self links, and the ones printed) are the site URL
// plus their path in -out, unless -out is published elsewhere: -feeds-url
// says where, and when -out is inside -static (say -static public
// -out public/feeds) the path between them is used (/feeds/).
//
// The source folder, and -static, are opened with [os.Root] too: a symbolic
// link in them that leads outside them is not followed, and is reported.
//
// # Time
//
// The library never reads the clock; the command does: by default -now is
// the current time, so posts dated in the future stay out of the feeds until
// a build after their date. -now none keeps every post; -now with a time
// makes a build reproducible.
//
// # Exit status
//
// 0 when the feeds were written (or checked); 1 when a post or the writing
// failed (every bad post is listed on standard error as path:line: cause,
// and nothing is written); 2 for a usage error: an unknown flag, a bad flag
// or settings-file value, or a missing site URL.
//
// With -skip-invalid, bad posts are listed as warnings and left out, and the
// others are published with exit status 0.
package main

import "os"

func main() {
	collectLate()
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
