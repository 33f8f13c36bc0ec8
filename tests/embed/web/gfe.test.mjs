// The Good Faith Estimate's HTML in headless Chromium: examples/gfe-two-providers.json through the
// document API (the WebAssembly module, format html), loaded into a page, read back on screen and
// laid out for print on US Letter; a screenshot is saved (build/web/gfe.png) with the PDF (build/web/gfe.pdf).
//
// Worked by hand (as in tests/cpp/billing/test_good_faith_estimate.cpp): no holidays, 54 weeks x
// Mon/Wed/Fri from Monday 2026-03-02 at $450 a day, and a co-provider psychiatrist's 4 visits at $180
// dated 2026-03-10, 2026-09-15, 2027-03-03 and 2027-03-10.
// Estimate 1 covers 2026-03-02..2027-03-01: 52 weeks x 3 = 156 days and Monday 2027-03-01 = 157 days
//   x $450 = $70,650 (dispute from $71,050); psychiatrist 2 x $180 = $360 (dispute from $760); total $71,010.
// Estimate 2: 54 x 3 - 157 = 5 days x $450 = $2,250 (from $2,650); psychiatrist $360 (from $760); total $2,610.
// Course total $71,010 + $2,610 = $73,620 (= 162 x $450 + 4 x $180).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './chromium.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..', '..', '..');
const wasm = process.env.IOP_WASM_DIR ?? path.join(root, 'build', 'wasm', 'bindings', 'wasm');
const out = path.join(root, 'build', 'web');
// US Letter is 8.5 in wide; the estimate's @page margins are 0.5 in: 7.5 in = 720 CSS pixels to print on.
const printableWidth = 7.5 * 96;

let browser;
let html;

before(async () => {
  const createIop = createRequire(import.meta.url)(path.join(wasm, 'iop.js'));
  const iop = await createIop({ wasmBinary: fs.readFileSync(path.join(wasm, 'iop.wasm')) });
  const example = fs.readFileSync(path.join(root, 'examples', 'gfe-two-providers.json'), 'utf8');
  const response = JSON.parse(iop.call('gfe', `{"api_version":1,"format":"html","case":${example}}`));
  assert.equal(response.format, 'html', JSON.stringify(response.error));
  html = response.content;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

const summaryRow = (page, part, npi) =>
  page.locator(`#part-${part} table.summary tr[data-npi="${npi}"] td`).allTextContents();

test('the two providers\' subtotals, each estimate\'s total and the course total are shown', async () => {
  const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
  await page.setContent(html, { waitUntil: 'load' });
  assert.equal(await page.locator('html').count(), 1);  // one document, not one per estimate
  assert.equal(await page.locator('section.part').count(), 2);
  assert.deepEqual(await summaryRow(page, 1, '1234567893'),
                   ['Los Angeles depression IOP', 'convening provider', '$70,650.00', '$71,050.00 or more']);
  assert.deepEqual(await summaryRow(page, 1, '1245319599'),
                   ['Dr. Rivera, psychiatrist', 'co-provider', '$360.00', '$760.00 or more']);
  assert.deepEqual(await summaryRow(page, 2, '1234567893'),
                   ['Los Angeles depression IOP', 'convening provider', '$2,250.00', '$2,650.00 or more']);
  assert.deepEqual(await summaryRow(page, 2, '1245319599'),
                   ['Dr. Rivera, psychiatrist', 'co-provider', '$360.00', '$760.00 or more']);
  assert.equal(await page.textContent('#part-1 table.summary tfoot td.money'), '$71,010.00');
  assert.equal(await page.textContent('#part-2 table.summary tfoot td.money'), '$2,610.00');
  assert.equal(await page.textContent('#part-1 section.provider[data-npi="1245319599"] tr.subtotal td.money'), '$360.00');
  assert.equal(await page.textContent('table.course-total tfoot td.money'), '$73,620.00');
  // On screen the office's notes come first; the patient's pages follow.
  assert.equal(await page.isVisible('section.office'), true);
  fs.mkdirSync(out, { recursive: true });
  await page.screenshot({ path: path.join(out, 'gfe.png'), fullPage: true });
  await page.close();
});

test('printed on US Letter: no table wider than the page, a page break before each estimate, no office notes',
     async () => {
  const page = await browser.newPage({ viewport: { width: printableWidth, height: 960 } });
  await page.setContent(html, { waitUntil: 'load' });
  await page.emulateMedia({ media: 'print' });
  const layout = await page.evaluate(() => ({
    width: document.documentElement.clientWidth,
    tables: [...document.querySelectorAll('table')].map((t) => ({
      width: t.getBoundingClientRect().width,
      right: t.getBoundingClientRect().right,
      scroll: t.scrollWidth,
      // A cell whose content is wider than the cell would be cut off on paper.
      clipped: [...t.querySelectorAll('td, th')].filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent),
    })),
    breaks: [...document.querySelectorAll('section.part')].map((s) => getComputedStyle(s).breakBefore),
    office: getComputedStyle(document.querySelector('section.office')).display,
  }));
  assert.equal(layout.width, printableWidth);
  assert.ok(layout.tables.length >= 8, `${layout.tables.length} tables`);
  for (const t of layout.tables) {
    assert.ok(t.right <= printableWidth + 0.5 && t.scroll <= printableWidth, JSON.stringify(t));
    assert.deepEqual(t.clipped, []);
  }
  assert.deepEqual(layout.breaks, ['page', 'page']);
  assert.equal(layout.office, 'none');
  // Chromium's own print to PDF on US Letter: the course summary, then each estimate from a new page.
  const pdf = await page.pdf({ format: 'Letter', preferCSSPageSize: true, printBackground: true });
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'gfe.pdf'), pdf);
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.ok(pages >= 3, `${pages} pages`);
  await page.close();
});
