#pragma once
/// @file
/// @brief How iop reports errors: one hierarchy, one message shape.
///
/// Every value in iop is validated where it is built, and at every boundary
/// (JSON, Python, command line). A failure throws one of the leaves below.
/// Each leaf derives from `iop::Error` *and* from the matching standard
/// category, so callers may catch either:
///
/// | iop leaf               | standard base            | Python exception                       |
/// |------------------------|--------------------------|----------------------------------------|
/// | `iop::ValidationError` | `std::invalid_argument`  | `iop.ValidationError` (`ValueError`)   |
/// | `iop::NotFoundError`   | `std::out_of_range`      | `iop.NotFoundError` (`LookupError`)    |
/// | `iop::OverflowError`   | `std::overflow_error`    | `iop.OverflowError` (`OverflowError`)  |
///
/// (In Python every iop exception also derives from `iop.Error`, itself a
/// `ValueError`, because all of them are caused by the input.)
///
/// Every part of an error is stored as a printable excerpt (see
/// `printable_excerpt`): a value of 50 MB, or one holding line breaks, NUL or
/// bidirectional overrides, is echoed as at most 80 escaped characters.
///
/// The message always has the same greppable shape, with a stable id first:
///
///     [iop.validation] plan.weeks: 14 is outside the program's weeks; allowed: 6..12
///
/// that is `[id] field: value problem; allowed: what is allowed`, so a user
/// reads which field was wrong, what was given, and what would be accepted.
///
/// @code
/// try {
///   auto d = iop::parse_date("2026-02-30", "plan.start_date");
/// } catch (const iop::ValidationError& e) {
///   std::cerr << e.what() << '\n';   // names plan.start_date and 2026-02-30
/// }
/// @endcode

#include <stdexcept>
#include <string>
#include <string_view>

namespace iop {

/// @brief The details every iop error carries; a mix-in shared by all leaves.
///
/// `Error` does not derive from `std::exception` itself (its leaves do,
/// through their standard category), so that a leaf has exactly one
/// `std::exception` base and `catch (const std::exception&)` stays unambiguous.
class Error {
 public:
  /// Copies the details.
  Error(const Error&) = default;
  /// Copies the details.
  Error& operator=(const Error&) = default;
  /// Virtual: leaves are destroyed through `iop::Error&`.
  virtual ~Error() = default;

  /// The full message: `[id] field: value problem; allowed: ...`.
  [[nodiscard]] virtual const char* what() const noexcept = 0;
  /// The stable identifier of the error kind, e.g. `iop.validation`.
  [[nodiscard]] virtual std::string_view id() const noexcept = 0;
  /// Path of the offending field, e.g. `plan.tracks[0].zone` (may be empty).
  [[nodiscard]] const std::string& field() const noexcept { return field_; }
  /// The offending value as the user gave it.
  [[nodiscard]] const std::string& value() const noexcept { return value_; }
  /// What is wrong with the value, e.g. `is not a valid calendar date`.
  [[nodiscard]] const std::string& problem() const noexcept { return problem_; }
  /// What would have been accepted, e.g. `6..12`.
  [[nodiscard]] const std::string& allowed() const noexcept { return allowed_; }

 protected:
  /// Stores the parts of the message.
  Error(std::string field, std::string value, std::string problem, std::string allowed);
  /// Copies @p other's parts with another field path (the parts are already excerpts).
  Error(const Error& other, std::string field);

 private:
  std::string field_;
  std::string value_;
  std::string problem_;
  std::string allowed_;
};

/// @brief Builds the one message shape shared by all errors.
/// @return `[id] field: value problem; allowed: allowed` (parts left out when empty).
[[nodiscard]] std::string format_error_message(std::string_view id, std::string_view field,
                                               std::string_view value, std::string_view problem,
                                               std::string_view allowed);

/// @brief A value is malformed or outside its allowed range.
class ValidationError : public std::invalid_argument, public Error {
 public:
  /// @param field   path of the field, e.g. `plan.weeks`
  /// @param value   the offending value as text
  /// @param problem what is wrong, e.g. `is outside the program's weeks`
  /// @param allowed what is allowed, e.g. `6..12`
  ValidationError(std::string field, std::string value, std::string problem,
                  std::string allowed);
  /// The same error about another field path, e.g. the same path inside an enclosing document.
  ValidationError(const ValidationError& other, std::string field);
  [[nodiscard]] const char* what() const noexcept override;
  [[nodiscard]] std::string_view id() const noexcept override { return "iop.validation"; }
};

/// @brief A name or key (a time zone, a code, a program) is not known.
class NotFoundError : public std::out_of_range, public Error {
 public:
  /// @copydoc ValidationError::ValidationError
  NotFoundError(std::string field, std::string value, std::string problem, std::string allowed);
  /// The same error about another field path, e.g. the same path inside an enclosing document.
  NotFoundError(const NotFoundError& other, std::string field);
  [[nodiscard]] const char* what() const noexcept override;
  [[nodiscard]] std::string_view id() const noexcept override { return "iop.not_found"; }
};

/// @brief An exact computation (money in cents) would not fit its integer type.
class OverflowError : public std::overflow_error, public Error {
 public:
  /// @copydoc ValidationError::ValidationError
  OverflowError(std::string field, std::string value, std::string problem, std::string allowed);
  /// The same error about another field path, e.g. the same path inside an enclosing document.
  OverflowError(const OverflowError& other, std::string field);
  [[nodiscard]] const char* what() const noexcept override;
  [[nodiscard]] std::string_view id() const noexcept override { return "iop.overflow"; }
};

/// @brief A short, printable excerpt of a text for an error message.
///
/// At most @p max_chars characters are kept (cut on a UTF-8 character
/// boundary, then `...` and the full length in bytes); control characters,
/// NUL, DEL, bytes that are not UTF-8, and the Unicode bidirectional controls
/// (U+200E, U+200F, U+202A..U+202E, U+2066..U+2069) are written as `\xNN` or
/// `\u{XXXX}` escapes, so that a message is always one short line that
/// cannot reorder or hide text on a terminal or in a log.
[[nodiscard]] std::string printable_excerpt(std::string_view text, std::size_t max_chars = 80);

/// @brief Runs @p work; an iop error it throws is thrown again with its field
/// inside @p prefix (`weeks` in `case.plan` becomes `case.plan.weeks`).
///
/// Functions that check a document name fields from the document's own root;
/// a caller that read that document from inside a larger one (a request, a
/// case) wraps the call so the error names the path in what the user sent.
template <typename Work>
decltype(auto) with_field_prefix(const std::string& prefix, Work&& work);

/// @brief Quotes a user-given text for an error message: `'2026-02-30'`.
[[nodiscard]] std::string quoted(std::string_view text);

namespace detail {
/// `prefix.field`, or `prefix` alone when @p field is empty.
std::string join_field(const std::string& prefix, const std::string& field);
}  // namespace detail

template <typename Work>
decltype(auto) with_field_prefix(const std::string& prefix, Work&& work) {
  if (prefix.empty()) return work();
  try {
    return work();
  } catch (const ValidationError& e) {
    throw ValidationError(e, detail::join_field(prefix, e.field()));
  } catch (const NotFoundError& e) {
    throw NotFoundError(e, detail::join_field(prefix, e.field()));
  } catch (const OverflowError& e) {
    throw OverflowError(e, detail::join_field(prefix, e.field()));
  }
}

}  // namespace iop
