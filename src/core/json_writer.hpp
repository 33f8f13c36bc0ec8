#pragma once
// Compact JSON written straight from values into one string, byte for byte what
// to_compact_json writes for the same document built as a DOM. A calendar of a
// few dozen sessions is some twenty thousand bytes; building it as an
// nlohmann::json first (a map node and a string per member) cost several times
// the calendar itself.
//
// A DOM writes an object's members in ascending byte order of their names
// (nlohmann::json keeps them in a std::map); so must every layout written here.
// Debug builds (the ones the tests run) check it: a member out of order, or given
// twice, throws std::logic_error at once; the golden corpus compares every
// response's bytes as well. A layout is the same in every build, so release
// builds skip the check.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "iop/core/date.hpp"
#include "iop/core/money.hpp"
#include "iop/core/zoned_time.hpp"

namespace iop::detail {

/// `text` as a JSON string, with its quotes; invalid UTF-8 is replaced as nlohmann's dump does.
void append_json_string(std::string_view text, std::string& out);

/// Writes one JSON value (object, array or scalar) into a string.
class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}
  // A value left unfinished (an exception on the way) leaves the string at its text, not at the room grown
  // ahead of it. A finished value has cut it already; what a caller appends after that is left alone.
  ~JsonWriter() {
    if (!levels_.empty() && out_.size() > size_) out_.resize(size_);
  }
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  /// The next member's name: a name written in the code (its characters need no escape, and it
  /// outlives the object being written), ascending after the previous member's (see above).
  JsonWriter& key(std::string_view name);

  void string(std::string_view text);
  void integer(std::int64_t n);
  void boolean(bool b);
  void null();
  /// A date as a JSON string, `"2026-01-05"`.
  void date(const Date& d);
  /// `{"local","offset","utc","zone"}`, as to_json(ZonedTime) writes it.
  void zoned_time(const ZonedTime& t);
  /// An amount as a JSON string, `"1234.56"` (Money::to_plain_string).
  void money(const Money& m);
  /// A value already written as compact JSON by this library.
  void raw(std::string_view json_text);

  /// Members: `key(name)` then the value.
  void member(std::string_view name, std::string_view text) { key(name).string(text); }
  void member(std::string_view name, const char* text) { key(name).string(text); }
  void member(std::string_view name, const std::string& text) { key(name).string(text); }
  void member(std::string_view name, bool b) { key(name).boolean(b); }
  void member(std::string_view name, int n) { key(name).integer(n); }
  void member(std::string_view name, long n) { key(name).integer(n); }
  void member(std::string_view name, long long n) { key(name).integer(n); }
  void member(std::string_view name, unsigned n) { key(name).integer(n); }
  void member(std::string_view name, const Date& d) { key(name).date(d); }
  void member(std::string_view name, const ZonedTime& t) { key(name).zoned_time(t); }
  /// An amount as iop writes amounts, `"1234.56"`.
  void member(std::string_view name, const Money& m) { key(name).money(m); }
  /// An array of strings.
  void member(std::string_view name, const std::vector<std::string>& texts);

 private:
  void before_value();
  // A value is whole: at the outermost level, the string ends where the text does.
  void complete_value() {
    if (levels_.empty()) flush();
  }
  // The text is written straight into the string, at size_: the string is grown (to its reserved
  // capacity first) ahead of the text and cut to size_ when a value is whole. A calendar has a few
  // thousand short pieces (a comma, a member's name, a number, a date); each is a copy, not a call.
  char* room(std::size_t n) {
    if (size_ + n > out_.size()) grow(n);
    return out_.data() + size_;
  }
  void grow(std::size_t n);
  void put(char c) {
    *room(1) = c;
    ++size_;
  }
  void put(std::string_view text) {
    if (text.empty()) return;  // an empty view may hold no pointer, which memcpy may not be given
    std::memcpy(room(text.size()), text.data(), text.size());
    size_ += text.size();
  }
  void quoted(std::string_view text);
  // `2026-01-05` at `to` (10 bytes). A calendar writes the same days over and over (a session's date, its
  // start and end, local and UTC, which an evening in the Americas puts on the next day): the last two
  // days written are kept and copied when asked again.
  char* iso_date(char* to, const Date& d);
  // The same, of a day by its number (Date::day_number()).
  char* iso_day(char* to, std::uint32_t day_number);
  // `2026-01-05T09:00:00` at `to` (19 bytes), the day through iso_date.
  char* iso_date_time(char* to, const DateTime& t);
  void flush() { out_.resize(size_); }

  struct Level {
    bool object;
    bool empty;
    std::string_view last_key;
  };
  std::string& out_;
  std::vector<Level> levels_;
  bool after_key_ = false;
  struct WrittenDate {
    std::uint32_t day_number = 0;  // Date::day_number(); 0 (4713 BC, before any Date) until a day is written
    char text[10] = {};            // its text
  };
  WrittenDate written_dates_[2];
  unsigned next_date_slot_ = 0;  // the slot the next new day replaces
  std::size_t size_ = out_.size();  // where the text ends; the string may run past it while writing
};

}  // namespace iop::detail
