// Items 2, 4 and 11 in California: criteria matched by identifier against the
// associations listed in 28 CCR 1300.74.721(c); state rules reaching insured products
// only; telehealth cost sharing compared service by service (H&S 1374.14, AB 744).

#include "iop/parity/report.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "iop/core/error.hpp"
#include "parity_support.hpp"

namespace {

using namespace iop::parity;
using namespace iop::parity::testing;

BenefitDesign california(Funding funding) {
  auto design = passing_design();
  design.state = "CA";
  design.status.funding = funding;
  design.status.sponsor = Sponsor::private_employer;
  return design;
}

// 28 CCR 1300.74.721(c) lists the nonprofit professional associations whose criteria
// must be used, among them (c)(6) the American Association for Community Psychiatry
// (LOCUS) and (c)(9) the American Psychiatric Association. iop confirmed (c)(1) to (c)(9);
// the American Society of Addiction Medicine (ASAM Criteria) is not among the confirmed
// entries, so the report asks to check it rather than calling it a violation.
TEST(ParityCalifornia, TheApaGuidelinesLocusAndAsamAreAccepted) {
  auto design = california(Funding::fully_insured);
  design.medical_necessity_criteria = {{"locus", "", ""}, {"asam-criteria", "", ""}, {"apa-practice-guidelines", "", ""}};
  const auto report = analyse(design);
  const auto found = findings_on(report, "CA: ca-nonprofit-criteria");
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].severity, "info");
  EXPECT_EQ(found[0].message,
            "The criteria Level of Care Utilization System (LOCUS) come from the American Association for Community "
            "Psychiatry, a nonprofit professional association listed in 28 CCR 1300.74.721(c)(6).");
  EXPECT_EQ(found[1].severity, "finding");
  EXPECT_EQ(found[1].message,
            "The criteria The ASAM Criteria come from the American Society of Addiction Medicine, which is not among the "
            "associations iop has confirmed in 28 CCR 1300.74.721(c) (entries (c)(1) to (c)(9)); check that it is "
            "listed.");
  EXPECT_NE(found[1].rule.find("unconfirmed"), std::string::npos);
  EXPECT_EQ(found[2].severity, "info");
  EXPECT_NE(found[2].message.find("American Psychiatric Association, a nonprofit professional association listed in 28 "
                                  "CCR 1300.74.721(c)(9)"),
            std::string::npos);
  EXPECT_TRUE(report.passes());
}

TEST(ParityCalifornia, CommercialCriteriaAreAViolationAndCriteriaAreMatchedByIdentifier) {
  auto design = california(Funding::fully_insured);
  design.medical_necessity_criteria = {{"interqual-behavioral-health", "", ""},
                                       {"plan-iop-criteria", "Example Plan IOP criteria", "Example Health Plan"}};
  const auto report = analyse(design);
  const auto found = findings_on(report, "CA: ca-nonprofit-criteria");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].severity, "violation");
  EXPECT_NE(found[0].message.find("The criteria InterQual Behavioral Health do not come from a nonprofit professional "
                                  "association."),
            std::string::npos);
  EXPECT_EQ(found[1].severity, "finding");
  EXPECT_FALSE(report.passes());
  // Criteria are named by identifier: a spelling is not matched.
  design.medical_necessity_criteria = {{"LOCUS", "", ""}};
  try {
    (void)analyse(design);
    FAIL() << "a name was matched";
  } catch (const iop::NotFoundError& e) {
    EXPECT_EQ(e.field(), "design.medical_necessity_criteria[0]");
    EXPECT_NE(e.allowed().find("locus, calocus-casii, ecsii, apa-practice-guidelines, asam-criteria"), std::string::npos);
  }
}

// SB 855 (H&S 1374.72, 1374.721) and AB 744 (H&S 1374.14) govern health care service
// plan contracts and insurance policies; a private employer's self-insured plan is
// neither, and ERISA keeps state insurance law from it (29 U.S.C. 1144(b)(2)(B)).
TEST(ParityCalifornia, ASelfInsuredPlanIsNotReachedBySb855) {
  auto design = california(Funding::self_insured);
  design.medical_necessity_criteria = {{"interqual-behavioral-health", "", ""}};
  design.timely_in_network_access = false;
  design.out_of_network_at_in_network_cost_sharing = false;
  design.telehealth = {{"Intensive outpatient program", Classification::outpatient_in_network, LimitType::copay,
                        dollars(35), dollars(45)}};
  const auto report = analyse(design);
  const auto found = findings_on(report, "CA:", true);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].topic, "CA: scope");
  EXPECT_EQ(found[0].message,
            "California's SB 855 (mental health and substance use disorder coverage) and AB 744 (telehealth) do not "
            "apply to this plan because it is self-insured; they reach insured products only.");
  EXPECT_NE(found[0].rule.find("29 U.S.C. 1144(b)(2)(B)"), std::string::npos);
  EXPECT_TRUE(report.passes());
  // Insured, the same design has three violations; unstated, the report says the rules apply only if insured.
  design.status.funding = Funding::fully_insured;
  EXPECT_EQ(findings_on(analyse(design), "CA:", true).size(), 3u);
  design.status.funding = Funding::unstated;
  const auto unstated = analyse(design);
  EXPECT_EQ(findings_on(unstated, "CA: scope").at(0).severity, "finding");
  EXPECT_FALSE(unstated.passes());
}

// Item 11: telehealth cost sharing per service. IOP by telehealth at a $45 copay against
// $35 in person is higher: a violation of H&S 1374.14; psychotherapy at 20% both ways is not.
TEST(ParityCalifornia, TelehealthCostSharingIsComparedServiceByService) {
  auto design = california(Funding::fully_insured);
  design.telehealth = {
      {"Intensive outpatient program", Classification::outpatient_in_network, LimitType::copay, dollars(35), dollars(45)},
      {"Psychotherapy", Classification::outpatient_in_network, LimitType::coinsurance, 2000, 2000}};
  const auto report = analyse(design);
  const auto found = findings_on(report, "CA: ca-telehealth-cost-sharing");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].message,
            "Telehealth cost sharing for Intensive outpatient program in outpatient_in_network ($45.00 copay) is higher "
            "than in person ($35.00 copay). Cost sharing for a service delivered by telehealth may not exceed the cost "
            "sharing for the same service in person.");
  EXPECT_NE(found[0].rule.find("1374.14"), std::string::npos);
  // Round trip, and a visit limit is not telehealth cost sharing.
  EXPECT_EQ(to_json(benefit_design_from_json(to_json(design))), to_json(design));
  design.telehealth[0].type = LimitType::visit_limit;
  EXPECT_THROW((void)analyse(design), iop::ValidationError);
}

TEST(ParityCalifornia, OutOfNetworkAccessAndOtherStates) {
  auto design = california(Funding::fully_insured);
  design.timely_in_network_access = false;
  design.out_of_network_at_in_network_cost_sharing = false;
  const auto found = findings_on(analyse(design), "CA: ca-out-of-network-access");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].message,
            "When medically necessary care is not available in network within geographic and timely-access standards, "
            "the plan must arrange out-of-network care at in-network cost sharing; the design says the plan does not.");
  design.state = "TX";
  EXPECT_TRUE(findings_on(analyse(design), "CA:", true).empty());
}

}  // namespace
