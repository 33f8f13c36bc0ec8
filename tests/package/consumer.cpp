// A program outside iop that uses it the way an application does.
#include <iop/iop.hpp>

#include <iostream>

int main() {
  const auto per_diem = iop::Money::parse("$259.13");
  const auto course = per_diem * 36;  // 12 weeks at 3 days
  const iop::ZonedTime evening(iop::parse_date_time("2026-03-09T18:00"),
                               iop::TimeZone::from_name("America/Los_Angeles"));
  std::cout << "iop " << iop::version_string << ": 36 days at " << per_diem.to_string() << " = "
            << course.to_string() << "; 18:00 in Los Angeles on 2026-03-09 = " << evening.utc_string() << '\n';
  return course.cents() == 932868 ? 0 : 1;
}
