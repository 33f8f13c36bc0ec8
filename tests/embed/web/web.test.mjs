// examples/web in headless Chromium: the page loads the WebAssembly module, computes the
// default course's calendar and estimate, shows a refusal for a bad value, and a
// screenshot is saved (build/web/screenshot.png).
//
// Default form (hand-worked): program A, 8 weeks x 3 days (Mon/Wed/Fri) from 2026-03-02 on the
// evening track, no federal holiday in the course: 24 program days plus a medication visit every
// 2 weeks = 28 sessions. Charges 24 x $300 = $7,200 (the visits are in the per diem); the patient
// pays the $1,500 deductible + 20% of the other $5,700 = $1,140, so $2,640; the plan $4,560.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './chromium.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..', '..', '..');
const wasm = process.env.IOP_WASM_DIR ?? path.join(root, 'build', 'wasm', 'bindings', 'wasm');
const out = path.join(root, 'build', 'web');
const files = {
  '/': [path.join(root, 'examples', 'web', 'index.html'), 'text/html'],
  '/app.js': [path.join(root, 'examples', 'web', 'app.js'), 'text/javascript'],
  '/style.css': [path.join(root, 'examples', 'web', 'style.css'), 'text/css'],
  '/iop.js': [path.join(wasm, 'iop.js'), 'text/javascript'],
  '/iop.wasm': [path.join(wasm, 'iop.wasm'), 'application/wasm'],
};

let server;
let browser;
let base;

before(async () => {
  server = http.createServer((request, response) => {
    const file = files[request.url];
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': file[1] }).end(fs.readFileSync(file[0]));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
});

test('the page computes the default course in the browser', async () => {
  const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
  const problems = [];
  page.on('pageerror', (error) => problems.push(String(error)));
  await page.goto(base + '/');
  await page.waitForSelector('body[data-state="ready"]', { timeout: 30000 });
  await page.click('#compute');
  await page.waitForSelector('body[data-state="computed"]');
  assert.equal(await page.textContent('#charges'), '$7,200.00');
  assert.equal(await page.textContent('#plan-pays'), '$4,560.00');
  assert.equal(await page.textContent('#patient-pays'), '$2,640.00');
  assert.equal(await page.locator('#sessions tr').count(), 28);
  assert.equal(await page.textContent('#summary'), '(28 sessions, 24 program days, 0 holiday gaps)');
  // The first session: Monday 2026-03-02 at 18:00 PST.
  assert.deepEqual(await page.locator('#sessions tr').first().locator('td').allTextContents(),
                   ['2026-03-02', 'Mon', '18:00 -08:00', 'program day', '180']);
  fs.mkdirSync(out, { recursive: true });
  await page.screenshot({ path: path.join(out, 'screenshot.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('a refused value is shown as the error, naming its field', async () => {
  const page = await browser.newPage();
  await page.goto(base + '/');
  await page.waitForSelector('body[data-state="ready"]', { timeout: 30000 });
  await page.fill('input[name="coinsurance"]', 'twenty');
  await page.click('#compute');
  await page.waitForSelector('body[data-state="refused"]');
  const message = await page.textContent('#error');
  assert.match(message, /^\[iop\.validation\] case\.coverage\.coinsurance: 'twenty'/);
  assert.equal(await page.isHidden('#estimate'), true);
  await page.close();
});
