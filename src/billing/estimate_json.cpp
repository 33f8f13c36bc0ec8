// An estimate's JSON, written straight from the values (core/json_writer.hpp):
// members in ascending order, as the DOM this replaced wrote them.

#include "billing/estimate_json.hpp"

#include <nlohmann/json.hpp>

#include "calendar/session_calendar_json.hpp"
#include "declared.hpp"

namespace iop {
namespace detail {
namespace {

// The members by their declared names (declarations/estimate.py): a member renamed or dropped there no
// longer compiles here.
namespace X = decl::estimate;
namespace TT = decl::estimate_totals;
namespace AC = decl::already_counted_line;
namespace PT = decl::period_totals;
namespace L = decl::line;
namespace A = decl::line_after;

void write_after(JsonWriter& out, const AccumulatorState& a) {
  out.begin_object();
  out.member(A::authorized_units_used.name, a.authorized_units_used);
  out.member(A::deductible_family.name, a.deductible_family);
  out.member(A::deductible_individual.name, a.deductible_individual);
  out.member(A::oon_deductible_family.name, a.oon_deductible_family);
  out.member(A::oon_deductible_individual.name, a.oon_deductible_individual);
  out.member(A::oon_oop_family.name, a.oon_oop_family);
  out.member(A::oon_oop_individual.name, a.oon_oop_individual);
  out.member(A::oop_family.name, a.oop_family);
  out.member(A::oop_individual.name, a.oop_individual);
  out.member(A::period_cost_sharing.name, a.period_cost_sharing);
  out.member(A::plan_year.name, a.plan_year);
  out.member(A::visits_used.name, a.visits_used);
  out.end_object();
}

void write_periods(JsonWriter& out, const std::vector<PeriodTotals>& periods) {
  out.begin_array();
  for (const auto& p : periods) {
    out.begin_object();
    out.member(PT::allowed.name, p.allowed);
    out.member(PT::charges.name, p.charges);
    out.member(PT::days.name, p.days);
    out.member(PT::patient.name, p.patient);
    out.member(PT::period.name, p.period);
    out.member(PT::plan.name, p.plan);
    out.member(PT::secondary.name, p.secondary);
    out.end_object();
  }
  out.end_array();
}

// Writes the caller's members that sort before `name`, then `name`'s key.
class MergedMembers {
 public:
  MergedMembers(JsonWriter& out, std::span<const ExtraMember> extra) : out_(out), extra_(extra) {}
  JsonWriter& key(std::string_view name) {
    flush_before(name);
    return out_.key(name);
  }
  void flush_before(std::string_view name) {
    while (next_ < extra_.size() && extra_[next_].name < name) {
      out_.key(extra_[next_].name).raw(extra_[next_].json);
      ++next_;
    }
  }
  void flush() {
    for (; next_ < extra_.size(); ++next_) out_.key(extra_[next_].name).raw(extra_[next_].json);
  }

 private:
  JsonWriter& out_;
  std::span<const ExtraMember> extra_;
  std::size_t next_ = 0;
};

}  // namespace

void write_adjudicated_lines(JsonWriter& out, const std::vector<AdjudicatedLine>& lines) {
  out.begin_array();
  for (const auto& a : lines) {
    out.begin_object();
    out.key(L::after.name);
    write_after(out, a.after);
    out.member(L::allowed.name, a.allowed);
    if (!a.authorization.empty()) out.member(L::authorization.name, a.authorization);
    out.member(L::balance_billed.name, a.balance_billed);
    out.member(L::charge.name, a.charge.charge);
    out.member(L::code.name, a.charge.code);
    out.member(L::coinsurance.name, a.coinsurance);
    out.member(L::copay.name, a.copay);
    out.member(L::covered.name, a.covered);
    out.member(L::date.name, a.charge.date);
    out.member(L::deductible.name, a.deductible);
    out.member(L::kind.name, to_string(a.charge.kind));
    out.member(L::network.name, to_string(a.network));
    if (a.not_covered != NotCovered::none) out.member(L::not_covered.name, to_string(a.not_covered));
    out.member(L::patient.name, a.patient);
    out.member(L::plan.name, a.plan);
    if (!a.protection.empty()) out.member(L::protection.name, a.protection);
    out.member(L::revenue_code.name, a.charge.revenue_code);
    out.key(L::rules.name).begin_array();
    out.string(a.charge.rule);
    for (const auto& rule : a.rules) out.string(rule);
    out.end_array();
    out.member(L::secondary.name, a.secondary);
    out.member(L::services.name, a.charge.services);
    out.member(L::session.name, a.charge.session_uid);
    out.member(L::units.name, a.charge.units);
    out.member(L::write_off.name, a.write_off);
    out.end_object();
  }
  out.end_array();
}

void write_estimate(JsonWriter& out, const CostEstimate& e, std::span<const ExtraMember> extra) {
  MergedMembers members(out, extra);
  out.begin_object();
  members.key(X::already_counted.name).begin_array();
  for (const auto& l : e.already_counted) {
    out.begin_object();
    out.member(AC::charge.name, l.charge);
    out.member(AC::code.name, l.code);
    out.member(AC::date.name, l.date);
    out.member(AC::session.name, l.session_uid);
    out.end_object();
  }
  out.end_array();
  members.key(X::lines.name);
  write_adjudicated_lines(out, e.lines);
  members.key(X::months.name);
  write_periods(out, e.months);
  members.key(X::reviews.name);
  write_events(out, e.reviews);
  members.key(X::self_pay.name).boolean(e.self_pay);
  members.key(X::totals.name).begin_object();
  out.member(TT::allowed.name, e.allowed);
  out.member(TT::balance_billed.name, e.balance_billed);
  out.member(TT::charges.name, e.charges);
  out.member(TT::patient.name, e.patient);
  out.member(TT::plan.name, e.plan);
  out.member(TT::secondary.name, e.secondary);
  out.member(TT::write_off.name, e.write_off);
  out.end_object();
  members.key(X::unauthorized_days.name).begin_array();
  for (const auto& d : e.unauthorized_days) out.date(d);
  out.end_array();
  members.key(X::warnings.name).begin_array();
  for (const auto& warning : e.warnings) out.string(warning);
  out.end_array();
  members.key(X::weeks.name);
  write_periods(out, e.weeks);
  members.flush();
  out.end_object();
}

}  // namespace detail

// The DOM forms read the text back: one layout, written once.
nlohmann::json to_json(const std::vector<AdjudicatedLine>& lines) {
  std::string text;
  detail::JsonWriter out(text);
  detail::write_adjudicated_lines(out, lines);
  return nlohmann::json::parse(text);
}

nlohmann::json to_json(const CostEstimate& estimate) {
  std::string text;
  detail::JsonWriter out(text);
  detail::write_estimate(out, estimate);
  return nlohmann::json::parse(text);
}

}  // namespace iop
