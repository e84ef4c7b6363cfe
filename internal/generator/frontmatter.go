package generator

import (
	"bufio"
	"bytes"
	"strings"
)

// frontKeys returns the top-level keys of a YAML (---) or TOML (+++) front
// matter block, lower-cased, each with its value as written on the key's
// line, unquoted. It reads only the lines of the block, without decoding
// them: enough to tell whether a page is dated or where it is published.
func frontKeys(b []byte) map[string]string {
	sc := bufio.NewScanner(bytes.NewReader(b))
	if !sc.Scan() {
		return nil
	}
	delim := strings.TrimSpace(sc.Text())
	sep := ":"
	switch delim {
	case "---":
	case "+++":
		sep = "="
	default:
		return nil
	}
	keys := map[string]string{}
	for sc.Scan() {
		line := sc.Text()
		if strings.TrimSpace(line) == delim {
			return keys
		}
		if line == "" || line[0] == ' ' || line[0] == '\t' || line[0] == '#' {
			continue
		}
		if strings.HasPrefix(line, "[") {
			// A TOML table: what follows belongs to it.
			return keys
		}
		k, v, ok := strings.Cut(line, sep)
		if !ok {
			continue
		}
		v = strings.TrimSpace(v)
		v = strings.Trim(v, `"'`)
		keys[strings.ToLower(strings.TrimSpace(k))] = v
	}
	return keys
}
