// PHQ-9 and GAD-7 from FHIR R4 resources (iop/io/fhir_measures.hpp): LOINC-coded questions and answers, read
// item by item; nothing guessed. Every element is named through declared.hpp (declarations/measures.py).
#include "iop/io/fhir_measures.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "declared.hpp"
#include "iop/core/error.hpp"
#include "iop/core/json.hpp"

namespace iop {
namespace {

constexpr std::string_view kLoinc = "http://loinc.org";

// PHQ-9 (panel 44249-1) and GAD-7 (panel 69737-5) questions in their order; sources in docs/data.md.
constexpr std::array<std::string_view, 9> kPhq9Items{"44250-9", "44255-8", "44259-0", "44254-1", "44251-7",
                                                     "44258-2", "44252-5", "44253-3", "44260-8"};
constexpr std::array<std::string_view, 7> kGad7Items{"69725-0", "68509-9", "69733-4", "69734-2",
                                                     "69735-9", "69689-8", "69736-7"};
// The four answers of both questionnaires (LOINC answer list LL358-3), scored 0..3. The GAD-7's second question
// (68509-9) may also be answered "More days than not" (LA18938-3), its third answer (2), as LOINC's own form has it.
constexpr std::array<std::string_view, 4> kAnswers{"LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"};
constexpr std::string_view kMoreDaysThanNot = "LA18938-3";
constexpr std::string_view kAnswerNames =
    "LA6568-5 (Not at all, 0), LA6569-3 (Several days, 1), LA6570-1 (More than half the days, 2), LA6571-9 (Nearly "
    "every day, 3)";
// The PHQ-9's difficulty question, not part of the score, and its answers.
constexpr std::string_view kDifficulty = "69722-7";
constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kDifficultyAnswers{{
    {"LA6572-7", "Not difficult at all"},
    {"LA6573-5", "Somewhat difficult"},
    {"LA6575-0", "Very difficult"},
    {"LA6574-3", "Extremely difficult"}}};

struct Question {
  Measure measure;
  int index;  // 0.. in the questionnaire's order; kTotal, kDifficultyItem
};
constexpr int kTotal = -1;
constexpr int kDifficultyItem = -2;

std::optional<Question> question_of(std::string_view code) {
  for (std::size_t i = 0; i < kPhq9Items.size(); ++i)
    if (kPhq9Items[i] == code) return Question{Measure::phq9, static_cast<int>(i)};
  for (std::size_t i = 0; i < kGad7Items.size(); ++i)
    if (kGad7Items[i] == code) return Question{Measure::gad7, static_cast<int>(i)};
  if (code == loinc_total_code(Measure::phq9)) return Question{Measure::phq9, kTotal};
  if (code == loinc_total_code(Measure::gad7)) return Question{Measure::gad7, kTotal};
  if (code == kDifficulty) return Question{Measure::phq9, kDifficultyItem};
  return std::nullopt;
}

// The day of a FHIR date or dateTime, as written (in its own offset): the declared pattern has checked its shape.
Date day_of(const JsonReader& v) {
  const auto text = v.as_string();
  if (text.size() < 10)
    throw ValidationError(v.path(), iop::quoted(text), "names no day", "a FHIR date or dateTime with its day");
  if (text.size() > 10 && text[10] != 'T')
    throw ValidationError(v.path(), iop::quoted(text), "is not a FHIR date or dateTime",
                          "YYYY-MM-DD or YYYY-MM-DDThh:mm:ss with its offset");
  return parse_date(std::string_view(text).substr(0, 10), v.path());
}

void require_status(const JsonReader& resource, std::initializer_list<std::string_view> allowed, const char* what) {
  const auto status = resource.identifier(decl::fhir_measure::status);
  for (auto a : allowed)
    if (status == a) return;
  std::string list;
  for (auto a : allowed) list.append(list.empty() ? "" : ", ").append(a);
  throw ValidationError(resource.at(decl::fhir_measure::status).path(), iop::quoted(status), what, list);
}

// The declared members iop keeps but does not use (a question's text, a code's display) are still read: one of the
// wrong type or too long is refused, as the schema refuses it.
void check_kept_text(const JsonReader& object, const decl::Str& member) {
  if (auto v = object.find(member)) (void)v->as_text(member);
}

// A coding's members, each of its declared type, whatever system it is of.
void check_coding(const JsonReader& coding) {
  if (auto v = coding.find(decl::fhir_coding::system)) (void)v->as_identifier(decl::fhir_coding::system);
  if (auto v = coding.find(decl::fhir_coding::code)) (void)v->as_identifier(decl::fhir_coding::code);
  check_kept_text(coding, decl::fhir_coding::display);
}

// A LOINC code of a coding: its system must be LOINC.
std::pair<std::string, std::string> loinc_code(const JsonReader& coding, std::string_view allowed) {
  check_coding(coding);
  const auto system = coding.find(decl::fhir_coding::system);
  const auto code = coding.find(decl::fhir_coding::code);
  if (!code) throw ValidationError(coding.path() + ".code", "", "is missing", std::string(allowed));
  if (!system || system->as_identifier(decl::fhir_coding::system) != kLoinc)
    throw ValidationError(coding.path() + ".system", system ? iop::quoted(system->as_string()) : "",
                          system ? "is not LOINC" : "is missing", std::string(kLoinc));
  return {code->as_identifier(decl::fhir_coding::code), code->path()};
}

// The declared range of every score and total (the schema's), and the measure's or question's own highest.
constexpr int kDeclaredMax = 27;

int at_most(const JsonReader& v, int value, int max) {
  if (value > max)
    throw ValidationError(v.path(), std::to_string(value), max == 3 ? "is above a question's highest score" : "is above the measure's highest total",
                          "0.." + std::to_string(max));
  return value;
}

// A score as a FHIR integer or decimal (US Core sends the PHQ-9 total as valueDecimal 12): a whole number.
int whole_number(const JsonReader& v, int max) {
  const auto& j = v.json();
  if (j.is_number_float()) {
    const double d = j.get<double>();
    if (d >= 0 && d <= kDeclaredMax && d == static_cast<double>(static_cast<int>(d)))
      return at_most(v, static_cast<int>(d), max);
    throw ValidationError(v.path(), j.dump(), "is not a whole score", "0.." + std::to_string(max));
  }
  return at_most(v, static_cast<int>(v.as_int(0, kDeclaredMax)), max);
}

// One answer's score: a LOINC answer code, or the score itself; both when they agree.
int answer_score(const JsonReader& answer, int max, bool more_days_than_not) {
  std::optional<int> from_code;
  if (auto coding = answer.find(decl::fhir_measure_answer::valueCoding)) {
    const auto [text, code_path] = loinc_code(*coding, kAnswerNames);
    for (std::size_t i = 0; i < kAnswers.size(); ++i)
      if (kAnswers[i] == text) from_code = static_cast<int>(i);
    if (more_days_than_not && text == kMoreDaysThanNot) from_code = 2;
    if (!from_code) throw NotFoundError(code_path, iop::quoted(text), "is not an answer of the questionnaire", std::string(kAnswerNames));
  }
  std::optional<int> from_integer;
  if (auto v = answer.find(decl::fhir_measure_answer::valueInteger)) from_integer = whole_number(*v, max);
  if (auto v = answer.find(decl::fhir_measure_answer::valueDecimal)) {
    if (from_integer) throw ValidationError(v->path(), v->json().dump(), "is a second value", "valueInteger or valueDecimal");
    from_integer = whole_number(*v, max);
  }
  if (from_code && from_integer && *from_code != *from_integer)
    throw ValidationError(answer.path() + ".valueInteger", std::to_string(*from_integer),
                          "disagrees with the answer's code", std::to_string(*from_code) + ", the score of its code");
  if (from_code) return *from_code;
  if (from_integer) return *from_integer;
  throw ValidationError(answer.path(), "{}", "has no answer", "valueCoding (a LOINC answer code) or valueInteger");
}

// The PHQ-9's difficulty answer, in words.
std::string difficulty_of(const JsonReader& answer) {
  std::string allowed;
  for (const auto& [code, name] : kDifficultyAnswers) allowed.append(allowed.empty() ? "" : ", ").append(code).append(" (").append(name).append(")");
  const auto coding = answer.find(decl::fhir_measure_answer::valueCoding);
  if (!coding) throw ValidationError(answer.path() + ".valueCoding", "", "is missing", allowed);
  const auto [text, code_path] = loinc_code(*coding, allowed);
  for (const auto& [code, name] : kDifficultyAnswers)
    if (text == code) return std::string(name);
  throw NotFoundError(code_path, iop::quoted(text), "is not an answer of the difficulty question", allowed);
}

ScoredMeasure from_questionnaire(const JsonReader& resource) {
  require_status(resource, {"completed", "amended"}, "is not a finished questionnaire");
  const Date date = day_of(resource.at(decl::fhir_measure::authored));
  if (auto v = resource.find(decl::fhir_measure::questionnaire)) (void)v->as_identifier(decl::fhir_measure::questionnaire);
  const auto items = resource.at(decl::fhir_measure::item);
  std::optional<Measure> measure;
  std::array<std::optional<int>, 9> answers{};
  std::optional<std::pair<int, std::string>> total;  // the total item's score, and its path
  std::string difficulty;
  for (std::size_t i = 0; i < items.array_size(decl::fhir_measure::item); ++i) {
    const auto item = items.at(i);
    const auto link = item.identifier(decl::fhir_measure_item::linkId);
    check_kept_text(item, decl::fhir_measure_item::text);
    const auto code = std::string_view(link).substr(link.rfind('/') == std::string::npos ? 0 : link.rfind('/') + 1);
    const auto question = question_of(code);
    const auto link_path = item.at(decl::fhir_measure_item::linkId).path();
    if (!question)
      throw NotFoundError(link_path, iop::quoted(link), "is not a PHQ-9 or GAD-7 question's LOINC code",
                          "the PHQ-9's 44250-9 .. 44260-8 and total 44261-6, or the GAD-7's 69725-0 .. 69736-7 and "
                          "total 70274-6 (docs/data.md)");
    if (measure && *measure != question->measure)
      throw ValidationError(link_path, iop::quoted(link), "is a question of the " + std::string(to_string(question->measure)),
                            "the questions of one measure: this response answers the " + std::string(to_string(*measure)));
    measure = question->measure;
    const auto answer_list = item.at(decl::fhir_measure_item::answer);
    if (answer_list.array_size(decl::fhir_measure_item::answer) != 1)
      throw ValidationError(answer_list.path(), std::to_string(answer_list.array_size()) + " answers", "is not one answer",
                            "exactly one answer");
    if (question->index == kTotal) {
      if (total) throw ValidationError(link_path, iop::quoted(link), "answers a question twice", "each question once");
      total = {answer_score(answer_list.at(0), max_total(question->measure), false), link_path};
      continue;
    }
    if (question->index == kDifficultyItem) {
      if (!difficulty.empty()) throw ValidationError(link_path, iop::quoted(link), "answers a question twice", "each question once");
      difficulty = difficulty_of(answer_list.at(0));
      continue;
    }
    auto& slot = answers[static_cast<std::size_t>(question->index)];
    if (slot) throw ValidationError(link_path, iop::quoted(link), "answers a question twice", "each question once");
    slot = answer_score(answer_list.at(0), 3, code == kGad7Items[1]);
  }
  if (!measure)
    throw ValidationError(items.path(), "[]", "answers no question", "the answers of a PHQ-9 or GAD-7");
  const auto codes = loinc_item_codes(*measure);
  ScoredMeasure out{*measure, date, 0, {}, resource.path(), difficulty};
  for (std::size_t q = 0; q < codes.size(); ++q) {
    if (!answers[q])
      throw ValidationError(items.path(), "no answer to " + std::string(codes[q]),
                            "is a partial " + std::string(to_string(*measure)) + ": question " + std::to_string(q + 1) +
                                " is not answered",
                            "an answer to each of its " + std::to_string(codes.size()) + " questions (no score is guessed)");
    out.items.push_back(*answers[q]);
    out.total += *answers[q];
  }
  if (total && total->first != out.total)
    throw ValidationError(total->second, std::to_string(total->first), "is not the sum of the answers",
                          std::to_string(out.total));
  return out;
}

ScoredMeasure from_observation(const JsonReader& resource) {
  require_status(resource, {"final", "amended", "corrected"}, "is not a final result");
  const Date date = day_of(resource.at(decl::fhir_measure::effectiveDateTime));
  check_kept_text(resource.at(decl::fhir_measure::code), decl::fhir_measure_code::text);
  const auto coding = resource.at(decl::fhir_measure::code).at(decl::fhir_measure_code::coding);
  std::optional<Measure> measure;
  std::vector<std::string> seen;
  for (std::size_t i = 0; i < coding.array_size(decl::fhir_measure_code::coding); ++i) {
    const auto c = coding.at(i);
    check_coding(c);
    const auto system = c.find(decl::fhir_coding::system);
    const auto code = c.find(decl::fhir_coding::code);
    if (!system || !code || system->as_identifier(decl::fhir_coding::system) != kLoinc) continue;
    const auto text = code->as_identifier(decl::fhir_coding::code);
    seen.push_back(text);
    for (auto m : {Measure::phq9, Measure::gad7})
      if (text == loinc_total_code(m)) measure = m;
  }
  if (!measure)
    throw NotFoundError(coding.path(), seen.empty() ? "no LOINC code" : iop::quoted(seen.front()),
                        "is not a PHQ-9 or GAD-7 total's LOINC code", "44261-6 (PHQ-9 total) or 70274-6 (GAD-7 total)");
  const auto value_integer = resource.find(decl::fhir_measure::valueInteger);
  const auto quantity = resource.find(decl::fhir_measure::valueQuantity);
  const auto value_string = resource.find(decl::fhir_measure::valueString);
  const int values = int{value_integer.has_value()} + int{quantity.has_value()} + int{value_string.has_value()};
  if (values > 1)
    throw ValidationError(resource.path(), std::to_string(values) + " values", "has more than one value",
                          "one of valueInteger, valueQuantity and valueString");
  if (values == 0)
    throw ValidationError(resource.path() + ".valueInteger", "", "is missing",
                          "the total as valueInteger, valueQuantity or valueString");
  const int max = max_total(*measure);
  int total = 0;
  if (value_integer) {
    total = whole_number(*value_integer, max);
  } else if (quantity) {
    total = whole_number(quantity->at(decl::fhir_measure_quantity::value), max);
  } else {
    const auto text = value_string->as_identifier(8);
    const bool digits = !text.empty() && text.size() <= 2 &&
                        std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits || std::stoi(text) > max)
      throw ValidationError(value_string->path(), iop::quoted(text), "is not a total", "0.." + std::to_string(max) + " in digits");
    total = std::stoi(text);
  }
  return ScoredMeasure{*measure, date, total, {}, resource.path(), {}};
}

}  // namespace

std::span<const std::string_view> loinc_item_codes(Measure measure) noexcept {
  if (measure == Measure::phq9) return kPhq9Items;
  return kGad7Items;
}

std::string_view loinc_total_code(Measure measure) noexcept { return measure == Measure::phq9 ? "44261-6" : "70274-6"; }

std::string_view loinc_panel_code(Measure measure) noexcept { return measure == Measure::phq9 ? "44249-1" : "69737-5"; }

std::vector<ScoredMeasure> measures_from_fhir(const nlohmann::json& resources, std::string path) {
  const JsonReader list(resources, std::move(path));
  std::vector<ScoredMeasure> out;
  for (std::size_t i = 0; i < list.array_size(limits::max_list); ++i) {
    const auto resource = list.at(i);
    const auto kind = resource.at(decl::fhir_measure::resourceType).as_string();
    if (kind == "QuestionnaireResponse") {
      out.push_back(from_questionnaire(resource));
    } else if (kind == "Observation") {
      out.push_back(from_observation(resource));
    } else {
      throw NotFoundError(resource.at(decl::fhir_measure::resourceType).path(), iop::quoted(kind),
                          "is not a resource iop reads measures from", "QuestionnaireResponse or Observation");
    }
  }
  return out;
}

}  // namespace iop
