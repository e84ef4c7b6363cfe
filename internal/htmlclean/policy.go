package htmlclean

import (
	"regexp"

	"github.com/microcosm-cc/bluemonday"
)

// Rules is a policy in declarative form: bluemonday's UGC policy, and on
// top of it what each field allows. Every rule of the house policy is a
// value in HouseRules; Policy builds the bluemonday policy from it, and a
// Cleaner checks its fast path against that policy (see New).
type Rules struct {
	// NoFollow keeps the UGC policy's rel="nofollow" on links.
	NoFollow bool
	// Elements are allowed without attributes.
	Elements []string
	// Attrs are allowed attributes.
	Attrs []AttrRule
	// IFrameSandbox are the sandbox values an iframe may keep; iframes
	// are allowed when it is not empty.
	IFrameSandbox []bluemonday.SandboxValue
	// URLSchemes are the schemes an absolute URL may have, beyond the
	// UGC policy's http, https and mailto.
	URLSchemes []string
	// DataURIImages allows images in data: URLs.
	DataURIImages bool
}

// An AttrRule allows attributes on elements.
type AttrRule struct {
	// Names are the attributes.
	Names []string
	// Pattern, if not nil, is what a value must match.
	Pattern *regexp.Regexp
	// Elements are those the attributes are allowed on; none means all.
	Elements []string
}

// HouseRules returns the policy every post's HTML passes through: the
// bluemonday UGC policy, without its rel="nofollow", plus the elements and
// attributes blog posts use (figures, media, details, task-list
// checkboxes, srcset, class and id, sandboxed iframes). Scripts, styles,
// forms, event handlers and javascript: URLs are removed. Each call
// returns a fresh value that the caller may change.
func HouseRules() Rules {
	return Rules{
		Elements: []string{
			"figure", "figcaption", "picture", "mark", "kbd", "samp", "var", "section", "abbr", "details", "summary", "small", "cite", "time",
			"video", "audio", "source", "track",
		},
		Attrs: []AttrRule{
			{Names: []string{"class", "id", "role", "aria-label", "aria-hidden", "aria-describedby", "data-footnotes"}},
			{Names: []string{"srcset", "sizes", "loading", "decoding"}, Elements: []string{"img"}},
			{Names: []string{"src", "srcset", "sizes", "media", "type"}, Elements: []string{"source"}},
			{Names: []string{"src", "poster", "controls", "width", "height", "loop", "muted", "playsinline", "preload"}, Elements: []string{"video"}},
			{Names: []string{"src", "controls", "loop", "muted", "preload"}, Elements: []string{"audio"}},
			{Names: []string{"src", "kind", "srclang", "label", "default"}, Elements: []string{"track"}},
			{Names: []string{"type"}, Pattern: regexp.MustCompile(`^checkbox$`), Elements: []string{"input"}},
			{Names: []string{"checked", "disabled"}, Elements: []string{"input"}},
			{Names: []string{"datetime"}, Elements: []string{"time"}},
			{Names: []string{"start", "reversed", "type"}, Elements: []string{"ol"}},
			{Names: []string{"src", "width", "height", "title", "allow", "allowfullscreen", "loading"}, Elements: []string{"iframe"}},
		},
		IFrameSandbox: []bluemonday.SandboxValue{bluemonday.SandboxAllowScripts, bluemonday.SandboxAllowSameOrigin, bluemonday.SandboxAllowPopups},
		URLSchemes:    []string{"http", "https", "mailto", "tel", "ftp", "xmpp", "irc", "ircs", "magnet", "geo"},
		DataURIImages: true,
	}
}

// Policy builds the bluemonday policy r describes.
func (r Rules) Policy() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.RequireNoFollowOnLinks(r.NoFollow)
	p.AllowElements(r.Elements...)
	for _, a := range r.Attrs {
		b := p.AllowAttrs(a.Names...)
		if a.Pattern != nil {
			b.Matching(a.Pattern)
		}
		if len(a.Elements) == 0 {
			b.Globally()
		} else {
			b.OnElements(a.Elements...)
		}
	}
	if len(r.IFrameSandbox) > 0 {
		p.AllowIFrames(r.IFrameSandbox...)
	}
	p.AllowURLSchemes(r.URLSchemes...)
	if r.DataURIImages {
		p.AllowDataURIImages()
	}
	return p
}
