// iop's FHIR R4 output through the C ABI, checked by the npm `fhir` validator (R4 structure definitions): the
// plan's Bundle (plan.fhir), the calendar's (calendar.build, format fhir) and an episode's as of a day
// (episode.state, format fhir: the CarePlan brought to the day and an Observation per PHQ-9 and GAD-7). The
// validator ships no LOINC, ICD-10-CM or HCPCS code system, so a code "not found in value set" is its only
// warning allowed; anything else (an unexpected property, a wrong type, a bad code of a FHIR value set) fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fhirPackage from 'fhir';
import { call, OK } from './iop.mjs';

const { Fhir } = fhirPackage;
const validator = new Fhir();
const here = path.dirname(fileURLToPath(import.meta.url));
const examples = process.env.IOP_EXAMPLES ?? path.join(here, '..', '..', '..', 'examples');
const example = (name) => JSON.parse(fs.readFileSync(path.join(examples, name), 'utf8'));

function bundle(operation, request) {
  const { status, body } = call(operation, JSON.stringify({ api_version: 1, ...request }));
  assert.equal(status, OK, body);
  return JSON.parse(body).result;
}

function assertValid(resource) {
  const { valid, messages } = validator.validate(resource);
  const problems = messages.filter((m) => m.severity !== 'info' && !/not found in value set/.test(m.message));
  assert.deepEqual(problems, []);
  assert.equal(valid, true);
}

test('the plan as FHIR', () => assertValid(bundle('plan.fhir', { plan: example('plan.json') })));

test('the calendar as FHIR', () =>
  assertValid(bundle('calendar.build', { plan: example('plan.json'), format: 'fhir' })));

test('an episode as FHIR: the CarePlan as of the day and an Observation per measure', () => {
  const episode = bundle('episode.state', { episode: example('episode.json'), as_of: '2026-04-20', format: 'fhir' });
  assertValid(episode);
  const resources = episode.entry.map((e) => e.resource);
  const carePlan = resources.find((r) => r.resourceType === 'CarePlan');
  assert.equal(carePlan.status, 'completed');
  assert.equal(carePlan.period.end, '2026-04-17');
  // The baseline and five PHQ-9s, and one GAD-7: 7 Observations, each supporting the CarePlan.
  const observations = resources.filter((r) => r.resourceType === 'Observation');
  assert.deepEqual(observations.map((o) => o.valueInteger), [18, 17, 14, 9, 11, 8, 4]);
  assert.equal(carePlan.supportingInfo.length, 7);
  // The PHQ-9 of 2026-03-19 answered item by item: nine components, item 9 (44260-8) answered 1.
  const items = observations[2].component;
  assert.equal(items.length, 9);
  assert.deepEqual(items[8], { code: { coding: [{ code: '44260-8', system: 'http://loinc.org' }] }, valueInteger: 1 });
});
