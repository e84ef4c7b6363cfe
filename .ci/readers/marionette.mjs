// marionette.mjs drives headless Firefox through Marionette, the remote
// protocol built into Firefox (Debian packages no geckodriver): a TCP
// connection carrying "LENGTH:JSON" messages, commands [0, id, name,
// params] and replies [1, id, error, result].
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// launch starts Firefox with a fresh profile and returns a session:
// { command(name, params), resize(width, height), quit(), version }.
export async function launch(firefox = 'firefox') {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'firefox-'));
  // Port 0: Firefox picks a free port and writes it to MarionetteActivePort.
  fs.writeFileSync(path.join(profile, 'user.js'), [
    'user_pref("marionette.port", 0);',
    'user_pref("browser.shell.checkDefaultBrowser", false);',
    'user_pref("datareporting.policy.dataSubmissionEnabled", false);',
    'user_pref("browser.download.dir", ' + JSON.stringify(path.join(profile, 'downloads')) + ');',
    'user_pref("browser.download.folderList", 2);',
    '',
  ].join('\n'));
  // System access lets narrow lift the browser window's minimum width.
  const proc = spawn(firefox, ['--headless', '--marionette', '-remote-allow-system-access', '--no-remote', '-profile', profile, 'about:blank'], { stdio: 'ignore' });
  const exited = new Promise((r) => proc.once('exit', r));
  const cleanup = () => fs.rmSync(profile, { recursive: true, force: true });
  const portFile = path.join(profile, 'MarionetteActivePort');
  let port = 0;
  for (let i = 0; i < 600 && !port; i++) {
    if (proc.exitCode !== null) break;
    if (fs.existsSync(portFile)) port = Number(fs.readFileSync(portFile, 'utf8').trim()) || 0;
    if (!port) await sleep(100);
  }
  if (!port) {
    proc.kill();
    await exited;
    cleanup();
    throw new Error('Firefox did not open Marionette');
  }

  const sock = net.connect(port, '127.0.0.1');
  let buf = Buffer.alloc(0);
  const waiting = [];
  sock.on('data', (d) => {
    buf = Buffer.concat([buf, d]);
    for (;;) {
      const colon = buf.indexOf(0x3a);
      if (colon < 0) return;
      const n = Number(buf.subarray(0, colon).toString());
      if (buf.length < colon + 1 + n) return;
      const msg = JSON.parse(buf.subarray(colon + 1, colon + 1 + n).toString());
      buf = buf.subarray(colon + 1 + n);
      waiting.shift()?.resolve(msg);
    }
  });
  sock.on('error', (err) => { for (const w of waiting.splice(0)) w.reject(err); });
  const reply = () => new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  await reply(); // the greeting: {applicationType, marionetteProtocol}

  let id = 0;
  async function command(name, params = {}) {
    const r = reply();
    const body = Buffer.from(JSON.stringify([0, ++id, name, params]));
    sock.write(Buffer.concat([Buffer.from(`${body.length}:`), body]));
    const [, , err, result] = await r;
    if (err) throw new Error(`${name}: ${err.error}: ${err.message}`);
    return result;
  }
  async function quit() {
    await command('Marionette:Quit', { flags: ['eForceQuit'] }).catch(() => {});
    sock.destroy();
    const killer = setTimeout(() => proc.kill('SIGKILL'), 10000);
    await exited;
    clearTimeout(killer);
    cleanup();
  }
  // resize sets the window's size; Firefox keeps its window at least 500
  // pixels wide unless the browser's own page lets it be narrower.
  async function resize(width, height) {
    await command('Marionette:SetContext', { value: 'chrome' });
    await command('WebDriver:ExecuteScript', { script: 'document.documentElement.style.minWidth = "0px"', args: [] });
    await command('Marionette:SetContext', { value: 'content' });
    await command('WebDriver:SetWindowRect', { width, height });
  }
  try {
    const s = await command('WebDriver:NewSession', { capabilities: { alwaysMatch: { pageLoadStrategy: 'normal' } } });
    return { command, resize, quit, version: s.capabilities.browserVersion };
  } catch (err) {
    await quit();
    throw err;
  }
}
