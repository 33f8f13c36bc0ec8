#include "iop/parity/report.hpp"

#include <algorithm>
#include <numeric>
#include <cstdio>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "iop/core/error.hpp"
#include "iop/core/json.hpp"
#include "iop/detail/embedded.hpp"
#include "iop/detail/int128.hpp"

namespace iop::parity {
namespace {

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
constexpr const char* kNqtlAnalysis =
    "29 U.S.C. 1185a(a)(8)(A) (Consolidated Appropriations Act, 2021): comparative analysis of each NQTL";
constexpr const char* kNqtlStandard =
    "29 U.S.C. 1185a(a)(3)(A)(ii) and 29 CFR 2590.712(c)(4) (NQTLs no more stringently applied to MH/SUD than to "
    "comparable M/S benefits in the classification)";

std::string percent(const Rate& r) {
  // One decimal for display; the decision uses the exact fraction.
  const long double value = 100.0L * static_cast<long double>(r.numerator()) / static_cast<long double>(r.denominator());
  char text[32];
  std::snprintf(text, sizeof text, "%.1f%%", static_cast<double>(value));
  return text;
}

// The exact share when it fits a Rate (totals under $10 billion), else rounded to
// 1e-9. Only the display uses it: every pass/fail decision compares amounts in cents.
Rate share_of(Money part, Money whole) {
  // Payments are never negative (benefit_design_from_json refuses them), and std::gcd
  // of INT64_MIN is undefined: a negative part has no share to show.
  if (whole.cents() <= 0 || part.cents() < 0) return Rate();
  const std::int64_t g = std::gcd(part.cents(), whole.cents());
  if (whole.cents() / g <= Rate::max_denominator) return Rate::fraction(part.cents(), whole.cents(), "share");
  constexpr std::int64_t scale = 1'000'000'000;
  const auto scaled = (static_cast<detail::int128>(part.cents()) * scale * 2 + whole.cents()) / (2 * static_cast<detail::int128>(whole.cents()));
  return Rate::fraction(static_cast<std::int64_t>(scaled), scale, "share");
}

// More restrictive first: a higher cost-sharing level, or a lower visit or day limit.
bool more_restrictive(LimitType type, std::int64_t a, std::int64_t b) {
  return lower_is_more_restrictive(type) ? a < b : a > b;
}

struct OverlayRule {
  std::string id;
  std::string check;
  std::vector<std::string> allowed;
  std::string message;
  std::string source;
};

struct Overlay {
  std::string state;
  std::string name;
  std::vector<OverlayRule> rules;
};

const std::vector<Overlay>& overlays() {
  static const std::vector<Overlay> table = [] {
    const auto document = parse_json(detail::state_overlays_json(), "data/state-overlays.json");
    const JsonReader root(document, "overlays_document");
    root.expect_only({"description", "overlays"});
    std::vector<Overlay> out;
    const auto list = root.at("overlays");
    for (std::size_t i = 0; i < list.array_size(); ++i) {
      const auto o = list.at(i);
      o.expect_only({"state", "name", "rules"});
      Overlay overlay{o.at("state").as_string(), o.at("name").as_string(), {}};
      const auto rules = o.at("rules");
      for (std::size_t k = 0; k < rules.array_size(); ++k) {
        const auto r = rules.at(k);
        r.expect_only({"id", "check", "allowed", "message", "source"});
        OverlayRule rule{r.at("id").as_string(), r.at("check").as_string(), {}, r.at("message").as_string(),
                         r.at("source").as_string()};
        if (rule.check != "criteria_from_list" && rule.check != "out_of_network_when_no_timely_access" &&
            rule.check != "telehealth_cost_sharing_not_above_in_person")
          throw NotFoundError(r.at("check").path(), iop::quoted(rule.check), "is not an overlay check",
                              "criteria_from_list, out_of_network_when_no_timely_access, "
                              "telehealth_cost_sharing_not_above_in_person");
        if (auto a = r.find("allowed"))
          for (std::size_t j = 0; j < a->array_size(); ++j) rule.allowed.push_back(a->at(j).as_string());
        overlay.rules.push_back(std::move(rule));
      }
      out.push_back(std::move(overlay));
    }
    return out;
  }();
  return table;
}

TypeTest run_test(const ClassificationData& data, LimitType type) {
  TypeTest t;
  t.key = data.key;
  t.type = type;
  t.total_payments = data.total_payments;
  Money all_rows;
  for (const auto& row : data.medical_surgical) {
    if (row.type != type) continue;
    all_rows += row.payments;
    if (row.level != 0) {
      t.subject_payments += row.payments;
      t.levels.push_back({row.level, row.payments, Rate()});
    }
  }
  if (all_rows > t.total_payments)
    throw ValidationError("design.classifications." + std::string(to_string(type)), all_rows.to_string(),
                          "is more than the classification's total payments in " + data.key.describe(),
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
    if (mh.type != type) continue;
    MhSudCheck check{mh.benefit, mh.level, t.predominant, true, ""};
    const std::string level = format_level(type, mh.level);
    if (!t.substantially_all) {
      check.pass = mh.level == 0;
      check.reason = std::string(to_string(type)) + " applies to " + percent(t.subject_share) + " (" +
                     t.subject_payments.to_string() + " of " + t.total_payments.to_string() +
                     ") of M/S payments in " + data.key.describe() + ", below two-thirds: " +
                     (check.pass ? "the benefit carries none, as required"
                                 : "it cannot be applied to MH/SUD benefits at all, yet " + mh.benefit + " carries " + level);
    } else {
      // A zero level means the benefit is not subject to the type (no copay, no visit limit): always within.
      const bool within = mh.level == 0 ||
                          (lower_is_more_restrictive(type) ? mh.level >= *t.predominant : mh.level <= *t.predominant);
      check.pass = within;
      check.reason = mh.benefit + " " + level + (within ? " is no more restrictive than" : " is more restrictive than") +
                     " the predominant M/S level " + format_level(type, *t.predominant) + " (" +
                     (t.combined ? "combined levels" : "a single level over one-half") + ")";
    }
    t.checks.push_back(std::move(check));
  }
  return t;
}

void nqtl_findings(const NqtlRecord& r, std::vector<Finding>& findings) {
  const std::string topic = "NQTL: " + r.name;
  std::vector<std::string> missing_elements;
  if (r.terms.empty()) missing_elements.push_back("(i) plan terms");
  if (r.factors.empty()) missing_elements.push_back("(ii) factors");
  if (r.evidentiary_standards.empty()) missing_elements.push_back("(iii) evidentiary standards");
  if (r.comparative_analysis.empty()) missing_elements.push_back("(iv) comparative analysis as written and in operation");
  if (r.findings.empty()) missing_elements.push_back("(v) findings and conclusions");
  if (!missing_elements.empty()) {
    std::string list;
    for (const auto& m : missing_elements) list += (list.empty() ? "" : ", ") + m;
    findings.push_back({"violation", topic, "The comparative analysis is incomplete: missing " + list + ".", kNqtlAnalysis});
  } else {
    findings.push_back({"info", topic, "The comparative analysis has all five elements.", kNqtlAnalysis});
  }
  const auto& mh = r.mental_health;
  const auto& ms = r.medical_surgical;
  const std::string versus = " for " + r.benefit + " than for " + r.comparable_benefit + " in " + r.classification;
  switch (r.kind) {
    case NqtlKind::prior_authorization:
      if (mh.required && !ms.required)
        findings.push_back({"violation", topic, "Prior authorization is required" + versus + " (not required there).",
                            kNqtlStandard});
      break;
    case NqtlKind::concurrent_review:
      if (mh.required && !ms.required)
        findings.push_back({"violation", topic, "Concurrent review applies" + versus + " (none there).", kNqtlStandard});
      else if (mh.review_every_days && ms.review_every_days && *mh.review_every_days < *ms.review_every_days)
        findings.push_back({"violation", topic,
                            "Concurrent review every " + std::to_string(*mh.review_every_days) +
                                " days is more frequent" + versus + " (every " + std::to_string(*ms.review_every_days) +
                                " days).",
                            kNqtlStandard});
      break;
    case NqtlKind::medical_necessity_criteria:
      if (!mh.criteria_source.empty() && ms.criteria_source.empty())
        findings.push_back({"violation", topic, "Medical-necessity criteria (" + mh.criteria_source + ") apply" + versus +
                                                    " (none there).",
                            kNqtlStandard});
      break;
    case NqtlKind::reimbursement_method:
      if (mh.reimbursement_percent_of_medicare && ms.reimbursement_percent_of_medicare &&
          *mh.reimbursement_percent_of_medicare < *ms.reimbursement_percent_of_medicare)
        findings.push_back({"violation", topic,
                            "Reimbursement at " + std::to_string(*mh.reimbursement_percent_of_medicare) +
                                "% of Medicare is lower" + versus + " (" +
                                std::to_string(*ms.reimbursement_percent_of_medicare) +
                                "%), which can restrict network access.",
                            kNqtlStandard});
      break;
    case NqtlKind::other: break;
  }
}

}  // namespace

bool ParityReport::passes() const noexcept {
  return std::none_of(findings.begin(), findings.end(), [](const Finding& f) { return f.severity == "violation"; });
}

std::vector<Provision> rule_set_for(Date start) {
  struct Row {
    const char* name;
    Date from;
    bool enforced;
    const char* source;
  };
  const Row rows[] = {
      {"MHPAEA interim final rules (classifications, substantially all and predominant tests)", Date(2010, 7, 1), true,
       "75 FR 5410 (February 2, 2010): plan years beginning on or after July 1, 2010"},
      {"MHPAEA final rules (expected plan payments, sub-classifications, NQTL standards)", Date(2014, 7, 1), true,
       "78 FR 68240 (November 13, 2013): plan years beginning on or after July 1, 2014"},
      {"NQTL comparative analyses available on request", Date(2021, 2, 10), true,
       "Consolidated Appropriations Act, 2021, adding 29 U.S.C. 1185a(a)(8): from February 10, 2021"},
      {"2024 final rule: NQTL design and application requirements and comparative-analysis content", Date(2025, 1, 1),
       false,
       "89 FR 77586 (September 23, 2024), effective November 22, 2024, plan years beginning on or after January 1, "
       "2025; not enforced under the Departments' May 15, 2025 non-enforcement policy (new provisions relative to the "
       "2013 rule, until a final decision in ERIC v. HHS plus 18 months)"},
      {"2024 final rule: meaningful benefits, no discriminatory factors, relevant data evaluation", Date(2026, 1, 1),
       false,
       "89 FR 77586: plan years beginning on or after January 1, 2026 (per-paragraph split unconfirmed verbatim); not "
       "enforced under the May 15, 2025 non-enforcement policy"},
  };
  std::vector<Provision> out;
  for (const auto& r : rows) out.push_back({r.name, r.from, start >= r.from, r.enforced, r.source});
  return out;
}

ParityReport analyse(const BenefitDesign& d) {
  ParityReport report;
  report.plan = d.plan;
  report.coverage_unit = d.coverage_unit;
  report.plan_year_start = d.plan_year_start;
  report.provisions = rule_set_for(d.plan_year_start);

  // Scope and exemptions first: they can take the plan out of the tests.
  if (!d.has_mental_health_benefits) {
    report.subject_to_parity = false;
    report.findings.push_back({"info", "scope",
                               "The plan provides no mental health or substance use disorder benefits, so MHPAEA's "
                               "tests do not apply (the law does not require such benefits).",
                               "29 U.S.C. 1185a(b)"});
  }
  if (d.employer_employees && *d.employer_employees >= 2 && *d.employer_employees <= 50) {
    if (d.insured_small_group_or_individual) {
      report.findings.push_back({"info", "small employer exemption",
                                 "The employer averaged " + std::to_string(*d.employer_employees) +
                                     " employees (2 to 50), but insured small-group and individual coverage must "
                                     "comply with parity through the ACA essential health benefit rules.",
                                 "29 U.S.C. 1185a(c)(1); 45 CFR 156.115(a)(3)"});
    } else {
      report.subject_to_parity = false;
      report.findings.push_back({"info", "small employer exemption",
                                 "Exempt: the employer averaged " + std::to_string(*d.employer_employees) +
                                     " employees (at least 2 and at most 50) on business days in the preceding "
                                     "calendar year.",
                                 "29 U.S.C. 1185a(c)(1)"});
    }
  }
  if (d.compliance_year && d.cost_increase) {
    const Rate threshold = *d.compliance_year == 1 ? Rate::percent(2) : Rate::percent(1);
    const bool qualifies = *d.cost_increase > threshold;
    report.findings.push_back(
        {"info", "increased cost exemption",
         std::string(qualifies ? "Qualifies" : "Does not qualify") + ": complying raised total plan costs by " +
             d.cost_increase->to_string() + " in plan year " + std::to_string(*d.compliance_year) +
             " of compliance (threshold: more than " + threshold.to_string() + ")" +
             (qualifies ? "; the plan may be exempt for the following plan year only, if the cost is determined "
                          "after the first 6 months of the plan year, certified in writing by a qualified actuary, "
                          "and notice is given to the Secretary, the state and participants"
                        : "") +
             ".",
         "29 U.S.C. 1185a(c)(2) (2% in the first plan year, 1% in each later plan year)"});
  }
  if (!report.subject_to_parity) return report;

  // Quantitative tests, classification by classification and type by type.
  for (const auto& c : d.classifications) {
    std::vector<LimitType> types;
    for (const auto& r : c.medical_surgical)
      if (std::find(types.begin(), types.end(), r.type) == types.end()) types.push_back(r.type);
    for (const auto& r : c.mental_health)
      if (std::find(types.begin(), types.end(), r.type) == types.end()) types.push_back(r.type);
    std::sort(types.begin(), types.end());
    for (auto type : types) {
      auto test = run_test(c, type);
      const std::string topic = std::string(to_string(type)) + " / " + c.key.describe();
      report.findings.push_back(
          {"info", topic,
           std::string(to_string(type)) + " applies to " + percent(test.subject_share) + " of M/S payments (" +
               test.subject_payments.to_string() + " of " + test.total_payments.to_string() + "): " +
               (test.substantially_all ? "substantially all; predominant level " + format_level(type, *test.predominant)
                                       : "not substantially all"),
           test.rule + "; " + kPayments});
      for (const auto& check : test.checks)
        report.findings.push_back({check.pass ? "info" : "violation", topic, check.reason, test.rule});
      report.tests.push_back(std::move(test));
    }
  }

  // Cumulative requirements.
  const std::pair<Accumulation, const char*> cumulative[] = {
      {d.deductible, "The deductible"}, {d.out_of_pocket_maximum, "The out-of-pocket maximum"},
      {d.visit_and_day_limits, "Annual visit or day limits"}};
  for (const auto& [accumulation, what] : cumulative)
    if (accumulation == Accumulation::separate)
      report.findings.push_back({"violation", "cumulative requirements",
                                 std::string(what) + " accumulates separately for MH/SUD benefits.", kCumulative});

  for (const auto& r : d.nqtls) nqtl_findings(r, report.findings);

  // State overlays, as data.
  for (const auto& overlay : overlays()) {
    if (overlay.state != d.state) continue;
    for (const auto& rule : overlay.rules) {
      const std::string topic = overlay.state + ": " + rule.id;
      if (rule.check == "criteria_from_list") {
        for (const auto& criteria : d.medical_necessity_criteria)
          if (std::find(rule.allowed.begin(), rule.allowed.end(), criteria) == rule.allowed.end())
            report.findings.push_back({"violation", topic, rule.message + ": '" + criteria + "' is not among them.",
                                       rule.source});
      } else if (rule.check == "out_of_network_when_no_timely_access") {
        if (!d.timely_in_network_access && !d.out_of_network_at_in_network_cost_sharing)
          report.findings.push_back({"violation", topic, rule.message + ".", rule.source});
      } else if (rule.check == "telehealth_cost_sharing_not_above_in_person") {
        if (d.telehealth_cost_sharing_above_in_person)
          report.findings.push_back({"violation", topic, rule.message + ".", rule.source});
      }
    }
  }
  return report;
}

json to_json(const ParityReport& r) {
  json tests = json::array();
  for (const auto& t : r.tests) {
    json levels = json::array();
    for (const auto& l : t.levels)
      levels.push_back({{"level", l.level}, {"display", format_level(t.type, l.level)}, {"payments", l.payments},
                        {"share", l.share.to_string()}});
    json steps = json::array();
    for (const auto& s : t.combination)
      steps.push_back({{"level", s.level}, {"cumulative", s.cumulative}, {"cumulative_share", s.cumulative_share.to_string()}});
    json checks = json::array();
    for (const auto& c : t.checks) {
      json j{{"benefit", c.benefit}, {"level", c.level}, {"pass", c.pass}, {"reason", c.reason}};
      j["permitted"] = c.permitted ? json(*c.permitted) : json(nullptr);
      checks.push_back(std::move(j));
    }
    json j{{"classification", to_string(t.key.classification)},
           {"subclassification", to_string(t.key.subclassification)},
           {"tier", t.key.tier},
           {"type", to_string(t.type)},
           {"total_payments", t.total_payments},
           {"subject_payments", t.subject_payments},
           {"subject_share", t.subject_share.to_string()},
           {"threshold", "2/3"},
           {"substantially_all", t.substantially_all},
           {"levels", levels},
           {"combined", t.combined},
           {"combination", steps},
           {"rule", t.rule},
           {"checks", checks}};
    j["predominant"] = t.predominant ? json(*t.predominant) : json(nullptr);
    j["predominant_display"] = t.predominant ? json(format_level(t.type, *t.predominant)) : json(nullptr);
    tests.push_back(std::move(j));
  }
  json findings = json::array();
  for (const auto& f : r.findings)
    findings.push_back({{"severity", f.severity}, {"topic", f.topic}, {"message", f.message}, {"rule", f.rule}});
  return {{"plan", r.plan},
          {"coverage_unit", r.coverage_unit},
          {"plan_year_start", to_iso_string(r.plan_year_start)},
          {"subject_to_parity", r.subject_to_parity},
          {"passes", r.passes()},
          {"tests", tests},
          {"findings", findings},
          {"provisions", to_json(r.provisions)}};
}

json to_json(const std::vector<Provision>& provisions) {
  json out = json::array();
  for (const auto& p : provisions)
    out.push_back({{"name", p.name}, {"applies_from", to_iso_string(p.applies_from)}, {"applies", p.applies},
                   {"enforced", p.enforced}, {"source", p.source}});
  return out;
}

ParityReport report_from_json(const json& document, std::string path) {
  const JsonReader in(document, std::move(path));
  ParityReport r;
  r.plan = in.at("plan").as_string();
  r.coverage_unit = in.at("coverage_unit").as_string();
  r.plan_year_start = in.at("plan_year_start").as_date();
  r.subject_to_parity = in.at("subject_to_parity").as_bool();
  const auto tests = in.at("tests");
  for (std::size_t i = 0; i < tests.array_size(); ++i) {
    const auto t = tests.at(i);
    TypeTest test;
    const auto cls = t.at("classification");
    test.key.classification = parse_classification(cls.as_string(), cls.path());
    const auto sub = t.at("subclassification").as_string();
    test.key.subclassification = sub == "office_visits" ? Subclassification::office_visits
                                 : sub == "all_other"   ? Subclassification::all_other
                                                        : Subclassification::none;
    test.key.tier = t.at("tier").as_string();
    const auto type = t.at("type");
    test.type = parse_limit_type(type.as_string(), type.path());
    test.total_payments = t.at("total_payments").as_money();
    test.subject_payments = t.at("subject_payments").as_money();
    test.subject_share = t.at("subject_share").as_rate();
    test.substantially_all = t.at("substantially_all").as_bool();
    const auto levels = t.at("levels");
    for (std::size_t k = 0; k < levels.array_size(); ++k)
      test.levels.push_back({levels.at(k).at("level").as_int(INT64_MIN + 1, INT64_MAX), levels.at(k).at("payments").as_money(),
                             levels.at(k).at("share").as_rate()});
    if (auto p = t.find("predominant")) test.predominant = p->as_int(INT64_MIN + 1, INT64_MAX);
    test.combined = t.at("combined").as_bool();
    const auto steps = t.at("combination");
    for (std::size_t k = 0; k < steps.array_size(); ++k)
      test.combination.push_back({steps.at(k).at("level").as_int(INT64_MIN + 1, INT64_MAX),
                                  steps.at(k).at("cumulative").as_money(), steps.at(k).at("cumulative_share").as_rate()});
    test.rule = t.at("rule").as_string();
    const auto checks = t.at("checks");
    for (std::size_t k = 0; k < checks.array_size(); ++k) {
      const auto c = checks.at(k);
      MhSudCheck check{c.at("benefit").as_string(), c.at("level").as_int(INT64_MIN + 1, INT64_MAX), std::nullopt,
                       c.at("pass").as_bool(), c.at("reason").as_string()};
      if (auto p = c.find("permitted")) check.permitted = p->as_int(INT64_MIN + 1, INT64_MAX);
      test.checks.push_back(std::move(check));
    }
    r.tests.push_back(std::move(test));
  }
  const auto findings = in.at("findings");
  for (std::size_t i = 0; i < findings.array_size(); ++i) {
    const auto f = findings.at(i);
    r.findings.push_back({f.at("severity").as_string(), f.at("topic").as_string(), f.at("message").as_string(),
                          f.at("rule").as_string()});
  }
  const auto provisions = in.at("provisions");
  for (std::size_t i = 0; i < provisions.array_size(); ++i) {
    const auto p = provisions.at(i);
    r.provisions.push_back({p.at("name").as_string(), p.at("applies_from").as_date(), p.at("applies").as_bool(),
                            p.at("enforced").as_bool(), p.at("source").as_string()});
  }
  return r;
}

std::string to_text(const ParityReport& r) {
  std::ostringstream out;
  out << "Parity report: " << r.plan << " (" << r.coverage_unit << "), plan year from " << to_iso_string(r.plan_year_start)
      << "\n";
  if (!r.subject_to_parity) out << "Not subject to the MHPAEA tests (see below).\n";
  out << (r.passes() ? "No violation found.\n" : "Violations found.\n");
  for (const auto& t : r.tests) {
    out << "\n" << to_string(t.type) << " in " << t.key.describe() << ": " << percent(t.subject_share) << " of "
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
  out << "\nFindings:\n";
  for (const auto& f : r.findings)
    if (f.severity != "info" || f.topic.rfind("NQTL", 0) == 0 || f.topic.find("exemption") != std::string::npos ||
        f.topic == "scope")
      out << "  [" << f.severity << "] " << f.topic << ": " << f.message << " (" << f.rule << ")\n";
  out << "\nProvisions for this plan year:\n";
  for (const auto& p : r.provisions)
    out << "  " << (p.applies ? (p.enforced ? "applies    " : "applies, not enforced ") : "not yet    ") << p.name << "\n";
  return out.str();
}

}  // namespace iop::parity
