#include "iop/core/json.hpp"

#include <algorithm>
#include <charconv>
#include <string>
#include <utility>
#include <vector>

#include "iop/core/error.hpp"
#include "declared.hpp"
#include "core/json_fast.hpp"
#include "core/json_writer.hpp"

namespace iop {
namespace {

std::string type_name(const nlohmann::json& j) {
  if (j.is_number_integer()) return "integer";
  if (j.is_number_float()) return "number";
  return j.type_name();
}

// A JSON value as short text for a message: containers are summarised, never
// dumped (a document may be megabytes), scalars are cut by the error itself.
std::string excerpt(const nlohmann::json& j) {
  if (j.is_array()) return j.empty() ? "[]" : "[...] (" + std::to_string(j.size()) + " elements)";
  if (j.is_object()) return j.empty() ? "{}" : "{...} (" + std::to_string(j.size()) + " members)";
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

JsonReader::JsonReader(const nlohmann::json& value, std::string path)
    : value_(&value), path_(std::move(path)) {}

void JsonReader::wrong_type(std::string_view expected) const {
  throw ValidationError(path_, excerpt(*value_), "is a JSON " + type_name(*value_),
                        std::string(expected));
}

namespace {
// `parent.key`, in one allocation: a document's reading builds one path a member it reads.
std::string member_path(const std::string& parent, std::string_view key) {
  std::string path;
  path.reserve(parent.size() + 1 + key.size());
  if (!parent.empty()) path.append(parent).push_back('.');
  path.append(key);
  return path;
}

// `parent[index]`, in one allocation.
std::string element_path(const std::string& parent, std::size_t index) {
  char digits[24];
  const auto [end, error] = std::to_chars(std::begin(digits), std::end(digits), index);
  (void)error;  // 24 characters hold any std::size_t
  std::string path;
  path.reserve(parent.size() + 2 + static_cast<std::size_t>(end - digits));
  path.append(parent).push_back('[');
  path.append(digits, end).push_back(']');
  return path;
}
}  // namespace

JsonReader JsonReader::at(std::string_view key) const {
  if (!value_->is_object()) wrong_type("a JSON object");
  const auto it = value_->find(key);
  std::string child = member_path(path_, key);
  if (it == value_->end() || it->is_null())
    throw ValidationError(child, it == value_->end() ? "" : "null", "is missing",
                          "a required member of " + (path_.empty() ? std::string("the request") : path_));
  return JsonReader(*it, std::move(child));
}

std::optional<JsonReader> JsonReader::find(std::string_view key) const {
  if (!value_->is_object()) wrong_type("a JSON object");
  const auto it = value_->find(key);
  if (it == value_->end() || it->is_null()) return std::nullopt;
  return JsonReader(*it, member_path(path_, key));
}

JsonReader JsonReader::at(std::size_t index) const {
  if (!value_->is_array()) wrong_type("a JSON array");
  if (index >= value_->size())
    throw ValidationError(element_path(path_, index), "", "is past the end",
                          "indices 0.." + std::to_string(value_->size()) + " (exclusive)");
  return JsonReader((*value_)[index], element_path(path_, index));
}

std::size_t JsonReader::array_size() const {
  if (!value_->is_array()) wrong_type("a JSON array");
  return value_->size();
}

std::size_t JsonReader::array_size(std::size_t max_elements) const {
  const auto size = array_size();
  if (size > max_elements)
    throw ValidationError(path_, excerpt(*value_), "has too many elements",
                          "at most " + std::to_string(max_elements) + " (docs/limits.md)");
  return size;
}

namespace {

// The code point starting at text[i] and its length in bytes (the parser has checked the UTF-8).
std::pair<char32_t, std::size_t> code_point_at(std::string_view text, std::size_t i) {
  const auto b = static_cast<unsigned char>(text[i]);
  std::size_t length = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
  if (i + length > text.size()) length = text.size() - i;
  char32_t c = length == 1 ? b : length == 2 ? (b & 0x1Fu) : length == 3 ? (b & 0x0Fu) : (b & 0x07u);
  for (std::size_t k = 1; k < length; ++k) c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3Fu);
  return {c, length};
}

bool is_control(char32_t c) { return c < 0x20 || (c >= 0x7F && c <= 0x9F); }

// The number of code points of UTF-8 text (the parser has checked it): every byte but the continuation bytes.
std::size_t code_point_count(std::string_view text) {
  std::size_t count = 0;
  for (char c : text) count += (static_cast<unsigned char>(c) & 0xC0u) != 0x80u;
  return count;
}

// Characters that reorder or hide text: the bidirectional controls and the line and paragraph separators.
bool is_invisible_control(char32_t c) {
  return c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
         c == 0x061C || c == 0x2028 || c == 0x2029 || c == 0xFEFF;
}

}  // namespace

std::string JsonReader::as_identifier(std::size_t max_length) const {
  if (!value_->is_string()) wrong_type("a JSON string");
  const auto& text = value_->get_ref<const std::string&>();
  // What is allowed, written only when something is refused: a document reads many identifiers.
  const auto allowed = [&] {
    return "1.." + std::to_string(max_length) +
           " characters without control characters, bidirectional controls or surrounding spaces";
  };
  if (text.empty()) throw ValidationError(path_, "''", "is empty", allowed());
  // Characters (code points), as a JSON Schema's maxLength counts them, so the schema and the reader agree.
  if (const auto length = code_point_count(text); length > max_length)
    throw ValidationError(path_, iop::quoted(text), "is " + std::to_string(length) + " characters long", allowed());
  if (text.front() == ' ' || text.back() == ' ')
    throw ValidationError(path_, iop::quoted(text), "begins or ends with a space", allowed());
  for (std::size_t i = 0; i < text.size();) {
    const auto [c, length] = code_point_at(text, i);
    if (is_control(c) || is_invisible_control(c))
      throw ValidationError(path_, iop::quoted(text), "holds a control character", allowed());
    i += length;
  }
  return text;
}

std::string JsonReader::as_text(std::size_t max_length) const {
  if (!value_->is_string()) wrong_type("a JSON string");
  const auto& text = value_->get_ref<const std::string&>();
  const auto allowed = [&] {
    return "at most " + std::to_string(max_length) +
           " characters without control characters other than tab and line breaks";
  };
  if (const auto length = code_point_count(text); length > max_length)
    throw ValidationError(path_, iop::quoted(text), "is " + std::to_string(length) + " characters long", allowed());
  for (std::size_t i = 0; i < text.size();) {
    const auto [c, length] = code_point_at(text, i);
    if (is_control(c) && c != '\t' && c != '\n' && c != '\r')
      throw ValidationError(path_, iop::quoted(text), "holds a control character", allowed());
    i += length;
  }
  return text;
}

void JsonReader::expect_only(std::span<const std::string_view> allowed) const {
  if (!value_->is_object()) wrong_type("a JSON object");
  for (const auto& item : value_->items()) {
    bool known = false;
    for (auto name : allowed)
      if (item.key() == name) {
        known = true;
        break;
      }
    if (!known) {
      std::string list;
      for (auto name : allowed) list += (list.empty() ? "" : ", ") + std::string(name);
      throw ValidationError(path_.empty() ? item.key() : path_ + "." + item.key(), "",
                            "is not a known member", "members " + list);
    }
  }
}

std::string JsonReader::as_string() const {
  if (!value_->is_string()) wrong_type("a JSON string");
  return value_->get<std::string>();
}

bool JsonReader::as_bool() const {
  if (!value_->is_boolean()) wrong_type("true or false");
  return value_->get<bool>();
}

std::int64_t JsonReader::as_int(std::int64_t min, std::int64_t max) const {
  // The range's text only when something is refused: a document reads many integers.
  const auto range = [&] { return std::to_string(min) + ".." + std::to_string(max); };
  if (!value_->is_number_integer()) wrong_type("an integer " + range());
  if (value_->is_number_unsigned() &&
      value_->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))
    throw ValidationError(path_, excerpt(*value_), "is out of range", range());
  const auto n = value_->get<std::int64_t>();
  if (n < min || n > max) throw ValidationError(path_, std::to_string(n), "is out of range", range());
  return n;
}

Money JsonReader::as_money() const {
  if (!value_->is_string())
    wrong_type("an amount as a string such as \"1234.56\" (a JSON number is ambiguous)");
  return Money::parse(value_->get_ref<const std::string&>(), path_);
}

Money JsonReader::as_money(Money min, Money max) const {
  const auto amount = as_money();
  if (amount < min || amount > max)
    throw ValidationError(path_, amount.to_string(), amount < min ? "is below the smallest amount allowed here" : "is above the largest amount allowed here",
                          min.to_string() + ".." + max.to_string() + " (docs/limits.md)");
  return amount;
}

Rate JsonReader::as_rate() const {
  if (!value_->is_string()) wrong_type("a rate as a string such as \"20%\"");
  return Rate::parse(value_->get_ref<const std::string&>(), path_);
}

Date JsonReader::as_date() const {
  if (!value_->is_string()) wrong_type("a date string YYYY-MM-DD");
  return parse_date(value_->get_ref<const std::string&>(), path_);
}

DateTime JsonReader::as_date_time() const {
  if (!value_->is_string()) wrong_type("a local date-time string YYYY-MM-DDTHH:MM[:SS]");
  return parse_date_time(value_->get_ref<const std::string&>(), path_);
}

TimeZone JsonReader::as_time_zone() const {
  if (!value_->is_string()) wrong_type("an IANA time-zone name such as \"America/Chicago\"");
  return TimeZone::from_name(value_->get_ref<const std::string&>(), path_);
}

ZonedTime JsonReader::as_zoned_time() const {
  expect_only(decl::zoned_time::members);
  const auto local = at(decl::zoned_time::local);
  return ZonedTime(local.as_date_time(), at(decl::zoned_time::zone).as_time_zone(), Disambiguation::reject,
                   local.path());
}

namespace {

// Builds the document like nlohmann's own DOM parser, but checks the limits
// and refuses duplicate member names as it goes, and remembers the path of
// what it is reading so that a refusal names where in the document it is.
// nlohmann's SAX parser keeps its own explicit stack, so nothing here
// recurses however deep the input.
class LimitedDomBuilder final : public nlohmann::json_sax<nlohmann::json> {
 public:
  LimitedDomBuilder(nlohmann::json& root, const JsonLimits& limits) : root_(root), limits_(limits) {}

  bool null() override { return add(nullptr); }
  bool boolean(bool value) override { return add(value); }
  bool number_integer(number_integer_t value) override { return add(value); }
  bool number_unsigned(number_unsigned_t value) override { return add(value); }
  bool number_float(number_float_t value, const string_t& /*text*/) override { return add(value); }
  bool string(string_t& value) override {
    if (value.size() > limits_.max_string_bytes)
      return refuse(printable_excerpt(value, 20), "is a string of " + std::to_string(value.size()) + " bytes",
                    "at most " + std::to_string(limits_.max_string_bytes) + " bytes");
    return add(std::move(value));
  }
  bool binary(binary_t& /*value*/) override { return refuse("", "is binary data", "JSON text"); }
  bool start_object(std::size_t /*elements*/) override { return open(nlohmann::json::object()); }
  bool key(string_t& name) override {
    auto& object = stack_.back()->get_ref<nlohmann::json::object_t&>();
    if (name.size() > limits_.max_string_bytes || object.size() >= limits_.max_elements) {
      refused_key_ = name;
      keys_.back() = &refused_key_;
      if (name.size() > limits_.max_string_bytes)
        return refuse(printable_excerpt(name, 20), "is a member name of " + std::to_string(name.size()) + " bytes",
                      "at most " + std::to_string(limits_.max_string_bytes) + " bytes");
      if (object.count(name) == 0)
        return refuse("", "is one member too many", "at most " + std::to_string(limits_.max_elements) + " members in an object");
    }
    // One lookup both refuses a duplicate and makes the member's place; the map's own
    // copy of the name is what a refusal further in names.
    const auto [member, inserted] = object.try_emplace(std::move(name));
    keys_.back() = &member->first;
    slots_.back() = &member->second;
    if (!inserted)
      return refuse("", "is given twice in one object",
                    "each member name once (RFC 8259 section 4 leaves duplicates to the reader; iop refuses them)");
    return true;
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t /*elements*/) override { return open(nlohmann::json::array()); }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t /*position*/, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& error) override {
    // The library's message starts with its own id ("[json.exception.parse_error.101] ");
    // iop's message says the same in its own shape.
    std::string what = error.what();
    if (const auto bracket = what.find("] "); what.rfind("[json.exception.", 0) == 0 && bracket != std::string::npos)
      what.erase(0, bracket + 2);
    problem_ = "is not valid JSON: " + what;
    ended_early_ = what.find("unexpected end of input") != std::string::npos;
    allowed_ = error.id == 406 ? "numbers a double can hold (about 1.8e308 at most)" : "a JSON document (RFC 8259)";
    failed_ = true;
    return false;
  }

  [[nodiscard]] bool failed() const noexcept { return failed_; }
  /// The input ended inside the document (or the lexer took a NUL byte for its end).
  [[nodiscard]] bool ended_early() const noexcept { return ended_early_; }
  [[nodiscard]] const std::string& value() const noexcept { return value_; }
  [[nodiscard]] const std::string& problem() const noexcept { return problem_; }
  [[nodiscard]] const std::string& allowed() const noexcept { return allowed_; }

  // The path of the value being read, e.g. `$.plan.tracks[3]`, built only
  // when something is refused.
  [[nodiscard]] std::string path() const {
    std::string out = "$";
    for (std::size_t i = 0; i < stack_.size(); ++i) {
      const auto& container = *stack_[i];
      // Appended piece by piece: GCC 12 at -O2 and -O3 warns (-Wrestrict, a false positive) on "." + std::string&&.
      if (container.is_object()) {
        out += '.';
        out += printable_excerpt(keys_[i] != nullptr ? *keys_[i] : std::string(), 40);
      } else {
        // Below the innermost level the element being read is the last one added.
        const bool innermost = i + 1 == stack_.size();
        out += '[';
        out += std::to_string(innermost || container.empty() ? container.size() : container.size() - 1);
        out += ']';
      }
    }
    return out;
  }

 private:
  template <typename Value>
  bool add(Value&& value) {
    if (stack_.empty()) {
      root_ = nlohmann::json(std::forward<Value>(value));
      return true;
    }
    auto& container = *stack_.back();
    if (container.is_array()) {
      if (container.size() >= limits_.max_elements)
        return refuse("", "is one element too many", "at most " + std::to_string(limits_.max_elements) + " elements in an array");
      container.emplace_back(std::forward<Value>(value));
    } else {
      *slots_.back() = nlohmann::json(std::forward<Value>(value));
    }
    return true;
  }

  bool open(nlohmann::json&& empty) {
    if (stack_.size() + 1 > limits_.max_depth)
      return refuse("", "is nested " + std::to_string(stack_.size() + 1) + " levels deep",
                    "at most " + std::to_string(limits_.max_depth) + " levels of arrays and objects");
    nlohmann::json* child = nullptr;
    if (stack_.empty()) {
      root_ = std::move(empty);
      child = &root_;
    } else {
      auto& container = *stack_.back();
      if (container.is_array()) {
        if (container.size() >= limits_.max_elements)
          return refuse("", "is one element too many",
                        "at most " + std::to_string(limits_.max_elements) + " elements in an array");
        container.push_back(std::move(empty));
        child = &container.back();
      } else {
        child = &(*slots_.back() = std::move(empty));
      }
    }
    stack_.push_back(child);
    keys_.push_back(nullptr);
    slots_.push_back(nullptr);
    return true;
  }

  bool close() {
    stack_.pop_back();
    keys_.pop_back();
    slots_.pop_back();
    return true;
  }

  bool refuse(std::string value, std::string problem, std::string allowed) {
    value_ = std::move(value);
    problem_ = std::move(problem);
    allowed_ = std::move(allowed);
    failed_ = true;
    return false;
  }

  nlohmann::json& root_;
  const JsonLimits& limits_;
  std::vector<nlohmann::json*> stack_;
  // Per open container (objects): the name of the member being read, and where its value goes.
  std::vector<const std::string*> keys_;
  std::vector<nlohmann::json*> slots_;
  std::string refused_key_;  // a name refused before it had a place
  bool failed_ = false;
  bool ended_early_ = false;
  std::string value_;
  std::string problem_;
  std::string allowed_;
};

// nlohmann's lexer reads a NUL byte outside a string as the end of the input (it
// serves NUL-terminated strings too), so `{"a":1}<NUL>junk` would parse as `{"a":1}`
// and everything after the NUL would be ignored. RFC 8259 section 2 allows no NUL
// byte between tokens, and section 7 none unescaped inside a string (which the
// lexer refuses by itself, naming U+0000): the document is refused where the NUL is.
[[noreturn]] void refuse_nul_byte(std::string_view text, std::size_t nul, const std::string& where,
                                  std::string_view source) {
  const auto before = text.substr(0, nul);
  const auto line = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
  const auto line_start = before.rfind('\n');
  const auto column = line_start == std::string_view::npos ? nul + 1 : nul - line_start;
  const std::string field = where == "$" ? std::string(source) : std::string(source) + " at " + where;
  throw ValidationError(field, "",
                        "is not valid JSON: parse error at line " + std::to_string(line) + ", column " +
                            std::to_string(column) + ": a NUL byte outside a string",
                        "a JSON document (RFC 8259)");
}

}  // namespace

nlohmann::json parse_json(std::string_view text, std::string_view source, const JsonLimits& limits) {
  // A document the fast path takes whole is the document the careful reading makes; anything else (every
  // refusal among it) is read the careful way (core/json_fast.hpp).
  if (auto document = detail::parse_json_fast(text, limits)) return std::move(*document);
  return detail::parse_json_careful(text, source, limits);
}

nlohmann::json detail::parse_json_careful(std::string_view text, std::string_view source, const JsonLimits& limits) {
  // "more than" the limit, not the size: a surface that reads a stream stops one byte past
  // the limit (a pipe may never end), and every surface must say the same of one input.
  if (text.size() > limits.max_bytes)
    throw ValidationError(std::string(source), "", "is more than " + std::to_string(limits.max_bytes) + " bytes",
                          "a JSON document of at most " + std::to_string(limits.max_bytes) + " bytes");
  nlohmann::json root;
  LimitedDomBuilder builder(root, limits);
  bool ok = false;
  try {
    ok = nlohmann::json::sax_parse(text.begin(), text.end(), &builder, nlohmann::json::input_format_t::json, true);
  } catch (const nlohmann::json::exception& e) {
    // sax_parse reports through parse_error; this is only a safety net.
    throw ValidationError(std::string(source), "", std::string("is not valid JSON: ") + e.what(), "a JSON document (RFC 8259)");
  }
  if (const auto nul = text.find('\0'); nul != std::string_view::npos && ((ok && !builder.failed()) || builder.ended_early()))
    refuse_nul_byte(text, nul, builder.path(), source);
  if (!ok || builder.failed()) {
    const auto where = builder.path();
    const std::string field = where == "$" ? std::string(source) : std::string(source) + " at " + where;
    throw ValidationError(field, builder.value(), builder.problem(), builder.allowed());
  }
  return root;
}

namespace {

void write_value(const nlohmann::json& value, std::string& out) {
  switch (value.type()) {
    case nlohmann::json::value_t::object: {
      out += '{';
      bool first = true;
      for (const auto& [key, member] : value.items()) {
        if (!first) out += ',';
        first = false;
        detail::append_json_string(key, out);
        out += ':';
        write_value(member, out);
      }
      out += '}';
      return;
    }
    case nlohmann::json::value_t::array: {
      out += '[';
      bool first = true;
      for (const auto& element : value) {
        if (!first) out += ',';
        first = false;
        write_value(element, out);
      }
      out += ']';
      return;
    }
    case nlohmann::json::value_t::string: detail::append_json_string(value.get_ref<const std::string&>(), out); return;
    case nlohmann::json::value_t::boolean: out += value.get<bool>() ? "true" : "false"; return;
    case nlohmann::json::value_t::number_integer: out += std::to_string(value.get<std::int64_t>()); return;
    case nlohmann::json::value_t::number_unsigned: out += std::to_string(value.get<std::uint64_t>()); return;
    case nlohmann::json::value_t::null: out += "null"; return;
    default:
      // Floating-point numbers and anything else: the library's own shortest form.
      out += value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
}

}  // namespace

std::string to_compact_json(const nlohmann::json& document) {
  std::string out;
  out.reserve(4096);
  write_value(document, out);
  return out;
}

void to_json(nlohmann::json& j, const Money& money) { j = money.to_plain_string(); }
void to_json(nlohmann::json& j, const Rate& rate) { j = rate.to_string(); }
void to_json(nlohmann::json& j, const TimeZone& zone) { j = std::string(zone.name()); }
void to_json(nlohmann::json& j, const ZonedTime& time) {
  // Members emplaced one by one: an initializer list would build and copy a
  // temporary for every pair, and calendars write two zoned times a session.
  j = nlohmann::json::object();
  j.emplace("local", to_iso_string(time.local()));
  j.emplace("zone", std::string(time.zone().name()));
  j.emplace("utc", time.utc_string());
  j.emplace("offset", format_utc_offset(time.utc_offset()));
}

void from_json(const nlohmann::json& j, Money& money) { money = JsonReader(j, "$").as_money(); }
void from_json(const nlohmann::json& j, Rate& rate) { rate = JsonReader(j, "$").as_rate(); }

}  // namespace iop
