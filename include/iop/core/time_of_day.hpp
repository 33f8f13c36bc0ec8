#pragma once
/// @file
/// @brief `TimeOfDay`: a local wall-clock time within a day, to the minute.
///
/// Tracks start at a time of day ("the evening track starts at 18:00"); the
/// date and the zone come from elsewhere.
///
/// @code
/// auto start = iop::TimeOfDay::parse("18:00");
/// start.minutes();       // 1080
/// start.to_string();     // "18:00"
/// @endcode

#include <compare>
#include <string>
#include <string_view>

namespace iop {

/// @brief Minutes after local midnight, 00:00 to 23:59.
class TimeOfDay {
 public:
  /// Midnight.
  constexpr TimeOfDay() noexcept = default;
  /// @brief Hours and minutes.
  /// @throws ValidationError naming @p field unless 0..23 and 0..59.
  static TimeOfDay from_hm(int hours, int minutes, std::string_view field = "time_of_day");
  /// @brief Parses `HH:MM`.
  /// @throws ValidationError naming @p field and the text otherwise.
  static TimeOfDay parse(std::string_view text, std::string_view field = "time_of_day");

  /// Minutes after midnight, 0..1439.
  [[nodiscard]] constexpr int minutes() const noexcept { return minutes_; }
  /// `HH:MM`.
  [[nodiscard]] std::string to_string() const;

  /// Same time.
  friend constexpr bool operator==(const TimeOfDay&, const TimeOfDay&) noexcept = default;
  /// Earlier times first.
  friend constexpr auto operator<=>(const TimeOfDay&, const TimeOfDay&) noexcept = default;

 private:
  constexpr explicit TimeOfDay(int minutes) noexcept : minutes_(minutes) {}
  int minutes_ = 0;
};

}  // namespace iop
