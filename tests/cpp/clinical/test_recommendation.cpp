#include "iop/clinical/recommendation.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <ostream>

#include "iop/core/error.hpp"

namespace {

using iop::IntakeFlag;
using iop::LevelOfCare;

struct Case {
  const char* name;
  iop::Intake intake;
  std::optional<LevelOfCare> level;
  const char* decisive_rule;   // a rule that must be marked decisive
  const char* also_matching;   // another rule that must be listed (or nullptr)
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

iop::Intake intake(std::optional<int> phq9, std::vector<IntakeFlag> flags = {}, std::optional<LevelOfCare> current = {},
                   std::optional<int> gad7 = {}, std::optional<int> age = {}) {
  return iop::Intake{phq9, gad7, std::move(flags), current, age};
}

class DefaultRules : public ::testing::TestWithParam<Case> {};

TEST_P(DefaultRules, RecommendsWithReasons) {
  const auto& c = GetParam();
  const auto r = iop::recommend_level_of_care(c.intake);
  EXPECT_EQ(r.level, c.level);
  EXPECT_EQ(r.rules_version, "iop-default-2026.1");
  ASSERT_FALSE(r.reasons.empty());
  bool found_decisive = false;
  bool found_other = c.also_matching == nullptr;
  for (const auto& reason : r.reasons) {
    EXPECT_FALSE(reason.text.empty());
    EXPECT_FALSE(reason.source.empty());
    if (reason.rule_id == c.decisive_rule) found_decisive = reason.decisive || !c.level;
    if (c.also_matching && reason.rule_id == c.also_matching) found_other = true;
  }
  EXPECT_TRUE(found_decisive) << c.decisive_rule;
  EXPECT_TRUE(found_other) << c.also_matching;
}

const auto PHP = LevelOfCare::partial_hospitalization;
const auto IOP = LevelOfCare::intensive_outpatient;
const auto OP = LevelOfCare::outpatient;

INSTANTIATE_TEST_SUITE_P(
    OneCasePerRule, DefaultRules,
    ::testing::Values(
        // Acute risk always outranks symptom rules, whatever the PHQ-9.
        Case{"acute-suicide-risk", intake(22, {IntakeFlag::suicidal_ideation_with_plan_or_intent}), LevelOfCare::inpatient,
             "acute-suicide-risk", "severe-symptoms"},
        Case{"danger-to-others", intake(8, {IntakeFlag::danger_to_others}), LevelOfCare::inpatient, "danger-to-others",
             "mild-symptoms"},
        Case{"medical-instability", intake(12, {IntakeFlag::medical_instability}), LevelOfCare::inpatient,
             "medical-instability", nullptr},
        Case{"active-psychosis", intake(16, {IntakeFlag::psychosis}), PHP, "active-psychosis", "severe-symptoms"},
        Case{"phq9-item9-positive", intake(8, {IntakeFlag::phq9_item9_positive}), OP, "mild-symptoms",
             "phq9-item9-positive"},
        Case{"step-down-moderate", intake(12, {}, PHP), IOP, "step-down-moderate", "moderate-first-line"},
        Case{"step-down-from-inpatient", intake(17, {}, LevelOfCare::inpatient), IOP, "step-down-moderate",
             "severe-symptoms"},
        Case{"step-down-mild-goes-to-op", intake(6, {}, LevelOfCare::residential), OP, "mild-symptoms", nullptr},
        Case{"severe-symptoms", intake(21), IOP, "severe-symptoms", nullptr},
        Case{"moderate-failed-outpatient", intake(11, {IntakeFlag::failed_outpatient_treatment}), IOP,
             "moderate-failed-outpatient", "moderate-first-line"},
        Case{"moderate-co-occurring-substance-use", intake(12, {IntakeFlag::co_occurring_substance_use}), IOP,
             "moderate-co-occurring-substance-use", nullptr},
        Case{"moderate-co-occurring-anxiety", intake(12, {}, {}, 11), IOP, "moderate-co-occurring-anxiety", nullptr},
        Case{"moderate-first-line", intake(12), OP, "moderate-first-line", nullptr},
        Case{"mild-symptoms", intake(7), OP, "mild-symptoms", nullptr},
        Case{"minimal-symptoms", intake(2), OP, "mild-symptoms", nullptr},
        Case{"adolescent-hours", intake(16, {}, {}, {}, 15), IOP, "severe-symptoms", "adolescent-hours"},
        Case{"no-information", intake(std::nullopt), std::nullopt, "no-level", nullptr}));

TEST(Recommendation, RulesAreReplaceableData) {
  const auto custom = iop::LevelOfCareRules::from_json(nlohmann::json::parse(R"({
    "version": "clinic-2026",
    "rules": [{"id": "moderate-goes-to-iop", "when": {"phq9": {"min": 10}}, "recommend": "IOP",
               "reason": "Our clinic admits moderate depression to IOP.", "source": "Clinic policy 12"}]})"));
  EXPECT_EQ(custom.version(), "clinic-2026");
  const auto r = iop::recommend_level_of_care(intake(12), custom);
  EXPECT_EQ(r.level, IOP);
  ASSERT_EQ(r.reasons.size(), 1u);
  EXPECT_EQ(r.reasons[0].source, "Clinic policy 12");
  EXPECT_TRUE(r.reasons[0].decisive);
}

TEST(Recommendation, DefaultRulesRoundTripThroughJson) {
  const auto& defaults = iop::LevelOfCareRules::defaults();
  const auto again = iop::LevelOfCareRules::from_json(defaults.to_json());
  EXPECT_EQ(again.to_json(), defaults.to_json());
  EXPECT_EQ(again.rules().size(), defaults.rules().size());
}

TEST(Recommendation, BadRulesNameTheirPath) {
  try {
    (void)iop::LevelOfCareRules::from_json(nlohmann::json::parse(
        R"({"version": "x", "rules": [{"id": "a", "when": {"phq9": {"min": 10}}, "recommend": "ICU", "reason": "r", "source": "s"}]})"));
    FAIL();
  } catch (const iop::NotFoundError& e) {
    EXPECT_EQ(e.field(), "rules_document.rules[0].recommend");
  }
  try {
    (void)iop::LevelOfCareRules::from_json(nlohmann::json::parse(
        R"({"version": "x", "rules": [{"id": "a", "when": {"phq9": {"min": 30}}, "reason": "r", "source": "s"}]})"));
    FAIL();
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "rules_document.rules[0].when.phq9.min");
  }
  EXPECT_THROW((void)iop::LevelOfCareRules::from_json(nlohmann::json::parse(
                   R"({"version": "x", "rules": [{"id": "a", "when": {"flags": {"sad": true}}, "reason": "r", "source": "s"}]})")),
               iop::NotFoundError);
}

TEST(Recommendation, IntakeFromJsonScoresItems) {
  const auto in = iop::intake_from_json(nlohmann::json::parse(
      R"({"phq9": {"items": [2,2,2,2,2,2,2,1,1]}, "gad7": {"total": 9}, "flags": ["failed_outpatient_treatment"],
          "current_level": "OP", "age": 42})"));
  EXPECT_EQ(in.phq9_total, 16);  // 2*7 + 1 + 1
  EXPECT_TRUE(in.has(IntakeFlag::phq9_item9_positive));
  EXPECT_TRUE(in.has(IntakeFlag::failed_outpatient_treatment));
  const auto r = iop::recommend_level_of_care(in);
  EXPECT_EQ(r.level, IOP);
  const auto j = iop::to_json(r);
  EXPECT_EQ(j["level"], "IOP");
  EXPECT_EQ(j["asam_level"], "2.1");
  try {
    (void)iop::intake_from_json(nlohmann::json::parse(R"({"phq9": {"items": [2,2,2,5,2,2,2,1,1]}})"));
    FAIL();
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "intake.phq9.items[3]");
  }
  EXPECT_THROW((void)iop::recommend_level_of_care(intake(30)), iop::ValidationError);
}

TEST(Recommendation, RoundTripsThroughJson) {
  const auto r = iop::recommend_level_of_care(intake(18, {IntakeFlag::failed_outpatient_treatment}));
  const auto j = iop::to_json(r);
  EXPECT_EQ(iop::to_json(iop::recommendation_from_json(j)), j);
  auto edited = j;
  edited["asam_level"] = "3.7";
  EXPECT_THROW((void)iop::recommendation_from_json(edited), iop::ValidationError);
}

}  // namespace
