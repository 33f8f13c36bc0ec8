#pragma once
/// @file
/// @brief Levels of care, their ASAM and LOCUS equivalents, and weekly contact-hour bounds.
///
/// | level | ASAM (3rd ed.) | LOCUS | weekly clinical contact |
/// |-------|----------------|-------|-------------------------|
/// | OP    | 1              | 2     | adults under 9 h, adolescents under 6 h |
/// | IOP   | 2.1            | 3     | adults 9-19 h, adolescents 6-19 h |
/// | PHP   | 2.5            | 4     | 20 h or more |
/// | residential | 3.1, 3.3, 3.5, 3.7 | 5 | 24-hour setting |
/// | inpatient   | 4              | 6     | hospital |
///
/// Sources: ASAM Criteria 3rd edition level descriptions as summarised by
/// Aetna's ASAM criteria page (IOP 9-19 h adults, 6-19 h adolescents; PHP 20 h
/// or more); Medicare IOP certification of at least 9 hours a week (42 CFR
/// 424.24(d)) and PHP of at least 20 hours a week; LOCUS 2016 level names
/// (American Association of Community Psychiatrists).
///
/// @code
/// auto bounds = iop::weekly_hours_bounds(iop::LevelOfCare::intensive_outpatient, iop::AgeGroup::adult);
/// bounds.contains(15 * 60);   // true: 15 h is within 9-19 h
/// @endcode

#include <optional>
#include <string>
#include <string_view>

namespace iop {

/// @brief Levels of care, from least to most intensive (the order compares).
enum class LevelOfCare {
  outpatient,               ///< OP: weekly or less frequent therapy
  intensive_outpatient,     ///< IOP: about 3 hours a day, 3-5 days a week
  partial_hospitalization,  ///< PHP: a full day program, 20 hours a week or more
  residential,              ///< 24-hour structured setting
  inpatient,                ///< hospital
};

/// @brief The short code: `OP`, `IOP`, `PHP`, `residential`, `inpatient`.
[[nodiscard]] std::string_view to_string(LevelOfCare level) noexcept;
/// @brief Parses the short code (`OP`, `IOP`, `PHP`, `residential`, `inpatient`).
/// @throws NotFoundError naming @p field and listing the codes.
[[nodiscard]] LevelOfCare parse_level_of_care(std::string_view text, std::string_view field = "level_of_care");
/// @brief The ASAM level(s), e.g. `2.1`; `3.1-3.7` for residential.
[[nodiscard]] std::string_view asam_level(LevelOfCare level) noexcept;
/// @brief The LOCUS level number (2 to 6).
[[nodiscard]] int locus_level(LevelOfCare level) noexcept;
/// @brief The LOCUS level name, e.g. `High intensity community-based services`.
[[nodiscard]] std::string_view locus_level_name(LevelOfCare level) noexcept;

/// @brief Whom a program serves; the hour bounds differ.
enum class AgeGroup {
  adult,       ///< 18 and over
  adolescent,  ///< under 18
};

/// @brief `adult` or `adolescent`.
[[nodiscard]] std::string_view to_string(AgeGroup group) noexcept;
/// @brief Parses `adult` or `adolescent`.
/// @throws NotFoundError naming @p field.
[[nodiscard]] AgeGroup parse_age_group(std::string_view text, std::string_view field = "age_group");
/// @brief `adult` at 18 and over, else `adolescent`.
[[nodiscard]] AgeGroup age_group_for(int age_years) noexcept;

/// @brief Weekly clinical contact bounds in minutes; either end may be open.
struct WeeklyHoursBounds {
  std::optional<int> min_minutes;            ///< at least this many minutes a week
  std::optional<int> max_minutes;            ///< at most this many (inclusive)
  std::optional<int> below_minutes;          ///< strictly fewer than this many (OP's "under 9 h")
  /// Whether @p minutes a week is within the bounds.
  [[nodiscard]] bool contains(int minutes) const noexcept;
  /// Text such as `9-19 h`, `20 h or more`, `under 9 h`, `not defined by weekly hours`.
  [[nodiscard]] std::string describe() const;
};

/// @brief The weekly contact-hour bounds of a level for an age group.
[[nodiscard]] WeeklyHoursBounds weekly_hours_bounds(LevelOfCare level, AgeGroup group) noexcept;

/// @brief Weekly contact compared with weekly outpatient therapy (one 45-60 minute session).
struct TherapyComparison {
  int weekly_minutes;  ///< the program's weekly clinical contact
  double times_low;    ///< weekly minutes / 60 (against a 60-minute session)
  double times_high;   ///< weekly minutes / 45 (against a 45-minute session)
};

/// @brief How many weekly therapy sessions @p weekly_minutes of contact amounts to.
[[nodiscard]] TherapyComparison compare_with_weekly_therapy(int weekly_minutes) noexcept;

}  // namespace iop
