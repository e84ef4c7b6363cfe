"""Prints what Python feedparser reads in a feed file, as JSON items."""
import calendar
import json
import sys

import feedparser

d = feedparser.parse(sys.argv[1])
out = {"error": str(d.bozo_exception) if d.bozo else None, "items": []}
for e in d.entries:
    enc = [l for l in e.get("links", []) if l.get("rel") == "enclosure"]
    content = e.get("content")
    t = e.get("published_parsed")
    out["items"].append({
        "title": e.get("title"),
        "link": e.get("link"),
        "date": calendar.timegm(t) * 1000 if t else None,
        # The names of the authors it read (its "author" adds the e-mail).
        "author": ", ".join(a.get("name") or a.get("email") or "" for a in e.get("authors", [])),
        "tags": [t.get("term") for t in e.get("tags", [])],
        "summary": e.get("summary"),
        "content": content[0].get("value") if content else None,
        "enclosure": {"url": enc[0].get("href"), "type": enc[0].get("type"),
                      "length": enc[0].get("length")} if enc else None,
    })
json.dump(out, sys.stdout)
