// The plain-text reports of results (iop/io/text_reports.hpp): what `"format": "text"` answers.

#include "iop/io/text_reports.hpp"

#include <sstream>

#include "iop/clinical/level_of_care.hpp"
#include "iop/core/zoned_time.hpp"

namespace iop {
namespace {

// Minutes as hours and tenths, the tenths cut (not rounded): 180 is "3", 150 is "2.5".
std::string format_hours(int minutes) {
  std::string text = std::to_string(minutes / 60);
  if (minutes % 60 != 0) text.append(".").append(std::to_string(minutes % 60 * 10 / 60));
  return text;
}

std::string payers(const ProgramTemplate& p) {
  std::string out;
  for (auto payer : {PayerType::commercial, PayerType::medicare, PayerType::medicaid, PayerType::self_pay})
    out += (out.empty() ? "" : ", ") + std::string(to_string(payer)) + " " + std::string(to_string(p.payer_acceptance(payer)));
  return out;
}

void list(std::ostringstream& text, const char* title, const std::vector<std::string>& items) {
  if (items.empty()) return;
  text << title << ":\n";
  for (const auto& i : items) text << "  " << i << "\n";
}

std::string optional_text(const std::optional<Money>& m) { return m ? m->to_string() : "not stated"; }

}  // namespace

std::string to_text(const std::vector<ProgramTemplate>& catalog) {
  std::ostringstream text;
  for (const auto& p : catalog) {
    text << p.id << ": " << p.name << "\n"
         << "  " << to_string(p.level_of_care) << " (" << to_string(p.age_group) << "), " << format_hours(p.minutes_per_day)
         << " h a day, " << p.days_per_week.min << "-" << p.days_per_week.max << " days a week ("
         << format_hours(p.weekly_minutes(p.days_per_week.min)) << "-" << format_hours(p.weekly_minutes(p.days_per_week.max))
         << " h), " << p.duration.describe() << " weeks\n  tracks:";
    for (const auto& t : p.tracks) text << " " << t.name << " " << t.start.to_string();
    text << " (" << p.tracks.front().zone.name() << ")\n  delivery:";
    for (const auto& d : p.delivery) {
      text << " " << to_string(d.kind);
      if (d.site) text << " in " << d.site->state;
      for (const auto& s : d.telehealth_states) text << " " << s;
    }
    text << "\n  payers: " << payers(p) << "\n";
    if (p.taper) text << "  taper: last " << p.taper->final_weeks << " weeks at " << p.taper->days_per_week << " days\n";
    if (p.published_monthly_cost)
      text << "  published cost: " << p.published_monthly_cost->low.to_string() << " to "
           << p.published_monthly_cost->high.to_string() << " a month\n";
  }
  return text.str();
}

std::string to_text(const TreatmentPlan& plan, const ProgramTemplate& program, const PlanCheck& check) {
  std::ostringstream text;
  const auto& track = program.track(plan.track);
  text << "Plan " << plan.id << " for patient " << plan.patient_id << ": valid\n"
       << "  program   " << program.name << " (" << to_string(plan.level_of_care) << ", ASAM "
       << asam_level(plan.level_of_care) << ")\n"
       << "  diagnosis " << plan.primary_diagnosis.str();
  if (auto info = find_condition(plan.primary_diagnosis)) text << " " << info->description;
  text << "\n  course    " << to_iso_string(plan.start_date) << " to " << to_iso_string(check.end_date) << ", "
       << plan.weeks << " weeks" << (check.extended ? " (extended)" : "") << ", " << plan.days_per_week
       << " days a week, " << track.name << " track at " << track.start.to_string() << " " << track.zone.name() << "\n"
       << "  hours     " << format_hours(check.weekly_minutes) << " h a week ("
       << (check.within_bounds ? "within " : "OUTSIDE ") << check.bounds.describe() << ")\n"
       << "  review    every " << plan.review_every_days << " days\n";
  for (const auto& f : check.findings) text << "  finding   " << f.field << ": " << f.message << "\n";
  return text.str();
}

std::string to_text(const Recommendation& r) {
  std::ostringstream text;
  text << "Recommended level of care: ";
  if (r.level)
    text << to_string(*r.level) << " (ASAM " << asam_level(*r.level) << ", LOCUS " << locus_level(*r.level) << ")\n";
  else
    text << "none\n";
  text << "Decision support only, not a diagnosis. Rules " << r.rules_version << ".\n";
  for (const auto& reason : r.reasons) {
    text << (reason.decisive ? "  * " : "  - ") << reason.rule_id;
    if (reason.proposes) text << " -> " << to_string(*reason.proposes);
    text << ": " << reason.text << "\n      source: " << reason.source << "\n";
  }
  return text.str();
}

// A review as the team reads it: warnings first, then where the patient stands and why.
std::string to_text(const PlanReview& r) {
  std::ostringstream text;
  for (const auto& w : r.warnings) text << "WARNING: " << w << "\n";
  text << "Status: " << to_string(r.status) << "\n";
  for (const auto& reason : r.reasons) text << "  - " << reason << "\n";
  text << "Next review: " << to_iso_string(r.next_review) << "\n";
  return text.str();
}

std::string to_text(const SessionCalendar& calendar) {
  std::ostringstream text;
  const auto totals = calendar_totals(calendar);
  text << "Calendar of plan " << calendar.plan_id << ": " << calendar.program_name << ", " << to_iso_string(calendar.start_date)
       << " to " << to_iso_string(calendar.planned_end) << " (" << calendar.weeks << " weeks), holidays: "
       << calendar.holiday_calendar << ", policy " << to_string(calendar.holiday_policy) << "\n";
  for (const auto& s : calendar.sessions) {
    text << "  " << to_iso_string(s.date) << " " << s.start.local().date().day_of_week().as_short_string() << " "
         << s.start.to_string().substr(11, 5) << "-" << s.end.to_string().substr(11, 5) << " "
         << s.start.abbreviation() << "  " << to_string(s.kind) << " (" << s.minutes() << " min) " << to_string(s.status);
    if (!s.note.empty()) text << "  [" << s.note << "]";
    text << "\n";
  }
  for (const auto& g : calendar.gaps) text << "  gap: " << g.describe() << "\n";
  for (const auto& e : calendar.events)
    if (e.kind == CalendarEvent::Kind::review) text << "  " << to_iso_string(e.date) << " review due: " << e.note << "\n";
  text << "Weeks (" << weekly_hours_bounds(calendar.level_of_care, calendar.age_group).describe() << "):\n";
  for (const auto& w : weekly_hours(calendar)) {
    text << "  week " << w.week + 1 << " " << to_iso_string(w.first_day) << (w.phase.empty() ? "" : " (" + w.phase + ")")
         << ": " << format_hours(w.scheduled_minutes)
         << " h scheduled, " << format_hours(w.attended_minutes) << " h attended"
         << (w.within_bounds ? "" : "  OUTSIDE BOUNDS");
    for (const auto& c : w.causes) text << "  [" << c << "]";
    text << "\n";
  }
  text << "Totals: " << totals.sessions << " sessions (" << totals.program_days << " program days), "
       << format_hours(totals.scheduled_minutes) << " h scheduled, " << format_hours(totals.attended_minutes)
       << " h attended, " << totals.billable_days << " billable days; services per day: "
       << totals.days_with_fewer_than_3_services << " under 3, " << totals.days_with_3_services << " with 3, "
       << totals.days_with_4_or_more_services << " with 4 or more\n";
  return text.str();
}

std::string to_text(const TreatmentPlan& plan, const ProgramTemplate& program, const FeeSchedule& fees,
                          const CostEstimate& estimate, const std::optional<MonteCarloResult>& simulation) {
  std::ostringstream text;
  text << "Estimate for plan " << plan.id << ": " << program.name << ", " << estimate.lines.size() << " lines ("
       << fees.id << ")\n";
  // Warnings first: they change how every figure below is read.
  for (const auto& w : estimate.warnings) text << "  warning: " << w << "\n";
  text << "  charges " << estimate.charges.to_string() << ", allowed " << estimate.allowed.to_string() << ", plan pays "
       << estimate.plan.to_string();
  if (!estimate.secondary.is_zero()) text << ", secondary pays " << estimate.secondary.to_string();
  text << ", patient pays " << estimate.patient.to_string() << (estimate.self_pay ? " (self-pay)" : "");
  if (!estimate.balance_billed.is_zero()) text << " (of which " << estimate.balance_billed.to_string() << " balance billed)";
  if (!estimate.write_off.is_zero()) text << ", provider writes off " << estimate.write_off.to_string();
  text << "\n";
  text << "By month:\n";
  for (const auto& m : estimate.months)
    text << "  " << m.period << ": " << m.days << " days, charges " << m.charges.to_string() << ", patient "
         << m.patient.to_string() << "\n";
  if (simulation)
    text << "Monte Carlo (" << simulation->runs << " runs, seed " << simulation->seed << ", "
         << (simulation->length_of_stay == LengthOfStay::plan
                 ? "the plan's " + std::to_string(simulation->min_weeks) + " weeks"
                 : "stays uniform over " + std::to_string(simulation->min_weeks) + ".." +
                       std::to_string(simulation->max_weeks) + " weeks")
         << "): patient P10/P50/P90 "
         << simulation->patient_p10.to_string() << " / " << simulation->patient_p50.to_string() << " / "
         << simulation->patient_p90.to_string() << "; charges " << simulation->charges_p10.to_string() << " / "
         << simulation->charges_p50.to_string() << " / " << simulation->charges_p90.to_string() << "\n";
  return text.str();
}

std::string to_text(const std::vector<x12::Benefits>& patients) {
  std::ostringstream text;
  for (std::size_t i = 0; i < patients.size(); ++i) {
    const auto& b = patients[i];
    text << "Benefits " << i + 1 << " of " << patients.size() << " from " << b.payer_name << ", as of "
         << to_iso_string(b.response_date) << "\n";
    // What the 271 leaves unsaid comes first: it changes how every figure below is read.
    list(text, "Not stated", b.not_stated);
    list(text, "Conflicts", b.conflicts);
    list(text, "Notes", b.notes);
    for (const auto* tier : {&b.in_network, &b.out_of_network}) {
      text << (tier == &b.in_network ? "In network" : "Out of network") << ": deductible "
           << optional_text(tier->deductible_individual) << " individual (" << optional_text(tier->deductible_individual_remaining)
           << " remaining), " << optional_text(tier->deductible_family) << " family ("
           << optional_text(tier->deductible_family_remaining) << " remaining); out-of-pocket maximum "
           << optional_text(tier->oop_individual) << " individual (" << optional_text(tier->oop_individual_remaining)
           << " remaining), " << optional_text(tier->oop_family) << " family ("
           << optional_text(tier->oop_family_remaining) << " remaining); coinsurance "
           << (tier->coinsurance ? tier->coinsurance->to_string() : "not stated") << "; copay "
           << optional_text(tier->copay) << "; visit limit "
           << (tier->visit_limit ? std::to_string(*tier->visit_limit) : "not stated") << "\n";
    }
    text << "Prior authorisation: "
         << (b.prior_authorization ? (*b.prior_authorization ? "required" : "not required") : "not stated") << "\n";
    list(text, "Messages", b.messages);
  }
  return text.str();
}

std::string to_text(const Reconciliation& r) {
  std::ostringstream text;
  text << "Reconciliation: expected plan " << r.expected_plan.to_string() << ", actual " << r.actual_plan.to_string()
       << "; expected patient " << r.expected_patient.to_string() << ", actual " << r.actual_patient.to_string() << "\n";
  list(text, "Over the remittance", r.explanations);
  for (const auto& l : r.lines) {
    text << "  " << to_iso_string(l.date) << " " << l.code << " " << l.status << ": plan " << l.expected_plan.to_string()
         << " -> " << l.actual_plan.to_string() << ", patient " << l.expected_patient.to_string() << " -> "
         << l.actual_patient.to_string() << "\n";
    for (const auto& e : l.explanations) text << "      " << e << "\n";
  }
  const auto& a = r.accumulators;
  text << "Accumulators as of " << (a.as_of.is_not_a_date() ? std::string("-") : to_iso_string(a.as_of))
       << ": deductible " << a.deductible_individual.to_string() << " individual, " << a.deductible_family.to_string()
       << " family; out of pocket " << a.oop_individual.to_string() << " individual, " << a.oop_family.to_string()
       << " family; " << a.visits_used << " visits\n";
  if (r.gfe) text << "Good Faith Estimate: " << r.gfe->explanation << "\n";
  return text.str();
}

}  // namespace iop
