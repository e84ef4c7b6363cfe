package sitefeed

import (
	"cmp"
	"slices"
	"strconv"
)

// An ErrorList is a list of post errors, one per bad post. LoadDir and
// Build return one, sorted, as their error when posts are bad; a caller
// that lists them all can get it with [errors.As]:
//
//	var list sitefeed.ErrorList
//	if errors.As(err, &list) {
//		for _, e := range list {
//			fmt.Println(e)
//		}
//	}
//
// errors.Is and errors.As look through it at each PostError (see Unwrap).
type ErrorList []*PostError

// Error returns the first error, followed by "(and N more errors)" when
// there are others.
func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	return l[0].Error() + " (and " + strconv.Itoa(len(l)-1) + " more errors)"
}

// Sort sorts the list by Path, then Line, then message.
func (l ErrorList) Sort() {
	slices.SortStableFunc(l, func(a, b *PostError) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Err.Error(), b.Err.Error()))
	})
}

// Err returns nil when the list is empty, and the list otherwise: a
// function that returns l.Err() never returns a non-nil error holding no
// errors.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Unwrap returns the errors of the list, so that errors.Is and errors.As
// find the causes of every post, as they did when LoadDir and Build joined
// them with [errors.Join].
func (l ErrorList) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}
