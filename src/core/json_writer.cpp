#include "core/json_writer.hpp"

#include <array>
#include <charconv>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "core/append_text.hpp"
#include "core/utf8.hpp"

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

}  // namespace

void append_json_string(std::string_view text, std::string& out) {
  static constexpr char hex[] = "0123456789abcdef";
  const std::size_t start = out.size();
  out += '"';
  std::size_t run = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (!kSpecialByte[c]) {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      char32_t code_point = 0;
      const auto length = utf8_sequence(text, i, code_point);
      if (length == 0) {
        // Not UTF-8 (no parsed input holds that, but a caller's string might):
        // the library's own replacement, from the start of the string.
        out.resize(start);
        out += nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        return;
      }
      i += length;
      continue;
    }
    out.append(text.data() + run, i - run);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += hex[c >> 4];
        out += hex[c & 0xF];
    }
    run = ++i;
  }
  out.append(text.data() + run, text.size() - run);
  out += '"';
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (levels_.empty()) return;
  auto& level = levels_.back();
  if (level.object) throw std::logic_error("JsonWriter: a value in an object without its member name");
  if (!level.empty) out_ += ',';
  level.empty = false;
}

void JsonWriter::begin_object() {
  before_value();
  out_ += '{';
  levels_.push_back({true, true, {}});
}

void JsonWriter::end_object() {
  if (levels_.empty() || !levels_.back().object || after_key_) throw std::logic_error("JsonWriter: no object to end");
  levels_.pop_back();
  out_ += '}';
}

void JsonWriter::begin_array() {
  before_value();
  out_ += '[';
  levels_.push_back({false, true, {}});
}

void JsonWriter::end_array() {
  if (levels_.empty() || levels_.back().object) throw std::logic_error("JsonWriter: no array to end");
  levels_.pop_back();
  out_ += ']';
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
  // `,"name":` in one append: a response has hundreds of members.
  char text[64];
  if (name.size() + 4 <= sizeof text) {
    char* end = text;
    if (!level.empty) *end++ = ',';
    *end++ = '"';
    for (const char c : name) *end++ = c;
    *end++ = '"';
    *end++ = ':';
    out_.append(text, end);
  } else {
    if (!level.empty) out_ += ',';
    out_ += '"';
    out_.append(name);
    out_ += "\":";
  }
  level.empty = false;
  after_key_ = true;
  return *this;
}

void JsonWriter::string(std::string_view text) {
  before_value();
  append_json_string(text, out_);
}

void JsonWriter::integer(std::int64_t n) {
  before_value();
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
  out_.append(digits, end);
}

void JsonWriter::boolean(bool b) {
  before_value();
  out_ += b ? "true" : "false";
}

void JsonWriter::null() {
  before_value();
  out_ += "null";
}

void JsonWriter::date(const Date& d) {
  before_value();
  out_ += '"';
  append_iso_date(out_, d);
  out_ += '"';
}

void JsonWriter::zoned_time(const ZonedTime& t) {
  before_value();
  out_ += "{\"local\":\"";
  append_iso_date_time(out_, t.local());
  out_ += "\",\"offset\":\"";
  append_utc_offset(out_, t.utc_offset());
  out_ += "\",\"utc\":\"";
  append_iso_date_time(out_, t.utc());
  out_ += "Z\",\"zone\":";
  append_json_string(t.zone().name(), out_);
  out_ += '}';
}

void JsonWriter::member(std::string_view name, const std::vector<std::string>& texts) {
  key(name).begin_array();
  for (const auto& text : texts) string(text);
  end_array();
}

void JsonWriter::money(const Money& m) {
  before_value();
  out_ += '"';
  append_plain_money(out_, m);
  out_ += '"';
}

void JsonWriter::raw(std::string_view json_text) {
  before_value();
  out_.append(json_text);
}

}  // namespace iop::detail
