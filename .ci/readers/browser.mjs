// browser.mjs opens the example blog's feeds in headless Chromium, as a
// person who clicks a feed link would, and checks what the page shows:
//
//	node browser.mjs BASE_URL EXPECT_JSON TAG_SLUG OUT_DIR
//
// For each feed it takes the DOM (--dump-dom), the text a person sees (the
// page printed to PDF, read back with pdftotext: hidden elements print
// nothing) and a screenshot (OUT_DIR/*.png), and fails unless: the feed is
// not shown as source (no XML tree viewer, no plain text), no XSLT
// deprecation banner, the site's title, every post's title linked to the
// post, and the subscribe text with the feed's address are visible.
// The index of feeds (feeds.html) must show every feed's address.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [base, expectFile, tag, out] = process.argv.slice(2);
const expect = JSON.parse(fs.readFileSync(expectFile, 'utf8'));
const chromium = process.env.CHROMIUM || 'chromium';
const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--hide-scrollbars'];

function browse(url, extra) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-'));
  try {
    return execFileSync(chromium, [...flags, `--user-data-dir=${profile}`, ...extra, url], { stdio: ['ignore', 'pipe', 'ignore'], timeout: 120000 }).toString();
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

const squash = (s) => s.replace(/\s+/g, ' ').trim();
const unescape = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

function visibleText(url, name) {
  const pdf = path.join(out, name + '.pdf');
  browse(url, [`--print-to-pdf=${pdf}`, '--no-pdf-header-footer']);
  return squash(execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-']).toString());
}

const cases = [
  { name: 'site-rss', path: 'rss.xml', feed: 'site', title: 'Field Notes' },
  { name: 'site-atom', path: 'atom.xml', feed: 'site', title: 'Field Notes' },
  { name: 'tag-rss', path: `tags/${tag}/rss.xml`, feed: 'tag', title: `Field Notes: ${tag}` },
  { name: 'tag-atom', path: `tags/${tag}/atom.xml`, feed: 'tag', title: `Field Notes: ${tag}` },
  { name: 'static-site-rss', path: 'static/rss.xml', feed: 'site', title: 'Field Notes' },
  { name: 'static-tag-atom', path: `static/tags/${tag}/atom.xml`, feed: 'tag', title: `Field Notes: ${tag}` },
];

let failures = 0;
const fail = (c, why) => { failures++; console.log(`FAIL ${c.name}: ${why}`); };

for (const c of cases) {
  const url = base + c.path;
  const t0 = Date.now();
  const dom = browse(url, ['--dump-dom']);
  browse(url, [`--screenshot=${path.join(out, c.name + '.png')}`, '--window-size=1100,900']);
  const text = visibleText(url, c.name);
  const before = failures;
  if (/webkit-xml-viewer|does not appear to have any style information/i.test(dom)) fail(c, 'shown in the XML tree viewer');
  if (!/^\s*<(rss|feed)\b/.test(dom)) fail(c, `not rendered as XML (DOM starts ${JSON.stringify(dom.slice(0, 60))})`);
  if (/xslt-warning-banner/i.test(dom)) fail(c, 'XSLT deprecation banner');
  if (/<\?xml|<channel>|<entry>|pkg\.go\.dev|<\/a>/.test(text)) fail(c, 'the feed source is visible');
  if (!/class="feed-page"/.test(dom)) fail(c, 'no page in the feed');
  if (!text.startsWith(c.title)) fail(c, `the visible text does not start with the title ${JSON.stringify(c.title)}: ${JSON.stringify(text.slice(0, 80))}`);
  if (!text.includes('To follow this site, copy this address into your feed reader:')) fail(c, 'no subscribe text');
  const own = c.path.replace(/^static\//, '');
  if (!text.includes(`/${own}`)) fail(c, `the feed's address (…/${own}) is not visible`);
  for (const item of expect[c.feed]) {
    const links = [...dom.matchAll(/<a href="([^"]*)">([^<]*)<\/a>/g)].map((m) => [unescape(m[1]), unescape(m[2])]);
    if (!links.some(([href, title]) => href === item.link && title === item.title)) fail(c, `no link to ${item.link} titled ${JSON.stringify(item.title)}`);
    if (!text.includes(squash(item.title))) fail(c, `the title ${JSON.stringify(item.title)} is not visible`);
  }
  if (failures === before) console.log(`ok   ${c.name} (${url}, ${Date.now() - t0} ms)`);
}

// The index of feeds.
{
  const c = { name: 'index' };
  const url = base + 'feeds.html';
  const dom = browse(url, ['--dump-dom']);
  browse(url, [`--screenshot=${path.join(out, 'index.png')}`, '--window-size=1100,900']);
  const text = visibleText(url, 'index');
  const before = failures;
  if (!/<html lang="en">/.test(dom)) fail(c, 'no lang="en"');
  if (!text.startsWith('Field Notes')) fail(c, 'no site title first');
  for (const f of ['rss.xml', 'atom.xml', 'feed.json', `tags/${tag}/rss.xml`, `tags/${tag}/atom.xml`, `tags/${tag}/feed.json`]) {
    if (!text.includes(`/${f}`)) fail(c, `no address of ${f}`);
  }
  if (!/<a href="feeds\.opml">/.test(dom)) fail(c, 'no link to feeds.opml');
  if (failures === before) console.log(`ok   index (${url})`);
}
process.exit(failures ? 1 : 0);
