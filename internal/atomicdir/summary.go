package atomicdir

import (
	"errors"
	"fmt"
	"strings"
)

// Summarize shortens an error that joins one error per file (a full disk
// fails every file the same way) to one line per cause: the cause, how
// many files it failed, and the first of them.
func Summarize(err error) error {
	var flat []error
	var walk func(error)
	walk = func(e error) {
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				walk(e)
			}
			return
		}
		flat = append(flat, e)
	}
	if err == nil {
		return nil
	}
	walk(err)
	if len(flat) <= 1 {
		return err
	}
	type group struct {
		first error
		n     int
	}
	var causes []string
	groups := map[string]*group{}
	for _, e := range flat {
		c := cause(e).Error()
		if groups[c] == nil {
			groups[c] = &group{first: e}
			causes = append(causes, c)
		}
		groups[c].n++
	}
	lines := make([]string, 0, len(causes))
	for _, c := range causes {
		g := groups[c]
		if g.n == 1 {
			lines = append(lines, g.first.Error())
			continue
		}
		lines = append(lines, fmt.Sprintf("%s (%d files failed the same way; the first: %v)", c, g.n, g.first))
	}
	return &summary{msg: strings.Join(lines, "\n"), errs: flat}
}

// cause returns the innermost error of e.
func cause(e error) error {
	for {
		u := errors.Unwrap(e)
		if u == nil {
			return e
		}
		e = u
	}
}

// A summary is a shortened joined error; errors.Is and errors.As still see
// every error it joins.
type summary struct {
	msg  string
	errs []error
}

func (s *summary) Error() string   { return s.msg }
func (s *summary) Unwrap() []error { return s.errs }
