package sitefeed

import (
	"encoding/xml"
	"html"
	"io"
	"strings"
	"time"
)

// formatLabel names a format for people, in link titles and OPML.
func formatLabel(f Format) string {
	switch f {
	case RSS:
		return "RSS"
	case Atom:
		return "Atom"
	case JSON:
		return "JSON Feed"
	}
	return f.String()
}

// AlternateLinks returns the HTML autodiscovery tags of the feed, one
// <link rel="alternate"> per format, for a page's <head>:
//
//	<link rel="alternate" type="application/rss+xml" title="Site (RSS)" href="https://example.com/rss.xml">
func (f *Feed) AlternateLinks() string {
	var b strings.Builder
	for _, format := range []Format{RSS, Atom, JSON} {
		u := f.FeedURL(format)
		if u == "" {
			continue
		}
		title := f.Title
		if title == "" {
			title = formatLabel(format)
		} else {
			title += " (" + formatLabel(format) + ")"
		}
		b.WriteString(`<link rel="alternate" type="` + format.MediaType() + `" title="` + html.EscapeString(title) + `" href="` + html.EscapeString(u) + `">` + "\n")
	}
	return b.String()
}

// heads lists the documents readers subscribe to: Files without the
// archive pages.
func (s *Set) heads() []File {
	var files []File
	for _, f := range s.Files() {
		if f.Feed.Head == nil {
			files = append(files, f)
		}
	}
	return files
}

type opmlDoc struct {
	XMLName xml.Name    `xml:"opml"`
	Version string      `xml:"version,attr"`
	Head    opmlHead    `xml:"head"`
	Body    []opmlEntry `xml:"body>outline"`
}

type opmlHead struct {
	Title       string `xml:"title"`
	DateCreated string `xml:"dateCreated,omitempty"`
	OwnerName   string `xml:"ownerName,omitempty"`
	OwnerEmail  string `xml:"ownerEmail,omitempty"`
	Docs        string `xml:"docs"`
}

type opmlEntry struct {
	Text        string `xml:"text,attr"`
	Title       string `xml:"title,attr"`
	Type        string `xml:"type,attr"`
	Version     string `xml:"version,attr,omitempty"`
	XMLURL      string `xml:"xmlUrl,attr"`
	HTMLURL     string `xml:"htmlUrl,attr,omitempty"`
	Description string `xml:"description,attr,omitempty"`
	Language    string `xml:"language,attr,omitempty"`
}

// WriteOPML writes an OPML 2.0 subscription list of every feed of the set:
// the site feeds, then each tag's, in every format; archive pages are not
// subscriptions and are left out. Its date is the
// site feed's, so the list changes only when the feeds do.
func (s *Set) WriteOPML(w io.Writer) error {
	doc := opmlDoc{Version: "2.0"}
	doc.Head.Title = s.Site.Title + " feeds"
	if s.Site.Title == "" {
		doc.Head.Title = "Feeds"
	}
	doc.Head.DateCreated = s.All.Updated.Format(time.RFC1123Z)
	doc.Head.OwnerName = s.Site.Author.Name
	doc.Head.OwnerEmail = s.Site.Author.Email
	doc.Head.Docs = "http://opml.org/spec2.opml"
	for _, f := range s.heads() {
		title := f.Feed.Title + " (" + formatLabel(f.Format) + ")"
		e := opmlEntry{Text: title, Title: title, Type: "rss", XMLURL: f.Feed.FeedURL(f.Format), HTMLURL: f.Feed.Link, Description: f.Feed.Description, Language: s.Site.Language}
		switch f.Format {
		case RSS:
			e.Version = "RSS2"
		case Atom:
			e.Version = "ATOM"
		}
		doc.Body = append(doc.Body, e)
	}
	if _, err := io.WriteString(w, xmlHeader); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
