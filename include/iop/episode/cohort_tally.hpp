#pragma once
/// @file
/// @brief A cohort's outcome measures counted in parts that add up exactly: a cohort too large for one machine is
/// measured partition by partition (each partition some patients with all their scores) and finished on one.
///
/// A part holds counts only, never a patient's row: each group's counts at 6 and 12 months, how many measured
/// patients changed by each number of PHQ-9 points (reliable change is known only once the SD is, and when the SD is
/// the sample SD it is the whole cohort's), how many index patients had each index score (that sample SD), and the
/// days at which the Kaplan–Meier curve of time to response moves. Adding parts in any order or grouping gives the
/// same tally, and finishing the whole tally gives exactly the groups, SD, threshold and warnings that
/// `cohort_outcomes` gives on all the patients at once: `cohort_outcomes` is itself a tally finished.

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "iop/episode/cohort_outcomes.hpp"

namespace iop {

/// @brief One horizon's counts in a tally (as HorizonSummary, reliable change still as changes).
struct HorizonTally {
  std::int64_t denominator = 0;  ///< index patients whose window closed, not excluded
  std::int64_t pending = 0;      ///< index patients whose window has not closed
  std::int64_t no_score = 0;     ///< in the denominator without a score in the window
  std::int64_t remission = 0;    ///< in remission
  std::int64_t response = 0;     ///< responding (remissions included)
  /// Patients whose window's score less their index score is each change from −27 to 27, at `change + 27`.
  std::array<std::int64_t, 55> change{};
};

/// @brief A day at which patients leave the Kaplan–Meier risk set of time to response.
struct ResponseTimes {
  std::int32_t day = 0;          ///< days from the index
  std::int64_t leaving = 0;      ///< patients whose time is this day (responding or censored)
  std::int64_t responding = 0;   ///< of them, those who responded that day
};

/// @brief One group's counts in a tally.
struct GroupTally {
  std::vector<std::string> key;  ///< the group's value of each dimension of `by` (empty: the whole cohort)
  std::int64_t patients = 0;        ///< patients in the group
  std::int64_t excluded = 0;        ///< with a denominator exclusion
  std::int64_t no_index = 0;        ///< without an index event
  std::int64_t index_patients = 0;  ///< with an index event, not excluded
  HorizonTally months[2];           ///< at 6 and 12 months
  std::int64_t responders = 0;      ///< index patients with a response at any time up to as_of
  std::vector<ResponseTimes> times;  ///< by day, increasing; only days at which someone leaves
  std::int64_t ended = 0;           ///< index patients whose course ended
  std::int64_t against_advice = 0;  ///< of them, against advice
};

/// @brief Part of a cohort's outcomes, or the sum of parts: counts that add up exactly.
struct CohortTally {
  Date as_of;                        ///< the day the data speaks as of (every part the same)
  double reliability = 0;            ///< r for reliable change (every part the same)
  std::optional<double> sd;          ///< the SD given, or none for the sample SD (every part the same)
  std::vector<CohortDimension> by;   ///< the groups' dimensions (every part the same)
  /// Index patients (with an index event, not excluded) whose index score is each total 0..27: the sample SD's data.
  std::array<std::int64_t, 28> index_scores{};
  std::vector<GroupTally> groups;    ///< the whole cohort first, then each group in order of its key
};

/// @brief The tally of some patients of a cohort with all their scores (a partition by patient).
/// @param patients the patients
/// @param scores their PHQ-9 totals (every score of each, none of another patient)
/// @param options as_of, reliability, SD and groups (every part measured with the same)
/// @throws ValidationError as `cohort_outcomes`, but for an SD that cannot be taken: that needs the whole cohort.
[[nodiscard]] CohortTally cohort_tally(const CohortPatientColumns& patients, const CohortScores& scores,
                                       const CohortOptions& options);

/// @brief The tally of some patients given as values (as `cohort_tally` of columns).
[[nodiscard]] CohortTally cohort_tally(std::span<const CohortPatient> patients, const CohortScores& scores,
                                       const CohortOptions& options);

/// @brief The tally of some patients read from JSON or episodes, an error naming where the score was read.
[[nodiscard]] CohortTally cohort_tally(const CohortData& data, const CohortOptions& options);

/// @brief Adds @p part to @p whole (the first part added to an empty tally takes its options).
/// @throws ValidationError naming `part.<option>` when the part was measured with other options than the whole,
///         OverflowError when a count passes 2^63 − 1.
void merge(CohortTally& whole, const CohortTally& part);

/// @brief The outcomes of a whole tally: the groups, the SD (given, or the sample SD of the index scores), the
/// threshold of reliable change and the warnings; no patient rows (each part has its own).
/// @throws ValidationError for an SD that cannot be taken (fewer than 2 index patients, or all with one score) and
///         OverflowError for a count above 2^31 − 1.
[[nodiscard]] CohortOutcomes cohort_outcomes(const CohortTally& tally);

/// @brief The tally as JSON (`as_of`, `reliability`, `sd`, `by`, `index_scores`, `groups`): what a part sends to be
/// added up elsewhere.
[[nodiscard]] nlohmann::json to_json(const CohortTally& tally);

/// @brief A tally read back from its JSON, every count checked (whole numbers from 0, changes and scores in range,
/// days increasing, the groups' keys one a dimension, in order).
/// @param document the JSON
/// @param path its name in errors (`part`)
/// @throws ValidationError / NotFoundError naming `<path>.<member>`.
[[nodiscard]] CohortTally cohort_tally_from_json(const nlohmann::json& document, const std::string& path = "part");

}  // namespace iop
