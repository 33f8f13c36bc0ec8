// NQTL comparative analyses: completeness, stricter limitations, benefits per
// classification, and in-operation data against the plan's stated thresholds.

#include <cstdio>
#include <string>
#include <vector>

#include "analysis.hpp"
#include "iop/detail/int128.hpp"

namespace iop::parity::analysis {
namespace {

using detail::int128;

constexpr const char* kNqtlAnalysis =
    "29 U.S.C. 1185a(a)(8)(A) (Consolidated Appropriations Act, 2021): comparative analysis of each NQTL";
constexpr const char* kNqtlStandard =
    "29 U.S.C. 1185a(a)(3)(A)(ii) and 29 CFR 2590.712(c)(4) (NQTLs no more stringently applied to MH/SUD than to "
    "comparable M/S benefits in the classification)";
constexpr const char* kInOperation =
    "29 U.S.C. 1185a(a)(8)(A)(iv) (comparable and applied no more stringently, as written and in operation); the "
    "threshold is the plan's own, since neither the statute nor the 2013 rule sets a number; the 2024 rule's "
    "relevant-data evaluation (89 FR 77586) is not enforced since May 15, 2025";

std::string or_default(const std::string& text, const char* fallback) { return text.empty() ? fallback : text; }

std::string measure_name(OperationMeasure m) {
  switch (m) {
    case OperationMeasure::approval_rate: return "approval rate";
    case OperationMeasure::denial_rate: return "denial rate";
    case OperationMeasure::days_between_reviews: return "time between reviews";
    case OperationMeasure::days_to_appointment: return "time to an appointment";
    case OperationMeasure::out_of_network_utilization_rate: return "out-of-network utilization rate";
    case OperationMeasure::providers_accepting_new_patients_rate: return "share of providers accepting new patients";
  }
  return "measure";
}

std::string value_text(const Rate& value, OperationMeasure m) {
  if (measured_in_days(m)) {
    const auto days = value.numerator() / value.denominator();
    return std::to_string(days) + (days == 1 ? " day" : " days");
  }
  return value.to_string();
}

// A difference for display: percentage points with one decimal, or whole days.
std::string difference_text(int128 numerator, int128 denominator, OperationMeasure m, bool threshold) {
  if (measured_in_days(m)) {
    const auto days = static_cast<long long>(numerator / denominator);
    if (threshold) return std::to_string(days) + "-day";
    return std::to_string(days) + (days == 1 ? " day" : " days");
  }
  const long double points = 100.0L * static_cast<long double>(numerator) / static_cast<long double>(denominator);
  char text[48];
  std::snprintf(text, sizeof text, threshold ? "%.1f-point" : "%.1f percentage points", static_cast<double>(points));
  return text;
}

void completeness(const NqtlRecord& r, const std::string& topic, std::vector<Finding>& findings) {
  std::vector<std::string> missing;
  if (r.terms.empty()) missing.push_back("(i) the plan terms");
  if (r.applies_to.empty()) missing.push_back("(i) the benefits it applies to in each classification");
  if (r.factors.empty()) missing.push_back("(ii) the factors");
  if (r.evidentiary_standards.empty()) missing.push_back("(iii) the evidentiary standards");
  if (r.comparative_analysis.empty()) missing.push_back("(iv) the comparative analysis as written and in operation");
  if (r.findings.empty()) missing.push_back("(v) the findings and conclusions");
  if (missing.empty())
    findings.push_back({"info", topic, "The comparative analysis of " + r.name + " has all five elements.", kNqtlAnalysis});
  else
    findings.push_back({"violation", topic,
                        "The comparative analysis of " + r.name + " is incomplete: it lacks " + join_and(missing) + ".",
                        kNqtlAnalysis});
}

void stricter(const NqtlRecord& r, const std::string& topic, std::vector<Finding>& findings) {
  const auto& mh = r.mental_health;
  const auto& ms = r.medical_surgical;
  const std::string benefit = or_default(r.benefit, "the MH/SUD benefit");
  const std::string comparable = or_default(r.comparable_benefit, "the comparable M/S benefit");
  const std::string where = r.classification.empty() ? "" : " in " + r.classification;
  switch (r.kind) {
    case NqtlKind::prior_authorization:
      if (mh.required && !ms.required)
        findings.push_back({"violation", topic,
                            "Prior authorization is required for " + benefit + where +
                                " but not for the comparable medical/surgical benefit, " + comparable + ".",
                            kNqtlStandard});
      break;
    case NqtlKind::concurrent_review:
      if (mh.required && !ms.required)
        findings.push_back({"violation", topic,
                            "Concurrent review applies to " + benefit + where +
                                " but not to the comparable medical/surgical benefit, " + comparable + ".",
                            kNqtlStandard});
      else if (mh.review_every_days && ms.review_every_days && *mh.review_every_days < *ms.review_every_days)
        findings.push_back({"violation", topic,
                            "Concurrent review of " + benefit + " every " + std::to_string(*mh.review_every_days) +
                                " days is more frequent than the review of " + comparable + " every " +
                                std::to_string(*ms.review_every_days) + " days" + where + ".",
                            kNqtlStandard});
      break;
    case NqtlKind::medical_necessity_criteria:
      if (!mh.criteria_source.empty() && ms.criteria_source.empty())
        findings.push_back({"violation", topic,
                            "Medical-necessity criteria (" + mh.criteria_source + ") apply to " + benefit + where +
                                ", but none apply to the comparable medical/surgical benefit, " + comparable + ".",
                            kNqtlStandard});
      break;
    case NqtlKind::reimbursement_method:
      if (mh.reimbursement_percent_of_medicare && ms.reimbursement_percent_of_medicare &&
          *mh.reimbursement_percent_of_medicare < *ms.reimbursement_percent_of_medicare)
        findings.push_back({"violation", topic,
                            "Reimbursement for " + benefit + " at " + std::to_string(*mh.reimbursement_percent_of_medicare) +
                                "% of Medicare is lower than for " + comparable + " at " +
                                std::to_string(*ms.reimbursement_percent_of_medicare) + "% of Medicare" + where +
                                ", which can restrict network access.",
                            kNqtlStandard});
      break;
    case NqtlKind::other: break;
  }
}

void benefits(const NqtlRecord& r, const std::string& topic, std::vector<Finding>& findings) {
  for (const auto& a : r.applies_to) {
    const std::string cls(to_string(a.classification));
    const std::string mh = a.mental_health.empty() ? "no MH/SUD benefit" : "MH/SUD benefits (" + join_and(a.mental_health) + ")";
    if (!a.mental_health.empty() && a.medical_surgical.empty())
      findings.push_back({"finding", topic,
                          "In " + cls + ", " + r.name + " applies to " + mh +
                              " and to no medical/surgical benefit, so the analysis must show it is comparable to and no "
                              "more stringent than what the plan applies to medical/surgical benefits there.",
                          kNqtlStandard});
    else
      findings.push_back({"info", topic,
                          "In " + cls + ", " + r.name + " applies to " + mh + " and to medical/surgical benefits (" +
                              join_and(a.medical_surgical) + ").",
                          "29 U.S.C. 1185a(a)(8)(A)(i)"});
  }
}

void in_operation(const NqtlRecord& r, const std::string& topic, std::vector<Finding>& findings) {
  const std::string benefit = or_default(r.benefit, "the MH/SUD benefits");
  const std::string comparable = or_default(r.comparable_benefit, "the comparable M/S benefits");
  for (const auto& c : r.in_operation) {
    // The difference in the restrictive direction, exactly: sign x (mh - ms).
    const int128 sign = higher_is_more_restrictive(c.measure) ? 1 : -1;
    const int128 den = static_cast<int128>(c.mental_health.denominator()) * c.medical_surgical.denominator();
    const int128 num = sign * (static_cast<int128>(c.mental_health.numerator()) * c.medical_surgical.denominator() -
                               static_cast<int128>(c.medical_surgical.numerator()) * c.mental_health.denominator());
    // num / den > threshold  <=>  num x threshold.den > threshold.num x den (all denominators positive).
    const bool beyond = num * c.threshold.denominator() > static_cast<int128>(c.threshold.numerator()) * den;
    const std::string measured = "In operation (" + c.period + "), the " + measure_name(c.measure) + " for " + benefit +
                                 " was " + value_text(c.mental_health, c.measure) + " against " +
                                 value_text(c.medical_surgical, c.measure) + " for " + comparable + " in " +
                                 std::string(to_string(c.classification));
    const std::string threshold = difference_text(c.threshold.numerator(), c.threshold.denominator(), c.measure, true);
    if (num <= 0) {
      findings.push_back({"info", topic, measured + ": no more restrictive for the MH/SUD benefit.", kInOperation});
    } else if (beyond) {
      findings.push_back({"finding", topic,
                          measured + ": " + difference_text(num, den, c.measure, false) +
                              " more restrictive, beyond the " + threshold +
                              " threshold the plan's analysis states, so the analysis must show the NQTL is not applied "
                              "more stringently in operation.",
                          kInOperation});
    } else {
      findings.push_back({"info", topic,
                          measured + ": " + difference_text(num, den, c.measure, false) +
                              " more restrictive, within the " + threshold + " threshold the plan's analysis states.",
                          kInOperation});
    }
  }
}

}  // namespace

void nqtl(const NqtlRecord& r, std::vector<Finding>& findings) {
  const std::string topic = "NQTL: " + r.name;
  completeness(r, topic, findings);
  stricter(r, topic, findings);
  benefits(r, topic, findings);
  in_operation(r, topic, findings);
}

}  // namespace iop::parity::analysis
