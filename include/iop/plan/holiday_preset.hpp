#pragma once
/// @file
/// @brief `HolidayPreset`: which holiday calendar a program keeps.
///
/// A program may state the holidays it closes on; a clinic's own calendar (a
/// preset with holidays removed, extra closures, ...) is given with a case's
/// `holidays`. The presets:
///
/// - `us_federal`: the eleven legal public holidays of 5 U.S.C. 6103(a);
/// - `private_clinic`: a common private-clinic set: New Year's Day, Memorial
///   Day, Independence Day, Labor Day, Thanksgiving Day and the day after,
///   Christmas Day (most private clinics stay open on the other federal
///   holidays);
/// - `weekdays`: no holidays (open Monday to Friday).
///
/// A program that states none keeps `private_clinic` (`kDefaultHolidayPreset`):
/// the reference programs are private clinics, and closing on every federal
/// holiday would drop sessions most of them hold.
///
/// @code
/// auto preset = iop::parse_holiday_preset("private_clinic");
/// @endcode

#include <string_view>

namespace iop {

/// @brief A named holiday calendar a program can keep.
enum class HolidayPreset {
  us_federal,      ///< the eleven 5 U.S.C. 6103(a) holidays
  private_clinic,  ///< New Year's, Memorial, Independence, Labor, Thanksgiving and the day after, Christmas
  weekdays,        ///< no holidays
};

/// The preset of a program that states none.
inline constexpr HolidayPreset kDefaultHolidayPreset = HolidayPreset::private_clinic;

/// @brief `us_federal`, `private_clinic` or `weekdays`.
[[nodiscard]] std::string_view to_string(HolidayPreset preset) noexcept;
/// @brief Parses a preset name.
/// @throws NotFoundError naming @p field and listing the presets.
[[nodiscard]] HolidayPreset parse_holiday_preset(std::string_view text, std::string_view field = "holidays");

}  // namespace iop
