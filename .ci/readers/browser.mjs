// browser.mjs opens the example blog's feeds in headless Chromium and
// headless Firefox, as a person who clicks a feed link would, and checks
// what the page shows:
//
//	node browser.mjs BASE_URL EXPECT_JSON TAG_SLUG OUT_DIR [DE_URL]
//
// DE_URL serves the same feeds written for a German site (-lang de),
// whose pages must speak German.
//
// Chromium: for each feed it takes the DOM (--dump-dom), the text a person
// sees (the page printed to PDF, read back with pdftotext: hidden elements
// print nothing) and a screenshot (of the site's RSS feed and the index in
// a narrow window too). Firefox (driven through Marionette,
// marionette.mjs): the DOM, the text of every text node the page lays out
// (a hidden element lays out nothing) and a screenshot, in a wide window
// and in a 390 pixels narrow one, where nothing may be wider than the
// window. Screenshots go to OUT_DIR/{chromium,firefox}-*.png.
//
// Each fails unless: the feed is not shown as source (no XML tree viewer,
// no plain text), no XSLT deprecation banner, the site's title, every
// post's title linked to the post, and the subscribe text with the feed's
// address are visible, in the site's language, with a tag feed's
// description. The index of feeds (feeds.html) must show every feed's
// address.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch } from './marionette.mjs';

const [base, expectFile, tag, out, baseDE] = process.argv.slice(2);
const expect = JSON.parse(fs.readFileSync(expectFile, 'utf8'));
const chromium = process.env.CHROMIUM || 'chromium';
const firefox = process.env.FIREFOX || 'firefox';
const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--hide-scrollbars'];
const wide = 1100;
const narrow = 390;

const squash = (s) => s.replace(/\s+/g, ' ').trim();
const unescape = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

function browse(url, extra) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-'));
  try {
    return execFileSync(chromium, [...flags, `--user-data-dir=${profile}`, ...extra, url], { stdio: ['ignore', 'pipe', 'ignore'], timeout: 120000 }).toString();
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

// chromiumPage returns what Chromium shows at url: {dom, text}. It takes
// a screenshot in a narrow window too when narrowShot is set.
function chromiumPage(url, name, narrowShot) {
  const dom = browse(url, ['--dump-dom']);
  browse(url, [`--screenshot=${path.join(out, `chromium-${name}.png`)}`, `--window-size=${wide},900`]);
  if (narrowShot) browse(url, [`--screenshot=${path.join(out, `chromium-${name}-narrow.png`)}`, `--window-size=${narrow},844`]);
  const pdf = path.join(out, `chromium-${name}.pdf`);
  browse(url, [`--print-to-pdf=${pdf}`, '--no-pdf-header-footer']);
  const text = squash(execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-']).toString());
  return { dom, text };
}

// seen runs in the page: the root element's markup, the text of the text
// nodes that are laid out and visible, and the widths of the window and
// of what it holds.
const seen = `
const texts = [];
const walk = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_CDATA_SECTION);
for (let n; (n = walk.nextNode());) {
  if (!n.data.trim() || !n.parentElement) continue;
  if (getComputedStyle(n.parentElement).visibility !== 'visible') continue;
  const r = document.createRange();
  r.selectNodeContents(n);
  if ([...r.getClientRects()].some((b) => b.width > 0 && b.height > 0)) texts.push(n.data);
}
const root = document.scrollingElement || document.documentElement;
return { dom: document.documentElement.outerHTML, text: texts.join(' '), contentType: document.contentType,
  width: window.innerWidth, scrollWidth: root.scrollWidth };
`;

// firefoxPage returns what Firefox shows at url, wide and narrow: {dom,
// text, overflow}.
async function firefoxPage(session, url, name) {
  let page;
  for (const [width, suffix] of [[wide, ''], [narrow, '-narrow']]) {
    await session.resize(width, 900);
    await session.command('WebDriver:Navigate', { url });
    const { value } = await session.command('WebDriver:ExecuteScript', { script: seen, args: [] });
    const shot = await session.command('WebDriver:TakeScreenshot', { full: true });
    fs.writeFileSync(path.join(out, `firefox-${name}${suffix}.png`), Buffer.from(shot.value, 'base64'));
    if (width === wide) page = { dom: value.dom, text: squash(value.text) };
    else if (value.width > narrow) page.overflow = `the window is ${value.width} pixels wide, not ${narrow}`;
    else if (value.scrollWidth > value.width) page.overflow = `${value.scrollWidth} pixels wide in a ${value.width} pixels window`;
  }
  return page;
}

// The words each language's pages must show.
const words = {
  en: { subscribe: 'To follow this site, copy this address into your feed reader:', tagged: `Posts tagged ${tag} on Field Notes`, siteFeeds: 'All posts' },
  de: { subscribe: 'Um dieser Website zu folgen, kopieren Sie diese Adresse in Ihren Feedreader:', tagged: `Beiträge mit dem Schlagwort ${tag} auf Field Notes`, siteFeeds: 'Alle Beiträge' },
};

const cases = [
  { name: 'site-rss', path: 'rss.xml', feed: 'site', title: 'Field Notes', narrowShot: true },
  { name: 'site-atom', path: 'atom.xml', feed: 'site', title: 'Field Notes' },
  { name: 'tag-rss', path: `tags/${tag}/rss.xml`, feed: 'tag', title: `Field Notes: ${tag}` },
  { name: 'tag-atom', path: `tags/${tag}/atom.xml`, feed: 'tag', title: `Field Notes: ${tag}` },
  { name: 'static-site-rss', path: 'static/rss.xml', feed: 'site', title: 'Field Notes' },
  { name: 'static-tag-atom', path: `static/tags/${tag}/atom.xml`, feed: 'tag', title: `Field Notes: ${tag}` },
  { name: 'index', path: 'feeds.html', index: true, narrowShot: true },
  { name: 'static-index', path: 'static/feeds.html', index: true },
];
for (const c of cases) c.url = base + c.path;
if (baseDE) {
  cases.push({ name: 'de-tag-atom', url: `${baseDE}tags/${tag}/atom.xml`, path: `tags/${tag}/atom.xml`, feed: 'tag', title: `Field Notes: ${tag}`, lang: 'de' },
    { name: 'de-index', url: `${baseDE}feeds.html`, path: 'feeds.html', index: true, lang: 'de' });
}

let failures = 0;

// check reports what a person misses on the page of case c.
function check(browser, c, { dom, text, overflow }) {
  const before = failures;
  const fail = (why) => { failures++; console.log(`FAIL ${browser} ${c.name}: ${why}`); };
  const lang = c.lang || 'en';
  const w = words[lang];
  if (overflow) fail(`wider than a narrow window: ${overflow}`);
  if (c.index) {
    if (!dom.includes(`<html lang="${lang}">`)) fail(`no lang="${lang}"`);
    if (!text.startsWith('Field Notes')) fail('no site title first');
    if (!text.includes(w.siteFeeds)) fail(`no heading ${JSON.stringify(w.siteFeeds)}`);
    for (const f of ['rss.xml', 'atom.xml', 'feed.json', `tags/${tag}/rss.xml`, `tags/${tag}/atom.xml`, `tags/${tag}/feed.json`]) {
      if (!text.includes(`/${f}`)) fail(`no address of ${f}`);
    }
    if (!/<a href="feeds\.opml">/.test(dom)) fail('no link to feeds.opml');
    return failures === before;
  }
  if (/webkit-xml-viewer|does not appear to have any style information/i.test(dom + text)) fail('shown in the XML tree viewer');
  if (!/^\s*<(rss|feed)\b/.test(dom)) fail(`not rendered as XML (DOM starts ${JSON.stringify(dom.slice(0, 60))})`);
  if (/xslt-warning-banner/i.test(dom)) fail('XSLT deprecation banner');
  if (/<\?xml|<channel>|<entry>|pkg\.go\.dev|<\/a>/.test(text)) fail('the feed source is visible');
  if (!/class="feed-page"/.test(dom)) fail('no page in the feed');
  if (!text.startsWith(c.title)) fail(`the visible text does not start with the title ${JSON.stringify(c.title)}: ${JSON.stringify(text.slice(0, 80))}`);
  if (!dom.includes(`class="feed-page" lang="${lang}"`)) fail(`the page is not lang="${lang}"`);
  if (!text.includes(w.subscribe)) fail('no subscribe text');
  if (c.feed === 'tag' && !text.includes(w.tagged)) fail(`no description ${JSON.stringify(w.tagged)}`);
  const own = c.path.replace(/^static\//, '');
  if (!text.includes(`/${own}`)) fail(`the feed's address (…/${own}) is not visible`);
  const links = [...dom.matchAll(/<a href="([^"]*)">([^<]*)<\/a>/g)].map((m) => [unescape(m[1]), unescape(m[2])]);
  for (const item of expect[c.feed]) {
    if (!links.some(([href, title]) => href === item.link && title === item.title)) fail(`no link to ${item.link} titled ${JSON.stringify(item.title)}`);
    if (!text.includes(squash(item.title))) fail(`the title ${JSON.stringify(item.title)} is not visible`);
  }
  return failures === before;
}

for (const c of cases) {
  const t0 = Date.now();
  if (check('chromium', c, chromiumPage(c.url, c.name, c.narrowShot))) console.log(`ok   chromium ${c.name} (${c.url}, ${Date.now() - t0} ms)`);
}

const t0 = Date.now();
const session = await launch(firefox);
console.log(`== headless Firefox ${session.version} (${Date.now() - t0} ms to start)`);
try {
  await session.command('WebDriver:SetTimeouts', { pageLoad: 30000, script: 30000 });
  for (const c of cases) {
    const t1 = Date.now();
    if (check('firefox', c, await firefoxPage(session, c.url, c.name))) console.log(`ok   firefox ${c.name} (${c.url}, ${Date.now() - t1} ms)`);
  }
} finally {
  await session.quit();
}
process.exit(failures ? 1 : 0);
