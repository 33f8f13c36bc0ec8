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

// The X12 example course (examples/x12): requests built by concatenation, exactly as
// tests/embed/compare_responses.py builds them for the byte comparison.
const x12 = (name) => fs.readFileSync(path.join(examples, 'x12', name), 'utf8');
const x12Requests = () => {
  const caseText = x12('case.json').replace(/^\{/, `{"benefits_271":${JSON.stringify(x12('benefits.271'))},`);
  return {
    'x12.benefits': `{"api_version":1,"x12":${JSON.stringify(x12('benefits.271'))}}`,
    'x12.remittance': `{"api_version":1,"x12":${JSON.stringify(x12('remittance.835'))}}`,
    'remittance.reconcile': `{"api_version":1,"case":${caseText},"x12":${JSON.stringify(x12('remittance.835'))}}`,
  };
};

test('the X12 example course: benefits, remittance and reconciliation', () => {
  // Worked by hand in tests/cpp/api/test_x12_api.cpp and tests/cpp/io/test_x12_*.cpp.
  const requests = x12Requests();
  const benefits = call('x12.benefits', requests['x12.benefits'], 'x12.benefits').result.patients[0];
  assert.equal(benefits.in_network.deductible_individual_met, '250.00');
  const remittance = call('x12.remittance', requests['x12.remittance'], 'x12.remittance').result;
  assert.equal(remittance.payment.total, '2600.00');
  const reconciled = call('remittance.reconcile', requests['remittance.reconcile'], 'remittance.reconcile').result;
  assert.equal(reconciled.totals.expected_patient, '2098.00');
  assert.equal(reconciled.totals.actual_patient, '1706.00');
  assert.equal(reconciled.totals.deductible_met_elsewhere, '200.00');
});

// The episode and the cohort examples: requests built by concatenation, exactly as tests/embed/compare_responses.py
// builds them for the byte comparison.
const example = (name) => fs.readFileSync(path.join(examples, name), 'utf8');
const courseRequests = () => ({
  'episode.state': `{"api_version":1,"as_of":"2026-04-10","episode":${example('episode.json')}}`,
  'episode.review': `{"api_version":1,"as_of":"2026-04-20","episode":${example('episode.json')}}`,
  'outcomes.cohort': example('outcomes.json'),
});

test('the episode and the cohort: state, reviews and outcome measures', () => {
  // Worked by hand in tests/cpp/episode/test_episode.cpp and test_cohort_outcomes.cpp.
  const requests = courseRequests();
  const state = call('episode.state', requests['episode.state'], 'episode.state').result;
  assert.equal(state.costs.total.patient, '2480.00');
  const reviews = call('episode.review', requests['episode.review'], 'episode.review').result.reviews;
  assert.deepEqual(reviews.map((r) => r.date), ['2026-03-16', '2026-03-23', '2026-03-30', '2026-04-13']);
  const cohort = call('outcomes.cohort', requests['outcomes.cohort'], 'outcomes.cohort').result.groups[0];
  assert.equal(cohort.months_12.denominator, 13);
  assert.equal(cohort.months_12.remission, 4);
  assert.equal(cohort.months_6.response, 8);
  assert.equal(cohort.time_to_response.median_days, 56);
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
