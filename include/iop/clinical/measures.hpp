#pragma once
/// @file
/// @brief PHQ-9 and GAD-7 scores, severity bands, and trajectories of dated scores.
///
/// Both instruments ask about the last two weeks; each item is scored
/// 0 (not at all), 1 (several days), 2 (more than half the days) or
/// 3 (nearly every day).
///
/// - PHQ-9 (Kroenke, Spitzer, Williams, J Gen Intern Med 2001;16:606-613):
///   9 items, total 0-27; bands 0-4 minimal, 5-9 mild, 10-14 moderate,
///   15-19 moderately severe, 20-27 severe. Any answer above 0 on item 9
///   (thoughts of being better off dead or of self-harm) is flagged for
///   immediate follow-up, whatever the total.
/// - GAD-7 (Spitzer, Kroenke, Williams, Löwe, Arch Intern Med 2006;166:1092-1097):
///   7 items, total 0-21; bands 0-4 minimal, 5-9 mild, 10-14 moderate, 15-21 severe.
///
/// Trajectories follow the measure definitions used by NQF 0710/CMS159 and
/// NCQA HEDIS DRR-E: **response** is a reduction of at least 50% from
/// baseline, **remission** is a PHQ-9 below 5.
///
/// @code
/// auto phq = iop::Phq9::from_items({2, 2, 1, 2, 1, 1, 2, 1, 0});   // total 12, moderate
/// iop::Trajectory t(iop::Measure::phq9, {{iop::make_date(2026, 3, 2), 18}, {iop::make_date(2026, 4, 13), 8}});
/// t.is_response();   // true: 18 -> 8 is a 55.6% reduction
/// @endcode

#include <array>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "iop/core/date.hpp"

namespace iop {

/// @brief The standardized measures iop scores.
enum class Measure {
  phq9,  ///< Patient Health Questionnaire-9 (depression), total 0-27
  gad7,  ///< Generalized Anxiety Disorder-7, total 0-21
};

/// @brief `PHQ-9` or `GAD-7`.
[[nodiscard]] std::string_view to_string(Measure measure) noexcept;
/// @brief Parses `PHQ-9`/`phq9` or `GAD-7`/`gad7`.
/// @throws NotFoundError naming @p field.
[[nodiscard]] Measure parse_measure(std::string_view text, std::string_view field = "measure");
/// @brief The highest possible total: 27 for PHQ-9, 21 for GAD-7.
[[nodiscard]] int max_total(Measure measure) noexcept;

/// @brief Severity bands shared by PHQ-9 and GAD-7 (GAD-7 has no `moderately_severe`).
enum class Severity {
  minimal,            ///< 0-4
  mild,               ///< 5-9
  moderate,           ///< 10-14
  moderately_severe,  ///< PHQ-9 15-19
  severe,             ///< PHQ-9 20-27, GAD-7 15-21
};

/// @brief `minimal`, `mild`, `moderate`, `moderately severe` or `severe`.
[[nodiscard]] std::string_view to_string(Severity severity) noexcept;

/// @brief The severity band of a total.
/// @throws ValidationError naming @p field if the total is outside the measure's range.
[[nodiscard]] Severity severity_of(Measure measure, int total, std::string_view field = "total");

/// @brief A scored PHQ-9.
class Phq9 {
 public:
  /// @brief Scores the nine items.
  /// @throws ValidationError naming `field.items[i]` for an item outside 0..3,
  ///         or `field.items` when there are not exactly nine.
  [[nodiscard]] static Phq9 from_items(std::span<const int> items, std::string_view field = "phq9");
  /// @copydoc from_items
  [[nodiscard]] static Phq9 from_items(std::initializer_list<int> items, std::string_view field = "phq9");

  /// The nine item scores.
  [[nodiscard]] const std::array<int, 9>& items() const noexcept { return items_; }
  /// The total, 0-27.
  [[nodiscard]] int total() const noexcept;
  /// The severity band of the total.
  [[nodiscard]] Severity severity() const noexcept;
  /// True when item 9 (self-harm thoughts) is above 0: follow up now, whatever the total.
  [[nodiscard]] bool item9_positive() const noexcept { return items_[8] > 0; }

 private:
  std::array<int, 9> items_{};
};

/// @brief A scored GAD-7.
class Gad7 {
 public:
  /// @brief Scores the seven items.
  /// @throws ValidationError naming `field.items[i]` for an item outside 0..3,
  ///         or `field.items` when there are not exactly seven.
  [[nodiscard]] static Gad7 from_items(std::span<const int> items, std::string_view field = "gad7");
  /// @copydoc from_items
  [[nodiscard]] static Gad7 from_items(std::initializer_list<int> items, std::string_view field = "gad7");

  /// The seven item scores.
  [[nodiscard]] const std::array<int, 7>& items() const noexcept { return items_; }
  /// The total, 0-21.
  [[nodiscard]] int total() const noexcept;
  /// The severity band of the total.
  [[nodiscard]] Severity severity() const noexcept;

 private:
  std::array<int, 7> items_{};
};

/// @brief One dated total of a measure.
struct DatedScore {
  Date date;  ///< when the measure was taken
  int total;  ///< its total score
  /// Same date and total.
  friend bool operator==(const DatedScore&, const DatedScore&) = default;
};

/// @brief One measure as a clinic recorded it: which, when, its total and, when it was answered item by item,
/// the item answers (nine for the PHQ-9, seven for the GAD-7, in the questionnaire's order).
struct ScoredMeasure {
  Measure measure;         ///< PHQ-9 or GAD-7
  Date date;               ///< the day it was taken
  int total;               ///< its total score
  std::vector<int> items;  ///< the item answers (0-3), or none when only a total was sent
  std::string source;      ///< where it was read, e.g. `fhir[2]` or `scores[0]`
  /// The PHQ-9's last question (LOINC 69722-7), not part of the score: how difficult the problems made
  /// work, home or getting along ("Not difficult at all" .. "Extremely difficult"); empty when not answered.
  std::string difficulty;
  /// Same measure, date, total, items and source.
  friend bool operator==(const ScoredMeasure&, const ScoredMeasure&) = default;
};

/// @brief Dated totals of one measure, in date order; the first is the baseline.
class Trajectory {
 public:
  /// @brief Builds a trajectory; the scores are put in date order.
  /// @throws ValidationError naming @p field for no scores, a total outside
  ///         the measure's range, or two scores on the same date.
  Trajectory(Measure measure, std::vector<DatedScore> scores, std::string_view field = "scores");

  /// The measure.
  [[nodiscard]] Measure measure() const noexcept { return measure_; }
  /// The scores in date order.
  [[nodiscard]] const std::vector<DatedScore>& scores() const noexcept { return scores_; }
  /// The first score.
  [[nodiscard]] const DatedScore& baseline() const noexcept { return scores_.front(); }
  /// The most recent score.
  [[nodiscard]] const DatedScore& latest() const noexcept { return scores_.back(); }
  /// Latest minus baseline (negative is better).
  [[nodiscard]] int change_from_baseline() const noexcept { return latest().total - baseline().total; }
  /// @brief The reduction from baseline in percent, e.g. 55.6 for 18 -> 8; nothing when the baseline is 0.
  [[nodiscard]] std::optional<double> percent_reduction() const noexcept;
  /// @brief A reduction of at least 50% from a baseline above 0 (NQF 1884/1885, HEDIS DRR-E).
  [[nodiscard]] bool is_response() const noexcept;
  /// @brief PHQ-9 below 5 (NQF 0710/CMS159). Always false for GAD-7, which has no defined remission here.
  [[nodiscard]] bool is_remission() const noexcept;
  /// @brief Whole weeks from the last score that was lower than every earlier one
  ///        (or from the baseline if none was) to the latest score.
  [[nodiscard]] int weeks_without_improvement() const noexcept;

 private:
  Measure measure_;
  std::vector<DatedScore> scores_;
};

}  // namespace iop
