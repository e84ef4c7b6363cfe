// Package generator recognises the static site generator that made a site
// and reads from its configuration what that configuration states plainly:
// the site's URL, title, posts folders, permalink and taxonomy rules, where
// the built site goes and which files the generator writes there.
//
// It reads files only. JavaScript configurations (Astro, Eleventy) are
// scanned for literal values and never run; a value that is computed is
// reported in [Site.Warnings] with the sitefeed flag that sets it.
package generator

import (
	"fmt"
	"path"
	"strings"
)

// Name names a static site generator.
type Name string

// The generators that [Detect] recognises.
const (
	Astro    Name = "astro"
	Eleventy Name = "eleventy"
	Hugo     Name = "hugo"
	Jekyll   Name = "jekyll"
	Zola     Name = "zola"
)

// Site is what [Detect] learned about a site. Paths are slash-separated and
// relative to the site's root folder; URL patterns and paths are relative to
// the site URL, without its base path.
type Site struct {
	// Generator is the generator that made the site.
	Generator Name
	// ConfigFile is the configuration file the settings were read from.
	ConfigFile string

	// SiteURL is the site's absolute URL as configured, with its base path,
	// such as https://example.com/blog/; "" when not stated.
	SiteURL string
	// BasePath is the path the site is published under, such as "/blog/"
	// ("/" for a site at the root of its host).
	BasePath string
	// Title, Description, Language and Author are the site's, "" when the
	// configuration does not state them. Author is "Name" or
	// "Name <email>", the form of sitefeed's -author flag.
	Title, Description, Language, Author string

	// ContentDir is the folder below which the posts' paths give their
	// URLs ({path}, {section} and {sections} in a permalink): Hugo's and
	// Zola's content, Eleventy's input, Jekyll's collections_dir; "" for
	// the site's root.
	ContentDir string
	// Posts are the folders that hold the site's posts, the main one first.
	Posts []PostDir
	// DraftKey is the front matter key that marks a post as a draft when it
	// is true ("draft"); "" when the generator or site has none.
	DraftKey string
	// PublishedKey is the front matter key that leaves a post out when it
	// is false (Jekyll's "published"); "" when none.
	PublishedKey string

	// ExcerptSeparator is Jekyll's excerpt_separator, the text that ends a
	// post's excerpt; "" when the configuration does not set it (Jekyll's
	// default is a blank line).
	ExcerptSeparator string

	// Taxonomies maps a front matter key (such as "tags") to the URL pattern
	// of one term's page, with {term} for the term as the generator writes it
	// into URLs (such as "/tags/{term}/"). Nil when the site publishes no
	// taxonomy pages.
	Taxonomies map[string]string

	// OutputDir is the folder the generator builds the site into, such as
	// dist or public.
	OutputDir string
	// GeneratorFiles are patterns, relative to OutputDir, of files the
	// generator writes there and that must never be overwritten, such as
	// Astro's rss.xml. See [Site.Writes] for their syntax.
	GeneratorFiles []string

	// Notes say what was detected and from where, one line each, with the
	// file and line: "site URL https://example.com from astro.config.mjs:9".
	Notes []string
	// Warnings name the values that could not be read, each with the
	// sitefeed flag that sets it.
	Warnings []string
}

// PostDir is a folder of posts and the rule that gives their URLs.
type PostDir struct {
	// Dir is the folder, such as src/content/blog or _posts.
	Dir string
	// Drafts is the folder of the drafts of these posts (Jekyll's _drafts),
	// "" when drafts live among the posts.
	Drafts string
	// Permalink is the URL pattern of these posts in sitefeed's syntax
	// (see sitefeed's Site.Permalink), or "" when the generator's rule
	// needs a placeholder that syntax lacks (such as Hugo's :weekday); the
	// Notes then name it.
	Permalink string
	// Rule is the generator's own URL rule for these posts, in its own
	// syntax: a Jekyll or Hugo permalink pattern (":year", ":title"), or an
	// Astro route ("/blog/[...slug]/"); "" for Eleventy and Zola, whose URLs
	// follow the posts' paths.
	Rule string
}

// Writes reports whether name, a slash-separated path relative to
// OutputDir, matches one of [Site.GeneratorFiles]: a pattern is matched
// with [path.Match], and one that starts with "**/" matches its rest in any
// folder.
func (s *Site) Writes(name string) bool {
	for _, p := range s.GeneratorFiles {
		if rest, ok := strings.CutPrefix(p, "**/"); ok {
			if m, _ := path.Match(rest, path.Base(name)); m {
				return true
			}
			continue
		}
		if m, _ := path.Match(p, name); m {
			return true
		}
	}
	return false
}

// note adds a line to Notes.
func (s *Site) note(format string, args ...any) {
	s.Notes = append(s.Notes, fmt.Sprintf(format, args...))
}

// warn adds a line to Warnings.
func (s *Site) warn(format string, args ...any) {
	s.Warnings = append(s.Warnings, fmt.Sprintf(format, args...))
}

// at formats a file and line as file:line, or file alone when line is 0.
func at(file string, line int) string {
	if line <= 0 {
		return file
	}
	return fmt.Sprintf("%s:%d", file, line)
}
