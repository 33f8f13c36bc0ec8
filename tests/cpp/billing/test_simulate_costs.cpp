// simulate_costs: every run's figures equal pricing that run in full with estimate_cost, through the tabulated
// path (per-diem stays, plan years priced once for 0, 1, 2, ... lines) and the line-by-line one.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>

#include "billing_support.hpp"
#include "iop/billing/estimate.hpp"
#include "iop/core/error.hpp"
#include "billing/monte_carlo.hpp"
#include "billing/priced_stay.hpp"

namespace {

using iop::Money;
using iop::billing_testing::commercial;
using iop::billing_testing::d;
using iop::billing_testing::m;
using iop::billing_testing::plan;

// The Monte Carlo's figures for `coverage` equal pricing each run in full with estimate_cost on a calendar
// marked with the same draws (length of stay first, then each program day), for @p course over the program's
// weeks (6..12 for program A).
void expect_monte_carlo_equals_pricing_each_run_in_full(
    const iop::Coverage& coverage, const iop::FeeSchedule& fees, const iop::TreatmentPlan& course = plan(3),
    int runs = 120, const iop::ProgramTemplate& program = iop::find_program("la-depression-iop"),
    iop::HolidayPolicy policy = iop::HolidayPolicy::skip) {
  const auto holidays = iop::HolidayCalendar::us_federal();
  iop::MonteCarloOptions options;
  options.runs = runs;
  options.seed = 11;
  options.attendance = iop::Rate::percent(80);
  options.length_of_stay = iop::LengthOfStay::uniform;  // the program's bounds
  const auto fast = iop::simulate_costs(course, program, holidays, policy, fees, coverage, options);

  iop::detail::Random random(options.seed);
  const auto lengths = static_cast<std::uint64_t>(program.duration.max_weeks - program.duration.min_weeks + 1);
  std::vector<std::int64_t> patient, charges;
  for (int run = 0; run < options.runs; ++run) {
    auto stay = course;
    stay.weeks = program.duration.min_weeks + static_cast<int>(iop::detail::draw_below(random, lengths));
    auto cal = iop::build_calendar(stay, program, holidays, policy);
    for (auto& s : cal.sessions)  // only the program days are drawn; the other sessions are attended
      s.status = s.kind != iop::SessionKind::program_day || iop::detail::draw_event(random, 4, 5)
                     ? iop::AttendanceStatus::attended
                     : iop::AttendanceStatus::missed;
    const auto est = iop::estimate_cost(cal, program, fees, coverage, iop::ChargeBasis::attended);
    patient.push_back(est.patient.cents());
    charges.push_back(est.charges.cents());
  }
  EXPECT_EQ(fast.patient_p10.cents(), iop::detail::nearest_rank(patient, 10));
  EXPECT_EQ(fast.patient_p50.cents(), iop::detail::nearest_rank(patient, 50));
  EXPECT_EQ(fast.patient_p90.cents(), iop::detail::nearest_rank(patient, 90));
  EXPECT_EQ(fast.charges_p10.cents(), iop::detail::nearest_rank(charges, 10));
  EXPECT_EQ(fast.charges_p50.cents(), iop::detail::nearest_rank(charges, 50));
  EXPECT_EQ(fast.charges_p90.cents(), iop::detail::nearest_rank(charges, 90));
  EXPECT_EQ(iop::to_json(iop::monte_carlo_from_json(iop::to_json(fast))), iop::to_json(fast));
}

// Whether the stays of @p course are priced by tabulated plan years under @p coverage.
bool tabulated(const iop::Coverage& coverage, const iop::FeeSchedule& fees, const iop::TreatmentPlan& course,
               const iop::ProgramTemplate& program = iop::find_program("la-depression-iop")) {
  const auto cal = iop::build_calendar(course, program, iop::HolidayCalendar::us_federal(), iop::HolidayPolicy::skip);
  return iop::detail::price_stay(cal, fees, iop::effective_coverage(program, coverage, nullptr), false, {}).tabulated();
}

// The Monte Carlo adjudicates pre-priced lines through the same adjudicator as estimate_cost. Medication visits
// priced apart from the per diem make lines that differ: the stays are adjudicated line by line.
TEST(SimulateCosts, LineByLineEqualsPricingEachRunInFull) {
  auto coverage = commercial();
  coverage.in_network.deductible_family = m("$800");
  coverage.in_network.copay = m("$25");  // with the 20% coinsurance: the copay, then 20% of the rest
  coverage.in_network.combination = iop::CostSharingCombination::copay_then_coinsurance;
  coverage.accumulators =
      iop::Accumulators{d("2026-02-20"), m("$100"), m("$300"), m("$100"), m("$300"), 0, {}, {}, {}, {}};
  auto fees = iop::FeeSchedule::per_diem_schedule("f", m("$300"));
  fees.prices["99214"] = m("$130");  // medication visits priced separately
  EXPECT_FALSE(tabulated(coverage, fees, plan(3, d("2026-03-02"))));
  expect_monte_carlo_equals_pricing_each_run_in_full(coverage, fees);
}

// The same with a clinic's coverage: medication visits billed out of network (balance billed, their own tier),
// two authorisations whose units run out before the longer stays end (days outside billed to the patient),
// accumulators read mid-course (earlier days left out) and a secondary plan coordinating after the primary.
TEST(SimulateCosts, LineByLineEqualsPricingEachRunInFullForAClinicsCoverage) {
  const auto coverage = iop::coverage_from_json(nlohmann::json::parse(R"({
      "payer": "commercial", "plan_year_start": "2026-01-01",
      "deductible": {"individual": "500.00"}, "copay": "25.00", "coinsurance": "20%",
      "combination": "copay_then_coinsurance", "out_of_pocket_max": {"individual": "3000.00"},
      "out_of_network_codes": ["99214"], "facility": "clinic",
      "out_of_network": {"deductible": {"individual": "300.00"}, "coinsurance": "40%",
                         "out_of_pocket_max": {"individual": "5000.00"},
                         "allowed": {"basis": "percent_of_charge", "percent": "80%"}},
      "authorizations": [
        {"reference": "PA-1", "first_day": "2026-03-02", "last_day": "2026-04-03", "units": 12},
        {"reference": "PA-2", "extends": "PA-1", "first_day": "2026-04-06", "last_day": "2026-05-01", "units": 10}],
      "outside_authorization": "patient_pays",
      "accumulators": {"as_of": "2026-03-09", "deductible_individual": "200.00", "oop_individual": "350.00"},
      "secondary": {"name": "spouse's plan", "coordination": "standard",
                    "coverage": {"payer": "commercial", "deductible": {"individual": "100.00"}, "coinsurance": "10%",
                                 "out_of_pocket_max": {"individual": "2000.00"}}}})"));
  auto fees = iop::FeeSchedule::per_diem_schedule("f", m("$300"));
  fees.prices["99214"] = m("$130");
  // Every feature is exercised: a 12-week course has all of them.
  const auto& a = iop::find_program("la-depression-iop");
  const auto whole = iop::estimate_cost(
      iop::build_calendar(plan(3, d("2026-03-02"), 12), a, iop::HolidayCalendar::us_federal(), iop::HolidayPolicy::skip), a,
      fees, coverage);
  EXPECT_GT(whole.secondary, Money());
  EXPECT_GT(whole.balance_billed, Money());
  EXPECT_FALSE(whole.unauthorized_days.empty());
  EXPECT_FALSE(whole.already_counted.empty());
  EXPECT_FALSE(tabulated(coverage, fees, plan(3, d("2026-03-02"))));  // authorisations: state tied to dates
  expect_monte_carlo_equals_pricing_each_run_in_full(coverage, fees);
}

// A random coverage of the kinds the tabulated path takes: a deductible (individual, with a family amount embedded
// or aggregate, or none), a copay and/or a coinsurance combined each way, the copay before the deductible or not,
// a maximum (individual and family, or none), a plan year from a random month, accumulators read before the course
// or during it, a visit limit, an allowed share, the per diem billed out of network (its own tier, balance billed,
// or protected), a secondary plan (standard or non-duplication, with its own plan year), self-pay and uninsured.
nlohmann::json random_coverage(std::mt19937& random, iop::Date start) {
  auto pick = [&](int lo, int hi) { return lo + static_cast<int>(random() % static_cast<unsigned>(hi - lo + 1)); };
  auto money = [&](int lo, int hi) {  // "1234.56"
    const int cents = pick(lo, hi);
    return std::to_string(cents / 100) + "." + std::to_string(cents % 100 / 10) + std::to_string(cents % 10);
  };
  auto month = [&] {
    const int mm = pick(1, 12);
    return "2024-" + std::string(mm < 10 ? "0" : "") + std::to_string(mm) + "-01";
  };
  const int payer = pick(1, 12);
  if (payer == 1) return {{"payer", "self_pay"}};
  if (payer == 2) return {{"payer", "commercial"}, {"uninsured", true}};
  nlohmann::json c = {{"payer", "commercial"}, {"plan_year_start", month()}};
  auto tier = [&](nlohmann::json& t) {
    if (pick(1, 5) > 1) {
      t["deductible"] = nlohmann::json{{"individual", money(0, 250000)}};
      if (pick(1, 3) == 1) t["deductible"]["family"] = money(250000, 500000);
      if (pick(1, 4) == 1) t["deductible"] = nlohmann::json{{"family", money(10000, 400000)}, {"family_type", "aggregate"}};
    }
    const int sharing = pick(1, 3);  // a coinsurance, a copay, or both combined one way or another
    if (sharing != 2) {
      // Drawn one after the other: the operands of + are evaluated in an unspecified order (GCC and Clang differ),
      // and the stream must be the same under both. Combined with a copay, the coinsurance is not 0%.
      const int whole = pick(sharing == 3 ? 1 : 0, 50);
      const int tenth = pick(0, 9);
      t["coinsurance"] = std::to_string(whole) + "." + std::to_string(tenth) + "%";
    }
    if (sharing >= 2) t["copay"] = money(500, 8000);
    const bool copay_first = pick(0, 1) == 1;
    t["copay_before_deductible"] = copay_first;
    if (sharing == 3) {
      const char* ways[] = {"copay_then_coinsurance", "greater_of", "lesser_of"};
      t["combination"] = copay_first ? "copay_then_coinsurance" : ways[pick(0, 2)];
    }
    if (pick(1, 6) == 1) {
      t["out_of_pocket_max"] = "none";
    } else {
      t["out_of_pocket_max"] = nlohmann::json{{"individual", money(500000, 900000)}};
      if (pick(1, 3) == 1) t["out_of_pocket_max"]["family"] = money(900000, 1800000);
    }
  };
  tier(c);
  if (pick(1, 3) == 1) {
    const auto as_of = start + boost::gregorian::days(pick(-60, 30));
    c["accumulators"] = nlohmann::json{{"as_of", iop::to_iso_string(as_of)}, {"deductible_individual", money(0, 40000)},
                                       {"oop_individual", money(40000, 80000)}, {"visits_used", pick(0, 10)}};
  }
  if (pick(1, 4) == 1) c["visit_limit"] = pick(8, 40);
  if (pick(1, 5) == 1) c["allowed_share"] = std::to_string(pick(60, 100)) + "%";
  if (pick(1, 4) == 1) {
    c["out_of_network_codes"] = nlohmann::json::array({"S9480"});
    c["facility"] = "clinic";
    if (pick(0, 1) == 1) {
      c["out_of_network"] = nlohmann::json{{"coinsurance", "40%"}, {"deductible", {{"individual", money(0, 100000)}}},
                             {"out_of_pocket_max", {{"individual", money(500000, 900000)}}},
                             {"allowed", {{"basis", "percent_of_charge"}, {"percent", "70%"}}}};
      if (pick(0, 1) == 1) c["out_of_network"]["accumulation"] = "joint";
    }
  }
  if (pick(1, 3) == 1) {
    // The secondary's plan year: the primary's, or one that turns inside the course (the first of a month in it).
    const auto turn = start + boost::gregorian::days(pick(20, 80));
    const std::string own_year = pick(0, 1) ? c["plan_year_start"].get<std::string>()
                                            : iop::to_iso_string(iop::make_date(2024, turn.month(), 1));
    nlohmann::json own = {{"payer", "commercial"}, {"plan_year_start", own_year}};
    tier(own);
    c["secondary"] = nlohmann::json{{"name", "spouse"}, {"coordination", pick(0, 1) ? "standard" : "non_duplication"},
                      {"coverage", own}};
  }
  return c;
}

// Plan years that turn on different days for the two payers: the secondary's state would carry from one of
// the primary's years into the next, so the stay is adjudicated line by line; turning on the same day, each year
// starts afresh for both and the stay is tabulated. The figures equal pricing each run in full either way.
// Primary: $500 deductible, 20%, $3,000 maximum, plan years from January 1; secondary (standard coordination):
// $100 deductible, 10%, $2,000 maximum, plan years from July 1, then from January 1.
TEST(SimulateCosts, PlanYearsOfBothPayersMustTurnTogether) {
  auto coverage = commercial();
  coverage.plan_year_start = d("2024-01-01");
  auto own = commercial();
  own.in_network.deductible_individual = m("$100");
  own.in_network.coinsurance = iop::Rate::percent(10);
  own.in_network.oop_individual = m("$2,000");
  own.plan_year_start = d("2024-07-01");
  auto secondary = std::make_shared<iop::SecondaryCoverage>();
  secondary->name = "spouse";
  secondary->coordination = iop::Coordination::standard;
  secondary->coverage = own;
  coverage.secondary = secondary;
  const auto fees = iop::FeeSchedule::per_diem_schedule("f", m("$300"));
  const auto summer = plan(3, d("2026-06-01"), 12);  // crosses July 1 (the secondary's) but not January 1
  EXPECT_FALSE(tabulated(coverage, fees, summer));
  expect_monte_carlo_equals_pricing_each_run_in_full(coverage, fees, summer);
  secondary->coverage->plan_year_start = d("2024-01-01");
  const auto winter = plan(3, d("2026-11-16"), 12);  // both turn on January 1
  EXPECT_TRUE(tabulated(coverage, fees, winter));
  expect_monte_carlo_equals_pricing_each_run_in_full(coverage, fees, winter);
}

// Tabulated stays against pricing each run in full, on random coverages, every program of the catalog (a phase,
// a taper, separate sessions included in the per diem as $0.00 lines that change nothing), every holiday policy,
// courses from starts over 2025-2027 (so plan years turn inside them) and per diems from $1.00 to $900.00. Most
// stays are tabulated (and, without a taper or the extend policy, the shorter stays are the beginnings of the
// longest); those whose primary and secondary plan years turn on different days are adjudicated line by line,
// with the same figures.
TEST(SimulateCosts, TabulatedPlanYearsEqualPricingEachRunInFull) {
  const auto& catalog = iop::program_catalog();
  std::mt19937 random(20270101);
  int checked = 0, tabulated_stays = 0;
  for (int k = 0; k < 60; ++k) {
    const auto& program = catalog[random() % catalog.size()];
    const iop::HolidayPolicy policies[] = {iop::HolidayPolicy::skip, iop::HolidayPolicy::make_up_same_week,
                                           iop::HolidayPolicy::extend};
    const auto policy = policies[random() % 3];
    const auto start = iop::make_date(2025, 1, 1) + boost::gregorian::days(static_cast<long>(random() % 900));
    auto course = plan(program.days_per_week.min, start, program.duration.min_weeks);
    course.program_id = program.id;
    course.track = program.tracks.front().name;
    iop::Coverage coverage;
    try {
      coverage = iop::coverage_from_json(random_coverage(random, start));
      coverage.validate();
    } catch (const iop::ValidationError& e) {
      ADD_FAILURE() << e.what();  // the generator makes valid coverages only
      continue;
    }
    const auto fees = iop::FeeSchedule::per_diem_schedule("f", iop::Money::from_cents(100 + static_cast<std::int64_t>(random() % 90000)));
    SCOPED_TRACE(program.id + " " + std::string(iop::to_string(policy)) + " " + iop::to_json(coverage).dump());
    try {
      tabulated_stays += tabulated(coverage, fees, course, program) ? 1 : 0;
    } catch (const iop::ValidationError&) {
      continue;  // accumulators read after the course's last day: refused by estimate_cost as by the Monte Carlo
    }
    expect_monte_carlo_equals_pricing_each_run_in_full(coverage, fees, course, 40, program, policy);
    ++checked;
  }
  EXPECT_GE(checked, 45);
  EXPECT_GE(tabulated_stays, checked * 2 / 3);
}

}  // namespace
