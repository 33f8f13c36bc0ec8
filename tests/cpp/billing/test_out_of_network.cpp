// Out-of-network benefits, balance billing and its protections, and copays
// combined with coinsurance: every figure worked by hand in the comments.
#include "iop/billing/coverage.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "iop/core/error.hpp"

namespace {

using iop::Money;
using nlohmann::json;

Money m(const char* text) { return Money::parse(text); }
iop::Date d(const char* text) { return iop::parse_date(text); }

iop::ChargeLine day(const char* date, const char* charge, const char* code = "S9480") {
  const bool per_diem = std::string_view(code) == "S9480";
  return {d(date), std::string("s-") + date + "-" + code,
          per_diem ? iop::SessionKind::program_day : iop::SessionKind::individual_therapy, code, per_diem ? "0905" : "",
          1, per_diem ? 4 : 1, m(charge), per_diem ? "per diem" : "price list"};
}

std::string all_rules(const iop::AdjudicatedLine& a) {
  std::string text;
  for (const auto& r : a.rules) text += r + "\n";
  return text;
}

// Every line: plan + secondary + patient + write-off = charge.
void expect_adds_up(const iop::AdjudicatedLine& a) {
  EXPECT_EQ(a.plan + a.secondary + a.patient + a.write_off, a.charge.charge) << a.charge.session_uid;
}

// The issue's day: out of network, charge $100, allowed $80 (80% of the charge), 40% coinsurance,
// deductible already met. Coinsurance 40% x $80 = $32; balance bill $100 - $80 = $20; the patient
// owes $32 + $20 = $52 (not $32); the plan pays $80 - $32 = $48; $48 + $52 = $100.
iop::Coverage issue_example() {
  return iop::coverage_from_json(json::parse(R"({
    "payer": "commercial", "network": "out_of_network",
    "deductible": {"individual": "500"}, "coinsurance": "20%", "out_of_pocket_max": {"individual": "5000"},
    "out_of_network": {"deductible": {"individual": "0"}, "coinsurance": "40%", "out_of_pocket_max": "none",
                       "allowed": {"basis": "percent_of_charge", "percent": "80%"}}})"));
}

TEST(OutOfNetwork, TheIssuesFiftyTwoDollarDay) {
  const auto lines = iop::adjudicate({day("2026-03-02", "$100")}, issue_example());
  const auto& a = lines[0];
  EXPECT_EQ(a.network, iop::NetworkStatus::out_of_network);
  EXPECT_EQ(a.allowed, m("$80"));
  EXPECT_EQ(a.coinsurance, m("$32"));
  EXPECT_EQ(a.balance_billed, m("$20"));
  EXPECT_EQ(a.patient, m("$52"));
  EXPECT_EQ(a.plan, m("$48"));
  EXPECT_EQ(a.write_off, Money());
  expect_adds_up(a);
  // The rule says why the balance may be billed, with its citation.
  EXPECT_NE(all_rules(a).find("the program itself is out of network"), std::string::npos) << all_rules(a);
  EXPECT_NE(all_rules(a).find("300gg-132"), std::string::npos);
  // Ten such days: 10 x $52 = $520 (38% more than the $320 the coinsurance alone gives).
  std::vector<iop::ChargeLine> ten;
  for (int i = 2; i <= 13; ++i)
    if (i != 7 && i != 8) ten.push_back(day(("2026-03-" + std::string(i < 10 ? "0" : "") + std::to_string(i)).c_str(), "$100"));
  ASSERT_EQ(ten.size(), 10u);
  Money patient;
  for (const auto& l : iop::adjudicate(ten, issue_example())) patient += l.patient;
  EXPECT_EQ(patient, m("$520"));
}

// Separate out-of-network deductible ($1,000) and maximum ($1,200); the charge $400, allowed 75% = $300,
// 40% coinsurance; balance bill $100 a day that never counts toward the maximum.
//   day 1: deductible $300 (met $300)        + $100 balance = $400; OON out-of-pocket $300
//   day 2: deductible $300 (met $600)        + $100         = $400; $600
//   day 3: deductible $300 (met $900)        + $100         = $400; $900
//   day 4: deductible $100 (met $1,000), 40% of $200 = $80 -> $180 + $100 = $280; $1,080
//   day 5: 40% of $300 = $120 -> $1,200 (the maximum exactly) + $100 = $220
//   day 6: maximum met: cost sharing $0, the plan pays $300; the patient still owes the $100 balance bill.
// The in-network deductible ($500) stays untouched: the tiers accumulate separately.
TEST(OutOfNetwork, SeparateDeductibleAndMaximumAndTheBalanceBillOutsideIt) {
  auto c = iop::coverage_from_json(json::parse(R"({
    "payer": "commercial", "network": "out_of_network",
    "deductible": {"individual": "500"}, "coinsurance": "20%", "out_of_pocket_max": {"individual": "5000"},
    "out_of_network": {"deductible": {"individual": "1000"}, "coinsurance": "40%",
                       "out_of_pocket_max": {"individual": "1200"},
                       "allowed": {"basis": "percent_of_charge", "percent": "75%"}}})"));
  const auto lines = iop::adjudicate({day("2026-03-02", "$400"), day("2026-03-03", "$400"), day("2026-03-04", "$400"),
                                      day("2026-03-05", "$400"), day("2026-03-06", "$400"), day("2026-03-09", "$400")},
                                     c);
  const char* patient[] = {"$400", "$400", "$400", "$280", "$220", "$100"};
  const char* plan[] = {"$0", "$0", "$0", "$120", "$180", "$300"};
  const char* oop[] = {"$300", "$600", "$900", "$1,080", "$1,200", "$1,200"};
  for (std::size_t i = 0; i < lines.size(); ++i) {
    EXPECT_EQ(lines[i].allowed, m("$300")) << i;
    EXPECT_EQ(lines[i].balance_billed, m("$100")) << i;
    EXPECT_EQ(lines[i].patient, m(patient[i])) << i;
    EXPECT_EQ(lines[i].plan, m(plan[i])) << i;
    EXPECT_EQ(lines[i].after.oon_oop_individual, m(oop[i])) << i;
    EXPECT_EQ(lines[i].after.deductible_individual, Money()) << i;  // in network: untouched
    EXPECT_EQ(lines[i].after.oop_individual, Money()) << i;
    expect_adds_up(lines[i]);
  }
  EXPECT_EQ(lines[3].deductible, m("$100"));
  EXPECT_EQ(lines[3].coinsurance, m("$80"));
  EXPECT_EQ(lines[5].after.oon_deductible_individual, m("$1,000"));
  EXPECT_NE(all_rules(lines[5]).find("out-of-pocket maximum reached"), std::string::npos) << all_rules(lines[5]);

  // Joint accumulation: the same out-of-network deductible also counts toward the in-network one.
  auto joint = c;
  joint.out_of_network->accumulation = iop::TierAccumulation::joint;
  const auto j = iop::adjudicate({day("2026-03-02", "$400")}, joint);
  EXPECT_EQ(j[0].after.oon_deductible_individual, m("$300"));
  EXPECT_EQ(j[0].after.deductible_individual, m("$300"));
}

// Out-of-network allowed amounts from a fee schedule and from a share of Medicare's rate.
//   fee schedule: 90837 allowed $120 of a $200 charge; 40% = $48, balance $80 -> patient $128, plan $72.
//   140% of Medicare's $150.00 for 90837 = $210.00, capped at the $200 charge -> allowed $200, no balance;
//   120% of Medicare's $150 = $180: 40% = $72, balance $20 -> patient $92, plan $108.
TEST(OutOfNetwork, AllowedFromAFeeScheduleOrAShareOfMedicare) {
  auto c = issue_example();
  c.out_of_network->allowed_basis = iop::AllowedBasis::fee_schedule;
  c.out_of_network->allowed_amounts = {{"90837", m("$120")}};
  auto a = iop::adjudicate({day("2026-03-02", "$200", "90837")}, c)[0];
  EXPECT_EQ(a.allowed, m("$120"));
  EXPECT_EQ(a.patient, m("$128"));
  EXPECT_EQ(a.plan, m("$72"));
  // A code without an out-of-network amount is refused, naming the member.
  try {
    (void)iop::adjudicate({day("2026-03-02", "$200", "90834")}, c);
    FAIL();
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "coverage.out_of_network.allowed.amounts");
    EXPECT_EQ(e.value(), "90834");
  }
  c.out_of_network->allowed_basis = iop::AllowedBasis::percent_of_medicare;
  c.out_of_network->medicare_rates = {{"90837", m("$150")}};
  c.out_of_network->allowed_percent = iop::Rate::percent(140);
  a = iop::adjudicate({day("2026-03-02", "$200", "90837")}, c)[0];
  EXPECT_EQ(a.allowed, m("$200"));
  EXPECT_EQ(a.balance_billed, Money());
  c.out_of_network->allowed_percent = iop::Rate::percent(120);
  a = iop::adjudicate({day("2026-03-02", "$200", "90837")}, c)[0];
  EXPECT_EQ(a.allowed, m("$180"));
  EXPECT_EQ(a.patient, m("$92"));
  EXPECT_EQ(a.plan, m("$108"));
}

// A nonparticipating therapist (90837) at an in-network program: the facility kind decides.
// In-network tier: 20% coinsurance, no deductible. Out of network: allowed 80% of the $200 charge = $160.
//   hospital outpatient department (No Surprises Act): in-network cost sharing 20% x $160 = $32,
//     counted toward the in-network maximum; no balance bill; the $40 above the allowed amount is written off;
//   a clinic (not a No Surprises Act facility): 40% x $160 = $64 + $40 balance = $104;
//   the same clinic in California under a DMHC plan (AB 72): $32 again.
TEST(OutOfNetwork, ProtectionsNameTheirRule) {
  auto c = iop::coverage_from_json(json::parse(R"({
    "payer": "commercial", "network": "in_network", "out_of_network_codes": ["90837"],
    "facility": "hospital_outpatient_department",
    "deductible": {"individual": "0"}, "coinsurance": "20%", "out_of_pocket_max": {"individual": "5000"},
    "out_of_network": {"deductible": {"individual": "0"}, "coinsurance": "40%", "out_of_pocket_max": "none",
                       "allowed": {"basis": "percent_of_charge", "percent": "80%"}}})"));
  const std::vector<iop::ChargeLine> lines{day("2026-03-02", "$300"), day("2026-03-02", "$200", "90837")};
  auto a = iop::adjudicate(lines, c);
  EXPECT_EQ(a[0].network, iop::NetworkStatus::in_network);
  EXPECT_EQ(a[0].patient, m("$60"));  // 20% of $300
  EXPECT_EQ(a[1].protection, "No Surprises Act");
  EXPECT_EQ(a[1].patient, m("$32"));
  EXPECT_EQ(a[1].balance_billed, Money());
  EXPECT_EQ(a[1].write_off, m("$40"));
  EXPECT_EQ(a[1].after.oop_individual, m("$92"));  // $60 + $32 in network
  EXPECT_NE(all_rules(a[1]).find("45 CFR 149.420(a)"), std::string::npos) << all_rules(a[1]);
  expect_adds_up(a[1]);

  c.facility = iop::FacilityKind::clinic;
  a = iop::adjudicate(lines, c);
  EXPECT_TRUE(a[1].protection.empty());
  EXPECT_EQ(a[1].patient, m("$104"));
  EXPECT_EQ(a[1].balance_billed, m("$40"));
  EXPECT_EQ(a[1].after.oop_individual, m("$60"));      // in network: the program day only
  EXPECT_EQ(a[1].after.oon_oop_individual, m("$64"));  // the balance bill is not counted
  EXPECT_NE(all_rules(a[1]).find("is not a participating health care facility"), std::string::npos) << all_rules(a[1]);

  c.state = "CA";
  c.regulator = iop::PlanRegulator::dmhc;
  a = iop::adjudicate(lines, c);
  EXPECT_EQ(a[1].protection, "California AB 72");
  EXPECT_EQ(a[1].patient, m("$32"));
  EXPECT_NE(all_rules(a[1]).find("Health and Safety Code 1371.9(a)"), std::string::npos);

  // Written notice and consent waives the No Surprises Act protection (300gg-132(d)).
  c.state.clear();
  c.regulator = iop::PlanRegulator::other;
  c.facility = iop::FacilityKind::hospital_outpatient_department;
  c.notice_and_consent = true;
  a = iop::adjudicate(lines, c);
  EXPECT_EQ(a[1].patient, m("$104"));
  EXPECT_NE(all_rules(a[1]).find("consented in writing"), std::string::npos);
}

// Out of network with no out-of-network benefits: not covered, the patient pays the whole charge.
TEST(OutOfNetwork, NoOutOfNetworkBenefitsMeansTheWholeCharge) {
  auto c = issue_example();
  c.out_of_network.reset();
  const auto a = iop::adjudicate({day("2026-03-02", "$100")}, c)[0];
  EXPECT_FALSE(a.covered);
  EXPECT_EQ(a.not_covered, iop::NotCovered::no_out_of_network_benefits);
  EXPECT_EQ(a.patient, m("$100"));
}

// A copay and a coinsurance on the same day, $300 allowed, no deductible, $25 copay and 20%:
//   copay_then_coinsurance: $25 + 20% of $275 = $25 + $55 = $80;
//   greater_of: max($25, 20% of $300 = $60) = $60;  lesser_of: min($25, $60) = $25.
// Both given without a combination is refused, never one dropped in silence (the issue: $625 shown where
// the coinsurance alone gave $700).
TEST(CostSharingCombination, CopayAndCoinsuranceBothApplyAsStated) {
  const auto base = json::parse(R"({"payer": "commercial", "deductible": {"individual": "0"}, "copay": "25",
                                    "coinsurance": "20%", "out_of_pocket_max": {"individual": "5000"}})");
  try {
    (void)iop::coverage_from_json(base);
    FAIL();
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "coverage.combination");
    EXPECT_NE(e.allowed().find("copay_then_coinsurance"), std::string::npos);
  }
  const std::vector<std::pair<const char*, const char*>> cases{
      {"copay_then_coinsurance", "$80"}, {"greater_of", "$60"}, {"lesser_of", "$25"}};
  for (const auto& [combination, patient] : cases) {
    auto doc = base;
    doc["combination"] = combination;
    const auto c = iop::coverage_from_json(doc);
    const auto a = iop::adjudicate({day("2026-03-02", "$300")}, c)[0];
    EXPECT_EQ(a.patient, m(patient)) << combination;
    EXPECT_EQ(a.plan + a.patient, m("$300")) << combination;
    EXPECT_EQ(iop::coverage_from_json(iop::to_json(c)).in_network.combination, c.in_network.combination);
  }
  // copay_then_coinsurance after a $100 deductible: $100 + $25 + 20% of $175 = $35 -> $160.
  auto doc = base;
  doc["combination"] = "copay_then_coinsurance";
  doc["deductible"]["individual"] = "100";
  const auto a = iop::adjudicate({day("2026-03-02", "$300")}, iop::coverage_from_json(doc))[0];
  EXPECT_EQ(a.deductible, m("$100"));
  EXPECT_EQ(a.copay, m("$25"));
  EXPECT_EQ(a.coinsurance, m("$35"));
  EXPECT_EQ(a.patient, m("$160"));
}

// Errors name the input's own key: out_of_pocket_max, never an internal name.
TEST(CostSharingCombination, ErrorsNameTheInputKey) {
  try {
    (void)iop::coverage_from_json(json::parse(R"({"payer": "commercial", "deductible": {"individual": "500"},
                                                  "coinsurance": "20%"})"),
                                  "case.coverage");
    FAIL();
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "case.coverage.out_of_pocket_max");
    EXPECT_EQ(e.problem(), "is missing");
  }
  try {
    (void)iop::coverage_from_json(json::parse(R"({"payer": "commercial", "deductible": {"individual": "500"},
                                                  "coinsurance": "20%", "out_of_pocket_max": {"individual": "400"}})"));
    FAIL();
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "coverage.out_of_pocket_max.individual");
  }
  try {
    (void)iop::coverage_from_json(json::parse(R"({"payer": "commercial", "coinsurance": "20%", "network": "out_of_network",
        "out_of_pocket_max": "none",
        "out_of_network": {"coinsurance": "40%", "allowed": {"basis": "percent_of_charge", "percent": "80%"}}})"));
    FAIL();
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "coverage.out_of_network.out_of_pocket_max");
  }
  // A plan stated without a maximum ("none") is taken, round-trips, and caps nothing:
  // 20% of $300 a day for 100 days = $6,000.
  const auto none = iop::coverage_from_json(json::parse(R"({"payer": "commercial", "deductible": {"individual": "0"},
                                                            "coinsurance": "20%", "out_of_pocket_max": "none"})"));
  EXPECT_EQ(iop::to_json(none)["out_of_pocket_max"], "none");
  std::vector<iop::ChargeLine> days;
  for (int i = 0; i < 100; ++i) {
    auto l = day("2026-01-05", "$300");
    l.date = d("2026-01-05") + boost::gregorian::days(i);
    days.push_back(l);
  }
  Money patient;
  for (const auto& l : iop::adjudicate(days, none)) patient += l.patient;
  EXPECT_EQ(patient, m("$6,000"));
}

}  // namespace
