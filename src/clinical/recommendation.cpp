#include "iop/clinical/recommendation.hpp"

#include <algorithm>
#include <array>
#include <string>

#include <nlohmann/json.hpp>

#include "iop/clinical/measures.hpp"
#include "iop/core/error.hpp"
#include "iop/core/json.hpp"
#include "declared.hpp"
#include "core/embedded.hpp"
#include "core/enum_names.hpp"

namespace iop {
namespace {

using nlohmann::json;

constexpr std::array<std::pair<IntakeFlag, std::string_view>, 7> kFlags{{
    {IntakeFlag::suicidal_ideation_with_plan_or_intent, "suicidal_ideation_with_plan_or_intent"},
    {IntakeFlag::danger_to_others, "danger_to_others"},
    {IntakeFlag::medical_instability, "medical_instability"},
    {IntakeFlag::psychosis, "psychosis"},
    {IntakeFlag::failed_outpatient_treatment, "failed_outpatient_treatment"},
    {IntakeFlag::co_occurring_substance_use, "co_occurring_substance_use"},
    {IntakeFlag::phq9_item9_positive, "phq9_item9_positive"},
}};

// A range of a rule's conditions: its members and their declared bounds (decl::phq9_range, gad7_range, age_range).
IntRange read_range(const JsonReader& in, std::span<const std::string_view> members, const decl::Int& min,
                    const decl::Int& max) {
  in.expect_only(members);
  IntRange range;
  if (auto v = in.find(min)) range.min = static_cast<int>(v->as_int(min));
  if (auto v = in.find(max)) range.max = static_cast<int>(v->as_int(max));
  if (!range.min && !range.max) throw ValidationError(in.path(), "{}", "is an empty range", "min, max or both");
  if (range.min && range.max && *range.min > *range.max)
    throw ValidationError(in.path() + ".max", std::to_string(*range.max), "is below min",
                          std::to_string(*range.min) + ".." + std::to_string(max.max));
  return range;
}

// The three ranges of a rule's conditions are written alike: their declarations must agree.
static_assert(decl::phq9_range::members == decl::gad7_range::members &&
              decl::phq9_range::members == decl::age_range::members);

json range_json(const IntRange& r) {
  using decl::key;
  json j = json::object();
  if (r.min) j[key(decl::phq9_range::min)] = *r.min;
  if (r.max) j[key(decl::phq9_range::max)] = *r.max;
  return j;
}

LevelRule read_rule(const JsonReader& in) {
  in.expect_only(decl::level_of_care_rule::members);
  LevelRule rule;
  rule.id = in.identifier(decl::level_of_care_rule::id);
  rule.reason = in.text(decl::level_of_care_rule::reason);
  rule.source = in.text(decl::level_of_care_rule::source);
  if (auto v = in.find(decl::level_of_care_rule::recommend)) rule.recommend = parse_level_of_care(v->as_string(), v->path());
  const auto when = in.at(decl::level_of_care_rule::when);
  when.expect_only(decl::rule_conditions::members);
  if (auto v = when.find(decl::rule_conditions::phq9)) rule.phq9 = read_range(*v, decl::phq9_range::members, decl::phq9_range::min, decl::phq9_range::max);
  if (auto v = when.find(decl::rule_conditions::gad7)) rule.gad7 = read_range(*v, decl::gad7_range::members, decl::gad7_range::min, decl::gad7_range::max);
  if (auto v = when.find(decl::rule_conditions::age)) rule.age = read_range(*v, decl::age_range::members, decl::age_range::min, decl::age_range::max);
  if (auto v = when.find(decl::rule_conditions::flags)) {
    if (!v->json().is_object()) throw ValidationError(v->path(), "", "is a JSON " + std::string(v->json().type_name()), "{\"flag\": true|false}");
    for (const auto& item : v->json().items()) {
      const auto flag = parse_intake_flag(item.key(), v->path() + "." + item.key());
      rule.flags.emplace_back(flag, v->at(item.key()).as_bool());
    }
  }
  if (auto v = when.find(decl::rule_conditions::current_level))
    for (std::size_t i = 0; i < v->array_size(decl::rule_conditions::current_level); ++i)
      rule.current_level_in.push_back(parse_level_of_care(v->at(i).as_string(), v->at(i).path()));
  if (when.json().empty())
    throw ValidationError(when.path(), "{}", "has no conditions", "at least one of phq9, gad7, age, flags, current_level");
  return rule;
}

}  // namespace

std::string_view to_string(IntakeFlag flag) noexcept { return detail::enum_name(kFlags, flag); }

IntakeFlag parse_intake_flag(std::string_view name, std::string_view field) {
  return detail::parse_enum(kFlags, name, field, "an intake flag");
}

bool Intake::has(IntakeFlag flag) const noexcept {
  return std::find(flags.begin(), flags.end(), flag) != flags.end();
}

void Intake::validate() const {
  if (phq9_total) (void)severity_of(Measure::phq9, *phq9_total, "intake.phq9.total");
  if (gad7_total) (void)severity_of(Measure::gad7, *gad7_total, "intake.gad7.total");
  if (age && (*age < 0 || *age > 120))
    throw ValidationError("intake.age", std::to_string(*age), "is not an age in years", "0..120");
}

bool LevelRule::matches(const Intake& intake) const {
  if (phq9 && (!intake.phq9_total || !phq9->contains(*intake.phq9_total))) return false;
  if (gad7 && (!intake.gad7_total || !gad7->contains(*intake.gad7_total))) return false;
  if (age && (!intake.age || !age->contains(*intake.age))) return false;
  for (const auto& [flag, present] : flags)
    if (intake.has(flag) != present) return false;
  if (!current_level_in.empty() &&
      (!intake.current_level ||
       std::find(current_level_in.begin(), current_level_in.end(), *intake.current_level) == current_level_in.end()))
    return false;
  return true;
}

LevelOfCareRules LevelOfCareRules::from_json(const json& document, std::string path) {
  const JsonReader root(document, std::move(path));
  root.expect_only(decl::level_of_care_rules::members);
  LevelOfCareRules out;
  out.version_ = root.identifier(decl::level_of_care_rules::version);
  if (auto v = root.find(decl::level_of_care_rules::description)) (void)v->as_text(decl::level_of_care_rules::description);
  const auto rules = root.at(decl::level_of_care_rules::rules);
  for (std::size_t i = 0; i < rules.array_size(decl::level_of_care_rules::rules); ++i) {
    auto rule = read_rule(rules.at(i));
    for (const auto& earlier : out.rules_)
      if (earlier.id == rule.id)
        throw ValidationError(rules.at(i).path() + ".id", iop::quoted(rule.id), "repeats an earlier rule's id",
                              "unique rule ids");
    out.rules_.push_back(std::move(rule));
  }
  if (out.rules_.empty()) throw ValidationError(rules.path(), "[]", "has no rules", "at least one rule");
  return out;
}

const LevelOfCareRules& LevelOfCareRules::defaults() {
  // Parsed once from the shipped document (thread-safe static initialisation), then only read.
  static const LevelOfCareRules rules =
      from_json(parse_json(detail::default_level_of_care_rules_json(), "data/level-of-care-rules.json"));
  return rules;
}

json LevelOfCareRules::to_json() const {
  // Every member named through its declaration (declarations/level_of_care_rules.py), as from_json reads it.
  namespace C = decl::rule_conditions;
  namespace R = decl::level_of_care_rule;
  using decl::key;
  json rules = json::array();
  for (const auto& r : rules_) {
    json when = json::object();
    if (r.phq9) when[key(C::phq9)] = range_json(*r.phq9);
    if (r.gad7) when[key(C::gad7)] = range_json(*r.gad7);
    if (r.age) when[key(C::age)] = range_json(*r.age);
    if (!r.flags.empty()) {
      json flags = json::object();
      for (const auto& [flag, present] : r.flags) flags[std::string(iop::to_string(flag))] = present;
      when[key(C::flags)] = std::move(flags);
    }
    if (!r.current_level_in.empty()) {
      json levels = json::array();
      for (auto level : r.current_level_in) levels.push_back(iop::to_string(level));
      when[key(C::current_level)] = std::move(levels);
    }
    json rule{{key(R::id), r.id}, {key(R::when), when}, {key(R::reason), r.reason}, {key(R::source), r.source}};
    if (r.recommend) rule[key(R::recommend)] = iop::to_string(*r.recommend);
    rules.push_back(std::move(rule));
  }
  return json{{key(decl::level_of_care_rules::version), version_}, {key(decl::level_of_care_rules::rules), rules}};
}

Recommendation recommend_level_of_care(const Intake& intake, const LevelOfCareRules& rules) {
  intake.validate();
  Recommendation out;
  out.rules_version = rules.version();
  for (const auto& rule : rules.rules()) {
    if (!rule.matches(intake)) continue;
    out.reasons.push_back({rule.id, rule.reason, rule.source, rule.recommend, false});
    if (rule.recommend && (!out.level || *rule.recommend > *out.level)) out.level = rule.recommend;
  }
  for (auto& reason : out.reasons) reason.decisive = reason.proposes && reason.proposes == out.level;
  if (!out.level)
    out.reasons.push_back({"no-level", "No rule proposes a level of care: more information is needed (a PHQ-9 at least).",
                           "iop", std::nullopt, false});
  return out;
}

Intake intake_from_json(const json& document, std::string path) {
  const JsonReader in(document, std::move(path));
  in.expect_only(decl::intake::members);
  Intake intake;
  if (auto v = in.find(decl::intake::phq9)) {
    v->expect_only(decl::intake_phq9::members);
    if (auto items = v->find(decl::intake_phq9::items)) {
      std::vector<int> scores;
      for (std::size_t i = 0; i < items->array_size(decl::intake_phq9::items); ++i)
        scores.push_back(static_cast<int>(items->at(i).as_int(decl::intake_phq9::items_item)));
      const auto phq = Phq9::from_items(scores, v->path());
      intake.phq9_total = phq.total();
      if (phq.item9_positive()) intake.flags.push_back(IntakeFlag::phq9_item9_positive);
    } else {
      intake.phq9_total = static_cast<int>(v->integer(decl::intake_phq9::total));
    }
  }
  if (auto v = in.find(decl::intake::gad7)) {
    v->expect_only(decl::intake_gad7::members);
    if (auto items = v->find(decl::intake_gad7::items)) {
      std::vector<int> scores;
      for (std::size_t i = 0; i < items->array_size(decl::intake_gad7::items); ++i)
        scores.push_back(static_cast<int>(items->at(i).as_int(decl::intake_gad7::items_item)));
      intake.gad7_total = Gad7::from_items(scores, v->path()).total();
    } else {
      intake.gad7_total = static_cast<int>(v->integer(decl::intake_gad7::total));
    }
  }
  if (auto v = in.find(decl::intake::flags))
    for (std::size_t i = 0; i < v->array_size(decl::intake::flags); ++i) {
      const auto flag = parse_intake_flag(v->at(i).as_string(), v->at(i).path());
      if (!intake.has(flag)) intake.flags.push_back(flag);
    }
  if (auto v = in.find(decl::intake::current_level)) intake.current_level = parse_level_of_care(v->as_string(), v->path());
  if (auto v = in.find(decl::intake::age)) intake.age = static_cast<int>(v->as_int(decl::intake::age));
  return intake;
}

json to_json(const Intake& intake) {
  // Every member named through its declaration (declarations/intake.py), as the reader names it.
  namespace I = decl::intake;
  using decl::key;
  json j = json::object();
  if (intake.phq9_total) j[key(I::phq9)] = {{key(decl::intake_phq9::total), *intake.phq9_total}};
  if (intake.gad7_total) j[key(I::gad7)] = {{key(decl::intake_gad7::total), *intake.gad7_total}};
  json flags = json::array();
  for (auto flag : intake.flags) flags.push_back(to_string(flag));
  j[key(I::flags)] = std::move(flags);
  if (intake.current_level) j[key(I::current_level)] = to_string(*intake.current_level);
  if (intake.age) j[key(I::age)] = *intake.age;
  return j;
}

json to_json(const Recommendation& r) {
  // Every member named through its declaration (declarations/level_of_care_rules.py).
  namespace RE = decl::recommendation;
  namespace RR = decl::recommendation_reason;
  using decl::key;
  json reasons = json::array();
  for (const auto& reason : r.reasons) {
    json j{{key(RR::rule), reason.rule_id}, {key(RR::reason), reason.text}, {key(RR::source), reason.source},
           {key(RR::decisive), reason.decisive}};
    j[key(RR::proposes)] = reason.proposes ? json(to_string(*reason.proposes)) : json(nullptr);
    reasons.push_back(std::move(j));
  }
  json out{{key(RE::rules_version), r.rules_version}, {key(RE::reasons), reasons}};
  out[key(RE::level)] = r.level ? json(to_string(*r.level)) : json(nullptr);
  if (r.level) {
    out[key(RE::asam_level)] = asam_level(*r.level);
    out[key(RE::locus_level)] = locus_level(*r.level);
  }
  return out;
}

Recommendation recommendation_from_json(const json& document, std::string path) {
  const JsonReader in(document, std::move(path));
  in.expect_only(decl::recommendation::members);
  Recommendation r;
  r.rules_version = in.at(decl::recommendation::rules_version).as_string();
  if (auto v = in.find(decl::recommendation::level)) r.level = parse_level_of_care(v->as_string(), v->path());
  const auto reasons = in.at(decl::recommendation::reasons);
  for (std::size_t i = 0; i < reasons.array_size(); ++i) {
    const auto e = reasons.at(i);
    e.expect_only(decl::recommendation_reason::members);
    RecommendationReason reason{e.at(decl::recommendation_reason::rule).as_string(), e.at(decl::recommendation_reason::reason).as_string(), e.at(decl::recommendation_reason::source).as_string(),
                                std::nullopt, e.at(decl::recommendation_reason::decisive).as_bool()};
    if (auto v = e.find(decl::recommendation_reason::proposes)) reason.proposes = parse_level_of_care(v->as_string(), v->path());
    r.reasons.push_back(std::move(reason));
  }
  if (to_json(r) != document)
    throw ValidationError(in.path(), "", "does not match its level (asam_level, locus_level)",
                          "the document as iop wrote it");
  return r;
}

}  // namespace iop
