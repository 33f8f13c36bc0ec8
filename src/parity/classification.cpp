#include "iop/parity/classification.hpp"

#include <string>

#include "iop/core/error.hpp"
#include "iop/core/limits.hpp"
#include "iop/core/money.hpp"
#include "iop/core/rate.hpp"
#include "core/enum_names.hpp"

namespace iop::parity {
namespace {

constexpr detail::EnumNames<Classification, 6> kClassifications{{
    {Classification::inpatient_in_network, "inpatient_in_network"},
    {Classification::inpatient_out_of_network, "inpatient_out_of_network"},
    {Classification::outpatient_in_network, "outpatient_in_network"},
    {Classification::outpatient_out_of_network, "outpatient_out_of_network"},
    {Classification::emergency, "emergency"},
    {Classification::prescription_drugs, "prescription_drugs"}}};
constexpr detail::EnumNames<Subclassification, 3> kSubclassifications{{
    {Subclassification::none, "none"}, {Subclassification::office_visits, "office_visits"},
    {Subclassification::all_other, "all_other"}}};
constexpr detail::EnumNames<LimitType, 6> kTypes{{
    {LimitType::deductible, "deductible"},
    {LimitType::copay, "copay"},
    {LimitType::coinsurance, "coinsurance"},
    {LimitType::out_of_pocket_maximum, "out_of_pocket_maximum"},
    {LimitType::visit_limit, "visit_limit"},
    {LimitType::day_limit, "day_limit"}}};
constexpr detail::EnumNames<LimitPeriod, 4> kPeriods{{
    {LimitPeriod::none, "none"}, {LimitPeriod::annual, "annual"}, {LimitPeriod::episode, "episode"},
    {LimitPeriod::lifetime, "lifetime"}}};

}  // namespace

std::string_view to_string(Classification c) noexcept { return detail::enum_name(kClassifications, c); }
Classification parse_classification(std::string_view text, std::string_view field) {
  return detail::parse_enum(kClassifications, text, field, "a benefit classification");
}
std::string_view to_string(Subclassification s) noexcept { return detail::enum_name(kSubclassifications, s); }
Subclassification parse_subclassification(std::string_view text, std::string_view field) {
  return detail::parse_enum(kSubclassifications, text, field,
                            "a permitted outpatient sub-classification (29 CFR 2590.712(c)(3)(iii)(C))");
}
std::string_view to_string(LimitType t) noexcept { return detail::enum_name(kTypes, t); }
LimitType parse_limit_type(std::string_view text, std::string_view field) {
  return detail::parse_enum(kTypes, text, field, "a financial requirement or quantitative limit type");
}
std::string_view to_string(LimitPeriod p) noexcept { return detail::enum_name(kPeriods, p); }
LimitPeriod parse_limit_period(std::string_view text, std::string_view field) {
  const auto period = detail::parse_enum(kPeriods, text, field, "a period of a visit or day limit");
  if (period == LimitPeriod::none)
    throw NotFoundError(std::string(field), iop::quoted(text), "is not a period of a visit or day limit",
                        "annual, episode, lifetime (29 CFR 2590.712(c)(1)(ii))");
  return period;
}

std::string describe(LimitType t, LimitPeriod p) {
  if (p == LimitPeriod::none) return std::string(to_string(t));
  return std::string(to_string(p)) + " " + std::string(to_string(t));
}

std::string format_level(LimitType t, std::int64_t level) {
  switch (t) {
    case LimitType::coinsurance: return Rate::basis_points(level).to_string();
    case LimitType::visit_limit: return std::to_string(level) + " visits";
    case LimitType::day_limit: return std::to_string(level) + " days";
    default: return Money::from_cents(level).to_string();
  }
}

std::string level_text(LimitType t, std::int64_t level) {
  if (t == LimitType::coinsurance) return format_level(t, level);
  if (lower_is_more_restrictive(t)) return std::to_string(level);
  return Money::from_cents(level).to_plain_string();
}

std::int64_t parse_level(LimitType t, std::string_view text, std::string_view field) {
  switch (t) {
    case LimitType::coinsurance: {
      const Rate r = Rate::parse(text, field);
      if ((r.numerator() * 10000) % r.denominator() != 0 || r > Rate::percent(100))
        throw ValidationError(std::string(field), iop::quoted(text), "is not a coinsurance in whole basis points",
                              "0%..100%, e.g. 20% or 12.5%");
      return r.numerator() * 10000 / r.denominator();
    }
    case LimitType::visit_limit:
    case LimitType::day_limit: {
      std::int64_t n = 0;
      for (char c : text) {
        if (c < '0' || c > '9' || n > 100000)
          throw ValidationError(std::string(field), iop::quoted(text), "is not a number of visits or days", "0..100000");
        n = n * 10 + (c - '0');
      }
      if (text.empty()) throw ValidationError(std::string(field), "''", "is not a number of visits or days", "0..100000");
      return n;
    }
    default: {
      const Money m = Money::parse(text, field);
      if (m.is_negative()) throw ValidationError(std::string(field), m.to_string(), "is negative", "$0.00 or more");
      const auto most = Money::from_cents(limits::max_amount_cents);
      if (m > most) throw ValidationError(std::string(field), m.to_string(), "is above the largest level iop takes",
                                          "$0.00.." + most.to_string() + " (docs/limits.md)");
      return m.cents();
    }
  }
}

std::string ClassificationKey::describe() const {
  std::string text(to_string(classification));
  if (subclassification != Subclassification::none) text += " / " + std::string(to_string(subclassification));
  if (!tier.empty()) text += (classification == Classification::prescription_drugs ? " / formulary tier " : " / tier ") + tier;
  return text;
}

}  // namespace iop::parity
