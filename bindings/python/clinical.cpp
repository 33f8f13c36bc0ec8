// Python bindings of the clinical area: ICD-10-CM codes, PHQ-9/GAD-7,
// trajectories, levels of care, modalities and the level-of-care recommendation.

#include <pybind11/native_enum.h>
#include <pybind11/operators.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <functional>
#include <string>
#include <vector>

#include "casters.hpp"
#include "iop/clinical/icd_code.hpp"
#include "iop/clinical/level_of_care.hpp"
#include "iop/clinical/measures.hpp"
#include "iop/clinical/modality.hpp"
#include "iop/clinical/recommendation.hpp"
#include "json_bridge.hpp"
#include "register.hpp"
#include "value.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace iop::python {
namespace {

LevelOfCare level_from_python(py::handle value, const char* field) {
  if (py::isinstance<LevelOfCare>(value)) return value.cast<LevelOfCare>();
  if (PyUnicode_Check(value.ptr())) return parse_level_of_care(value.cast<std::string>(), field);
  throw py::type_error(std::string(field) + ": expected an iop.LevelOfCare or a code such as 'IOP'");
}

IcdCode code_from_python(py::handle value, const char* field) {
  if (py::isinstance<IcdCode>(value)) return value.cast<IcdCode>();
  if (PyUnicode_Check(value.ptr())) return IcdCode::parse(value.cast<std::string>(), field);
  throw py::type_error(std::string(field) + ": expected an iop.IcdCode or a str such as 'F33.1'");
}

Measure measure_from_python(py::handle value) {
  if (py::isinstance<Measure>(value)) return value.cast<Measure>();
  if (PyUnicode_Check(value.ptr())) return parse_measure(value.cast<std::string>(), "measure");
  throw py::type_error("measure: expected an iop.Measure or 'PHQ-9'/'GAD-7'");
}

// Item answers as exact integers (the scoring checks each is 0-3 and names it).
std::vector<int> items_from_python(py::handle items) {
  if (PyUnicode_Check(items.ptr()) || !py::isinstance<py::iterable>(items))
    throw py::type_error("items: expected a sequence of integers, got " + type_name(items));
  std::vector<int> out;
  std::size_t i = 0;
  for (auto item : py::reinterpret_borrow<py::iterable>(items))
    out.push_back(static_cast<int>(to_integer(item, "items[" + std::to_string(i++) + "]", -1000, 1000)));
  return out;
}

std::optional<int> optional_int(py::handle value, const char* field, int lo, int hi) {
  if (value.is_none()) return std::nullopt;
  return static_cast<int>(to_integer(value, field, lo, hi));
}

py::list scores_to_python(const std::vector<DatedScore>& scores) {
  py::list out;
  for (const auto& s : scores) out.append(py::make_tuple(date_to_python(s.date), s.total));
  return out;
}

}  // namespace

void register_clinical(py::module_& m) {
  py::native_enum<ConditionGroup>(m, "ConditionGroup", "enum.Enum", "The clinical family of a condition.")
      .value("depression", ConditionGroup::depression)
      .value("anxiety", ConditionGroup::anxiety)
      .value("trauma_and_stress", ConditionGroup::trauma_and_stress)
      .value("substance_use", ConditionGroup::substance_use)
      .value("personality", ConditionGroup::personality)
      .value("obsessive_compulsive", ConditionGroup::obsessive_compulsive)
      .value("eating", ConditionGroup::eating)
      .value("bipolar_and_mood", ConditionGroup::bipolar_and_mood)
      .value("psychotic", ConditionGroup::psychotic)
      .finalize();

  py::class_<ConditionInfo>(m, "ConditionInfo", "A row of iop's ICD-10-CM condition table.")
      .def_property_readonly("code", [](const ConditionInfo& c) { return std::string(c.code); }, "The ICD-10-CM code.")
      .def_property_readonly("description", [](const ConditionInfo& c) { return std::string(c.description); },
                             "The ICD-10-CM descriptor.")
      .def_readonly("group", &ConditionInfo::group, "The clinical family.")
      .def("__repr__", [](const ConditionInfo& c) {
        return "ConditionInfo('" + std::string(c.code) + "', '" + std::string(c.description) + "')";
      });
  {
    auto cls = py::reinterpret_borrow<py::class_<ConditionInfo>>(m.attr("ConditionInfo"));
    def_tuple_value(cls, [](const ConditionInfo& c) { return py::make_tuple(std::string(c.code)); },
                    [](const py::tuple& t) {
                      const auto code = IcdCode::parse(t[0].cast<std::string>(), "ConditionInfo.code");
                      const auto found = find_condition(code);
                      if (!found)
                        throw NotFoundError("ConditionInfo.code", code.str(), "is not in iop's condition table",
                                            "a code of condition_table()");
                      return *found;
                    });
  }

  py::class_<IcdCode>(m, "IcdCode", R"doc(A well-formed ICD-10-CM code in canonical form.

>>> IcdCode('f3341')
IcdCode('F33.41')
>>> IcdCode('F33.1').condition.description
'Major depressive disorder, recurrent, moderate')doc")
      .def(py::init([](const std::string& text) { return IcdCode::parse(text, "code"); }), "code"_a,
           "Parses a code with or without the dot; a malformed one raises iop.ValidationError.")
      .def_property_readonly("code", &IcdCode::str, "The canonical text, e.g. 'F33.41'.")
      .def_property_readonly("category", [](const IcdCode& c) { return std::string(c.category()); },
                             "The three-character category, e.g. 'F33'.")
      .def_property_readonly("condition", [](const IcdCode& c) { return find_condition(c); },
                             "The row of iop's table, or None for a code not in it.")
      .def("__str__", &IcdCode::str)
      .def("__repr__", [](const IcdCode& c) { return "IcdCode('" + c.str() + "')"; })
      .def("__hash__", [](const IcdCode& c) { return std::hash<std::string>{}(c.str()); })
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def(py::self < py::self)
      .def("__copy__", [](const IcdCode& c) { return c; })
      .def("__deepcopy__", [](const IcdCode& c, py::handle) { return c; }, "memo"_a)
      .def(py::pickle([](const IcdCode& c) { return py::make_tuple(kPickleVersion, c.str()); },
                      [](const py::tuple& t) {
                        check_pickle_state(t, 2, "IcdCode");
                        return IcdCode::parse(t[1].cast<std::string>(), "IcdCode.__setstate__");
                      }));

  m.def("condition_table", [] {
        std::vector<ConditionInfo> rows(condition_table().begin(), condition_table().end());
        return rows;
      },
      "Every condition iop knows (ICD-10-CM FY2026 descriptors), in code order.");
  m.def("find_condition", [](py::handle code) { return find_condition(code_from_python(code, "code")); }, "code"_a,
        "The table row of a code (str or IcdCode), or None when the well-formed code is not in the table.");

  py::native_enum<Measure>(m, "Measure", "enum.Enum", "The measures iop scores.")
      .value("phq9", Measure::phq9, "PHQ-9, total 0-27")
      .value("gad7", Measure::gad7, "GAD-7, total 0-21")
      .finalize();
  py::native_enum<Severity>(m, "Severity", "enum.Enum", "PHQ-9/GAD-7 severity bands.")
      .value("minimal", Severity::minimal)
      .value("mild", Severity::mild)
      .value("moderate", Severity::moderate)
      .value("moderately_severe", Severity::moderately_severe)
      .value("severe", Severity::severe)
      .finalize();
  m.def("severity_of",
        [](py::handle measure, const Integer& total) {
          return severity_of(measure_from_python(measure), static_cast<int>(total.get("total", -1000, 1000)));
        },
        "measure"_a, "total"_a, "The severity band of a total (out of range raises iop.ValidationError).");

  py::class_<Phq9>(m, "Phq9", R"doc(A scored PHQ-9 (nine items, each 0-3).

>>> Phq9([2, 2, 1, 2, 1, 1, 2, 1, 0]).total
12)doc")
      .def(py::init([](py::handle items) { return Phq9::from_items(items_from_python(items)); }), "items"_a,
           "Scores nine item answers; a bad item raises iop.ValidationError naming it.")
      .def_property_readonly("items", [](const Phq9& p) { return std::vector<int>(p.items().begin(), p.items().end()); },
                             "The nine item scores.")
      .def_property_readonly("total", &Phq9::total, "The total, 0-27.")
      .def_property_readonly("severity", &Phq9::severity, "The severity band.")
      .def_property_readonly("item9_positive", &Phq9::item9_positive,
                             "True when item 9 (self-harm thoughts) is above 0: follow up now.")
      .def("__repr__", [](const Phq9& p) {
        return "Phq9(total=" + std::to_string(p.total()) + ", severity='" + std::string(to_string(p.severity())) +
               "', item9_positive=" + (p.item9_positive() ? "True" : "False") + ")";
      });
  {
    auto cls = py::reinterpret_borrow<py::class_<Phq9>>(m.attr("Phq9"));
    def_tuple_value(cls, [](const Phq9& p) { return py::tuple(py::cast(std::vector<int>(p.items().begin(), p.items().end()))); },
                    [](const py::tuple& t) { return Phq9::from_items(items_from_python(t)); });
  }
  py::class_<Gad7>(m, "Gad7", "A scored GAD-7 (seven items, each 0-3).")
      .def(py::init([](py::handle items) { return Gad7::from_items(items_from_python(items)); }), "items"_a,
           "Scores seven item answers; a bad item raises iop.ValidationError naming it.")
      .def_property_readonly("items", [](const Gad7& g) { return std::vector<int>(g.items().begin(), g.items().end()); },
                             "The seven item scores.")
      .def_property_readonly("total", &Gad7::total, "The total, 0-21.")
      .def_property_readonly("severity", &Gad7::severity, "The severity band.")
      .def("__repr__", [](const Gad7& g) {
        return "Gad7(total=" + std::to_string(g.total()) + ", severity='" + std::string(to_string(g.severity())) + "')";
      });
  {
    auto cls = py::reinterpret_borrow<py::class_<Gad7>>(m.attr("Gad7"));
    def_tuple_value(cls, [](const Gad7& g) { return py::tuple(py::cast(std::vector<int>(g.items().begin(), g.items().end()))); },
                    [](const py::tuple& t) { return Gad7::from_items(items_from_python(t)); });
  }

  py::class_<Trajectory>(m, "Trajectory", R"doc(Dated totals of one measure; the first is the baseline.

>>> t = Trajectory('PHQ-9', [(date(2026, 3, 2), 18), (date(2026, 4, 13), 8)])
>>> t.is_response, t.is_remission
(True, False))doc")
      .def(py::init([](py::handle measure, py::iterable scores) {
             return Trajectory(measure_from_python(measure), scores_from_python(scores));
           }),
           "measure"_a, "scores"_a, "`scores` is an iterable of (date, total) pairs, in any order.")
      .def_property_readonly("measure", &Trajectory::measure, "The measure.")
      .def_property_readonly("scores", [](const Trajectory& t) { return scores_to_python(t.scores()); },
                             "(date, total) pairs in date order.")
      .def_property_readonly("change_from_baseline", &Trajectory::change_from_baseline,
                             "Latest minus baseline (negative is better).")
      .def_property_readonly("percent_reduction", &Trajectory::percent_reduction,
                             "Reduction from baseline in percent, or None for a zero baseline.")
      .def_property_readonly("is_response", &Trajectory::is_response, "At least 50% below baseline.")
      .def_property_readonly("is_remission", &Trajectory::is_remission, "PHQ-9 below 5.")
      .def_property_readonly("weeks_without_improvement", &Trajectory::weeks_without_improvement,
                             "Whole weeks since the last new best score.")
      .def("__repr__", [](const Trajectory& t) {
        return "Trajectory('" + std::string(to_string(t.measure())) + "', " + std::to_string(t.scores().size()) +
               " scores, change " + std::to_string(t.change_from_baseline()) + ")";
      });
  {
    auto cls = py::reinterpret_borrow<py::class_<Trajectory>>(m.attr("Trajectory"));
    def_tuple_value(cls,
                    [](const Trajectory& t) {
                      return py::make_tuple(std::string(to_string(t.measure())), py::tuple(scores_to_python(t.scores())));
                    },
                    [](const py::tuple& t) {
                      return Trajectory(measure_from_python(t[0]), scores_from_python(t[1].cast<py::iterable>()));
                    });
  }

  py::native_enum<LevelOfCare>(m, "LevelOfCare", "enum.IntEnum", "Levels of care, least to most intensive.")
      .value("outpatient", LevelOfCare::outpatient, "OP")
      .value("intensive_outpatient", LevelOfCare::intensive_outpatient, "IOP")
      .value("partial_hospitalization", LevelOfCare::partial_hospitalization, "PHP")
      .value("residential", LevelOfCare::residential)
      .value("inpatient", LevelOfCare::inpatient)
      .finalize();
  py::native_enum<AgeGroup>(m, "AgeGroup", "enum.Enum", "Adult (18+) or adolescent.")
      .value("adult", AgeGroup::adult)
      .value("adolescent", AgeGroup::adolescent)
      .finalize();
  m.def("level_code", [](py::handle level) { return std::string(to_string(level_from_python(level, "level"))); },
        "level"_a, "The short code: 'OP', 'IOP', 'PHP', 'residential' or 'inpatient'.");
  m.def("asam_level", [](py::handle level) { return std::string(asam_level(level_from_python(level, "level"))); },
        "level"_a, "The ASAM level, e.g. '2.1'.");
  m.def("locus_level", [](py::handle level) { return locus_level(level_from_python(level, "level")); }, "level"_a,
        "The LOCUS level number.");

  py::class_<WeeklyHoursBounds>(m, "WeeklyHoursBounds", "Weekly clinical contact bounds, in minutes.")
      .def_readonly("min_minutes", &WeeklyHoursBounds::min_minutes, "At least this many minutes, or None.")
      .def_readonly("max_minutes", &WeeklyHoursBounds::max_minutes, "At most this many minutes, or None.")
      .def_readonly("below_minutes", &WeeklyHoursBounds::below_minutes, "Strictly fewer than this many, or None.")
      .def("contains",
           [](const WeeklyHoursBounds& b, const Integer& minutes) {
             return b.contains(static_cast<int>(minutes.get("minutes", 0, 7 * 24 * 60)));
           },
           "minutes"_a, "Whether a weekly total is within the bounds.")
      .def("describe", &WeeklyHoursBounds::describe, "Text such as '9-19 h'.")
      .def("__repr__", [](const WeeklyHoursBounds& b) { return "WeeklyHoursBounds('" + b.describe() + "')"; });
  {
    auto cls = py::reinterpret_borrow<py::class_<WeeklyHoursBounds>>(m.attr("WeeklyHoursBounds"));
    def_tuple_value(cls,
                    [](const WeeklyHoursBounds& b) { return py::make_tuple(b.min_minutes, b.max_minutes, b.below_minutes); },
                    [](const py::tuple& t) {
                      return WeeklyHoursBounds{optional_int(t[0], "min_minutes", 0, 10080),
                                               optional_int(t[1], "max_minutes", 0, 10080),
                                               optional_int(t[2], "below_minutes", 0, 10080)};
                    });
  }
  m.def("weekly_hours_bounds",
        [](py::handle level, AgeGroup group) { return weekly_hours_bounds(level_from_python(level, "level"), group); },
        "level"_a, "age_group"_a = AgeGroup::adult, "The weekly contact-hour bounds of a level for an age group.");
  m.def("compare_with_weekly_therapy",
        [](const Integer& minutes) {
          const auto c = compare_with_weekly_therapy(static_cast<int>(minutes.get("weekly_minutes", 0, 7 * 24 * 60)));
          return py::make_tuple(c.times_low, c.times_high);
        },
        "weekly_minutes"_a,
        "How many weekly therapy sessions the contact equals: (against 60-minute, against 45-minute sessions).");

  py::class_<ModalityInfo>(m, "ModalityInfo", "A modality of the catalog with its default minutes and billing code.")
      .def_property_readonly("id", [](const ModalityInfo& i) { return std::string(i.id); }, "Identifier, e.g. 'dbt'.")
      .def_property_readonly("name", [](const ModalityInfo& i) { return std::string(i.name); }, "Display name.")
      .def_property_readonly("format", [](const ModalityInfo& i) { return std::string(to_string(i.format)); },
                             "'individual', 'group' or 'family'.")
      .def_readonly("default_minutes", &ModalityInfo::default_minutes, "Usual block length.")
      .def_property_readonly("default_code", [](const ModalityInfo& i) { return std::string(i.default_code); },
                             "Default CPT/HCPCS code.")
      .def_property_readonly("code_system", [](const ModalityInfo& i) { return std::string(i.code_system); },
                             "'CPT' or 'HCPCS'.")
      .def("__repr__", [](const ModalityInfo& i) {
        return "ModalityInfo('" + std::string(i.id) + "', " + std::to_string(i.default_minutes) + " min, " +
               std::string(i.default_code) + ")";
      });
  {
    auto cls = py::reinterpret_borrow<py::class_<ModalityInfo>>(m.attr("ModalityInfo"));
    def_tuple_value(cls, [](const ModalityInfo& i) { return py::make_tuple(std::string(i.id)); },
                    [](const py::tuple& t) {
                      return modality_info(parse_modality(t[0].cast<std::string>(), "ModalityInfo.id"));
                    });
  }
  m.def("modality_catalog", [] {
        std::vector<ModalityInfo> rows(modality_catalog().begin(), modality_catalog().end());
        return rows;
      },
      "Every modality with its defaults.");
  m.def("psychotherapy_code_for_minutes",
        [](const Integer& minutes) -> std::optional<std::string> {
          auto code = psychotherapy_code_for_minutes(static_cast<int>(minutes.get("minutes", 0, 1440)));
          return code ? std::optional<std::string>(std::string(*code)) : std::nullopt;
        },
        "minutes"_a, "CPT 90832 (16-37 min), 90834 (38-52) or 90837 (53+); None under 16 minutes.");

  py::class_<RecommendationReason>(m, "RecommendationReason", "One matching rule of a recommendation.")
      .def_readonly("rule_id", &RecommendationReason::rule_id, "The rule.")
      .def_readonly("text", &RecommendationReason::text, "Its reason.")
      .def_readonly("source", &RecommendationReason::source, "Its source.")
      .def_readonly("proposes", &RecommendationReason::proposes, "The level it proposes, or None for a note.")
      .def_readonly("decisive", &RecommendationReason::decisive, "Whether it decided the recommended level.")
      .def("__repr__", [](const RecommendationReason& r) {
        return "RecommendationReason('" + r.rule_id + "', decisive=" + (r.decisive ? "True" : "False") + ")";
      });
  {
    auto cls = py::reinterpret_borrow<py::class_<RecommendationReason>>(m.attr("RecommendationReason"));
    def_tuple_value(cls,
                    [](const RecommendationReason& r) {
                      return py::make_tuple(r.rule_id, r.text, r.source,
                                            r.proposes ? py::object(py::str(std::string(to_string(*r.proposes))))
                                                       : py::object(py::none()),
                                            r.decisive);
                    },
                    [](const py::tuple& t) {
                      RecommendationReason r{t[0].cast<std::string>(), t[1].cast<std::string>(), t[2].cast<std::string>(),
                                             std::nullopt, to_bool(t[4], "RecommendationReason.decisive")};
                      if (!t[3].is_none()) r.proposes = level_from_python(t[3], "RecommendationReason.proposes");
                      return r;
                    });
  }
  py::class_<Recommendation>(m, "Recommendation", "A recommended level of care with every reason (decision support).")
      .def_readonly("level", &Recommendation::level, "The recommended level, or None.")
      .def_readonly("reasons", &Recommendation::reasons, "Every matching rule, in rule order.")
      .def_readonly("rules_version", &Recommendation::rules_version, "The rule set's version.")
      .def("__repr__", [](const Recommendation& r) {
        return "Recommendation(level=" + (r.level ? "'" + std::string(to_string(*r.level)) + "'" : std::string("None")) +
               ", reasons=" + std::to_string(r.reasons.size()) + ")";
      });
  {
    auto cls = py::reinterpret_borrow<py::class_<Recommendation>>(m.attr("Recommendation"));
    def_json_value(cls, "recommendation", [](const Recommendation& r) { return to_json(r); },
                   [](const nlohmann::json& j, const std::string& path) { return recommendation_from_json(j, path); });
  }

  m.def(
      "recommend_level_of_care",
      [](py::object intake, py::object phq9, py::object gad7, std::vector<std::string> flags,
         py::object current_level, py::object age, py::object rules) {
        Intake in;
        if (!intake.is_none()) {
          in = intake_from_json(json_from_python(intake, "intake"));
        } else {
          in.phq9_total = optional_int(phq9, "phq9", 0, 27);
          in.gad7_total = optional_int(gad7, "gad7", 0, 21);
          for (std::size_t i = 0; i < flags.size(); ++i)
            in.flags.push_back(parse_intake_flag(flags[i], "flags[" + std::to_string(i) + "]"));
          if (!current_level.is_none()) in.current_level = level_from_python(current_level, "current_level");
          in.age = optional_int(age, "age", 0, 130);
        }
        if (rules.is_none()) return recommend_level_of_care(in);
        return recommend_level_of_care(in, LevelOfCareRules::from_json(json_from_python(rules, "rules")));
      },
      "intake"_a = py::none(), py::kw_only(), "phq9"_a = py::none(), "gad7"_a = py::none(),
      "flags"_a = std::vector<std::string>{}, "current_level"_a = py::none(), "age"_a = py::none(),
      "rules"_a = py::none(),
      R"doc(Recommends a level of care (decision support, never a diagnosis).

Give either an intake dict (the JSON form: phq9/gad7 as {'items': [...]} or
{'total': n}, flags, current_level, age) or the keyword arguments. `rules`
replaces iop's default rule set with a clinic's own (same JSON form).)doc");
  m.def("default_level_of_care_rules", [] { return json_to_python(LevelOfCareRules::defaults().to_json()); },
        "iop's default rules as a dict (a starting point for a clinic's own).");
}

}  // namespace iop::python
