#pragma once
/// @file
/// @brief Outcome measures of a cohort: remission and response at 6 and 12 months, reliable change, time to
/// response and dropout, by program, track and delivery mode.
///
/// The measure windows are those of the depression outcome measures stewarded by MN Community Measurement:
/// - **index event**: the patient's first PHQ-9 above 9, with a diagnosis of major depression or dysthymia
///   (CMS159 / NQF 0710 initial population);
/// - **12 months**: the most recent PHQ-9 from 60 days before to 60 days after the index's anniversary
///   (CMS159v8 and later: "the most recent twelve month (+/- 60 days) PHQ-9 ... score"); **6 months** the same
///   around index + 6 months (NQF 1884, response at six months +/- 60 days);
/// - **remission**: that score below 5; **response**: at least 50 % below the index score (2 × score ≤ index);
/// - a patient whose window has not closed by `as_of` is *pending* and out of that horizon's denominator; one
///   whose window holds no score stays in it (not in remission, not responding), as in the measures;
/// - a denominator exclusion the caller records (died, hospice or palliative care, bipolar disorder, personality
///   disorder, schizophrenia or psychotic disorder, pervasive developmental disorder) takes the patient out.
///
/// **Reliable change** (Jacobson & Truax 1991): S_diff = SD × √2 × √(1 − r); a change beyond 1.96 × S_diff is
/// reliable. The reliability r is the caller's (e.g. the PHQ-9's Cronbach's α, 0.89 in Kroenke et al. 2001); SD is
/// the caller's or, when not given, the sample SD of the cohort's index scores; both are written with the result.
///
/// **Time to response**: days from the index to the first later PHQ-9 at least 50 % below it; patients who have
/// not responded are censored at their last score; the median is the Kaplan–Meier median.
/// **Dropout**: courses ended against advice among the courses that ended.
///
/// Months are calendar months: the anniversary keeps the day of the month, or the month's last day when it has
/// fewer days (2024-02-29 + 12 months = 2025-02-28).

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "iop/core/date.hpp"
#include "iop/episode/episode.hpp"

namespace iop {

/// @brief How a patient's course ended.
enum class CourseEnd : std::uint8_t {
  ongoing,         ///< not ended (or not recorded)
  planned,         ///< a planned discharge
  against_advice,  ///< discharged against advice: a dropout
  stepped_up,      ///< moved to a higher level of care
};
/// @brief `ongoing`, `planned`, `against_advice` or `stepped_up`.
[[nodiscard]] std::string_view to_string(CourseEnd end) noexcept;
/// @brief The course end named @p name.
/// @throws NotFoundError naming @p field and listing the names.
[[nodiscard]] CourseEnd parse_course_end(std::string_view name, std::string_view field = "discharge");

/// @brief A denominator exclusion of the measures (CMS159).
enum class OutcomeExclusion : std::uint8_t {
  none,           ///< not excluded
  died,           ///< died before the end of the assessment period
  hospice,        ///< hospice or palliative care
  bipolar,        ///< a diagnosis of bipolar disorder
  personality,    ///< a diagnosis of personality disorder (emotionally labile)
  psychotic,      ///< schizophrenia or a psychotic disorder
  developmental,  ///< a pervasive developmental disorder
};
/// @brief `none`, `died`, `hospice`, `bipolar`, `personality`, `psychotic` or `developmental`.
[[nodiscard]] std::string_view to_string(OutcomeExclusion exclusion) noexcept;
/// @brief The exclusion named @p name.
/// @throws NotFoundError naming @p field and listing the names.
[[nodiscard]] OutcomeExclusion parse_outcome_exclusion(std::string_view name, std::string_view field = "exclusion");

/// @brief Whether an ICD-10-CM code is major depression or dysthymia, as the measures' initial population asks:
/// the ICD-10-CM members of CMS159's value sets "Major Depression Including Remission" (F32.0–F32.5 and F32.9,
/// single episode; F33.0–F33.3, F33.40–F33.42 and F33.9, recurrent) and "Dysthymia" (F34.1). F33.8 (other
/// recurrent depressive disorders), F32.A (depression, unspecified), F32.81, F32.89 and F53.0 are in neither.
/// @param code the code as written (`F33.1`)
[[nodiscard]] bool is_major_depression_or_dysthymia(std::string_view code) noexcept;

/// @brief One patient of a cohort: who, where treated, the diagnosis, how the course ended.
struct CohortPatient {
  std::string id;         ///< the patient's reference, unique in the cohort
  std::string program;    ///< the program
  std::string track;      ///< the track (morning, afternoon, evening, ...)
  std::string delivery;   ///< in_person or telehealth
  std::string diagnosis;  ///< the primary ICD-10-CM diagnosis
  CourseEnd end = CourseEnd::ongoing;                   ///< how the course ended
  OutcomeExclusion exclusion = OutcomeExclusion::none;  ///< a denominator exclusion
};

/// @brief The patients as columns of views into the caller's storage (valid during the call), all of one length:
/// what a binding passes without copying its strings.
struct CohortPatientColumns {
  std::span<const std::string_view> id;         ///< each patient's reference, unique
  std::span<const std::string_view> program;    ///< each patient's program
  std::span<const std::string_view> track;      ///< each patient's track
  std::span<const std::string_view> delivery;   ///< in_person or telehealth
  std::span<const std::string_view> diagnosis;  ///< the primary ICD-10-CM diagnosis
  std::span<const CourseEnd> end;               ///< how each course ended
  std::span<const OutcomeExclusion> exclusion;  ///< each patient's denominator exclusion
  /// The number of patients.
  [[nodiscard]] std::size_t size() const noexcept { return id.size(); }
};

/// @brief The PHQ-9 totals of a cohort, one per row, in any order; a patient has at most one score a day.
struct CohortScores {
  std::span<const std::int32_t> patient;  ///< the row's patient: an index into the patients
  std::span<const std::int32_t> day;      ///< the day, as days since 1970-01-01
  std::span<const std::int8_t> phq9;      ///< the total, 0..27
};

/// @brief Which attribute the groups are split by.
enum class CohortDimension : std::uint8_t { program, track, delivery };
/// @brief `program`, `track` or `delivery`.
[[nodiscard]] std::string_view to_string(CohortDimension dimension) noexcept;
/// @brief The dimension named @p name.
/// @throws NotFoundError naming @p field and listing the names.
[[nodiscard]] CohortDimension parse_cohort_dimension(std::string_view name, std::string_view field = "by");

/// @brief How the outcomes are measured.
struct CohortOptions {
  Date as_of;                         ///< the day the data speaks as of: windows closing after it are pending
  double reliability = 0;             ///< the PHQ-9's reliability for reliable change, in (0, 1)
  std::optional<double> sd;           ///< the SD for reliable change; none: the sample SD of the index scores
  std::vector<CohortDimension> by;    ///< the groups' dimensions, in order (none: the whole cohort only)
};

/// @brief A horizon's outcome for one patient.
enum class HorizonStatus : std::uint8_t {
  not_in_measure,  ///< no index event, or excluded
  pending,         ///< the window has not closed by as_of
  no_score,        ///< no PHQ-9 in the window: in the denominator, neither remission nor response
  remission,       ///< the window's score below 5 (a remission at least halves a score above 9: also a response)
  response,        ///< at least 50 % below the index score, not below 5
  no_response,     ///< neither
};
/// @brief `not in measure`, `pending`, `no score`, `remission`, `response` or `no response`.
[[nodiscard]] std::string_view to_string(HorizonStatus status) noexcept;

/// @brief Every patient's outcome, as columns in the patients' order (days since 1970-01-01; -1 or a status for none).
struct PatientOutcomes {
  std::vector<std::int32_t> index_day;       ///< the index event's day, or -1
  std::vector<std::int8_t> index_score;      ///< its PHQ-9, or -1
  std::vector<std::int32_t> score_day[2];    ///< per horizon (6, 12 months): the window's most recent score's day, or -1
  std::vector<std::int8_t> score[2];         ///< per horizon: that score, or -1
  std::vector<HorizonStatus> status[2];      ///< per horizon: the outcome
  std::vector<std::int8_t> reliable[2];      ///< per horizon: -1 reliable improvement, +1 reliable deterioration, 0 neither
  std::vector<std::int32_t> days_to_response;  ///< days from the index to the first response, or -1
  std::vector<std::int32_t> followed_days;     ///< days from the index to the last score (censoring), or -1
};

/// @brief One horizon's counts in a group.
struct HorizonSummary {
  int denominator = 0;              ///< index patients whose window closed, not excluded
  int pending = 0;                  ///< index patients whose window has not closed
  int no_score = 0;                 ///< in the denominator without a score in the window
  int remission = 0;                ///< in remission (score below 5)
  int response = 0;                 ///< responding (remissions included)
  int reliable_improvement = 0;     ///< a reliable improvement
  int reliable_deterioration = 0;   ///< a reliable deterioration
};

/// @brief The outcomes of a group of patients.
struct GroupOutcomes {
  std::vector<std::string> key;     ///< the group's value of each dimension of `by` (empty: the whole cohort)
  int patients = 0;                 ///< patients in the group
  int excluded = 0;                 ///< with a denominator exclusion
  int no_index = 0;                 ///< without an index event (no qualifying diagnosis, or no PHQ-9 above 9)
  int index_patients = 0;           ///< with an index event, not excluded
  HorizonSummary months[2];         ///< at 6 and 12 months
  int responders = 0;               ///< index patients with a response at any time up to as_of
  std::optional<double> median_days_to_response;  ///< Kaplan–Meier median, none when the curve stays above 1/2
  int ended = 0;                    ///< index patients whose course ended
  int against_advice = 0;           ///< of them, against advice
};

/// @brief A cohort's outcomes.
struct CohortOutcomes {
  Date as_of;                       ///< the day
  double reliability = 0;           ///< r used for reliable change
  double sd = 0;                    ///< SD used for reliable change
  bool sd_from_sample = false;      ///< SD is the sample SD of the index scores (not given)
  double threshold = 0;             ///< 1.96 × S_diff: the smallest reliable change in points
  std::vector<CohortDimension> by;  ///< the dimensions of the groups
  std::vector<GroupOutcomes> groups;  ///< the whole cohort first, then each group in order of its key
  PatientOutcomes patients;         ///< every patient's outcome
  std::vector<std::string> warnings;  ///< what needs attention first
};

/// @brief The outcomes of a cohort.
/// @param patients the patients
/// @param scores their PHQ-9 totals
/// @param options as_of, reliability, SD and groups
/// @throws ValidationError naming `scores[i].<field>` (a patient index outside the patients, a total outside
///         0..27, a day after as_of, two scores of one patient on one day), `patients[i].id` (a repeated id),
///         `reliability` outside (0, 1), `sd` not above 0 or above 27 (or, not given, index scores all equal), or a
///         repeated dimension in `by`.
[[nodiscard]] CohortOutcomes cohort_outcomes(std::span<const CohortPatient> patients, const CohortScores& scores,
                                             const CohortOptions& options);

/// @brief Patients and their PHQ-9 totals as owned columns: what the document API reads and episodes give.
struct CohortData {
  std::vector<CohortPatient> patients;  ///< the patients
  std::vector<std::int32_t> patient;    ///< each score's patient (an index into `patients`)
  std::vector<std::int32_t> day;        ///< each score's day, as days since 1970-01-01
  std::vector<std::int8_t> phq9;        ///< each score's total
  std::vector<std::string> source;      ///< where each score was read (`patients[2].scores[0]`), for errors
  std::vector<std::string> patient_source;  ///< where each patient's id was read (`episodes[1].plan.patient_id`)
  /// The scores as `cohort_outcomes` takes them.
  [[nodiscard]] CohortScores scores() const { return {patient, day, phq9}; }
};

/// @brief Adds an episode's patient and PHQ-9s: the plan's patient, program, track, delivery and primary
/// diagnosis; the course's end from its discharge or step-up decision; the plan's PHQ-9 baseline and every PHQ-9
/// measure event.
/// @param data the cohort it joins
/// @param episode the episode
/// @param as_of the cohort's day
/// @param path the episode's path in errors (`episodes[3]`)
/// @throws ValidationError naming `<path>.events[i].date` for a measure or decision after @p as_of (the cohort
///         speaks as of that day: what is dated after it has not happened).
void add_episode(CohortData& data, const Episode& episode, Date as_of, const std::string& path);

/// @brief Adds patients read from JSON (schema: `cohort_patient` of the outcomes.cohort request), each with its
/// scores.
/// @param data the cohort they join
/// @param patients the JSON array of patients
/// @param path the array's path in errors (`patients`)
/// @throws ValidationError / NotFoundError naming `<path>[i].<field>`.
void add_patients_from_json(CohortData& data, const nlohmann::json& patients, const std::string& path = "patients");

/// @brief The outcomes of a cohort read from its columns, an error naming where the score was read.
/// @param data the cohort
/// @param options as_of, reliability, SD and groups
/// @throws ValidationError as `cohort_outcomes`, a score's field named by its `source`.
[[nodiscard]] CohortOutcomes cohort_outcomes(const CohortData& data, const CohortOptions& options);

/// @brief The outcomes of a cohort given as columns (as `cohort_outcomes` of CohortPatient values).
/// @param patients the patients' columns
/// @param scores their PHQ-9 totals
/// @param options as_of, reliability, SD and groups
/// @throws ValidationError as the other overload, and for columns of different lengths.
[[nodiscard]] CohortOutcomes cohort_outcomes(const CohortPatientColumns& patients, const CohortScores& scores,
                                             const CohortOptions& options);

/// @brief The outcomes as the `outcomes.cohort` operation answers them.
/// @param outcomes the outcomes
/// @param patients the patients they were measured on (their ids)
[[nodiscard]] nlohmann::json to_json(const CohortOutcomes& outcomes, std::span<const CohortPatient> patients);

/// @brief The groups as a reader reads them.
[[nodiscard]] std::string to_text(const CohortOutcomes& outcomes);

/// @brief The same date + @p months calendar months, on the month's last day when it has fewer days.
[[nodiscard]] Date add_calendar_months(Date date, int months);

}  // namespace iop
