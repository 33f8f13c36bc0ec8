// An estimate's JSON, written straight from the values (core/json_writer.hpp):
// members in ascending order, as the DOM this replaced wrote them.

#include "billing/estimate_json.hpp"

#include <nlohmann/json.hpp>

#include "calendar/session_calendar_json.hpp"

namespace iop {
namespace detail {
namespace {

void write_after(JsonWriter& out, const AccumulatorState& a) {
  out.begin_object();
  out.member("authorized_units_used", a.authorized_units_used);
  out.member("deductible_family", a.deductible_family);
  out.member("deductible_individual", a.deductible_individual);
  out.member("oon_deductible_family", a.oon_deductible_family);
  out.member("oon_deductible_individual", a.oon_deductible_individual);
  out.member("oon_oop_family", a.oon_oop_family);
  out.member("oon_oop_individual", a.oon_oop_individual);
  out.member("oop_family", a.oop_family);
  out.member("oop_individual", a.oop_individual);
  out.member("period_cost_sharing", a.period_cost_sharing);
  out.member("plan_year", a.plan_year);
  out.member("visits_used", a.visits_used);
  out.end_object();
}

void write_periods(JsonWriter& out, const std::vector<PeriodTotals>& periods) {
  out.begin_array();
  for (const auto& p : periods) {
    out.begin_object();
    out.member("allowed", p.allowed);
    out.member("charges", p.charges);
    out.member("days", p.days);
    out.member("patient", p.patient);
    out.member("period", p.period);
    out.member("plan", p.plan);
    out.member("secondary", p.secondary);
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
    out.key("after");
    write_after(out, a.after);
    out.member("allowed", a.allowed);
    if (!a.authorization.empty()) out.member("authorization", a.authorization);
    out.member("balance_billed", a.balance_billed);
    out.member("charge", a.charge.charge);
    out.member("code", a.charge.code);
    out.member("coinsurance", a.coinsurance);
    out.member("copay", a.copay);
    out.member("covered", a.covered);
    out.member("date", a.charge.date);
    out.member("deductible", a.deductible);
    out.member("kind", to_string(a.charge.kind));
    out.member("network", to_string(a.network));
    if (a.not_covered != NotCovered::none) out.member("not_covered", to_string(a.not_covered));
    out.member("patient", a.patient);
    out.member("plan", a.plan);
    if (!a.protection.empty()) out.member("protection", a.protection);
    out.member("revenue_code", a.charge.revenue_code);
    out.key("rules").begin_array();
    out.string(a.charge.rule);
    for (const auto& rule : a.rules) out.string(rule);
    out.end_array();
    out.member("secondary", a.secondary);
    out.member("services", a.charge.services);
    out.member("session", a.charge.session_uid);
    out.member("units", a.charge.units);
    out.member("write_off", a.write_off);
    out.end_object();
  }
  out.end_array();
}

void write_estimate(JsonWriter& out, const CostEstimate& e, std::span<const ExtraMember> extra) {
  MergedMembers members(out, extra);
  out.begin_object();
  members.key("already_counted").begin_array();
  for (const auto& l : e.already_counted) {
    out.begin_object();
    out.member("charge", l.charge);
    out.member("code", l.code);
    out.member("date", l.date);
    out.member("session", l.session_uid);
    out.end_object();
  }
  out.end_array();
  members.key("lines");
  write_adjudicated_lines(out, e.lines);
  members.key("months");
  write_periods(out, e.months);
  members.key("reviews");
  write_events(out, e.reviews);
  members.key("self_pay").boolean(e.self_pay);
  members.key("totals").begin_object();
  out.member("allowed", e.allowed);
  out.member("balance_billed", e.balance_billed);
  out.member("charges", e.charges);
  out.member("patient", e.patient);
  out.member("plan", e.plan);
  out.member("secondary", e.secondary);
  out.member("write_off", e.write_off);
  out.end_object();
  members.key("unauthorized_days").begin_array();
  for (const auto& d : e.unauthorized_days) out.date(d);
  out.end_array();
  members.key("warnings").begin_array();
  for (const auto& warning : e.warnings) out.string(warning);
  out.end_array();
  members.key("weeks");
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
