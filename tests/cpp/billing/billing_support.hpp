#pragma once
// Shared set-up for the billing tests: amounts and dates from text, a course of program A, and the
// commercial coverage most tests start from.

#include "iop/billing/coverage.hpp"
#include "iop/plan/treatment_plan.hpp"

namespace iop::billing_testing {

inline Money m(const char* text) { return Money::parse(text); }
inline Date d(const char* text) { return parse_date(text); }

/// Program A (la-depression-iop), the morning track, @p days a week for @p weeks weeks from @p start.
inline TreatmentPlan plan(int days, Date start = parse_date("2026-03-02"), int weeks = 8) {
  TreatmentPlan p;
  p.id = "est";
  p.patient_id = "p";
  p.program_id = "la-depression-iop";
  p.start_date = start;
  p.weeks = weeks;
  p.days_per_week = days;
  p.track = "morning";
  return p;
}

/// A $500 deductible, 20% coinsurance and a $3,000 out-of-pocket maximum, in network.
inline Coverage commercial() {
  Coverage c;
  c.payer = PayerType::commercial;
  c.in_network.deductible_individual = m("$500");
  c.in_network.coinsurance = Rate::percent(20);
  c.in_network.oop_individual = m("$3,000");
  return c;
}

}  // namespace iop::billing_testing
