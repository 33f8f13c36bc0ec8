#include "core/json_fast.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "core/word_scan.hpp"

#if IOP_HAVE_SIMDJSON
#include <simdjson.h>
#endif

namespace iop::detail {

namespace {

bool same_types(const nlohmann::json& a, const nlohmann::json& b) {
  if (a.type() != b.type()) return a.is_number_integer() && b.is_number_integer() && a == 0 && b == 0;
  if (a.is_object()) {
    if (a.size() != b.size()) return false;
    for (auto i = a.begin(), j = b.begin(); i != a.end(); ++i, ++j)
      if (i.key() != j.key() || !same_types(*i, *j)) return false;
  } else if (a.is_array()) {
    if (a.size() != b.size()) return false;
    for (std::size_t k = 0; k < a.size(); ++k)
      if (!same_types(a[k], b[k])) return false;
  }
  return true;
}

}  // namespace

bool same_document(const nlohmann::json& fast, const nlohmann::json& careful) {
  constexpr auto replace = nlohmann::json::error_handler_t::replace;
  return same_types(fast, careful) && fast.dump(-1, ' ', false, replace) == careful.dump(-1, ' ', false, replace);
}

#if IOP_HAVE_SIMDJSON

namespace {

// Below U+0020 only JSON's own whitespace: a NUL byte (which nlohmann's parser takes for the end of
// its input, see parse_json) or any other control character goes the careful way.
bool only_whitespace_controls(std::string_view text) {
  // Eight bytes at a time: only a word holding a byte below 0x20 (a line break of a pretty-printed document,
  // mostly) is looked at byte by byte.
  return !word_scan::any_byte(
      text, [](std::uint64_t word) { return word_scan::bytes_below(word, 0x20); },
      [](unsigned char byte) { return byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r'; });
}

// A scalar as nlohmann's parser makes it; false for a string over the limit. nlohmann makes an integer
// written without a minus sign an unsigned number (simdjson makes it a signed one when it fits): so does
// this. (`-0` is the one integer whose sign simdjson does not keep: here it is an unsigned 0, there a signed
// one; the two are equal, written alike, and read alike by every reader of iop.)
bool set_scalar(simdjson::dom::element value, nlohmann::json& slot, const JsonLimits& limits) {
  using Type = simdjson::dom::element_type;
  switch (value.type()) {
    case Type::INT64: {
      const std::int64_t n = value.get_int64().value_unsafe();
      if (n >= 0) {
        slot = static_cast<std::uint64_t>(n);
      } else {
        slot = n;
      }
      return true;
    }
    case Type::UINT64: slot = value.get_uint64().value_unsafe(); return true;
    case Type::DOUBLE: slot = value.get_double().value_unsafe(); return true;
    case Type::BOOL: slot = value.get_bool().value_unsafe(); return true;
    case Type::NULL_VALUE: slot = nullptr; return true;
    case Type::STRING: {
      const std::string_view text = value.get_string().value_unsafe();
      if (text.size() > limits.max_string_bytes) return false;
      slot = std::string(text);
      return true;
    }
    default: return false;
  }
}

bool is_container(simdjson::dom::element value) {
  return value.type() == simdjson::dom::element_type::OBJECT || value.type() == simdjson::dom::element_type::ARRAY;
}

// An array or object being filled, and where its reading has got to.
struct Level {
  nlohmann::json* target;
  bool object;
  simdjson::dom::object::iterator next_member;
  simdjson::dom::object::iterator end_member;
  simdjson::dom::array::iterator next_element;
  simdjson::dom::array::iterator end_element;
  std::size_t count = 0;
};

// Opens `value` (an array or object) in `slot`, within the depth limit (the root is depth 1).
bool open(simdjson::dom::element value, nlohmann::json& slot, std::vector<Level>& levels, const JsonLimits& limits) {
  if (levels.size() + 1 > limits.max_depth) return false;
  Level level{&slot, value.type() == simdjson::dom::element_type::OBJECT, {}, {}, {}, {}};
  if (level.object) {
    slot = nlohmann::json::object();
    const auto object = value.get_object().value_unsafe();
    level.next_member = object.begin();
    level.end_member = object.end();
  } else {
    slot = nlohmann::json::array();
    const auto array = value.get_array().value_unsafe();
    // Its elements' room at once (simdjson counts them, up to 2^24 - 1; the limit refuses more anyway).
    slot.get_ref<nlohmann::json::array_t&>().reserve(std::min(array.size(), limits.max_elements));
    level.next_element = array.begin();
    level.end_element = array.end();
  }
  levels.push_back(level);
  return true;
}

// The next value of the innermost level into its place: false when a limit or a repeated name refuses it.
bool read_next(std::vector<Level>& levels, const JsonLimits& limits) {
  auto& level = levels.back();
  nlohmann::json* slot = nullptr;
  simdjson::dom::element value;
  if (level.object) {
    if (level.next_member == level.end_member) {
      levels.pop_back();
      return true;
    }
    const auto member = *level.next_member;
    ++level.next_member;
    if (member.key.size() > limits.max_string_bytes || level.count >= limits.max_elements) return false;
    auto& object = level.target->get_ref<nlohmann::json::object_t&>();
    const std::string_view key = member.key;
    if (object.empty() || object.rbegin()->first < key) {
      // After every name so far (iop's own documents write them in order): no search, and no repeat.
      slot = &object.emplace_hint(object.end(), key, nlohmann::json())->second;
    } else {
      const auto [place, inserted] = object.try_emplace(std::string(key));
      if (!inserted) return false;
      slot = &place->second;
    }
    value = member.value;
  } else {
    if (level.next_element == level.end_element) {
      levels.pop_back();
      return true;
    }
    value = *level.next_element;
    ++level.next_element;
    if (level.count >= limits.max_elements) return false;
    auto& array = level.target->get_ref<nlohmann::json::array_t&>();
    slot = &array.emplace_back();
  }
  ++level.count;
  // `level` is not used past this point: open() may grow `levels`, and move it.
  return is_container(value) ? open(value, *slot, levels, limits) : set_scalar(value, *slot, limits);
}

}  // namespace

bool fast_json_parser_available() noexcept { return true; }

std::optional<nlohmann::json> parse_json_fast(std::string_view text, const JsonLimits& limits) {
  // Nothing at all is not a document (and an empty view may hold no pointer, which simdjson would copy from).
  if (text.empty() || text.size() > limits.max_bytes || !only_whitespace_controls(text)) return std::nullopt;
  simdjson::dom::parser parser;
  // Room for this document and iop's depth, not simdjson's default of 1,024 levels (a deeper document
  // is refused here and goes the careful way, which refuses it with its path).
  if (parser.allocate(text.size(), limits.max_depth + 1) != simdjson::SUCCESS) return std::nullopt;
  const auto parsed = parser.parse(text.data(), text.size());
  if (parsed.error() != simdjson::SUCCESS) return std::nullopt;
  const simdjson::dom::element root_value = parsed.value_unsafe();
  nlohmann::json root;
  // Without recursion, however deep the input, as the careful parser.
  std::vector<Level> levels;
  levels.reserve(8);  // iop's documents are at most 8 levels deep
  if (!is_container(root_value)) {
    if (!set_scalar(root_value, root, limits)) return std::nullopt;
    return root;
  }
  if (!open(root_value, root, levels, limits)) return std::nullopt;
  while (!levels.empty())
    if (!read_next(levels, limits)) return std::nullopt;
  return root;
}

#else

bool fast_json_parser_available() noexcept { return false; }

std::optional<nlohmann::json> parse_json_fast(std::string_view /*text*/, const JsonLimits& /*limits*/) {
  return std::nullopt;
}

#endif

}  // namespace iop::detail
