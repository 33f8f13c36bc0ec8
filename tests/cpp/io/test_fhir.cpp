#include "iop/io/fhir.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "iop/core/error.hpp"

namespace {

using nlohmann::json;

iop::TreatmentPlan plan() {
  return iop::plan_from_json(json::parse(R"({
    "id": "plan-001", "patient_id": "p-7f3a",
    "diagnoses": {"primary": "F33.1", "secondary": ["F41.1"]},
    "baseline": [{"measure": "PHQ-9", "date": "2026-03-02", "total": 18}],
    "problems": [{"description": "Depressed mood",
                  "goals": [{"description": "PHQ-9 below 5", "measure": "PHQ-9", "comparator": "below",
                             "target": 5, "target_date": "2026-04-24"}]}],
    "interventions": [{"modality": "medication_management", "frequency": {"sessions": 1, "per_weeks": 2},
                       "responsible_role": "psychiatrist"}],
    "level_of_care": "IOP", "program": "la-depression-iop", "start_date": "2026-03-02",
    "weeks": 8, "days_per_week": 3, "weekdays": ["monday", "wednesday", "friday"], "track": "evening",
    "delivery": {"mode": "in_person"}, "payer": "commercial"})"));
}

TEST(Fhir, PlanBundleHasConditionsGoalsAndCarePlan) {
  const auto p = plan();
  const auto bundle = iop::plan_to_fhir(p, iop::find_program(p.program_id));
  EXPECT_EQ(bundle["resourceType"], "Bundle");
  EXPECT_EQ(bundle["type"], "collection");
  ASSERT_EQ(bundle["entry"].size(), 4u);  // 2 conditions, 1 goal, 1 care plan
  const auto& condition = bundle["entry"][0]["resource"];
  EXPECT_EQ(condition["resourceType"], "Condition");
  EXPECT_EQ(condition["code"]["coding"][0]["system"], "http://hl7.org/fhir/sid/icd-10-cm");
  EXPECT_EQ(condition["code"]["coding"][0]["code"], "F33.1");
  EXPECT_EQ(condition["code"]["coding"][0]["display"], "Major depressive disorder, recurrent, moderate");
  const auto& goal = bundle["entry"][2]["resource"];
  EXPECT_EQ(goal["resourceType"], "Goal");
  EXPECT_EQ(goal["target"][0]["measure"]["coding"][0]["code"], "44261-6");
  EXPECT_EQ(goal["target"][0]["detailQuantity"]["comparator"], "<");
  EXPECT_EQ(goal["target"][0]["detailQuantity"]["value"], 5);
  const auto& care_plan = bundle["entry"][3]["resource"];
  EXPECT_EQ(care_plan["resourceType"], "CarePlan");
  EXPECT_EQ(care_plan["period"]["end"], "2026-04-26");
  EXPECT_EQ(care_plan["goal"][0]["reference"], bundle["entry"][2]["fullUrl"]);
  EXPECT_EQ(care_plan["addresses"][1]["reference"], bundle["entry"][1]["fullUrl"]);
  const auto& day = care_plan["activity"][0]["detail"];
  EXPECT_EQ(day["code"]["coding"][0]["code"], "S9480");
  EXPECT_EQ(day["scheduledTiming"]["repeat"]["frequency"], 3);
  EXPECT_EQ(day["scheduledTiming"]["repeat"]["duration"], 180);
  EXPECT_EQ(day["scheduledTiming"]["repeat"]["dayOfWeek"], json({"mon", "wed", "fri"}));
  EXPECT_EQ(day["scheduledTiming"]["repeat"]["timeOfDay"], json({"18:00:00"}));
  EXPECT_EQ(care_plan["activity"][1]["detail"]["code"]["coding"][0]["code"], "99214");
  // Deterministic: the same plan gives the same bytes.
  EXPECT_EQ(bundle.dump(), iop::plan_to_fhir(p, iop::find_program(p.program_id)).dump());
}

TEST(Fhir, SubstanceUsePrimaryDiagnosisUsesH0015) {
  auto p = plan();
  EXPECT_EQ(iop::per_diem_code(p), "S9480");
  p.primary_diagnosis = iop::IcdCode::parse("F10.20");
  EXPECT_EQ(iop::per_diem_code(p), "H0015");
  p.primary_diagnosis = iop::IcdCode::parse("F19.20");  // not in the table, but F10-F19 is substance use
  EXPECT_EQ(iop::per_diem_code(p), "H0015");
}

TEST(Fhir, UuidsAreWellFormedAndStable) {
  const auto a = iop::name_based_uuid("iop/plan/x");
  EXPECT_EQ(a.size(), 36u);
  EXPECT_EQ(a[14], '8');  // version 8
  EXPECT_TRUE(a[19] == '8' || a[19] == '9' || a[19] == 'a' || a[19] == 'b');  // variant 10xx
  EXPECT_EQ(a, iop::name_based_uuid("iop/plan/x"));
  EXPECT_NE(a, iop::name_based_uuid("iop/plan/y"));
}

TEST(Fhir, RefusesAPlanThatDoesNotCheck) {
  auto p = plan();
  p.weeks = 14;
  EXPECT_THROW((void)iop::plan_to_fhir(p, iop::find_program(p.program_id)), iop::ValidationError);
}

}  // namespace
