#include "iop/core/error.hpp"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "core/utf8.hpp"

namespace iop {
namespace {

// How much of each part an error keeps: enough to recognise the value, never a
// whole document.
constexpr std::size_t kFieldChars = 200;
constexpr std::size_t kValueChars = 80;
constexpr std::size_t kProblemChars = 300;
constexpr std::size_t kAllowedChars = 600;

// Unicode's bidirectional formatting characters (UAX #9): they can make a
// terminal or a log show text in an order other than the bytes'.
bool is_bidi_control(char32_t c) {
  return c == 0x200E || c == 0x200F || c == 0x061C || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

}  // namespace

std::string printable_excerpt(std::string_view text, std::size_t max_chars) {
  std::string out;
  out.reserve(std::min(text.size(), max_chars * 2) + 24);
  std::size_t chars = 0;
  std::size_t i = 0;
  char escape[16];
  while (i < text.size() && chars < max_chars) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7F) {
      out += static_cast<char>(c);
      ++i;
    } else if (c < 0x80) {
      std::snprintf(escape, sizeof escape, "\\x%02X", c);
      out += escape;
      ++i;
    } else {
      char32_t code_point = 0;
      const auto length = detail::utf8_sequence(text, i, code_point);
      if (length == 0) {
        std::snprintf(escape, sizeof escape, "\\x%02X", c);
        out += escape;
        ++i;
      } else if (is_bidi_control(code_point) || (code_point >= 0x80 && code_point < 0xA0) || code_point == 0x2028 ||
                 code_point == 0x2029) {
        std::snprintf(escape, sizeof escape, "\\u{%04X}", static_cast<unsigned>(code_point));
        out += escape;
        i += length;
      } else {
        out.append(text.substr(i, length));
        i += length;
      }
    }
    ++chars;
  }
  if (i < text.size()) {
    out += "... (";
    out += std::to_string(text.size());
    out += " bytes)";
  }
  return out;
}

Error::Error(std::string field, std::string value, std::string problem, std::string allowed)
    : field_(printable_excerpt(field, kFieldChars)),
      value_(printable_excerpt(value, kValueChars)),
      problem_(printable_excerpt(problem, kProblemChars)),
      allowed_(printable_excerpt(allowed, kAllowedChars)) {}

Error::Error(const Error& other, std::string field)
    : field_(printable_excerpt(field, kFieldChars)),
      value_(other.value_),
      problem_(other.problem_),
      allowed_(other.allowed_) {}

namespace detail {
std::string join_field(const std::string& prefix, const std::string& field) {
  return field.empty() ? prefix : prefix + "." + field;
}
}  // namespace detail

namespace {

// The message from parts that are already printable excerpts.
std::string compose_message(std::string_view id, std::string_view field, std::string_view value,
                            std::string_view problem, std::string_view allowed) {
  std::string message;
  message.reserve(id.size() + field.size() + value.size() + problem.size() + allowed.size() + 16);
  message += '[';
  message += id;
  message += "] ";
  if (!field.empty()) {
    message += field;
    message += ": ";
  }
  message += value;
  if (!problem.empty()) {
    if (!value.empty()) message += ' ';
    message += problem;
  }
  if (!allowed.empty()) {
    message += "; allowed: ";
    message += allowed;
  }
  return message;
}

}  // namespace

std::string format_error_message(std::string_view id, std::string_view field, std::string_view value,
                                 std::string_view problem, std::string_view allowed) {
  return compose_message(id, printable_excerpt(field, kFieldChars), printable_excerpt(value, kValueChars),
                         printable_excerpt(problem, kProblemChars), printable_excerpt(allowed, kAllowedChars));
}

std::string quoted(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '\'';
  out += text;
  out += '\'';
  return out;
}

ValidationError::ValidationError(std::string field, std::string value, std::string problem,
                                 std::string allowed)
    : std::invalid_argument(format_error_message("iop.validation", field, value, problem, allowed)),
      Error(std::move(field), std::move(value), std::move(problem), std::move(allowed)) {}

ValidationError::ValidationError(const ValidationError& other, std::string field)
    : std::invalid_argument(compose_message("iop.validation", printable_excerpt(field, kFieldChars), other.value(), other.problem(), other.allowed())),
      Error(other, std::move(field)) {}

const char* ValidationError::what() const noexcept { return std::invalid_argument::what(); }

NotFoundError::NotFoundError(std::string field, std::string value, std::string problem,
                             std::string allowed)
    : std::out_of_range(format_error_message("iop.not_found", field, value, problem, allowed)),
      Error(std::move(field), std::move(value), std::move(problem), std::move(allowed)) {}

NotFoundError::NotFoundError(const NotFoundError& other, std::string field)
    : std::out_of_range(compose_message("iop.not_found", printable_excerpt(field, kFieldChars), other.value(), other.problem(), other.allowed())),
      Error(other, std::move(field)) {}

const char* NotFoundError::what() const noexcept { return std::out_of_range::what(); }

OverflowError::OverflowError(std::string field, std::string value, std::string problem,
                             std::string allowed)
    : std::overflow_error(format_error_message("iop.overflow", field, value, problem, allowed)),
      Error(std::move(field), std::move(value), std::move(problem), std::move(allowed)) {}

OverflowError::OverflowError(const OverflowError& other, std::string field)
    : std::overflow_error(compose_message("iop.overflow", printable_excerpt(field, kFieldChars), other.value(), other.problem(), other.allowed())),
      Error(other, std::move(field)) {}

const char* OverflowError::what() const noexcept { return std::overflow_error::what(); }

}  // namespace iop
