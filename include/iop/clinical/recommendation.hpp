#pragma once
/// @file
/// @brief Level-of-care recommendation from an intake: decision support, never a diagnosis.
///
/// A recommendation applies a rule set to an intake. Every rule whose
/// conditions all hold *matches*; a matching rule either proposes a level of
/// care or only adds a note. The recommended level is the **most intensive
/// level any matching rule proposes**, so a safety rule (acute risk proposes
/// inpatient) can never be outvoted by a symptom rule. Every matching rule is
/// listed as a reason, with its source, and the ones that decided the level
/// are marked.
///
/// The rules are data: `LevelOfCareRules::defaults()` is built from a JSON
/// document shipped with iop, and a clinic can load its own with
/// `LevelOfCareRules::from_json` (schema: the `level-of-care-rules` schema (declarations/level_of_care_rules.py)).
///
/// @code
/// iop::Intake intake;
/// intake.phq9_total = 12;
/// intake.current_level = iop::LevelOfCare::partial_hospitalization;   // stepping down
/// auto r = iop::recommend_level_of_care(intake);
/// // r.level == IOP; r.reasons names rule "step-down-moderate" and its source
/// @endcode

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "iop/clinical/level_of_care.hpp"

namespace iop {

/// @brief Yes/no findings of an intake that rules may test.
enum class IntakeFlag {
  suicidal_ideation_with_plan_or_intent,  ///< acute risk to self
  danger_to_others,                       ///< acute risk to others
  medical_instability,                    ///< needs medical stabilisation
  psychosis,                              ///< active psychotic symptoms
  failed_outpatient_treatment,            ///< weekly outpatient therapy has not been enough
  co_occurring_substance_use,             ///< a substance use disorder alongside
  phq9_item9_positive,                    ///< PHQ-9 item 9 above 0
};

/// @brief The identifier of a flag, e.g. `psychosis`.
[[nodiscard]] std::string_view to_string(IntakeFlag flag) noexcept;
/// @brief The flag named @p name.
/// @throws NotFoundError naming @p field and listing the flags.
[[nodiscard]] IntakeFlag parse_intake_flag(std::string_view name, std::string_view field = "flag");

/// @brief What is known at intake. Absent measures make measure conditions fail.
struct Intake {
  std::optional<int> phq9_total;            ///< PHQ-9 total 0-27
  std::optional<int> gad7_total;            ///< GAD-7 total 0-21
  std::vector<IntakeFlag> flags;            ///< findings that are present
  std::optional<LevelOfCare> current_level; ///< the level the patient is in or comes from (step-down)
  std::optional<int> age;                   ///< age in years

  /// Whether @p flag is present.
  [[nodiscard]] bool has(IntakeFlag flag) const noexcept;
  /// @brief Checks ranges (PHQ-9 0-27, GAD-7 0-21, age 0-120).
  /// @throws ValidationError naming `intake.<field>`.
  void validate() const;
};

/// @brief An inclusive integer range; either end may be open.
struct IntRange {
  std::optional<int> min;  ///< lowest value that matches
  std::optional<int> max;  ///< highest value that matches
  /// Whether @p value is inside.
  [[nodiscard]] bool contains(int value) const noexcept {
    return (!min || value >= *min) && (!max || value <= *max);
  }
};

/// @brief One rule: conditions that must all hold, and what it proposes.
struct LevelRule {
  std::string id;                                   ///< stable identifier, e.g. `acute-suicide-risk`
  std::string reason;                               ///< the reason shown to the clinician
  std::string source;                               ///< where the rule comes from
  std::optional<IntRange> phq9;                     ///< PHQ-9 total range
  std::optional<IntRange> gad7;                     ///< GAD-7 total range
  std::optional<IntRange> age;                      ///< age range in years
  std::vector<std::pair<IntakeFlag, bool>> flags;   ///< required presence (true) or absence (false)
  std::vector<LevelOfCare> current_level_in;        ///< the current level must be one of these
  std::optional<LevelOfCare> recommend;             ///< proposed level, or none for a note

  /// Whether every condition holds for @p intake.
  [[nodiscard]] bool matches(const Intake& intake) const;
};

/// @brief A versioned, ordered set of rules.
class LevelOfCareRules {
 public:
  /// @brief Rules from a JSON document (see the `level-of-care-rules` schema).
  /// @throws ValidationError / NotFoundError naming the JSON path of a bad member.
  [[nodiscard]] static LevelOfCareRules from_json(const nlohmann::json& document, std::string path = "rules_document");
  /// @brief iop's default rules (built from the JSON document shipped with iop).
  [[nodiscard]] static const LevelOfCareRules& defaults();
  /// The JSON document of these rules.
  [[nodiscard]] nlohmann::json to_json() const;

  /// The version label, e.g. `iop-default-2026.1`.
  [[nodiscard]] const std::string& version() const noexcept { return version_; }
  /// The rules in order.
  [[nodiscard]] const std::vector<LevelRule>& rules() const noexcept { return rules_; }

 private:
  std::string version_;
  std::vector<LevelRule> rules_;
};

/// @brief Why a level was recommended: one matching rule.
struct RecommendationReason {
  std::string rule_id;                   ///< the rule
  std::string text;                      ///< its reason
  std::string source;                    ///< its source
  std::optional<LevelOfCare> proposes;   ///< the level it proposes, if any
  bool decisive;                         ///< true when it proposes the recommended level
};

/// @brief The outcome: a level (or none when no rule proposes one) and every reason.
struct Recommendation {
  std::optional<LevelOfCare> level;             ///< the recommended level
  std::vector<RecommendationReason> reasons;    ///< every matching rule, in rule order
  std::string rules_version;                    ///< the rule set's version
};

/// @brief Applies @p rules to @p intake.
/// @throws ValidationError when the intake is out of range.
[[nodiscard]] Recommendation recommend_level_of_care(const Intake& intake,
                                                     const LevelOfCareRules& rules = LevelOfCareRules::defaults());

/// @brief Reads an intake: `{"phq9": {"items": [..]} | {"total": n}, "gad7": ..., "flags": [..], "current_level": "PHP", "age": 34}`.
/// @throws ValidationError / NotFoundError naming the JSON path.
[[nodiscard]] Intake intake_from_json(const nlohmann::json& document, std::string path = "intake");
/// @brief The JSON of an intake (totals, flags, level, age).
[[nodiscard]] nlohmann::json to_json(const Intake& intake);
/// @brief The JSON of a recommendation.
[[nodiscard]] nlohmann::json to_json(const Recommendation& recommendation);
/// @brief Reads a recommendation back (round-trips with `to_json`).
/// @throws ValidationError / NotFoundError naming the JSON path.
[[nodiscard]] Recommendation recommendation_from_json(const nlohmann::json& document,
                                                      std::string path = "recommendation");

}  // namespace iop
