package frontmatter

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/sitefeed/sitefeed/internal/values"
	"gopkg.in/yaml.v3"
)

var yamlLine = regexp.MustCompile(`line (\d+)`)

// yamlError turns a yaml.v3 error into one with a line of the file.
func yamlError(err error, first int) *Error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.TrimPrefix(msg, "unmarshal errors:\n  ")
	line := first
	if m := yamlLine.FindStringSubmatchIndex(msg); m != nil {
		n, _ := strconv.Atoi(msg[m[2]:m[3]])
		msg = strings.TrimPrefix(msg[:m[0]]+msg[m[1]:], ": ")
		if yamlParserProblem(msg) {
			n++ // yaml.v3 counts the lines of parser errors from 0
		}
		line = first + n - 1
		msg = yamlLine.ReplaceAllStringFunc(msg, func(s string) string {
			n, _ := strconv.Atoi(s[len("line "):])
			return "line " + strconv.Itoa(first+n-1)
		})
	}
	return errorf(line, "%w: yaml: %s", ErrSyntax, values.Clip(strings.TrimSpace(msg), 200))
}

// yamlParserProblems start the messages of yaml.v3's parser errors (those
// of its scanner read differently), whose lines it reports counting from 0.
var yamlParserProblems = []string{
	"did not find expected <", "did not find expected node content",
	"did not find expected '-' indicator", "did not find expected key",
	"did not find expected ',' or ", "found undefined tag handle",
	"found duplicate %", "found incompatible YAML document",
}

func yamlParserProblem(msg string) bool {
	for _, p := range yamlParserProblems {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

func decodeYAML(raw []byte, first int) ([]Field, *Error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return nil, yamlError(err, first)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, nil // an empty block
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return nil, nil
	}
	if root.Kind != yaml.MappingNode {
		return nil, errorf(first+root.Line-1, "%w: yaml: want a mapping of keys to values", ErrSyntax)
	}
	c := &yamlConv{first: first}
	var fields []Field
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			return nil, errorf(first+k.Line-1, "%w: yaml: a key must be a plain value", ErrSyntax)
		}
		if k.Tag == "!!merge" {
			return nil, errorf(first+k.Line-1, "%w: yaml: merge keys (<<) are not supported at the top level", ErrSyntax)
		}
		val, err := c.value(v, 0)
		if err != nil {
			return nil, err
		}
		fields = append(fields, Field{Key: k.Value, Line: first + k.Line - 1, Value: val})
	}
	return fields, nil
}

// yamlConv turns yaml.v3 nodes into plain values, expanding aliases within
// a budget so that a "billion laughs" document is rejected quickly.
type yamlConv struct {
	first int
	nodes int
	alias int // line of the outermost alias being expanded; 0 outside one
}

func (c *yamlConv) value(n *yaml.Node, depth int) (any, *Error) {
	c.nodes++
	if c.nodes > MaxValues {
		// Inside an alias, name the line that uses it, not the anchor's.
		line := n.Line
		if c.alias != 0 {
			line = c.alias
		}
		return nil, errorf(c.first+line-1, "%w: yaml: more than %d values (too many aliases?)", ErrSyntax, MaxValues)
	}
	if depth > MaxDepth {
		return nil, errorf(c.first+n.Line-1, "%w: yaml: nested more than %d levels deep", ErrSyntax, MaxDepth)
	}
	switch n.Kind {
	case yaml.AliasNode:
		if c.alias == 0 {
			c.alias = n.Line
			defer func() { c.alias = 0 }()
		}
		return c.value(n.Alias, depth+1)
	case yaml.SequenceNode:
		list := make([]any, 0, len(n.Content))
		for _, e := range n.Content {
			v, err := c.value(e, depth+1)
			if err != nil {
				return nil, err
			}
			list = append(list, v)
		}
		return list, nil
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			v, err := c.value(n.Content[i+1], depth+1)
			if err != nil {
				return nil, err
			}
			m[n.Content[i].Value] = v
		}
		return m, nil
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return nil, nil
		case "!!bool":
			var b bool
			if n.Decode(&b) == nil {
				return b, nil
			}
		case "!!int":
			var i int64
			if n.Decode(&i) == nil {
				return i, nil
			}
		case "!!float":
			var f float64
			if n.Decode(&f) == nil {
				return f, nil
			}
		}
		// Strings, timestamps (read later in the site's zone) and anything else.
		return n.Value, nil
	}
	return nil, nil
}
