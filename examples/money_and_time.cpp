// Exact money and zoned session times: the two foundations of iop.
//
// A clinic charges a per diem for each attended day and the patient owes a
// coinsurance on it; the evening group meets at 18:00 in Los Angeles on both
// sides of the March daylight-saving change.

#include <iop/iop.hpp>

#include <iostream>

int main() {
  const auto per_diem = iop::Money::parse("$259.13");
  const auto week = per_diem * 3;                                // three attended days
  const auto patient = week.apply(iop::Rate::parse("20%"));      // $155.478 -> $155.48
  std::cout << "A week of 3 days costs " << week.to_string() << "; the patient pays "
            << patient.to_string() << " a week at 20% coinsurance\n";

  const auto zone = iop::TimeZone::from_name("America/Los_Angeles");
  for (const char* day : {"2026-03-06", "2026-03-09"}) {
    const iop::ZonedTime evening(iop::parse_date_time(std::string(day) + "T18:00"), zone);
    std::cout << "Evening group " << evening.to_string() << " = " << evening.utc_string() << '\n';
  }

  try {
    (void)iop::parse_date("2026-02-30", "plan.start_date");
  } catch (const iop::ValidationError& e) {
    std::cout << "Refused: " << e.what() << '\n';
  }
  return 0;
}
