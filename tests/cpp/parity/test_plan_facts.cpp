// Items 4 to 6: funding and status, size, and the exemption years, each decided from
// recorded facts with the statute that decides it.

#include "iop/parity/report.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "iop/core/error.hpp"
#include "parity_support.hpp"

namespace {

using namespace iop::parity;
using namespace iop::parity::testing;
using iop::make_date;

// --- item 4: funding, grandfathered status, sponsor ---------------------------------

TEST(ParityStatus, ChurchAndGovernmentalPlansAreReachedThroughTheirOwnStatutes) {
  auto design = passing_design();
  design.status.sponsor = Sponsor::church;
  auto report = analyse(design);
  EXPECT_TRUE(report.subject_to_parity);
  ASSERT_EQ(findings_on(report, "scope").size(), 1u);
  EXPECT_NE(findings_on(report, "scope")[0].rule.find("26 U.S.C. 9812"), std::string::npos);
  design.status.sponsor = Sponsor::non_federal_governmental;
  EXPECT_NE(findings_on(analyse(design), "scope")[0].rule.find("42 U.S.C. 300gg-26"), std::string::npos);
  design.status.sponsor = Sponsor::federal_governmental;
  report = analyse(design);
  EXPECT_FALSE(report.subject_to_parity);
  EXPECT_TRUE(report.tests.empty());
  // Unstated: the report says which rules it applied.
  design.status.sponsor = Sponsor::unstated;
  EXPECT_EQ(findings_on(analyse(design), "scope")[0].message,
            "The design does not state the plan's sponsor, so iop applies the rules for a private employer's group "
            "health plan.");
}

// A small employer (40 employees) with insured small-group coverage: the exemption of
// 29 U.S.C. 1185a(c)(1) takes the plan out unless the coverage must meet parity as an
// essential health benefit, which non-grandfathered small-group coverage must
// (45 CFR 156.115(a)(3)); grandfathered coverage is not held to that rule.
TEST(ParityStatus, GrandfatheredStatusDecidesWhetherASmallEmployersInsuredPlanIsExempt) {
  auto design = passing_design();
  design.status = {Funding::fully_insured, Market::small_group, false, Sponsor::private_employer};
  design.employer = EmployerSize{40, std::nullopt, {}, false};
  auto report = analyse(design);
  EXPECT_TRUE(report.subject_to_parity);
  EXPECT_NE(findings_on(report, "small employer exemption")[0].rule.find("45 CFR 156.115(a)(3)"), std::string::npos);
  design.status.grandfathered = true;
  report = analyse(design);
  EXPECT_FALSE(report.subject_to_parity);
  EXPECT_EQ(findings_on(report, "scope")[0].message,
            "Grandfathered status does not exempt a plan from MHPAEA, which has no grandfather rule; it matters only "
            "for the ACA's essential health benefit rules.");
  // Not stated: the tests run and the report says what would settle it.
  design.status.grandfathered.reset();
  report = analyse(design);
  EXPECT_TRUE(report.subject_to_parity);
  EXPECT_EQ(findings_on(report, "small employer exemption")[0].severity, "finding");
}

// --- item 5: participants, controlled group, new employer ---------------------------

// 26 U.S.C. 9831(a)(2): the group health plan rules do not apply to a plan with fewer
// than two participants who are current employees on the first day of the plan year.
TEST(ParitySize, FewerThanTwoParticipantsWhoAreCurrentEmployeesIsOutside) {
  auto design = passing_design();
  design.participants_current_employees = 1;
  auto report = analyse(design);
  EXPECT_FALSE(report.subject_to_parity);
  EXPECT_EQ(findings_on(report, "scope").back().message,
            "On the first day of the plan year the plan had 1 participant who is a current employee, fewer than two, so "
            "the group health plan rules, parity among them, do not apply.");
  EXPECT_NE(findings_on(report, "scope").back().rule.find("26 U.S.C. 9831(a)(2)"), std::string::npos);
  design.participants_current_employees = 2;
  EXPECT_TRUE(analyse(design).subject_to_parity);
}

// 29 U.S.C. 1185a(c)(1): at least 2 (or 1 where the state allows one-person groups) and
// at most 50 employees; persons treated as one employer under 26 U.S.C. 414(b), (c),
// (m), (o) count together, and a new employer counts its reasonably expected size.
// 30 employees alone: small, and a self-insured plan is exempt. 30 + 25 at a sister
// company = 55 > 50: not small, the tests apply.
TEST(ParitySize, TheControlledGroupIsCountedTogether) {
  auto design = passing_design();
  design.status.funding = Funding::self_insured;
  design.status.sponsor = Sponsor::private_employer;
  design.employer = EmployerSize{30, std::nullopt, {}, false};
  auto report = analyse(design);
  EXPECT_FALSE(report.subject_to_parity);
  EXPECT_EQ(findings_on(report, "small employer exemption")[0].message,
            "The employer averaged 30 employees on business days in the preceding calendar year, at least 2 and at most "
            "50, so it is a small employer and the plan is exempt for this plan year.");
  design.employer->controlled_group = {{"Sister Co", 25}};
  report = analyse(design);
  EXPECT_TRUE(report.subject_to_parity);
  EXPECT_EQ(findings_on(report, "small employer exemption")[0].message,
            "The employer averaged 30 employees on business days in the preceding calendar year, plus 25 at Sister Co, "
            "treated as one employer under 26 U.S.C. 414(b), (c), (m) or (o): 55 in all, more than 50, so it is not a "
            "small employer and the exemption does not apply.");
}

TEST(ParitySize, ANewEmployerCountsItsExpectedSizeAndTheFloorFollowsTheState) {
  auto design = passing_design();
  design.status.funding = Funding::self_insured;
  design.employer = EmployerSize{std::nullopt, 45, {}, false};
  auto report = analyse(design);
  EXPECT_FALSE(report.subject_to_parity);
  EXPECT_NE(findings_on(report, "small employer exemption")[0].message.find(
                "not in existence throughout the preceding calendar year, is reasonably expected to average 45 employees"),
            std::string::npos);
  // One employee: below the floor of 2, unless the state permits one-person small groups.
  design.employer = EmployerSize{1, std::nullopt, {}, false};
  EXPECT_TRUE(analyse(design).subject_to_parity);
  design.employer->state_permits_one_person_small_group = true;
  EXPECT_FALSE(analyse(design).subject_to_parity);
  // Both bases at once are refused, naming the statute.
  design.employer = EmployerSize{30, 30, {}, false};
  try {
    (void)analyse(design);
    FAIL() << "two bases accepted";
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "design.employer");
    EXPECT_NE(e.allowed().find("1185a(c)(1)(B), (C)(ii)"), std::string::npos);
  }
}

// --- item 6: the exemption year -------------------------------------------------------

// 29 U.S.C. 1185a(c)(2): in the plan year starting 2025-01-01, the first plan year of
// compliance, costs rose 2.5% > 2%; determined on 2025-08-15, after the first six months
// (which ended 2025-07-01); certified by an Academy member on 2025-08-20; notices sent on
// 2025-09-01. The plan is exempt for the following plan year, starting 2026-01-01, only.
CostExemption qualifying_increase() {
  CostExemption e;
  e.measured_plan_year_start = make_date(2025, 1, 1);
  e.compliance_year = 1;
  e.cost_increase = iop::Rate::parse("2.5%");
  e.determined_on = make_date(2025, 8, 15);
  e.certification = ActuaryCertification{"A. Actuary, FSA", true, make_date(2025, 8, 20)};
  e.notice_to_secretary = e.notice_to_state = e.notice_to_participants = make_date(2025, 9, 1);
  return e;
}

TEST(ParityCostExemption, AQualifyingIncreaseExemptsTheFollowingPlanYear) {
  auto design = passing_design();  // plan year from 2026-01-01
  design.cost_exemption = qualifying_increase();
  auto report = analyse(design);
  EXPECT_FALSE(report.subject_to_parity);
  EXPECT_TRUE(report.tests.empty());
  EXPECT_EQ(findings_on(report, "increased cost exemption")[0].message,
            "Exempt for the plan year starting 2026-01-01 only: complying raised actual total costs of coverage by 2.5% "
            "in the plan year starting 2025-01-01 (plan year 1 of compliance, threshold more than 2%); the increase was "
            "determined on 2025-08-15, after the first six months, certified in writing by A. Actuary, FSA, a member of "
            "the American Academy of Actuaries, on 2025-08-20, and the election was notified to the Secretary on "
            "2025-09-01, the state agencies on 2025-09-01 and the participants on 2025-09-01.");
  EXPECT_TRUE(report.passes());
  // The report of an exempt plan round-trips.
  EXPECT_EQ(to_json(report_from_json(to_json(report))), to_json(report));

  // The measured year itself is not exempt; nor is the year after the following one.
  design.plan_year_start = make_date(2025, 1, 1);
  EXPECT_TRUE(analyse(design).subject_to_parity);
  design.plan_year_start = make_date(2027, 1, 1);
  report = analyse(design);
  EXPECT_TRUE(report.subject_to_parity);
  EXPECT_EQ(findings_on(report, "increased cost exemption")[0].message,
            "The increase measured in the plan year starting 2025-01-01 can exempt only the plan year starting "
            "2026-01-01, not the plan year analysed, which starts 2027-01-01.");
}

TEST(ParityCostExemption, EveryConditionIsARecordedFact) {
  auto design = passing_design();
  auto e = qualifying_increase();
  e.determined_on = make_date(2025, 6, 30);  // before 2025-07-01
  e.notice_to_participants.reset();
  design.cost_exemption = e;
  auto report = analyse(design);
  EXPECT_TRUE(report.subject_to_parity);
  const auto f = findings_on(report, "increased cost exemption").at(0);
  EXPECT_EQ(f.severity, "finding");
  EXPECT_EQ(f.message,
            "Not exempt for the plan year starting 2026-01-01: complying raised actual total costs of coverage by 2.5% "
            "in the plan year starting 2025-01-01 (plan year 1 of compliance, threshold more than 2%), but it was "
            "determined on 2025-06-30, before the first six months ended on 2025-07-01 and no notice to the "
            "participants and beneficiaries is recorded.");
  // Thresholds: exactly 2% in the first year does not exceed 2%; 0.9% in a later year is not over 1%.
  e = qualifying_increase();
  e.cost_increase = iop::Rate::percent(2);
  design.cost_exemption = e;
  EXPECT_TRUE(analyse(design).subject_to_parity);
  e.compliance_year = 2;
  e.cost_increase = iop::Rate::parse("1.5%");
  design.cost_exemption = e;
  EXPECT_FALSE(analyse(design).subject_to_parity);
  e.cost_increase = iop::Rate::parse("0.9%");
  design.cost_exemption = e;
  EXPECT_NE(findings_on(analyse(design), "increased cost exemption")[0].message.find("the increase is not more than 1%"),
            std::string::npos);
}

// The facts round-trip through JSON.
TEST(ParityPlanFacts, RoundTripThroughJson) {
  auto design = passing_design();
  design.status = {Funding::fully_insured, Market::large_group, false, Sponsor::private_employer};
  design.employer = EmployerSize{60, std::nullopt, {{"Sister Co", 5}}, false};
  design.participants_current_employees = 58;
  design.cost_exemption = qualifying_increase();
  const auto j = to_json(design);
  EXPECT_EQ(to_json(benefit_design_from_json(j)), j);
  EXPECT_EQ(j["cost_exemption"]["notices"]["secretary"], "2025-09-01");
}

}  // namespace
