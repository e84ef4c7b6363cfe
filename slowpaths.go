package sitefeed

// slowPaths turns off the fast paths of HTML cleaning (sanitizeFast and
// absolutizeTags in html.go) and of the front matter cut (splitPost in
// frontmatter.go), so that tests can compare their output with the plain
// way. The item encoders have their own switch, itemenc.Encoder.
var slowPaths = false
