// Aggregate lifetime and annual dollar limits (29 U.S.C. 1185a(a)(1)-(2); 29 CFR 2590.712(b)).

#include <string>

#include "analysis.hpp"
#include "iop/core/error.hpp"
#include "iop/detail/int128.hpp"

namespace iop::parity::analysis {
namespace {

using detail::int128;

// The regulation's paragraph numbers as known; its verbatim text was not retrieved.
// The statute's text (29 U.S.C. 1185a(a)(1)-(2)) was.
constexpr const char* kBelowOneThird =
    "29 U.S.C. 1185a(a)(1)(A), (a)(2)(A); 29 CFR 2590.712(b)(2) (a limit on less than one-third of all M/S benefits: no "
    "MH/SUD limit) and (b)(4) (portions by M/S plan payments expected for the plan year)";
constexpr const char* kSingleLimit =
    "29 U.S.C. 1185a(a)(1)(B), (a)(2)(B); 29 CFR 2590.712(b)(3) (a limit on at least two-thirds of all M/S benefits: "
    "apply it to M/S and MH/SUD benefits without distinction, or no MH/SUD limit less than it) and (b)(4)";
constexpr const char* kWeighted =
    "29 U.S.C. 1185a(a)(1)(C), (a)(2)(C); 29 CFR 2590.712(b)(5) (no MH/SUD limit, or one of at least the weighted "
    "average of the M/S limits, each category weighted by its expected plan payments; benefits in no limited category "
    "count as one category at an estimate of the most the plan may reasonably be expected to pay for them)";
constexpr const char* kEhbLimits =
    "42 U.S.C. 300gg-11 (PHS Act section 2711: no lifetime or annual dollar limits on essential health benefits)";

int128 checked_add(int128 a, int128 b, const std::string& field) {
  int128 sum = 0;
  if (__builtin_add_overflow(a, b, &sum))
    throw OverflowError(field, "", "overflows the weighted average's exact arithmetic", "smaller limits or payments");
  return sum;
}

// numerator / denominator in cents, halves away from zero (both positive).
Money rounded(int128 numerator, int128 denominator, bool& exact) {
  const int128 q = numerator / denominator;
  const int128 r = numerator % denominator;
  exact = r == 0;
  const int128 cents = q + (2 * r >= denominator ? 1 : 0);
  if (cents > INT64_MAX) throw OverflowError("dollar_limits", "", "has a weighted average beyond the range of Money", "");
  return Money::from_cents(static_cast<std::int64_t>(cents));
}

// What every branch of the test says: the limit's kind, the share of M/S payments under a limit, and the MH/SUD
// limit as the plan applies it.
struct Stated {
  std::string kind;      // "lifetime" or "annual"
  std::string coverage;  // "The annual dollar limits apply to 40% of all M/S plan payments ..."
  std::string mh_limit;  // the MH/SUD limit's amount, or empty
  MhSudDollarLimit::Application application;
};

// Less than one-third of M/S benefits under a limit: no MH/SUD limit may be imposed.
void below_one_third(const Stated& s, DollarLimitTest& t) {
  using A = MhSudDollarLimit::Application;
  t.test = "below_one_third";
  t.rule = kBelowOneThird;
  t.pass = s.application == A::none;
  t.reason = s.coverage + ", less than one-third, so no " + s.kind + " dollar limit may be imposed on MH/SUD benefits" +
             (t.pass ? "; the plan imposes none."
                     : "; the plan imposes " + (s.application == A::joint ? std::string("the M/S limit on them jointly.")
                                                                            : "one of " + s.mh_limit + "."));
}

// At least two-thirds under one limit: apply it without distinction, or no MH/SUD limit less than it.
void single_limit(const DollarLimitDesign& d, const Stated& s, DollarLimitTest& t) {
  using A = MhSudDollarLimit::Application;
  const Money limit = d.medical_surgical.front().limit;
  t.test = "single_limit";
  t.rule = kSingleLimit;
  t.medical_surgical_limit = limit;
  t.pass = s.application != A::separate || *d.mental_health.limit >= limit;
  const std::string rule_text = s.coverage + ", at least two-thirds, with one limit of " + limit.to_string() + ": ";
  switch (s.application) {
    case A::none: t.reason = rule_text + "the plan imposes no " + s.kind + " dollar limit on MH/SUD benefits, as allowed."; break;
    case A::joint:
      t.reason = rule_text + "the plan applies it to M/S and MH/SUD benefits without distinction, as allowed.";
      break;
    case A::separate:
      t.reason = rule_text + "the MH/SUD " + s.kind + " limit of " + s.mh_limit +
                 (t.pass ? " is not less than it, as allowed." : " is less than it, which the law does not allow.");
      break;
  }
}

// Otherwise the weighted average: sum(limit x payments) over the limited categories, plus the upper-limit
// estimate for the unlimited rest, over all payments.
void weighted_average(const DollarLimitDesign& d, const Stated& s, bool two_thirds, const std::string& at,
                      DollarLimitTest& t) {
  using A = MhSudDollarLimit::Application;
  t.test = "weighted_average";
  t.rule = kWeighted;
  const Money unlimited = t.total_payments - t.limited_payments;
  if (unlimited > Money() && !d.unlimited_upper_limit)
    throw ValidationError(at + ".unlimited_upper_limit", "(missing)",
                          "is required: " + unlimited.to_string() +
                              " of M/S payments lie in no limited category and count as one category at an estimate of "
                              "the most the plan may reasonably be expected to pay for them",
                          "an amount (29 CFR 2590.712(b)(5))");
  int128 numerator = 0;
  for (const auto& c : d.medical_surgical)
    numerator = checked_add(numerator, static_cast<int128>(c.limit.cents()) * c.payments.cents(), at);
  if (unlimited > Money())
    numerator = checked_add(numerator, static_cast<int128>(d.unlimited_upper_limit->cents()) * unlimited.cents(), at);
  const int128 denominator = t.total_payments.cents();
  bool exact = true;
  const Money average = rounded(numerator, denominator, exact);
  t.medical_surgical_limit = average;
  t.average_exact = exact;
  const std::string average_text = (exact ? "" : "about ") + average.to_string();
  const std::string why = two_thirds ? ", at least two-thirds but with different limits on different categories"
                                     : ", between one-third and two-thirds";
  const std::string rule_text = s.coverage + why + ", so the MH/SUD limit is measured against the weighted average of "
                                                   "the M/S limits, " + average_text + ": ";
  switch (s.application) {
    case A::none:
      t.pass = true;
      t.reason = rule_text + "the plan imposes no " + s.kind + " dollar limit on MH/SUD benefits, as allowed.";
      break;
    case A::joint:
      t.pass = false;
      t.reason = rule_text + "applying an M/S limit jointly is allowed only where one limit covers at least two-thirds of "
                             "M/S benefits, so the plan must impose no MH/SUD limit or one of at least the average.";
      break;
    case A::separate:
      // Exactly: limit x total >= sum(limit_i x payments_i).
      t.pass = static_cast<int128>(d.mental_health.limit->cents()) * denominator >= numerator;
      t.reason = rule_text + "the MH/SUD " + s.kind + " limit of " + s.mh_limit +
                 (t.pass ? " is not less than it, as allowed." : " is less than it, which the law does not allow.");
      break;
  }
  if (two_thirds)
    t.reason += " (The regulation's two-thirds rule names a single M/S limit; with different limits iop applies the "
                "weighted average, an interpretation.)";
}

DollarLimitTest run(const DollarLimitDesign& d, const std::string& at) {
  DollarLimitTest t;
  t.kind = d.kind;
  t.total_payments = d.total_payments;
  t.mental_health = d.mental_health;
  for (const auto& c : d.medical_surgical) t.limited_payments += c.payments;
  t.limited_share = share_of(t.limited_payments, t.total_payments);
  Stated stated;
  stated.kind = std::string(to_string(d.kind));
  stated.coverage = "The " + stated.kind + " dollar limits apply to " + percent(t.limited_share) +
                    " of all M/S plan payments expected for the plan year (" + t.limited_payments.to_string() + " of " +
                    t.total_payments.to_string() + ")";
  stated.mh_limit = d.mental_health.limit ? d.mental_health.limit->to_string() : "";
  stated.application = d.mental_health.application;
  // Exactly: limited < total / 3, limited >= 2 * total / 3 (in this order: the second may overflow).
  if (t.limited_payments * 3 < t.total_payments) {
    below_one_third(stated, t);
    return t;
  }
  bool single = !d.medical_surgical.empty();
  for (const auto& c : d.medical_surgical) single = single && c.limit == d.medical_surgical.front().limit;
  const bool two_thirds = t.limited_payments * 3 >= t.total_payments * 2;
  if (two_thirds && single)
    single_limit(d, stated, t);
  else
    weighted_average(d, stated, two_thirds, at, t);
  return t;
}

}  // namespace

void dollar_limits(const BenefitDesign& d, ParityReport& report) {
  for (std::size_t i = 0; i < d.dollar_limits.size(); ++i) {
    auto test = run(d.dollar_limits[i], "design.dollar_limits[" + std::to_string(i) + "]");
    report.findings.push_back({test.pass ? "info" : "violation", std::string(to_string(test.kind)) + " dollar limit",
                               test.reason, test.rule});
    report.dollar_limit_tests.push_back(std::move(test));
  }
  if (!d.dollar_limits.empty())
    report.findings.push_back({"info", "dollar limits",
                               "Apart from parity, the Public Health Service Act bars lifetime and annual dollar limits "
                               "on essential health benefits; iop does not check that rule.",
                               kEhbLimits});
}

}  // namespace iop::parity::analysis
