// The page's logic: read the form, make two document-API requests (calendar.build and
// estimate) to the WebAssembly module, and show the answers. Every value is written
// with textContent, never as markup.
'use strict';

const form = document.getElementById('course');
const button = document.getElementById('compute');
const show = (id, visible) => { document.getElementById(id).hidden = !visible; };
const text = (id, value) => { document.getElementById(id).textContent = value; };
const dollars = (plain) => '$' + Number(plain).toLocaleString('en-US', { minimumFractionDigits: 2 });

function plan(fields) {
  return {
    id: 'web-plan', patient_id: 'web-patient',
    diagnoses: { primary: 'F33.1' },
    level_of_care: 'IOP', program: 'la-depression-iop',
    start_date: fields.get('start_date'),
    weeks: Number(fields.get('weeks')),
    days_per_week: Number(fields.get('days_per_week')),
    track: fields.get('track'),
    delivery: { mode: 'in_person' },
    payer: 'commercial',
  };
}

function coverage(fields) {
  return {
    payer: 'commercial', network: 'in_network', plan_year_start: '2026-01-01',
    deductible: { individual: fields.get('deductible') },
    coinsurance: fields.get('coinsurance'),
    out_of_pocket_max: { individual: fields.get('oop') },
  };
}

function call(iop, operation, request) {
  const response = JSON.parse(iop.call(operation, JSON.stringify({ api_version: 1, ...request })));
  if (response.error) throw response.error;
  return response.result;
}

function render(calendar, estimate) {
  const rows = document.getElementById('sessions');
  rows.replaceChildren();
  for (const s of calendar.sessions) {
    const row = rows.insertRow();
    row.className = s.kind;
    const local = s.start.local;
    const cells = [s.date, new Date(s.date + 'T12:00:00Z').toLocaleDateString('en-US', { weekday: 'short', timeZone: 'UTC' }),
                   local.slice(11, 16) + ' ' + s.start.offset, s.kind.replaceAll('_', ' '), String(s.minutes)];
    for (const value of cells) row.insertCell().textContent = value;
  }
  text('summary', `(${calendar.totals.sessions} sessions, ${calendar.totals.program_days} program days, ` +
                  `${calendar.gaps.length} holiday gaps)`);
  text('charges', dollars(estimate.totals.charges));
  text('plan-pays', dollars(estimate.totals.plan));
  text('patient-pays', dollars(estimate.totals.patient));
  const warnings = document.getElementById('warnings');
  warnings.replaceChildren(...estimate.warnings.map((w) => Object.assign(document.createElement('li'), { textContent: w })));
  show('calendar', true);
  show('estimate', true);
}

createIop().then((iop) => {
  button.disabled = false;
  button.textContent = 'Compute';
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const fields = new FormData(form);
    show('error', false);
    try {
      const thePlan = plan(fields);
      const calendar = call(iop, 'calendar.build', { plan: thePlan });
      const estimate = call(iop, 'estimate', {
        case: { plan: thePlan, coverage: coverage(fields),
                fee_schedule: { id: 'web', basis: 'per_diem', per_diem: fields.get('per_diem'), source: 'the form' } },
      });
      render(calendar, estimate);
      document.body.dataset.state = 'computed';
    } catch (error) {
      show('calendar', false);
      show('estimate', false);
      text('error', error.message ?? String(error));
      show('error', true);
      document.body.dataset.state = 'refused';
    }
  });
  document.body.dataset.state = 'ready';
});
