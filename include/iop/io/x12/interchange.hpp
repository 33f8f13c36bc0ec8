#pragma once
/// @file
/// @brief Reading an X12 5010 interchange: separators from ISA, envelopes checked, one segment at a time.
///
/// An interchange is `ISA ... GS ... ST ... SE ... GE ... IEA`. The reader takes
/// the separators from the fixed-length ISA segment (the element separator is
/// its 4th character, the repetition separator ISA11, the component separator
/// ISA16 and the segment terminator the character after it), then hands the
/// caller every segment of every transaction set (ST through SE) while it checks
/// the envelopes around them:
/// - ISA13 = IEA02, IEA01 = the number of functional groups;
/// - GS06 = GE02, GE01 = the number of transaction sets in the group;
/// - ST02 = SE02, SE01 = the number of segments from ST to SE inclusive;
/// - ISA12 is `00501` and GS08 a 5010 guide (`005010...`).
///
/// It holds one segment at a time: a 50 MB 835 read from a stream is never held
/// in memory, only a buffer of at most `X12Limits::max_segment_bytes` beyond the
/// chunk being read. A line break after a segment terminator is allowed (files
/// are often written one segment a line); anything else between segments is not.
///
/// Errors point at the segment and the element, the way a 999 acknowledgment
/// does (IK3 and IK4: the segment's position in the transaction set, ST being 1,
/// and the element's position), and never echo an element that can identify a
/// person (names, identifiers, dates of birth): only codes, amounts, counts and
/// service dates are quoted.
///
///     [iop.validation] 835 segment 12 CAS03: '12.3x' is not an amount; allowed: ...
///
/// Segments outside a transaction set are named by their place in the
/// interchange: `interchange segment 2 GS06`.
///
/// @code
/// std::ifstream file("remittance.835", std::ios::binary);
/// iop::x12::InterchangeReader reader(file);
/// while (const auto* segment = reader.next()) {
///   if (segment->id() == "CLP") total += segment->amount(3);
/// }
/// @endcode
///
/// Thread safety: a reader is used by one thread; distinct readers share nothing.

#include <array>
#include <cstddef>
#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "iop/core/date.hpp"
#include "iop/core/money.hpp"
#include "iop/core/rate.hpp"

namespace iop::x12 {

/// @brief The four separators of an interchange, read from its ISA segment.
struct Delimiters {
  char element = '*';     ///< between elements (ISA's 4th character)
  char repetition = '^';  ///< between repeated elements (ISA11)
  char component = ':';   ///< between the components of a composite element (ISA16)
  char segment = '~';     ///< after every segment (the character after ISA16)
};

/// @brief Bounds on what an interchange may hold (see docs/limits.md).
struct X12Limits {
  /// Longest segment, in bytes with its separators (the 5010 guides' longest is well under 1 KiB).
  std::size_t max_segment_bytes = 4096;
  /// Most elements of a segment (ISA has 16, SV1 21: the health-care guides' widest are near 25).
  std::size_t max_elements = 32;
  /// Longest element (MSG01, the longest element of these guides, is 264 characters).
  std::size_t max_element_bytes = 264;
  /// Largest interchange read as a whole document (the document API's request limit is 4 MiB).
  std::size_t max_document_bytes = std::size_t{4} << 20;
};

/// @brief The envelope of the transaction set being read.
struct Envelope {
  std::string sender;            ///< ISA06, trimmed
  std::string receiver;          ///< ISA08, trimmed
  Date interchange_date;         ///< ISA09 (YYMMDD, read as 20YY)
  std::string interchange_control;  ///< ISA13
  std::string functional_id;     ///< GS01: HB (271), HC (837), HP (835)
  std::string version;           ///< GS08, e.g. 005010X221A1
  std::string group_control;     ///< GS06
  std::string transaction;       ///< ST01: 271, 835, 837
  std::string transaction_control;  ///< ST02
  std::string implementation;    ///< ST03 (the guide; may be empty)
};

class InterchangeReader;

/// @brief A segment ID of 2 or 3 characters as one number (`segment_tag("CLP")`), so that a reader
///        can switch on the ID instead of comparing strings.
[[nodiscard]] constexpr std::uint32_t segment_tag(std::string_view id) noexcept {
  std::uint32_t tag = 0;
  for (std::size_t i = 0; i < id.size() && i < 4; ++i) tag |= static_cast<std::uint32_t>(static_cast<unsigned char>(id[i])) << (8 * i);
  return tag;
}

/// @brief One segment: its ID and elements, valid until the reader moves on.
///
/// Elements are numbered as the guides number them (`CLP03` is `element(3)`);
/// a missing trailing element reads as empty. Every reading function checks the
/// element's form and length and throws `ValidationError` naming the segment's
/// position and the element.
class Segment {
 public:
  /// The segment ID, e.g. `CLP`.
  [[nodiscard]] std::string_view id() const noexcept { return elements_[0]; }
  /// The segment ID as `segment_tag` gives it.
  [[nodiscard]] std::uint32_t tag() const noexcept { return tag_; }
  /// The segment's position: in its transaction set (ST is 1), or in the interchange outside one.
  [[nodiscard]] std::size_t position() const noexcept { return position_; }
  /// Whether it is read inside a transaction set.
  [[nodiscard]] bool in_transaction() const noexcept { return in_transaction_; }
  /// The number of elements after the ID.
  [[nodiscard]] std::size_t size() const noexcept { return count_ - 1; }
  /// Element @p n (1-based), empty when absent.
  [[nodiscard]] std::string_view element(std::size_t n) const noexcept {
    return n < count_ ? elements_[n] : std::string_view{};
  }
  /// Whether element @p n is present and not empty.
  [[nodiscard]] bool has(std::size_t n) const noexcept { return !element(n).empty(); }
  /// Component @p c (1-based) of composite element @p n, empty when absent.
  [[nodiscard]] std::string_view component(std::size_t n, std::size_t c) const noexcept;

  /// `835 segment 12 CAS03`: the field an error names (@p n 0 names the segment itself).
  [[nodiscard]] std::string field(std::size_t n) const;
  /// The same with a component: `837 segment 20 SV101-2`.
  [[nodiscard]] std::string field(std::size_t n, std::size_t c) const;

  /// @brief Fails unless element @p n is present (required by the guide).
  /// @throws ValidationError naming the element.
  void require(std::size_t n) const;
  /// @brief A code element: one of @p allowed.
  /// @throws ValidationError naming the element, the code and the codes allowed.
  std::string_view code(std::size_t n, std::initializer_list<std::string_view> allowed) const;
  /// @brief Text of at most @p max_chars characters (1..max when present). Never echoed in an error:
  ///        text elements carry names and identifiers.
  /// @throws ValidationError naming the element.
  std::string_view text(std::size_t n, std::size_t max_chars, bool required = true) const;
  /// @brief An amount (type R): optional minus, digits, at most two decimals (cents exact).
  /// @throws ValidationError naming the element and the text.
  Money amount(std::size_t n) const;
  /// @brief An amount when present.
  [[nodiscard]] std::optional<Money> optional_amount(std::size_t n) const;
  /// @brief A whole number (type N0 or R without decimals) in [@p min, @p max].
  std::int64_t count(std::size_t n, std::int64_t min, std::int64_t max) const;
  /// @brief A decimal fraction 0..1 (EB08's percent as a decimal: 0.2 is 20%).
  [[nodiscard]] Rate fraction(std::size_t n) const;
  /// @brief A date CCYYMMDD that exists, in 1900..2100. With @p identifying (a birth date) the
  ///        text is not echoed in an error.
  Date date(std::size_t n, bool identifying = false) const;
  /// @brief A date range CCYYMMDD-CCYYMMDD (first not after last), or one date as a range of a day.
  [[nodiscard]] std::pair<Date, Date> date_range(std::size_t n) const;
  /// @brief A failure about element @p n (0: the segment); @p value is echoed as given (pass "" for none).
  [[noreturn]] void fail(std::size_t n, std::string_view value, std::string problem, std::string allowed) const;

 private:
  friend class InterchangeReader;
  std::array<std::string_view, 33> elements_{};
  std::size_t count_ = 0;
  std::uint32_t tag_ = 0;
  std::size_t position_ = 0;
  bool in_transaction_ = false;
  const InterchangeReader* reader_ = nullptr;
};

/// @brief Reads an interchange one transaction-set segment at a time, checking its envelopes.
class InterchangeReader {
 public:
  /// @brief Reads a whole document held in memory (at most `limits.max_document_bytes`).
  /// @throws ValidationError for a document over the limit or an ISA segment that cannot be read.
  explicit InterchangeReader(std::string_view document, X12Limits limits = {});
  /// @brief Reads from a stream in chunks (any size: only one segment is held at a time).
  /// @throws ValidationError for an ISA segment that cannot be read.
  explicit InterchangeReader(std::istream& stream, X12Limits limits = {});
  ~InterchangeReader();
  InterchangeReader(const InterchangeReader&) = delete;
  InterchangeReader& operator=(const InterchangeReader&) = delete;

  /// @brief The next segment of a transaction set (ST through SE), or nullptr after IEA.
  /// @throws ValidationError for a broken envelope, a truncated interchange or a malformed segment.
  [[nodiscard]] const Segment* next();
  /// The separators of the interchange.
  [[nodiscard]] const Delimiters& delimiters() const noexcept { return delimiters_; }
  /// The envelope of the current transaction set.
  [[nodiscard]] const Envelope& envelope() const noexcept { return envelope_; }
  /// The number of transaction sets read so far.
  [[nodiscard]] std::size_t transactions() const noexcept { return transactions_; }
  /// Bytes consumed so far.
  [[nodiscard]] std::uint64_t bytes_read() const noexcept { return consumed_; }

 private:
  friend class Segment;
  bool read_raw(std::string_view& raw, Segment* split_into = nullptr);
  bool scan(std::string_view text, Segment& segment, std::size_t& end);
  void check_id(Segment& segment);
  bool fill();
  void split(std::string_view raw, Segment& segment);
  void read_isa();
  void on_envelope(Segment& segment);
  void check_end();
  [[noreturn]] void fail_here(std::string_view segment_id, std::size_t element, std::string_view value,
                              std::string problem, std::string allowed) const;

  X12Limits limits_;
  Delimiters delimiters_;
  Envelope envelope_;
  std::istream* stream_ = nullptr;
  std::string buffer_;            // streaming: the unread bytes
  std::string_view pending_;      // what remains to be split into segments
  bool eof_ = false;
  std::uint64_t consumed_ = 0;
  Segment segment_;
  std::size_t interchange_position_ = 0;  // segments read in the interchange
  std::size_t transaction_position_ = 0;  // segments read in the current transaction set
  std::size_t groups_ = 0;
  std::size_t sets_in_group_ = 0;
  std::size_t transactions_ = 0;
  enum class State { interchange, group, transaction, done } state_ = State::interchange;
};

/// @brief The 1-based place of @p id in a loop's @p order of segments, 0 when the loop has no such segment:
///        the transaction readers refuse a segment that comes before one that precedes it.
[[nodiscard]] int place_in_loop(std::string_view id, std::initializer_list<std::string_view> order) noexcept;

/// @brief Reads an X12 amount (type R with at most two decimals) exactly: `-12.5` is -$12.50.
/// @return nothing when @p text is not such an amount.
[[nodiscard]] std::optional<Money> parse_amount(std::string_view text) noexcept;

}  // namespace iop::x12
