#pragma once
/// @file
/// @brief `IcdCode`: a syntactically valid ICD-10-CM code, and the conditions an IOP meets.
///
/// An ICD-10-CM code is a letter, a digit, a letter or digit (the category,
/// e.g. `F32`), then optionally a dot and one to four letters or digits
/// (e.g. `F32.A`, `F33.41`, `F43.10`). `IcdCode` checks that shape and keeps
/// the code in its canonical form (upper case, with the dot), so `f329` and
/// `F32.9` are the same code. Whether a well-formed code exists in the
/// current ICD-10-CM release is a separate question: `find_condition`
/// answers it for the codes iop knows (the depression family and the
/// co-occurring conditions of the reference programs); other well-formed
/// codes are accepted and reported as not in iop's table.
///
/// @code
/// auto dx = iop::IcdCode::parse("F33.1");
/// if (auto c = iop::find_condition(dx)) std::cout << c->description;  // "Major depressive disorder, recurrent, moderate"
/// iop::IcdCode::parse("F3");            // throws iop::ValidationError naming 'F3'
/// @endcode

#include <compare>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace iop {

/// @brief A well-formed ICD-10-CM code in canonical form (`F32.A`).
class IcdCode {
 public:
  /// @brief Parses a code, with or without the dot, in any letter case.
  /// @throws ValidationError naming @p field and the text when it is not of
  ///         the form letter, digit, letter-or-digit, then optionally a dot and
  ///         1 to 4 letters or digits.
  [[nodiscard]] static IcdCode parse(std::string_view text, std::string_view field = "code");

  /// The canonical text, e.g. `F33.41`.
  [[nodiscard]] const std::string& str() const noexcept { return code_; }
  /// The three-character category, e.g. `F33`.
  [[nodiscard]] std::string_view category() const noexcept { return std::string_view(code_).substr(0, 3); }

  /// Same code.
  friend bool operator==(const IcdCode&, const IcdCode&) = default;
  /// Ordered by text. Written out rather than defaulted: older standard libraries
  /// (Emscripten's libc++) have no `<=>` for std::string.
  friend std::strong_ordering operator<=>(const IcdCode& a, const IcdCode& b) noexcept {
    return a.code_.compare(b.code_) <=> 0;
  }

 private:
  explicit IcdCode(std::string code) : code_(std::move(code)) {}
  std::string code_;
};

/// @brief The clinical family a condition belongs to.
enum class ConditionGroup {
  depression,         ///< depressive disorders (F32, F33, F34.1, F53.0)
  anxiety,            ///< anxiety disorders (F40, F41)
  trauma_and_stress,  ///< PTSD and adjustment disorders (F43)
  substance_use,      ///< substance use disorders (F10-F19)
  personality,        ///< personality disorders (F60)
  obsessive_compulsive,  ///< OCD (F42)
  eating,             ///< eating disorders (F50)
  bipolar_and_mood,   ///< bipolar and other mood disorders (F31, F34.0, F39)
  psychotic,          ///< schizophrenia spectrum (F20, F25)
};

/// @brief Lower-case name of a group, e.g. `substance_use`.
[[nodiscard]] std::string_view to_string(ConditionGroup group) noexcept;
/// @brief The group named @p name.
/// @throws NotFoundError naming @p field and listing the groups.
[[nodiscard]] ConditionGroup parse_condition_group(std::string_view name, std::string_view field = "group");

/// @brief One row of iop's condition table.
struct ConditionInfo {
  std::string_view code;         ///< canonical ICD-10-CM code
  std::string_view description;  ///< ICD-10-CM descriptor
  ConditionGroup group;          ///< clinical family
};

/// @brief The conditions iop knows, in code order (ICD-10-CM FY2026 descriptors).
[[nodiscard]] std::span<const ConditionInfo> condition_table() noexcept;

/// @brief Whether @p code is a substance use disorder: in the table's substance-use
///        group, or for codes outside the table any code of categories F10-F19.
///        (A substance-use IOP bills HCPCS H0015 per day instead of S9480.)
[[nodiscard]] bool is_substance_use(const IcdCode& code) noexcept;

/// @brief The table row of @p code, or nothing when the code is well formed but not in the table.
[[nodiscard]] std::optional<ConditionInfo> find_condition(const IcdCode& code) noexcept;

}  // namespace iop
