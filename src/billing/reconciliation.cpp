#include "iop/billing/reconciliation.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "iop/billing/good_faith_estimate.hpp"
#include "iop/core/error.hpp"
#include "iop/core/json.hpp"
#include "declared.hpp"

namespace iop {
namespace {

std::string adjustment_text(const Adjustment& a) {
  std::string text = std::string(to_code(a.group)) + "-" + a.reason;
  const auto description = reason_description(a.reason);
  if (!description.empty()) text.append(" (").append(description).append(")");
  return text;
}

// The actual side of a line from its remitted service line.
void fill_actual(ReconciledLine& r, const RemittanceLine& line) {
  r.billed_charge = line.charge;
  r.actual_plan = line.paid;
  r.actual_patient = line.patient();
  r.actual_deductible = line.adjusted(AdjustmentGroup::patient, "1");
  r.actual_coinsurance = line.adjusted(AdjustmentGroup::patient, "2");
  r.actual_copay = line.adjusted(AdjustmentGroup::patient, "3");
  const Money reductions = line.adjusted(AdjustmentGroup::contractual) + line.adjusted(AdjustmentGroup::other) +
                           line.adjusted(AdjustmentGroup::payer_initiated);
  r.actual_allowed = line.allowed.value_or(line.charge - reductions);
  const bool denied = line.paid.is_zero() && r.actual_patient.is_zero() && !reductions.is_zero() &&
                      std::none_of(line.adjustments.begin(), line.adjustments.end(),
                                   [](const Adjustment& a) { return a.reason == "45"; });
  r.status = denied ? "denied" : "paid";
}

void fill_expected(ReconciledLine& r, const AdjudicatedLine& line) {
  r.expected_charge = line.charge.charge;
  r.expected_allowed = line.allowed;
  r.expected_plan = line.plan;
  r.expected_patient = line.patient;
  r.expected_deductible = line.deductible;
  r.expected_coinsurance = line.coinsurance;
  r.expected_copay = line.copay;
}

void explain(ReconciledLine& r, const RemittanceLine* line) {
  if (r.status == "not_remitted") {
    r.explanations.push_back("not on the remittance: not billed yet, or paid on another remittance");
    return;
  }
  if (r.status == "not_estimated") r.explanations.emplace_back("billed but not in the estimate");
  if (r.status == "denied") {
    std::string reasons;
    for (const auto& a : line->adjustments) reasons.append(reasons.empty() ? "" : ", ").append(adjustment_text(a));
    r.explanations.push_back("denied: " + reasons + "; the estimate expected the plan to pay " + r.expected_plan.to_string() +
                             " and the patient " + r.expected_patient.to_string());
    return;
  }
  if (r.status == "paid" && r.actual_allowed != r.expected_allowed) {
    std::string reasons;
    for (const auto& a : line->adjustments)
      if (a.group != AdjustmentGroup::patient) reasons.append(reasons.empty() ? "" : ", ").append(adjustment_text(a));
    r.explanations.push_back("the payer allowed " + r.actual_allowed.to_string() + " where the estimate allowed " +
                             r.expected_allowed.to_string() + (reasons.empty() ? "" : ": " + reasons));
  }
  auto component = [&](Money expected, Money actual, const char* what) {
    if (expected != actual && r.status == "paid")
      r.explanations.push_back(std::string(what) + " " + actual.to_string() + " where the estimate expected " +
                               expected.to_string());
  };
  component(r.expected_deductible, r.actual_deductible, "deductible");
  component(r.expected_coinsurance, r.actual_coinsurance, "coinsurance");
  component(r.expected_copay, r.actual_copay, "copay");
}

struct Remitted {
  const RemittanceLine* line;
  bool used = false;
};

// The accumulators after the remittance, from the actual amounts (see the header), and the deductible
// met elsewhere: the payer began coinsurance or paying while this count still had deductible left.
void bring_accumulators_up_to_date(Reconciliation& out, const std::vector<Remitted>& remitted, const Coverage& coverage) {
  Accumulators a = coverage.accumulators.value_or(Accumulators{});
  if (remitted.empty()) {
    out.accumulators = a;
    return;
  }
  const Money deductible = coverage.in_network.deductible_individual;
  const bool copay_first = coverage.in_network.copay_before_deductible;
  Money deductible_applied;
  Money cost_sharing;
  int visits = 0;
  bool beyond_deductible = false;
  for (const auto& m : remitted) {
    const auto& line = *m.line;
    const Money pr1 = line.adjusted(AdjustmentGroup::patient, "1");
    const Money pr2 = line.adjusted(AdjustmentGroup::patient, "2");
    const Money pr3 = line.adjusted(AdjustmentGroup::patient, "3");
    deductible_applied += pr1;
    cost_sharing += pr1 + pr2 + pr3;
    const bool denied = line.paid.is_zero() && (pr1 + pr2 + pr3).is_zero();
    if (!denied) ++visits;
    const bool past = !pr2.is_zero() || (!copay_first && !pr3.is_zero()) || !line.paid.is_zero();
    if (!beyond_deductible && past && !deductible.is_zero()) {
      beyond_deductible = true;
      const Money counted = a.deductible_individual + deductible_applied;
      if (counted < deductible) {
        out.deductible_met_elsewhere = deductible - counted;
        out.explanations.push_back(
            out.deductible_met_elsewhere.to_string() + " of the individual deductible was met elsewhere: the accumulators" +
            (coverage.accumulators ? " of " + to_iso_string(coverage.accumulators->as_of) : std::string()) + " showed " +
            a.deductible_individual.to_string() + " met, this remittance applies " + deductible_applied.to_string() +
            " up to " + to_iso_string(line.date) + ", when the payer's deductible of " + deductible.to_string() +
            " was already met");
      }
    }
  }
  a.deductible_individual += deductible_applied + out.deductible_met_elsewhere;
  a.deductible_family += deductible_applied + out.deductible_met_elsewhere;
  a.oop_individual += cost_sharing + out.deductible_met_elsewhere;
  a.oop_family += cost_sharing + out.deductible_met_elsewhere;
  a.visits_used += visits;
  a.as_of = remitted.back().line->date + boost::gregorian::days(1);
  out.accumulators = a;
}

}  // namespace

GfeCheck gfe_dispute_check(Money expected_charges, Money billed_charges, Date billed_on) {
  GfeCheck c;
  c.expected_charges = expected_charges;
  c.billed_charges = billed_charges;
  c.excess = billed_charges - expected_charges;
  c.eligible = c.excess >= gfe_dispute_amount();
  c.billed_on = billed_on;
  // 149.620(c): within 120 calendar days of receiving the initial bill; counted from its date.
  c.dispute_deadline = billed_on + boost::gregorian::days(120);
  c.explanation = c.eligible
                      ? "billed charges " + billed_charges.to_string() + " are " + c.excess.to_string() +
                            " above the Good Faith Estimate's " + expected_charges.to_string() +
                            ", at least $400.00 more (45 CFR 149.620): the patient may start the patient-provider dispute "
                            "resolution process within 120 calendar days of receiving the initial bill, by " +
                            to_iso_string(c.dispute_deadline) + " counted from the bill's date"
                      : "billed charges " + billed_charges.to_string() + " are not $400.00 or more above the Good Faith "
                            "Estimate's " + expected_charges.to_string() +
                            " (45 CFR 149.620): the patient-provider dispute resolution process is not available";
  return c;
}

Reconciliation reconcile(const CostEstimate& estimate, const Remittance& remittance, const Coverage& coverage,
                         const std::optional<GfeTerms>& gfe) {
  Reconciliation out;
  std::vector<Remitted> remitted;
  for (const auto& claim : remittance.claims)
    for (const auto& line : claim.lines) remitted.push_back({&line});
  std::stable_sort(remitted.begin(), remitted.end(),
                   [](const Remitted& a, const Remitted& b) { return a.line->date < b.line->date; });
  for (const auto& e : estimate.lines) {
    ReconciledLine r;
    r.date = e.charge.date;
    r.code = e.charge.code;
    fill_expected(r, e);
    const RemittanceLine* match = nullptr;
    for (auto& m : remitted)
      if (!m.used && m.line->date == r.date && m.line->code == r.code) {
        m.used = true;
        match = m.line;
        break;
      }
    r.status = "not_remitted";
    if (match != nullptr) fill_actual(r, *match);
    explain(r, match);
    out.lines.push_back(std::move(r));
  }
  for (const auto& m : remitted) {
    if (m.used) continue;
    ReconciledLine r;
    r.date = m.line->date;
    r.code = m.line->code.empty() ? m.line->revenue_code : m.line->code;
    fill_actual(r, *m.line);
    if (r.status == "paid") r.status = "not_estimated";
    explain(r, m.line);
    out.lines.push_back(std::move(r));
  }
  std::stable_sort(out.lines.begin(), out.lines.end(),
                   [](const ReconciledLine& a, const ReconciledLine& b) { return a.date < b.date; });
  for (const auto& r : out.lines) {
    out.expected_charges += r.expected_charge;
    out.billed_charges += r.billed_charge;
    out.expected_plan += r.expected_plan;
    out.actual_plan += r.actual_plan;
    out.expected_patient += r.expected_patient;
    out.actual_patient += r.actual_patient;
  }
  for (const auto& p : remittance.provider_adjustments) {
    out.provider_adjustments += p.amount;
    out.explanations.push_back("the payer adjusted " + p.amount.to_string() + " at the provider level (PLB " + p.reason +
                               (p.reference.empty() ? "" : " " + p.reference) +
                               "): it belongs to no line of this estimate");
  }
  for (const auto& w : remittance.warnings) out.explanations.push_back(w);
  bring_accumulators_up_to_date(out, remitted, coverage);
  if (gfe) {
    Money billed;
    for (const auto& claim : remittance.claims) billed += claim.charge;
    out.gfe = gfe_dispute_check(gfe->expected_charges, billed, gfe->billed_on);
  }
  return out;
}

}  // namespace iop

namespace iop {
namespace {

// The expected and actual amounts of a line are written alike: the two declarations must agree.
static_assert(decl::reconciliation_line_expected::members == decl::reconciliation_line_actual::members);

nlohmann::json line_json(const ReconciledLine& r) {
  // Every member named through its declaration (declarations/reconciliation.py).
  namespace L = decl::reconciliation_line;
  namespace A = decl::reconciliation_line_expected;
  using decl::key;
  return {{key(L::date), r.date},
          {key(L::code), r.code},
          {key(L::status), r.status},
          {key(L::expected),
           {{key(A::charge), r.expected_charge}, {key(A::allowed), r.expected_allowed}, {key(A::plan), r.expected_plan},
            {key(A::patient), r.expected_patient}, {key(A::deductible), r.expected_deductible},
            {key(A::coinsurance), r.expected_coinsurance}, {key(A::copay), r.expected_copay}}},
          {key(L::actual),
           {{key(A::charge), r.billed_charge}, {key(A::allowed), r.actual_allowed}, {key(A::plan), r.actual_plan},
            {key(A::patient), r.actual_patient}, {key(A::deductible), r.actual_deductible},
            {key(A::coinsurance), r.actual_coinsurance}, {key(A::copay), r.actual_copay}}},
          {key(L::plan_difference), r.actual_plan - r.expected_plan},
          {key(L::patient_difference), r.actual_patient - r.expected_patient},
          {key(L::explanations), r.explanations}};
}

}  // namespace

nlohmann::json to_json(const Reconciliation& r) {
  namespace R = decl::reconciliation;
  namespace T = decl::reconciliation_totals;
  namespace AC = decl::reconciliation_accumulators;
  namespace G = decl::reconciliation_gfe_check_option1;
  using decl::key;
  auto lines = nlohmann::json::array();
  for (const auto& l : r.lines) lines.push_back(line_json(l));
  const auto& a = r.accumulators;
  nlohmann::json j{
      {key(R::lines), std::move(lines)},
      {key(R::totals),
       {{key(T::expected_charges), r.expected_charges}, {key(T::billed_charges), r.billed_charges},
        {key(T::expected_plan), r.expected_plan}, {key(T::actual_plan), r.actual_plan},
        {key(T::plan_difference), r.actual_plan - r.expected_plan}, {key(T::expected_patient), r.expected_patient},
        {key(T::actual_patient), r.actual_patient}, {key(T::patient_difference), r.actual_patient - r.expected_patient},
        {key(T::provider_adjustments), r.provider_adjustments},
        {key(T::deductible_met_elsewhere), r.deductible_met_elsewhere}}},
      {key(R::explanations), r.explanations},
      {key(R::accumulators),
       {{key(AC::as_of), a.as_of.is_not_a_date() ? nlohmann::json(nullptr) : nlohmann::json(a.as_of)},
        {key(AC::deductible_individual), a.deductible_individual}, {key(AC::deductible_family), a.deductible_family},
        {key(AC::oop_individual), a.oop_individual}, {key(AC::oop_family), a.oop_family},
        {key(AC::visits_used), a.visits_used}}}};
  if (r.gfe) {
    const auto& g = *r.gfe;
    j[key(R::gfe_check)] = {{key(G::expected_charges), g.expected_charges}, {key(G::billed_charges), g.billed_charges},
                            {key(G::excess), g.excess}, {key(G::threshold), gfe_dispute_amount()},
                            {key(G::eligible), g.eligible}, {key(G::billed_on), g.billed_on},
                            {key(G::dispute_deadline), g.dispute_deadline}, {key(G::explanation), g.explanation}};
  } else {
    j[key(R::gfe_check)] = nullptr;
  }
  return j;
}

}  // namespace iop
