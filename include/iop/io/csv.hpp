#pragma once
/// @file
/// @brief CSV cells (RFC 4180) that a spreadsheet cannot run as formulas.
///
/// iop writes CSV with CRLF line ends and a header row (RFC 4180 section 2).
/// A cell holding a comma, a double quote, CR or LF is enclosed in double
/// quotes with inner quotes doubled, so no value can break a row. A text cell
/// that starts with `=`, `+`, `-`, `@`, a tab or CR would be read as a formula
/// by spreadsheet programs (the "CSV injection" of OWASP's cheat sheet), so
/// it is written with a leading apostrophe, which spreadsheets show as text.
/// Numbers, dates and money that iop formats itself are written as they are.
///
/// @code
/// iop::csv_text("=HYPERLINK(\"x\")");   // "'=HYPERLINK(""x"")" (quoted, neutralised)
/// iop::csv_text("a, b");                // "a, b" in quotes
/// @endcode
///
/// Thread safety: pure functions.

#include <string>
#include <string_view>

namespace iop {

/// @brief A cell iop formatted itself (a number, a date, a code): quoted only when RFC 4180 requires it.
[[nodiscard]] std::string csv_value(std::string_view value);

/// @brief A cell of free text from the input (an id, a note, a rule): formula-neutralised, then quoted as needed.
[[nodiscard]] std::string csv_text(std::string_view value);

}  // namespace iop
