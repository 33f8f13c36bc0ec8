#pragma once
/// @file
/// @brief Writing an X12 5010 interchange: ISA/GS/ST envelopes with their counts and control numbers.
///
/// The writer puts out segments with the separators `*`, `^`, `:` and `~` (one
/// segment a line), drops trailing empty elements as X12 requires, counts the
/// segments of each transaction set for SE01 and the sets of the group for GE01,
/// and writes the fixed-length ISA with its elements padded to their widths.
/// A value holding a separator or a character outside X12's character sets is
/// refused: it would change the structure of what is written.
///
/// @code
/// iop::x12::X12Writer out({"SUBMITTER", "PAYER", iop::make_date(2026, 4, 1), 1, "1200", "HC", "005010X222A1"});
/// out.begin_transaction("837", "0001");
/// out.segment({"BHT", "0019", "00", "BATCH1", "20260401", "1200", "CH"});
/// out.end_transaction();
/// std::string text = out.finish();
/// @endcode
///
/// Thread safety: a writer is used by one thread.

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "iop/core/date.hpp"
#include "iop/core/money.hpp"

namespace iop::x12 {

/// @brief What the envelopes of an interchange say.
struct EnvelopeHeader {
  std::string sender;         ///< ISA06 / GS02 (at most 15 characters)
  std::string receiver;       ///< ISA08 / GS03 (at most 15 characters)
  Date date;                  ///< ISA09 / GS04
  std::int64_t control = 1;   ///< ISA13 and GS06 (1..999999999)
  std::string time = "1200";  ///< ISA10 / GS05, HHMM
  std::string functional_id;  ///< GS01: HC (837), HP (835), HB (271)
  std::string version;        ///< GS08, e.g. 005010X222A1
  bool production = true;     ///< ISA15: P (production) or T (test)
};

/// @brief Builds one interchange of one functional group.
class X12Writer {
 public:
  /// @throws ValidationError naming `envelope.<member>` for a value that does not fit its element.
  explicit X12Writer(EnvelopeHeader header);
  /// Starts a transaction set (ST01 @p id, ST02 @p control, ST03 the group's version).
  void begin_transaction(std::string_view id, std::string_view control);
  /// @brief Writes one segment: its ID then its elements (trailing empty ones dropped).
  /// @throws ValidationError naming @p field for an element holding a separator or a character X12 cannot carry.
  void segment(std::initializer_list<std::string_view> elements, std::string_view field = "x12");
  /// @copydoc segment
  void segment(const std::vector<std::string>& elements, std::string_view field = "x12");
  /// @brief A composite element of @p components (joined by the component separator when written).
  /// @throws ValidationError naming @p field for a component holding a separator.
  [[nodiscard]] static std::string composite(std::initializer_list<std::string_view> components,
                                             std::string_view field = "x12");
  /// Ends the transaction set with its SE (the count includes ST and SE).
  void end_transaction();
  /// Ends the group and the interchange and returns the text.
  [[nodiscard]] std::string finish();

 private:
  void put(const std::string_view* begin, const std::string_view* end, std::string_view field);
  EnvelopeHeader header_;
  std::string text_;
  std::string transaction_control_;
  std::size_t segments_ = 0;
  std::size_t transactions_ = 0;
};

/// @brief An amount as X12 writes it: no trailing zeros after the point, no point for whole dollars
///        (`1234.5`, `300`, `-0.05`).
[[nodiscard]] std::string amount_text(Money amount);
/// @brief A date as CCYYMMDD.
[[nodiscard]] std::string date_text(Date date);

}  // namespace iop::x12
