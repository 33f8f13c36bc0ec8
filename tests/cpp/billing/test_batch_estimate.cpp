#include "iop/billing/batch_estimate.hpp"

#include <gtest/gtest.h>

#include <random>

#include "iop/billing/estimate.hpp"
#include "iop/core/error.hpp"

namespace {

std::int32_t day_number(iop::Date d) { return static_cast<std::int32_t>((d - iop::Date(1970, 1, 1)).days()); }

// Random coverages and courses: the batch totals equal estimate_cost's, to the cent.
TEST(BatchEstimate, AgreesWithEstimateCostToTheCent) {
  auto program = iop::find_program("la-depression-iop");
  const std::vector<const iop::ProgramTemplate*> programs{&program};
  const auto holidays = iop::HolidayCalendar::us_federal();
  std::mt19937 random(1234);
  const std::size_t n = 80;
  std::vector<std::int32_t> starts, weeks, days, tracks, index;
  std::vector<std::int64_t> per_diem, deductible, copay, oop, ded_met, oop_met;
  std::vector<std::int32_t> bp;
  std::vector<std::uint8_t> copay_first;
  std::vector<std::int16_t> year_start;
  const std::int16_t starts_mmdd[] = {101, 701, 1001, 229, 301};
  for (std::size_t i = 0; i < n; ++i) {
    // Every fourth course starts on Saturday 2026-02-28, the day before a March 1 plan year
    // (the met amounts belong to the plan year of the start, not of the first session).
    starts.push_back(i % 4 == 0 ? day_number(iop::make_date(2026, 2, 28))
                                : day_number(iop::make_date(2025, 9, 1) + boost::gregorian::days(static_cast<long>(random() % 500))));
    weeks.push_back(6 + static_cast<std::int32_t>(random() % 7));
    days.push_back(3 + static_cast<std::int32_t>(random() % 3));
    tracks.push_back(0);
    index.push_back(0);
    per_diem.push_back(20000 + static_cast<std::int64_t>(random() % 20000));  // $200-$400
    deductible.push_back(static_cast<std::int64_t>(random() % 4) * 50000);     // $0-$1,500
    copay.push_back(random() % 3 == 0 ? 4000 : 0);
    // A copay or a coinsurance (both would need a stated combination); odd basis points: real rounding.
    bp.push_back(copay.back() ? 0 : static_cast<std::int32_t>(random() % 5) * 1000 + 1);
    copay_first.push_back(random() % 4 == 0 ? 1 : 0);
    oop.push_back(200000 + static_cast<std::int64_t>(random() % 4) * 100000);  // $2,000-$5,000
    ded_met.push_back(std::min<std::int64_t>(deductible.back(), static_cast<std::int64_t>(random() % 60000)));
    oop_met.push_back(ded_met.back());
    year_start.push_back(i % 4 == 0 ? std::int16_t{301} : starts_mmdd[random() % 5]);
  }
  const auto rows = iop::build_calendars_batch({starts, weeks, days, tracks, index}, programs, holidays);
  const auto totals = iop::estimate_batch(
      rows, n, {per_diem, deductible, bp, copay, copay_first, oop, ded_met, oop_met, year_start, starts});
  for (std::size_t i = 0; i < n; ++i) {
    iop::TreatmentPlan plan;
    plan.id = "b";
    plan.patient_id = "p";
    plan.program_id = program.id;
    plan.start_date = iop::Date(1970, 1, 1) + boost::gregorian::days(starts[i]);
    plan.weeks = weeks[i];
    plan.days_per_week = days[i];
    plan.track = "morning";
    const auto cal = iop::build_calendar(plan, program, holidays, iop::HolidayPolicy::skip);
    iop::Coverage c;
    c.payer = iop::PayerType::commercial;
    c.in_network.deductible_individual = iop::Money::from_cents(deductible[i]);
    c.in_network.coinsurance = iop::Rate::basis_points(bp[i]);
    c.in_network.copay = iop::Money::from_cents(copay[i]);
    c.in_network.copay_before_deductible = copay_first[i] != 0;
    c.in_network.oop_individual = iop::Money::from_cents(oop[i]);
    const int mmdd = year_start[i];
    c.plan_year_start = iop::make_date(2024, mmdd / 100, mmdd % 100);
    c.accumulators = iop::Accumulators{plan.start_date, iop::Money::from_cents(ded_met[i]), iop::Money(),
                                       iop::Money::from_cents(oop_met[i]), iop::Money(), 0, {}, {}, {}, {}};
    const auto est = iop::estimate_cost(cal, program, iop::FeeSchedule::per_diem_schedule("f", iop::Money::from_cents(per_diem[i])), c);
    EXPECT_EQ(totals.charges[i], est.charges.cents()) << i;
    EXPECT_EQ(totals.patient[i], est.patient.cents()) << i;
    EXPECT_EQ(totals.plan[i], est.plan.cents()) << i;
  }
}

TEST(BatchEstimate, BroadcastAndErrors) {
  auto program = iop::find_program("la-depression-iop");
  const std::vector<const iop::ProgramTemplate*> programs{&program};
  const std::vector<std::int32_t> starts{day_number(iop::make_date(2026, 6, 29))}, weeks{8}, days{4}, tracks{0}, index{0};
  const auto rows = iop::build_calendars_batch({starts, weeks, days, tracks, index}, programs,
                                               iop::HolidayCalendar::us_federal());
  const std::vector<std::int64_t> per_diem{30000}, deductible{50000}, copay{0}, oop{300000}, zero{0};
  const std::vector<std::int32_t> bp{2000};
  const std::vector<std::uint8_t> no{0};
  const std::vector<std::int16_t> january{101};
  const auto totals = iop::estimate_batch(rows, 1, {per_diem, deductible, bp, copay, no, oop, zero, zero, january, starts});
  // 31 program days x $300 = $9,300; $500 deductible + 20% of $8,800 = $2,260.
  EXPECT_EQ(totals.charges[0], 930000);
  EXPECT_EQ(totals.patient[0], 226000);
  const std::vector<std::int32_t> bad_bp{12000};
  try {
    (void)iop::estimate_batch(rows, 1, {per_diem, deductible, bad_bp, copay, no, oop, zero, zero, january, starts});
    FAIL();
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "coverage.coinsurance[0]");
  }
  // The same rules as Coverage::validate: no zero maximum, no negative price, no impossible date.
  const std::vector<std::int64_t> no_max{0}, negative{-30000};
  const std::vector<std::int16_t> april_31{431};
  EXPECT_THROW((void)iop::estimate_batch(rows, 1, {per_diem, deductible, bp, copay, no, no_max, zero, zero, january, starts}),
               iop::ValidationError);
  EXPECT_THROW((void)iop::estimate_batch(rows, 1, {negative, deductible, bp, copay, no, oop, zero, zero, january, starts}),
               iop::ValidationError);
  EXPECT_THROW((void)iop::estimate_batch(rows, 1, {per_diem, deductible, bp, copay, no, oop, zero, zero, april_31, starts}),
               iop::ValidationError);
}

}  // namespace
