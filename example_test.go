package sitefeed_test

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"testing/fstest"
	"time"

	"github.com/sitefeed/sitefeed"
)

// Load posts from any fs.FS (here in memory; os.DirFS or an embed.FS work
// the same), build the feeds and write the site-wide RSS feed.
func Example() {
	fsys := fstest.MapFS{
		"posts/hello.md": {Data: []byte(`---
title: Hello
pubDate: 2024-09-19
tags: [news]
---
Hello, [world](/about/).
`)},
	}
	posts, err := sitefeed.LoadDir(fsys, "posts", nil)
	if err != nil {
		log.Fatal(err)
	}
	set, err := sitefeed.Build(sitefeed.Site{Title: "Ex", URL: "https://example.com/"}, posts, nil)
	if err != nil {
		log.Fatal(err)
	}
	if err := set.All.Write(os.Stdout, sitefeed.RSS); err != nil {
		log.Fatal(err)
	}
	// Output:
	// <?xml version="1.0" encoding="UTF-8"?>
	// <?xml-stylesheet type="text/css" href="feed.css"?>
	// <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
	//   <channel>
	//     <title>Ex</title>
	//     <link>https://example.com/</link>
	//     <lastBuildDate>Thu, 19 Sep 2024 00:00:00 +0000</lastBuildDate>
	//     <generator>sitefeed (https://pkg.go.dev/github.com/sitefeed/sitefeed)</generator>
	//     <docs>https://www.rssboard.org/rss-specification</docs>
	//     <description>Ex</description>
	//     <atom:link href="https://example.com/rss.xml" rel="self" type="application/rss+xml"></atom:link>
	//     <div xmlns="http://www.w3.org/1999/xhtml" class="feed-page" lang="en">
	//       <h1>
	//         <a href="https://example.com/">Ex</a>
	//       </h1>
	//       <p class="about">This is a web feed: feed readers show the new posts of the sites you follow. To follow this site, copy this address into your feed reader:</p>
	//       <code>https://example.com/rss.xml</code>
	//       <p>
	//         <a href="https://example.com/feeds.html">All feeds of this site</a>
	//       </p>
	//       <h2>Posts</h2>
	//       <ul>
	//         <li>
	//           <a href="https://example.com/posts/hello/">Hello</a>
	//           <time datetime="2024-09-19T00:00:00Z">2024-09-19</time>
	//         </li>
	//       </ul>
	//     </div>
	//     <item>
	//       <title>Hello</title>
	//       <link>https://example.com/posts/hello/</link>
	//       <description>Hello, world.</description>
	//       <content:encoded><![CDATA[<p>Hello, <a href="https://example.com/about/">world</a>.</p>
	// ]]></content:encoded>
	//       <guid isPermaLink="false">tag:example.com,2024-09-19:/posts/hello/</guid>
	//       <pubDate>Thu, 19 Sep 2024 00:00:00 +0000</pubDate>
	//       <category>news</category>
	//     </item>
	//   </channel>
	// </rss>
}

func ExampleParsePost() {
	src := []byte(`---
title: Monsoon diary
date: 2024-07-08 18:30
tags: travel, rain
author: Jane Doe <jane@example.com>
layout: post
---
The first *rain* of the year.
`)
	kolkata, err := time.LoadLocation("Asia/Kolkata")
	if err != nil {
		log.Fatal(err)
	}
	p, err := sitefeed.ParsePost(src, "posts/2024-07-08-monsoon-diary.md", &sitefeed.LoadOptions{Location: kolkata})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(p.Title)
	fmt.Println(p.Slug)
	fmt.Println(p.Published.Format(time.RFC3339))
	fmt.Println(p.Tags)
	fmt.Println(p.Authors[0].Name, p.Authors[0].Email)
	fmt.Println(p.Params["layout"])
	fmt.Printf("%q\n", p.Body)
	// Output:
	// Monsoon diary
	// monsoon-diary
	// 2024-07-08T18:30:00+05:30
	// [travel rain]
	// Jane Doe jane@example.com
	// post
	// "The first *rain* of the year.\n"
}

// A program can build posts itself, without files.
func ExampleBuild() {
	posts := []*sitefeed.Post{{
		Title:     "Release 1.0",
		Slug:      "release-1-0",
		Summary:   "The first stable release.",
		Published: time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC),
		Body:      []byte("Read the [notes](./notes/)."),
		Tags:      []string{"releases"},
	}}
	site := sitefeed.Site{Title: "Ex", URL: "https://example.com/"}
	set, err := sitefeed.Build(site, posts, &sitefeed.Options{Formats: []sitefeed.Format{sitefeed.JSON}})
	if err != nil {
		log.Fatal(err)
	}
	if err := set.All.Write(os.Stdout, sitefeed.JSON); err != nil {
		log.Fatal(err)
	}
	// Output:
	// {
	//   "version": "https://jsonfeed.org/version/1.1",
	//   "title": "Ex",
	//   "home_page_url": "https://example.com/",
	//   "feed_url": "https://example.com/feed.json",
	//   "items": [
	//     {
	//       "id": "tag:example.com,2024-03-01:/posts/release-1-0/",
	//       "url": "https://example.com/posts/release-1-0/",
	//       "title": "Release 1.0",
	//       "content_html": "<p>Read the <a href=\"https://example.com/posts/release-1-0/notes/\">notes</a>.</p>\n",
	//       "summary": "The first stable release.",
	//       "date_published": "2024-03-01T12:00:00Z",
	//       "tags": [
	//         "releases"
	//       ]
	//     }
	//   ]
	// }
}

func ExampleSet_Files() {
	day := time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)
	posts := []*sitefeed.Post{
		{Title: "Budget", Published: day, Tags: []string{"Politics", "राजनीति"}},
		{Title: "C++ tips", Published: day.Add(24 * time.Hour), Tags: []string{"C++"}},
	}
	set, err := sitefeed.Build(sitefeed.Site{Title: "Ex", URL: "https://example.com/"}, posts, nil)
	if err != nil {
		log.Fatal(err)
	}
	for _, f := range set.Files() {
		fmt.Println(f.Path, f.MediaType())
	}
	// Output:
	// rss.xml application/rss+xml
	// atom.xml application/atom+xml
	// feed.json application/feed+json
	// tags/c-plus-plus/rss.xml application/rss+xml
	// tags/c-plus-plus/atom.xml application/atom+xml
	// tags/c-plus-plus/feed.json application/feed+json
	// tags/politics/rss.xml application/rss+xml
	// tags/politics/atom.xml application/atom+xml
	// tags/politics/feed.json application/feed+json
	// tags/राजनीति/rss.xml application/rss+xml
	// tags/राजनीति/atom.xml application/atom+xml
	// tags/राजनीति/feed.json application/feed+json
}

// A program that writes the feeds itself, to upload them, say, writes the
// files beside them too: the stylesheet the RSS and Atom feeds name, the
// index of feeds they link to, and the OPML list when Paths.OPML is set.
func ExampleSet_Extras() {
	posts := []*sitefeed.Post{{Title: "Budget", Published: time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)}}
	opts := &sitefeed.Options{Paths: sitefeed.Paths{OPML: "feeds.opml"}}
	set, err := sitefeed.Build(sitefeed.Site{Title: "Ex", URL: "https://example.com/"}, posts, opts)
	if err != nil {
		log.Fatal(err)
	}
	for _, e := range set.Extras() {
		var buf bytes.Buffer
		n, err := e.WriteTo(&buf) // or to the writer of an upload
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(e.Path, e.MediaType, n == int64(buf.Len()) && n > 0)
	}
	// Output:
	// feeds.opml text/x-opml true
	// feed.css text/css true
	// feeds.html text/html true
}

func ExamplePostError() {
	fsys := fstest.MapFS{
		"posts/good.md": {Data: []byte("---\ntitle: Good\ndate: 2024-01-01\n---\n")},
		"posts/bad.md":  {Data: []byte("---\ntitle: Bad\ndate: someday\n---\n")},
	}
	posts, err := sitefeed.LoadDir(fsys, "posts", nil)
	fmt.Println(len(posts), "good post")
	fmt.Println(err)

	var pe *sitefeed.PostError
	if errors.As(err, &pe) {
		fmt.Println(pe.Path, "line", pe.Line)
	}
	fmt.Println(errors.Is(err, sitefeed.ErrBadDate))
	// Output:
	// 1 good post
	// posts/bad.md:3: unparseable date: date: "someday"
	// posts/bad.md line 3
	// true
}

func ExampleTagSlug() {
	for _, tag := range []string{"Go", "Web Development", "C++", "C#", "राजनीति", "Ça va?", "..."} {
		fmt.Printf("%s → %s\n", tag, sitefeed.TagSlug(tag))
	}
	// Output:
	// Go → go
	// Web Development → web-development
	// C++ → c-plus-plus
	// C# → c-sharp
	// राजनीति → राजनीति
	// Ça va? → ça-va
	// ... → tag
}

func ExampleParseDate() {
	kolkata, err := time.LoadLocation("Asia/Kolkata")
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range []string{"2024-09-19", "Jul 08 2022", "January 2, 2006", "2024-09-19 10:20", "2024-09-19T10:20:30Z", "Thu, 19 Sep 2024 10:20:30 +0200"} {
		t, err := sitefeed.ParseDate(s, kolkata)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(t.Format(time.RFC3339))
	}
	_, err = sitefeed.ParseDate("someday", nil)
	fmt.Println(err)
	// Output:
	// 2024-09-19T00:00:00+05:30
	// 2022-07-08T00:00:00+05:30
	// 2006-01-02T00:00:00+05:30
	// 2024-09-19T10:20:00+05:30
	// 2024-09-19T10:20:30Z
	// 2024-09-19T10:20:30+02:00
	// unparseable date "someday"
}

// Feed.AlternateLinks gives the autodiscovery tags a page's <head> needs so
// that readers find the feeds.
func ExampleFeed_AlternateLinks() {
	set, err := sitefeed.Build(sitefeed.Site{Title: "Field Notes", URL: "https://example.com/"}, nil, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(set.All.AlternateLinks())
	// Output:
	// <link rel="alternate" type="application/rss+xml" title="Field Notes (RSS)" href="https://example.com/rss.xml">
	// <link rel="alternate" type="application/atom+xml" title="Field Notes (Atom)" href="https://example.com/atom.xml">
	// <link rel="alternate" type="application/feed+json" title="Field Notes (JSON Feed)" href="https://example.com/feed.json">
}

// With LoadOptions.Lazy a site of any size is written in bounded memory:
// the posts keep their front matter but not their Markdown, which is read
// again, rendered and encoded as the feeds are written.
func ExampleLoadOptions_lazy() {
	fsys := fstest.MapFS{
		"posts/a.md": {Data: []byte("---\ntitle: A\ndate: 2024-09-19\ntags: [go]\n---\nFirst *post*.\n")},
		"posts/b.md": {Data: []byte("---\ntitle: B\ndate: 2024-09-20\ntags: [go, notes]\n---\nSecond post.\n")},
	}
	posts, err := sitefeed.LoadDir(fsys, "posts", &sitefeed.LoadOptions{Lazy: true})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("Body held:", posts[0].Body != nil)
	set, err := sitefeed.Build(sitefeed.Site{Title: "Ex", URL: "https://example.com/"}, posts, &sitefeed.Options{Formats: []sitefeed.Format{sitefeed.JSON}})
	if err != nil {
		log.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "feeds")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	written, err := set.WriteDir(dir)
	if err != nil {
		log.Fatal(err)
	}
	for _, w := range written {
		fmt.Println(w.Path, w.Size, "bytes")
	}
	notes, err := os.ReadFile(filepath.Join(dir, "tags", "notes", "feed.json"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(string(notes))
	// A post edited after LoadDir is reported rather than mixed in.
	fsys["posts/b.md"].Data = []byte("---\ntitle: B\ndate: 2024-09-20\n---\nEdited.\n")
	_, err = set.WriteDir(dir)
	fmt.Println(err, errors.Is(err, sitefeed.ErrChanged))
	// Output:
	// Body held: false
	// feed.json 790 bytes
	// tags/go/feed.json 852 bytes
	// tags/notes/feed.json 562 bytes
	// feed.css 1270 bytes
	// feeds.html 2042 bytes
	// {
	//   "version": "https://jsonfeed.org/version/1.1",
	//   "title": "Ex: notes",
	//   "home_page_url": "https://example.com/tags/notes/",
	//   "feed_url": "https://example.com/tags/notes/feed.json",
	//   "description": "Posts tagged notes on Ex",
	//   "items": [
	//     {
	//       "id": "tag:example.com,2024-09-20:/posts/b/",
	//       "url": "https://example.com/posts/b/",
	//       "title": "B",
	//       "content_html": "<p>Second post.</p>\n",
	//       "summary": "Second post.",
	//       "date_published": "2024-09-20T00:00:00Z",
	//       "tags": [
	//         "go",
	//         "notes"
	//       ]
	//     }
	//   ]
	// }
	// posts/b.md: file changed since it was loaded true
}

// An Astro site: the hero and the inline image live in src/, which Astro
// publishes only processed, under hashed names. With the site's sources
// as Options.Source and the built site as Options.Static, sitefeed
// publishes copies of them beside the feeds, named by their content; a
// file the built site holds keeps its URL.
func ExampleOptions_source() {
	site := fstest.MapFS{
		"src/content/blog/first.md": {Data: []byte(`---
title: First
pubDate: 2024-09-19
heroImage: ../../assets/hero.jpg
---
![A diagram](./diagram.png) and ![the logo](../../../logo.png)
`)},
		"src/content/blog/diagram.png": {Data: []byte("\x89PNG\r\n\x1a\n…")},
		"src/assets/hero.jpg":          {Data: []byte("\xff\xd8\xff\xe0 a JPEG")},
		"dist/logo.png":                {Data: []byte("\x89PNG\r\n\x1a\n")},
	}
	posts, err := sitefeed.LoadDir(site, "src/content/blog", nil)
	if err != nil {
		log.Fatal(err)
	}
	dist, _ := fs.Sub(site, "dist")
	set, err := sitefeed.Build(sitefeed.Site{URL: "https://example.com/", Permalink: "/blog/{slug}/"}, posts, &sitefeed.Options{
		Source: site,
		Static: dist,
		Paths:  sitefeed.Paths{Base: "feeds/"},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, m := range set.Media {
		fmt.Println(m.Path, m.Type, m.Length, "from", m.Source)
	}
	hero := set.Posts[0].Hero
	fmt.Println(hero.URL, hero.Type, hero.Length)
	fmt.Print(set.Posts[0].HTML)
	// Output:
	// media/07b85b34b217715b-diagram.png image/png 11 from src/content/blog/diagram.png
	// media/1758b341a905d0dd-hero.jpg image/jpeg 11 from src/assets/hero.jpg
	// https://example.com/feeds/media/1758b341a905d0dd-hero.jpg image/jpeg 11
	// <p><img src="https://example.com/feeds/media/07b85b34b217715b-diagram.png" alt="A diagram"> and <img src="https://example.com/logo.png" alt="the logo"></p>
}
