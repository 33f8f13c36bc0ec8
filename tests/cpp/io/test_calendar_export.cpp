#include "iop/io/calendar_export.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

namespace {

using nlohmann::json;

iop::SessionCalendar november_calendar() {
  const auto plan = iop::plan_from_json(json::parse(R"({"id": "p1", "patient_id": "x1", "diagnoses": {"primary": "F33.1"},
      "level_of_care": "IOP", "program": "la-depression-iop", "start_date": "2026-10-26",
      "weeks": 6, "days_per_week": 3, "track": "evening", "delivery": {"mode": "telehealth", "patient_state": "CA"},
      "payer": "commercial"})"));
  return iop::build_calendar(plan, iop::find_program("la-depression-iop"), iop::HolidayCalendar::us_federal(),
                             iop::HolidayPolicy::skip);
}

TEST(ICalendar, FoldsAt75OctetsWithCrlf) {
  const std::string long_line = "DESCRIPTION:" + std::string(100, 'x');
  const auto folded = iop::fold_content_line(long_line);
  EXPECT_EQ(folded.substr(0, 75), long_line.substr(0, 75));
  EXPECT_EQ(folded.substr(75, 3), "\r\n ");
  EXPECT_EQ(folded.substr(78), long_line.substr(75) + "\r\n");
  EXPECT_EQ(iop::fold_content_line("SHORT:x"), "SHORT:x\r\n");
  // A two-byte character that would straddle octet 75 moves whole to the next line.
  const std::string accented = std::string(74, 'a') + "\xC3\xA9" + "b";
  const auto split = iop::fold_content_line(accented);
  EXPECT_EQ(split.substr(0, 74), std::string(74, 'a'));
  EXPECT_EQ(split.substr(74, 5), "\r\n \xC3\xA9");
}

TEST(ICalendar, EscapesText) {
  EXPECT_EQ(iop::escape_ical_text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
  // RFC 5545 3.3.11: no line break survives, so no value can start a property of
  // its own: CRLF, a lone CR and LF are each one escaped \n.
  EXPECT_EQ(iop::escape_ical_text("x\r\nSUMMARY:injected"), "x\\nSUMMARY:injected");
  EXPECT_EQ(iop::escape_ical_text("a\rb\nc"), "a\\nb\\nc");
  // Control characters TEXT cannot hold become U+FFFD; a tab stays.
  EXPECT_EQ(iop::escape_ical_text("a\x01" "b\tc"), "a\xEF\xBF\xBD" "b\tc");
}

TEST(ICalendar, DocumentStructure) {
  const auto cal = november_calendar();
  const auto ics = iop::to_icalendar(cal);
  EXPECT_EQ(ics.rfind("BEGIN:VCALENDAR\r\nPRODID:-//iop//iop ", 0), 0u);
  EXPECT_NE(ics.find("VERSION:2.0\r\n"), std::string::npos);
  EXPECT_NE(ics.find("TZID:America/Los_Angeles\r\n"), std::string::npos);
  // The zone's rule in force in 2026, from the IANA history: since 2007, the second Sunday of March to the
  // first Sunday of November (15 U.S.C. 260a as amended in 2005), open-ended; the older rules are left out.
  EXPECT_NE(ics.find("BEGIN:DAYLIGHT\r\nDTSTART:20070311T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\n"
                     "TZOFFSETFROM:-0800\r\nTZOFFSETTO:-0700\r\nTZNAME:PDT\r\n"),
            std::string::npos);
  EXPECT_NE(ics.find("BEGIN:STANDARD\r\nDTSTART:20071104T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\n"
                     "TZOFFSETFROM:-0700\r\nTZOFFSETTO:-0800\r\nTZNAME:PST\r\n"),
            std::string::npos);
  EXPECT_EQ(ics.find("UNTIL="), std::string::npos);
  // Friday 2026-10-30 and Monday 2026-11-02, both at 18:00 local across the change.
  EXPECT_NE(ics.find("DTSTART;TZID=America/Los_Angeles:20261030T180000\r\n"), std::string::npos);
  EXPECT_NE(ics.find("DTSTART;TZID=America/Los_Angeles:20261102T180000\r\n"), std::string::npos);
  EXPECT_NE(ics.find("UID:p1-program_day-20261102@iop\r\n"), std::string::npos);
  EXPECT_NE(ics.find("DTSTAMP:20261026T000000Z\r\n"), std::string::npos);
  EXPECT_NE(ics.find("LOCATION:Telehealth (live video)\\; patient located in CA\r\n"), std::string::npos);
  std::istringstream lines(ics);
  std::string physical;
  while (std::getline(lines, physical)) {
    EXPECT_FALSE(physical.empty());
    EXPECT_EQ(physical.back(), '\r');
    EXPECT_LE(physical.size() - 1, 75u);
  }
  EXPECT_EQ(ics, iop::to_icalendar(november_calendar()));  // byte-identical
}

TEST(CalendarFhir, AppointmentsSlotsAndSchedules) {
  const auto bundle = iop::calendar_to_fhir(november_calendar());
  int appointments = 0;
  int slots = 0;
  int schedules = 0;
  for (const auto& e : bundle["entry"]) {
    const auto& type = e["resource"]["resourceType"];
    appointments += type == "Appointment";
    slots += type == "Slot";
    schedules += type == "Schedule";
  }
  EXPECT_EQ(schedules, 1);
  EXPECT_EQ(slots, appointments);
  for (const auto& e : bundle["entry"])
    if (e["resource"]["resourceType"] == "Appointment" && e["resource"]["id"] == "p1-program_day-20261102") {
      EXPECT_EQ(e["resource"]["start"], "2026-11-02T18:00:00-08:00");
      EXPECT_EQ(e["resource"]["end"], "2026-11-02T21:00:00-08:00");
      EXPECT_EQ(e["resource"]["status"], "booked");
      EXPECT_EQ(e["resource"]["minutesDuration"], 180);
    }
}

TEST(CalendarCsv, RowsWithHeader) {
  const auto csv = iop::to_csv(november_calendar());
  EXPECT_EQ(csv.rfind("uid,kind,date,week,track,local_start,local_end,zone,utc_start,utc_end,minutes,status", 0), 0u);
  EXPECT_NE(csv.find("p1-program_day-20261030,program_day,2026-10-30,0,evening,2026-10-30T18:00:00,2026-10-30T21:00:00,"
                     "America/Los_Angeles,2026-10-31T01:00:00Z,2026-10-31T04:00:00Z,180,scheduled,"
                     "individual_therapy;process_group;psychoeducation;skills_training,90832;90853;90853;90853,\r\n"),
            std::string::npos)
      << csv.substr(0, 600);
}

}  // namespace
