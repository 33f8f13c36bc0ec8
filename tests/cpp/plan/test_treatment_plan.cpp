#include "iop/plan/treatment_plan.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "iop/core/error.hpp"

namespace {

using nlohmann::json;

json base_plan() {
  return json::parse(R"({
    "id": "plan-001", "patient_id": "p-7f3a", "patient_age": 34,
    "diagnoses": {"primary": "F33.1", "secondary": ["F41.1"]},
    "baseline": [{"measure": "PHQ-9", "date": "2026-03-02", "total": 18},
                 {"measure": "GAD-7", "date": "2026-03-02", "total": 12}],
    "problems": [{"description": "Depressed mood most days",
                  "goals": [{"description": "PHQ-9 below 5", "measure": "PHQ-9", "comparator": "below",
                             "target": 5, "target_date": "2026-04-24"}]}],
    "interventions": [{"modality": "cbt", "frequency": {"sessions": 3, "per_weeks": 1}, "responsible_role": "therapist"},
                      {"modality": "medication_management", "frequency": {"sessions": 1, "per_weeks": 2},
                       "responsible_role": "psychiatrist"}],
    "level_of_care": "IOP", "program": "la-depression-iop", "start_date": "2026-03-02",
    "weeks": 8, "days_per_week": 3, "weekdays": ["monday", "wednesday", "friday"], "track": "evening",
    "delivery": {"mode": "telehealth", "patient_state": "CA"}, "payer": "commercial",
    "review_every_days": 30, "discharge_criteria": ["PHQ-9 below 10 for two reviews"], "step_down_to": "OP"})");
}

iop::PlanCheck check(const json& j) {
  const auto plan = iop::plan_from_json(j);
  return iop::check_plan(plan, iop::find_program(plan.program_id));
}

std::string error_of(const json& j) {
  try {
    (void)check(j);
  } catch (const iop::Error& e) {
    return e.what();
  }
  return "";
}

TEST(TreatmentPlan, AValidPlanChecksClean) {
  const auto c = check(base_plan());
  EXPECT_EQ(c.weekly_minutes, 540);  // 3 days x 180 minutes
  EXPECT_TRUE(c.within_bounds);
  EXPECT_EQ(iop::to_iso_string(c.end_date), "2026-04-26");  // 8 weeks from Monday 2026-03-02, last day a Sunday
  EXPECT_FALSE(c.extended);
  EXPECT_TRUE(c.findings.empty()) << c.findings.front().message;
}

TEST(TreatmentPlan, FourteenWeeksIsRejectedWithoutAnAuthorisedExtension) {
  auto j = base_plan();
  j["weeks"] = 14;
  const auto message = error_of(j);
  EXPECT_NE(message.find("weeks"), std::string::npos) << message;
  EXPECT_NE(message.find("14"), std::string::npos) << message;
  EXPECT_NE(message.find("6..12"), std::string::npos) << message;

  j["extension"] = {{"reason", "Partial response; payer approved 2 more weeks"}, {"authorization_reference", ""}};
  EXPECT_NE(error_of(j).find("extension.authorization_reference"), std::string::npos);
  j["extension"]["authorization_reference"] = "AUTH-2026-0412";
  j["extension"]["reason"] = "";
  EXPECT_NE(error_of(j).find("extension.reason"), std::string::npos);
  j["extension"]["reason"] = "Partial response; payer approved 2 more weeks";
  const auto c = check(j);
  EXPECT_TRUE(c.extended);
  ASSERT_EQ(c.findings.size(), 1u);
  EXPECT_NE(c.findings[0].message.find("AUTH-2026-0412"), std::string::npos);

  j["weeks"] = 4;  // below the minimum: an extension does not help
  EXPECT_NE(error_of(j).find("weeks: 4 is outside the program's weeks; allowed: 6..12"), std::string::npos);
}

TEST(TreatmentPlan, ProgramRulesAreEnforced) {
  auto j = base_plan();
  j["delivery"]["patient_state"] = "NV";
  EXPECT_NE(error_of(j).find("delivery.patient_state: 'NV' is not a state where la-depression-iop offers telehealth; allowed: CA"),
            std::string::npos)
      << error_of(j);
  j = base_plan();
  j["track"] = "night";
  EXPECT_NE(error_of(j).find("track: 'night'"), std::string::npos);
  j = base_plan();
  j["days_per_week"] = 2;
  j["weekdays"] = {"monday", "thursday"};
  EXPECT_NE(error_of(j).find("days_per_week: 2 is outside the program's days a week; allowed: 3..5"), std::string::npos);
  j = base_plan();
  j["weekdays"] = {"monday", "monday", "friday"};
  EXPECT_NE(error_of(j).find("weekdays[1]"), std::string::npos);
  j = base_plan();
  j["level_of_care"] = "PHP";
  EXPECT_NE(error_of(j).find("level_of_care"), std::string::npos);
  j = base_plan();
  j["step_down_to"] = "PHP";
  EXPECT_NE(error_of(j).find("step_down_to"), std::string::npos);
  j = base_plan();
  j["problems"][0]["goals"][0]["target_date"] = "2026-03-01";
  EXPECT_NE(error_of(j).find("problems[0].goals[0].target_date"), std::string::npos);
  j = base_plan();
  j["diagnoses"]["primary"] = "F3";
  EXPECT_NE(error_of(j).find("plan.diagnoses.primary: 'F3'"), std::string::npos);
}

TEST(TreatmentPlan, MedicareReviewCadenceAndPayerFindings) {
  auto j = base_plan();
  j["payer"] = "medicare";
  j["review_every_days"] = 90;
  EXPECT_NE(error_of(j).find("review_every_days: 90 is longer than Medicare allows"), std::string::npos);
  j["review_every_days"] = 60;
  const auto c = check(j);
  ASSERT_EQ(c.findings.size(), 1u);
  EXPECT_EQ(c.findings[0].field, "payer");
  EXPECT_NE(c.findings[0].message.find("does not accept medicare: estimate the course as self-pay"), std::string::npos);
  j["payer"] = "commercial";
  j["review_every_days"] = 90;
  EXPECT_NO_THROW((void)check(j));
}

TEST(TreatmentPlan, HoursOutsideTheLevelAreReported) {
  auto program = iop::find_program("la-depression-iop");
  program.minutes_per_day = 150;  // 2.5 h a day
  program.daily_blocks = {{iop::Modality::process_group, 60, "90853"}, {iop::Modality::psychoeducation, 45, "90853"},
                          {iop::Modality::skills_training, 45, "90853"}};
  program.validate();
  auto plan = iop::plan_from_json(base_plan());
  const auto c = iop::check_plan(plan, program);
  EXPECT_EQ(c.weekly_minutes, 450);  // 3 x 150 = 7.5 h
  EXPECT_FALSE(c.within_bounds);
  ASSERT_FALSE(c.findings.empty());
  EXPECT_EQ(c.findings[0].message, "7 h 30 min a week is outside IOP's 9-19 h for adults.");
  // An adolescent's IOP starts at 6 hours: 7.5 h is within.
  plan.patient_age = 16;
  EXPECT_TRUE(iop::check_plan(plan, program).within_bounds);
}

TEST(TreatmentPlan, TaperOfTheProgramApplies) {
  auto j = base_plan();
  j["program"] = "la-sud-mh-iop";
  j["track"] = "day";
  j["delivery"] = {{"mode", "in_person"}};
  j["days_per_week"] = 5;
  j["weekdays"] = json::array();
  j["diagnoses"] = {{"primary", "F10.20"}, {"secondary", {"F33.1"}}};
  const auto c = check(j);
  EXPECT_EQ(c.weekly_minutes, 900);
  j["weeks"] = 6;
  j["taper"] = {{"final_weeks", 6}, {"days_per_week", 3}};
  EXPECT_NE(error_of(j).find("taper.final_weeks: 6 leaves no full-intensity weeks; allowed: 1..5"), std::string::npos);
}

TEST(TreatmentPlan, JsonRoundTripIsLossless) {
  const auto plan = iop::plan_from_json(base_plan());
  const auto j = iop::to_json(plan);
  EXPECT_EQ(iop::to_json(iop::plan_from_json(j)), j);
  EXPECT_EQ(j["weekdays"], json({"monday", "wednesday", "friday"}));
  EXPECT_EQ(j["baseline"][0]["measure"], "PHQ-9");
}

iop::DatedScore score(const char* date, int total) { return {iop::parse_date(date), total}; }

TEST(PlanReview, StatusesFromNewScores) {
  const auto plan = iop::plan_from_json(base_plan());  // PHQ-9 baseline 18 on 2026-03-02
  auto r = iop::review_plan(plan, {score("2026-03-16", 12), score("2026-04-13", 8)});
  EXPECT_EQ(r.status, iop::ReviewStatus::response);  // 18 -> 8: 55.6% reduction
  EXPECT_EQ(r.reasons[0], "PHQ-9 18 on 2026-03-02 -> 8 on 2026-04-13 (-10, 55.6% reduction)");
  EXPECT_EQ(iop::to_iso_string(r.next_review), "2026-05-13");  // 2026-04-13 + 30 days

  r = iop::review_plan(plan, {score("2026-04-20", 4)});
  EXPECT_EQ(r.status, iop::ReviewStatus::remission);
  bool goal_met = false;
  for (const auto& reason : r.reasons) goal_met = goal_met || reason.rfind("Goal met: PHQ-9 below 5", 0) == 0;
  EXPECT_TRUE(goal_met);

  r = iop::review_plan(plan, {score("2026-03-16", 14)});
  EXPECT_EQ(r.status, iop::ReviewStatus::on_track);  // 18 -> 14: 22% reduction
  EXPECT_FALSE(r.consider_level);

  // Best score 16 on 2026-03-09, nothing better by 2026-04-06: 4 weeks without improvement.
  r = iop::review_plan(plan, {score("2026-03-09", 16), score("2026-03-23", 17), score("2026-04-06", 16)});
  EXPECT_EQ(r.status, iop::ReviewStatus::not_improving);
  EXPECT_EQ(r.consider_level, iop::LevelOfCare::partial_hospitalization);
  // With a 6-week threshold it is still on track.
  EXPECT_EQ(iop::review_plan(plan, {score("2026-03-09", 16), score("2026-04-06", 16)}, 6).status,
            iop::ReviewStatus::on_track);
  EXPECT_THROW((void)iop::review_plan(plan, {score("2026-03-01", 10)}), iop::ValidationError);
  EXPECT_THROW((void)iop::review_plan(plan, {score("2026-03-20", 30)}), iop::ValidationError);
}

}  // namespace
