#pragma once
/// @file
/// @brief Name tables for enumerations (internal): one place for printing and parsing.

#include <array>
#include <string>
#include <string_view>
#include <utility>

#include "iop/core/error.hpp"

namespace iop::detail {

/// A table of an enumeration's values and their names.
template <class Enum, std::size_t N>
using EnumNames = std::array<std::pair<Enum, std::string_view>, N>;

/// The name of @p value (the first entry's name for a value not in the table).
template <class Enum, std::size_t N>
[[nodiscard]] std::string_view enum_name(const EnumNames<Enum, N>& table, Enum value) noexcept {
  for (const auto& [v, name] : table)
    if (v == value) return name;
  return table.front().second;
}

/// The names, comma-separated, for an error's "allowed" part.
template <class Enum, std::size_t N>
[[nodiscard]] std::string enum_names_list(const EnumNames<Enum, N>& table) {
  std::string out;
  for (const auto& entry : table) out += (out.empty() ? "" : ", ") + std::string(entry.second);
  return out;
}

/// The value named @p text; throws NotFoundError naming @p field and listing the names.
template <class Enum, std::size_t N>
[[nodiscard]] Enum parse_enum(const EnumNames<Enum, N>& table, std::string_view text, std::string_view field,
                              std::string_view what) {
  for (const auto& [v, name] : table)
    if (name == text) return v;
  throw NotFoundError(std::string(field), iop::quoted(text), "is not " + std::string(what), enum_names_list(table));
}

}  // namespace iop::detail
