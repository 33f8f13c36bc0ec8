#include "iop/billing/estimate.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "billing_support.hpp"
#include "iop/billing/coverage.hpp"
#include "iop/core/error.hpp"
#include "billing/monte_carlo.hpp"

namespace {

using iop::Money;
using iop::billing_testing::commercial;
using iop::billing_testing::d;
using iop::billing_testing::m;

iop::TreatmentPlan plan(int days, const char* start = "2026-03-02", int weeks = 8) {
  return iop::billing_testing::plan(days, d(start), weeks);
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
