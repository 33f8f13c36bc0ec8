#include "iop/clinical/icd_code.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "iop/core/error.hpp"
#include "core/enum_names.hpp"

namespace iop {
namespace {

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
char upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

using G = ConditionGroup;

// ICD-10-CM descriptors, FY2026 release (effective 2025-10-01), as published by
// CMS/NCHS (https://www.cms.gov/medicare/coding-billing/icd-10-codes). Kept in
// code order so lookups are a binary search.
constexpr std::array kConditions = std::to_array<ConditionInfo>({
    {"F10.10", "Alcohol abuse, uncomplicated", G::substance_use},
    {"F10.20", "Alcohol dependence, uncomplicated", G::substance_use},
    {"F11.20", "Opioid dependence, uncomplicated", G::substance_use},
    {"F12.20", "Cannabis dependence, uncomplicated", G::substance_use},
    {"F13.20", "Sedative, hypnotic or anxiolytic dependence, uncomplicated", G::substance_use},
    {"F14.20", "Cocaine dependence, uncomplicated", G::substance_use},
    {"F15.20", "Other stimulant dependence, uncomplicated", G::substance_use},
    {"F20.9", "Schizophrenia, unspecified", G::psychotic},
    {"F25.9", "Schizoaffective disorder, unspecified", G::psychotic},
    {"F31.81", "Bipolar II disorder", G::bipolar_and_mood},
    {"F31.9", "Bipolar disorder, unspecified", G::bipolar_and_mood},
    {"F32.0", "Major depressive disorder, single episode, mild", G::depression},
    {"F32.1", "Major depressive disorder, single episode, moderate", G::depression},
    {"F32.2", "Major depressive disorder, single episode, severe without psychotic features", G::depression},
    {"F32.3", "Major depressive disorder, single episode, severe with psychotic features", G::depression},
    {"F32.4", "Major depressive disorder, single episode, in partial remission", G::depression},
    {"F32.5", "Major depressive disorder, single episode, in full remission", G::depression},
    {"F32.81", "Premenstrual dysphoric disorder", G::depression},
    {"F32.89", "Other specified depressive episodes", G::depression},
    {"F32.9", "Major depressive disorder, single episode, unspecified", G::depression},
    {"F32.A", "Depression, unspecified", G::depression},
    {"F33.0", "Major depressive disorder, recurrent, mild", G::depression},
    {"F33.1", "Major depressive disorder, recurrent, moderate", G::depression},
    {"F33.2", "Major depressive disorder, recurrent severe without psychotic features", G::depression},
    {"F33.3", "Major depressive disorder, recurrent, severe with psychotic symptoms", G::depression},
    {"F33.40", "Major depressive disorder, recurrent, in remission, unspecified", G::depression},
    {"F33.41", "Major depressive disorder, recurrent, in partial remission", G::depression},
    {"F33.42", "Major depressive disorder, recurrent, in full remission", G::depression},
    {"F33.8", "Other recurrent depressive disorders", G::depression},
    {"F33.9", "Major depressive disorder, recurrent, unspecified", G::depression},
    {"F34.0", "Cyclothymic disorder", G::bipolar_and_mood},
    {"F34.1", "Dysthymic disorder", G::depression},
    {"F39", "Unspecified mood [affective] disorder", G::bipolar_and_mood},
    {"F40.10", "Social phobia, unspecified", G::anxiety},
    {"F41.0", "Panic disorder [episodic paroxysmal anxiety]", G::anxiety},
    {"F41.1", "Generalized anxiety disorder", G::anxiety},
    {"F41.9", "Anxiety disorder, unspecified", G::anxiety},
    {"F42.2", "Mixed obsessional thoughts and acts", G::obsessive_compulsive},
    {"F42.9", "Obsessive-compulsive disorder, unspecified", G::obsessive_compulsive},
    {"F43.10", "Post-traumatic stress disorder, unspecified", G::trauma_and_stress},
    {"F43.11", "Post-traumatic stress disorder, acute", G::trauma_and_stress},
    {"F43.12", "Post-traumatic stress disorder, chronic", G::trauma_and_stress},
    {"F43.21", "Adjustment disorder with depressed mood", G::trauma_and_stress},
    {"F43.23", "Adjustment disorder with mixed anxiety and depressed mood", G::trauma_and_stress},
    {"F50.00", "Anorexia nervosa, unspecified", G::eating},
    {"F50.20", "Bulimia nervosa, unspecified", G::eating},
    {"F50.819", "Binge eating disorder, unspecified", G::eating},
    {"F50.9", "Eating disorder, unspecified", G::eating},
    {"F53.0", "Postpartum depression", G::depression},
    {"F60.3", "Borderline personality disorder", G::personality},
    {"F60.9", "Personality disorder, unspecified", G::personality},
});

constexpr std::array<std::pair<ConditionGroup, std::string_view>, 9> kGroupNames{{
    {G::depression, "depression"},
    {G::anxiety, "anxiety"},
    {G::trauma_and_stress, "trauma_and_stress"},
    {G::substance_use, "substance_use"},
    {G::personality, "personality"},
    {G::obsessive_compulsive, "obsessive_compulsive"},
    {G::eating, "eating"},
    {G::bipolar_and_mood, "bipolar_and_mood"},
    {G::psychotic, "psychotic"},
}};

// The table is sorted by code, so find_condition may binary-search it.
constexpr bool table_is_sorted() {
  for (std::size_t i = 1; i < kConditions.size(); ++i)
    if (!(kConditions[i - 1].code < kConditions[i].code)) return false;
  return true;
}
static_assert(table_is_sorted(), "keep kConditions in code order");

}  // namespace

IcdCode IcdCode::parse(std::string_view text, std::string_view field) {
  auto fail = [&]() {
    return ValidationError(std::string(field), iop::quoted(text), "is not an ICD-10-CM code",
                           "a letter, a digit, a letter or digit, then optionally '.' and 1 to 4 letters or "
                           "digits, e.g. F32.A or F33.41");
  };
  std::string canonical;
  for (char c : text) {
    if (c == '.') {
      if (canonical.size() != 3) throw fail();
      continue;
    }
    canonical += upper(c);
  }
  if (canonical.size() < 3 || canonical.size() > 7) throw fail();
  if (!is_upper(canonical[0]) || !is_digit(canonical[1]) || !(is_digit(canonical[2]) || is_upper(canonical[2])))
    throw fail();
  for (std::size_t i = 3; i < canonical.size(); ++i)
    if (!is_digit(canonical[i]) && !is_upper(canonical[i])) throw fail();
  if (std::count(text.begin(), text.end(), '.') > 1 || (!text.empty() && text.back() == '.')) throw fail();
  if (canonical.size() > 3) canonical.insert(3, 1, '.');
  return IcdCode(std::move(canonical));
}

std::string_view to_string(ConditionGroup group) noexcept { return detail::enum_name(kGroupNames, group); }

ConditionGroup parse_condition_group(std::string_view name, std::string_view field) {
  return detail::parse_enum(kGroupNames, name, field, "a condition group");
}

std::span<const ConditionInfo> condition_table() noexcept { return kConditions; }

bool is_substance_use(const IcdCode& code) noexcept {
  if (const auto info = find_condition(code)) return info->group == ConditionGroup::substance_use;
  return code.category() >= "F10" && code.category() <= "F19";
}

std::optional<ConditionInfo> find_condition(const IcdCode& code) noexcept {
  const auto it = std::lower_bound(kConditions.begin(), kConditions.end(), code.str(),
                                   [](const ConditionInfo& row, const std::string& key) { return row.code < key; });
  if (it == kConditions.end() || it->code != code.str()) return std::nullopt;
  return *it;
}

}  // namespace iop
