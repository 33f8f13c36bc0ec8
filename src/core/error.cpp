#include "iop/core/error.hpp"

#include <utility>

namespace iop {

Error::Error(std::string field, std::string value, std::string problem, std::string allowed)
    : field_(std::move(field)),
      value_(std::move(value)),
      problem_(std::move(problem)),
      allowed_(std::move(allowed)) {}

std::string format_error_message(std::string_view id, std::string_view field,
                                 std::string_view value, std::string_view problem,
                                 std::string_view allowed) {
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

const char* ValidationError::what() const noexcept { return std::invalid_argument::what(); }

NotFoundError::NotFoundError(std::string field, std::string value, std::string problem,
                             std::string allowed)
    : std::out_of_range(format_error_message("iop.not_found", field, value, problem, allowed)),
      Error(std::move(field), std::move(value), std::move(problem), std::move(allowed)) {}

const char* NotFoundError::what() const noexcept { return std::out_of_range::what(); }

OverflowError::OverflowError(std::string field, std::string value, std::string problem,
                             std::string allowed)
    : std::overflow_error(format_error_message("iop.overflow", field, value, problem, allowed)),
      Error(std::move(field), std::move(value), std::move(problem), std::move(allowed)) {}

const char* OverflowError::what() const noexcept { return std::overflow_error::what(); }

}  // namespace iop
