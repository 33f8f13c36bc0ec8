#include "iop/billing/estimate.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "iop/billing/coverage.hpp"
#include "iop/core/error.hpp"
#include "iop/detail/monte_carlo.hpp"

namespace {

using iop::Money;

Money m(const char* text) { return Money::parse(text); }
iop::Date d(const char* text) { return iop::parse_date(text); }

iop::TreatmentPlan plan(int days, const char* start = "2026-03-02", int weeks = 8) {
  iop::TreatmentPlan p;
  p.id = "est";
  p.patient_id = "p";
  p.program_id = "la-depression-iop";
  p.start_date = d(start);
  p.weeks = weeks;
  p.days_per_week = days;
  p.track = "morning";
  return p;
}

iop::Coverage commercial() {
  iop::Coverage c;
  c.payer = iop::PayerType::commercial;
  c.in_network.deductible_individual = m("$500");
  c.in_network.coinsurance = iop::Rate::percent(20);
  c.in_network.oop_individual = m("$3,000");
  return c;
}

// Reference program E publishes $3,000 to $10,000 a month in Los Angeles. At program A's
// default $300 per diem, March 2026 has 13 (Mon/Wed/Fri), 18 (Mon/Tue/Thu/Fri) and 22 (Mon-Fri)
// program days: $3,900, $5,400 and $6,600.
TEST(Estimate, MonthlyChargesInsideThePublishedRange) {
  const auto& a = iop::find_program("la-depression-iop");
  ASSERT_TRUE(a.default_per_diem);
  EXPECT_EQ(*a.default_per_diem, m("$300"));
  const auto fees = iop::FeeSchedule::per_diem_schedule("default", *a.default_per_diem);
  const auto low = m("$3,000");
  const auto high = m("$10,000");
  const std::pair<int, const char*> expected[] = {{3, "$3,900.00"}, {4, "$5,400.00"}, {5, "$6,600.00"}};
  for (const auto& [days, march] : expected) {
    const auto cal = iop::build_calendar(plan(days), a, iop::HolidayCalendar::us_federal(), iop::HolidayPolicy::skip);
    const auto est = iop::estimate_cost(cal, a, fees, commercial());
    ASSERT_FALSE(est.months.empty());
    EXPECT_EQ(est.months[0].period, "2026-03");
    EXPECT_EQ(est.months[0].charges.to_string(), march) << days;
    EXPECT_GE(est.months[0].charges, low);
    EXPECT_LE(est.months[0].charges, high);
  }
}

TEST(Estimate, TotalsAddUpAndInvariantsHold) {
  const auto& a = iop::find_program("la-depression-iop");
  const auto cal = iop::build_calendar(plan(3), a, iop::HolidayCalendar::us_federal(), iop::HolidayPolicy::skip);
  const auto est = iop::estimate_cost(cal, a, iop::FeeSchedule::per_diem_schedule("f", m("$300")), commercial());
  // 24 program days at $300 = $7,200; medication visits are included in the per diem ($0 lines).
  EXPECT_EQ(est.charges, m("$7,200"));
  EXPECT_EQ(est.patient + est.plan, est.allowed);
  // $500 deductible + 20% of the other $6,700 = $1,840, under the $3,000 maximum.
  EXPECT_EQ(est.patient, m("$1,840"));
  Money weeks;
  for (const auto& w : est.weeks) weeks += w.patient;
  EXPECT_EQ(weeks, est.patient);
  Money months;
  for (const auto& mo : est.months) months += mo.charges;
  EXPECT_EQ(months, est.charges);
  EXPECT_TRUE(est.warnings.empty());
}

TEST(Estimate, PayerTheProgramDoesNotAcceptIsSelfPay) {
  const auto& a = iop::find_program("la-depression-iop");
  auto medicare = commercial();
  medicare.payer = iop::PayerType::medicare;
  const auto cal = iop::build_calendar(plan(3), a, iop::HolidayCalendar::us_federal(), iop::HolidayPolicy::skip);
  const auto est = iop::estimate_cost(cal, a, iop::FeeSchedule::per_diem_schedule("f", m("$300")), medicare);
  EXPECT_TRUE(est.self_pay);
  EXPECT_EQ(est.patient, m("$7,200"));
  ASSERT_EQ(est.warnings.size(), 1u);
  EXPECT_NE(est.warnings[0].find("does not accept medicare: estimated as self-pay"), std::string::npos);
}

TEST(Estimate, OutOfPocketAboveTheAcaLimitIsWarned) {
  const auto& a = iop::find_program("la-depression-iop");
  auto c = commercial();
  c.in_network.oop_individual = m("$12,000");
  const auto cal = iop::build_calendar(plan(3), a, iop::HolidayCalendar::us_federal(), iop::HolidayPolicy::skip);
  const auto est = iop::estimate_cost(cal, a, iop::FeeSchedule::per_diem_schedule("f", m("$300")), c);
  ASSERT_EQ(est.warnings.size(), 1u);
  EXPECT_EQ(est.warnings[0], "individual out-of-pocket maximum $12,000.00 is above the ACA limit of $10,600.00 for 2026");
}

TEST(FeeSchedule, ItemizedAndMedicare) {
  const auto& a = iop::find_program("la-depression-iop");
  const auto cal = iop::build_calendar(plan(3, "2026-03-02", 6), a, iop::HolidayCalendar::us_federal(),
                                       iop::HolidayPolicy::skip);
  const auto itemized = iop::FeeSchedule::itemized_schedule(
      "itemized", {{"90832", m("$80")}, {"90853", m("$75")}, {"99214", m("$130")}});
  const auto lines = iop::charges_for(cal, itemized, iop::ChargeBasis::scheduled);
  // Monday 03-02: 90832 $80, 90853 once a day $75 (three group blocks), then the 99214 medication visit $130.
  ASSERT_GE(lines.size(), 3u);
  EXPECT_EQ(lines[0].code, "90832");
  EXPECT_EQ(lines[0].charge, m("$80"));
  EXPECT_EQ(lines[1].code, "90853");
  EXPECT_EQ(lines[1].units, 1);
  EXPECT_EQ(lines[2].code, "99214");
  EXPECT_THROW((void)iop::charges_for(cal, iop::FeeSchedule::itemized_schedule("x", {{"90853", m("$75")}}),
                                      iop::ChargeBasis::scheduled),
               iop::ValidationError);
  // Medicare CY2024 hospital: program A's days have 4 or more services, a cell iop has not confirmed.
  try {
    (void)iop::charges_for(cal, iop::FeeSchedule::medicare(2024, iop::MedicareSetting::hospital), iop::ChargeBasis::scheduled);
    FAIL();
  } catch (const iop::ValidationError& e) {
    EXPECT_NE(std::string(e.what()).find("CY2024 hospital, 4 or more services has no confirmed Medicare IOP rate"),
              std::string::npos);
  }
  // A 3-block program day is in the confirmed band: $259.13 a day.
  auto three = a;
  three.medication_management.reset();
  three.daily_blocks = {{iop::Modality::process_group, 60, "90853"}, {iop::Modality::psychoeducation, 60, "90853"},
                        {iop::Modality::skills_training, 60, "90853"}};
  const auto cal3 = iop::build_calendar(plan(3, "2024-03-04", 6), three, iop::HolidayCalendar::us_federal(),
                                        iop::HolidayPolicy::skip);
  const auto medicare = iop::charges_for(cal3, iop::FeeSchedule::medicare(2024, iop::MedicareSetting::hospital),
                                         iop::ChargeBasis::scheduled);
  ASSERT_EQ(medicare.size(), 18u);
  EXPECT_EQ(medicare[0].charge, m("$259.13"));
  EXPECT_EQ(medicare[0].services, 3);
}

TEST(Estimate, ScenariosAndMonteCarlo) {
  const auto& a = iop::find_program("la-depression-iop");
  const auto fees = iop::FeeSchedule::per_diem_schedule("f", m("$300"));
  const auto holidays = iop::HolidayCalendar::us_federal();
  iop::Scenario half;
  half.attendance = iop::Rate::percent(50);
  const auto est = iop::estimate_scenario(plan(3), a, holidays, iop::HolidayPolicy::skip, fees, commercial(), half);
  // 24 program days (the rate applies to them; the 4 medication visits are attended): 12 attended = $3,600.
  EXPECT_EQ(est.charges, m("$3,600"));
  iop::Scenario early;
  early.discharge_after_weeks = 4;
  EXPECT_EQ(iop::estimate_scenario(plan(3), a, holidays, iop::HolidayPolicy::skip, fees, commercial(), early).charges,
            m("$3,600"));  // 4 weeks x 3 days
  iop::Scenario longer;
  longer.extension_weeks = 2;
  EXPECT_EQ(iop::estimate_scenario(plan(3), a, holidays, iop::HolidayPolicy::skip, fees, commercial(), longer).charges,
            m("$9,000"));  // 10 weeks x 3 days

  iop::MonteCarloOptions options;
  options.runs = 200;
  options.seed = 7;
  const auto first = iop::simulate_costs(plan(3), a, holidays, iop::HolidayPolicy::skip, fees, commercial(), options);
  const auto again = iop::simulate_costs(plan(3), a, holidays, iop::HolidayPolicy::skip, fees, commercial(), options);
  EXPECT_EQ(first.patient_p50, again.patient_p50);
  EXPECT_EQ(first.charges_p90, again.charges_p90);
  EXPECT_LE(first.patient_p10, first.patient_p50);
  EXPECT_LE(first.patient_p50, first.patient_p90);
  EXPECT_LE(first.patient_p90, m("$3,000"));   // never above the out-of-pocket maximum
  EXPECT_GE(first.charges_p10, m("$300") * 6);  // at least something attended in 6 weeks
  EXPECT_LE(first.charges_p90, m("$300") * 36); // at most 12 weeks x 3 days

  // By default the plan's own course: 8 weeks, every run. At 100% every run is the plan in full,
  // 24 program days x $300 = $7,200, so P10 = P90 = the estimate of its calendar.
  EXPECT_EQ(first.length_of_stay, iop::LengthOfStay::plan);
  EXPECT_EQ(first.min_weeks, 8);
  EXPECT_EQ(first.max_weeks, 8);
  iop::MonteCarloOptions every = options;
  every.attendance = iop::Rate::percent(100);
  const auto full = iop::simulate_costs(plan(3), a, holidays, iop::HolidayPolicy::skip, fees, commercial(), every);
  const auto scheduled = iop::estimate_cost(iop::build_calendar(plan(3), a, holidays, iop::HolidayPolicy::skip), a, fees,
                                            commercial());
  EXPECT_EQ(full.charges_p10, m("$7,200"));
  EXPECT_EQ(full.charges_p90, scheduled.charges);
  EXPECT_EQ(full.patient_p10, scheduled.patient);
  EXPECT_EQ(full.patient_p90, scheduled.patient);
  // Another model is asked for by name, and stated; bounds with the plan's course are refused.
  iop::MonteCarloOptions ranged = options;
  ranged.length_of_stay = iop::LengthOfStay::uniform;
  const auto drawn = iop::simulate_costs(plan(3), a, holidays, iop::HolidayPolicy::skip, fees, commercial(), ranged);
  EXPECT_EQ(drawn.length_of_stay, iop::LengthOfStay::uniform);
  EXPECT_EQ(drawn.min_weeks, 6);
  EXPECT_EQ(drawn.max_weeks, 12);
  EXPECT_EQ(iop::to_json(drawn)["length_of_stay"], "uniform");
  iop::MonteCarloOptions bounded = options;
  bounded.min_weeks = 6;
  try {
    (void)iop::simulate_costs(plan(3), a, holidays, iop::HolidayPolicy::skip, fees, commercial(), bounded);
    ADD_FAILURE() << "min_weeks with the plan's course accepted";
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "monte_carlo.min_weeks");
  }
}

// Medicare pays an IOP per diem only for days of 3 or more services: a program of two 90-minute
// blocks a day is priced $0.00 every day. The total reads $0.00, so the estimate says why at the top:
// 6 weeks x Mon/Wed/Fri from 2024-03-04 = 18 days, none paid.
TEST(Estimate, MedicareDaysBelowThreeServicesAreWarnedAtTheTop) {
  auto two = iop::find_program("la-depression-iop");
  two.medication_management.reset();
  two.daily_blocks = {{iop::Modality::process_group, 90, "90853"}, {iop::Modality::skills_training, 90, "90853"}};
  two.accepted_payers = {iop::PayerType::medicare};
  two.declined_payers.clear();
  const auto cal = iop::build_calendar(plan(3, "2024-03-04", 6), two, iop::HolidayCalendar::us_federal(),
                                       iop::HolidayPolicy::skip);
  iop::Coverage medicare;
  medicare.payer = iop::PayerType::medicare;
  medicare.medicare = iop::MedicarePlan::original;
  const auto est = iop::estimate_cost(cal, two, iop::FeeSchedule::medicare(2024, iop::MedicareSetting::hospital), medicare);
  EXPECT_EQ(est.charges, Money());
  EXPECT_EQ(est.patient, Money());
  ASSERT_FALSE(est.warnings.empty());
  EXPECT_EQ(est.warnings[0],
            "18 days priced $0.00 for fewer than 3 IOP services that day (2024-03-04, 2024-03-06, 2024-03-08, 2024-03-11, "
            "2024-03-13, 2024-03-15 and 12 more): Medicare pays an IOP per diem only for days of 3 or 4+ services");
  // The JSON puts the warnings first and counts them in no total.
  EXPECT_EQ(iop::to_json(est)["warnings"][0], est.warnings[0]);
}

// The Monte Carlo's figures for `coverage` equal pricing each run in full with estimate_cost on a calendar
// marked with the same draws (length of stay first, then each session), for plan(3) over 6..12 weeks.
void expect_monte_carlo_equals_pricing_each_run_in_full(const iop::Coverage& coverage, const iop::FeeSchedule& fees) {
  const auto& a = iop::find_program("la-depression-iop");
  const auto holidays = iop::HolidayCalendar::us_federal();
  iop::MonteCarloOptions options;
  options.runs = 120;
  options.seed = 11;
  options.attendance = iop::Rate::percent(80);
  options.length_of_stay = iop::LengthOfStay::uniform;  // 6..12 weeks, the program's bounds
  const auto fast = iop::simulate_costs(plan(3), a, holidays, iop::HolidayPolicy::skip, fees, coverage, options);

  iop::detail::Random random(options.seed);
  std::vector<std::int64_t> patient, charges;
  for (int run = 0; run < options.runs; ++run) {
    auto course = plan(3);
    course.weeks = 6 + static_cast<int>(iop::detail::draw_below(random, 7));
    auto cal = iop::build_calendar(course, a, holidays, iop::HolidayPolicy::skip);
    for (auto& s : cal.sessions)  // only the program days are drawn; the other sessions are attended
      s.status = s.kind != iop::SessionKind::program_day || iop::detail::draw_event(random, 4, 5)
                     ? iop::AttendanceStatus::attended
                     : iop::AttendanceStatus::missed;
    const auto est = iop::estimate_cost(cal, a, fees, coverage, iop::ChargeBasis::attended);
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

// The Monte Carlo adjudicates pre-priced lines through the same adjudicator as estimate_cost.
TEST(Estimate, MonteCarloEqualsPricingEachRunInFull) {
  auto coverage = commercial();
  coverage.in_network.deductible_family = m("$800");
  coverage.in_network.copay = m("$25");  // with the 20% coinsurance: the copay, then 20% of the rest
  coverage.in_network.combination = iop::CostSharingCombination::copay_then_coinsurance;
  coverage.accumulators =
      iop::Accumulators{d("2026-02-20"), m("$100"), m("$300"), m("$100"), m("$300"), 0, {}, {}, {}, {}};
  auto fees = iop::FeeSchedule::per_diem_schedule("f", m("$300"));
  fees.prices["99214"] = m("$130");  // medication visits priced separately
  expect_monte_carlo_equals_pricing_each_run_in_full(coverage, fees);
}

// The same with a clinic's coverage: medication visits billed out of network (balance billed, their own tier),
// two authorisations whose units run out before the longer stays end (days outside billed to the patient),
// accumulators read mid-course (earlier days left out) and a secondary plan coordinating after the primary.
TEST(Estimate, MonteCarloEqualsPricingEachRunInFullForAClinicsCoverage) {
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
      iop::build_calendar(plan(3, "2026-03-02", 12), a, iop::HolidayCalendar::us_federal(), iop::HolidayPolicy::skip), a,
      fees, coverage);
  EXPECT_GT(whole.secondary, Money());
  EXPECT_GT(whole.balance_billed, Money());
  EXPECT_FALSE(whole.unauthorized_days.empty());
  EXPECT_FALSE(whole.already_counted.empty());
  expect_monte_carlo_equals_pricing_each_run_in_full(coverage, fees);
}

// Nearest rank of 1..10: P10 is the 1st value, P50 the 5th, P90 the 9th; of 1..3, P10 is the 1st, P90 the 3rd.
TEST(Estimate, NearestRankPercentiles) {
  std::vector<std::int64_t> ten{10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
  EXPECT_EQ(iop::detail::nearest_rank(ten, 10), 1);
  EXPECT_EQ(iop::detail::nearest_rank(ten, 50), 5);
  EXPECT_EQ(iop::detail::nearest_rank(ten, 90), 9);
  std::vector<std::int64_t> three{3, 1, 2};
  EXPECT_EQ(iop::detail::nearest_rank(three, 10), 1);
  EXPECT_EQ(iop::detail::nearest_rank(three, 90), 3);
}

// The attended basis reads attendance up to a cut-off. Plan: Monday/Wednesday/Friday from 2026-03-02, $300 a day.
// Attended 03-02, missed 03-04, nothing recorded for 03-06 nor for 03-02's medication visit; cut-off 03-09:
// the 21 program days from 03-09 on (24 less the first week's 3) are priced as scheduled, 03-02 is charged,
// 03-04 is not, and the two unmarked sessions are not charged and are named in a warning.
// Charges: 22 x $300 = $6,600.
TEST(Estimate, AttendedBasisNeedsACutOff) {
  const auto& a = iop::find_program("la-depression-iop");
  std::vector<iop::CalendarEvent> events(2);
  events[0].date = d("2026-03-02");
  events[1].date = d("2026-03-04");
  events[1].status = iop::AttendanceStatus::missed;
  const auto cal = iop::build_calendar(plan(3), a, iop::HolidayCalendar::us_federal(), iop::HolidayPolicy::skip, events);
  const auto fees = iop::FeeSchedule::per_diem_schedule("f", m("$300"));
  const auto est = iop::estimate_cost(cal, a, fees, commercial(), iop::ChargeBasis::attended, false, d("2026-03-09"));
  EXPECT_EQ(est.charges, m("$6,600"));
  ASSERT_FALSE(est.warnings.empty());
  EXPECT_EQ(est.warnings.back(),
            "attended basis: 2 sessions have no attendance recorded before 2026-03-09 and are not charged "
            "(2026-03-02 medication_management, 2026-03-06 program_day)");
  // Without a cut-off every session is read as past: only 03-02 is charged, and the 26 unmarked sessions
  // (24 program days and 4 medication visits, less the two recorded) are listed.
  const auto past = iop::estimate_cost(cal, a, fees, commercial(), iop::ChargeBasis::attended);
  EXPECT_EQ(past.charges, m("$300"));
  EXPECT_NE(past.warnings.back().find("26 sessions have no attendance recorded and are not charged"), std::string::npos);
  EXPECT_EQ(iop::to_json(iop::estimate_from_json(iop::to_json(est))), iop::to_json(est));
}

}  // namespace
