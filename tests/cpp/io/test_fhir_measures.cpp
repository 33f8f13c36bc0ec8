// PHQ-9 and GAD-7 read from FHIR R4 as clinic systems send them (examples/fhir/), and plan.review with them.
//
// Worked by hand: examples/plan.json has a PHQ-9 baseline of 18 on 2026-03-02 and a 30-day review cadence.
//   fhir[0] QuestionnaireResponse of 2026-03-16: answers 2 1 2 1 1 1 1 0 1 = 10 (its total item says 10);
//           item 9 answered 1: a same-day follow-up warning, whatever the total.
//   fhir[1] Observation 44261-6 of 2026-04-13: 7.
//   fhir[2] GAD-7 QuestionnaireResponse of 2026-03-16: 1 2 1 1 0 1 0 = 6 (question 2 answered LA18938-3, "More
//           days than not", its third answer: 2); kept, not reviewed.
// 18 -> 7 is -11, 11/18 = 61.1 % below baseline: response (not remission: 7 is not below 5). Next review
// 2026-04-13 + 30 days = 2026-05-13.
#include "iop/io/fhir_measures.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <sstream>

#include <nlohmann/json.hpp>

#include "iop/api.hpp"
#include "iop/core/error.hpp"

namespace {

using nlohmann::json;

json example(const std::string& name) {
  std::ifstream in(std::string(IOP_EXAMPLES_DIR) + "/" + name, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

json resources() {
  return json::array({example("fhir/phq9-questionnaire-response.json"), example("fhir/phq9-observation.json"),
                      example("fhir/gad7-questionnaire-response.json")});
}

TEST(FhirMeasures, ReadsTheExamplesItemByItem) {
  const auto measures = iop::measures_from_fhir(resources());
  ASSERT_EQ(measures.size(), 3U);
  EXPECT_EQ(measures[0].measure, iop::Measure::phq9);
  EXPECT_EQ(iop::to_iso_string(measures[0].date), "2026-03-16");  // the day as written, in its own offset
  EXPECT_EQ(measures[0].items, (std::vector<int>{2, 1, 2, 1, 1, 1, 1, 0, 1}));
  EXPECT_EQ(measures[0].total, 10);
  EXPECT_EQ(measures[0].difficulty, "Somewhat difficult");
  EXPECT_EQ(measures[0].source, "fhir[0]");
  EXPECT_EQ(measures[1].total, 7);
  EXPECT_TRUE(measures[1].items.empty());
  EXPECT_EQ(measures[2].measure, iop::Measure::gad7);
  EXPECT_EQ(measures[2].items, (std::vector<int>{1, 2, 1, 1, 0, 1, 0}));
  EXPECT_EQ(measures[2].total, 6);
  EXPECT_EQ(iop::loinc_item_codes(iop::Measure::phq9).size(), 9U);
  EXPECT_EQ(iop::loinc_item_codes(iop::Measure::gad7).front(), "69725-0");
}

TEST(FhirMeasures, TotalsAsUsCoreAndOthersSendThem) {
  auto obs = example("fhir/phq9-observation.json");
  obs.erase("valueQuantity");
  obs["valueString"] = "12";  // US Core's own example
  EXPECT_EQ(iop::measures_from_fhir(json::array({obs}))[0].total, 12);
  obs.erase("valueString");
  obs["valueInteger"] = 21;
  obs["code"]["coding"][0]["code"] = "70274-6";  // a GAD-7 total
  const auto gad = iop::measures_from_fhir(json::array({obs}))[0];
  EXPECT_EQ(gad.measure, iop::Measure::gad7);
  EXPECT_EQ(gad.total, 21);
}

// Each bad resource and the field and problem it is refused with.
struct Bad {
  const char* what;
  std::function<void(json&)> change;
  const char* field;
  const char* problem;
};

TEST(FhirMeasures, RefusesWhatItWouldHaveToGuess) {
  const std::vector<Bad> cases{
      {"a question left out", [](json& r) { r[0]["item"].erase(2); }, "fhir[0].item",
       "is a partial PHQ-9: question 3 is not answered"},
      {"an unknown question", [](json& r) { r[0]["item"][0]["linkId"] = "/44249-9"; }, "fhir[0].item[0].linkId",
       "is not a PHQ-9 or GAD-7 question's LOINC code"},
      {"a question twice", [](json& r) { r[0]["item"][1]["linkId"] = "/44250-9"; }, "fhir[0].item[1].linkId",
       "answers a question twice"},
      {"an answer not of the list", [](json& r) { r[0]["item"][0]["answer"][0]["valueCoding"]["code"] = "LA6572-7"; },
       "fhir[0].item[0].answer[0].valueCoding.code", "is not an answer of the questionnaire"},
      {"More days than not on a PHQ-9 question",
       [](json& r) { r[0]["item"][0]["answer"][0]["valueCoding"]["code"] = "LA18938-3"; },
       "fhir[0].item[0].answer[0].valueCoding.code", "is not an answer of the questionnaire"},
      {"an answer's code and score apart", [](json& r) { r[0]["item"][0]["answer"][0]["valueInteger"] = 3; },
       "fhir[0].item[0].answer[0].valueInteger", "disagrees with the answer's code"},
      {"a total that is not the sum", [](json& r) { r[0]["item"][10]["answer"][0]["valueDecimal"] = 11; },
       "fhir[0].item[10].linkId", "is not the sum of the answers"},
      {"a questionnaire in progress", [](json& r) { r[0]["status"] = "in-progress"; }, "fhir[0].status",
       "is not a finished questionnaire"},
      {"a month without its day", [](json& r) { r[0]["authored"] = "2026-03"; }, "fhir[0].authored", "names no day"},
      {"a GAD-7 question in a PHQ-9", [](json& r) { r[0]["item"][1]["linkId"] = "/69725-0"; }, "fhir[0].item[1].linkId",
       "is a question of the GAD-7"},
      {"a preliminary Observation", [](json& r) { r[1]["status"] = "preliminary"; }, "fhir[1].status",
       "is not a final result"},
      {"an Observation of another code", [](json& r) { r[1]["code"]["coding"][0]["code"] = "44249-1"; },
       "fhir[1].code.coding", "is not a PHQ-9 or GAD-7 total's LOINC code"},
      {"a total above the measure's", [](json& r) { r[1]["valueQuantity"]["value"] = 28; },
       "fhir[1].valueQuantity.value", "is out of range"},
      {"an answer's score above 3", [](json& r) { r[0]["item"][0]["answer"][0] = {{"valueInteger", 4}}; },
       "fhir[0].item[0].answer[0].valueInteger", "is above a question's highest score"},
      {"a total with a fraction", [](json& r) { r[1]["valueQuantity"]["value"] = 7.5; }, "fhir[1].valueQuantity.value",
       "is not a whole score"},
      {"two values", [](json& r) { r[1]["valueInteger"] = 7; }, "fhir[1]", "has more than one value"},
      {"another resource", [](json& r) { r[1]["resourceType"] = "Condition"; }, "fhir[1].resourceType",
       "is not a resource iop reads measures from"},
      {"a GAD-7 total above 21", [](json& r) {
         r[1]["code"]["coding"][0]["code"] = "70274-6";
         r[1]["valueQuantity"]["value"] = 22;
       }, "fhir[1].valueQuantity.value", "is above the measure's highest total"},
  };
  for (const auto& c : cases) {
    auto r = resources();
    c.change(r);
    try {
      (void)iop::measures_from_fhir(r);
      ADD_FAILURE() << c.what << ": taken";
    } catch (const iop::Error& e) {
      EXPECT_EQ(e.field(), c.field) << c.what << ": " << e.what();
      if (*c.problem) {
        EXPECT_EQ(e.problem(), c.problem) << c.what << ": " << e.what();
      }
    }
  }
}

TEST(PlanReviewOperation, ReviewsTheExamplesAsWorkedByHand) {
  const json request{{"api_version", 1}, {"plan", example("plan.json")}, {"fhir", resources()}};
  const auto response = iop::api::call("plan.review", request.dump());
  ASSERT_EQ(response.status, iop::api::Status::ok) << response.body;
  const auto result = json::parse(response.body).at("result");
  EXPECT_EQ(result.at("status"), "response");
  EXPECT_EQ(result.at("change_from_baseline"), -11);
  EXPECT_EQ(result.at("reasons").at(0), "PHQ-9 18 on 2026-03-02 -> 7 on 2026-04-13 (-11, 61.1% reduction)");
  EXPECT_EQ(result.at("next_review"), "2026-05-13");
  EXPECT_EQ(result.at("remission"), false);
  ASSERT_EQ(result.at("warnings").size(), 2U);
  EXPECT_NE(result.at("warnings").at(0).get<std::string>().find("item 9"), std::string::npos);
  EXPECT_NE(result.at("warnings").at(0).get<std::string>().find("(fhir[0])"), std::string::npos);
  EXPECT_EQ(result.at("measures").at(2).at("measure"), "GAD-7");
  EXPECT_EQ(result.at("scores").size(), 3U);  // the baseline and the two PHQ-9s

  // The same review from plain scores: a total and the nine answers.
  const json plain{{"api_version", 1},
                   {"plan", example("plan.json")},
                   {"scores", json::array({{{"date", "2026-03-16"}, {"items", {2, 1, 2, 1, 1, 1, 1, 0, 1}}},
                                           {{"date", "2026-04-13"}, {"total", 7}}})}};
  const auto again = json::parse(iop::api::call("plan.review", plain.dump()).body).at("result");
  EXPECT_EQ(again.at("status"), "response");
  EXPECT_EQ(again.at("warnings").size(), 1U);  // item 9; no GAD-7 this time
  EXPECT_EQ(again.at("scores"), result.at("scores"));
}

TEST(PlanReviewOperation, RefusesByTheRequestsOwnPath) {
  auto error = [](const json& request) {
    const auto r = iop::api::call("plan.review", request.dump());
    EXPECT_NE(r.status, iop::api::Status::ok) << r.body;
    return json::parse(r.body).at("error");
  };
  const auto plan = example("plan.json");
  auto e = error({{"api_version", 1}, {"plan", plan}, {"scores", {{{"date", "2026-03-16"}, {"total", 9}, {"items", {0, 0, 0, 0, 0, 0, 0, 0, 0}}}}}});
  EXPECT_EQ(e.at("field"), "scores[0]");
  EXPECT_EQ(e.at("problem"), "gives both a total and the items");
  e = error({{"api_version", 1}, {"plan", plan}, {"scores", {{{"date", "2026-03-01"}, {"total", 9}}}}});
  EXPECT_EQ(e.at("field"), "scores[0]");  // the measure, dated 2026-03-01
  EXPECT_EQ(e.at("value"), "2026-03-01");
  EXPECT_EQ(e.at("problem"), "is not after the baseline");
  e = error({{"api_version", 1}, {"plan", plan}, {"scores", {{{"date", "2026-04-13"}, {"total", 9}}}}, {"fhir", resources()}});
  EXPECT_EQ(e.at("field"), "fhir[1]");
  EXPECT_EQ(e.at("problem"), "is on the day of another PHQ-9 (scores[0])");
  e = error({{"api_version", 1}, {"plan", plan}, {"not_improving_weeks", 27}});
  EXPECT_EQ(e.at("field"), "not_improving_weeks");
}

}  // namespace
