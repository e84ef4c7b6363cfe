package main

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/sitefeed/sitefeed"
	"github.com/sitefeed/sitefeed/internal/values"
)

// Readers of settings-file values: each checks the type and says what it
// wanted.

// text reads a scalar as text, trimmed, as front matter is read.
func text(v any) (string, error) {
	if s, ok := values.Text(v); ok {
		return strings.TrimSpace(s), nil
	}
	return "", fmt.Errorf("want text, got %s", values.Kind(v))
}

func boolean(v any) (bool, error) {
	switch v := v.(type) {
	case bool:
		return v, nil
	case string:
		if b, err := strconv.ParseBool(strings.TrimSpace(v)); err == nil {
			return b, nil
		}
	}
	return false, fmt.Errorf("want true or false, got %s", values.Kind(v))
}

func count(v any) (int, error) {
	var n int64
	switch v := v.(type) {
	case int:
		n = int64(v)
	case int64:
		n = v
	case float64:
		if v != math.Trunc(v) || v > math.MaxInt32 {
			return 0, fmt.Errorf("want a whole number, got %v", v)
		}
		n = int64(v)
	case json.Number:
		i, err := v.Int64()
		if err != nil {
			return 0, fmt.Errorf("want a whole number, got %s", v)
		}
		n = i
	default:
		return 0, fmt.Errorf("want a whole number, got %s", values.Kind(v))
	}
	if n < 0 || n > math.MaxInt32 {
		return 0, fmt.Errorf("want 0 (no limit) or more, got %d", n)
	}
	return int(n), nil
}

func author(v any) (sitefeed.Author, error) {
	switch v := v.(type) {
	case nil:
		return sitefeed.Author{}, nil
	case string:
		return sitefeed.ParseAuthor(v), nil
	case map[string]any:
		var a sitefeed.Author
		for _, k := range sortedKeys(v) {
			s, err := text(v[k])
			if err != nil {
				return a, fmt.Errorf("%s: %v", k, err)
			}
			switch k {
			case "name":
				a.Name = s
			case "email":
				a.Email = s
			case "url":
				a.URL = s
			default:
				return a, fmt.Errorf("unknown key %q (want name, email and url)", k)
			}
		}
		return a, nil
	}
	return sitefeed.Author{}, fmt.Errorf(`want "Name <email>" or a mapping with name, email and url, got %s`, values.Kind(v))
}

// formatList reads a list of formats, or a comma-separated string of them.
func formatList(v any) ([]sitefeed.Format, error) {
	var names []string
	switch v := v.(type) {
	case string:
		names = strings.Split(v, ",")
	case []any:
		for _, e := range v {
			s, ok := e.(string)
			if !ok {
				return nil, fmt.Errorf("want a list of rss, atom and json, got %s in it", values.Kind(e))
			}
			names = append(names, s)
		}
	default:
		return nil, fmt.Errorf("want a list of rss, atom and json, got %s", values.Kind(v))
	}
	var out []sitefeed.Format
	for _, n := range names {
		if strings.TrimSpace(n) == "" {
			continue
		}
		f, err := sitefeed.ParseFormat(strings.TrimSpace(n))
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no format given (want rss, atom or json, or several)")
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out, nil
}

// nearest returns the word of words closest to w, if it is only a typing
// slip away (at most two edits).
func nearest(w string, words []string) string {
	best, bestD := "", 3
	for _, c := range words {
		if d := editDistance(strings.ToLower(w), c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
