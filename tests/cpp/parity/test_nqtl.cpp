// Items 3 and 10: NQTL findings are sentences a reader can quote; an NQTL lists the
// benefits it applies to per classification, and its in-operation data are compared
// between MH/SUD and M/S against the threshold the plan's analysis states, citing
// 29 U.S.C. 1185a(a)(8).

#include "iop/parity/report.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "iop/core/error.hpp"
#include "parity_support.hpp"

namespace {

using namespace iop::parity;
using namespace iop::parity::testing;
using iop::Rate;

NqtlRecord prior_authorization() {
  NqtlRecord r;
  r.name = "Prior authorization for IOP";
  r.kind = NqtlKind::prior_authorization;
  r.classification = "outpatient_in_network";
  r.benefit = "Intensive outpatient program";
  r.comparable_benefit = "Cardiac rehabilitation";
  r.terms = "IOP requires prior authorization";
  r.factors = "cost, utilization";
  r.mental_health.required = true;
  return r;
}

std::vector<std::string> messages(const ParityReport& report, const std::string& name) {
  std::vector<std::string> out;
  for (const auto& f : findings_on(report, "NQTL: " + name)) out.push_back(f.severity + ": " + f.message);
  return out;
}

TEST(ParityNqtl, FindingsAreSentences) {
  auto design = passing_design();
  auto review = prior_authorization();
  review.name = "Concurrent review";
  review.kind = NqtlKind::concurrent_review;
  review.evidentiary_standards = review.comparative_analysis = review.findings = "documented";
  review.applies_to = {{Classification::outpatient_in_network, {"Intensive outpatient program"}, {"Cardiac rehabilitation"}}};
  review.mental_health.review_every_days = 7;
  review.medical_surgical.required = true;
  review.medical_surgical.review_every_days = 30;
  design.nqtls = {prior_authorization(), review};
  const auto report = analyse(design);
  EXPECT_EQ(messages(report, "Prior authorization for IOP"),
            (std::vector<std::string>{
                "violation: The comparative analysis of Prior authorization for IOP is incomplete: it lacks (i) the "
                "benefits it applies to in each classification, (iii) the evidentiary standards, (iv) the comparative "
                "analysis as written and in operation and (v) the findings and conclusions.",
                "violation: Prior authorization is required for Intensive outpatient program in outpatient_in_network "
                "but not for the comparable medical/surgical benefit, Cardiac rehabilitation."}));
  EXPECT_EQ(messages(report, "Concurrent review"),
            (std::vector<std::string>{
                "info: The comparative analysis of Concurrent review has all five elements.",
                "violation: Concurrent review of Intensive outpatient program every 7 days is more frequent than the "
                "review of Cardiac rehabilitation every 30 days in outpatient_in_network.",
                "info: In outpatient_in_network, Concurrent review applies to MH/SUD benefits (Intensive outpatient "
                "program) and to medical/surgical benefits (Cardiac rehabilitation)."}));
  for (const auto& f : findings_on(report, "NQTL: ", true)) {
    EXPECT_TRUE(f.message.back() == '.') << f.message;
    EXPECT_FALSE(f.rule.empty());
  }
}

TEST(ParityNqtl, AnNqtlOnMhSudAloneInAClassificationIsAFinding) {
  auto design = passing_design();
  auto r = prior_authorization();
  r.applies_to = {{Classification::outpatient_in_network, {"Intensive outpatient program", "Partial hospitalization"}, {}}};
  design.nqtls = {r};
  const auto found = findings_on(analyse(design), "NQTL: Prior authorization for IOP");
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[2].severity, "finding");
  EXPECT_EQ(found[2].message,
            "In outpatient_in_network, Prior authorization for IOP applies to MH/SUD benefits (Intensive outpatient "
            "program and Partial hospitalization) and to no medical/surgical benefit, so the analysis must show it is "
            "comparable to and no more stringent than what the plan applies to medical/surgical benefits there.");
}

// In-operation comparisons, each against the plan's stated threshold:
//   denial rate 12% (IOP) against 5% (cardiac rehabilitation), threshold 5 points:
//     12 - 5 = 7 points more restrictive, beyond 5: a finding;
//   denial rate 8% against 5%: 3 points, within 5: information;
//   approval rate 90% against 88% (lower is more restrictive): MH/SUD is approved more
//     often, no more restrictive;
//   days to an appointment 21 against 10, threshold 7 days: 11 days beyond 7: a finding;
//   days between reviews 7 against 30 (fewer is more restrictive), threshold 0: 23 days
//     more restrictive, beyond 0: a finding.
TEST(ParityNqtl, InOperationDataAreComparedAgainstTheStatedThresholds) {
  auto design = passing_design();
  auto r = prior_authorization();
  r.evidentiary_standards = r.comparative_analysis = r.findings = "documented";
  r.medical_surgical.required = true;
  r.applies_to = {{Classification::outpatient_in_network, {"Intensive outpatient program"}, {"Cardiac rehabilitation"}}};
  const auto cls = Classification::outpatient_in_network;
  r.in_operation = {
      {OperationMeasure::denial_rate, cls, "2025 plan year", Rate::percent(12), Rate::percent(5), Rate::percent(5)},
      {OperationMeasure::denial_rate, cls, "2024 plan year", Rate::percent(8), Rate::percent(5), Rate::percent(5)},
      {OperationMeasure::approval_rate, cls, "2025 plan year", Rate::percent(90), Rate::percent(88), Rate::percent(5)},
      {OperationMeasure::days_to_appointment, cls, "2025 plan year", Rate::fraction(21, 1), Rate::fraction(10, 1),
       Rate::fraction(7, 1)},
      {OperationMeasure::days_between_reviews, cls, "2025 plan year", Rate::fraction(7, 1), Rate::fraction(30, 1),
       Rate()}};
  design.nqtls = {r};
  const auto report = analyse(design);
  const auto found = findings_on(report, "NQTL: Prior authorization for IOP");
  ASSERT_EQ(found.size(), 7u);  // completeness, benefits, five comparisons
  EXPECT_EQ(found[2].severity, "finding");
  EXPECT_EQ(found[2].message,
            "In operation (2025 plan year), the denial rate for Intensive outpatient program was 12% against 5% for "
            "Cardiac rehabilitation in outpatient_in_network: 7.0 percentage points more restrictive, beyond the "
            "5.0-point threshold the plan's analysis states, so the analysis must show the NQTL is not applied more "
            "stringently in operation.");
  EXPECT_NE(found[2].rule.find("29 U.S.C. 1185a(a)(8)(A)(iv)"), std::string::npos);
  EXPECT_EQ(found[3].severity, "info");
  EXPECT_NE(found[3].message.find("3.0 percentage points more restrictive, within the 5.0-point threshold"),
            std::string::npos);
  EXPECT_EQ(found[4].message,
            "In operation (2025 plan year), the approval rate for Intensive outpatient program was 90% against 88% for "
            "Cardiac rehabilitation in outpatient_in_network: no more restrictive for the MH/SUD benefit.");
  EXPECT_EQ(found[5].severity, "finding");
  EXPECT_NE(found[5].message.find("was 21 days against 10 days for Cardiac rehabilitation in outpatient_in_network: "
                                  "11 days more restrictive, beyond the 7-day threshold"),
            std::string::npos);
  EXPECT_EQ(found[6].severity, "finding");
  EXPECT_NE(found[6].message.find("23 days more restrictive, beyond the 0-day threshold"), std::string::npos);
  // Findings are not violations: the report still passes.
  EXPECT_TRUE(report.passes());
  // The design round-trips; a day count that is not whole is refused.
  EXPECT_EQ(to_json(benefit_design_from_json(to_json(design))), to_json(design));
  design.nqtls[0].in_operation[3].mental_health = Rate::fraction(43, 2);
  EXPECT_THROW((void)analyse(design), iop::ValidationError);
}

}  // namespace
