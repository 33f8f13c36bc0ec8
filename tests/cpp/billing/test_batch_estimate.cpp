#include "iop/billing/batch_estimate.hpp"

#include <gtest/gtest.h>

#include <random>

#include "iop/billing/estimate.hpp"
#include "iop/core/error.hpp"
#include "iop/core/limits.hpp"

namespace {

std::int64_t day_number(iop::Date d) { return (d - iop::Date(1970, 1, 1)).days(); }
iop::Date from_day_number(std::int64_t n) { return iop::Date(1970, 1, 1) + boost::gregorian::days(static_cast<long>(n)); }

iop::TreatmentPlan morning_plan(std::int64_t start, std::int64_t weeks, std::int64_t days) {
  iop::TreatmentPlan plan;
  plan.id = "b";
  plan.patient_id = "p";
  plan.program_id = "la-depression-iop";
  plan.start_date = from_day_number(start);
  plan.weeks = static_cast<int>(weeks);
  plan.days_per_week = static_cast<int>(days);
  plan.track = "morning";
  return plan;
}

// One plan's coverage as single-element columns (a test cohort of one).
struct OneCoverage {
  std::vector<std::int64_t> per_diem{30000}, deductible{50000}, coinsurance_n{2000}, coinsurance_d{10000}, copay{0},
      copay_first{0}, oop{300000}, ded_met{0}, oop_met{0}, year_start{101}, met_as_of;
  iop::BatchCoverage view() const {
    return {per_diem, deductible, coinsurance_n, coinsurance_d, copay, copay_first, oop, ded_met, oop_met, year_start,
            met_as_of};
  }
};

// Plan i's terms of the batch columns @p c as a Coverage, its met amounts read on @p start (the course's first day).
iop::Coverage coverage_of(const iop::BatchCoverage& c, std::size_t i, iop::Date start) {
  auto at = [&](std::span<const std::int64_t> column) { return column.size() == 1 ? column[0] : column[i]; };
  iop::Coverage coverage;
  coverage.payer = iop::PayerType::commercial;
  coverage.in_network.deductible_individual = iop::Money::from_cents(at(c.deductible));
  coverage.in_network.coinsurance = iop::Rate::fraction(at(c.coinsurance_numerator), at(c.coinsurance_denominator));
  coverage.in_network.copay = iop::Money::from_cents(at(c.copay));
  coverage.in_network.copay_before_deductible = at(c.copay_before_deductible) != 0;
  coverage.in_network.oop_individual = iop::Money::from_cents(at(c.oop_max));
  const auto mmdd = static_cast<int>(at(c.plan_year_start));
  coverage.plan_year_start = iop::make_date(2024, mmdd / 100, mmdd % 100);  // 2024 is a leap year: February 29 exists
  coverage.accumulators = iop::Accumulators{start, iop::Money::from_cents(at(c.deductible_met)), iop::Money(),
                                            iop::Money::from_cents(at(c.oop_met)), iop::Money(), 0, {}, {}, {}, {}};
  return coverage;
}

// Random coverages and courses: the batch totals equal estimate_cost's, to the cent.
TEST(BatchEstimate, AgreesWithEstimateCostToTheCent) {
  auto program = iop::find_program("la-depression-iop");
  const std::vector<const iop::ProgramTemplate*> programs{&program};
  const auto holidays = iop::HolidayCalendar::us_federal();
  std::mt19937 random(1234);
  const std::size_t n = 80;
  std::vector<std::int64_t> starts, weeks, days, tracks, index;
  std::vector<std::int64_t> per_diem, deductible, copay, oop, ded_met, oop_met, bp, ten_thousand{10000}, copay_first,
      year_start;
  const std::int64_t starts_mmdd[] = {101, 701, 1001, 229, 301};
  for (std::size_t i = 0; i < n; ++i) {
    // Every fourth course starts on Saturday 2026-02-28, the day before a March 1 plan year
    // (the met amounts belong to the plan year of the start, not of the first session).
    starts.push_back(i % 4 == 0 ? day_number(iop::make_date(2026, 2, 28))
                                : day_number(iop::make_date(2025, 9, 1) + boost::gregorian::days(static_cast<long>(random() % 500))));
    weeks.push_back(6 + static_cast<std::int64_t>(random() % 7));
    days.push_back(3 + static_cast<std::int64_t>(random() % 3));
    tracks.push_back(0);
    index.push_back(0);
    per_diem.push_back(20000 + static_cast<std::int64_t>(random() % 20000));  // $200-$400
    deductible.push_back(static_cast<std::int64_t>(random() % 4) * 50000);     // $0-$1,500
    copay.push_back(random() % 3 == 0 ? 4000 : 0);
    // A copay or a coinsurance (both would need a stated combination); odd basis points: real rounding.
    bp.push_back(copay.back() ? 0 : static_cast<std::int64_t>(random() % 5) * 1000 + 1);
    copay_first.push_back(random() % 4 == 0 ? 1 : 0);
    oop.push_back(200000 + static_cast<std::int64_t>(random() % 4) * 100000);  // $2,000-$5,000
    ded_met.push_back(std::min<std::int64_t>(deductible.back(), static_cast<std::int64_t>(random() % 60000)));
    oop_met.push_back(ded_met.back());
    year_start.push_back(i % 4 == 0 ? 301 : starts_mmdd[random() % 5]);
  }
  const auto rows = iop::build_calendars_batch({starts, weeks, days, tracks, index}, programs, holidays);
  const iop::BatchCoverage columns{per_diem, deductible, bp, ten_thousand, copay, copay_first,
                                   oop, ded_met, oop_met, year_start, starts};
  const auto totals = iop::estimate_batch(rows, n, columns);
  for (std::size_t i = 0; i < n; ++i) {
    const auto plan = morning_plan(starts[i], weeks[i], days[i]);
    const auto cal = iop::build_calendar(plan, program, holidays, iop::HolidayPolicy::skip);
    const auto est = iop::estimate_cost(cal, program, iop::FeeSchedule::per_diem_schedule("f", iop::Money::from_cents(per_diem[i])),
                                        coverage_of(columns, i, plan.start_date));
    EXPECT_EQ(totals.charges[i], est.charges.cents()) << i;
    EXPECT_EQ(totals.patient[i], est.patient.cents()) << i;
    EXPECT_EQ(totals.plan[i], est.plan.cents()) << i;
  }
}

// The closed form against the day-by-day adjudication, on random plans, coverages and plan-year boundaries: every
// program of the catalog, every holiday policy, starts over 2025-2027, plan years from January 1, March 1,
// February 29 (March 1 in other years), July 1 and December 31; deductibles from none to more than any course
// charges, met amounts, a copay (before the deductible or after it) or a coinsurance of odd basis points, 0% and
// 100%, maximums from the deductible up, attendance rates with and without the intake day. estimate_batch from the
// plans (closed form, no rows, on two threads) and from the rows (closed form on counted rows) both equal
// estimate_scenario, which builds the calendar with the same attendance and adjudicates it day by day.
TEST(BatchEstimate, ClosedFormEqualsTheDayByDayAdjudication) {
  const auto& catalog = iop::program_catalog();
  std::vector<const iop::ProgramTemplate*> programs;
  for (const auto& p : catalog) programs.push_back(&p);
  const auto holidays = iop::HolidayCalendar::us_federal();
  std::mt19937 random(2027);
  auto pick = [&](std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(hi - lo + 1));
  };
  const std::size_t n = 240;
  std::vector<std::int64_t> starts, weeks, days, tracks, index, per_diem, deductible, bp, ten_thousand{10000}, copay,
      copay_first, oop, ded_met, oop_met, year_start, rate_n, rate_d;
  const std::int64_t mmdd[] = {101, 301, 229, 701, 1231};
  for (std::size_t i = 0; i < n; ++i) {
    const auto p = pick(0, static_cast<std::int64_t>(programs.size()) - 1);
    const auto& program = *programs[static_cast<std::size_t>(p)];
    index.push_back(p);
    starts.push_back(day_number(iop::make_date(2025, 1, 1) + boost::gregorian::days(static_cast<long>(pick(0, 1000)))));
    weeks.push_back(pick(program.duration.min_weeks, program.duration.max_weeks));
    days.push_back(pick(program.days_per_week.min, program.days_per_week.max));
    tracks.push_back(pick(0, static_cast<std::int64_t>(program.tracks.size()) - 1));
    per_diem.push_back(pick(1, 4) == 1 ? pick(1, 99) : pick(10000, 90000));
    deductible.push_back(pick(1, 5) == 1 ? 0 : pick(1, 5) == 1 ? pick(2'000'000, 5'000'000) : pick(0, 400000));
    const bool with_copay = pick(1, 3) == 1;
    copay.push_back(with_copay ? pick(1, 8000) : 0);
    const auto rate = pick(0, 6);
    bp.push_back(with_copay ? 0 : rate == 0 ? 0 : rate == 1 ? 10000 : pick(1, 9999));
    copay_first.push_back(pick(0, 1));
    oop.push_back(deductible.back() + (pick(1, 6) == 1 ? 0 : pick(1, 600000)) + (deductible.back() == 0 ? 1 : 0));
    ded_met.push_back(pick(1, 3) == 1 ? pick(0, deductible.back() + 50000) : 0);
    oop_met.push_back(std::min(oop.back(), pick(1, 3) == 1 ? pick(0, oop.back()) : ded_met.back()));
    year_start.push_back(mmdd[pick(0, 4)]);
    rate_d.push_back(pick(1, 4) == 1 ? 1 : pick(1, 200));
    rate_n.push_back(pick(0, rate_d.back()));
  }
  const iop::BatchPlans plans{starts, weeks, days, tracks, index};
  const iop::BatchCoverage coverage{per_diem, deductible, bp, ten_thousand, copay, copay_first, oop, ded_met, oop_met,
                                    year_start, starts};
  for (auto policy : {iop::HolidayPolicy::skip, iop::HolidayPolicy::make_up_same_week, iop::HolidayPolicy::extend})
    for (const bool intake : {false, true}) {
      const iop::BatchAttendance attendance{rate_n, rate_d, {}, {}, intake};
      const auto closed = iop::estimate_batch(plans, programs, holidays, policy, coverage, attendance, 2);
      const auto counted = iop::estimate_batch(iop::build_calendars_batch(plans, programs, holidays, policy), n,
                                               coverage, attendance);
      for (std::size_t i = 0; i < n; ++i) {
        const auto& program = *programs[static_cast<std::size_t>(index[i])];
        auto plan = morning_plan(starts[i], weeks[i], days[i]);
        plan.program_id = program.id;
        plan.track = program.tracks[static_cast<std::size_t>(tracks[i])].name;
        iop::Scenario scenario;
        scenario.attendance = iop::Rate::fraction(rate_n[i], rate_d[i]);
        scenario.intake_may_be_missed = intake;
        const auto est = iop::estimate_scenario(
            plan, program, holidays, policy, iop::FeeSchedule::per_diem_schedule("f", iop::Money::from_cents(per_diem[i])),
            coverage_of(coverage, i, plan.start_date), scenario);
        ASSERT_EQ(closed.charges[i], est.charges.cents()) << i << " " << iop::to_string(policy);
        ASSERT_EQ(closed.patient[i], est.patient.cents()) << i << " " << iop::to_string(policy);
        ASSERT_EQ(closed.plan[i], est.plan.cents()) << i << " " << iop::to_string(policy);
        ASSERT_EQ(counted.charges[i], closed.charges[i]) << i;
        ASSERT_EQ(counted.patient[i], closed.patient[i]) << i;
      }
    }
}

struct OneCourse {
  iop::ProgramTemplate program = iop::find_program("la-depression-iop");
  std::vector<const iop::ProgramTemplate*> programs{&program};
  std::vector<std::int64_t> starts{day_number(iop::make_date(2026, 6, 29))}, weeks{8}, days{4}, tracks{0}, index{0};
  iop::BatchSessions rows =
      iop::build_calendars_batch({starts, weeks, days, tracks, index}, programs, iop::HolidayCalendar::us_federal());
};

TEST(BatchEstimate, BroadcastAndErrors) {
  const OneCourse course;
  OneCoverage c;
  c.met_as_of = course.starts;
  const auto totals = iop::estimate_batch(course.rows, 1, c.view());
  // 31 program days x $300 = $9,300; $500 deductible + 20% of $8,800 = $2,260.
  EXPECT_EQ(totals.charges[0], 930000);
  EXPECT_EQ(totals.patient[0], 226000);
  auto refused = [&](OneCoverage bad, const std::string& field) {
    try {
      (void)iop::estimate_batch(course.rows, 1, bad.view());
      ADD_FAILURE() << field << " accepted";
    } catch (const iop::ValidationError& e) {
      EXPECT_EQ(e.field(), field);
    }
  };
  OneCoverage bad = c;
  bad.coinsurance_n = {12000};
  refused(bad, "coverage.coinsurance[0]");
  // The same rules as Coverage::validate: no zero maximum, no negative price, no impossible date.
  bad = c;
  bad.oop = {0};
  refused(bad, "coverage.out_of_pocket_max[0]");
  bad = c;
  bad.per_diem = {-30000};
  refused(bad, "coverage.per_diem[0]");
  bad = c;
  bad.year_start = {431};
  refused(bad, "coverage.plan_year_start[0]");
  bad = c;
  bad.year_start = {70000};  // would have wrapped in 16 bits
  refused(bad, "coverage.plan_year_start[0]");
  bad = c;
  bad.copay_first = {256};  // would have been 0 in 8 bits
  refused(bad, "coverage.copay_before_deductible[0]");
  // A copay with a coinsurance: how the two combine is stated in a Coverage (estimate_cost), never guessed here.
  bad = c;
  bad.copay = {2500};
  try {
    (void)iop::estimate_batch(course.rows, 1, bad.view());
    ADD_FAILURE() << "a copay with a coinsurance accepted";
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "coverage.copay[0]");
    EXPECT_EQ(e.value(), "$25.00");
    EXPECT_EQ(e.problem(), "is given with a coinsurance of 20%");
  }
  // The copay alone, without a deductible: $25 a day for 31 days = $775. With the $500 deductible: day 1 pays
  // $300 of it, day 2 the other $200 and a $25 copay on the $100 left, days 3..31 a $25 copay: $500 + 30 x $25 = $1,250.
  bad.coinsurance_n = {0};
  EXPECT_EQ(iop::estimate_batch(course.rows, 1, bad.view()).patient[0], 125000);
  bad.deductible = {0};
  EXPECT_EQ(iop::estimate_batch(course.rows, 1, bad.view()).patient[0], 77500);
}

// A per diem of 2^63 - 1 cents overflows the total charges: refused, never wrapped (it used to give -24).
// A per diem of $10^13 at 100% coinsurance does not overflow: 31 days x 10^15 cents = 3.1 x 10^16 cents,
// and the patient pays it all, as estimate_cost says (the kernel used to overflow the intermediate 10^15 x 10^4).
TEST(BatchEstimate, OverflowIsRefusedAndLargeAmountsAreExact) {
  const OneCourse course;
  OneCoverage c;
  c.met_as_of = course.starts;
  c.per_diem = {INT64_MAX};
  c.oop = {INT64_MAX};
  try {
    (void)iop::estimate_batch(course.rows, 1, c.view());
    FAIL();
  } catch (const iop::OverflowError& e) {
    EXPECT_EQ(e.field(), "plans[0].charges");
  }
  c.per_diem = {1'000'000'000'000'000};
  c.coinsurance_n = {1};
  c.coinsurance_d = {1};
  c.deductible = {0};
  c.oop = {4'000'000'000'000'000'000};
  const auto totals = iop::estimate_batch(course.rows, 1, c.view());
  EXPECT_EQ(totals.charges[0], 31'000'000'000'000'000);
  EXPECT_EQ(totals.patient[0], 31'000'000'000'000'000);
  EXPECT_EQ(totals.plan[0], 0);
  // The kernel's columns take any 64-bit cents (checked, as Money is); a fee schedule and a coverage take amounts up to
  // $1,000,000.00 (docs/limits.md). At that per diem and maximum, 100% coinsurance: the patient pays
  // 31 x $1,000,000.00 = $31,000,000.00 until the maximum, $1,000,000.00, is reached: $1,000,000.00.
  c.per_diem = {iop::limits::max_amount_cents};
  c.oop = {iop::limits::max_amount_cents};
  const auto largest = iop::estimate_batch(course.rows, 1, c.view());
  EXPECT_EQ(largest.charges[0], 3'100'000'000);
  EXPECT_EQ(largest.patient[0], 100'000'000);
  EXPECT_EQ(largest.plan[0], 3'000'000'000);
  iop::Coverage cov;
  cov.payer = iop::PayerType::commercial;
  cov.in_network.coinsurance = iop::Rate::percent(100);
  cov.in_network.oop_individual = iop::Money::from_cents(iop::limits::max_amount_cents);
  const auto cal = iop::build_calendar(morning_plan(course.starts[0], 8, 4), course.program,
                                       iop::HolidayCalendar::us_federal(), iop::HolidayPolicy::skip);
  const auto est = iop::estimate_cost(
      cal, course.program, iop::FeeSchedule::per_diem_schedule("f", iop::Money::from_cents(iop::limits::max_amount_cents)),
      cov);
  EXPECT_EQ(est.charges.cents(), largest.charges[0]);
  EXPECT_EQ(est.patient.cents(), largest.patient[0]);
  EXPECT_EQ(est.plan.cents(), largest.plan[0]);
}

// An attendance rate is spread over the program days as estimate_scenario spreads it.
// 8 weeks x 4 days less July 3 = 31 program days and 4 medication visits, 35 sessions in all.
// At 1/2 of the 31 program days: 15.5, to the even 16 attended; the medication visits are attended.
TEST(BatchEstimate, AttendanceRateEqualsTheScenario) {
  const OneCourse course;
  OneCoverage c;
  c.met_as_of = course.starts;
  const auto holidays = iop::HolidayCalendar::us_federal();
  for (const auto& [n, d] : {std::pair<std::int64_t, std::int64_t>{1, 2}, {85, 100}, {2, 3}, {0, 1}, {1, 1}}) {
    const std::vector<std::int64_t> rn{n}, rd{d};
    const auto totals = iop::estimate_batch(course.rows, 1, c.view(), {.rate_numerator = rn, .rate_denominator = rd});
    iop::Scenario s;
    s.attendance = iop::Rate::fraction(n, d);
    auto coverage = iop::Coverage{};
    coverage.payer = iop::PayerType::commercial;
    coverage.in_network.deductible_individual = iop::Money::from_cents(50000);
    coverage.in_network.coinsurance = iop::Rate::percent(20);
    coverage.in_network.oop_individual = iop::Money::from_cents(300000);
    const auto est = iop::estimate_scenario(morning_plan(course.starts[0], 8, 4), course.program, holidays,
                                            iop::HolidayPolicy::skip,
                                            iop::FeeSchedule::per_diem_schedule("f", iop::Money::from_cents(30000)),
                                            coverage, s);
    EXPECT_EQ(totals.charges[0], est.charges.cents()) << n << "/" << d;
    EXPECT_EQ(totals.patient[0], est.patient.cents()) << n << "/" << d;
  }
  // By hand at 1/2: 16 program days at $300.00.
  const std::vector<std::int64_t> half_n{1}, half_d{2};
  const auto half =
      iop::estimate_batch(course.rows, 1, c.view(), {.rate_numerator = half_n, .rate_denominator = half_d});
  EXPECT_EQ(half.charges[0], 16 * 30000);
  // At 85%: 0.85 x 31 = 26.35, 26 days; counting the 4 medication visits too (the rate names them):
  // 0.85 x 35 = 29.75, 30 sessions, of which the program days are charged.
  const std::vector<std::int64_t> rate_n{85}, rate_d{100};
  const iop::BatchAttendance eighty_five{.rate_numerator = rate_n, .rate_denominator = rate_d};
  EXPECT_EQ(iop::estimate_batch(course.rows, 1, c.view(), eighty_five).charges[0], 26 * 30000);
  const iop::SessionKinds both{iop::SessionKind::program_day, iop::SessionKind::medication_management};
  const auto spread = iop::AttendanceSpread::of(35, 85, 100);
  std::int64_t days = 0, k = 0;
  for (std::size_t r = 0; r < course.rows.size(); ++r)
    if (!spread.is_missed(k++) && course.rows.kind[r] == 0) ++days;
  EXPECT_EQ(spread.attended, 30);
  const iop::BatchAttendance naming_both{.rate_numerator = rate_n, .rate_denominator = rate_d, .sessions = both};
  EXPECT_EQ(iop::estimate_batch(course.rows, 1, c.view(), naming_both).charges[0], days * 30000);
  // A flag per row: only the attended program days are charged.
  std::vector<std::uint8_t> flags(course.rows.size(), 0);
  flags[0] = 1;                          // the first program day
  flags[course.rows.size() - 1] = 1;     // the last row
  const auto flagged = iop::estimate_batch(course.rows, 1, c.view(), {.attended = flags});
  EXPECT_EQ(flagged.charges[0], (course.rows.kind.back() == 0 ? 2 : 1) * 30000);
  std::vector<std::uint8_t> short_flags(3, 1);
  EXPECT_THROW((void)iop::estimate_batch(course.rows, 1, c.view(), {.attended = short_flags}), iop::ValidationError);
  const std::vector<std::int64_t> over_n{3}, over_d{2};
  EXPECT_THROW(
      (void)iop::estimate_batch(course.rows, 1, c.view(), {.rate_numerator = over_n, .rate_denominator = over_d}),
      iop::ValidationError);
}

// A cohort Monte Carlo of @p runs runs from @p seed: sessions attended 17 times in 20, the program's weeks.
iop::BatchSimulation seventeen_in_twenty(int runs, std::uint64_t seed) {
  static const std::vector<std::int64_t> an{17}, ad{20}, none{0};
  iop::BatchSimulation options;
  options.runs = runs;
  options.seed = seed;
  options.attendance_numerator = an;
  options.attendance_denominator = ad;
  options.min_weeks = none;
  options.max_weeks = none;
  return options;
}

// Plan i of a cohort simulation uses seed + i: its figures equal simulate_costs with that seed.
TEST(BatchEstimate, CohortMonteCarloEqualsOnePatientsMonteCarlo) {
  auto program = iop::find_program("la-depression-iop");
  const std::vector<const iop::ProgramTemplate*> programs{&program};
  const auto holidays = iop::HolidayCalendar::us_federal();
  const std::vector<std::int64_t> starts{day_number(iop::make_date(2026, 6, 29)), day_number(iop::make_date(2026, 11, 2)),
                                         day_number(iop::make_date(2026, 12, 14))};
  const std::vector<std::int64_t> weeks{8, 8, 8}, days{4, 3, 5}, tracks{0, 0, 0}, index{0, 0, 0};
  OneCoverage c;
  c.met_as_of = starts;
  c.year_start = {701};
  auto options = seventeen_in_twenty(300, 99);
  const auto cohort = iop::simulate_batch({starts, weeks, days, tracks, index}, programs, holidays,
                                          iop::HolidayPolicy::skip, c.view(), options);
  iop::Coverage coverage;
  coverage.payer = iop::PayerType::commercial;
  coverage.plan_year_start = iop::make_date(2026, 7, 1);
  coverage.in_network.deductible_individual = iop::Money::from_cents(50000);
  coverage.in_network.coinsurance = iop::Rate::percent(20);
  coverage.in_network.oop_individual = iop::Money::from_cents(300000);
  for (std::size_t i = 0; i < starts.size(); ++i) {
    iop::MonteCarloOptions one;
    one.runs = 300;
    one.seed = 99 + i;
    one.attendance = iop::Rate::fraction(17, 20);
    one.length_of_stay = iop::LengthOfStay::uniform;  // the cohort kernel draws over the program's weeks
    const auto single = iop::simulate_costs(morning_plan(starts[i], 8, days[i]), program, holidays,
                                            iop::HolidayPolicy::skip,
                                            iop::FeeSchedule::per_diem_schedule("f", iop::Money::from_cents(30000)),
                                            coverage, one);
    EXPECT_EQ(cohort.patient_p10[i], single.patient_p10.cents()) << i;
    EXPECT_EQ(cohort.patient_p50[i], single.patient_p50.cents()) << i;
    EXPECT_EQ(cohort.patient_p90[i], single.patient_p90.cents()) << i;
    EXPECT_EQ(cohort.charges_p10[i], single.charges_p10.cents()) << i;
    EXPECT_EQ(cohort.charges_p90[i], single.charges_p90.cents()) << i;
    EXPECT_EQ(single.min_weeks, 6);
    EXPECT_EQ(single.max_weeks, 12);
  }
  options.runs = 0;
  EXPECT_THROW((void)iop::simulate_batch({starts, weeks, days, tracks, index}, programs, holidays,
                                         iop::HolidayPolicy::skip, c.view(), options),
               iop::ValidationError);
}

// The plans of a cohort Monte Carlo are shared among threads: the figures for a seed are the same on 1, 2, 3
// and 8 threads (each plan draws from its own generator into its own row), and so is the error: plans 29 and 37
// charge $10^16 a day, whose totals do not fit in 64-bit cents; plan 29's is the one reported, as one thread
// running the plans in order meets it first.
TEST(BatchEstimate, CohortMonteCarloDoesNotDependOnTheThreads) {
  auto program = iop::find_program("la-depression-iop");
  const std::vector<const iop::ProgramTemplate*> programs{&program};
  const auto holidays = iop::HolidayCalendar::us_federal();
  std::mt19937 random(27);
  const std::size_t n = 45;  // six parts of 8 plans, the last short
  std::vector<std::int64_t> starts, weeks(n, 0), days, tracks, index(n, 0), per_diem;
  for (std::size_t i = 0; i < n; ++i) {
    starts.push_back(day_number(iop::make_date(2026, 1, 1) + boost::gregorian::days(static_cast<long>(random() % 365))));
    days.push_back(3 + static_cast<std::int64_t>(random() % 3));
    tracks.push_back(static_cast<std::int64_t>(random() % 3));
    per_diem.push_back(20000 + static_cast<std::int64_t>(random() % 20000));
  }
  OneCoverage c;
  c.per_diem = per_diem;
  c.met_as_of = starts;
  auto options = seventeen_in_twenty(200, 4242);
  const iop::BatchPlans plans{starts, weeks, days, tracks, index};
  options.threads = 1;
  const auto one = iop::simulate_batch(plans, programs, holidays, iop::HolidayPolicy::skip, c.view(), options);
  for (unsigned threads : {2U, 3U, 8U}) {
    options.threads = threads;
    const auto many = iop::simulate_batch(plans, programs, holidays, iop::HolidayPolicy::skip, c.view(), options);
    EXPECT_EQ(many.patient_p10, one.patient_p10) << threads;
    EXPECT_EQ(many.patient_p50, one.patient_p50) << threads;
    EXPECT_EQ(many.patient_p90, one.patient_p90) << threads;
    EXPECT_EQ(many.charges_p10, one.charges_p10) << threads;
    EXPECT_EQ(many.charges_p50, one.charges_p50) << threads;
    EXPECT_EQ(many.charges_p90, one.charges_p90) << threads;
  }
  c.per_diem[29] = c.per_diem[37] = 1'000'000'000'000'000'000;  // 10^18 cents: ten days pass 2^63
  c.oop = {INT64_MAX};
  for (unsigned threads : {1U, 2U, 3U, 8U}) {
    options.threads = threads;
    try {
      (void)iop::simulate_batch(plans, programs, holidays, iop::HolidayPolicy::skip, c.view(), options);
      ADD_FAILURE() << "an overflow accepted on " << threads << " threads";
    } catch (const iop::OverflowError& e) {
      EXPECT_EQ(e.field(), "plans[29].charges") << threads;
    }
  }
}

}  // namespace
