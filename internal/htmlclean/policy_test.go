package htmlclean

import (
	"fmt"
	"math/rand/v2"
	"net/url"
	"regexp"
	"slices"
	"testing"

	"github.com/microcosm-cc/bluemonday"
)

// TestHousePolicyTakesEveryShortcut checks that the house policy agrees
// with every shortcut of the fast path, and that every probe is a tag
// sanitizeCommonTag answers for.
func TestHousePolicyTakesEveryShortcut(t *testing.T) {
	t.Parallel()
	c := Default()
	if !c.fast || !c.dropsComments {
		t.Errorf("fast %v, drops comments %v; want both", c.fast, c.dropsComments)
	}
	for k, probes := range commonProbes {
		if !c.common[k] {
			t.Errorf("kind %d of common tag turned off", k)
		}
		for _, p := range probes {
			if _, class, ok := sanitizeCommonTag([]byte(p)); !ok || class.kind != k {
				t.Errorf("probe %q: sanitizeCommonTag gives kind %d, %v; want kind %d", p, class.kind, ok, k)
			}
		}
	}
}

// minimalPolicy allows paragraphs, emphasis and what links allows, and
// no images.
func minimalPolicy(links func(*bluemonday.Policy)) func() *bluemonday.Policy {
	return func() *bluemonday.Policy {
		p := bluemonday.NewPolicy()
		p.AllowStandardURLs()
		p.RequireNoFollowOnLinks(false)
		p.AllowElements("p", "em", "strong", "code", "pre", "ul", "ol", "li", "blockquote")
		links(p)
		return p
	}
}

// headingsAndLinks allows headings with IDs and links.
func headingsAndLinks(p *bluemonday.Policy) {
	p.AllowAttrs("id").OnElements("h1", "h2", "h3", "h4", "h5", "h6")
	p.AllowAttrs("href").OnElements("a")
}

// houseWith is the house policy changed by change.
func houseWith(change func(*bluemonday.Policy)) func() *bluemonday.Policy {
	return func() *bluemonday.Policy {
		p := HouseRules().Policy()
		change(p)
		return p
	}
}

// changedPolicies are policies that differ from the house policy in what
// the fast path answers for itself.
var changedPolicies = []struct {
	name   string
	policy func() *bluemonday.Policy
	// bypass is a tag sanitizeCommonTag answers for, and the policy
	// otherwise, or "".
	bypass string
}{
	{"no images", minimalPolicy(headingsAndLinks), `<img src="i.png" alt="alt">`},
	{"no href", minimalPolicy(func(p *bluemonday.Policy) {
		p.AllowAttrs("id").OnElements("h1", "h2", "h3", "h4", "h5", "h6")
		p.AllowAttrs("title").OnElements("a")
	}), `<a href="../b/">`},
	{"IDs of letters only", minimalPolicy(func(p *bluemonday.Policy) {
		p.AllowAttrs("id").Matching(regexp.MustCompile(`^[a-z]+$`)).OnElements("h1", "h2", "h3", "h4", "h5", "h6")
		p.AllowAttrs("href").OnElements("a")
	}), `<h2 id="a-heading">`},
	{"rel=nofollow required", func() *bluemonday.Policy {
		r := HouseRules()
		r.NoFollow = true
		return r.Policy()
	}, `<a href="../b/">`},
	{"crossorigin on images", houseWith(func(p *bluemonday.Policy) { p.RequireCrossOriginAnonymous(true) }), `<img src="i.png" alt="alt">`},
	{"target on external links", houseWith(func(p *bluemonday.Policy) { p.AddTargetBlankToFullyQualifiedLinks(true) }), `<a href="https://x.org/?a=1&amp;b=2">`},
	{"one host refused", houseWith(func(p *bluemonday.Policy) {
		p.AllowURLSchemeWithCustomPolicy("https", func(u *url.URL) bool { return u.Host != "x.org" })
	}), ""},
	{"relative URLs refused", houseWith(func(p *bluemonday.Policy) { p.AllowRelativeURLs(false) }), `<a href="../b/">`},
	{"no roles", func() *bluemonday.Policy {
		r := HouseRules()
		r.Attrs[0].Names = slices.DeleteFunc(slices.Clone(r.Attrs[0].Names), func(n string) bool { return n == "role" })
		return r.Policy()
	}, `<a href="#fn:1" class="footnote-ref" role="doc-noteref">`},
	{"footnotes without IDs, classes or roles", minimalPolicy(func(p *bluemonday.Policy) {
		headingsAndLinks(p)
		p.AllowElements("sup", "div", "hr")
	}), `<li id="fn:1">`},
	{"comments kept", houseWith(func(p *bluemonday.Policy) { p.AllowComments() }), ""},
	{"a space for each removed tag", houseWith(func(p *bluemonday.Policy) { p.AddSpaceWhenStrippingTag(true) }), ""},
}

// TestFastPathFollowsPolicy checks, for policies that differ from the
// house policy in what the fast path answers for itself, that a Cleaner
// with the fast path writes what the reference Cleaner writes: the fast
// path follows the policy rather than the house policy.
func TestFastPathFollowsPolicy(t *testing.T) {
	t.Parallel()
	docs := markdownDocs(t, 40, 5)
	r := rand.New(rand.NewPCG(7, 8))
	for range 2000 {
		docs[fmt.Sprint("random ", len(docs))] = randomDoc(r, sanitizeFragments, 16)
	}
	houseRef := NewReference(HouseRules().Policy())
	for _, pc := range changedPolicies {
		t.Run(pc.name, func(t *testing.T) {
			t.Parallel()
			p := pc.policy()
			fast, ref := New(p), NewReference(p)
			if pc.bypass != "" {
				clean, _, ok := sanitizeCommonTag([]byte(pc.bypass))
				if want := fast.sanitizeWhole([]byte(pc.bypass)); !ok || string(clean) == want {
					t.Fatalf("sanitizeCommonTag(%q) = %q, %v: want a tag the policy writes otherwise (%q)", pc.bypass, clean, ok, want)
				}
			}
			changed := 0
			for name, doc := range docs {
				want := ref.Finish(doc, finishBase)
				if got := fast.Finish(doc, finishBase); got != want {
					t.Fatalf("%q %q:\nfast %q\nwant %q", name, doc, got, want)
				}
				if want != houseRef.Finish(doc, finishBase) {
					changed++
				}
			}
			if changed == 0 {
				t.Errorf("no document cleaned otherwise than by the house policy")
			}
		})
	}
}

// TestFastPathChecksEachHost checks that a tag of a host the policy
// refuses is not cleaned as one of another host was.
func TestFastPathChecksEachHost(t *testing.T) {
	t.Parallel()
	p := HouseRules().Policy()
	p.AllowURLSchemeWithCustomPolicy("https", func(u *url.URL) bool { return u.Host != "refused.example" })
	c := New(p)
	for _, doc := range []string{`<p><a href="https://ok.example/a">a</a></p>`, `<p><a href="https://refused.example/b">b</a></p>`} {
		if got, want := c.Finish([]byte(doc), nil), NewReference(p).Finish([]byte(doc), nil); got != want {
			t.Errorf("Finish(%q) = %q, want %q", doc, got, want)
		}
	}
}

// TestCleanersShareNothing checks that a Cleaner's answers stay its own:
// one with a policy that removes images leaves the house Cleaner's images
// alone, whichever runs first.
func TestCleanersShareNothing(t *testing.T) {
	t.Parallel()
	doc := []byte(`<p><img src="i.png" alt="alt"></p>`)
	strict := New(minimalPolicy(headingsAndLinks)())
	for range 2 {
		if got := strict.Finish(doc, nil); got != "<p></p>" {
			t.Errorf("strict Finish = %q", got)
		}
		if got := Default().Finish(doc, nil); got != string(doc) {
			t.Errorf("house Finish = %q", got)
		}
	}
}
