// matrix.mjs feeds the example blog's feeds to feed readers and compares
// what each reader shows, item by item and field by field, with what the
// posts say (expect.json, from expect.go). It prints the matrix, reader x
// format x field, and exits 1 when a reader loses a field it reads.
//
//	node matrix.mjs FEEDS_DIR EXPECT_JSON TAG_SLUG
//
// Programs outside Node are found through the environment:
// MINIFLUX_PARSE (the binary readers.sh builds), SIMPLEPIE_DIR (a
// SimplePie source tree), PYTHON (with feedparser) and newsboat and sqlite3
// on PATH. A reader whose program is missing is listed as not run.
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { extractFromJson, extractFromXml } from '@extractus/feed-extractor';
import { parseFeed as parseRowan } from '@rowanmanning/feed-parser';
import FeedParser from 'feedparser';
import { parseFeed as parseFeedsmith } from 'feedsmith';
import RSSParser from 'rss-parser';
import rssToJSONModule from 'rss-to-json';

const rssToJSON = rssToJSONModule.parse;

const FIELDS = ['title', 'link', 'date', 'author', 'tags', 'summary', 'content', 'enclosure'];
// The feed's own field: its home page (the site, or the tag's page).
const HOME = 'home';
// Losses that follow from a choice doc.go lists, with the readers on each
// side: shown as ~N, and not failures.
const KNOWN = {
  // fast-xml-parser gives an entry's links as a list when there are
  // several; the hero's rel="enclosure" link is one, and six readers read
  // the hero from it.
  'rss-to-json atom link': true,
};
// A reader that shows a text excerpt of the content instead of it has it
// checked in the content column.
const SOURCE = { excerpt: 'content' };
const [feedsDir, expectFile, tagSlug] = process.argv.slice(2);
const expect = JSON.parse(fs.readFileSync(expectFile, 'utf8'));
const files = [
  { feed: 'site', format: 'rss', file: 'rss.xml' },
  { feed: 'site', format: 'atom', file: 'atom.xml' },
  { feed: 'site', format: 'json', file: 'feed.json' },
  { feed: 'tag', format: 'rss', file: `tags/${tagSlug}/rss.xml` },
  { feed: 'tag', format: 'atom', file: `tags/${tagSlug}/atom.xml` },
  { feed: 'tag', format: 'json', file: `tags/${tagSlug}/feed.json` },
];

// ---- readers: each returns items with the fields it exposes; a field a
// reader has no place for in a format is left undefined ("-" in the matrix).

const first = (...v) => v.find((x) => x !== undefined && x !== null && x !== '');
const names = (list) => (list || []).map((a) => (typeof a === 'string' ? a : first(a.name, a.email))).join(', ');
// withHome marks items with the feed's home page as the reader read it.
const withHome = (home, items) => Object.assign(items, { home });
const enclosure = (e) => (e ? { url: e.url ?? e.href, type: e.type ?? e.mimeType ?? e.mime_type, length: e.length ?? e.size_in_bytes ?? e.size } : null);

const readers = {
  async 'rss-parser'(text, format) {
    if (format === 'json') return null;
    const feed = await new RSSParser().parseString(text);
    return withHome(feed.link, feed.items.map((i) => ({
      title: i.title, link: i.link, date: i.isoDate, author: first(i.creator, i.author) ?? '',
      tags: format === 'rss' ? i.categories ?? [] : undefined,
      summary: format === 'atom' ? i.summary : i.content,
      content: format === 'atom' ? i.content : i['content:encoded'],
      enclosure: format === 'rss' ? enclosure(i.enclosure) : undefined,
    })));
  },
  async 'feed-extractor'(text, format) {
    const feed = format === 'json' ? extractFromJson(JSON.parse(text)) : extractFromXml(text);
    // From JSON Feed it shows an excerpt of the content, not the summary.
    return withHome(feed.link, feed.entries.map((i) => format === 'json'
      ? { title: i.title, link: i.link, date: i.published, excerpt: i.description }
      : { title: i.title, link: i.link, date: i.published, summary: i.description }));
  },
  async feedsmith(text, format) {
    const { feed } = parseFeedsmith(text);
    if (format === 'rss') {
      return feed.items.map((i) => ({
        title: i.title, link: i.link, date: i.pubDate,
        author: first(names(i.authors), names(i.dc?.creators), i.dc?.creator) ?? '',
        tags: (i.categories || []).map((c) => c.name), summary: i.description, content: i.content?.encoded,
        enclosure: enclosure(i.enclosures?.[0]),
      }));
    }
    if (format === 'atom') {
      return feed.entries.map((i) => ({
        title: i.title?.value ?? i.title, link: (i.links || []).find((l) => !l.rel || l.rel === 'alternate')?.href,
        date: i.published, author: names(i.authors), tags: (i.categories || []).map((c) => c.term),
        summary: i.summary?.value ?? i.summary, content: i.content?.value ?? i.content,
        enclosure: enclosure((i.links || []).find((l) => l.rel === 'enclosure')),
      }));
    }
    return feed.items.map((i) => ({
      title: i.title, link: i.url, date: i.date_published, author: names(i.authors), tags: i.tags ?? [],
      summary: i.summary, content: i.content_html, enclosure: enclosure(i.attachments?.[0]),
    }));
  },
  async 'npm feedparser'(text, format) {
    if (format === 'json') return null;
    const items = await new Promise((resolve, reject) => {
      const p = new FeedParser();
      const got = [];
      p.on('error', reject);
      p.on('readable', () => { let i; while ((i = p.read())) got.push(i); });
      p.on('end', () => resolve(got));
      p.end(text);
    });
    return items.map((i) => ({
      title: i.title, link: i.link, date: i.pubdate, author: i.author ?? '', tags: i.categories,
      summary: i.summary, content: i.description, enclosure: enclosure(i.enclosures?.[0]),
    }));
  },
  async '@rowanmanning/feed-parser'(text, format) {
    if (format === 'json') return null;
    const feed = parseRowan(text);
    return withHome(feed.url, feed.items.map((i) => ({
      title: i.title, link: i.url, date: i.published?.toISOString(), author: names(i.authors),
      tags: i.categories.map((c) => c.label), summary: i.description, content: i.content,
      enclosure: i.media[0] ? { url: i.media[0].url, type: i.media[0].mimeType, length: i.media[0].length } : null,
    })));
  },
  async 'rss-to-json'(text, format, url) {
    if (format === 'json') return null;
    const feed = await rssToJSON(url);
    const str = (v) => (v && typeof v === 'object' && '$text' in v ? v.$text : v);
    // It reads no Atom date (it gives the time of reading) and no Atom
    // enclosure link.
    const atom = format === 'atom';
    return feed.items.map((i) => ({
      title: str(i.title), link: typeof i.link === 'string' ? i.link : JSON.stringify(i.link),
      date: atom ? undefined : i.published, author: str(i.author) ?? '',
      tags: [].concat(i.category).filter((c) => c !== undefined).map((c) => (typeof c === 'object' ? c.term ?? c.$text : c)),
      summary: str(i.description), content: str(i.content),
      enclosure: atom ? undefined : enclosure(i.enclosures[0]),
    }));
  },
  async 'Python feedparser'(text, format, url, file) {
    if (format === 'json') return null;
    const out = JSON.parse(execFileSync(process.env.PYTHON || 'python3', [path.join(import.meta.dirname, 'pyfeedparser.py'), file]));
    if (out.error) throw new Error(out.error);
    return out.items.map((i) => ({ ...i, author: i.author ?? '' }));
  },
  async 'Miniflux 2.3.5'(text, format, url, file) {
    const out = JSON.parse(execFileSync(process.env.MINIFLUX_PARSE, [url, file]));
    if (out.error) throw new Error(out.error);
    // Miniflux keeps one text: the content, else the summary.
    return out.items.map((i) => ({ ...i, summary: undefined }));
  },
  async SimplePie(text, format, url, file) {
    if (format === 'json') return null;
    const out = JSON.parse(execFileSync('php', [path.join(import.meta.dirname, 'simplepie.php'), process.env.SIMPLEPIE_DIR, file]));
    if (out.error) throw new Error(out.error);
    return out.items;
  },
  async newsboat(text, format, url) {
    if (format === 'json') return null;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsboat-'));
    fs.writeFileSync(path.join(dir, 'urls'), url + '\n');
    fs.writeFileSync(path.join(dir, 'config'), '');
    const db = path.join(dir, 'cache.db');
    // newsboat fetches the feed from this process's server: wait for it without blocking.
    await promisify(execFile)('newsboat', ['-u', path.join(dir, 'urls'), '-c', db, '-C', path.join(dir, 'config'), '-x', 'reload'], { env: { ...process.env, HOME: dir } });
    const rows = JSON.parse(execFileSync('sqlite3', ['-json', db, 'select title, url, author, pubDate, content from rss_item order by pubDate desc, url']).toString() || '[]');
    fs.rmSync(dir, { recursive: true });
    // newsboat keeps no tags and one text (the content); it keeps only
    // podcast enclosures (audio and video), so an image is none.
    return rows.map((r) => ({ title: r.title, link: r.url, date: r.pubDate * 1000, author: r.author, content: r.content }));
  },
};

const available = {
  'Python feedparser': () => tryRun(process.env.PYTHON || 'python3', ['-c', 'import feedparser']),
  'Miniflux 2.3.5': () => !!process.env.MINIFLUX_PARSE && fs.existsSync(process.env.MINIFLUX_PARSE),
  SimplePie: () => !!process.env.SIMPLEPIE_DIR && fs.existsSync(path.join(process.env.SIMPLEPIE_DIR, 'autoloader.php')) && tryRun('php', ['-v']),
  newsboat: () => tryRun('newsboat', ['-v']) && tryRun('sqlite3', ['-version']),
};

function tryRun(cmd, args) {
  try { execFileSync(cmd, args, { stdio: 'ignore' }); return true; } catch { return false; }
}

// ---- comparison

const entities = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
function decode(s) {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e) => {
    if (e[0] === '#') return String.fromCodePoint(e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return entities[e.toLowerCase()] ?? m;
  });
}
const squash = (s) => s.replace(/\s+/g, ' ').trim();
// The text a browser shows: a tag starts with "<" and a letter, "/" or "!".
const textOf = (html) => squash(decode(html.replace(/<[/!a-zA-Z][^>]*>/g, ' ')));
const images = (html) => [...html.matchAll(/<img\b[^>]*\bsrc="([^"]*)"/g)].map((m) => decode(m[1])).sort();
// Text as a person sees it: the plain text, or that text escaped as HTML
// with the escapes every reader undoes (&amp; &lt; &gt;).
const plainShown = (got, want) => got === want || got === want.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// check reports whether a reader's item shows the field right, or null when
// the reader has no place for the field.
function check(field, item, want) {
  if (field === 'content' && item.excerpt !== undefined) {
    // An excerpt: the start of the content's text, cut anywhere, with
    // white space of its own where tags were.
    const bare = (s) => s.replace(/\s+/g, '');
    const got = bare(item.excerpt).replace(/(\.\.\.|…)$/, '');
    return got.length > 0 && bare(textOf(want.content)).startsWith(got);
  }
  const got = item[field];
  if (got === undefined) return null;
  switch (field) {
    case 'title':
    case 'summary':
      return typeof got === 'string' && plainShown(got.trim(), want[field]);
    case 'link':
      return got === want.link;
    case 'date': {
      // The publication date; a reader may show the date of the last change.
      const t = got === null ? NaN : new Date(got).getTime();
      return t === new Date(want.date).getTime() || (!!want.updated && t === new Date(want.updated).getTime());
    }
    case 'author': // each name once, in any order
      return typeof got === 'string' && JSON.stringify(got.split(', ').sort()) === JSON.stringify([...want.authors].sort());
    case 'tags':
      return JSON.stringify([...(got || [])].sort()) === JSON.stringify([...want.tags].sort());
    case 'content':
      if (typeof got !== 'string') return false;
      return textOf(got) === textOf(want.content) && images(want.content).every((src) => images(got).includes(src));
    case 'enclosure': {
      const w = want.enclosure;
      if (!w) return got === null;
      if (!got) return false;
      return got.url === w.url && got.type === w.type && (got.length === undefined || Number(got.length || 0) === w.length);
    }
  }
}

// ---- run

const server = http.createServer((req, res) => {
  const f = path.join(feedsDir, decodeURIComponent(new URL(req.url, 'http://x').pathname));
  if (!f.startsWith(path.resolve(feedsDir)) || !fs.existsSync(f)) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { 'content-type': f.endsWith('.json') ? 'application/feed+json' : 'application/xml' });
  res.end(fs.readFileSync(f));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}/`;

const rows = [];
let failed = 0;
for (const [name, read] of Object.entries(readers)) {
  if (available[name] && !available[name]()) { rows.push({ name, skipped: true }); continue; }
  for (const { feed, format, file } of files) {
    const p = path.resolve(feedsDir, file);
    const want = expect[feed];
    let items, error;
    try {
      items = await read(fs.readFileSync(p, 'utf8'), format, base + file.split('/').map(encodeURIComponent).join('/'), p);
    } catch (e) {
      error = String(e.message || e).split('\n')[0];
    }
    if (items === null) continue; // the reader does not read this format
    const row = { name, feed, format, cells: {}, lost: [] };
    if (error || items.length !== want.length) {
      row.error = error ?? `${items.length} items of ${want.length}`;
      failed++;
      rows.push(row);
      continue;
    }
    if (items.home === undefined) {
      row.cells[HOME] = '-';
    } else if (items.home === expect.home[feed]) {
      row.cells[HOME] = '✓';
    } else {
      row.cells[HOME] = '✗';
      row.lost.push(`home page: got ${JSON.stringify(items.home)}`);
      failed++;
    }
    for (const field of FIELDS) {
      let seen = false, bad = 0;
      want.forEach((w, i) => {
        const ok = check(field, items[i], w);
        if (ok === null) return;
        seen = true;
        if (!ok) { bad++; row.lost.push(`${field} of item ${i + 1} (${w.link}): got ${JSON.stringify(items[i][field] ?? items[i].excerpt)?.slice(0, 140)}`); }
      });
      const known = KNOWN[`${name} ${format} ${field}`];
      row.cells[field] = !seen ? '-' : bad ? `${known ? '~' : '✗'}${bad}` : '✓';
      if (bad && !known) failed++;
    }
    rows.push(row);
  }
}
server.close();

const w = Math.max(...rows.map((r) => r.name.length)) + 2;
const columns = [HOME, ...FIELDS];
console.log('reader'.padEnd(w) + 'feed format  ' + columns.map((f) => f.padEnd(10)).join(''));
for (const r of rows) {
  if (r.skipped) { console.log(r.name.padEnd(w) + 'not run: not installed'); continue; }
  const head = r.name.padEnd(w) + r.feed.padEnd(5) + r.format.padEnd(8);
  console.log(head + (r.error ? 'FAILS TO READ: ' + r.error : columns.map((f) => r.cells[f].padEnd(10)).join('')));
}
console.log('(✓ every item right, ✗N N items lost or wrong, ~N the same for a loss doc.go accepts, - the reader has no place for the field)');
const lost = rows.filter((r) => r.lost?.length);
for (const r of lost) {
  console.log(`\n${r.name}, ${r.feed} ${r.format}:`);
  for (const l of r.lost.slice(0, 6)) console.log('  ' + l);
  if (r.lost.length > 6) console.log(`  … ${r.lost.length - 6} more`);
}
process.exit(failed ? 1 : 0);
