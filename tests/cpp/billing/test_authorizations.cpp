// Several prior authorisations, days outside them, accumulators read on a date,
// and aggregate (non-embedded) family amounts: arithmetic worked by hand in the comments.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "iop/billing/coverage.hpp"
#include "iop/billing/estimate.hpp"
#include "iop/core/error.hpp"

namespace {

using iop::Money;
using nlohmann::json;

Money m(const char* text) { return Money::parse(text); }
iop::Date d(const char* text) { return iop::parse_date(text); }

std::vector<iop::ChargeLine> days_from(const char* first, int n, const char* charge = "$300") {
  std::vector<iop::ChargeLine> lines;
  for (int i = 0; i < n; ++i) {
    const auto date = d(first) + boost::gregorian::days(i);
    lines.push_back({date, "s-" + iop::to_iso_string(date), iop::SessionKind::program_day, "S9480", "0905", 1, 4, m(charge),
                     "per diem"});
  }
  return lines;
}

Money patient_total(const std::vector<iop::AdjudicatedLine>& lines) {
  Money total;
  for (const auto& l : lines) total += l.patient;
  return total;
}

// 8 weeks x Mon/Wed/Fri from 2026-03-02 (24 program days, no federal holiday), $300 per diem;
// $500 deductible, 20%, $3,000 maximum.
iop::TreatmentPlan course() {
  iop::TreatmentPlan p;
  p.id = "auth";
  p.patient_id = "p";
  p.program_id = "la-depression-iop";
  p.start_date = d("2026-03-02");
  p.weeks = 8;
  p.days_per_week = 3;
  p.track = "morning";
  return p;
}

iop::Coverage commercial() {
  return iop::coverage_from_json(json::parse(R"({"payer": "commercial", "deductible": {"individual": "500"},
                                                 "coinsurance": "20%", "out_of_pocket_max": {"individual": "3000"}})"));
}

iop::CostEstimate estimate(const iop::Coverage& c) {
  const auto& a = iop::find_program("la-depression-iop");
  const auto cal = iop::build_calendar(course(), a, iop::HolidayCalendar::us_federal(), iop::HolidayPolicy::skip);
  return iop::estimate_cost(cal, a, iop::FeeSchedule::per_diem_schedule("f", m("$300")), c);
}

bool has_warning(const iop::CostEstimate& e, const std::string& text) {
  for (const auto& w : e.warnings)
    if (w.find(text) != std::string::npos) return true;
  return false;
}

std::string warnings(const iop::CostEstimate& e) {
  std::string text;
  for (const auto& w : e.warnings) text += w + "\n";
  return text;
}

// The initial authorisation (6 days, 03-02..03-13) and an extension (6 days, 03-16..03-27, review 03-25)
// cover the first 12 program days; the last 12 (03-30..04-24) are outside every authorisation.
//   covered: 12 x $300 = $3,600: $500 deductible + 20% of $3,100 = $620 -> $1,120 for the patient;
//   provider_absorbs: the 12 days outside are written off, 12 x $300 = $3,600; the patient owes $1,120;
//   patient_pays: the patient also owes those days' allowed amounts: $1,120 + $3,600 = $4,720
//   (uncovered days do not count toward the $3,000 maximum).
json authorizations() {
  return json::parse(R"([
    {"reference": "AUTH-1", "first_day": "2026-03-02", "last_day": "2026-03-13", "units": 6},
    {"reference": "AUTH-2", "extends": "AUTH-1", "first_day": "2026-03-16", "last_day": "2026-03-27", "units": 6,
     "next_review": "2026-03-25"}])");
}

TEST(Authorizations, InitialAndExtensionAndTheDaysOutside) {
  auto doc = iop::to_json(commercial());
  doc["authorizations"] = authorizations();
  doc["outside_authorization"] = "provider_absorbs";
  auto est = estimate(iop::coverage_from_json(doc));
  EXPECT_EQ(est.charges, m("$7,200"));  // 24 days; the 12 absorbed ones are written off
  EXPECT_EQ(est.patient, m("$1,120"));
  EXPECT_EQ(est.write_off, m("$3,600"));
  ASSERT_EQ(est.unauthorized_days.size(), 12u);
  EXPECT_EQ(est.unauthorized_days.front(), d("2026-03-30"));
  EXPECT_EQ(est.unauthorized_days.back(), d("2026-04-24"));
  EXPECT_TRUE(has_warning(est, "12 days outside prior authorisation (2026-03-30, 2026-04-01, 2026-04-03, 2026-04-06, "
                               "2026-04-08, 2026-04-10 and 6 more): the contract forbids billing the patient; the "
                               "provider absorbs $3,600.00"))
      << warnings(est);
  // The next concurrent reviews: AUTH-1's last day, AUTH-2's stated date.
  ASSERT_EQ(est.reviews.size(), 2u);
  EXPECT_EQ(est.reviews[0].date, d("2026-03-13"));
  EXPECT_EQ(est.reviews[1].date, d("2026-03-25"));
  EXPECT_TRUE(has_warning(est, "review due 2026-03-25")) << warnings(est);
  // Which authorisation took each day, unit by unit.
  std::vector<std::string> took;
  for (const auto& l : est.lines)
    if (l.charge.kind == iop::SessionKind::program_day && !l.authorization.empty()) took.push_back(l.authorization);
  ASSERT_EQ(took.size(), 12u);
  EXPECT_EQ(took[5], "AUTH-1");
  EXPECT_EQ(took[6], "AUTH-2");

  doc["outside_authorization"] = "patient_pays";
  est = estimate(iop::coverage_from_json(doc));
  EXPECT_EQ(est.patient, m("$4,720"));
  EXPECT_EQ(est.write_off, Money());
  EXPECT_TRUE(has_warning(est, "billed to the patient: $3,600.00")) << warnings(est);
}

// Units used up inside the dates: AUTH-1 approves 2 units for 3 days; the third day is not covered.
TEST(Authorizations, UnitsUsedUpAndValidation) {
  auto c = commercial();
  c.authorizations = {iop::Authorization{"AUTH-1", d("2026-03-02"), d("2026-03-04"), 2, std::nullopt, ""}};
  c.outside_authorization = iop::OutsideAuthorization::provider_absorbs;
  const auto lines = iop::adjudicate(days_from("2026-03-02", 3), c);
  EXPECT_TRUE(lines[1].covered);
  EXPECT_EQ(lines[2].not_covered, iop::NotCovered::authorization_units_used);
  EXPECT_EQ(lines[2].write_off, m("$300"));
  EXPECT_EQ(lines[2].patient, Money());
  // The contract's rule must be stated; extensions name an earlier authorisation.
  auto doc = iop::to_json(commercial());
  doc["authorizations"] = authorizations();
  try {
    (void)iop::coverage_from_json(doc, "case.coverage");
    FAIL();
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "case.coverage.outside_authorization");
  }
  doc["outside_authorization"] = "patient_pays";
  doc["authorizations"][1]["extends"] = "AUTH-9";
  try {
    (void)iop::coverage_from_json(doc, "case.coverage");
    FAIL();
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "case.coverage.authorizations[1].extends");
  }
  doc["authorization"] = authorizations()[0];
  try {
    (void)iop::coverage_from_json(doc);
    FAIL();
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "coverage.authorization");
  }
}

// Accumulators read on 2026-03-16, after the course began on 03-02: the 6 program days before it
// (03-02..03-13, $1,800) are already in them ($500 deductible + 20% of $1,300 = $260 -> $760 met).
// They are left out, never counted twice: the 18 days left cost 20% x $5,400 = $1,080, and the
// maximum's room is $3,000 - $760.
TEST(Accumulators, ReadMidCourseAreNotCountedTwice) {
  auto c = commercial();
  c.accumulators = iop::Accumulators{d("2026-03-16"), m("$500"), Money(), m("$760"), Money(), 0, {}, {}, {}, {}};
  const auto est = estimate(c);
  EXPECT_EQ(est.charges, m("$5,400"));
  EXPECT_EQ(est.patient, m("$1,080"));
  EXPECT_EQ(est.lines.back().after.oop_individual, m("$1,840"));  // $760 + $1,080
  ASSERT_FALSE(est.already_counted.empty());
  EXPECT_EQ(est.already_counted.front().date, d("2026-03-02"));
  EXPECT_TRUE(has_warning(est, "accumulators were read on 2026-03-16, after the course began on 2026-03-02: the 6 days "
                               "before it (2026-03-02, 2026-03-04, 2026-03-06, 2026-03-09, 2026-03-11, 2026-03-13, "
                               "charges $1,800.00) are taken as already claimed"))
      << warnings(est);
  // Read in the previous plan year: not applied, and said (the whole course: $500 + 20% of $6,700 = $1,840).
  c.accumulators->as_of = d("2025-12-20");
  const auto old = estimate(c);
  EXPECT_EQ(old.patient, m("$1,840"));
  EXPECT_TRUE(has_warning(old, "belong to the plan year that began 2025-01-01")) << warnings(old);
  // Read after the course's last day: every claim is already in them; refused.
  c.accumulators->as_of = d("2026-05-01");
  try {
    (void)estimate(c);
    FAIL();
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "coverage.accumulators.as_of");
  }
  // adjudicate itself refuses a line before the as-of date rather than counting it twice.
  c.accumulators->as_of = d("2026-03-03");
  EXPECT_THROW((void)iop::adjudicate(days_from("2026-03-02", 2), c), iop::ValidationError);
}

// An aggregate (non-embedded) family deductible of $3,000: one person's claims meet it alone, with no
// individual $1,500 stop. $300 days: 10 days to the deductible ($3,000), then 20% = $60 a day.
//   embedded ($1,500 / $3,000): 5 days to the deductible, then $60.
// An aggregate family maximum of $3,500: days 11-18 add 8 x $60 = $480 ($3,480), day 19 $20, day 20 $0.
TEST(Accumulators, AggregateFamilyDeductibleAndMaximum) {
  const auto aggregate = iop::coverage_from_json(json::parse(R"({"payer": "commercial",
      "deductible": {"family": "3000", "family_type": "aggregate"}, "coinsurance": "20%",
      "out_of_pocket_max": {"family": "3500", "family_type": "aggregate"}})"));
  const auto lines = iop::adjudicate(days_from("2026-03-02", 20), aggregate);
  EXPECT_EQ(lines[9].deductible, m("$300"));
  EXPECT_EQ(lines[9].after.deductible_family, m("$3,000"));
  EXPECT_EQ(lines[10].patient, m("$60"));
  EXPECT_EQ(lines[18].patient, m("$20"));
  EXPECT_EQ(lines[19].patient, Money());
  EXPECT_EQ(patient_total(lines), m("$3,500"));
  const auto embedded = iop::coverage_from_json(json::parse(R"({"payer": "commercial",
      "deductible": {"individual": "1500", "family": "3000"}, "coinsurance": "20%",
      "out_of_pocket_max": {"individual": "5000", "family": "10000"}})"));
  const auto e = iop::adjudicate(days_from("2026-03-02", 6), embedded);
  EXPECT_EQ(e[4].after.deductible_individual, m("$1,500"));
  EXPECT_EQ(e[5].patient, m("$60"));
  // Another member's claims count toward an aggregate deductible: $2,800 met -> $200 left on day 1
  // ($200 + 20% of $100 = $220).
  auto met = aggregate;
  met.accumulators = iop::Accumulators{d("2026-02-01"), Money(), m("$2,800"), Money(), m("$2,800"), 0, {}, {}, {}, {}};
  EXPECT_EQ(iop::adjudicate(days_from("2026-03-02", 1), met)[0].patient, m("$220"));
  // An individual amount with an aggregate deductible is a contradiction, named by its key.
  try {
    (void)iop::coverage_from_json(json::parse(R"({"payer": "commercial",
        "deductible": {"individual": "1500", "family": "3000", "family_type": "aggregate"}, "coinsurance": "20%",
        "out_of_pocket_max": {"individual": "5000"}})"));
    FAIL();
  } catch (const iop::ValidationError& err) {
    EXPECT_EQ(err.field(), "coverage.deductible.individual");
  }
}

}  // namespace
