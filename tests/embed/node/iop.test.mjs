// The examples through calendar.build, estimate and parity.analyse with the numbers the C++ tests
// assert (worked out by hand in tests/cpp/api/test_api.cpp), and a bad request as an error object.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { call, OK, VALIDATION, NOT_FOUND, version, apiVersion } from './iop.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const examples = process.env.IOP_EXAMPLES ?? path.join(here, '..', '..', '..', 'examples');

// {"api_version":1,"<member>":<example>} by concatenation, as every language's test builds it.
const wrap = (member, example) =>
  `{"api_version":1,"${member}":${fs.readFileSync(path.join(examples, example), 'utf8')}}`;

// Calls, and writes the response where the cross-language comparison reads it (when asked).
function callAndKeep(operation, request, name) {
  const response = call(operation, request);
  const out = process.env.IOP_EMBED_OUT;
  if (out) {
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, `${name}.json`), Buffer.from(response.body, 'utf8'));
  }
  return response;
}

function result({ status, body }) {
  assert.equal(status, OK, body);
  const document = JSON.parse(body);
  assert.equal(document.api_version, 1);
  return document.result;
}

test('calendar of the example plan', () => {
  // 8 weeks x Mon/Wed/Fri from 2026-03-02, no federal holiday in the course: 24 program days and
  // 4 medication visits; 24 x 180 + 4 x 30 = 4,440 minutes; 18:00 PST on 2026-03-02 = 02:00Z.
  const calendar = result(callAndKeep('calendar.build', wrap('plan', 'plan.json'), 'calendar.build'));
  assert.equal(calendar.totals.program_days, 24);
  assert.equal(calendar.totals.sessions, 28);
  assert.equal(calendar.totals.scheduled_minutes, 4440);
  assert.equal(calendar.sessions[0].start.utc, '2026-03-03T02:00:00Z');
});

test('estimate of the example case', () => {
  // 36 program days x $300 + 6 visits x $130 = $11,580; $1,250 deductible + 20% of $10,330 = $3,316.
  const estimate = result(callAndKeep('estimate', wrap('case', 'case.json'), 'estimate'));
  assert.deepEqual(estimate.totals, {
    allowed: '11580.00', balance_billed: '0.00', charges: '11580.00', patient: '3316.00', plan: '8264.00',
    secondary: '0.00', write_off: '0.00',
  });
});

test('parity of the example design', () => {
  // $40M of $50M have a copay: 80%; $35 on $25M of those $40M: 62.5%, the predominant level.
  const report = result(callAndKeep('parity.analyse', wrap('design', 'design.json'), 'parity.analyse'));
  const copay = report.tests[0];
  assert.equal(copay.subject_share, '80%');
  assert.equal(copay.predominant_display, '$35.00');
  assert.equal(copay.levels[0].share, '62.5%');
  assert.equal(report.passes, true);
});

test('a bad request is an error object', () => {
  const { status, body } = callAndKeep('calendar.build', '{"api_version":1,"plan":{"id":"x"}}', 'calendar.build.error');
  assert.equal(status, VALIDATION);
  const { error } = JSON.parse(body);
  assert.equal(error.kind, 'validation');
  assert.ok(error.field.startsWith('plan.'), error.field);
  assert.equal(call('calendar.make', '{"api_version":1}').status, NOT_FOUND);
});

test('versions', () => {
  assert.equal(apiVersion(), 1);
  assert.match(version(), /^[0-9]+\.[0-9]+\.[0-9]+$/);
});
