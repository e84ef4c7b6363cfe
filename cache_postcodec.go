package sitefeed

import (
	"errors"
	"maps"
	"reflect"
	"slices"

	"github.com/sitefeed/sitefeed/internal/loadcache"
)

// errorStringType is the type of errors.New's errors (and fmt.Errorf's
// without %w), which a warning is decoded as.
var errorStringType = reflect.TypeOf(errors.New(""))

// The kinds of warning causes the cache keeps.
const (
	textWarning = iota
	syntaxWarningKind
)

// encode lays out p, just loaded by c from its file, and the files its
// parse looked for, or fails when a part of it cannot be decoded as it
// is: a post read back is reflect.DeepEqual to the post loaded.
func (c *postCache) encode(p *Post, deps []fileDep) ([]byte, error) {
	e := &loadcache.Encoder{Loc: c.pc.loc}
	e.Len(len(deps), false)
	for _, d := range deps {
		e.String(d.name)
		e.Bool(d.exists)
	}
	for _, s := range []string{p.ID, p.Slug, p.URL, p.Permalink, p.Title, p.Summary, p.HTML, p.Language, p.more} {
		e.String(s)
	}
	e.Bytes(p.Body)
	e.Time(p.Published)
	e.Time(p.Updated)
	e.Time(p.notBefore)
	e.Time(p.expires)
	e.Strings(p.Tags)
	e.Strings(p.Categories)
	e.Len(len(p.Authors), p.Authors == nil)
	for _, a := range p.Authors {
		e.Strings([]string{a.Name, a.Email, a.URL})
	}
	e.Bool(p.Hero != nil)
	if h := p.Hero; h != nil {
		e.Strings([]string{h.URL, h.Alt, h.Type})
		e.Int(h.Length)
	}
	e.Bool(p.Draft)
	e.Map(p.Params)
	e.Len(len(p.Warnings), p.Warnings == nil)
	for _, w := range p.Warnings {
		if w == nil || w.Err == nil {
			return nil, errNotCached
		}
		e.String(w.Path)
		e.Int(int64(w.Line))
		switch err := w.Err.(type) {
		case *syntaxWarning:
			e.Int(syntaxWarningKind)
			e.String(err.text)
		default:
			if reflect.TypeOf(err) != errorStringType {
				return nil, errNotCached
			}
			e.Int(textWarning)
			e.String(err.Error())
		}
	}
	e.Len(len(p.lines), p.lines == nil)
	for _, k := range slices.Sorted(maps.Keys(p.lines)) {
		e.String(k)
		e.Int(int64(p.lines[k]))
	}
	e.Int(int64(p.bodyLine))
	if o := p.origin; o == nil || o.root != c.root || o.name != p.Path {
		return nil, errNotCached
	}
	e.Bool(p.src != nil)
	if s := p.src; s != nil {
		if s.fsys != c.root.fsys || s.name != p.Path || s.markup != c.pc.markup || s.md != nil || s.links != nil || s.refs != nil {
			return nil, errNotCached
		}
		e.Int(int64(s.size))
		e.Buf = append(e.Buf, s.sum[:]...)
		e.Int(int64(s.offset))
		e.Bool(s.sourceLinks)
		e.Bool(s.mayLink)
		e.Bool(s.mayRefer)
	}
	if e.Err != nil {
		return nil, e.Err
	}
	return e.Buf, nil
}

// decode returns the post an entry of the file name holds, or nil when it
// is damaged or the files its parse looked for have changed.
func (c *postCache) decode(name string, entry *loadcache.Entry) *Post {
	d := loadcache.NewDecoder(entry.Data, c.pc.loc)
	n, _ := d.Len()
	for range n {
		dep := fileDep{d.String(), d.Bool()}
		if d.Bad() || isFile(c.root.fsys, dep.name) != dep.exists {
			return nil
		}
	}
	p := &Post{Path: name}
	for _, s := range []*string{&p.ID, &p.Slug, &p.URL, &p.Permalink, &p.Title, &p.Summary, &p.HTML, &p.Language, &p.more} {
		*s = d.String()
	}
	p.Body = d.Bytes()
	p.Published, p.Updated, p.notBefore, p.expires = d.Time(), d.Time(), d.Time(), d.Time()
	p.Tags = d.Strings()
	p.Categories = d.Strings()
	if n, isNil := d.Len(); !isNil {
		p.Authors = make([]Author, n)
		for i := range p.Authors {
			a := d.Strings()
			if len(a) != 3 {
				return c.damaged()
			}
			p.Authors[i] = Author{Name: a[0], Email: a[1], URL: a[2]}
		}
	}
	if d.Bool() {
		h := d.Strings()
		if len(h) != 3 {
			return c.damaged()
		}
		p.Hero = &Image{URL: h[0], Alt: h[1], Type: h[2], Length: d.Int()}
	}
	p.Draft = d.Bool()
	p.Params = d.Map()
	if n, isNil := d.Len(); !isNil {
		p.Warnings = make([]*PostError, n)
		for i := range p.Warnings {
			w := &PostError{Path: d.String(), Line: int(d.Int())}
			switch d.Int() {
			case syntaxWarningKind:
				w.Err = &syntaxWarning{d.String()}
			default:
				w.Err = errors.New(d.String())
			}
			p.Warnings[i] = w
		}
	}
	if n, isNil := d.Len(); !isNil {
		p.lines = make(map[string]int, n)
		for range n {
			k := d.String()
			p.lines[k] = int(d.Int())
		}
	}
	p.bodyLine = int(d.Int())
	p.origin = &origin{root: c.root, name: name}
	if d.Bool() {
		s := &source{fsys: c.root.fsys, name: name, size: int(d.Int()), markup: c.pc.markup}
		d.Fixed(s.sum[:])
		s.offset = int(d.Int())
		s.sourceLinks, s.mayLink, s.mayRefer = d.Bool(), d.Bool(), d.Bool()
		p.src = s
	}
	if d.Err() != nil {
		return c.damaged()
	}
	return p
}

// damaged counts an entry that does not decode, and returns nil.
func (c *postCache) damaged() *Post {
	c.c.posts.damaged.Add(1)
	return nil
}
