#include "iop/billing/good_faith_estimate.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "iop/core/error.hpp"

namespace {

using iop::Money;
using nlohmann::json;

iop::Date d(const char* text) { return iop::parse_date(text); }

iop::GfeRequest request() {
  iop::GfeRequest r;
  r.patient_name = "Alex Example";
  r.patient_birth_date = d("1990-05-17");
  r.diagnosis_codes = {"F33.1", "F41.1"};
  r.provider = {"Los Angeles depression IOP", "1234567893", "12-3456789", {{"Los Angeles site, Los Angeles", "CA"}}, true};
  r.separately_scheduled = {"Psychiatric diagnostic evaluation (90792) before admission"};
  r.scheduled_on = d("2026-02-16");  // Presidents' Day: the clinic is closed, business days count from the next open day
  r.issued_on = d("2026-02-17");
  return r;
}

// A self-pay course in program A, 3 days a week on the evening track.
iop::TreatmentPlan self_pay_plan(const char* start, int weeks) {
  iop::TreatmentPlan p;
  p.id = "gfe";
  p.patient_id = "p";
  p.program_id = "la-depression-iop";
  p.start_date = d(start);
  p.weeks = weeks;
  p.days_per_week = 3;
  p.track = "evening";
  p.payer = iop::PayerType::self_pay;
  return p;
}

iop::SessionCalendar calendar_of(const iop::TreatmentPlan& p) {
  return iop::build_calendar(p, iop::find_program("la-depression-iop"), iop::HolidayCalendar::us_federal(),
                             iop::HolidayPolicy::skip);
}

iop::SessionCalendar twelve_weeks() { return calendar_of(self_pay_plan("2026-03-02", 12)); }

TEST(Npi, CheckDigit) {
  EXPECT_TRUE(iop::is_valid_npi("1234567893"));  // the CMS example NPI
  EXPECT_FALSE(iop::is_valid_npi("1234567890"));
  EXPECT_FALSE(iop::is_valid_npi("123456789"));
  EXPECT_FALSE(iop::is_valid_npi("12345678a3"));
  EXPECT_TRUE(iop::is_valid_tin("12-3456789"));
  EXPECT_TRUE(iop::is_valid_tin("123-45-6789"));
  EXPECT_FALSE(iop::is_valid_tin("12-345678"));
}

TEST(GoodFaithEstimate, TwelveWeekSelfPayCourse) {
  const auto fees = iop::FeeSchedule::per_diem_schedule("self-pay", Money::parse("$300"));
  const auto gfes = iop::make_good_faith_estimates(request(), twelve_weeks(), fees, iop::HolidayCalendar::us_federal());
  ASSERT_EQ(gfes.size(), 1u);
  const auto& g = gfes[0];
  // 12 weeks x 3 days = 36 program days at $300 = $10,800; the 6 medication visits are in the per diem ($0).
  EXPECT_EQ(g.total, Money::parse("$10,800"));
  EXPECT_EQ(g.recurrence.sessions, 36);
  EXPECT_EQ(g.recurrence.frequency, "3 days a week, 3 hours a day");
  EXPECT_EQ(g.recurrence.first_date, d("2026-03-02"));
  EXPECT_EQ(g.recurrence.last_date, d("2026-05-22"));
  ASSERT_EQ(g.items.size(), 2u);
  EXPECT_EQ(g.items[1].service_code, "S9480");
  EXPECT_EQ(g.items[1].quantity, 36);
  EXPECT_EQ(g.items[1].diagnosis_codes, (std::vector<std::string>{"F33.1", "F41.1"}));
  // Services read as words, and a $0.00 line says why.
  EXPECT_EQ(g.items[0].description,
            "Medication management visit (99214), included in the program day's per diem: no separate charge");
  EXPECT_EQ(g.items[0].expected_charge, Money());
  // Scheduled Monday 2026-02-16 (a holiday) for Monday 03-02: 9 business days ahead (02-17..02-27),
  // so the estimate is due 1 business day after scheduling: Tuesday 02-17.
  ASSERT_TRUE(g.issue_by);
  EXPECT_EQ(*g.issue_by, d("2026-02-17"));
  EXPECT_NE(g.deadline_rule.find("(3 to 9)"), std::string::npos);
  const auto html = iop::to_html(g);
  EXPECT_NE(html.find("$10,800.00"), std::string::npos);
  EXPECT_NE(html.find("at least $400 more"), std::string::npos);
  EXPECT_NE(html.find("NPI 1234567893"), std::string::npos);
}

TEST(GoodFaithEstimate, DeadlineRules) {
  const auto cal = iop::HolidayCalendar::us_federal();
  // 10 or more business days ahead: 3 business days after scheduling (Mon 03-02 -> Thu 03-05).
  EXPECT_EQ(*iop::good_faith_estimate_deadline(d("2026-03-02"), d("2026-03-30"), false, cal).first, d("2026-03-05"));
  // On request: 3 business days, skipping the 07-03 holiday (Thu 07-02 -> Tue 07-07... 07-06, 07-07, 07-08).
  EXPECT_EQ(*iop::good_faith_estimate_deadline(d("2026-07-02"), d("2026-09-01"), true, cal).first, d("2026-07-08"));
  // Under 3 business days ahead (Monday for Wednesday: Monday, Tuesday): none required.
  EXPECT_FALSE(iop::good_faith_estimate_deadline(d("2026-03-02"), d("2026-03-04"), false, cal).first);
  // Monday for Thursday is 3 business days ahead (Thursday less 3 business days is Monday): due Tuesday.
  EXPECT_EQ(*iop::good_faith_estimate_deadline(d("2026-03-02"), d("2026-03-05"), false, cal).first, d("2026-03-03"));
  // Monday for the Monday two weeks later is 10 business days ahead: due within 3, Thursday 03-05.
  EXPECT_EQ(*iop::good_faith_estimate_deadline(d("2026-03-02"), d("2026-03-16"), false, cal).first, d("2026-03-05"));
}

TEST(GoodFaithEstimate, EveryRequiredElementIsRejectedByNameWhenRemoved) {
  const auto fees = iop::FeeSchedule::per_diem_schedule("self-pay", Money::parse("$300"));
  const auto g = iop::make_good_faith_estimates(request(), twelve_weeks(), fees, iop::HolidayCalendar::us_federal())[0];
  const json full = iop::to_json(g);
  EXPECT_NO_THROW((void)iop::good_faith_estimate_from_json(full));
  const std::vector<std::vector<std::string>> elements = {
      {"patient", "name"},
      {"patient", "date_of_birth"},
      {"primary_service", "description"},
      {"primary_service", "dates"},
      {"primary_service", "recurrence"},
      {"providers"},
      {"items"},
      {"separately_scheduled"},
      {"disclaimers", "additional_items"},
      {"disclaimers", "estimate_only"},
      {"disclaimers", "dispute_rights"},
      {"disclaimers", "not_a_contract"}};
  for (const auto& path : elements) {
    json broken = full;
    json* parent = &broken;
    for (std::size_t i = 0; i + 1 < path.size(); ++i) parent = &(*parent)[path[i]];
    parent->erase(path.back());
    std::string name = "gfe";
    for (const auto& part : path) name += "." + part;
    try {
      (void)iop::good_faith_estimate_from_json(broken);
      ADD_FAILURE() << "accepted without " << name;
    } catch (const iop::ValidationError& e) {
      EXPECT_EQ(e.field(), name);
    }
  }
  const std::vector<std::pair<std::string, std::string>> provider_fields = {
      {"name", "gfe.providers[0].name"}, {"npi", "gfe.providers[0].npi"}, {"tin", "gfe.providers[0].tin"},
      {"locations", "gfe.providers[0].locations"}};
  for (const auto& [key, name] : provider_fields) {
    json broken = full;
    broken["providers"][0].erase(key);
    try {
      (void)iop::good_faith_estimate_from_json(broken);
      ADD_FAILURE() << "accepted without " << name;
    } catch (const iop::ValidationError& e) {
      EXPECT_EQ(e.field(), name);
    }
  }
  for (const auto& [key, name] : std::vector<std::pair<std::string, std::string>>{
           {"service_code", "gfe.items[0].service_code"}, {"diagnosis_codes", "gfe.items[0].diagnosis_codes"},
           {"expected_charge", "gfe.items[0].expected_charge"}}) {
    json broken = full;
    broken["items"][0].erase(key);
    try {
      (void)iop::good_faith_estimate_from_json(broken);
      ADD_FAILURE() << "accepted without " << name;
    } catch (const iop::ValidationError& e) {
      EXPECT_EQ(e.field(), name);
    }
  }
  json bad_npi = full;
  bad_npi["providers"][0]["npi"] = "1234567890";
  EXPECT_THROW((void)iop::good_faith_estimate_from_json(bad_npi), iop::ValidationError);
  json no_400 = full;
  no_400["disclaimers"]["dispute_rights"] = "You may dispute a bill.";
  EXPECT_THROW((void)iop::good_faith_estimate_from_json(no_400), iop::ValidationError);
}

TEST(GoodFaithEstimate, ScopeStatesTheFullWeekEvenWhenTheFirstWeekIsShort) {
  // From Monday 2026-06-29, Mon/Wed/Fri: the first week loses Friday 07-03 (Independence Day
  // observed), so it has 2 program days; the scope is still 3 days a week.
  const auto cal = calendar_of(self_pay_plan("2026-06-29", 8));
  auto r = request();
  r.scheduled_on = d("2026-06-01");
  r.issued_on = d("2026-06-02");
  const auto g = iop::make_good_faith_estimates(r, cal, iop::FeeSchedule::per_diem_schedule("s", Money::parse("$300")),
                                                iop::HolidayCalendar::us_federal())[0];
  EXPECT_EQ(g.recurrence.frequency, "3 days a week, 3 hours a day");
  EXPECT_EQ(g.recurrence.sessions, 23);  // 8 x 3 - 1
  EXPECT_EQ(g.total, Money::parse("$6,900"));
}

TEST(GoodFaithEstimate, CoursesBeyondTwelveMonthsAreSplit) {
  auto p = self_pay_plan("2026-03-02", 60);
  p.extension = iop::PlanExtension{"Chronic course", "SELF-PAY-AGREEMENT-7"};
  const auto cal = calendar_of(p);
  const auto gfes = iop::make_good_faith_estimates(request(), cal, iop::FeeSchedule::per_diem_schedule("s", Money::parse("$300")),
                                                   iop::HolidayCalendar::us_federal());
  ASSERT_EQ(gfes.size(), 2u);
  EXPECT_EQ(gfes[0].parts, 2);
  EXPECT_LT(gfes[0].recurrence.last_date, d("2027-03-02"));
  EXPECT_GE(gfes[1].recurrence.first_date, d("2027-03-02"));
  EXPECT_EQ(gfes[0].total + gfes[1].total, Money::parse("$300") * (gfes[0].recurrence.sessions + gfes[1].recurrence.sessions));
}

// The dates around an estimate, its total and its statements are checked.
// Scheduled Monday 2026-02-16 (a holiday) for 03-02: due Tuesday 02-17 (TwelveWeekSelfPayCourse).
TEST(GoodFaithEstimate, DatesTotalsAndStatementsAreChecked) {
  const auto fees = iop::FeeSchedule::per_diem_schedule("self-pay", Money::parse("$300"));
  const auto business = iop::HolidayCalendar::us_federal();
  auto r = request();
  r.issued_on = d("2026-03-05");  // late: flagged, not refused (the patient still needs it)
  auto g = iop::make_good_faith_estimates(r, twelve_weeks(), fees, business)[0];
  ASSERT_EQ(g.warnings.size(), 1u);
  EXPECT_EQ(g.warnings[0].rfind("issued 2026-03-05, after its deadline 2026-02-17 (", 0), 0u) << g.warnings[0];
  EXPECT_NE(iop::to_html(g).find("Scheduled on 2026-02-16. Issued 2026-03-05; due by 2026-02-17, issued after that date"),
            std::string::npos);
  r.issued_on = d("2026-02-13");  // before it was scheduled
  try {
    (void)iop::make_good_faith_estimates(r, twelve_weeks(), fees, business);
    FAIL();
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "gfe.issued_on");
    EXPECT_EQ(e.problem(), "is before the scheduling date 2026-02-16");
  }
  r.issued_on = d("2026-02-17");
  r.on_request = true;  // a request-only estimate says so
  g = iop::make_good_faith_estimates(r, twelve_weeks(), fees, business)[0];
  EXPECT_NE(iop::to_html(g).find("<p>Requested: 3 days a week"), std::string::npos);
  EXPECT_NE(iop::to_html(g).find("Requested on 2026-02-16."), std::string::npos);

  // From JSON: the total must be the items' sum (36 x $300 = $10,800, and $0 for the visits in the per diem).
  const auto good = iop::to_json(iop::make_good_faith_estimates(request(), twelve_weeks(), fees, business)[0]);
  auto expect_refused = [](nlohmann::json doc, const std::string& field, const std::string& problem) {
    try {
      (void)iop::good_faith_estimate_from_json(doc);
      ADD_FAILURE() << field;
    } catch (const iop::ValidationError& e) {
      EXPECT_EQ(e.field(), field);
      EXPECT_EQ(e.problem(), problem);
    }
  };
  auto doc = good;
  doc["total"] = "1.00";
  expect_refused(doc, "gfe.total", "is not the sum of the items");
  doc = good;
  doc["items"][1]["expected_charge"] = "10000.00";
  doc["total"] = "10000.00";
  expect_refused(doc, "gfe.items[1].expected_charge", "is not the quantity times the unit charge");
  doc = good;
  doc["disclaimers"]["not_a_contract"] = "x";
  expect_refused(doc, "gfe.disclaimers.not_a_contract", "is not the required statement");
  doc = good;
  doc["providers"].push_back(doc["providers"][0]);
  expect_refused(doc, "gfe.providers", "is not one convening provider");
  doc = good;
  doc.erase("issued_on");
  expect_refused(doc, "gfe.issued_on", "is missing");
  doc = good;
  doc["grand_total"] = "10800.00";
  EXPECT_THROW((void)iop::good_faith_estimate_from_json(doc), iop::ValidationError);  // never dropped in silence
  EXPECT_EQ(iop::to_json(iop::good_faith_estimate_from_json(good)), good);
}

}  // namespace
