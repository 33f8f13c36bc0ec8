#include "iop/calendar/holiday_calendar.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "iop/core/error.hpp"
#include "iop/plan/program.hpp"
#include "calendar/weekday.hpp"

namespace {

// The weekday from the day number is Boost's own weekday on every day the holiday calendar covers, and on a
// few days known by heart: 2026-03-02 was a Monday, 2000-02-29 a Tuesday, 1970-01-01 a Thursday.
TEST(Weekday, IsBoostsOnEveryDayTheCalendarCovers) {
  using boost::gregorian::days;
  int checked = 0;
  for (iop::Date d(iop::HolidayCalendar::first_year, 1, 1); d <= iop::Date(iop::HolidayCalendar::last_year, 12, 31);
       d += days(1), ++checked)
    ASSERT_EQ(iop::detail::weekday_of(d), d.day_of_week().as_enum()) << iop::to_iso_string(d);
  EXPECT_GT(checked, 365 * 100);
  EXPECT_EQ(iop::detail::weekday_of(iop::Date(2026, 3, 2)), boost::date_time::Monday);
  EXPECT_EQ(iop::detail::weekday_of(iop::Date(2000, 2, 29)), boost::date_time::Tuesday);
  EXPECT_EQ(iop::detail::weekday_of(iop::Date(1970, 1, 1)), boost::date_time::Thursday);
}

using iop::HolidayCalendar;
using iop::ObservancePolicy;

iop::Date d(const char* text) { return iop::parse_date(text); }

// The 2026 and 2027 rows of the computed table in the domain facts (section 10),
// each checked against a printed calendar.
TEST(HolidayCalendar, FederalHolidays2026And2027) {
  const auto federal = HolidayCalendar::us_federal();
  const auto h2026 = federal.holidays_between(d("2026-01-01"), d("2026-12-31"));
  ASSERT_EQ(h2026.size(), 11u);
  const char* observed_2026[] = {"2026-01-01", "2026-01-19", "2026-02-16", "2026-05-25", "2026-06-19", "2026-07-03",
                                 "2026-09-07", "2026-10-12", "2026-11-11", "2026-11-26", "2026-12-25"};
  for (std::size_t i = 0; i < 11; ++i) EXPECT_EQ(iop::to_iso_string(h2026[i].observed), observed_2026[i]) << i;
  EXPECT_EQ(h2026[5].name, "Independence Day");
  EXPECT_EQ(iop::to_iso_string(h2026[5].actual), "2026-07-04");
  EXPECT_EQ(h2026[5].describe(), "2026-07-03 Independence Day (observed; actual 2026-07-04)");
  const auto h2027 = federal.holidays_between(d("2027-01-01"), d("2027-12-31"));
  // Juneteenth (Sat) -> Fri 06-18; Independence Day (Sun) -> Mon 07-05; Christmas (Sat) -> Fri 12-24;
  // New Year's Day 2028 (Sat) -> Fri 2027-12-31.
  std::vector<std::string> observed;
  for (const auto& h : h2027) observed.push_back(iop::to_iso_string(h.observed));
  EXPECT_EQ(observed, (std::vector<std::string>{"2027-01-01", "2027-01-18", "2027-02-15", "2027-05-31", "2027-06-18",
                                                "2027-07-05", "2027-09-06", "2027-10-11", "2027-11-11", "2027-11-25",
                                                "2027-12-24", "2027-12-31"}));
  EXPECT_EQ(h2027.back().name, "New Year's Day");
  EXPECT_EQ(iop::to_iso_string(h2027.back().actual), "2028-01-01");
}

TEST(HolidayCalendar, HistoricalRules) {
  const auto federal = HolidayCalendar::us_federal(ObservancePolicy::no_observance());
  // No MLK Day before 1986; Juneteenth from 2021; Veterans Day on the fourth Monday of October 1971-1977.
  EXPECT_TRUE(federal.is_open(d("1985-01-21")));
  EXPECT_FALSE(federal.is_open(d("1986-01-20")));
  EXPECT_TRUE(federal.is_open(d("2020-06-19")));
  EXPECT_FALSE(federal.is_holiday_or_closure(d("2021-06-18")));  // no observance: Saturday 06-19 only
  EXPECT_TRUE(federal.is_holiday_or_closure(d("2021-06-19")));
  EXPECT_FALSE(federal.is_open(d("1975-10-27")));  // fourth Monday of October 1975
  EXPECT_TRUE(federal.is_open(d("1975-11-11")));   // a Tuesday, not yet Veterans Day again
  EXPECT_TRUE(federal.is_holiday_or_closure(d("1978-11-11")));
}

TEST(HolidayCalendar, ObservancePolicies) {
  const auto federal = HolidayCalendar::us_federal();
  EXPECT_FALSE(federal.is_open(d("2021-12-31")));  // New Year's Day 2022 (Sat) observed Fri 2021-12-31
  EXPECT_EQ(federal.closures_on(d("2021-12-31"))[0].name, "New Year's Day");
  EXPECT_FALSE(federal.is_open(d("2021-06-18")));  // first Juneteenth, observed Friday
  EXPECT_FALSE(federal.is_open(d("2100-12-31")));  // New Year's Day 2101 is a Saturday
  const auto none = HolidayCalendar::us_federal(ObservancePolicy::no_observance());
  EXPECT_TRUE(none.is_open(d("2026-07-03")));
  // Federal Reserve style: Saturday not observed, Sunday to Monday.
  const auto fed_banks = HolidayCalendar::us_federal({iop::WeekendShift::none, iop::WeekendShift::next_monday});
  EXPECT_TRUE(fed_banks.is_open(d("2026-07-03")));
  EXPECT_FALSE(fed_banks.is_open(d("2027-07-05")));
}

TEST(HolidayCalendar, ClosuresReturnNewCalendars) {
  const auto federal = HolidayCalendar::us_federal();
  const auto clinic = federal.with_closure(d("2026-12-24"), "Christmas Eve").with_closures(
      d("2026-08-10"), d("2026-08-14"), "Staff training week");
  EXPECT_TRUE(federal.is_open(d("2026-12-24")));  // the original is unchanged
  EXPECT_FALSE(clinic.is_open(d("2026-12-24")));
  EXPECT_FALSE(clinic.is_open(d("2026-08-12")));
  EXPECT_EQ(clinic.closures_on(d("2026-08-12"))[0].kind, iop::ClosureKind::closure);
  EXPECT_EQ(clinic.next_open_day(d("2026-08-07")), d("2026-08-17"));
  EXPECT_EQ(clinic.adjust(d("2026-08-17")), d("2026-08-17"));
  EXPECT_EQ(federal.next_open_day(d("2026-07-02")), d("2026-07-06"));  // Fri holiday, weekend
  const auto with_extra = federal.with_holiday(d("2026-11-27"), "Day after Thanksgiving");
  EXPECT_FALSE(with_extra.is_open(d("2026-11-27")));
  EXPECT_EQ(with_extra.holidays_between(d("2026-11-26"), d("2026-11-27")).size(), 2u);
  EXPECT_THROW((void)federal.with_closures(d("2026-08-14"), d("2026-08-10"), "x"), iop::ValidationError);
  EXPECT_THROW((void)federal.with_closure(d("2026-08-14"), ""), iop::ValidationError);
}

TEST(HolidayCalendar, JoinsAndWeekdays) {
  const auto clinic = HolidayCalendar::weekdays_only("clinic").with_closure(d("2026-03-13"), "Staff retreat");
  const auto both = join(HolidayCalendar::us_federal(), clinic);
  EXPECT_FALSE(both.is_open(d("2026-03-13")));
  EXPECT_FALSE(both.is_open(d("2026-01-19")));
  EXPECT_EQ(both.name(), "US federal (5 U.S.C. 6103) + clinic");
  const auto saturdays = both.with_open_weekdays({boost::date_time::Monday, boost::date_time::Saturday});
  EXPECT_TRUE(saturdays.is_open(d("2026-03-14")));
  EXPECT_FALSE(saturdays.is_open(d("2026-03-17")));
  EXPECT_THROW((void)both.is_open(d("1960-01-01")), iop::ValidationError);
  EXPECT_THROW((void)both.is_open(d("2101-01-03")), iop::ValidationError);
}

TEST(HolidayCalendar, FromJson) {
  const auto doc = nlohmann::json::parse(R"({"base": "us_federal",
      "observance": {"saturday": "none", "sunday": "next_monday"},
      "closures": [{"date": "2026-12-24", "name": "Christmas Eve"},
                   {"from": "2026-08-10", "to": "2026-08-11", "name": "Training"}]})");
  const auto cal = iop::holiday_calendar_from_json(doc);
  EXPECT_TRUE(cal.is_open(d("2026-07-03")));
  EXPECT_FALSE(cal.is_open(d("2026-08-11")));
  EXPECT_FALSE(cal.is_open(d("2026-12-24")));
  const auto bad = nlohmann::json::parse(R"({"observance": {"saturday": "friday"}})");
  try {
    (void)iop::holiday_calendar_from_json(bad);
    FAIL();
  } catch (const iop::NotFoundError& e) {
    EXPECT_EQ(e.field(), "holidays.observance.saturday");
  }
  // A closure is a day or a stretch: with both, one of them would be dropped, so it is refused.
  const auto both = nlohmann::json::parse(
      R"({"closures": [{"date": "2026-12-24", "from": "2026-12-24", "to": "2026-12-31", "name": "Winter break"}]})");
  try {
    (void)iop::holiday_calendar_from_json(both);
    FAIL();
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "holidays.closures[0].from");
    EXPECT_EQ(e.problem(), "is given with date");
  }
}

// A calendar's JSON says how it was made and reads back to an equal calendar: same open days, same holidays.
TEST(HolidayCalendar, JsonRoundTripAndEquality) {
  const auto clinic = HolidayCalendar::weekdays_only("clinic")
                          .with_closures(d("2026-08-10"), d("2026-08-14"), "Training")
                          .with_closure(d("2026-12-24"), "Christmas Eve")
                          .with_holiday(d("2026-03-14"), "Founders' Day", ObservancePolicy::no_observance());
  const auto joined = join(HolidayCalendar::us_federal(), clinic);
  const auto back = iop::holiday_calendar_from_json(iop::to_json(joined));
  EXPECT_EQ(back, joined);
  EXPECT_EQ(back.name(), "US federal (5 U.S.C. 6103) + clinic");
  EXPECT_EQ(back.open_day_bits(), joined.open_day_bits());
  // Founders' Day falls on Saturday 2026-03-14 and is not shifted: Friday and Monday stay open.
  EXPECT_TRUE(back.is_open(d("2026-03-13")));
  EXPECT_TRUE(back.is_open(d("2026-03-16")));
  EXPECT_FALSE(back.is_open(d("2026-08-12")));
  // Closures added in another order make the same calendar.
  const auto other = HolidayCalendar::weekdays_only("clinic")
                         .with_holiday(d("2026-03-14"), "Founders' Day", ObservancePolicy::no_observance())
                         .with_closure(d("2026-12-24"), "Christmas Eve")
                         .with_closures(d("2026-08-10"), d("2026-08-14"), "Training");
  EXPECT_EQ(other, clinic);
  EXPECT_FALSE(clinic == HolidayCalendar::weekdays_only("clinic"));
  const auto saturdays = HolidayCalendar::us_federal().with_open_weekdays(
      {boost::date_time::Monday, boost::date_time::Saturday});
  EXPECT_EQ(iop::to_json(saturdays)["open_weekdays"], nlohmann::json::parse(R"(["monday", "saturday"])"));
  EXPECT_EQ(iop::holiday_calendar_from_json(iop::to_json(saturdays)), saturdays);
  EXPECT_THROW((void)iop::holiday_calendar_from_json(nlohmann::json::parse(R"({"base": "us_federal", "name": "x"})")),
               iop::ValidationError);
  EXPECT_THROW((void)iop::holiday_calendar_from_json(nlohmann::json::parse(R"({"join": [{"base": "weekdays"}]})")),
               iop::ValidationError);
}

}  // namespace

namespace {

int holidays_in_2026(const iop::HolidayCalendar& calendar) {
  return static_cast<int>(calendar.holidays_between(d("2026-01-01"), d("2026-12-31")).size());
}

}  // namespace

// A clinic open on Columbus Day (2026-10-12, the second Monday of October) and
// Veterans Day (Wednesday 2026-11-11): the two rules are removed in every year,
// not date by date, leaving 9 of the 11 federal holidays of 2026.
TEST(HolidayCalendar, RemovingRuleHolidays) {
  const auto federal = HolidayCalendar::us_federal();
  EXPECT_EQ(holidays_in_2026(federal), 11);
  const auto clinic = federal.without("columbus_day").without("veterans_day");
  EXPECT_TRUE(clinic.is_open(d("2026-10-12")));
  EXPECT_TRUE(clinic.is_open(d("2026-11-11")));
  EXPECT_TRUE(clinic.is_open(d("2031-10-13")));  // Columbus Day 2031: the second Monday of October
  EXPECT_FALSE(clinic.is_open(d("2026-11-26")));  // Thanksgiving stays
  EXPECT_EQ(holidays_in_2026(clinic), 9);
  EXPECT_FALSE(federal.is_open(d("2026-10-12")));  // the original calendar is unchanged
  EXPECT_EQ(federal.closures_on(d("2026-10-12"))[0].rule, "columbus_day");

  // The same from JSON, with "except" (errors name the list element).
  const auto doc = nlohmann::json::parse(R"({"base": "us_federal", "except": ["columbus_day", "veterans_day"]})");
  EXPECT_EQ(holidays_in_2026(iop::holiday_calendar_from_json(doc)), 9);
  // The JSON form says how the calendar was made, whatever the order of removal: it reads back equal,
  // and so does a join with a rule removed after it (Memorial Day, 2026-05-25, in neither calendar then).
  const auto other_order = federal.without("veterans_day").without("columbus_day");
  EXPECT_EQ(other_order, clinic);
  EXPECT_EQ(other_order.name(), clinic.name());
  EXPECT_EQ(clinic.name(), "US federal (5 U.S.C. 6103) without columbus_day, veterans_day");
  EXPECT_EQ(iop::to_json(clinic)["except"], doc["except"]);
  EXPECT_EQ(iop::holiday_calendar_from_json(iop::to_json(clinic)), clinic);
  const auto joined = join(clinic, HolidayCalendar::weekdays_only("staff days").with_closure(d("2026-08-14"), "training"))
                          .without("memorial_day");
  EXPECT_TRUE(joined.is_open(d("2026-05-25")));
  EXPECT_FALSE(joined.is_open(d("2026-08-14")));
  const auto back = iop::holiday_calendar_from_json(iop::to_json(joined));
  EXPECT_EQ(back, joined);
  EXPECT_EQ(back.open_day_bits(), joined.open_day_bits());
  try {
    (void)iop::holiday_calendar_from_json(nlohmann::json::parse(R"({"except": ["colombus_day"]})"));
    FAIL();
  } catch (const iop::NotFoundError& e) {
    EXPECT_EQ(e.field(), "holidays.except[0]");
    EXPECT_NE(std::string(e.allowed()).find("columbus_day"), std::string::npos);
  }
}

// The private-clinic preset of 2026: New Year's Day (Thu 01-01), Memorial Day
// (Mon 05-25), Independence Day (Sat 07-04, observed Fri 07-03), Labor Day
// (Mon 09-07), Thanksgiving (Thu 11-26) and the day after (Fri 11-27), and
// Christmas (Fri 12-25): 7 closed days. MLK Day (01-19), Washington's Birthday
// (02-16), Juneteenth (Fri 06-19), Columbus Day (10-12) and Veterans Day (11-11) are open.
TEST(HolidayCalendar, PrivateClinicPreset) {
  const auto clinic = HolidayCalendar::preset(iop::HolidayPreset::private_clinic);
  EXPECT_EQ(holidays_in_2026(clinic), 7);
  for (const char* closed : {"2026-01-01", "2026-05-25", "2026-07-03", "2026-09-07", "2026-11-26", "2026-11-27", "2026-12-25"})
    EXPECT_FALSE(clinic.is_open(d(closed))) << closed;
  for (const char* open : {"2026-01-19", "2026-02-16", "2026-06-19", "2026-10-12", "2026-11-11"})
    EXPECT_TRUE(clinic.is_open(d(open))) << open;
  EXPECT_EQ(clinic.closures_on(d("2026-11-27"))[0].name, "Day after Thanksgiving");
  // A holiday the preset does not have cannot be removed from it.
  EXPECT_THROW((void)clinic.without("juneteenth"), iop::ValidationError);
  EXPECT_EQ(holidays_in_2026(clinic.without("day_after_thanksgiving")), 6);
  // "base": "private_clinic" in JSON; the default preset of a program that states none.
  EXPECT_EQ(holidays_in_2026(iop::holiday_calendar_from_json(nlohmann::json::parse(R"({"base": "private_clinic"})"))), 7);
  EXPECT_EQ(iop::find_program("la-depression-iop").holiday_preset(), iop::HolidayPreset::private_clinic);
}
