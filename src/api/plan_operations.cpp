// programs.list, plan.check, plan.fhir, plan.review and recommend.

#include "declared.hpp"
#include "api/operations.hpp"
#include "iop/clinical/recommendation.hpp"
#include "iop/core/error.hpp"
#include "iop/io/fhir.hpp"
#include "iop/io/fhir_measures.hpp"
#include "iop/plan/program.hpp"
#include "iop/plan/treatment_plan.hpp"
#include "iop/io/text_reports.hpp"

namespace iop::api::detail {
namespace {

// The plan's program: the request's own `program`, or the catalog's by the plan's id.
ProgramTemplate program_of(const JsonReader& request, const TreatmentPlan& plan) {
  // plan.check and plan.fhir both declare it (the same member of each request).
  if (auto v = request.find(decl::api_plan_check_request::program)) return program_from_json(v->json(), v->path());
  return find_program(plan.program_id, "plan.program");
}

// A score of the request: a dated total, or the nine item answers.
ScoredMeasure read_score(const JsonReader& score) {
  namespace S = decl::plan_review_score;
  score.expect_only(S::members);
  const Date date = score.at(S::date).as_date();
  const auto total = score.find(S::total);
  const auto items = score.find(S::items);
  if (total && items)
    throw ValidationError(score.path(), "total and items", "gives both a total and the items", "one of them");
  if (!total && !items) throw ValidationError(score.path() + ".total", "", "is missing", "the PHQ-9 total, or its items");
  if (total) return ScoredMeasure{Measure::phq9, date, static_cast<int>(total->as_int(S::total)), {}, score.path(), {}};
  std::vector<int> answers;
  for (std::size_t i = 0; i < items->array_size(S::items); ++i)
    answers.push_back(static_cast<int>(items->at(i).as_int(0, 3)));
  const auto phq9 = Phq9::from_items(answers, items->path());
  return ScoredMeasure{Measure::phq9, date, phq9.total(), answers, score.path(), {}};
}

}  // namespace

Reply programs_list(const JsonReader& request) {
  request.expect_only(decl::api_programs_list_request::members);
  const auto format = read_format(request, decl::api_programs_list_request::format);
  const auto& catalog = program_catalog();
  if (format == "text") return content_response(format, to_text(catalog));
  json out = json::array();
  for (const auto& p : catalog) out.push_back(to_json(p));
  return result_response(format, std::move(out));
}

Reply plan_check(const JsonReader& request) {
  request.expect_only(decl::api_plan_check_request::members);
  const auto format = read_format(request, decl::api_plan_check_request::format);
  const auto plan = plan_from_json(request.at(decl::api_plan_check_request::plan).json(), "plan");
  const auto program = program_of(request, plan);
  const auto check = check_plan(plan, program);
  if (format == "text") return content_response(format, to_text(plan, program, check));
  return result_response(format, json{{"plan", to_json(plan)}, {"check", to_json(check)}});
}

Reply plan_fhir(const JsonReader& request) {
  request.expect_only(decl::api_plan_fhir_request::members);
  const auto plan = plan_from_json(request.at(decl::api_plan_fhir_request::plan).json(), "plan");
  const auto program = program_of(request, plan);
  // The plan is checked first: a FHIR CarePlan is only written for a plan that passes.
  (void)check_plan(plan, program);
  return result_response("fhir", plan_to_fhir(plan, program));
}

Reply plan_review(const JsonReader& request) {
  namespace R = decl::api_plan_review_request;
  request.expect_only(R::members);
  const auto format = read_format(request, R::format);
  const auto plan = plan_from_json(request.at(R::plan).json(), "plan");
  std::vector<ScoredMeasure> measures;
  if (auto scores = request.find(R::scores))
    for (std::size_t i = 0; i < scores->array_size(R::scores); ++i) measures.push_back(read_score(scores->at(i)));
  if (auto fhir = request.find(R::fhir)) {
    (void)fhir->array_size(R::fhir);
    for (auto& m : measures_from_fhir(fhir->json(), fhir->path())) measures.push_back(std::move(m));
  }
  const auto review = request.find(R::not_improving_weeks)
                          ? review_plan(plan, measures, static_cast<int>(request.integer(R::not_improving_weeks)))
                          : review_plan(plan, measures);
  if (format == "text") return content_response(format, to_text(review));
  return result_response(format, to_json(review));
}

Reply recommend(const JsonReader& request) {
  request.expect_only(decl::api_recommend_request::members);
  const auto format = read_format(request, decl::api_recommend_request::format);
  const auto intake = intake_from_json(request.at(decl::api_recommend_request::intake).json(), "intake");
  const auto rules = request.find(decl::api_recommend_request::rules) ? LevelOfCareRules::from_json(request.at(decl::api_recommend_request::rules).json(), "rules")
                                           : LevelOfCareRules::defaults();
  const auto r = recommend_level_of_care(intake, rules);
  if (format == "text") return content_response(format, to_text(r));
  return result_response(format, to_json(r));
}

}  // namespace iop::api::detail
