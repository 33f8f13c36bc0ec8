#include "core/json_writer.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "core/append_text.hpp"
#include "core/utf8.hpp"
#include "core/word_scan.hpp"

namespace iop::detail {
namespace {

// Bytes a string cannot copy as they are: controls, quote, backslash, and the
// leads of multi-byte UTF-8 sequences (checked for validity).
constexpr std::array<bool, 256> kSpecialByte = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 0x20; ++c) table[static_cast<std::size_t>(c)] = true;
  table['"'] = table['\\'] = true;
  for (int c = 0x80; c < 0x100; ++c) table[static_cast<std::size_t>(c)] = true;
  return table;
}();

// Whether `text` holds a byte kSpecialByte names, eight bytes at a time: most strings a response holds (codes,
// names, identifiers, a zone's name) have none, and are copied as they are.
bool has_special_byte(std::string_view text) {
  namespace scan = word_scan;
  return scan::any_byte(
      text,
      [](std::uint64_t word) {
        return scan::bytes_below(word, 0x20) | scan::bytes_equal(word, '"') | scan::bytes_equal(word, '\\') |
               (word & scan::kHighBits);
      },
      [](unsigned char byte) { return kSpecialByte[byte]; });
}

// Writes `text` as a JSON string (quotes included) at `to`, which has room for 6 bytes a byte of text and 2;
// returns the end, or nullptr when the text is not UTF-8 (nothing a caller may use is then written).
char* write_json_string(char* to, std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  *to++ = '"';
  std::size_t run = 0;
  std::size_t i = 0;
  const auto copy_run = [&](std::size_t end) {
    if (end == run) return;  // an empty view may hold no pointer, which memcpy may not be given
    std::memcpy(to, text.data() + run, end - run);
    to += end - run;
  };
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (!kSpecialByte[c]) {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      char32_t code_point = 0;
      const auto length = utf8_sequence(text, i, code_point);
      if (length == 0) return nullptr;
      i += length;
      continue;
    }
    copy_run(i);
    *to++ = '\\';
    switch (c) {
      case '"': *to++ = '"'; break;
      case '\\': *to++ = '\\'; break;
      case '\b': *to++ = 'b'; break;
      case '\f': *to++ = 'f'; break;
      case '\n': *to++ = 'n'; break;
      case '\r': *to++ = 'r'; break;
      case '\t': *to++ = 't'; break;
      default:
        *to++ = 'u';
        *to++ = '0';
        *to++ = '0';
        *to++ = hex[c >> 4];
        *to++ = hex[c & 0xF];
    }
    run = ++i;
  }
  copy_run(text.size());
  *to++ = '"';
  return to;
}

}  // namespace

void append_json_string(std::string_view text, std::string& out) {
  const std::size_t start = out.size();
  out.resize(start + 6 * text.size() + 2);
  if (char* end = write_json_string(out.data() + start, text)) {
    out.resize(static_cast<std::size_t>(end - out.data()));
    return;
  }
  // Not UTF-8 (no parsed input holds that, but a caller's string might): the library's own replacement.
  out.resize(start);
  out += nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void JsonWriter::grow(std::size_t n) {
  // To the capacity reserved (a response reserves what it expects to write), else doubling.
  out_.resize(std::max({out_.capacity(), out_.size() * 2, size_ + n + 64}));
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (levels_.empty()) return;
  auto& level = levels_.back();
  if (level.object) throw std::logic_error("JsonWriter: a value in an object without its member name");
  if (!level.empty) put(',');
  level.empty = false;
}

void JsonWriter::begin_object() {
  before_value();
  put('{');
  levels_.push_back({true, true, {}});
}

void JsonWriter::end_object() {
  if (levels_.empty() || !levels_.back().object || after_key_) throw std::logic_error("JsonWriter: no object to end");
  levels_.pop_back();
  put('}');
  complete_value();
}

void JsonWriter::begin_array() {
  before_value();
  put('[');
  levels_.push_back({false, true, {}});
}

void JsonWriter::end_array() {
  if (levels_.empty() || levels_.back().object) throw std::logic_error("JsonWriter: no array to end");
  levels_.pop_back();
  put(']');
  complete_value();
}

JsonWriter& JsonWriter::key(std::string_view name) {
  if (levels_.empty() || !levels_.back().object || after_key_)
    throw std::logic_error("JsonWriter: a member name outside an object");
  auto& level = levels_.back();
#ifndef NDEBUG
  // What a DOM would write: its members in ascending order, each once, and names as written in the code.
  // Checked in the builds the tests run (the golden corpus compares every response too); a layout is
  // the same in every build, so a release build need not pay for it on every member.
  if (!level.empty && !(level.last_key < name))
    throw std::logic_error("JsonWriter: member \"" + std::string(name) + "\" after \"" + std::string(level.last_key) +
                           "\": a DOM writes members in ascending order, each once");
  for (const char c : name)
    if (kSpecialByte[static_cast<unsigned char>(c)]) throw std::logic_error("JsonWriter: a member name to escape");
  level.last_key = name;
#endif
  // `,"name":` in one copy.
  char* to = room(name.size() + 4);
  if (!level.empty) *to++ = ',';
  level.empty = false;
  *to++ = '"';
  std::memcpy(to, name.data(), name.size());
  to += name.size();
  *to++ = '"';
  *to++ = ':';
  size_ = static_cast<std::size_t>(to - out_.data());
  after_key_ = true;
  return *this;
}

void JsonWriter::quoted(std::string_view text) {
  // Most strings (codes, names, identifiers) have nothing to escape: copied as they are. Others are
  // escaped in place; a string that is not UTF-8 gets the library's replacement (append_json_string).
  if (!has_special_byte(text)) {
    char* to = room(text.size() + 2);
    *to++ = '"';
    if (!text.empty()) std::memcpy(to, text.data(), text.size());
    to[text.size()] = '"';
    size_ += text.size() + 2;
  } else if (char* end = write_json_string(room(6 * text.size() + 2), text)) {
    size_ = static_cast<std::size_t>(end - out_.data());
  } else {
    flush();
    append_json_string(text, out_);
    size_ = out_.size();
  }
}

void JsonWriter::string(std::string_view text) {
  before_value();
  quoted(text);
  complete_value();
}

void JsonWriter::integer(std::int64_t n) {
  before_value();
  char* to = room(24);
  size_ += static_cast<std::size_t>(std::to_chars(to, to + 24, n).ptr - to);
  complete_value();
}

void JsonWriter::boolean(bool b) {
  before_value();
  put(b ? std::string_view("true") : std::string_view("false"));
  complete_value();
}

void JsonWriter::null() {
  before_value();
  put("null");
  complete_value();
}

char* JsonWriter::iso_day(char* to, std::uint32_t day_number) {
  constexpr std::size_t kLength = 10;
  for (const auto& written : written_dates_)
    if (written.day_number == day_number) {
      std::memcpy(to, written.text, kLength);
      return to + kLength;
    }
  auto& slot = written_dates_[next_date_slot_];
  (void)write_iso_day_number(slot.text, day_number);
  slot.day_number = day_number;
  next_date_slot_ ^= 1U;
  std::memcpy(to, slot.text, kLength);
  return to + kLength;
}

char* JsonWriter::iso_date(char* to, const Date& d) {
  if (d.is_special()) return write_iso_date(to, d);  // which refuses it
  return iso_day(to, d.day_number());
}

void JsonWriter::date(const Date& d) {
  before_value();
  put('"');
  char* to = room(10);
  size_ += static_cast<std::size_t>(iso_date(to, d) - to);
  put('"');
  complete_value();
}

char* JsonWriter::iso_date_time(char* to, const DateTime& t) {
  if (t.is_special()) return write_iso_time_of_day(iso_date(to, t.date()), t);  // which refuses it
  // The day and the second of the day from the ticks since 1970, at once: Boost's date() works out year,
  // month and day and a date back from them, and time_of_day() divides again (a calendar writes four a session).
  static const DateTime epoch(Date(1970, 1, 1));
  constexpr std::int64_t kEpochDayNumber = 2440588;  // 1970-01-01 as Boost numbers days (the Julian day number)
  const std::int64_t per_second = boost::posix_time::time_duration::ticks_per_second();
  const std::int64_t per_day = std::int64_t{86400} * per_second;
  const std::int64_t ticks = (t - epoch).ticks();
  std::int64_t days = ticks / per_day;
  std::int64_t rest = ticks % per_day;
  if (rest < 0) {
    rest += per_day;
    --days;
  }
  to = iso_day(to, static_cast<std::uint32_t>(kEpochDayNumber + days));
  // The second of the day as time_of_day() gives it: fractions of a second dropped.
  return write_iso_second_of_day(to, static_cast<int>(rest / per_second));
}

void JsonWriter::zoned_time(const ZonedTime& t) {
  before_value();
  put("{\"local\":\"");
  char* to = room(19);
  size_ += static_cast<std::size_t>(iso_date_time(to, t.local()) - to);
  put("\",\"offset\":\"");
  to = room(6);
  size_ += static_cast<std::size_t>(write_utc_offset(to, t.utc_offset()) - to);
  put("\",\"utc\":\"");
  to = room(19);
  size_ += static_cast<std::size_t>(iso_date_time(to, t.utc()) - to);
  put("Z\",\"zone\":");
  quoted(t.zone().name());
  put('}');
  complete_value();
}

void JsonWriter::money(const Money& m) {
  before_value();
  put('"');
  char* to = room(24);
  size_ += static_cast<std::size_t>(write_plain_money(to, m) - to);
  put('"');
  complete_value();
}

void JsonWriter::member(std::string_view name, const std::vector<std::string>& texts) {
  key(name).begin_array();
  for (const auto& text : texts) string(text);
  end_array();
}

void JsonWriter::raw(std::string_view json_text) {
  before_value();
  put(json_text);
  complete_value();
}

}  // namespace iop::detail
