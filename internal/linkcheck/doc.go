// Package linkcheck checks a built site against the feeds made for it: it
// collects every URL in a folder of feeds (RSS 2.0, Atom 1.0, JSON Feed and
// OPML), read with gofeed's parsers and, for HTML content, with
// golang.org/x/net/html, and resolves each URL that points at the site to a
// file of the built tree, as a static host serves it. It also takes
// snapshots of a tree so that a caller can show which files a later step
// changed.
package linkcheck
