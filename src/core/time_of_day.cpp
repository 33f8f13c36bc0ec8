#include "iop/core/time_of_day.hpp"

#include <cstdio>

#include "iop/core/error.hpp"

namespace iop {

TimeOfDay TimeOfDay::from_hm(int hours, int minutes, std::string_view field) {
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) {
    char text[32];
    std::snprintf(text, sizeof text, "%d:%02d", hours, minutes);
    throw ValidationError(std::string(field), text, "is not a time of day", "HH:MM from 00:00 to 23:59");
  }
  return TimeOfDay(hours * 60 + minutes);
}

TimeOfDay TimeOfDay::parse(std::string_view text, std::string_view field) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (text.size() != 5 || text[2] != ':' || !digit(text[0]) || !digit(text[1]) || !digit(text[3]) || !digit(text[4]))
    throw ValidationError(std::string(field), iop::quoted(text), "is not a time of day", "HH:MM from 00:00 to 23:59");
  const int hours = (text[0] - '0') * 10 + (text[1] - '0');
  const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  if (hours > 23 || minutes > 59)
    throw ValidationError(std::string(field), iop::quoted(text), "is not a time of day", "HH:MM from 00:00 to 23:59");
  return TimeOfDay(hours * 60 + minutes);
}

std::string TimeOfDay::to_string() const {
  char text[32];
  std::snprintf(text, sizeof text, "%02d:%02d", minutes_ / 60, minutes_ % 60);
  return text;
}

}  // namespace iop
