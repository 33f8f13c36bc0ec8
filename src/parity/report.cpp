#include "iop/parity/report.hpp"

#include <algorithm>
#include <numeric>
#include <cstdio>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "analysis.hpp"
#include "data.hpp"
#include "iop/core/error.hpp"
#include "iop/core/json.hpp"
#include "declared.hpp"
#include "iop/detail/int128.hpp"

namespace iop::parity {
namespace analysis {

std::string percent(const Rate& r) {
  // One decimal for display; the decision uses the exact fraction.
  const long double value = 100.0L * static_cast<long double>(r.numerator()) / static_cast<long double>(r.denominator());
  char text[32];
  std::snprintf(text, sizeof text, "%.1f%%", static_cast<double>(value));
  return text;
}

Rate share_of(Money part, Money whole) {
  // Payments are never negative (benefit_design_from_json refuses them), and std::gcd
  // of INT64_MIN is undefined: a negative part has no share to show.
  if (whole.cents() <= 0 || part.cents() < 0) return Rate();
  const std::int64_t g = std::gcd(part.cents(), whole.cents());
  if (whole.cents() / g <= Rate::max_denominator) return Rate::fraction(part.cents(), whole.cents(), "share");
  constexpr std::int64_t scale = 1'000'000'000;
  const auto scaled = (static_cast<detail::int128>(part.cents()) * scale * 2 + whole.cents()) /
                      (2 * static_cast<detail::int128>(whole.cents()));
  return Rate::fraction(static_cast<std::int64_t>(scaled), scale, "share");
}

std::string join_and(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i)
    out += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
  return out;
}

}  // namespace analysis

namespace {

using analysis::percent;
using analysis::share_of;

using nlohmann::json;

// Sources. The substance of the quantitative rules is settled; the verbatim
// paragraph text was not retrieved (see the domain facts, section 1.3).
constexpr const char* kSubstantiallyAll =
    "29 CFR 2590.712(c)(3)(i)(A) (substantially all: at least two-thirds of M/S plan payments)";
constexpr const char* kPredominantSingle =
    "29 CFR 2590.712(c)(3)(i)(B)(1) (predominant: more than one-half of the payments subject to the type)";
constexpr const char* kPredominantCombined =
    "29 CFR 2590.712(c)(3)(i)(B)(2) (no level over one-half: combine from the most restrictive; the least restrictive "
    "level in the combination is predominant)";
constexpr const char* kPayments =
    "29 CFR 2590.712(c)(3)(i)(C)-(E) (portions measured by projected plan payments for the plan year; a benefit with a "
    "zero level is not subject to the type; verbatim text unconfirmed)";
constexpr const char* kCumulative =
    "29 CFR 2590.712(c)(3)(v) (cumulative requirements may not accumulate separately for MH/SUD; verbatim text "
    "unconfirmed); 29 U.S.C. 1185a(a)(3)(A) (no separate cost sharing or treatment limitations applicable only to MH/SUD)";
constexpr const char* kFormularyTiers =
    "29 CFR 2590.712(c)(3)(iii)(A) (each tier of a formulary resting on reasonable factors is tested as its own "
    "sub-classification)";
constexpr const char* kCoverageUnits =
    "29 CFR 2590.712(c)(3)(ii) (the predominant level is determined separately for each coverage unit)";

// More restrictive first: a higher cost-sharing level, or a lower visit or day limit.
bool more_restrictive(LimitType type, std::int64_t a, std::int64_t b) {
  return lower_is_more_restrictive(type) ? a < b : a > b;
}

// "The copay", "The annual visit_limit".
std::string the_type(LimitType type, LimitPeriod period) { return "The " + describe(type, period); }

// A type and period tested in a classification.
struct TypeKey {
  LimitType type;
  LimitPeriod period;
  friend auto operator<=>(const TypeKey&, const TypeKey&) = default;
};

std::string check_reason(const TypeTest& t, const MhSudLevel& mh, bool pass) {
  const std::string level = format_level(t.type, mh.level);
  if (!t.substantially_all)
    return "The " + describe(t.type, t.period) + " applies to " + percent(t.subject_share) + " of M/S plan payments in " +
           t.key.describe() + " (" + t.subject_payments.to_string() + " of " + t.total_payments.to_string() +
           "), less than two-thirds, so it may not be applied to MH/SUD benefits there" +
           (pass ? ", and " + mh.benefit + " carries none." : ", yet " + mh.benefit + " carries " + level + ".");
  if (mh.level == 0)
    return mh.benefit + " carries no " + describe(t.type, t.period) + ", which is no more restrictive than the predominant "
           "M/S level of " + format_level(t.type, *t.predominant) + ".";
  return "The " + mh.benefit + " " + describe(t.type, t.period) + " of " + level +
         (pass ? " is no more restrictive than" : " is more restrictive than") + " the predominant M/S level of " +
         format_level(t.type, *t.predominant) + " (" + (t.combined ? "combined levels" : "a single level over one-half") +
         ").";
}

TypeTest run_test(const ClassificationData& data, TypeKey key, const std::string& at) {
  const LimitType type = key.type;
  TypeTest t;
  t.key = data.key;
  t.type = type;
  t.period = key.period;
  t.total_payments = data.total_payments;
  Money all_rows;
  for (const auto& row : data.medical_surgical) {
    if (row.type != type || row.period != key.period) continue;
    all_rows += row.payments;
    if (row.level != 0) {
      t.subject_payments += row.payments;
      t.levels.push_back({row.level, row.payments, Rate()});
    }
  }
  if (all_rows > t.total_payments)
    throw ValidationError(at + ".medical_surgical", all_rows.to_string(),
                          "is more than the classification's total payments for the " + describe(type, key.period) +
                              " in " + data.key.describe(),
                          "at most " + t.total_payments.to_string());
  // Merge equal levels, then order most restrictive first.
  std::sort(t.levels.begin(), t.levels.end(),
            [&](const LevelShare& a, const LevelShare& b) { return more_restrictive(type, a.level, b.level); });
  std::vector<LevelShare> merged;
  for (const auto& l : t.levels) {
    if (!merged.empty() && merged.back().level == l.level) merged.back().payments += l.payments;
    else merged.push_back(l);
  }
  t.levels = std::move(merged);
  for (auto& l : t.levels) l.share = share_of(l.payments, t.subject_payments);
  t.subject_share = share_of(t.subject_payments, t.total_payments);
  // At least two-thirds, exactly: 3 * subject >= 2 * total.
  t.substantially_all = t.total_payments > Money() && t.subject_payments * 3 >= t.total_payments * 2;
  if (!t.substantially_all) {
    t.rule = kSubstantiallyAll;
  } else {
    for (const auto& l : t.levels)
      if (l.payments * 2 > t.subject_payments) {
        t.predominant = l.level;
        t.rule = kPredominantSingle;
      }
    if (!t.predominant) {
      t.combined = true;
      Money cumulative;
      for (const auto& l : t.levels) {
        cumulative += l.payments;
        t.combination.push_back({l.level, cumulative, share_of(cumulative, t.subject_payments)});
        if (cumulative * 2 > t.subject_payments) {
          t.predominant = l.level;  // the least restrictive level in the combination
          break;
        }
      }
      t.rule = kPredominantCombined;
    }
  }
  for (const auto& mh : data.mental_health) {
    if (mh.type != type || mh.period != key.period) continue;
    bool pass = mh.level == 0;
    // A zero level means the benefit is not subject to the type (no copay, no visit limit): always within.
    if (t.substantially_all && !pass)
      pass = lower_is_more_restrictive(type) ? mh.level >= *t.predominant : mh.level <= *t.predominant;
    t.checks.push_back({mh.benefit, mh.level, t.predominant, pass, check_reason(t, mh, pass)});
  }
  return t;
}

std::string summary(const TypeTest& t) {
  const std::string head = the_type(t.type, t.period) + " applies to " + percent(t.subject_share) +
                           " of M/S plan payments in " + t.key.describe() + " (" + t.subject_payments.to_string() +
                           " of " + t.total_payments.to_string() + ")";
  if (!t.substantially_all) return head + ", less than two-thirds, so it may not be applied to MH/SUD benefits there.";
  return head + ", at least two-thirds, and its predominant level is " + format_level(t.type, *t.predominant) + ".";
}

void quantitative(const BenefitDesign& d, ParityReport& report) {
  const bool several = !d.coverage_units.empty();
  const auto units = d.units();
  for (std::size_t u = 0; u < units.size(); ++u) {
    const auto& unit = units[u];
    report.coverage_units.push_back(unit.coverage_unit);
    for (std::size_t i = 0; i < unit.classifications.size(); ++i) {
      const auto& c = unit.classifications[i];
      const std::string at = several ? "design.coverage_units[" + std::to_string(u) + "].classifications[" +
                                           std::to_string(i) + "]"
                                     : "design.classifications[" + std::to_string(i) + "]";
      std::vector<TypeKey> keys;
      for (const auto& r : c.medical_surgical) keys.push_back({r.type, r.period});
      for (const auto& r : c.mental_health) keys.push_back({r.type, r.period});
      std::sort(keys.begin(), keys.end());
      keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
      for (auto key : keys) {
        auto test = run_test(c, key, at);
        test.coverage_unit = unit.coverage_unit;
        const std::string topic =
            (several ? unit.coverage_unit + ": " : "") + describe(key.type, key.period) + " / " + c.key.describe();
        const bool formulary_tier = c.key.classification == Classification::prescription_drugs && !c.key.tier.empty();
        report.findings.push_back({"info", topic, summary(test),
                                   test.rule + "; " + kPayments + (several ? std::string("; ") + kCoverageUnits : "") +
                                       (formulary_tier ? std::string("; ") + kFormularyTiers : "")});
        for (const auto& check : test.checks)
          report.findings.push_back({check.pass ? "info" : "violation", topic, check.reason, test.rule});
        report.tests.push_back(std::move(test));
      }
    }
  }
}

void cumulative(const BenefitDesign& d, ParityReport& report) {
  const std::pair<Accumulation, const char*> requirements[] = {
      {d.deductible, "The deductible"}, {d.out_of_pocket_maximum, "The out-of-pocket maximum"},
      {d.visit_and_day_limits, "Annual and lifetime visit or day limits"}};
  for (const auto& [accumulation, what] : requirements)
    if (accumulation == Accumulation::separate)
      report.findings.push_back({"violation", "cumulative requirements",
                                 std::string(what) + " accumulate" + (std::string(what).rfind("The", 0) == 0 ? "s" : "") +
                                     " separately for MH/SUD benefits instead of jointly with medical/surgical benefits.",
                                 kCumulative});
}

// The 2024 final rule's meaningful-benefits standard: MH/SUD benefits in every classification where the plan
// provides M/S benefits, once the plan covers MH/SUD benefits in any. A new provision: marked, and not enforced.
void meaningful_benefits(const BenefitDesign& d, ParityReport& report) {
  const auto& rows = data::rule_sets().provisions;
  const auto row = std::find_if(rows.begin(), rows.end(), [](const data::ProvisionRow& r) {
    return r.id == "final_2024_meaningful_benefits";
  });
  if (row == rows.end() || d.plan_year_start < row->applies_from) return;
  const bool several = !d.coverage_units.empty();
  for (const auto& unit : d.units()) {
    const bool any_mh = std::any_of(unit.classifications.begin(), unit.classifications.end(),
                                    [](const ClassificationData& c) { return !c.mental_health.empty(); });
    if (!any_mh) continue;
    for (const auto& c : unit.classifications)
      if (c.mental_health.empty() && c.total_payments > Money()) {
        Finding f{"finding", (several ? unit.coverage_unit + ": " : "") + "meaningful benefits / " + c.key.describe(),
                  "The plan provides medical/surgical benefits in " + c.key.describe() +
                      " but the design lists no MH/SUD benefit there, though it covers MH/SUD benefits in other "
                      "classifications: the 2024 final rule requires meaningful benefits (a core treatment) for each "
                      "covered condition in every classification with medical/surgical benefits.",
                  row->citation + "; not enforced since May 15, 2025"};
        f.new_in_2024_rule = true;
        report.findings.push_back(std::move(f));
      }
  }
}

// Classifications whose MH/SUD list is empty: nothing was tested there, and the report says so first.
void untested_first(ParityReport& report) {
  if (!report.subject_to_parity) return;
  std::vector<std::string> where;
  std::vector<std::string> tested;
  for (const auto& t : report.tests) {
    const std::string name = (report.coverage_units.size() > 1 ? t.coverage_unit + ": " : "") + t.key.describe();
    if (!t.checks.empty()) tested.push_back(name);
    else if (std::find(where.begin(), where.end(), name) == where.end()) where.push_back(name);
  }
  std::erase_if(where, [&](const std::string& n) { return std::find(tested.begin(), tested.end(), n) != tested.end(); });
  report.untested = where;
  if (where.empty()) return;
  report.findings.insert(report.findings.begin(),
                         Finding{"finding", "MH/SUD benefits tested",
                                 "No MH/SUD benefit was tested in " + analysis::join_and(where) +
                                     ": the design lists none there, so the tests there compared nothing and found "
                                     "no violation for want of a benefit to check, not because one passed.",
                                 "29 CFR 2590.712(c)(2)(i) (MH/SUD benefits compared with medical/surgical benefits "
                                 "classification by classification)"});
}

}  // namespace

bool ParityReport::passes() const noexcept {
  return std::none_of(findings.begin(), findings.end(), [](const Finding& f) { return f.severity == "violation"; });
}

std::string_view to_string(RuleSet rule_set) noexcept {
  return rule_set == RuleSet::mhpaea_2024 ? "mhpaea_2024" : "mhpaea_2013";
}

RuleSet parse_rule_set(std::string_view text, std::string_view field) {
  if (text == "mhpaea_2013") return RuleSet::mhpaea_2013;
  if (text == "mhpaea_2024") return RuleSet::mhpaea_2024;
  throw NotFoundError(std::string(field), iop::quoted(text), "is not a rule set iop applies",
                      "mhpaea_2013 (the statute, the 2013 final rules and the CAA 2021 comparative-analysis duty: what "
                      "the Departments enforce) or mhpaea_2024 (with the 2024 final rule in full)");
}

RuleSetInfo rule_set_info(RuleSet rule_set) {
  const std::string id(to_string(rule_set));
  for (const auto& r : data::rule_sets().rule_sets)
    if (r.id == id) return {rule_set, r.name, r.as_of, r.citation};
  throw NotFoundError("rule_set", iop::quoted(id), "is not in data/parity-rule-sets.json", "mhpaea_2013, mhpaea_2024");
}

std::vector<Provision> rule_set_for(Date start, RuleSet rule_set) {
  const std::string id(to_string(rule_set));
  const auto enforced_set = rule_set_info(RuleSet::mhpaea_2013);
  std::vector<Provision> out;
  for (const auto& r : data::rule_sets().provisions) {
    // The 2024 rule's new provisions are not enforced (the enforced rule set's source says since when and why).
    const std::string source = r.new_in_2024_rule ? r.citation + "; not enforced: " + enforced_set.source : r.citation;
    Provision p{r.name, r.applies_from, start >= r.applies_from, !r.new_in_2024_rule, source};
    p.in_rule_set = std::find(r.rule_sets.begin(), r.rule_sets.end(), id) != r.rule_sets.end();
    out.push_back(std::move(p));
  }
  return out;
}

ParityReport analyse(const BenefitDesign& d, RuleSet rule_set) {
  check_design(d);
  ParityReport report;
  report.plan = d.plan;
  report.plan_year_start = d.plan_year_start;
  report.rule_set = rule_set_info(rule_set);
  report.provisions = rule_set_for(d.plan_year_start, rule_set);
  for (const auto& unit : d.units())
    report.coverage_unit += (report.coverage_unit.empty() ? "" : ", ") + unit.coverage_unit;

  // Scope and exemptions first: they can take the plan out of the tests.
  analysis::scope(d, report);
  if (!report.subject_to_parity) {
    for (const auto& unit : d.units()) report.coverage_units.push_back(unit.coverage_unit);
    return report;
  }
  quantitative(d, report);
  analysis::dollar_limits(d, report);
  cumulative(d, report);
  for (const auto& r : d.nqtls) analysis::nqtl(r, report.findings);
  analysis::overlays(d, report.findings);
  if (rule_set == RuleSet::mhpaea_2024) meaningful_benefits(d, report);
  untested_first(report);
  return report;
}

std::string to_text(const ParityReport& r) {
  std::ostringstream out;
  out << "Parity report: " << r.plan << " (" << r.coverage_unit << "), plan year from " << to_iso_string(r.plan_year_start)
      << "\n";
  out << "Rule set: " << r.rule_set.name << " (as of " << to_iso_string(r.rule_set.as_of) << ")\n";
  if (!r.subject_to_parity) out << "Not subject to the MHPAEA tests (see below).\n";
  if (!r.untested.empty())
    out << "No MH/SUD benefit was tested in " << analysis::join_and(r.untested) << ": the design lists none there.\n";
  out << (r.passes() ? "No violation found.\n" : "Violations found.\n");
  for (const auto& t : r.tests) {
    out << "\n" << describe(t.type, t.period) << " in " << t.key.describe()
        << (r.coverage_units.size() > 1 ? " (" + t.coverage_unit + ")" : std::string()) << ": " << percent(t.subject_share) << " of "
        << t.total_payments.to_string() << " subject (threshold two-thirds) -> "
        << (t.substantially_all ? "substantially all" : "NOT substantially all") << "\n";
    for (const auto& l : t.levels)
      out << "  level " << format_level(t.type, l.level) << ": " << l.payments.to_string() << " (" << percent(l.share)
          << " of subject payments)\n";
    for (const auto& s : t.combination)
      out << "  combine " << format_level(t.type, s.level) << ": " << s.cumulative.to_string() << " ("
          << percent(s.cumulative_share) << ")\n";
    if (t.predominant) out << "  predominant level: " << format_level(t.type, *t.predominant) << "\n";
    out << "  rule: " << t.rule << "\n";
    for (const auto& c : t.checks) out << "  " << (c.pass ? "pass: " : "FAIL: ") << c.reason << "\n";
  }
  for (const auto& t : r.dollar_limit_tests) out << "\n" << to_string(t.kind) << " dollar limit: " << t.reason << "\n";
  out << "\nFindings:\n";
  for (const auto& f : r.findings)
    // Every finding except the tests' own lines, which the sections above show.
    if (f.severity != "info" || f.topic.rfind("NQTL", 0) == 0 || f.topic.find(" / ") == std::string::npos)
      out << "  [" << f.severity << (f.new_in_2024_rule ? ", 2024 rule only" : "") << "] " << f.topic << ": " << f.message
          << " (" << f.rule << ")\n";
  out << "\nProvisions for this plan year:\n";
  for (const auto& p : r.provisions)
    out << "  " << (p.applies ? (p.enforced ? "applies    " : "applies, not enforced ") : "not yet    ") << p.name
        << (p.in_rule_set ? "" : " (outside the rule set)") << "\n";
  return out.str();
}

}  // namespace iop::parity
