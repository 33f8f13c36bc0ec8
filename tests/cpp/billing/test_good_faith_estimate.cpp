#include "iop/billing/good_faith_estimate.hpp"

#include <gtest/gtest.h>

#include <functional>

#include <nlohmann/json.hpp>

#include "iop/core/error.hpp"
#include "iop/io/good_faith_estimate_html.hpp"
#include "iop/plan/holiday_preset.hpp"

namespace {

using iop::Money;
using nlohmann::json;

iop::Date d(const char* text) { return iop::parse_date(text); }

iop::GfeRequest request() {
  iop::GfeRequest r;
  r.patient_name = "Alex Example";
  r.patient_birth_date = d("1990-05-17");
  r.diagnosis_codes = {"F33.1", "F41.1"};
  r.provider.name = "Los Angeles depression IOP";
  r.provider.npi = "1234567893";
  r.provider.tin = "12-3456789";
  r.provider.locations = {{"Los Angeles site, Los Angeles", "CA"}};
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
  // Services read as words with their code type, and a $0.00 line says why.
  EXPECT_EQ(g.items[0].description, "Medication management visit");
  EXPECT_EQ(g.items[0].code_type, "CPT");
  EXPECT_EQ(g.items[0].charge_note, "included in the program day's per diem: no separate charge");
  EXPECT_EQ(g.items[0].expected_charge, Money());
  EXPECT_EQ(g.items[1].description, "Intensive outpatient program, per day");
  EXPECT_EQ(g.items[1].code_type, "HCPCS");
  // Scheduled Monday 2026-02-16 (a holiday) for Monday 03-02: 9 business days ahead (02-17..02-27),
  // so the estimate is due 1 business day after scheduling: Tuesday 02-17.
  ASSERT_TRUE(g.issue_by);
  EXPECT_EQ(*g.issue_by, d("2026-02-17"));
  EXPECT_NE(g.deadline_rule.find("(3 to 9)"), std::string::npos);
  const auto html = iop::to_html(g);
  EXPECT_NE(html.find("$10,800.00"), std::string::npos);
  EXPECT_NE(html.find("at least $400 more"), std::string::npos);
  EXPECT_NE(html.find("NPI 1234567893"), std::string::npos);
  EXPECT_NE(html.find("<td>Intensive outpatient program, per day (S9480)</td><td>HCPCS</td><td>S9480</td>"),
            std::string::npos);
  EXPECT_NE(html.find("Medication management visit (99214)<br><em>included in the program day&#39;s per diem: no "
                      "separate charge</em>"),
            std::string::npos);
  // Each diagnosis code with its ICD-10-CM descriptor.
  EXPECT_NE(html.find("F33.1 (Major depressive disorder, recurrent, moderate)"), std::string::npos);
  EXPECT_NE(html.find("What if I am billed more than this Good Faith Estimate?"), std::string::npos);
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

// 45 CFR 149.610 does not define a business day: the caller chooses the counting, and the rule says which.
// Scheduled Monday 2026-02-16 (Washington's Birthday) for Monday 2026-03-02:
//   the clinic's open days (the private-clinic calendar is open that Monday): 02-16 to 02-27 is 10 business days
//   ahead, so the estimate is due within 3: 02-17, 02-18, 02-19 -> 2026-02-19 ((b)(1)(vi)(B));
//   Monday to Friday without the federal holidays: 02-17 to 02-27 is 9 business days ahead, so it is due within
//   1: 2026-02-17 ((b)(1)(vi)(A)).
TEST(GoodFaithEstimate, TheCallerChoosesHowBusinessDaysAreCounted) {
  const auto clinic = iop::HolidayCalendar::private_clinic();
  const auto open_days = iop::good_faith_estimate_deadline(d("2026-02-16"), d("2026-03-02"), false, clinic);
  EXPECT_EQ(*open_days.first, d("2026-02-19"));
  EXPECT_NE(open_days.second.find("(10 or more)"), std::string::npos);
  EXPECT_NE(open_days.second.find("(45 CFR 149.610(b)(1)(vi)(B)); business days counted as the clinic's open days"),
            std::string::npos)
      << open_days.second;
  const auto federal = iop::good_faith_estimate_deadline(d("2026-02-16"), d("2026-03-02"), false, clinic,
                                                         iop::GfeBusinessDays::federal_weekdays);
  EXPECT_EQ(*federal.first, d("2026-02-17"));
  EXPECT_NE(federal.second.find("scheduled 9 business days ahead (3 to 9)"), std::string::npos) << federal.second;
  EXPECT_NE(federal.second.find("business days counted Monday to Friday without the federal holidays"), std::string::npos);
  EXPECT_NE(federal.second.find("45 CFR 149.610 does not define a business day"), std::string::npos);
  // Read from a request, written back with the estimate.
  auto doc = nlohmann::json::parse(R"({"patient": {"name": "Alex Example", "date_of_birth": "1990-05-17"},
      "diagnosis_codes": ["F33.1"], "provider": {"name": "Clinic", "npi": "1234567893", "tin": "12-3456789",
      "locations": [{"address": "Los Angeles site", "state": "CA"}]}, "scheduled_on": "2026-02-16",
      "issued_on": "2026-02-16", "business_days": "federal_weekdays"})");
  EXPECT_EQ(iop::gfe_request_from_json(doc).business_days, iop::GfeBusinessDays::federal_weekdays);
  doc["business_days"] = "calendar_days";
  EXPECT_THROW((void)iop::gfe_request_from_json(doc), iop::NotFoundError);
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
      {"disclaimers", "not_a_contract"},
      {"disclaimers", "dispute_process"}};
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
           {"expected_charge", "gfe.items[0].expected_charge"}, {"code_type", "gfe.items[0].code_type"},
           {"description", "gfe.items[0].description"}, {"quantity", "gfe.items[0].quantity"},
           {"unit_charge", "gfe.items[0].unit_charge"}, {"charge_note", "gfe.items[0].charge_note"}}) {
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
  // The patient's page gives the dates; the rule behind the deadline is the office's.
  const auto late = iop::to_html(g);
  EXPECT_NE(late.find("<tr><th>Scheduled on</th><td>2026-02-16</td></tr>\n<tr><th>Issued on</th><td>2026-03-05</td></tr>\n"
                      "<tr><th>Due by</th><td>2026-02-17 (issued after that date)</td></tr>"),
            std::string::npos);
  const auto office = late.find("<section class=\"office\">");
  const auto first_page = late.find("<section class=\"part");
  ASSERT_LT(office, first_page);  // the office's notes come first (warnings at the top) ...
  EXPECT_NE(late.find("@media print{body{margin:0;max-width:none}.office{display:none}}"), std::string::npos);  // ... not printed
  EXPECT_NE(late.substr(office, first_page - office).find("Warning:</strong> issued 2026-03-05"), std::string::npos);
  EXPECT_NE(late.substr(office, first_page - office).find("within 1 business day of scheduling (45 CFR"), std::string::npos);
  EXPECT_EQ(late.find("45 CFR 149.610(b)", first_page), std::string::npos);
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
  EXPECT_NE(iop::to_html(g).find("<tr><th>Requested on</th><td>2026-02-16</td></tr>"), std::string::npos);
  EXPECT_EQ(iop::to_html(g).find("Scheduled"), std::string::npos);

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
  expect_refused(doc, "gfe.providers[1].npi", "is the NPI of providers[0] too");
  doc["providers"][1]["npi"] = "1245319599";
  doc["providers"][1].erase("subtotal");
  doc["providers"][1].erase("dispute_threshold");
  expect_refused(doc, "gfe.providers", "is not one convening provider");
  doc = good;
  doc.erase("issued_on");
  expect_refused(doc, "gfe.issued_on", "is missing");
  doc = good;
  doc["grand_total"] = "10800.00";
  EXPECT_THROW((void)iop::good_faith_estimate_from_json(doc), iop::ValidationError);  // never dropped in silence
  EXPECT_EQ(iop::to_json(iop::good_faith_estimate_from_json(good)), good);
}

// A psychiatrist who sees the patient as a co-provider, with its own items.
iop::GfeCoProvider psychiatrist(std::vector<iop::Date> dates = {}) {
  iop::GfeCoProvider co;
  co.provider.name = "Dr. Rivera, psychiatrist";
  co.provider.npi = "1245319599";
  co.provider.tin = "98-7654321";
  co.provider.convening = false;
  co.provider.locations = {{"200 Main St, Suite 4, Pasadena", "CA"}};
  co.provider.contact = {"(626) 555-0142", "billing@rivera.example"};
  iop::GfeItem visit;
  visit.provider_npi = co.provider.npi;
  visit.description = "Psychiatric follow-up visit";
  visit.code_type = "CPT";
  visit.service_code = "99214";
  visit.diagnosis_codes = {"F33.1"};
  visit.quantity = 4;
  visit.unit_charge = Money::parse("$180");
  visit.expected_charge = Money::parse("$720");
  visit.dates = std::move(dates);
  co.items = {visit};
  return co;
}

// The convening IOP and a co-provider psychiatrist on one estimate.
// Convening: program A, 10 weeks x 4 days from Monday 2026-03-02 (no federal holiday
// before Memorial Day, after the course): 40 program days x $450 = $18,000, and 5
// medication visits (every 2 weeks) at $0.00 in the per diem. Co-provider: 4 visits x
// $180 = $720. Total $18,000 + $720 = $18,720; a bill from the IOP may be disputed from
// $18,400 and one from the psychiatrist from $1,120 (each subtotal + $400, 45 CFR 149.620).
TEST(GoodFaithEstimate, CoProviderItemsSubtotalsAndPerProviderDisputeThresholds) {
  auto p = self_pay_plan("2026-03-02", 10);
  p.days_per_week = 4;
  auto r = request();
  r.co_providers = {psychiatrist()};
  r.provider.contact = {"(213) 555-0100", ""};
  const auto gfes = iop::make_good_faith_estimates(r, calendar_of(p), iop::FeeSchedule::per_diem_schedule("s", Money::parse("$450")),
                                                   iop::HolidayCalendar::us_federal());
  ASSERT_EQ(gfes.size(), 1u);
  const auto& g = gfes[0];
  ASSERT_EQ(g.providers.size(), 2u);
  EXPECT_TRUE(g.providers[0].convening);
  EXPECT_FALSE(g.providers[1].convening);
  EXPECT_EQ(g.recurrence.sessions, 40);
  EXPECT_EQ(g.subtotal("1234567893"), Money::parse("$18,000"));
  EXPECT_EQ(g.subtotal("1245319599"), Money::parse("$720"));
  EXPECT_EQ(g.total, Money::parse("$18,720"));
  ASSERT_EQ(g.items.size(), 3u);  // 99214 at $0 and S9480 for the IOP, then the psychiatrist's 99214
  EXPECT_EQ(g.items[0].quantity, 5);
  EXPECT_EQ(g.items[1].quantity, 40);
  EXPECT_EQ(g.items[2].provider_npi, "1245319599");

  const auto j = iop::to_json(g);
  EXPECT_EQ(j["providers"][0]["subtotal"], "18000.00");
  EXPECT_EQ(j["providers"][0]["dispute_threshold"], "18400.00");
  EXPECT_EQ(j["providers"][1]["subtotal"], "720.00");
  EXPECT_EQ(j["providers"][1]["dispute_threshold"], "1120.00");
  EXPECT_EQ(j["providers"][1]["contact"]["email"], "billing@rivera.example");
  EXPECT_EQ(j["total"], "18720.00");
  EXPECT_EQ(j["diagnoses"][0]["description"], "Major depressive disorder, recurrent, moderate");
  EXPECT_EQ(iop::to_json(iop::good_faith_estimate_from_json(j)), j);

  const auto html = iop::to_html(g);
  EXPECT_NE(html.find("<tr data-npi=\"1234567893\"><td>Los Angeles depression IOP</td><td>convening provider</td><td "
                      "class=\"money\">$18,000.00</td><td class=\"money\">$18,400.00 or more</td></tr>"),
            std::string::npos);
  EXPECT_NE(html.find("<tr data-npi=\"1245319599\"><td>Dr. Rivera, psychiatrist</td><td>co-provider</td><td "
                      "class=\"money\">$720.00</td><td class=\"money\">$1,120.00 or more</td></tr>"),
            std::string::npos);
  EXPECT_NE(html.find("Subtotal for Dr. Rivera, psychiatrist</td><td class=\"money\">$720.00</td>"), std::string::npos);
  EXPECT_NE(html.find("Total expected charges: $18,720.00"), std::string::npos);
  EXPECT_NE(html.find("Phone (626) 555-0142 &middot; Email billing@rivera.example"), std::string::npos);

  // A stated subtotal or threshold must be what the items say.
  auto doc = j;
  doc["providers"][1]["subtotal"] = "700.00";
  try {
    (void)iop::good_faith_estimate_from_json(doc);
    ADD_FAILURE();
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "gfe.providers[1].subtotal");
  }
  doc = j;
  doc["providers"][0]["dispute_threshold"] = "18000.00";
  EXPECT_THROW((void)iop::good_faith_estimate_from_json(doc), iop::ValidationError);
  doc = j;
  doc["providers"][1]["convening"] = true;
  EXPECT_THROW((void)iop::good_faith_estimate_from_json(doc), iop::ValidationError);
}

TEST(GoodFaithEstimate, ACoProviderIsReadFromTheRequestAndCheckedByName) {
  const json base = json::parse(R"({
    "patient": {"name": "Alex Example", "date_of_birth": "1990-05-17"},
    "diagnosis_codes": ["F33.1"],
    "provider": {"name": "Los Angeles depression IOP", "npi": "1234567893", "tin": "12-3456789",
                 "locations": [{"address": "Los Angeles site", "state": "CA"}], "contact": {"phone": "213-555-0100"}},
    "co_providers": [{"name": "Dr. Rivera", "npi": "1245319599", "tin": "98-7654321",
                      "telehealth_patient_state": "CA", "contact": {"email": "billing@rivera.example"},
                      "items": [{"code": "99214", "code_type": "CPT", "description": "Psychiatric follow-up visit",
                                 "quantity": 4, "unit_charge": "180.00", "diagnosis_codes": ["f331"]},
                                {"code": "90785", "code_type": "CPT", "description": "Interactive complexity",
                                 "quantity": 1, "unit_charge": "0.00", "diagnosis_codes": ["F33.1"],
                                 "charge_note": "waived by the practice"}]}],
    "scheduled_on": "2026-02-16", "issued_on": "2026-02-17"})");
  const auto r = iop::gfe_request_from_json(base);
  ASSERT_EQ(r.co_providers.size(), 1u);
  const auto& co = r.co_providers[0];
  EXPECT_FALSE(co.provider.convening);
  EXPECT_TRUE(co.provider.locations.empty());  // by telehealth: furnished where the patient is
  EXPECT_EQ(co.provider.telehealth_patient_state, "CA");
  EXPECT_EQ(co.items[0].expected_charge, Money::parse("$720"));  // 4 x $180
  EXPECT_EQ(co.items[0].diagnosis_codes, std::vector<std::string>{"F33.1"});  // canonical form
  EXPECT_EQ(r.provider.contact.phone, "213-555-0100");
  const auto g = iop::make_good_faith_estimates(r, twelve_weeks(), iop::FeeSchedule::per_diem_schedule("s", Money::parse("$300")),
                                                iop::HolidayCalendar::us_federal())[0];
  EXPECT_EQ(g.total, Money::parse("$11,520"));  // 36 x $300 = $10,800 + $720 + $0
  const auto html = iop::to_html(g);
  EXPECT_NE(html.find("Where services are furnished: Telehealth (live video), patient located in CA"), std::string::npos);
  EXPECT_NE(html.find("Interactive complexity (90785)<br><em>waived by the practice</em>"), std::string::npos);

  auto expect_refused = [&](const std::function<void(json&)>& change, const std::string& field) {
    json doc = base;
    change(doc);
    try {
      (void)iop::gfe_request_from_json(doc);
      ADD_FAILURE() << field;
    } catch (const iop::Error& e) {
      EXPECT_EQ(e.field(), field);
    }
  };
  auto item = [](json& d) -> json& { return d["co_providers"][0]["items"][0]; };
  expect_refused([&](json& d) { item(d)["price"] = "1.00"; }, "request.co_providers[0].items[0].price");
  expect_refused([&](json& d) { d["co_providers"][0]["website"] = "x"; }, "request.co_providers[0].website");
  expect_refused([&](json& d) { item(d)["code_type"] = "CPT4"; }, "request.co_providers[0].items[0].code_type");
  expect_refused([&](json& d) { item(d)["code"] = "S9480"; }, "request.co_providers[0].items[0].code");  // HCPCS, not CPT
  expect_refused([&](json& d) { item(d)["quantity"] = 0; }, "request.co_providers[0].items[0].quantity");
  expect_refused([&](json& d) { item(d)["unit_charge"] = "-5.00"; }, "request.co_providers[0].items[0].unit_charge");
  expect_refused([&](json& d) { item(d)["diagnosis_codes"] = json::array(); }, "request.co_providers[0].items[0].diagnosis_codes");
  expect_refused([&](json& d) { item(d)["diagnosis_codes"] = {"F3"}; }, "request.co_providers[0].items[0].diagnosis_codes[0]");
  expect_refused([&](json& d) { item(d)["dates"] = {"2026-03-02"}; }, "request.co_providers[0].items[0].dates");  // 1 date, 4 units
  expect_refused([&](json& d) { d["co_providers"][0]["items"][1].erase("charge_note"); },
                 "request.co_providers[0].items[1].charge_note");  // a $0.00 line says why
  expect_refused([&](json& d) { d["co_providers"][0]["npi"] = "1234567893"; }, "request.co_providers[0].npi");
  expect_refused([&](json& d) { d["co_providers"][0]["npi"] = "1245319598"; }, "request.co_providers[0].npi");
  expect_refused([&](json& d) { d["co_providers"][0].erase("telehealth_patient_state"); }, "request.co_providers[0].locations");
  expect_refused([&](json& d) { d["co_providers"][0]["items"] = json::array(); }, "request.co_providers[0].items");
  expect_refused([&](json& d) { d["provider"]["contact"]["phone"] = "555-0100"; }, "request.provider.contact.phone");
  expect_refused([&](json& d) { d["co_providers"][0]["contact"]["email"] = "billing"; }, "request.co_providers[0].contact.email");
  expect_refused([&](json& d) { d["co_providers"][0]["telehealth_patient_state"] = "XX"; },
                 "request.co_providers[0].telehealth_patient_state");
}

// A telehealth course is furnished where the patient is: the patient's state is the place of service.
TEST(GoodFaithEstimate, TelehealthCourseNamesThePatientsState) {
  auto p = self_pay_plan("2026-03-02", 12);
  p.delivery = {iop::DeliveryKind::telehealth, "CA"};
  auto r = request();
  const auto fees = iop::FeeSchedule::per_diem_schedule("s", Money::parse("$300"));
  const auto g = iop::make_good_faith_estimates(r, calendar_of(p), fees, iop::HolidayCalendar::us_federal())[0];
  const auto html = iop::to_html(g);
  EXPECT_NE(html.find("Where services are furnished: Telehealth (live video), patient located in CA</p>"), std::string::npos);
  EXPECT_EQ(html.find("Where services are furnished: Los Angeles site"), std::string::npos);
  EXPECT_NE(html.find("Office address: Los Angeles site, Los Angeles, CA"), std::string::npos);
  EXPECT_EQ(iop::to_json(g)["providers"][0]["telehealth_patient_state"], "CA");
  // The calendar says how the course is delivered: a request need not repeat the patient's state ...
  r.provider.telehealth_patient_state.reset();
  EXPECT_EQ(iop::make_good_faith_estimates(r, calendar_of(p), fees, iop::HolidayCalendar::us_federal())[0]
                .providers[0]
                .telehealth_patient_state,
            "CA");
  // ... and one that says otherwise is refused.
  r.provider.telehealth_patient_state = "NV";
  try {
    (void)iop::make_good_faith_estimates(r, calendar_of(p), fees, iop::HolidayCalendar::us_federal());
    FAIL();
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "provider.telehealth_patient_state");
  }
  r.provider.telehealth_patient_state = "CA";  // an in-person course
  EXPECT_THROW((void)iop::make_good_faith_estimates(r, twelve_weeks(), fees, iop::HolidayCalendar::us_federal()),
               iop::ValidationError);
}

// A course over 12 months is one document: a course total, then each estimate from a new page.
// No holidays (the `weekdays` preset), 54 weeks x Mon/Wed/Fri from Monday 2026-03-02 at $450:
// estimate 1 covers 2026-03-02..2027-03-01: weeks 0..51 (52 x 3 = 156 days) and Monday
// 2027-03-01 (2026-03-02 + 364 days) = 157 days x $450 = $70,650; estimate 2 the other
// 54 x 3 - 157 = 5 days x $450 = $2,250. The psychiatrist's 4 visits x $180: two in each
// ($360 each). Estimate 1 $71,010, estimate 2 $2,610, course total $73,620 (= 162 x $450 + $720).
TEST(GoodFaithEstimate, ACourseOverTwelveMonthsIsOneDocumentWithACourseTotal) {
  auto p = self_pay_plan("2026-03-02", 54);
  p.extension = iop::PlanExtension{"Chronic course", "SELF-PAY-AGREEMENT-7"};
  const auto none = iop::HolidayCalendar::preset(iop::HolidayPreset::weekdays);
  const auto cal = iop::build_calendar(p, iop::find_program("la-depression-iop"), none, iop::HolidayPolicy::skip);
  auto r = request();
  r.co_providers = {psychiatrist({d("2026-03-10"), d("2026-09-15"), d("2027-03-03"), d("2027-03-10")})};
  const auto fees = iop::FeeSchedule::per_diem_schedule("s", Money::parse("$450"));
  const auto gfes = iop::make_good_faith_estimates(r, cal, fees, none);
  ASSERT_EQ(gfes.size(), 2u);
  EXPECT_EQ(gfes[0].recurrence.sessions, 157);
  EXPECT_EQ(gfes[0].recurrence.last_date, d("2027-03-01"));
  EXPECT_EQ(gfes[1].recurrence.sessions, 5);
  EXPECT_EQ(gfes[1].recurrence.first_date, d("2027-03-03"));
  EXPECT_EQ(gfes[0].subtotal("1234567893"), Money::parse("$70,650"));
  EXPECT_EQ(gfes[0].subtotal("1245319599"), Money::parse("$360"));
  EXPECT_EQ(gfes[1].subtotal("1234567893"), Money::parse("$2,250"));
  EXPECT_EQ(gfes[1].subtotal("1245319599"), Money::parse("$360"));
  EXPECT_EQ(gfes[0].total, Money::parse("$71,010"));
  EXPECT_EQ(gfes[1].total, Money::parse("$2,610"));
  EXPECT_EQ(gfes[1].items.back().dates, (std::vector<iop::Date>{d("2027-03-03"), d("2027-03-10")}));
  for (const auto& g : gfes) EXPECT_EQ(iop::to_json(iop::good_faith_estimate_from_json(iop::to_json(g))), iop::to_json(g));

  const auto html = iop::to_html(gfes);
  EXPECT_EQ(html.rfind("<html"), html.find("<html"));  // one document
  EXPECT_NE(html.find("<td colspan=\"2\">Course total</td><td class=\"money\">$73,620.00</td>"), std::string::npos);
  EXPECT_NE(html.find("<section class=\"part page-break\" id=\"part-1\" data-total=\"$71,010.00\">"), std::string::npos);
  EXPECT_NE(html.find("<section class=\"part page-break\" id=\"part-2\" data-total=\"$2,610.00\">"), std::string::npos);
  EXPECT_NE(html.find(".page-break{break-before:page;page-break-before:always}"), std::string::npos);
  // Only a whole course, in order, makes one document.
  EXPECT_THROW((void)iop::to_html(std::vector<iop::GoodFaithEstimate>{gfes[1], gfes[0]}), iop::ValidationError);

  // Without dates the psychiatrist's visits cannot be placed on an estimate.
  r.co_providers = {psychiatrist()};
  try {
    (void)iop::make_good_faith_estimates(r, cal, fees, none);
    FAIL();
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "co_providers[0].items[0].dates");
  }
  // A date in neither estimate's 12 months (2027-03-02 falls between them) is refused.
  r.co_providers = {psychiatrist({d("2026-03-10"), d("2026-09-15"), d("2027-03-02"), d("2027-03-10")})};
  EXPECT_THROW((void)iop::make_good_faith_estimates(r, cal, fees, none), iop::ValidationError);
}

}  // namespace
