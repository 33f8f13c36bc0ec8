#pragma once
/// @file
/// @brief `TreatmentPlan`: one patient's plan in a program, its checks and its reviews.
///
/// A plan names the patient by an opaque id (no name is needed), the
/// diagnoses, baseline measures, problems with measurable goals,
/// interventions, the program and level of care, the course (start date,
/// weeks, days a week, weekday pattern, track, delivery), the review cadence,
/// tapering, discharge criteria and the step-down target.
///
/// `check_plan` validates a plan against its program. What makes the plan
/// impossible is an error (a duration outside the program's bounds without
/// an authorised extension, a track the program does not run, telehealth to
/// a state the program does not serve, ...); what a clinician should look at
/// is a finding (weekly hours outside the level of care's bounds, a payer the
/// program does not accept, a diagnosis outside iop's table).
///
/// `review_plan` takes new PHQ-9 scores and says where the patient stands:
/// remission, response, on track, or not improving (consider a higher level).
///
/// @code
/// auto plan = iop::plan_from_json(doc);
/// auto report = iop::check_plan(plan, iop::find_program(plan.program_id));
/// // a 14-week plan in a 6..12-week program throws:
/// // [iop.validation] weeks: 14 is outside the program's weeks; allowed: 6..12 (or an extension with reason and authorization)
/// @endcode

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/date_time/gregorian/greg_weekday.hpp>
#include <nlohmann/json_fwd.hpp>

#include "iop/clinical/icd_code.hpp"
#include "iop/clinical/level_of_care.hpp"
#include "iop/clinical/measures.hpp"
#include "iop/clinical/modality.hpp"
#include "iop/core/date.hpp"
#include "iop/plan/program.hpp"

namespace iop {

/// @brief How a goal's target compares.
enum class GoalComparator {
  below,    ///< the score must be below the target (PHQ-9 below 5)
  at_most,  ///< the score must be at most the target
};

/// @brief A measurable goal: a measure, a target and a date.
struct Goal {
  std::string description;     ///< in the patient's words or the clinician's
  Measure measure;             ///< PHQ-9 or GAD-7
  GoalComparator comparator;   ///< below or at most
  int target;                  ///< target score
  Date target_date;            ///< by when
  /// Whether @p score meets the goal.
  [[nodiscard]] bool met_by(int score) const noexcept {
    return comparator == GoalComparator::below ? score < target : score <= target;
  }
};

/// @brief A problem and its goals.
struct Problem {
  std::string description;  ///< the problem
  std::vector<Goal> goals;  ///< at least one
};

/// @brief An intervention: a modality, how often, and who is responsible.
struct Intervention {
  Modality modality;            ///< what
  SessionFrequency frequency;   ///< how often
  std::string responsible_role; ///< e.g. `therapist`, `psychiatrist`
};

/// @brief A baseline measure taken at or before the start.
struct BaselineMeasure {
  Measure measure;    ///< which instrument
  DatedScore score;   ///< when and what
};

/// @brief An authorised extension beyond the program's longest course.
struct PlanExtension {
  std::string reason;                   ///< clinical reason
  std::string authorization_reference;  ///< the payer's authorisation number or reference
};

/// @brief How this patient attends.
struct PlanDelivery {
  DeliveryKind kind = DeliveryKind::in_person;  ///< in person or telehealth
  std::optional<std::string> patient_state;     ///< where the patient is located (needed for telehealth)
};

/// @brief One patient's treatment plan.
struct TreatmentPlan {
  std::string id;                              ///< plan identifier
  std::string patient_id;                      ///< opaque patient reference
  std::optional<int> patient_age;              ///< years, for the age-group bounds
  IcdCode primary_diagnosis = IcdCode::parse("F32.A");  ///< primary ICD-10-CM diagnosis
  std::vector<IcdCode> secondary_diagnoses;    ///< secondary diagnoses
  std::vector<BaselineMeasure> baseline;       ///< baseline PHQ-9/GAD-7
  std::vector<Problem> problems;               ///< problems with goals
  std::vector<Intervention> interventions;     ///< interventions
  LevelOfCare level_of_care = LevelOfCare::intensive_outpatient;  ///< the level the plan provides
  std::string program_id;                      ///< the program template
  Date start_date;                             ///< first day
  int weeks = 8;                               ///< planned weeks
  int days_per_week = 3;                       ///< days a week at full intensity
  std::vector<boost::date_time::weekdays> weekdays;  ///< the days, or empty for the calendar's rule
  std::string track;                           ///< the program track
  PlanDelivery delivery;                       ///< in person or telehealth
  PayerType payer = PayerType::commercial;     ///< who pays
  int review_every_days = 30;                  ///< review cadence
  std::optional<TaperRule> taper;              ///< tapering (defaults to none)
  std::vector<std::string> discharge_criteria; ///< when the patient is ready to leave
  std::optional<LevelOfCare> step_down_to;     ///< the level after discharge
  std::optional<PlanExtension> extension;      ///< an authorised extension

  /// The last planned day (start + 7 * weeks - 1 days).
  [[nodiscard]] Date end_date() const { return start_date + boost::gregorian::days(7 * weeks - 1); }
  /// The baseline of @p measure, if taken.
  [[nodiscard]] std::optional<DatedScore> baseline_of(Measure measure) const noexcept;
};

/// @brief A point for the clinician: not an error, but worth a look.
struct PlanFinding {
  std::string field;    ///< the field it is about
  std::string message;  ///< what to look at and why
};

/// @brief The result of checking a plan against its program.
struct PlanCheck {
  int weekly_minutes;                ///< scheduled clinical minutes a week at full intensity
  WeeklyHoursBounds bounds;          ///< the level of care's bounds for the patient's age group
  bool within_bounds;                ///< whether weekly_minutes is within them
  Date end_date;                     ///< last planned day
  bool extended;                     ///< the plan runs beyond the program's longest course
  std::vector<PlanFinding> findings; ///< points for the clinician
};

/// @brief Checks @p plan against @p program.
/// @throws ValidationError / NotFoundError naming the plan field (`weeks`,
///         `track`, `delivery.patient_state`, ...) and what is allowed.
[[nodiscard]] PlanCheck check_plan(const TreatmentPlan& plan, const ProgramTemplate& program);

/// @brief Where a patient stands at a review.
enum class ReviewStatus {
  on_track,       ///< improving, not yet response
  response,       ///< at least 50% below baseline
  remission,      ///< PHQ-9 below 5
  not_improving,  ///< no new best score for `not_improving_weeks` weeks: consider a higher level
};
/// @brief `on track`, `response`, `remission` or `not improving`.
[[nodiscard]] std::string_view to_string(ReviewStatus status) noexcept;

/// @brief The outcome of a plan review.
struct PlanReview {
  ReviewStatus status;                       ///< where the patient stands
  Trajectory trajectory;                     ///< baseline plus the new scores
  std::vector<std::string> reasons;          ///< why, with the figures
  std::optional<LevelOfCare> consider_level; ///< a higher level to consider when not improving
  Date next_review;                          ///< the latest score's date plus the cadence
  /// What needs attention before the status: a PHQ-9 item 9 above 0 (same-day follow-up), measures not used.
  std::vector<std::string> warnings;
  std::vector<ScoredMeasure> measures;       ///< every measure given, in order (review_plan of measures)
};

/// @brief Reviews @p plan with new PHQ-9 scores.
/// @param plan the plan, whose PHQ-9 baseline is the trajectory's start
/// @param new_phq9_scores scores taken after the baseline
/// @param not_improving_weeks weeks without a new best score that count as not
///        improving (iop's default 4; a clinic sets its own)
/// @throws ValidationError when the plan has no PHQ-9 baseline or a score is out of range.
[[nodiscard]] PlanReview review_plan(const TreatmentPlan& plan, const std::vector<DatedScore>& new_phq9_scores,
                                     int not_improving_weeks = 4);

/// @brief Reviews @p plan with measures as a clinic recorded them (dated totals or item answers, e.g. from
/// `measures_from_fhir`). The PHQ-9s make the review as above; each PHQ-9 whose item 9 (thoughts of being
/// better off dead or of self-harm) is above 0 is a warning for same-day follow-up, whatever the total; a GAD-7
/// is kept in `measures` and named in a warning, since the review follows the PHQ-9.
/// @throws ValidationError as above, naming the measure's `source`.
[[nodiscard]] PlanReview review_plan(const TreatmentPlan& plan, const std::vector<ScoredMeasure>& measures,
                                     int not_improving_weeks = 4);

/// @brief Reads a plan (schema: the `treatment-plan` schema (declarations/treatment_plan.py)).
/// @throws ValidationError / NotFoundError naming the JSON path.
[[nodiscard]] TreatmentPlan plan_from_json(const nlohmann::json& document, std::string path = "plan");
/// @brief The JSON of a plan (round-trips through `plan_from_json`).
[[nodiscard]] nlohmann::json to_json(const TreatmentPlan& plan);
/// @brief The JSON of a check.
[[nodiscard]] nlohmann::json to_json(const PlanCheck& check);
/// @brief The JSON of a review.
[[nodiscard]] nlohmann::json to_json(const PlanReview& review);

/// @brief `monday` .. `sunday`.
[[nodiscard]] std::string_view weekday_name(boost::date_time::weekdays day) noexcept;
/// @brief Parses `monday` .. `sunday`.
/// @throws NotFoundError naming @p field.
[[nodiscard]] boost::date_time::weekdays parse_weekday(std::string_view text, std::string_view field = "weekday");

}  // namespace iop
