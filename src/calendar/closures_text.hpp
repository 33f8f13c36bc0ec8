#pragma once
// The closures behind a closed day, as one line: "Christmas Day (2026-12-25); Staff training".

#include <string>
#include <vector>

#include "iop/calendar/holiday_calendar.hpp"

namespace iop {

inline std::string closures_text(const std::vector<Holiday>& causes) {
  std::string text;
  for (const auto& h : causes) text += (text.empty() ? "" : "; ") + h.describe();
  return text;
}

}  // namespace iop
