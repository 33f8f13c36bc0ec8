#include "iop/plan/treatment_plan.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "iop/core/error.hpp"
#include "iop/core/json.hpp"
#include "declared.hpp"
#include "core/enum_names.hpp"

namespace iop {
namespace {

using nlohmann::json;
using boost::date_time::weekdays;

constexpr std::array<std::pair<weekdays, std::string_view>, 7> kWeekdays{{
    {boost::date_time::Monday, "monday"},
    {boost::date_time::Tuesday, "tuesday"},
    {boost::date_time::Wednesday, "wednesday"},
    {boost::date_time::Thursday, "thursday"},
    {boost::date_time::Friday, "friday"},
    {boost::date_time::Saturday, "saturday"},
    {boost::date_time::Sunday, "sunday"},
}};

// Medicare: the physician recertifies the need for IOP no less often than every
// other month (SSA 1835(a)(2)(F) as amended by CAA 2023 sec. 4124; 42 CFR 424.24(d)).
// iop reads "every other month" as at most 60 days between reviews.
constexpr int kMedicareMaxReviewDays = 60;

std::string hours_text(int minutes) {
  char text[48];
  if (minutes % 60 == 0) std::snprintf(text, sizeof text, "%d h", minutes / 60);
  else std::snprintf(text, sizeof text, "%d h %02d min", minutes / 60, minutes % 60);
  return text;
}

std::string percent_text(double value) {
  char text[48];
  std::snprintf(text, sizeof text, "%.1f%%", value);
  return text;
}

SessionFrequency read_frequency(const JsonReader& in) {
  in.expect_only(decl::frequency::members);
  return {static_cast<int>(in.integer(decl::frequency::sessions)), static_cast<int>(in.integer(decl::frequency::per_weeks))};
}

}  // namespace

std::string_view weekday_name(weekdays day) noexcept { return detail::enum_name(kWeekdays, day); }

weekdays parse_weekday(std::string_view text, std::string_view field) {
  return detail::parse_enum(kWeekdays, text, field, "a weekday");
}

std::optional<DatedScore> TreatmentPlan::baseline_of(Measure measure) const noexcept {
  for (const auto& b : baseline)
    if (b.measure == measure) return b.score;
  return std::nullopt;
}

namespace {

// The plan names the program it is checked against, at the program's level, from a date iop schedules.
void check_program_and_start(const TreatmentPlan& plan, const ProgramTemplate& program) {
  if (plan.program_id != program.id)
    throw ValidationError("plan.program", iop::quoted(plan.program_id), "is not the program the plan is checked against",
                          iop::quoted(program.id));
  if (plan.level_of_care != program.level_of_care)
    throw ValidationError("plan.level_of_care", std::string(to_string(plan.level_of_care)),
                          "differs from the program's level of care", std::string(to_string(program.level_of_care)));
  if (plan.start_date.is_special())
    throw ValidationError("plan.start_date", "not-a-date", "is missing", "a calendar date");
  // The course, its extensions (156 weeks in all at most) and the weeks a holiday
  // policy adds must stay inside the time-zone and holiday rules (1971..2100), so
  // `iop plan` and `iop calendar` accept the same plans (docs/limits.md).
  if (plan.start_date < Date(limits::first_schedule_year, 1, 1) || plan.start_date > Date(2096, 12, 31))
    throw ValidationError("plan.start_date", to_iso_string(plan.start_date), "is outside the course start dates iop schedules",
                          std::to_string(limits::first_schedule_year) + "-01-01..2096-12-31");
}

// The weeks within the program's, or beyond them with an extension (which the check records).
void check_weeks(const TreatmentPlan& plan, const ProgramTemplate& program, PlanCheck& check) {
  const auto& bounds_weeks = program.duration;
  const std::string weeks_allowed = bounds_weeks.describe();
  if (plan.weeks < bounds_weeks.min_weeks)
    throw ValidationError("plan.weeks", std::to_string(plan.weeks), "is outside the program's weeks", weeks_allowed);
  if (plan.weeks > bounds_weeks.max_weeks) {
    if (!plan.extension)
      throw ValidationError("plan.weeks", std::to_string(plan.weeks), "is outside the program's weeks",
                            weeks_allowed + " (or an extension with reason and authorization)");
    check.extended = true;
  }
  if (plan.extension) {
    if (plan.extension->reason.empty())
      throw ValidationError("plan.extension.reason", "''", "is empty", "the clinical reason for the extension");
    if (plan.extension->authorization_reference.empty())
      throw ValidationError("plan.extension.authorization_reference", "''", "is empty",
                            "the payer's authorization reference");
    if (!check.extended)
      check.findings.push_back({"extension", "An extension is recorded but " + std::to_string(plan.weeks) +
                                                 " weeks is within the program's " + weeks_allowed + " weeks."});
    else
      check.findings.push_back({"weeks", "Extended to " + std::to_string(plan.weeks) + " weeks beyond the program's " +
                                             weeks_allowed + ": " + plan.extension->reason + " (authorization " +
                                             plan.extension->authorization_reference + ")."});
  }
}

// Days a week, weekdays and track as the program offers them.
void check_days(const TreatmentPlan& plan, const ProgramTemplate& program) {
  if (plan.days_per_week < program.days_per_week.min || plan.days_per_week > program.days_per_week.max)
    throw ValidationError("plan.days_per_week", std::to_string(plan.days_per_week), "is outside the program's days a week",
                          std::to_string(program.days_per_week.min) + ".." + std::to_string(program.days_per_week.max));
  if (!plan.weekdays.empty()) {
    if (static_cast<int>(plan.weekdays.size()) != plan.days_per_week)
      throw ValidationError("plan.weekdays", std::to_string(plan.weekdays.size()) + " days",
                            "do not match days_per_week", std::to_string(plan.days_per_week) + " distinct weekdays");
    for (std::size_t i = 0; i < plan.weekdays.size(); ++i)
      for (std::size_t j = 0; j < i; ++j)
        if (plan.weekdays[i] == plan.weekdays[j])
          throw ValidationError("plan.weekdays[" + std::to_string(i) + "]", std::string(weekday_name(plan.weekdays[i])),
                                "is listed twice", "distinct weekdays");
  }
  (void)program.track(plan.track, "plan.track");
}

// In person where the program has a site; by telehealth from a state where it offers it.
void check_delivery(const TreatmentPlan& plan, const ProgramTemplate& program) {
  if (plan.delivery.kind == DeliveryKind::telehealth) {
    if (!plan.delivery.patient_state)
      throw ValidationError("plan.delivery.patient_state", "", "is missing",
                            "the state where the patient is located during telehealth");
    const auto& state = *plan.delivery.patient_state;
    std::string offered;
    for (const auto& mode : program.delivery)
      if (mode.kind == DeliveryKind::telehealth)
        for (const auto& s : mode.telehealth_states) offered += (offered.empty() ? "" : ", ") + s;
    if (!program.offers_telehealth_in(state))
      throw ValidationError("plan.delivery.patient_state", iop::quoted(state),
                            "is not a state where " + program.id + " offers telehealth",
                            offered.empty() ? "none: the program is in person only" : offered);
  } else {
    const bool in_person = std::any_of(program.delivery.begin(), program.delivery.end(),
                                       [](const DeliveryMode& m) { return m.kind == DeliveryKind::in_person; });
    if (!in_person)
      throw ValidationError("plan.delivery.mode", "in_person", "is not offered by " + program.id, "telehealth");
  }
}

// The review cadence (Medicare's at most 60 days), the taper in force and the step-down level.
void check_course(const TreatmentPlan& plan, const std::optional<TaperRule>& taper) {
  const bool medicare = plan.payer == PayerType::medicare;
  const int max_review = medicare ? kMedicareMaxReviewDays : 90;
  if (plan.review_every_days < 1 || plan.review_every_days > max_review)
    throw ValidationError("plan.review_every_days", std::to_string(plan.review_every_days),
                          medicare ? "is longer than Medicare allows between reviews"
                                   : "is not a review cadence in days",
                          medicare ? "1..60 (Medicare: recertified no less often than every other month, 42 CFR 424.24(d))"
                                   : "1..90");
  if (taper) {
    const std::string field = plan.taper ? "plan.taper" : "program.taper";
    if (taper->days_per_week > plan.days_per_week)
      throw ValidationError(field + ".days_per_week", std::to_string(taper->days_per_week),
                            "is more days than the plan's full intensity", "1.." + std::to_string(plan.days_per_week));
    if (taper->final_weeks >= plan.weeks)
      throw ValidationError(field + ".final_weeks", std::to_string(taper->final_weeks),
                            "leaves no full-intensity weeks", "1.." + std::to_string(plan.weeks - 1));
  }

  if (plan.step_down_to && *plan.step_down_to >= plan.level_of_care)
    throw ValidationError("plan.step_down_to", std::string(to_string(*plan.step_down_to)),
                          "is not below the plan's level of care", "a level below " +
                                                                       std::string(to_string(plan.level_of_care)));
}

// Baseline and goal scores within their measures' ranges; a baseline dated after the start is a finding.
void check_scores(const TreatmentPlan& plan, PlanCheck& check) {
  for (std::size_t i = 0; i < plan.baseline.size(); ++i) {
    const auto& b = plan.baseline[i];
    (void)severity_of(b.measure, b.score.total, "plan.baseline[" + std::to_string(i) + "].total");
    if (b.score.date > plan.start_date)
      check.findings.push_back({"baseline[" + std::to_string(i) + "].date",
                                "The baseline " + std::string(to_string(b.measure)) + " is dated after the start (" +
                                    to_iso_string(b.score.date) + ")."});
  }
  for (std::size_t p = 0; p < plan.problems.size(); ++p)
    for (std::size_t g = 0; g < plan.problems[p].goals.size(); ++g) {
      const auto& goal = plan.problems[p].goals[g];
      const std::string field = "plan.problems[" + std::to_string(p) + "].goals[" + std::to_string(g) + "]";
      (void)severity_of(goal.measure, goal.target, field + ".target");
      if (goal.target_date <= plan.start_date)
        throw ValidationError(field + ".target_date", to_iso_string(goal.target_date), "is not after the start date",
                              "a date after " + to_iso_string(plan.start_date));
    }
}

// The points for the clinician: weekly hours against the level's bounds (and the taper's), the payer, the
// diagnoses against the program's conditions, a missing baseline PHQ-9.
void add_findings(const TreatmentPlan& plan, const ProgramTemplate& program, const std::optional<TaperRule>& taper,
                  PlanCheck& check) {
  const AgeGroup group = plan.patient_age ? age_group_for(*plan.patient_age) : program.age_group;
  check.weekly_minutes = program.weekly_minutes(plan.days_per_week);
  check.bounds = weekly_hours_bounds(plan.level_of_care, group);
  check.within_bounds = check.bounds.contains(check.weekly_minutes);
  check.end_date = plan.end_date();
  if (!check.within_bounds)
    check.findings.push_back({"days_per_week", hours_text(check.weekly_minutes) + " a week is outside " +
                                                   std::string(to_string(plan.level_of_care)) + "'s " +
                                                   check.bounds.describe() + " for " + std::string(to_string(group)) +
                                                   "s."});
  if (taper) {
    const int tapered = program.weekly_minutes(taper->days_per_week);
    if (!check.bounds.contains(tapered))
      check.findings.push_back({"taper", "Tapered weeks (" + hours_text(tapered) + ") are outside " +
                                             std::string(to_string(plan.level_of_care)) + "'s " + check.bounds.describe() +
                                             "; ASAM allows a short step-down below it."});
  }
  switch (program.payer_acceptance(plan.payer)) {
    case PayerAcceptance::declined:
      check.findings.push_back({"payer", program.name + " does not accept " + std::string(to_string(plan.payer)) +
                                             ": estimate the course as self-pay."});
      break;
    case PayerAcceptance::not_stated:
      check.findings.push_back({"payer", program.name + " does not say whether it accepts " +
                                             std::string(to_string(plan.payer)) + ": verify benefits."});
      break;
    case PayerAcceptance::accepted: break;
  }
  auto check_diagnosis = [&](const IcdCode& code, const std::string& field) {
    const auto info = find_condition(code);
    if (!info) {
      check.findings.push_back({field, code.str() + " is well formed but not in iop's condition table: check it."});
      return;
    }
    if (!program.condition_groups.empty() &&
        std::find(program.condition_groups.begin(), program.condition_groups.end(), info->group) ==
            program.condition_groups.end())
      check.findings.push_back({field, code.str() + " (" + std::string(to_string(info->group)) +
                                           ") is not among the conditions " + program.name + " treats."});
  };
  check_diagnosis(plan.primary_diagnosis, "diagnoses.primary");
  for (std::size_t i = 0; i < plan.secondary_diagnoses.size(); ++i)
    check_diagnosis(plan.secondary_diagnoses[i], "diagnoses.secondary[" + std::to_string(i) + "]");
  if (!plan.baseline_of(Measure::phq9))
    check.findings.push_back({"baseline", "No baseline PHQ-9: reviews cannot measure response or remission."});
}

}  // namespace

PlanCheck check_plan(const TreatmentPlan& plan, const ProgramTemplate& program) {
  // In this order: the first failing check's error is the one a plan meets, and the findings keep their order.
  check_program_and_start(plan, program);
  PlanCheck check{};
  check_weeks(plan, program, check);
  check_days(plan, program);
  check_delivery(plan, program);
  const auto taper = plan.taper ? plan.taper : program.taper;
  check_course(plan, taper);
  check_scores(plan, check);
  add_findings(plan, program, taper, check);
  return check;
}

std::string_view to_string(ReviewStatus status) noexcept {
  switch (status) {
    case ReviewStatus::on_track: return "on track";
    case ReviewStatus::response: return "response";
    case ReviewStatus::remission: return "remission";
    case ReviewStatus::not_improving: return "not improving";
  }
  return "on track";
}

PlanReview review_plan(const TreatmentPlan& plan, const std::vector<DatedScore>& new_phq9_scores,
                       int not_improving_weeks) {
  const auto baseline = plan.baseline_of(Measure::phq9);
  if (!baseline)
    throw ValidationError("baseline", "no PHQ-9", "is missing", "a baseline PHQ-9 to review against");
  if (not_improving_weeks < 1 || not_improving_weeks > 26)
    throw ValidationError("not_improving_weeks", std::to_string(not_improving_weeks), "is not a number of weeks",
                          "1..26");
  std::vector<DatedScore> scores{*baseline};
  for (std::size_t i = 0; i < new_phq9_scores.size(); ++i) {
    if (new_phq9_scores[i].date <= baseline->date)
      throw ValidationError("scores[" + std::to_string(i) + "].date", to_iso_string(new_phq9_scores[i].date),
                            "is not after the baseline", "a date after " + to_iso_string(baseline->date));
    scores.push_back(new_phq9_scores[i]);
  }
  Trajectory trajectory(Measure::phq9, std::move(scores), "scores");
  std::vector<std::string> reasons;
  const auto& first = trajectory.baseline();
  const auto& last = trajectory.latest();
  std::string change = "PHQ-9 " + std::to_string(first.total) + " on " + to_iso_string(first.date) + " -> " +
                       std::to_string(last.total) + " on " + to_iso_string(last.date) + " (" +
                       (trajectory.change_from_baseline() > 0 ? "+" : "") +
                       std::to_string(trajectory.change_from_baseline());
  if (auto pct = trajectory.percent_reduction()) change += ", " + percent_text(*pct) + " reduction";
  reasons.push_back(change + ")");

  ReviewStatus status = ReviewStatus::on_track;
  std::optional<LevelOfCare> consider;
  const int stalled = trajectory.weeks_without_improvement();
  if (trajectory.is_remission()) {
    status = ReviewStatus::remission;
    reasons.push_back("Remission: PHQ-9 below 5 (NQF 0710/CMS159 definition).");
  } else if (trajectory.is_response()) {
    status = ReviewStatus::response;
    reasons.push_back("Response: at least 50% below baseline (NQF 1884/1885, HEDIS DRR-E).");
  } else if (trajectory.scores().size() > 1 && stalled >= not_improving_weeks) {
    status = ReviewStatus::not_improving;
    reasons.push_back("Not improving: no new best score for " + std::to_string(stalled) + " weeks (threshold " +
                      std::to_string(not_improving_weeks) + ").");
    if (plan.level_of_care < LevelOfCare::inpatient) {
      consider = static_cast<LevelOfCare>(static_cast<int>(plan.level_of_care) + 1);
      reasons.push_back("Consider a higher level of care: " + std::string(to_string(*consider)) + ".");
    }
  } else {
    reasons.push_back("On track: improving, not yet a 50% reduction.");
  }
  for (const auto& problem : plan.problems)
    for (const auto& goal : problem.goals)
      if (goal.measure == Measure::phq9)
        reasons.push_back(std::string(goal.met_by(last.total) ? "Goal met: " : "Goal not yet met: ") + goal.description +
                          " (target by " + to_iso_string(goal.target_date) + ").");
  const Date next = last.date + boost::gregorian::days(plan.review_every_days);
  return PlanReview{status, std::move(trajectory), std::move(reasons), consider, next, {}, {}};
}

namespace {

// A problem and its measurable goals (at least one).
Problem read_problem(const JsonReader& pr) {
  pr.expect_only(decl::problem::members);
  Problem problem{pr.text(decl::problem::description), {}};
  const auto goals = pr.at(decl::problem::goals);
  for (std::size_t g = 0; g < goals.array_size(decl::problem::goals); ++g) {
    const auto goal = goals.at(g);
    goal.expect_only(decl::goal::members);
    const auto m = goal.at(decl::goal::measure);
    const auto measure = parse_measure(m.as_string(), m.path());
    const auto cmp = goal.at(decl::goal::comparator);
    const auto cmp_text = cmp.as_string();
    if (cmp_text != "below" && cmp_text != "at_most")
      throw NotFoundError(cmp.path(), iop::quoted(cmp_text), "is not a goal comparator", "below, at_most");
    problem.goals.push_back({goal.text(decl::goal::description), measure,
                             cmp_text == "below" ? GoalComparator::below : GoalComparator::at_most,
                             static_cast<int>(goal.at(decl::goal::target).as_int(0, max_total(measure))),
                             goal.at(decl::goal::target_date).as_date()});
  }
  if (problem.goals.empty())
    throw ValidationError(goals.path(), "[]", "has no goals", "at least one measurable goal");
  return problem;
}

}  // namespace

TreatmentPlan plan_from_json(const json& document, std::string path) {
  const JsonReader in(document, std::move(path));
  in.expect_only(decl::treatment_plan::members);
  TreatmentPlan plan;
  plan.id = in.identifier(decl::treatment_plan::id);
  plan.patient_id = in.identifier(decl::treatment_plan::patient_id);
  if (auto v = in.find(decl::treatment_plan::patient_age)) plan.patient_age = static_cast<int>(v->as_int(decl::treatment_plan::patient_age));
  const auto dx = in.at(decl::treatment_plan::diagnoses);
  dx.expect_only(decl::diagnoses::members);
  const auto primary = dx.at(decl::diagnoses::primary);
  plan.primary_diagnosis = IcdCode::parse(primary.as_string(), primary.path());
  if (auto v = dx.find(decl::diagnoses::secondary))
    for (std::size_t i = 0; i < v->array_size(decl::diagnoses::secondary); ++i)
      plan.secondary_diagnoses.push_back(IcdCode::parse(v->at(i).as_string(), v->at(i).path()));
  if (auto v = in.find(decl::treatment_plan::baseline))
    for (std::size_t i = 0; i < v->array_size(decl::treatment_plan::baseline); ++i) {
      const auto b = v->at(i);
      b.expect_only(decl::baseline_score::members);
      const auto m = b.at(decl::baseline_score::measure);
      const auto measure = parse_measure(m.as_string(), m.path());
      plan.baseline.push_back({measure, {b.at(decl::baseline_score::date).as_date(), static_cast<int>(b.at(decl::baseline_score::total).as_int(0, max_total(measure)))}});
    }
  if (auto v = in.find(decl::treatment_plan::problems))
    for (std::size_t i = 0; i < v->array_size(decl::treatment_plan::problems); ++i) plan.problems.push_back(read_problem(v->at(i)));
  if (auto v = in.find(decl::treatment_plan::interventions))
    for (std::size_t i = 0; i < v->array_size(decl::treatment_plan::interventions); ++i) {
      const auto it = v->at(i);
      it.expect_only(decl::intervention::members);
      const auto m = it.at(decl::intervention::modality);
      plan.interventions.push_back({parse_modality(m.as_string(), m.path()), read_frequency(it.at(decl::intervention::frequency)),
                                    it.identifier(decl::intervention::responsible_role)});
    }
  const auto level = in.at(decl::treatment_plan::level_of_care);
  plan.level_of_care = parse_level_of_care(level.as_string(), level.path());
  plan.program_id = in.identifier(decl::treatment_plan::program);
  plan.start_date = in.at(decl::treatment_plan::start_date).as_date();
  plan.weeks = static_cast<int>(in.integer(decl::treatment_plan::weeks));
  plan.days_per_week = static_cast<int>(in.integer(decl::treatment_plan::days_per_week));
  if (auto v = in.find(decl::treatment_plan::weekdays))
    for (std::size_t i = 0; i < v->array_size(decl::treatment_plan::weekdays); ++i)
      plan.weekdays.push_back(parse_weekday(v->at(i).as_string(), v->at(i).path()));
  plan.track = in.identifier(decl::treatment_plan::track);
  if (auto v = in.find(decl::treatment_plan::delivery)) {
    v->expect_only(decl::plan_delivery::members);
    const auto mode = v->at(decl::plan_delivery::mode);
    plan.delivery.kind = parse_delivery_kind(mode.as_string(), mode.path());
    if (auto s = v->find(decl::plan_delivery::patient_state)) {
      const auto state = s->as_string();
      if (!is_us_state_code(state))
        throw ValidationError(s->path(), iop::quoted(state), "is not a US state code", "a USPS code such as CA");
      plan.delivery.patient_state = state;
    }
  }
  const auto payer = in.at(decl::treatment_plan::payer);
  plan.payer = parse_payer_type(payer.as_string(), payer.path());
  if (auto v = in.find(decl::treatment_plan::review_every_days)) plan.review_every_days = static_cast<int>(v->as_int(decl::treatment_plan::review_every_days));
  if (auto v = in.find(decl::treatment_plan::taper)) {
    v->expect_only(decl::plan_taper::members);
    plan.taper = TaperRule{static_cast<int>(v->integer(decl::plan_taper::final_weeks)),
                           static_cast<int>(v->integer(decl::plan_taper::days_per_week))};
  }
  if (auto v = in.find(decl::treatment_plan::discharge_criteria))
    for (std::size_t i = 0; i < v->array_size(decl::treatment_plan::discharge_criteria); ++i) plan.discharge_criteria.push_back(v->at(i).as_text(decl::treatment_plan::discharge_criteria_item));
  if (auto v = in.find(decl::treatment_plan::step_down_to)) plan.step_down_to = parse_level_of_care(v->as_string(), v->path());
  if (auto v = in.find(decl::treatment_plan::extension)) {
    v->expect_only(decl::plan_extension::members);
    plan.extension = PlanExtension{v->text(decl::plan_extension::reason), v->identifier(decl::plan_extension::authorization_reference)};
  }
  return plan;
}

json to_json(const TreatmentPlan& plan) {
  // Every member named through its declaration (declarations/treatment_plan.py), as the reader names it.
  namespace T = decl::treatment_plan;
  using decl::key;
  json j{{key(T::id), plan.id}, {key(T::patient_id), plan.patient_id}};
  if (plan.patient_age) j[key(T::patient_age)] = *plan.patient_age;
  json secondary = json::array();
  for (const auto& c : plan.secondary_diagnoses) secondary.push_back(c.str());
  j[key(T::diagnoses)] = {{key(decl::diagnoses::primary), plan.primary_diagnosis.str()},
                          {key(decl::diagnoses::secondary), std::move(secondary)}};
  namespace B = decl::baseline_score;
  json baseline = json::array();
  for (const auto& b : plan.baseline)
    baseline.push_back({{key(B::measure), to_string(b.measure)}, {key(B::date), b.score.date}, {key(B::total), b.score.total}});
  j[key(T::baseline)] = std::move(baseline);
  namespace G = decl::goal;
  json problems = json::array();
  for (const auto& p : plan.problems) {
    json goals = json::array();
    for (const auto& g : p.goals)
      goals.push_back({{key(G::description), g.description},
                       {key(G::measure), to_string(g.measure)},
                       {key(G::comparator), g.comparator == GoalComparator::below ? "below" : "at_most"},
                       {key(G::target), g.target},
                       {key(G::target_date), g.target_date}});
    problems.push_back({{key(decl::problem::description), p.description}, {key(decl::problem::goals), goals}});
  }
  j[key(T::problems)] = std::move(problems);
  namespace I = decl::intervention;
  namespace F = decl::frequency;
  json interventions = json::array();
  for (const auto& i : plan.interventions)
    interventions.push_back(
        {{key(I::modality), to_string(i.modality)},
         {key(I::frequency), {{key(F::sessions), i.frequency.sessions}, {key(F::per_weeks), i.frequency.per_weeks}}},
         {key(I::responsible_role), i.responsible_role}});
  j[key(T::interventions)] = std::move(interventions);
  j[key(T::level_of_care)] = to_string(plan.level_of_care);
  j[key(T::program)] = plan.program_id;
  j[key(T::start_date)] = plan.start_date;
  j[key(T::weeks)] = plan.weeks;
  j[key(T::days_per_week)] = plan.days_per_week;
  json weekdays = json::array();
  for (auto d : plan.weekdays) weekdays.push_back(weekday_name(d));
  j[key(T::weekdays)] = std::move(weekdays);
  j[key(T::track)] = plan.track;
  json delivery{{key(decl::plan_delivery::mode), to_string(plan.delivery.kind)}};
  if (plan.delivery.patient_state) delivery[key(decl::plan_delivery::patient_state)] = *plan.delivery.patient_state;
  j[key(T::delivery)] = std::move(delivery);
  j[key(T::payer)] = to_string(plan.payer);
  j[key(T::review_every_days)] = plan.review_every_days;
  if (plan.taper)
    j[key(T::taper)] = {{key(decl::plan_taper::final_weeks), plan.taper->final_weeks},
                        {key(decl::plan_taper::days_per_week), plan.taper->days_per_week}};
  j[key(T::discharge_criteria)] = plan.discharge_criteria;
  if (plan.step_down_to) j[key(T::step_down_to)] = to_string(*plan.step_down_to);
  if (plan.extension)
    j[key(T::extension)] = {{key(decl::plan_extension::reason), plan.extension->reason},
                            {key(decl::plan_extension::authorization_reference),
                             plan.extension->authorization_reference}};
  return j;
}

json to_json(const PlanCheck& check) {
  // Every member named through its declaration (plan.check's response, declarations/api.py).
  namespace C = decl::plan_check;
  namespace F = decl::plan_check_finding;
  using decl::key;
  json findings = json::array();
  for (const auto& f : check.findings) findings.push_back({{key(F::field), f.field}, {key(F::message), f.message}});
  return {{key(C::weekly_minutes), check.weekly_minutes},
          {key(C::weekly_hours_bounds), check.bounds.describe()},
          {key(C::within_bounds), check.within_bounds},
          {key(C::end_date), check.end_date},
          {key(C::extended), check.extended},
          {key(C::findings), findings}};
}

PlanReview review_plan(const TreatmentPlan& plan, const std::vector<ScoredMeasure>& measures, int not_improving_weeks) {
  std::vector<DatedScore> phq9;
  std::vector<std::string> warnings;
  for (const auto& m : measures) {
    (void)severity_of(m.measure, m.total, m.source);
    if (m.measure == Measure::gad7) {
      warnings.push_back("GAD-7 " + std::to_string(m.total) + " on " + to_iso_string(m.date) + " (" + m.source +
                         ") is kept but not reviewed: the review follows the PHQ-9.");
      continue;
    }
    const auto baseline = plan.baseline_of(Measure::phq9);
    if (baseline && m.date <= baseline->date)
      throw ValidationError(m.source, to_iso_string(m.date), "is not after the baseline",
                            "a date after " + to_iso_string(baseline->date));
    if (m.items.size() == 9 && m.items[8] > 0)
      warnings.push_back("PHQ-9 item 9 (thoughts of being better off dead or of hurting oneself) answered " +
                         std::to_string(m.items[8]) + " on " + to_iso_string(m.date) + " (" + m.source +
                         "): follow up the same day, whatever the total.");
    for (const auto& earlier : measures) {
      if (&earlier == &m) break;
      if (earlier.measure == Measure::phq9 && earlier.date == m.date)
        throw ValidationError(m.source, to_iso_string(m.date), "is on the day of another PHQ-9 (" + earlier.source + ")",
                              "one PHQ-9 a day");
    }
    phq9.push_back({m.date, m.total});
  }
  auto review = review_plan(plan, phq9, not_improving_weeks);
  review.warnings = std::move(warnings);
  review.measures = measures;
  return review;
}

json to_json(const PlanReview& review) {
  // Every member named through its declaration (plan.review's response, declarations/api.py).
  namespace R = decl::api_plan_review_response_option0_result;
  namespace S = decl::plan_review_result_score;
  namespace M = decl::plan_review_result_measure;
  using decl::key;
  json scores = json::array();
  for (const auto& s : review.trajectory.scores()) scores.push_back({{key(S::date), s.date}, {key(S::total), s.total}});
  json j{{key(R::status), to_string(review.status)},
         {key(R::scores), scores},
         {key(R::change_from_baseline), review.trajectory.change_from_baseline()},
         {key(R::response), review.trajectory.is_response()},
         {key(R::remission), review.trajectory.is_remission()},
         {key(R::weeks_without_improvement), review.trajectory.weeks_without_improvement()},
         {key(R::reasons), review.reasons},
         {key(R::next_review), review.next_review}};
  j[key(R::consider_level)] = review.consider_level ? json(to_string(*review.consider_level)) : json(nullptr);
  j[key(R::warnings)] = review.warnings;
  json measures = json::array();
  for (const auto& m : review.measures) {
    json one{{key(M::source), m.source}, {key(M::measure), to_string(m.measure)}, {key(M::date), m.date},
             {key(M::total), m.total}};
    if (!m.items.empty()) one[key(M::items)] = m.items;
    if (!m.difficulty.empty()) one[key(M::difficulty)] = m.difficulty;
    measures.push_back(std::move(one));
  }
  j[key(R::measures)] = std::move(measures);
  return j;
}

}  // namespace iop
