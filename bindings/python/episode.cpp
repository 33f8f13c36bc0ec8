// Python bindings of the episode area, in the submodule iop._core.outcomes: the cohort outcome kernel (numpy
// columns in, numpy columns and the groups out, GIL released while it measures).

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <nlohmann/json.hpp>

#include <unordered_set>

#include "iop/clinical/icd_code.hpp"
#include "iop/episode/cohort_outcomes.hpp"
#include "arrays.hpp"
#include "convert.hpp"
#include "json_bridge.hpp"
#include "register.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace iop::python {

namespace {

std::vector<CohortPatient> patients_of(const std::vector<std::string>& ids, const std::vector<std::string>& programs,
                                       const std::vector<std::string>& tracks, const std::vector<std::string>& deliveries,
                                       const std::vector<std::string>& diagnoses, const Array<std::uint8_t>& ends,
                                       const Array<std::uint8_t>& exclusions) {
  const auto n = ids.size();
  if (programs.size() != n || tracks.size() != n || deliveries.size() != n || diagnoses.size() != n ||
      static_cast<std::size_t>(ends.size()) != n || static_cast<std::size_t>(exclusions.size()) != n)
    throw ValidationError("patients", std::to_string(n) + " ids", "come with columns of other lengths",
                          "one value a patient in every column");
  std::vector<CohortPatient> patients(n);
  const auto end = span_of(ends);
  const auto exclusion = span_of(exclusions);
  std::unordered_set<std::string> checked;  // each distinct diagnosis and delivery read once
  for (std::size_t i = 0; i < n; ++i) {
    const auto at = [i] { return "patients[" + std::to_string(i) + "]"; };
    if (i == 0 || diagnoses[i] != diagnoses[i - 1])
      if (checked.insert(diagnoses[i]).second) (void)IcdCode::parse(diagnoses[i], at() + ".diagnosis");
    if (deliveries[i] != "in_person" && deliveries[i] != "telehealth")
      (void)parse_delivery_kind(deliveries[i], at() + ".delivery");
    if (end[i] > 3 || exclusion[i] > 6)
      throw ValidationError(at(), "", "has an end or exclusion code out of range",
                            "the codes iop.outcomes writes");
    patients[i] = {ids[i], programs[i], tracks[i], deliveries[i], diagnoses[i], static_cast<CourseEnd>(end[i]),
                   static_cast<OutcomeExclusion>(exclusion[i])};
  }
  return patients;
}

}  // namespace

void register_episode(py::module_& m) {
  auto episode = m.def_submodule("outcomes", "Cohort outcomes (the compiled part of iop.outcomes).");
  episode.def(
      "_cohort_outcomes",
      [](const Array<std::int32_t>& patient, const Array<std::int32_t>& day, const Array<std::int8_t>& phq9,
         const std::vector<std::string>& ids, const std::vector<std::string>& programs,
         const std::vector<std::string>& tracks, const std::vector<std::string>& deliveries,
         const std::vector<std::string>& diagnoses, const Array<std::uint8_t>& ends,
         const Array<std::uint8_t>& exclusions, py::handle as_of, double reliability, std::optional<double> sd,
         const std::vector<std::string>& by) {
        const auto patients = patients_of(ids, programs, tracks, deliveries, diagnoses, ends, exclusions);
        CohortOptions options;
        options.as_of = to_date(as_of, "as_of");
        options.reliability = reliability;
        options.sd = sd;
        for (std::size_t i = 0; i < by.size(); ++i)
          options.by.push_back(parse_cohort_dimension(by[i], "by[" + std::to_string(i) + "]"));
        const CohortScores scores{span_of(patient), span_of(day), span_of(phq9)};
        CohortOutcomes outcomes;
        {
          py::gil_scoped_release release;
          outcomes = cohort_outcomes(patients, scores, options);
        }
        auto summary = to_json(outcomes, std::span<const CohortPatient>());  // the groups, not the patients
        summary.erase("patients");
        auto& o = outcomes.patients;
        py::dict columns;
        columns["index_day"] = to_numpy(std::move(o.index_day));
        columns["index_score"] = to_numpy(std::move(o.index_score));
        for (int h = 0; h < 2; ++h) {
          const std::string suffix = h == 0 ? "_6" : "_12";
          std::vector<std::uint8_t> status(o.status[h].size());
          for (std::size_t i = 0; i < status.size(); ++i) status[i] = static_cast<std::uint8_t>(o.status[h][i]);
          columns[py::str("status" + suffix)] = to_numpy(std::move(status));
          columns[py::str("score_day" + suffix)] = to_numpy(std::move(o.score_day[h]));
          columns[py::str("score" + suffix)] = to_numpy(std::move(o.score[h]));
          columns[py::str("reliable" + suffix)] = to_numpy(std::move(o.reliable[h]));
        }
        columns["days_to_response"] = to_numpy(std::move(o.days_to_response));
        columns["followed_days"] = to_numpy(std::move(o.followed_days));
        return py::make_tuple(json_to_python(summary), columns);
      },
      "patient"_a.noconvert(), "day"_a.noconvert(), "phq9"_a.noconvert(), "ids"_a, "programs"_a, "tracks"_a,
      "deliveries"_a, "diagnoses"_a, "ends"_a.noconvert(), "exclusions"_a.noconvert(), "as_of"_a, "reliability"_a,
      "sd"_a, "by"_a,
      "Cohort outcomes from checked columns: (the summary dict without patients, the patients' columns).");
  episode.def(
      "_episode_rows",
      [](py::handle episodes, py::handle as_of) {
        const auto list = json_from_python(episodes, "episodes");
        if (!list.is_array()) throw ValidationError("episodes", "", "is not a list", "a list of episode dicts");
        const auto day = to_date(as_of, "as_of");
        CohortData data;
        for (std::size_t i = 0; i < list.size(); ++i) {
          const auto path = "episodes[" + std::to_string(i) + "]";
          add_episode(data, episode_from_json(list[i], path), day, path);
        }
        py::dict patients;
        py::list ids, programs, tracks, deliveries, diagnoses, ends;
        for (const auto& p : data.patients) {
          ids.append(p.id);
          programs.append(p.program);
          tracks.append(p.track);
          deliveries.append(p.delivery);
          diagnoses.append(p.diagnosis);
          ends.append(std::string(to_string(p.end)));
        }
        patients["patient"] = ids;
        patients["program"] = programs;
        patients["track"] = tracks;
        patients["delivery"] = deliveries;
        patients["diagnosis"] = diagnoses;
        patients["discharge"] = ends;
        py::dict scores;
        scores["patient"] = to_numpy(std::move(data.patient));
        scores["day"] = to_numpy(std::move(data.day));
        scores["phq9"] = to_numpy(std::move(data.phq9));
        return py::make_tuple(patients, scores);
      },
      "episodes"_a, "as_of"_a,
      "The patients (dict of lists) and PHQ-9 rows (patient index, day, total) of episode dicts.");
}

}  // namespace iop::python
