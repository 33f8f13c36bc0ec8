// The WebAssembly module (make wasm: build/wasm/bindings/wasm/iop.js + iop.wasm) from Node.js:
// the examples through calendar.build, estimate and parity.analyse with the numbers the C++ tests
// assert (worked out by hand in tests/cpp/api/test_api.cpp), a bad request as an error object,
// and the responses written for the cross-surface byte comparison.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..', '..', '..');
const build = process.env.IOP_WASM_DIR ?? path.join(root, 'build', 'wasm', 'bindings', 'wasm');
const examples = path.join(root, 'examples');
const createIop = createRequire(import.meta.url)(path.join(build, 'iop.js'));
// Emscripten 3.1.6 fetches the .wasm with fetch(), which Node cannot do for a file path: hand it the bytes.
const iop = await createIop({ wasmBinary: fs.readFileSync(path.join(build, 'iop.wasm')) });

const wrap = (member, example) =>
  `{"api_version":1,"${member}":${fs.readFileSync(path.join(examples, example), 'utf8')}}`;

function call(operation, request, name) {
  const body = iop.call(operation, request);
  const out = process.env.IOP_EMBED_OUT;
  if (out) {
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, `${name}.json`), Buffer.from(body, 'utf8'));
  }
  return JSON.parse(body);
}

test('calendar of the example plan', () => {
  // 8 weeks x Mon/Wed/Fri from 2026-03-02, no federal holiday in the course: 24 program days and
  // 4 medication visits; 24 x 180 + 4 x 30 = 4,440 minutes; 18:00 PST on 2026-03-02 = 02:00Z.
  const { result } = call('calendar.build', wrap('plan', 'plan.json'), 'calendar.build');
  assert.equal(result.totals.program_days, 24);
  assert.equal(result.totals.sessions, 28);
  assert.equal(result.totals.scheduled_minutes, 4440);
  assert.equal(result.sessions[0].start.utc, '2026-03-03T02:00:00Z');
});

test('estimate of the example case', () => {
  // 36 program days x $300 + 6 visits x $130 = $11,580; $1,250 deductible + 20% of $10,330 = $3,316.
  const { result } = call('estimate', wrap('case', 'case.json'), 'estimate');
  assert.deepEqual(result.totals, {
    allowed: '11580.00', balance_billed: '0.00', charges: '11580.00', patient: '3316.00', plan: '8264.00',
    secondary: '0.00', write_off: '0.00',
  });
});

test('parity of the example design', () => {
  // $40M of $50M have a copay: 80%; $35 on $25M of those $40M: 62.5%, the predominant level.
  const { result } = call('parity.analyse', wrap('design', 'design.json'), 'parity.analyse');
  assert.equal(result.tests[0].subject_share, '80%');
  assert.equal(result.tests[0].predominant_display, '$35.00');
  assert.equal(result.tests[0].levels[0].share, '62.5%');
});

test('a bad request is an error object, and exceptions stay inside the module', () => {
  const { error } = call('calendar.build', '{"api_version":1,"plan":{"id":"x"}}', 'calendar.build.error');
  assert.equal(error.kind, 'validation');
  assert.ok(error.field.startsWith('plan.'), error.field);
  assert.equal(JSON.parse(iop.call('version', '[' .repeat(100) + ']'.repeat(100))).error.problem, 'is nested 33 levels deep');
  assert.match(iop.version(), /^[0-9]+\.[0-9]+\.[0-9]+$/);
});

test('the module size is reported', () => {
  const bytes = fs.statSync(path.join(build, 'iop.wasm')).size;
  console.log(`iop.wasm: ${bytes} bytes; iop.js: ${fs.statSync(path.join(build, 'iop.js')).size} bytes`);
  assert.ok(bytes > 0);
});
