/*
Package sitefeed builds RSS 2.0, Atom 1.0 and JSON Feed 1.1 documents from
Markdown posts with front matter, read from any [fs.FS] (a directory, an
[embed.FS], an [testing/fstest.MapFS]) or from Posts a program builds
itself. It makes one site-wide feed and one feed per tag, in all three
formats, and carries each post's hero image as an enclosure.

	posts, err := sitefeed.LoadDir(os.DirFS("content"), "posts", nil)
	if err != nil {
		log.Fatal(err) // every bad post, one "path:line: cause" per line
	}
	set, err := sitefeed.Build(sitefeed.Site{
		Title: "Field Notes",
		URL:   "https://example.com/",
	}, posts, nil)
	if err != nil {
		log.Fatal(err)
	}
	_, err = set.WriteDir("public") // rss.xml, atom.xml, feed.json, tags/<slug>/…

The same posts and settings always give the same bytes: sitefeed never reads
the clock, never makes random IDs, and sorts everything it writes (newest
first, ties by URL). Posts dated after a moment are left out only when the
program passes that moment as [Options.Now].

# Front matter

A post file starts with a front matter block: YAML between "---" lines,
TOML between "+++" lines, or JSON between ";;;" lines, after "---json", or
as a bare object followed by an empty line (the delimiters of
github.com/adrg/frontmatter). A UTF-8 byte order mark and CRLF line endings
are accepted. Keys match without regard to case; where a key has aliases the
first in the list below wins when several are present.

	key            aliases                               value
	title          (required)                            text
	description    summary, excerpt                      text; default: an excerpt of the first paragraph
	pubDate        date, published, publishDate          date (required, unless the file name has one)
	updatedDate    updated, lastmod, modified,           date
	               last_modified_at
	hero           heroImage, image, cover               URL, or {src|url, alt, type, length}
	tags                                                 list, or one comma-separated string
	categories     category                              same as tags; added to them (not with Dialect Hugo)
	draft                                                true or false
	author                                               "Name <email>", or {name, email, url}
	authors                                              list of the same
	slug                                                 text; default: the file name
	lang                                                 BCP 47 language tag of the post
	id                                                   permanent ID, an absolute URI; default: a tag: URI

Every other key is kept in [Post.Params] (Astro's layout, for example).
With [LoadOptions.Dialect], a few keys set the URL as that generator's do:
Jekyll's permalink (a pattern in Jekyll's syntax, translated into
[Post.Permalink]), Eleventy's permalink (a path; one that is a template,
{{ … }}, is not evaluated: the post keeps the site's rule, with a warning),
Hugo's url and Zola's path (paths, into [Post.URL]). With Dialect Hugo,
expiryDate, and a publishDate later than the date, leave the post out when
[Options.Now] is past the one or before the other ([Set.Expired],
[Set.Future]), and categories are a taxonomy of their own, as Hugo
publishes them: they are in [Post.Categories] but not in Tags, so tag
feeds come from tags alone (Hugo writes each category's feed itself, at
/categories/<name>/index.xml).

Front matter is refused ([ErrSyntax]) when it is larger than 1 MiB, nests
more than 64 levels deep or holds more than 10000 values once YAML aliases
are expanded (the tags of one comma-separated string count one each), so
that a hostile file costs little time and memory. A post file may be at
most [MaxPostSize] bytes and must not contain NUL bytes ([ErrNotText]). A
lone carriage return ends a line, as in YAML and CommonMark. An id must be an absolute URI (urn:uuid:…, tag:…, https://…),
because Atom readers would otherwise rewrite it.

The automatic excerpt is the plain text of the first paragraph with text,
cut at a word boundary to at most 280 characters, with "…" where it was cut.
With the Hugo dialect, the text before <!--more--> is the summary (before a
summary key too, as in Hugo); with Jekyll's, the text before the
excerpt_separator ([LoadOptions.ExcerptSeparator], or the post's own key),
when one is set and the front matter gives no summary.

# Generator syntax

With [LoadOptions.Dialect] Jekyll, a body is a Liquid template: highlight,
raw and comment blocks, {{ site.url }}, {{ site.baseurl }}, the filters
relative_url, absolute_url, prepend and append, post_url and link are
rendered ([LoadOptions.SiteURL] gives the site values); with Hugo, the
built-in shortcodes figure, youtube, vimeo, highlight, details, comment,
ref, relref, gist, x, tweet and instagram are. A link to another post
(post_url, link, ref, relref) becomes a relative link to its source file,
which Build turns into that post's URL.
A .mdx file loses its import and export blocks, {expressions} and JSX
components (their children kept). Whatever else is left out is named in
[Post.Warnings], each with its line, and never reaches a feed as text; a
lazy load renders the bodies again in the same way.

# Dates

A date is a YAML or TOML date, or a string in one of these forms:

	2006-01-02                          2006/01/02
	2006-01-02T15:04:05Z07:00           (RFC 3339, with or without seconds, fraction, zone)
	2006-01-02 15:04:05Z07:00           2006-01-02 15:04:05 -0700
	2006-01-02 15:04:05                 2006-01-02 15:04
	Jan 2 2006     Jan 02 2006          Jan 2, 2006
	January 2 2006                      January 2, 2006
	2 Jan 2006                          2 January 2006
	Mon, 02 Jan 2006 15:04:05 -0700     (RFC 1123 and RFC 822, numeric or named zone)

A date without a zone is read in [LoadOptions.Location] (UTC when nil),
never in the machine's local zone. A file named like Jekyll's posts,
2024-01-05-hello.md, gives the date (when no key does) and the slug hello.
A post whose Updated is before its Published has no Updated.

# URLs

[Site.URL] is required and absolute; a missing final slash is added. A
post's URL is [Post.URL] when set; otherwise [Options.Permalink]; otherwise
its pattern, [Post.Permalink] or [Site.Permalink] ("/posts/{slug}/" by
default), expanded and joined to the site URL, so that a site at
https://example.com/blog/ has posts at https://example.com/blog/posts/…
A pattern may hold these placeholders, each value escaped as a URL path:

	{slug}          the slug (below)
	{slug_pretty}   the slug, runs of characters other than letters, digits and ._~!$&'()+,;=@ one "-" (Jekyll's :title)
	{slug_lower}    the slug in lower case, runs of characters other than letters and digits one "-" (Jekyll's :slug)
	{title}         the title in lower case, spaces, "-" and "+" one "-", other punctuation but ._#~@ dropped (Hugo's :title)
	{slug_or_title} the slug key when there is one, else {title} (Hugo's :slug)
	{filename}      the slug the file name gives, whatever the slug key (Hugo's :filename)
	{name}          the file name without extension, date kept, as {slug_lower} (Jekyll's :name)
	{categories}    [Post.Categories] in lower case, repeats dropped, joined by "/" (Jekyll's :categories)
	{path}          Path below [Site.ContentDir] without extension; an index file, or blog/x/x.md, gives its folder (Eleventy)
	{section}       the first folder of Path below Site.ContentDir (Hugo's :section)
	{sections}      the folders of {path} but its last, joined by "/" (Hugo's :sections)
	{year} {short_year} {month} {i_month} {day} {i_day} {y_day} {hour} {minute} {second}
	                the date in the site's zone: 2024 24 01 1 05 5 005 09 30 00

Any placeholder but the date's may be written {name|lower} for its value
in lower case (Hugo makes URLs lower case). A placeholder whose value is
empty takes the "/" after it along, so that a
post without categories under /{categories}/{year}/ is at /2024/, as in
Jekyll. Any other placeholder, or one in Jekyll's and Hugo's syntax
(/:year/:title), is an error of Build naming it.

A link in a post's content (Markdown or raw HTML, href or src) to a file
ending in .md, .markdown or .mdx, with an optional #fragment or ?query,
that names the Path of another post (whichever of the three extensions it
has) becomes that post's URL, as Eleventy's InputPathToUrl renders such
links. The path is looked for as Eleventy does: from the root of the
Paths when it starts with [Site.ContentDir], then from Site.ContentDir
(/blog/a.md and blog/a.md alike), then, when relative, from the linking
post's folder (./a.md, ../other/index.md). A link that names no post stays
and gives the post a warning in [Post.Warnings] (with LoadOptions.Lazy,
Build renders such posts once to find them).

The slug is the slug key ([Post.Slug]), else the file name without
extension and Jekyll date; a file named index.md or _index.md takes its
folder's name (page bundles). A Post built by hand with a Path gets the
same slug as the file loaded; one with neither gets a slug from its title.

Two posts with the same URL or ID are an error ([ErrDuplicate]) on the
one that is left out, naming the other and why it is kept. The one kept
is the one an earlier build published, when [Options.Published] says so
of one of them (WriteDir records the posts it published in its manifest;
[ReadPublished] reads them back), else the older by Published, then the
first by Path: a new post that reuses the slug of a published one never
takes its place, also with [Options.SkipInvalid].

The hero image: an absolute URL is kept byte for byte (query string and
escapes included); a root-relative path (/images/x.jpg) is joined to the site
URL like a permalink; any other path (./hero.jpg, ../../assets/x.jpg) is
resolved against the post's URL. Its size and type are read from the file
when it is found in [Options.Static] (the site's published files, such as
Astro's dist/) at that URL, or in the post's folder in [Options.Source] or
in the fs.FS LoadDir read. A hero written relative to the post that is in
none of them, or a root-relative one missing from Options.Static, is an
error ([ErrHeroNotFound]).

# Media

A file that a post refers to relatively (its hero; img src and srcset,
source, video and audio src and poster, and links in its content) that
Options.Static does not hold at the URL it resolves to, but that is in the
post's folder in Options.Source or in the fs.FS LoadDir read (such as
Astro's ../../assets/x.jpg, which Astro publishes only processed, under a
hashed name, or a file next to a Jekyll post) is published by sitefeed when
Options.Source or Options.Static is set: it is listed in [Set.Media],
written by WriteDir and WriteFiles and served by the Handler beside the
feeds, in the folder [Paths.Media] ("media/"), as

	<first 16 hex digits of its SHA-256>-<base name>.<ext>

where the base name keeps ASCII letters, digits and "_" in lower case,
every other run of characters a "-", at most 60 bytes. The post's content
and enclosure refer to that copy, with the file's length and sniffed type.
The same bytes under the same name are one copy, however many posts use
them; a changed file gets a new name. Only images, audio, video and
documents (PDF, EPUB, ZIP, text, CSV) are copied, never a file in a hidden
folder or a hidden file, and none larger than [MaxMediaSize] (an error of
the post). Files are streamed, never held in memory whole, and checked
against the hash as they are written ([ErrChanged] when they changed).
WriteDir records them in its manifest, so that a copy no post uses any more
is removed by the next WriteDir. A reference leading above the root of
Options.Source names no file. Without Options.Source or Options.Static, a
file next to the post keeps the URL it resolves to, as Hugo and Zola
publish page bundles. A reference to a file that exists nowhere is left as
it resolves, except for the hero (above).

The hero's MIME type is, in order: the type key of the front matter; the
type sniffed from the local file; a format named in the query string
(fmt=webp, format=avif, as image CDNs use); the extension (image/jpeg,
never image/jpg); and application/octet-stream as a last resort.

Every relative URL in a post's HTML is made absolute against the post's URL,
because feed readers and e-mail services ignore xml:base: href, src, poster,
cite and each candidate of srcset, in Markdown and in raw HTML alike.
"./img.png" and "../x/" resolve as a browser would; "/about/" resolves
against the site's host; "#notes" becomes the post URL followed by #notes.
Absolute URLs and other schemes (mailto:, data:) are left as they are.

# HTML

Markdown is rendered with goldmark and the GitHub-flavoured extensions
(tables, strikethrough, autolinks, task lists), footnotes and heading IDs;
[Options.Markdown] replaces the renderer. Raw HTML that authors write is
kept, as Astro keeps it, and then every post's HTML (rendered or given in
[Post.HTML]) goes through a bluemonday policy: its UGC policy without
rel="nofollow", plus figures, picture and source, video and audio, details
and summary, task-list checkboxes, srcset, class and id, and sandboxed
iframes. Scripts, styles, forms, event-handler attributes and javascript:
URLs never reach a feed. The faster cleaner that handles most of the HTML
Markdown renders is checked against that one policy, so it writes the
bytes bluemonday writes.

goldmark takes time or memory out of proportion to a post's length on a
few constructs, so a post's Markdown is refused ([ErrTooComplex], with the
line) before it is rendered when it holds lists nested more than 100 levels
deep, more than 1000 footnote references (or more than 100 plus one per 32
bytes of the post: each renders to about 200 bytes of HTML), more than 1000
link reference definitions in a row without a blank line, tables of more
than 200000 cells in all, or a line on which link destinations opened
with "](" and left open would make goldmark read more than 64 times the
line and 64 KiB (about 250 of them on one line). These checks read lines,
not the Markdown's structure, so a code block that looks like one of these
counts too. Within them the time goldmark takes grows in proportion to the
post, and a post at any one of the limits renders in less than a second,
at less than a second per MB (BenchmarkHostileMarkdown).

# Tags

Tags that differ only in case, surrounding or repeated white space, or
Unicode normalisation are one tag; its name is the spelling most posts use
(ties: the one that sorts first). Each tag's feeds go in a folder named by
[TagSlug]: lower case, Unicode letters and digits kept, "+", "#", "&" and "@"
spelled out (C++ is c-plus-plus, C# is c-sharp), every other run of
characters a "-", at most 80 bytes, never empty, "." or "..", never a name
Windows reserves. Two tags with the same slug get "-2", "-3", … in the order
of their names; none is dropped or merged. Slugs are percent-encoded in URLs.
A tag that is empty after trimming is dropped.

A post may have at most [Options.MaxTags] tags, tags and categories
together once merged ([DefaultMaxTags], 100, when 0); a post with more is
an error ([ErrTooManyTags]) at its tags key. Each tag feed holds the same
item for a post as the site feed, with every one of its tags, so that a
reader sees one item whichever feeds it follows; the output of a post thus
grows with the square of its tags: a 13 KB post makes 0.5 MB of feeds with
10 tags, 5.8 MB with 100, and would make 530 MB with 2000.

# Output

Each post maps onto the three formats as follows.

	Post            RSS 2.0                          Atom 1.0                              JSON Feed 1.1
	Title           title                            title                                 title
	URL             link                             link rel="alternate"                  url
	ID              guid isPermaLink="false"         id                                    id
	Summary         description (escaped HTML)       summary type="html"                   summary
	HTML            content:encoded (CDATA)          content type="html" (CDATA)           content_html
	Published       pubDate (RFC 1123, numeric zone) published (RFC 3339)                  date_published
	Updated         -                                updated (Published when zero)         date_modified
	Tags            category, one per tag            category term= label=, one per tag    tags
	Authors         dc:creator each (the name)       author each                           authors
	Hero            enclosure, media:content         link rel="enclosure"                  image and attachments
	Language        -                                xml:lang                              language

	Site            RSS 2.0                          Atom 1.0                              JSON Feed 1.1
	Title           title                            title                                 title
	URL / tag page  link                             link rel="alternate"                  home_page_url
	feed's own URL  atom:link rel="self"             link rel="self", id                   feed_url
	Description     description                      subtitle                              description
	Language        language                         xml:lang                              language
	Author          managingEditor (if e-mail)       author                                authors (see Readers)
	Copyright       copyright                        rights                                -
	Icon, Logo      image (Logo, else Icon)          icon, logo                            favicon, icon
	newest date     lastBuildDate                    updated                               -
	archive links   atom:link, fh:archive            link, fh:archive                      next_url (see Archived feeds)

# Large sites

Build renders each post once, and Set.WriteDir encodes each post once per
format and copies those bytes into the site feed and every tag feed the
post is in, streaming every document to its file. Posts are read, rendered
and encoded in parallel; the order of the output never depends on it.

By default LoadDir returns each post's Markdown and a Set holds each post's
HTML, so memory grows with the site (about 10 KB a post). With
[LoadOptions.Lazy], LoadDir keeps only the front matter and where the body
is; the Markdown is read again, rendered and encoded as the feeds are
written, then let go. Memory then holds about 2 KB a post, whatever the
length of the posts, and the feeds are the same, byte for byte. The sitefeed
command works this way. It also sets each post's Params to nil after
loading, since the feeds do not use them: on a large site they are about
a quarter of what the garbage collector has to mark while the feeds are
written.

Set.WriteDir compares each document, as it writes it, with the file it
replaces, and leaves a file that already holds the same bytes as it was
([Written.Unchanged]): a rebuild of a site where one post changed writes
only the feeds that post is in. Unchanged feeds keep their modification
time, so that a deployment that copies changed files, or a server that
answers conditional requests, treats them as unchanged.

With [Options.Cache] (see [OpenCache]), what a rebuild needs is kept in a
folder between builds, so that writing a set of posts loaded with
LoadOptions.Lazy renders and encodes only the posts of the documents whose
inputs changed. The items of the posts of documents of more than 200 posts
(a feed without archive pages), as encoded in every format, are kept too:
one edit changes such a document, whose other posts are then copied from
the cache rather than rendered; an archive page or a feed of the newest
posts is rendered again faster than its items would be read back. An item
is found only under the SHA-256 of all it is made from: the post file's bytes (never its modification time, which a
fresh checkout resets), the post as Build completed it, field by field,
the site, the URLs of the other posts when its body may link to their
source files, the copies of the files it refers to, and the running
program's executable; a damaged entry is not used, and a cache written by
another version is emptied. The same Cache given to LoadDir
([LoadOptions.Cache]) keeps each loaded post, front matter parsed, in one
index file, under the file's SHA-256 and the load options: a post whose
bytes did not change is not parsed again, and a file whose size,
modification and change times and inode number are those recorded (as git
trusts its index) is not even read; a file not older than the index was
written is read again. The cache thus never changes what is written: a
randomised test compares every file after sequences of edits with a
build from scratch, and another every loaded post, field by field. With
a cache, [Set.WriteDir] also records in its manifest the inputs of each
document (every field of its Feed but the items, and its items' keys)
and a stat of its file; a rebuild leaves unread and unmade the documents
whose inputs did not change and whose files a stat shows untouched (a
file not older than the manifest is read and compared with its SHA-256),
so that it reads and encodes only the posts of the documents that
changed.

A set with more documents than can be open at once (about a thousand) is
written in passes, the documents ordered by their newest post so that
a feed's archive pages share their passes with the other feeds' pages of
the same posts; a post needed by a later pass keeps its items in memory
until then (within 32 MiB), so that each post is rendered once.

[Set.WriteFiles] streams the documents in the same way to writers a
program gives (to check them, or to upload them), where calling
[File.WriteTo] for each file would read and render a post once per feed it
is in. Every writer (Feed.Write, File.WriteTo, WriteFiles, WriteDir and the
Handler) writes a feed's Items, also when a program changes them after
Build.

# Archived feeds

A feed of a large site holding every post is tens of megabytes, fetched
again by every subscriber on every poll; one holding only the newest posts
loses the others. With [Options.Archive] N, each feed (the site's and every
tag's) is an archived feed (RFC 5005 section 4): its document, the one
readers subscribe to, holds the newest N posts, and archive pages hold the
others.

Where a page ends is decided by the posts themselves, not by counting:
walking the feed's older posts from the oldest, a page ends after a post
whose permanent ID (its RSS guid, Atom id, JSON Feed id) hashes to a
multiple of [Options.ArchivePage] P (the first 8 bytes of the SHA-256 of
"sitefeed archive page", a zero byte and the ID, read as a big-endian
number), or when the page holds 4×P posts; the newest page ends at the
feed's document and may hold fewer. One post in P ends a page, so that
pages hold P posts on average (50 by default) and never more than 4×P;
fewer, larger pages mean fewer files to write and to fetch. A tag's feed
follows the same rule over its own posts. Each page is named
after the publication date of its oldest post, in [Site.Location] (as
permalinks' {year}/{month}/{day}), in the folder [Paths.Archive] beside
its feed's document: archive/rss-2024-05-03.xml, archive/atom-2024-05-03.xml,
archive/feed-2024-05-03.json, tags/go/archive/rss-2024-05-03.xml; a page
whose date an older page of the feed already has takes -2, -3… after it
([Feed.PageName]).

A page's posts and name thus depend only on its own posts (and, for a page
cut at 4×P, on the posts since the last page that ended by its hash), not
on how many posts are older. Adding a post changes the feed's document
and its newest page (and the page before, which gains a link when a new
page starts). Deleting or editing an old post, or adding one dated among
old ones, changes the page that holds it, its two neighbours (whose links
name it, when its name changes) and, when the post ends a page, the page
it merges with or splits from; and, rarely (after a run of more than 4×P
posts none of which ends a page, about one page in 55), the pages cut at
4×P after it, up to the next post that ends a page. Every other page
keeps its bytes and its URL, so that readers and caches may keep them and
a rebuild rewrites a handful of files. [Feed.Archives] lists a feed's pages, oldest first, and
[Feed.Page] is a page's place among them. Files, WriteDir (and its
manifest, so that pages no longer built are removed), WriteFiles and the
Handler include them; the OPML list and AlternateLinks name only the feeds
themselves.

	                 Atom 1.0 and RSS 2.0 (as atom:link)       JSON Feed 1.1
	feed document    link rel="prev-archive": newest page       next_url: newest page
	archive page     link rel="self": the page                  feed_url: the page
	                 link rel="current": the feed's document    next_url: the next older page
	                 link rel="prev-archive": next older page
	                 link rel="next-archive": next newer page
	                 fh:archive (http://purl.org/syndication/history/1.0)

An archive page's Atom id is its feed's: they are parts of one feed. JSON
Feed has no archive links of its own; its next_url is "the URL of a feed
that provides the next n items", which is what prev-archive points to, so
a reader following next_url from the feed walks back through every page to
the oldest, whose next_url is absent.

Few readers follow these links. Parsers such as Python's feedparser, Go's
gofeed and Perl's XML::Feed report them but fetch nothing; Newsboat,
FeedKit, podStation and Aperture have open requests for RFC 5005,
jekyll-feed an unmerged one, and we found none for Miniflux, NetNewsWire
or Feedbin; tools made to back-fill a feed's history walk prev-archive.
A new subscriber thus sees the newest N posts, as from jekyll-feed and
WordPress, which serve 10; the sitefeed command uses 10 by default.
Options.Archive 0, the default of the library, writes one document per
feed, with every post or the newest Options.Limit.

# Writing a folder

Set.WriteDir replaces each file atomically and durably: its document is
written in full to a temporary file beside it and synced to the disk, and
only once every document is written are the temporary files renamed into
place and the folders that changed synced. A reader, or a power cut, finds
each file either as it was or as it is now, never empty or partial. A
build that fails before the renames (a bad post, a full disk) leaves every
file as it was, and removes the output folder when it made it. The set of
files as a whole is not replaced atomically: while the files are renamed
some may be new and others old; a rename that fails part-way leaves the
files renamed before it in place, and the error says how many. Files left
unchanged are not touched at all. With [Paths.OPML] the OPML subscription
list is written in the same way, beside the feeds, and recorded with them
in the manifest; so are the stylesheet and the index of feeds (see
Browsers), and a later WriteDir with Options.NoStyle or NoIndex removes
them.

Before the renames, WriteDir writes a journal (.sitefeed-journal) of every
file with its size and SHA-256. When a crash or a kill interrupts the
renames, the folder may hold a mix of old and new files until the next
WriteDir into it, which first finishes them: each temporary file that
still holds the bytes the journal records is renamed into place (unless a
file sitefeed did not write has taken its place since), the files are
recorded in the manifest, and the journal is removed. It then removes the
temporary files (.NAME.PID-N.sitefeed-tmp) that killed writes left
anywhere in the folder, without following symbolic links.

The manifest (ManifestName) records every file written with its size and
SHA-256. WriteDir removes a file the manifest lists and the set no longer
has only while it still holds those bytes; one that changed is left, and
named in a warning (WriteOptions.Warn). WriteDir never replaces a file
that exists and that the manifest does not list (an *OverwriteError,
before anything is written). A manifest that is not a regular file of at
most 32 MiB is ignored with a warning; the names listed by a manifest of
an older sitefeed, without checksums, are trusted for replacing but never
removed.

One WriteDir at a time writes into a folder: it takes a lock on the folder
(flock, where the system has it: not on Windows); another waits, or with
WriteOptions.NoWait fails with ErrLocked. However many tags the set has,
WriteDir keeps a bounded number of files open, fitted to the process's
limit on open files.

# Departures from gorilla/feeds

sitefeed encodes through the exported format structs of
github.com/gorilla/feeds v1.2.0, wrapped to fix what it gets wrong. Each
feed's frame goes through encoding/xml or encoding/json; items, one per post
and format, are written from the same structs directly, in the bytes those
encoders write for them, since walking them by reflection would cost more
than escaping the posts. Unlike gorilla/feeds:

  - RSS items have one category per tag, an atom:link rel="self" and its
    namespace, and never an empty link or description.
  - RSS items name each author in a dc:creator (the name, else the
    e-mail) and never use author, whose "email (Name)" readers show as it
    is (see Readers). managingEditor is set only with an e-mail.
  - In RSS plain text (titles, the channel's description and copyright,
    categories and dc:creator), "&" and "<" are written as the hexadecimal
    references &#x26; and &#x3C;, as the RSS Best Practices Profile advises,
    so that no reader takes them for markup.
  - RSS enclosures are never dropped: an unknown length is written as 0, as
    the RSS Best Practices Profile advises. Media RSS media:content
    repeats the hero, with its type and size, for readers that only read
    that.
  - Atom categories have a term attribute; a feed has both alternate and
    self links, in that order, a generator, xml:lang, icon and logo;
    entries have published; an author always has a name (the e-mail or URL
    when it has none); the feed always has an author (the site's, else the
    site itself), and every entry names its own, also when they are the
    feed's. Content is a CDATA section.
  - HTML given as text (RSS description, Atom summary) escapes "&", "<"
    and ">" only, and post HTML writes quotes in text as themselves, not
    as &#34; and &#39;.
  - IDs never change when a post is edited and are never random: a post's ID
    is tag:host,published-date:/url/path (RFC 4151) unless front matter sets
    id; an Atom feed's id is its own URL (an archive page's, its feed's).
  - JSON Feed output says version 1.1, always has items (an empty list when
    there are none), never has an empty id, carries content_text when there
    is no HTML, writes banner_image under its real name, writes
    feed_url, language, icon, favicon, tags, attachments (with 64-bit
    size_in_bytes) and item language, and writes authors (on every item)
    but not the deprecated author.
  - Dates keep the zone they were written in; RSS dates use RFC 1123 with a
    numeric zone.
  - Documents are indented with two spaces; encoding/xml writes empty
    elements with a closing tag.

# Browsers

A person who opens a feed in a browser sees a page, not its source:
every RSS and Atom feed names a stylesheet, [Paths.Style] (feed.css,
written beside the feeds), in an xml-stylesheet processing instruction,
and holds one XHTML div before its items that gives the feed's title and
description, says what a feed is and how to subscribe, shows the feed's
address to copy, links to the index of feeds and lists every post with a
link. The stylesheet shows that div and hides the rest of the feed. It is
CSS, not XSLT, which browsers are removing (Chromium already covers an
XSLT page with a deprecation banner); no script runs. Feed readers skip
the div, an element of a namespace they do not read, and every
validator accepts it (foreign markup in RSS 2.0 and Atom). The index of
feeds, [Paths.Index] (feeds.html), lists the site's feeds and each tag's
with their addresses and links to the OPML list. Both, and the
description of each tag's feed, speak the site's language where sitefeed
has the few words they need (English, French, German, Spanish), and
English otherwise. Both are checked in headless Chromium and Firefox
(.ci/readers/browser), also in a window 390 pixels wide.
[Options.NoStyle] and [Options.NoIndex] leave them out. WriteDir writes
them and the Handler serves them; a program that writes the feeds with
[Set.WriteFiles] writes them from [Set.Extras]. The Handler serves a feed to a browser
(an Accept header with text/html) as application/xml, or
application/json for JSON Feed, since Chromium shows
application/rss+xml as plain text and downloads application/feed+json,
and Firefox downloads application/rss+xml and application/atom+xml;
static hosts serve .xml files as text/xml or application/xml, which
browsers style. JSON Feed has no way to name a stylesheet: a browser
shows it as JSON.

# Readers

The output is read back by ten feed readers (.ci/readers/run: rss-parser,
@extractus/feed-extractor, feedsmith, npm feedparser,
@rowanmanning/feed-parser, rss-to-json, Python feedparser, newsboat,
Miniflux's parser and SimplePie), which must each show every field they
read of every item: title, link, date, authors, tags, summary, content
and the hero with its type and length. Where one form helps some readers
and costs others, the choice and the readers on each side are:

  - RSS authors are dc:creator only. <author> ("email (Name)") is shown
    raw by rss-parser, SimplePie and Miniflux; with both elements,
    @rowanmanning/feed-parser shows the name twice and SimplePie both. A
    reader that reads only <author> (none of the ten) shows no author,
    and no reader sees the author's e-mail in an item.
  - The JSON feed's authors are written only when every item is by the
    site author alone: Miniflux adds the feed's authors to every item's,
    which would credit the site author with the posts of others. A reader
    that shows the feed's author (none of the ten shows it per item) finds
    none in a feed with guest posts; every item names its own.
  - The hero is not repeated as media:thumbnail: Miniflux reads the
    thumbnail in place of the enclosure and loses its type and length. A
    reader that reads only media:thumbnail (none of the ten) sees no
    image; media:content and the enclosure carry it.
  - An Atom entry with a hero has two links, alternate and enclosure:
    rss-to-json (fast-xml-parser) then gives the link as a list instead
    of the post's URL. The six readers that read the hero of an Atom entry
    read it from the enclosure link, so it stays.

# Departures from the specifications

  - Every string is made valid for XML 1.0 before it is written: invalid
    UTF-8 bytes become U+FFFD and characters XML forbids (C0 controls but
    tab, newline and carriage return; U+FFFE; U+FFFF) are removed, in all
    three formats alike, so that they say the same thing.
  - A feed with no items is dated [Options.Now] when set, else
    1970-01-01T00:00:00Z (Atom requires updated), since sitefeed will not
    use the time of the build; its RSS has no lastBuildDate.
  - RSS category domain, cloud, ttl, skipHours and skipDays, Atom source and
    contributor, and JSON Feed hubs and expired are not written; JSON Feed
    next_url only with archive pages.
*/
package sitefeed
