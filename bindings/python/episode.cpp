// Python bindings of the episode area, in the submodule iop._core.outcomes: the cohort outcome kernel (numpy
// columns in, read in place; numpy columns and the groups out).

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <deque>
#include <limits>
#include <unordered_map>

#include "iop/clinical/icd_code.hpp"
#include "iop/core/error.hpp"
#include "iop/core/json.hpp"
#include "iop/episode/cohort_outcomes.hpp"
#include "iop/episode/cohort_tally.hpp"
#include "iop/episode/episode.hpp"
#include "arrays.hpp"
#include "convert.hpp"
#include "json_bridge.hpp"
#include "register.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace iop::python {

namespace {

// A 1-D numpy object array's elements, and one element's UTF-8 (the str checked, `column[i]` named otherwise).
struct Objects {
  PyObject* const* data;
  py::ssize_t stride;
  std::size_t size;
};
Objects objects_of(const py::array& array, const std::string& column) {
  if (array.dtype().kind() != 'O' || array.ndim() != 1)
    throw py::type_error(column + ": expected a 1-D numpy array of str objects");
  return {static_cast<PyObject* const*>(array.data()), array.strides(0) / static_cast<py::ssize_t>(sizeof(PyObject*)),
          static_cast<std::size_t>(array.shape(0))};
}
std::string_view text_of(PyObject* o, const std::string& column, std::size_t i) {
  Py_ssize_t size = 0;
  const char* text = PyUnicode_Check(o) ? PyUnicode_AsUTF8AndSize(o, &size) : nullptr;
  if (text == nullptr) {
    PyErr_Clear();
    throw ValidationError(column + "[" + std::to_string(i) + "]", py::repr(o).cast<std::string>(),
                          PyUnicode_Check(o) ? "is not valid UTF-8 text" : "is not a str",
                          "text in every row (no missing values)");
  }
  return {text, static_cast<std::size_t>(size)};
}

// Each score row's patient: its position in `ids`. Rows in the patients' order are matched by walking both (the
// common case of a frame sorted by patient); the first row out of that order builds a hash map for the rest. A
// run of rows holding one str object (or equal text) is read once.
std::vector<std::int32_t> rows_of(const std::vector<std::string_view>& ids, const py::array& patient) {
  std::unordered_map<std::string_view, std::int32_t> position;
  const auto lookup = [&](std::string_view name, std::size_t row) {
    if (position.empty()) {
      position.reserve(ids.size());
      for (std::size_t i = 0; i < ids.size(); ++i)
        if (!position.try_emplace(ids[i], static_cast<std::int32_t>(i)).second)
          throw ValidationError("patients.patient[" + std::to_string(i) + "]", "'" + std::string(ids[i]) + "'",
                                "is the id of an earlier patient", "one row a patient");
    }
    const auto it = position.find(name);
    if (it == position.end())
      throw ValidationError("scores.patient[" + std::to_string(row) + "]", "'" + std::string(name) + "'",
                            "is not a patient of the patients frame", "a value of patients.patient");
    return it->second;
  };
  const auto names = objects_of(patient, "scores.patient");
  std::vector<std::int32_t> rows(names.size);
  PyObject* previous = nullptr;
  std::string_view previous_name;
  std::size_t next = 0;  // the walk: the patient the next new name is expected to be
  for (std::size_t i = 0; i < names.size; ++i) {
    PyObject* o = names.data[static_cast<py::ssize_t>(i) * names.stride];
    if (o == previous) {
      rows[i] = rows[i - 1];
      continue;
    }
    const auto name = text_of(o, "scores.patient", i);
    if (previous != nullptr && name == previous_name) {
      rows[i] = rows[i - 1];
    } else if (position.empty() && next < ids.size() && name == ids[next]) {
      rows[i] = static_cast<std::int32_t>(next++);
    } else {
      rows[i] = lookup(name, i);
    }
    previous = o;
    previous_name = name;
  }
  return rows;  // a repeated id the walk did not see is refused by the kernel (renamed in _cohort_outcomes)
}

// A column of str objects as views of their UTF-8 (alive as long as the array): the text columns of a frame reach
// the kernel without a copy. `column` names the frame's column in errors.
std::vector<std::string_view> str_views(const py::array& array, const std::string& column) {
  const auto objects = objects_of(array, column);
  std::vector<std::string_view> views(objects.size);
  PyObject* previous = nullptr;
  for (std::size_t i = 0; i < objects.size; ++i) {
    PyObject* o = objects.data[static_cast<py::ssize_t>(i) * objects.stride];
    views[i] = o == previous ? views[i - 1] : text_of(o, column, i);  // a repeated str object: its view again
    previous = o;
  }
  return views;
}

// Every diagnosis read as an ICD-10-CM code and given to the kernel as its canonical text (`f33.1` is F33.1, as the
// JSON path reads it), every delivery a delivery mode, naming the first bad row. The canonical texts live in `codes`.
std::vector<std::string_view> canonical_diagnoses(const std::vector<std::string_view>& diagnoses,
                                                  const std::vector<std::string_view>& deliveries,
                                                  std::deque<std::string>& codes) {
  std::vector<std::pair<std::string_view, std::string_view>> seen;  // a handful of distinct texts: a scan
  std::vector<std::string_view> canonical(diagnoses.size());
  for (std::size_t i = 0; i < diagnoses.size(); ++i) {
    const auto at = [i] { return "patients[" + std::to_string(i) + "]"; };
    auto it = std::find_if(seen.begin(), seen.end(), [&](const auto& s) { return s.first == diagnoses[i]; });
    if (it == seen.end()) {
      codes.push_back(IcdCode::parse(diagnoses[i], at() + ".diagnosis").str());
      seen.emplace_back(diagnoses[i], codes.back());
      it = seen.end() - 1;
    }
    canonical[i] = it->second;
    if (deliveries[i] != "in_person" && deliveries[i] != "telehealth")
      (void)parse_delivery_kind(deliveries[i], at() + ".delivery");
  }
  return canonical;
}

// A column of names (a numpy object array of str, or None for the column left out: every patient the first name,
// the documented default) as the enum each names (the enum's N values named by to_string). A name not among them
// is refused by `parse`, naming its row.
template <class Enum, std::size_t N, class Parse>
std::vector<Enum> names_of(py::handle column, std::size_t n, const std::string& name, Parse parse) {
  if (column.is_none()) return std::vector<Enum>(n, Enum{});
  std::array<std::string_view, N> names;
  for (std::size_t k = 0; k < N; ++k) names[k] = to_string(static_cast<Enum>(k));
  const auto array = column.cast<py::array>();  // held while its str objects are read through the views
  const auto views = str_views(array, name);
  std::vector<Enum> values(views.size());
  for (std::size_t i = 0; i < views.size(); ++i) {
    const auto it = std::find(names.begin(), names.end(), views[i]);
    values[i] = it != names.end() ? static_cast<Enum>(it - names.begin())
                                  : parse(views[i], name + "[" + std::to_string(i) + "]");  // throws, naming the row
  }
  return values;
}

// Timestamps as int64 nanoseconds since 1970 (a datetime64[ns] column's values) to days, each at midnight.
std::vector<std::int32_t> days_of(const Array<std::int64_t>& nanoseconds) {
  constexpr std::int64_t kDay = 86'400'000'000'000;
  const auto values = span_of(nanoseconds);
  std::vector<std::int32_t> days(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    const auto v = values[i];
    const auto at = [i] { return "scores.date[" + std::to_string(i) + "]"; };
    if (v == std::numeric_limits<std::int64_t>::min()) throw ValidationError(at(), "NaT", "is missing", "a date");
    const auto day = v / kDay - (v % kDay < 0 ? 1 : 0);  // floor: days before 1970 too
    if (v - day * kDay != 0)
      throw ValidationError(at(), to_iso_string(Date(1970, 1, 1) + boost::gregorian::days(day)) + " (and a time)",
                            "has a time of day", "a date, or a timestamp at midnight");
    days[i] = static_cast<std::int32_t>(day);
  }
  return days;
}

// The frame's columns of a cohort, read in place (views into the str objects of the arrays, which the caller holds
// with the GIL), and the options: what _cohort_outcomes and _cohort_part share.
struct FrameCohort {
  std::vector<std::string_view> id, program, track, delivery, diagnosis;
  std::deque<std::string> codes;  // the diagnoses' canonical texts
  std::vector<std::int32_t> rows, day;
  std::span<const std::int8_t> phq9;
  std::vector<CourseEnd> end;
  std::vector<OutcomeExclusion> exclusion;
  CohortOptions options;

  FrameCohort(const py::array& patient, const Array<std::int64_t>& date_ns, const Array<std::int8_t>& totals,
              const py::array& ids, const py::array& programs, const py::array& tracks, const py::array& deliveries,
              const py::array& diagnoses, py::handle ends, py::handle exclusions, py::handle as_of,
              double reliability, std::optional<double> sd, const std::vector<std::string>& by)
      : id(str_views(ids, "patients.patient")),
        program(str_views(programs, "patients.program")),
        track(str_views(tracks, "patients.track")),
        delivery(str_views(deliveries, "patients.delivery")) {
    diagnosis = canonical_diagnoses(str_views(diagnoses, "patients.diagnosis"), delivery, codes);
    rows = rows_of(id, patient);
    options.as_of = to_date(as_of, "as_of");
    options.reliability = reliability;
    options.sd = sd;
    for (std::size_t i = 0; i < by.size(); ++i)
      options.by.push_back(parse_cohort_dimension(by[i], "by[" + std::to_string(i) + "]"));
    end = names_of<CourseEnd, 4>(ends, id.size(), "patients.discharge",
                                 [](std::string_view v, const std::string& f) { return parse_course_end(v, f); });
    exclusion = names_of<OutcomeExclusion, 7>(
        exclusions, id.size(), "patients.exclusion",
        [](std::string_view v, const std::string& f) { return parse_outcome_exclusion(v, f); });
    day = days_of(date_ns);
    phq9 = span_of(totals);
  }
  [[nodiscard]] CohortPatientColumns patients() const {
    return {id, program, track, delivery, diagnosis, end, exclusion};
  }
  [[nodiscard]] CohortScores scores() const { return {rows, day, phq9}; }
};

// The kernel's call, its `patients[5].id` named as the frame's `patients.patient[5]`.
template <class Call>
auto in_frame_names(Call call) {
  try {
    return call();
  } catch (const ValidationError& e) {
    const auto& field = e.field();
    if (field.rfind("patients[", 0) == 0 && field.size() > 13 && field.compare(field.size() - 4, 4, "].id") == 0)
      throw ValidationError(e, "patients.patient[" + field.substr(9, field.size() - 13) + "]");
    throw;
  }
}

// The outcomes' groups, SD, threshold and warnings as a dict (the patients' rows go as columns).
py::object summary_of(const CohortOutcomes& outcomes) {
  auto summary = to_json(outcomes, std::span<const CohortPatient>());
  summary.erase("patients");
  return json_to_python(summary);
}

// Every patient's outcome as numpy columns (moved out of the outcomes).
py::dict patient_columns(PatientOutcomes& o) {
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
  return columns;
}

// Defines a function of a cohort given as a frame's columns (the arguments of iop.outcomes' kernel calls, in one
// place): `run` receives the columns read in place.
template <class Run>
void def_frame_kernel(py::module_& m, const char* name, const char* doc, Run run) {
  m.def(
      name,
      [run](const py::array& patient, const Array<std::int64_t>& date_ns, const Array<std::int8_t>& phq9,
            const py::array& ids, const py::array& programs, const py::array& tracks, const py::array& deliveries,
            const py::array& diagnoses, py::handle ends, py::handle exclusions, py::handle as_of, double reliability,
            std::optional<double> sd, const std::vector<std::string>& by) {
        const FrameCohort cohort(patient, date_ns, phq9, ids, programs, tracks, deliveries, diagnoses, ends,
                                 exclusions, as_of, reliability, sd, by);
        return run(cohort);
      },
      "patient"_a, "date_ns"_a.noconvert(), "phq9"_a.noconvert(), "ids"_a, "programs"_a, "tracks"_a, "deliveries"_a,
      "diagnoses"_a, "ends"_a, "exclusions"_a, "as_of"_a, "reliability"_a, "sd"_a, "by"_a, doc);
}

// A part's text read and checked: larger than a request may be (a part of many groups and days), never deeper.
CohortTally read_part(const std::string& text, const std::string& name) {
  // A group's days are at most 73,567 (1900-2100); a part of a thousand groups with a year of days each is about
  // 20 MB. The bounds keep a crafted text from costing more than a real part could.
  JsonLimits limits;
  limits.max_bytes = std::size_t{64} << 20;
  limits.max_depth = 8;
  limits.max_elements = 100'000;
  return cohort_tally_from_json(parse_json(text, name, limits), name);
}

}  // namespace

void register_episode(py::module_& m) {
  m.def(
      "_read_episode",
      [](const std::string& text) {
        std::string canonical;
        {
          py::gil_scoped_release release;
          // Read as episode.state reads its episode, errors named from `episode`: the document limits, the reader
          // and its checks. The compact text (members in sorted order) is what iop.Episode keeps and sends, inside
          // requests of at most the document limit: so it must leave room for the largest request around it.
          const JsonLimits limits;
          auto document = parse_json(text, "episode", limits);
          (void)episode_from_json(document, "episode");
          canonical = to_compact_json(document);
          constexpr std::size_t kLargestRequestAround =
              std::string_view(R"({"api_version":1,"as_of":"2000-01-01","attendance_threshold":100,"episode":)").size() +
              std::string_view(R"(,"format":"fhir","not_improving_weeks":26,"since":"2000-01-01"})").size();
          if (canonical.size() > limits.max_bytes - kLargestRequestAround)
            throw ValidationError("episode", "", "is " + std::to_string(canonical.size()) + " bytes of compact JSON",
                                  "at most " + std::to_string(limits.max_bytes - kLargestRequestAround) +
                                      " bytes, so that a request around it is at most " +
                                      std::to_string(limits.max_bytes) + " bytes");
        }
        return canonical;
      },
      "text"_a,
      "Reads and checks an episode document as episode.state does and returns its compact text; use iop.Episode.");
  auto episode = m.def_submodule("outcomes", "Cohort outcomes (the compiled part of iop.outcomes).");
  def_frame_kernel(episode, "_cohort_outcomes",
                   "Cohort outcomes from a frame's columns (the text columns and the scores' patient column as numpy "
                   "object arrays of str, read in place): (the summary dict without patients, the patients' columns).",
                   [](const FrameCohort& cohort) {
                     // The GIL stays held: the views point into str objects another thread could drop from the arrays.
                     auto outcomes = in_frame_names(
                         [&] { return cohort_outcomes(cohort.patients(), cohort.scores(), cohort.options); });
                     return py::make_tuple(summary_of(outcomes), patient_columns(outcomes.patients));
                   });
  def_frame_kernel(episode, "_cohort_part",
                   "The tally of some patients with all their scores (columns as _cohort_outcomes), as its compact "
                   "JSON text.",
                   [](const FrameCohort& cohort) {
                     const auto tally = in_frame_names(
                         [&] { return cohort_tally(cohort.patients(), cohort.scores(), cohort.options); });
                     return to_compact_json(to_json(tally));
                   });
  episode.def(
      "_merge_parts",
      [](const std::vector<std::string>& parts) {
        py::gil_scoped_release release;
        CohortTally whole;
        for (std::size_t i = 0; i < parts.size(); ++i) {
          const auto name = "parts[" + std::to_string(i) + "]";
          try {
            merge(whole, read_part(parts[i], name));
          } catch (const ValidationError& e) {  // `part.as_of`: the part that differs, by its place
            if (e.field().rfind("part.", 0) != 0) throw;
            throw ValidationError(e, name + e.field().substr(4));
          }
        }
        if (whole.groups.empty()) throw ValidationError("parts", "[]", "is empty", "at least one part");
        return to_compact_json(to_json(whole));
      },
      "parts"_a, "Parts' texts added up, as the text of the whole (each part read and checked first).");
  episode.def(
      "_read_part",
      [](const std::string& text) {
        py::gil_scoped_release release;
        return to_compact_json(to_json(read_part(text, "part")));
      },
      "text"_a, "A part's text read and checked (errors name `part`), as its canonical compact text.");
  episode.def(
      "_finish_part",
      [](const std::string& text) {
        CohortOutcomes outcomes;
        {
          py::gil_scoped_release release;
          outcomes = cohort_outcomes(read_part(text, "part"));
        }
        return summary_of(outcomes);
      },
      "text"_a, "The outcomes of a whole tally's text: the summary dict (groups, SD, threshold, warnings).");
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
