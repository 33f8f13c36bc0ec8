// outcomes.cohort: a cohort's outcome measures from patients with their scores, or episodes.

#include <cmath>

#include <nlohmann/json.hpp>

#include "declared.hpp"
#include "api/operations.hpp"

#include "iop/core/error.hpp"
#include "iop/episode/cohort_outcomes.hpp"

namespace iop::api::detail {

namespace {

// A JSON number strictly between its bounds (the schema's exclusive minimum and maximum); a bound of NaN is open.
double read_number(const JsonReader& value, double above, double below, const std::string& allowed) {
  const auto& j = value.json();
  if (!j.is_number())
    throw ValidationError(value.path(), j.dump(), "is not a number", allowed);
  const double x = j.get<double>();
  if (!std::isfinite(x) || !(x > above) || (!std::isnan(below) && !(x < below)))
    throw ValidationError(value.path(), j.dump(), "is outside the range", allowed);
  return x;
}

}  // namespace

Reply outcomes_cohort(const JsonReader& request) {
  namespace R = decl::api_outcomes_cohort_request;
  request.expect_only(R::members);
  const auto format = read_format(request, R::format);
  CohortOptions options;
  options.as_of = request.at(R::as_of).as_date();
  options.reliability = read_number(request.at(R::reliability), 0, 1, "a number above 0 and below 1, e.g. 0.89");
  if (auto v = request.find(R::sd)) options.sd = read_number(*v, 0, std::nextafter(27.0, 28.0), "a number above 0, at most 27");
  if (auto v = request.find(R::by)) {
    const auto n = v->array_size(R::by);
    for (std::size_t i = 0; i < n; ++i) {
      const auto item = v->at(i);
      options.by.push_back(parse_cohort_dimension(item.as_string(), item.path()));
    }
  }
  CohortData data;
  const auto refuse_empty = [](const JsonReader& list, std::size_t n) {
    if (n == 0) throw ValidationError(list.path(), "[]", "is empty", "at least one, or leave the member out");
  };
  if (auto v = request.find(R::patients)) {
    refuse_empty(*v, v->array_size(R::patients));
    add_patients_from_json(data, v->json(), v->path());
  }
  if (auto v = request.find(R::episodes)) {
    const auto n = v->array_size(R::episodes);
    refuse_empty(*v, n);
    for (std::size_t i = 0; i < n; ++i) {
      const auto item = v->at(i);
      add_episode(data, episode_from_json(item.json(), item.path()), options.as_of, item.path());
    }
  }
  if (data.patients.empty())
    throw ValidationError("patients", "", "are missing: the cohort has no patient", "patients or episodes, at least one");
  const auto outcomes = cohort_outcomes(data, options);
  if (format == "text") return content_response(format, to_text(outcomes));
  return result_response(format, to_json(outcomes, data.patients));
}

}  // namespace iop::api::detail
