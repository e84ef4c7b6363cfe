package sitefeed

import (
	"fmt"
	"strings"
	"time"

	"github.com/sitefeed/sitefeed/internal/frontmatter"
	"github.com/sitefeed/sitefeed/internal/permalink"
)

// dialectKey reports whether a front matter key (in lower case) sets a
// post's URL or publication window in the dialect's conventions: Jekyll's
// and Eleventy's permalink, Hugo's url, publishDate and expiryDate, Zola's
// path. The keys stay in Params as well.
func dialectKey(d Dialect, key string) bool {
	switch d {
	case Jekyll, Eleventy:
		return key == "permalink"
	case Hugo:
		return key == "url" || key == "publishdate" || key == "expirydate"
	case Zola:
		return key == "path"
	}
	return false
}

// applyDialect reads the keys dialectKey picked out of the front matter.
// date is the field Published was read from.
func (p *Post) applyDialect(keys map[string]frontmatter.Field, date frontmatter.Field, c parseConfig) *lineError {
	if f, ok := keys["permalink"]; ok {
		if _, isBool := f.Value.(bool); isBool {
			return nil // Eleventy's permalink: false; see Params
		}
		s, err := asString(f)
		if err != nil {
			return err
		}
		s = strings.TrimSpace(s)
		switch {
		case s == "":
		case c.dialect == Jekyll:
			pattern, perr := permalink.FromJekyll(s)
			if perr != nil {
				return &lineError{line: f.Line, err: fmt.Errorf("%w: %v", ErrFieldType, perr)}
			}
			p.Permalink = pattern
		case permalink.IsTemplate(s):
			p.Warnings = append(p.Warnings, &PostError{Line: f.Line, Err: fmt.Errorf("permalink %q is %v: the post's URL follows the site's rule instead", s, permalink.ErrTemplate)})
		default:
			p.URL = "/" + strings.TrimPrefix(s, "/")
		}
	}
	for _, k := range []string{"url", "path"} {
		if f, ok := keys[k]; ok {
			s, err := asString(f)
			if err != nil {
				return err
			}
			if s = strings.TrimSpace(s); s != "" {
				p.URL = "/" + strings.TrimPrefix(s, "/")
				if k == "path" && !strings.HasSuffix(p.URL, "/") {
					p.URL += "/" // as Zola's Page::parse makes it
				}
			}
		}
	}
	if f, ok := keys["expirydate"]; ok {
		t, err := asDate(f, c.loc)
		if err != nil {
			return err
		}
		p.expires = t
	}
	if f, ok := keys["publishdate"]; ok && f.Line != date.Line {
		t, err := asDate(f, c.loc)
		if err != nil {
			return err
		}
		p.notBefore = t
	}
	return nil
}

// withheld reports whether, at now, the generator would not publish p
// yet (Hugo's publishDate) or any more (Hugo's expiryDate).
// nextChange returns the earlier of next and the first moment after now
// at which withheld's answer for p changes; next zero is none.
func (p *Post) nextChange(now, next time.Time) time.Time {
	if now.IsZero() {
		return next
	}
	var at time.Time
	switch future, expired := p.withheld(now); {
	case future: // due when neither date is after the moment
		at = p.Published
		if p.notBefore.After(at) {
			at = p.notBefore
		}
	case !expired && !p.expires.IsZero(): // expired once the moment is after it
		at = p.expires.Add(time.Nanosecond)
	default:
		return next
	}
	if next.IsZero() || at.Before(next) {
		return at
	}
	return next
}

func (p *Post) withheld(now time.Time) (future, expired bool) {
	if now.IsZero() {
		return false, false
	}
	return p.Published.After(now) || p.notBefore.After(now), !p.expires.IsZero() && p.expires.Before(now)
}
