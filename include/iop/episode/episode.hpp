#pragma once
/// @file
/// @brief An episode: a plan and everything that happened in its course, and its state as of a date.
///
/// An IOP course is not decided once at intake: the team measures symptoms, reviews the plan and decides to
/// continue, extend, step down to fewer days, step up to a higher level, or discharge; the payer authorises
/// days and extensions. An `Episode` holds the plan and those events in date order; `episode_state` gives the
/// episode as of any date:
/// - the calendar re-planned from each decision (an extension adds weeks, a step-down changes the program days
///   from its effective date, a step-up or a discharge ends the course on its effective date; holidays and
///   phases kept), the program days attended, missed and still to come;
/// - the PHQ-9 trajectory and status (`review_plan`), the GAD-7s, and each item 9 above 0 flagged for
///   same-day follow-up;
/// - the next review (the plan's cadence from the last decision, or the payer's concurrent review when that
///   comes first) and the authorisation in force with its units and days left;
/// - what iop proposes at the review, with its reasons: discharge at remission (with the plan's discharge
///   criteria), a higher level when not improving, an extension when the course ends before a response,
///   attendance below the clinic's threshold, weeks outside the level's hours, an authorisation running out.
///   iop proposes; a decision is an event someone records;
/// - with a coverage, the costs so far (program days up to the date, as attended) and expected (the rest, as
///   scheduled), from one `estimate_cost` on the attended basis;
/// - for a self-pay course, a new Good Faith Estimate due no later than 1 business day before the services a
///   decision changed (45 CFR 149.610(b)(1)(vii)); business days are counted as the clinic's open days of the
///   episode's holiday calendar, iop's reading, since the rule does not define them;
/// - with `since`, what changed since the state of that earlier day, at the top.
///
/// @code
/// auto episode = iop::episode_from_json(document);
/// auto state = iop::episode_state(episode, iop::Date(2026, 4, 10));
/// state.proposal.action;   // e.g. EpisodeDecision::discharge at remission
/// @endcode

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "iop/billing/coverage.hpp"
#include "iop/billing/fee_schedule.hpp"
#include "iop/billing/good_faith_estimate.hpp"
#include "iop/calendar/holiday_calendar.hpp"
#include "iop/calendar/session_calendar.hpp"
#include "iop/clinical/measures.hpp"
#include "iop/plan/program.hpp"
#include "iop/plan/treatment_plan.hpp"

namespace iop {

/// @brief What the team decided at a review.
enum class EpisodeDecision {
  continue_course,  ///< `continue`: carry on as planned
  extend,           ///< add weeks (with the authorisation requested)
  step_down,        ///< fewer program days a week from a date
  step_up,          ///< move to a higher level of care: the IOP course ends
  discharge,        ///< the course ends on a date, planned or against advice
};
/// @brief `continue`, `extend`, `step_down`, `step_up` or `discharge`.
[[nodiscard]] std::string_view to_string(EpisodeDecision decision) noexcept;

/// @brief One thing that happened in an episode.
struct EpisodeEvent {
  /// @brief What kind of event.
  enum class Kind { attendance, reschedule, measure, decision, authorization };
  Kind kind = Kind::attendance;  ///< the kind
  Date date;                     ///< the session's, the measure's, the decision's or the authorisation's date
  std::string source;            ///< where it was read (`events[3]`), for errors and reasons
  CalendarEvent calendar;        ///< attendance or reschedule: the calendar event
  ScoredMeasure measure;         ///< measure: the score (source set)
  EpisodeDecision decision = EpisodeDecision::continue_course;  ///< decision: what was decided
  std::optional<Date> effective;  ///< decision: the day a step-down, step-up or discharge takes effect
  int weeks = 0;                  ///< decision extend: weeks added
  std::string authorization_requested;  ///< decision extend: the authorisation requested
  std::vector<boost::date_time::weekdays> weekdays;  ///< decision step_down: the program days from `effective`
  std::optional<LevelOfCare> level;  ///< decision step_up: the level moved to
  std::optional<bool> planned;       ///< decision discharge: planned (true) or against advice (false)
  std::string reason;                ///< decision: why
  Authorization authorization;       ///< authorization: what the payer authorised
  std::string note;                  ///< free text
};
/// @brief `attendance`, `reschedule`, `measure`, `decision` or `authorization`.
[[nodiscard]] std::string_view to_string(EpisodeEvent::Kind kind) noexcept;

/// @brief A plan and everything that happened in its course.
struct Episode {
  TreatmentPlan plan;                       ///< the plan (with a PHQ-9 baseline)
  ProgramTemplate program;                  ///< its program
  HolidayCalendar holidays = HolidayCalendar::us_federal();  ///< holidays and closures
  HolidayPolicy policy = HolidayPolicy::skip;                ///< what happens to a closed program day
  std::optional<Coverage> coverage;         ///< the patient's benefits (costs are estimated only with one)
  std::optional<FeeSchedule> fees;          ///< the prices (with a coverage)
  std::vector<EpisodeEvent> events;         ///< in date order
  /// For a self-pay course: who its Good Faith Estimates are for and from (patient, provider, co-providers). With
  /// it, the new estimate a scope change calls for is produced; its dates are the decision's.
  std::optional<GfeRequest> gfe;
};

/// @brief Checks an episode: events in date order, no decision before the plan starts or after the course
/// ended, one decision a day, a step-down to fewer days within the program's, a step-up to a higher level,
/// authorisations that do not overlap, measures in range with all their items, a PHQ-9 baseline.
/// @param episode the episode
/// @param path the episode's path in errors (`episode`)
/// @throws ValidationError naming `<path>.events[i].<field>`.
void validate_episode(const Episode& episode, const std::string& path = "episode");

/// @brief How an episode is reviewed.
struct EpisodeOptions {
  int not_improving_weeks = 4;                      ///< weeks without a new best PHQ-9 that count as not improving
  std::optional<int> attendance_threshold_percent;  ///< below it, attendance is a reason (none: reported only)
  std::optional<Date> since;                        ///< list what changed since the state of this day
  bool costs = true;                                ///< estimate the costs (with a coverage); a review's proposal needs none
};

/// @brief Program days of an episode up to a date and after it.
struct EpisodeSessions {
  int attended = 0;             ///< attended or made up, up to as_of
  int missed = 0;               ///< missed, up to as_of
  int cancelled_by_clinic = 0;  ///< cancelled by the clinic, up to as_of
  int unrecorded = 0;           ///< up to as_of with nothing recorded
  int upcoming = 0;             ///< after as_of, as re-planned
  std::optional<Date> next_session;  ///< the first program day after as_of
  std::optional<Date> last_session;  ///< the course's last program day as re-planned
  std::vector<boost::date_time::weekdays> weekdays;  ///< the program days in force on as_of
  std::vector<std::string> weeks_outside_bounds;     ///< current and later weeks outside the level's hours
};

/// @brief The authorisation in force on a date.
struct AuthorizationInForce {
  Authorization authorization;  ///< as the payer gave it
  int used = 0;                 ///< program days in it up to as_of (cancelled by the clinic aside)
  int remaining_units = 0;      ///< units less used (negative: over)
  int remaining_days = 0;       ///< calendar days from as_of to its last day
};

/// @brief Charges, plan and patient shares over some program days.
struct EpisodeCostPart {
  int sessions = 0;  ///< dates charged
  Money charges;     ///< charges
  Money plan;        ///< the plan's share
  Money patient;     ///< the patient's share
};

/// @brief The costs of an episode as of a date.
struct EpisodeCosts {
  EpisodeCostPart so_far;    ///< up to as_of, as attended
  EpisodeCostPart expected;  ///< after as_of, as scheduled
  EpisodeCostPart total;     ///< both
  std::vector<std::string> warnings;  ///< the estimate's warnings
};

/// @brief What iop proposes at a review.
struct EpisodeProposal {
  EpisodeDecision action = EpisodeDecision::continue_course;  ///< the action
  std::optional<LevelOfCare> level;                           ///< with step_up: the level
  std::vector<std::string> reasons;                           ///< why, with the figures
};

/// @brief Where the episode stands as of a date.
enum class EpisodeStatus { not_started, in_treatment, discharged, stepped_up };
/// @brief `not started`, `in treatment`, `discharged` or `stepped up`.
[[nodiscard]] std::string_view to_string(EpisodeStatus status) noexcept;

/// @brief An episode as of a date.
struct EpisodeState {
  std::vector<std::string> warnings;  ///< what needs attention first
  std::vector<std::string> changes;   ///< what changed since `since`
  Date as_of;                         ///< the day
  EpisodeStatus status = EpisodeStatus::in_treatment;  ///< where it stands
  EpisodeSessions sessions;           ///< program days
  std::optional<PlanReview> review;   ///< the PHQ-9 review as of the day (always set by episode_state)
  std::vector<DatedScore> gad7;       ///< GAD-7 totals up to the day
  Date next_review;                   ///< the next review
  std::string next_review_why;        ///< which cadence set it
  std::optional<AuthorizationInForce> authorization;  ///< the authorisation in force
  std::vector<std::string> pending_requests;           ///< authorisations requested, not yet answered
  EpisodeProposal proposal;           ///< what iop proposes
  std::vector<std::string> decisions; ///< the decisions up to the day, described
  std::optional<EpisodeCosts> costs;  ///< with a coverage
  /// For a self-pay course with the episode's `gfe`: the new Good Faith Estimate of each decision that changed the
  /// course's scope (an extension, a step-down) whose changed services are still to come, issued on the decision's
  /// day for the services from the first changed one on, as re-planned that day (45 CFR 149.610(b)(1)(vii)).
  std::vector<GoodFaithEstimate> good_faith_estimates;
  SessionCalendar calendar;           ///< the calendar as re-planned on the day
};

/// @brief The episode as of @p as_of: the events dated after it have not happened yet.
/// @param episode the episode
/// @param as_of the day of the state
/// @param options the review's thresholds, and the earlier day whose changes are listed
/// @throws ValidationError as `validate_episode`, or when the calendar or the estimate refuses an event
///         (named by its index in the episode), or when `since` is not before @p as_of.
[[nodiscard]] EpisodeState episode_state(const Episode& episode, Date as_of, const EpisodeOptions& options = {});

/// @brief Reads an episode (schema: the `episode` schema (declarations/episode.py)) and validates it.
/// @param document the episode document
/// @param path its path in errors
/// @throws ValidationError / NotFoundError naming the JSON path.
[[nodiscard]] Episode episode_from_json(const nlohmann::json& document, std::string path = "episode");

/// @brief The state as the `episode.state` operation answers it.
[[nodiscard]] nlohmann::json to_json(const EpisodeState& state);

/// @brief The state as the team reads it: warnings and changes first.
[[nodiscard]] std::string to_text(const EpisodeState& state);

/// @brief One review of an episode: what iop proposed on its day and what the team decided.
struct EpisodeReview {
  Date date;                       ///< the review's day: a decision's, or a due date no decision was recorded on
  std::string why;                 ///< `decision recorded (events[12])`, or `due (every 14 days since 2026-03-02); no decision recorded`
  ReviewStatus status = ReviewStatus::on_track;  ///< the PHQ-9 review on that day
  EpisodeProposal proposal;        ///< what iop proposed, from the state of that day before its decision
  std::optional<EpisodeDecision> decided;  ///< what the team decided that day (none: no decision recorded)
  std::string decision;            ///< the decision described, or empty
};

/// @brief Every review of an episode up to @p as_of, in order: each decision's day, and each day a review fell due
/// (the plan's cadence from the start or the last decision) with no decision recorded. Each shows the proposal
/// iop made from the state of that day without that day's decision, beside the decision, so a team can see where
/// it followed the proposal and where it did not (an audit, not a judgment).
/// @param episode the episode
/// @param as_of the last day looked at
/// @param options the review's thresholds (`since` is not used)
/// @throws ValidationError as `episode_state`.
[[nodiscard]] std::vector<EpisodeReview> episode_reviews(const Episode& episode, Date as_of,
                                                         const EpisodeOptions& options = {});

/// @brief The reviews as the `episode.review` operation answers them.
[[nodiscard]] nlohmann::json to_json(const std::vector<EpisodeReview>& reviews);

/// @brief The reviews as the team reads them.
[[nodiscard]] std::string to_text(const std::vector<EpisodeReview>& reviews);

/// @brief The episode as of the state's day in FHIR R4: the plan's Bundle (`plan_to_fhir`) with its CarePlan
/// updated (status `active`, or `completed` once discharged or stepped up; the period's end the last program day
/// as re-planned; each decision a note dated the day it was made; the Observations as supporting information),
/// and one Observation per PHQ-9 and GAD-7 up to the day, the plan's baselines included: category `survey`, the
/// total coded in LOINC (44261-6, 70274-6) as `valueInteger`, and each item answer, when given, a component
/// coded with its question's LOINC code. Full URLs are name-based UUIDs, so the same state gives the same bytes.
/// @param episode the episode
/// @param state its state (from `episode_state`)
[[nodiscard]] nlohmann::json to_fhir(const Episode& episode, const EpisodeState& state);

}  // namespace iop
