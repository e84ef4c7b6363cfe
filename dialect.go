package sitefeed

// A Dialect names the static site generator whose conventions a site's
// posts follow: the front matter keys it reads, the template syntax that
// may appear in bodies, and how it turns a post into a URL. The zero value,
// Plain, follows sitefeed's own conventions only.
type Dialect string

// The dialects sitefeed knows.
const (
	Plain    Dialect = ""
	Astro    Dialect = "astro"
	Eleventy Dialect = "eleventy"
	Hugo     Dialect = "hugo"
	Jekyll   Dialect = "jekyll"
	Zola     Dialect = "zola"
)
