#include "iop/clinical/level_of_care.hpp"

#include <array>
#include <cstdio>
#include <string>

#include "iop/core/error.hpp"

namespace iop {
namespace {

struct LevelRow {
  LevelOfCare level;
  std::string_view code;
  std::string_view asam;
  int locus;
  std::string_view locus_name;
};

constexpr std::array<LevelRow, 5> kLevels{{
    {LevelOfCare::outpatient, "OP", "1", 2, "Low intensity community-based services"},
    {LevelOfCare::intensive_outpatient, "IOP", "2.1", 3, "High intensity community-based services"},
    {LevelOfCare::partial_hospitalization, "PHP", "2.5", 4, "Medically monitored non-residential services"},
    {LevelOfCare::residential, "residential", "3.1-3.7", 5, "Medically monitored residential services"},
    {LevelOfCare::inpatient, "inpatient", "4", 6, "Medically managed residential services"},
}};

const LevelRow& row(LevelOfCare level) noexcept { return kLevels[static_cast<std::size_t>(level)]; }

std::string hours(int minutes) {
  char text[32];
  if (minutes % 60 == 0) std::snprintf(text, sizeof text, "%d", minutes / 60);
  else std::snprintf(text, sizeof text, "%d:%02d", minutes / 60, minutes % 60);
  return text;
}

}  // namespace

std::string_view to_string(LevelOfCare level) noexcept { return row(level).code; }

LevelOfCare parse_level_of_care(std::string_view text, std::string_view field) {
  for (const auto& r : kLevels)
    if (r.code == text) return r.level;
  throw NotFoundError(std::string(field), iop::quoted(text), "is not a level of care",
                      "OP, IOP, PHP, residential, inpatient");
}

std::string_view asam_level(LevelOfCare level) noexcept { return row(level).asam; }
int locus_level(LevelOfCare level) noexcept { return row(level).locus; }
std::string_view locus_level_name(LevelOfCare level) noexcept { return row(level).locus_name; }

std::string_view to_string(AgeGroup group) noexcept { return group == AgeGroup::adult ? "adult" : "adolescent"; }

AgeGroup parse_age_group(std::string_view text, std::string_view field) {
  if (text == "adult") return AgeGroup::adult;
  if (text == "adolescent") return AgeGroup::adolescent;
  throw NotFoundError(std::string(field), iop::quoted(text), "is not an age group", "adult, adolescent");
}

AgeGroup age_group_for(int age_years) noexcept { return age_years >= 18 ? AgeGroup::adult : AgeGroup::adolescent; }

bool WeeklyHoursBounds::contains(int minutes) const noexcept {
  if (!min_minutes && !max_minutes && !below_minutes) return true;
  if (min_minutes && minutes < *min_minutes) return false;
  if (max_minutes && minutes > *max_minutes) return false;
  if (below_minutes && minutes >= *below_minutes) return false;
  return true;
}

std::string WeeklyHoursBounds::describe() const {
  if (min_minutes && max_minutes) return hours(*min_minutes) + "-" + hours(*max_minutes) + " h";
  if (min_minutes) return hours(*min_minutes) + " h or more";
  if (below_minutes) return "under " + hours(*below_minutes) + " h";
  return "not defined by weekly hours";
}

WeeklyHoursBounds weekly_hours_bounds(LevelOfCare level, AgeGroup group) noexcept {
  const bool adult = group == AgeGroup::adult;
  switch (level) {
    case LevelOfCare::outpatient: return {std::nullopt, std::nullopt, (adult ? 9 : 6) * 60};
    case LevelOfCare::intensive_outpatient: return {(adult ? 9 : 6) * 60, 19 * 60, std::nullopt};
    case LevelOfCare::partial_hospitalization: return {20 * 60, std::nullopt, std::nullopt};
    case LevelOfCare::residential:
    case LevelOfCare::inpatient: return {};
  }
  return {};
}

TherapyComparison compare_with_weekly_therapy(int weekly_minutes) noexcept {
  return {weekly_minutes, weekly_minutes / 60.0, weekly_minutes / 45.0};
}

}  // namespace iop
