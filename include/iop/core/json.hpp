#pragma once
/// @file
/// @brief JSON for iop's core values, with errors that carry the JSON path.
///
/// Writing uses nlohmann/json's `to_json` customisation, so `json j = money;`
/// just works. Reading goes through `JsonReader`, which remembers where it is
/// in the document, so a bad value is reported with its full path:
///
///     [iop.validation] demo.tracks[1].zone: 'America/Boston' is not a supported time zone; allowed: ...
///
/// JSON forms:
/// | type        | JSON                                                                 |
/// |-------------|----------------------------------------------------------------------|
/// | `Money`     | string `"1234.56"` (also accepts `"$1,234.56"`); numbers are refused: a JSON number cannot say whether it means dollars or cents exactly |
/// | `Rate`      | string `"20%"`, `"0.2"` or `"1/3"`                                   |
/// | `Date`      | string `"2026-01-05"`                                                |
/// | `DateTime`  | string `"2026-03-09T18:00:00"` (local, no offset)                    |
/// | `TimeZone`  | string `"America/Los_Angeles"`                                       |
/// | `ZonedTime` | object `{"local": "2026-03-09T18:00:00", "zone": "America/Los_Angeles"}`; written with `"utc"` and `"offset"` added |
///
/// @code
/// auto doc = nlohmann::json::parse(R"({"start": "2026-01-05", "fee": "$259.13"})");
/// iop::JsonReader in(doc, "plan");
/// iop::Date start = in.at("start").as_date();     // errors name plan.start
/// iop::Money fee  = in.at("fee").as_money();
/// @endcode

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "iop/core/date.hpp"
#include "iop/core/limits.hpp"
#include "iop/core/money.hpp"
#include "iop/core/rate.hpp"
#include "iop/core/time_zone.hpp"
#include "iop/core/zoned_time.hpp"

namespace iop {

/// @brief Members as the declarations (declarations/*.py) state them: the readers name every
/// member through these descriptors, generated into `decl::<object>::<member>`, so a member's
/// name, and the limits its declaration gives, are written once and the JSON Schema says the same.
namespace decl {
/// A member: its name in the document.
struct Member {
  std::string_view name;  ///< the member's JSON name
};
/// An integer member and its inclusive range.
struct Int : Member {
  std::int64_t min;  ///< the smallest value allowed
  std::int64_t max;  ///< the largest value allowed
};
/// A text member (an identifier or free text) and its longest length, in characters (code points).
struct Str : Member {
  std::size_t max_length;  ///< the longest value allowed
};
/// A member that takes one of a list of names, and the one taken when it is absent (empty: none).
struct Choice : Member {
  std::span<const std::string_view> values;  ///< the names allowed, in the declared order
  std::string_view fallback;                 ///< the documented default, or empty when there is none
};
/// An array member and its largest number of elements.
struct List : Member {
  std::size_t max_items;  ///< the most elements allowed
};
}  // namespace decl

/// @brief A read-only view of one JSON value and its path in the document.
///
/// Every accessor checks the JSON type and the value, and throws
/// `ValidationError` (or `NotFoundError` for unknown names) naming `path()`.
class JsonReader {
 public:
  /// @param value the JSON value (must outlive the reader)
  /// @param path  its path, e.g. `plan` or `$` for a document root
  JsonReader(const nlohmann::json& value, std::string path);
  /// A reader keeps a pointer to its value, so it never takes a temporary.
  JsonReader(nlohmann::json&& value, std::string path) = delete;

  /// The path of this value, e.g. `plan.tracks[0].zone`.
  [[nodiscard]] const std::string& path() const noexcept { return path_; }
  /// The underlying JSON value.
  [[nodiscard]] const nlohmann::json& json() const noexcept { return *value_; }

  /// @brief The member @p key of this object.
  /// @throws ValidationError if this is not an object or the member is missing.
  [[nodiscard]] JsonReader at(std::string_view key) const;
  /// @brief The member @p key if present (and not null).
  /// @throws ValidationError if this is not an object.
  [[nodiscard]] std::optional<JsonReader> find(std::string_view key) const;
  /// @brief The declared member @p member (see `at(std::string_view)`).
  [[nodiscard]] JsonReader at(const decl::Member& member) const { return at(member.name); }
  /// @brief The declared member @p member if present (see `find(std::string_view)`).
  [[nodiscard]] std::optional<JsonReader> find(const decl::Member& member) const { return find(member.name); }
  /// @brief Element @p index of this array.
  /// @throws ValidationError if this is not an array or the index is past its end.
  [[nodiscard]] JsonReader at(std::size_t index) const;
  /// @brief The number of elements of this array.
  /// @throws ValidationError if this is not an array.
  [[nodiscard]] std::size_t array_size() const;
  /// @brief The number of elements of this array, at most @p max_elements (see iop/core/limits.hpp).
  /// @throws ValidationError if this is not an array or has more elements.
  [[nodiscard]] std::size_t array_size(std::size_t max_elements) const;
  /// @brief The number of elements of this array, at most the declared @p member's limit.
  [[nodiscard]] std::size_t array_size(const decl::List& member) const { return array_size(member.max_items); }
  /// @brief Refuses members other than @p allowed, so a misspelt key is an error, not a silent default.
  /// @throws ValidationError naming the first unknown member.
  void expect_only(std::span<const std::string_view> allowed) const;
  /// @brief Refuses members other than @p allowed (a list written in place).
  void expect_only(std::initializer_list<std::string_view> allowed) const {
    expect_only(std::span<const std::string_view>(allowed.begin(), allowed.size()));
  }

  /// @throws ValidationError unless this is a string.
  [[nodiscard]] std::string as_string() const;
  /// @brief An identifier or a name: 1..@p max_length characters (code points), no control characters
  /// (C0, DEL, C1), no Unicode bidirectional controls, no line or paragraph separators,
  /// and no leading or trailing white space: it goes into file names, UIDs, CSV cells
  /// and iCalendar lines, where any of those could forge or hide something.
  /// @throws ValidationError unless such a string.
  [[nodiscard]] std::string as_identifier(std::size_t max_length = limits::max_identifier_length) const;
  /// @brief An identifier of at most the declared @p member's length.
  [[nodiscard]] std::string as_identifier(const decl::Str& member) const { return as_identifier(member.max_length); }
  /// @brief Free text (a description, a note): at most @p max_length characters (code points), with no control
  /// characters other than tab, line feed and carriage return.
  /// @throws ValidationError unless such a string.
  [[nodiscard]] std::string as_text(std::size_t max_length = limits::max_text_length) const;
  /// @brief Free text of at most the declared @p member's length.
  [[nodiscard]] std::string as_text(const decl::Str& member) const { return as_text(member.max_length); }
  /// @brief The required integer member @p member, within its declared range.
  [[nodiscard]] std::int64_t integer(const decl::Int& member) const { return at(member).as_int(member); }
  /// @brief The required identifier member @p member, within its declared length.
  [[nodiscard]] std::string identifier(const decl::Str& member) const { return at(member).as_identifier(member); }
  /// @brief The required free-text member @p member, within its declared length.
  [[nodiscard]] std::string text(const decl::Str& member) const { return at(member).as_text(member); }
  /// @throws ValidationError unless this is a boolean.
  [[nodiscard]] bool as_bool() const;
  /// @throws ValidationError unless this is an integer in [@p min, @p max].
  [[nodiscard]] std::int64_t as_int(std::int64_t min, std::int64_t max) const;
  /// @throws ValidationError unless this is an integer in the declared @p member's range.
  [[nodiscard]] std::int64_t as_int(const decl::Int& member) const { return as_int(member.min, member.max); }
  /// @throws ValidationError unless this is a money string.
  [[nodiscard]] Money as_money() const;
  /// @brief An amount in [@p min, @p max] (see iop/core/limits.hpp for the usual bounds).
  /// @throws ValidationError unless a money string within the bounds.
  [[nodiscard]] Money as_money(Money min, Money max) const;
  /// @throws ValidationError unless this is a rate string.
  [[nodiscard]] Rate as_rate() const;
  /// @throws ValidationError unless this is an ISO 8601 date string.
  [[nodiscard]] Date as_date() const;
  /// @throws ValidationError unless this is a local date-time string.
  [[nodiscard]] DateTime as_date_time() const;
  /// @throws ValidationError unless a string; NotFoundError for an unknown zone.
  [[nodiscard]] TimeZone as_time_zone() const;
  /// @brief Reads `{"local": ..., "zone": ...}`; skipped or repeated local times are refused.
  [[nodiscard]] ZonedTime as_zoned_time() const;

 private:
  [[noreturn]] void wrong_type(std::string_view expected) const;
  const nlohmann::json* value_;
  std::string path_;
};

/// @brief Bounds on a JSON document, checked while it is parsed, before any work is done on it.
///
/// They keep every input's cost bounded: no document can exhaust the stack
/// (the parser is iterative and the depth is capped), nor take memory far
/// beyond its own size. iop's own documents (a plan, a case, a benefit design)
/// are a few kilobytes deep at most 8 levels; the defaults leave room for
/// large clinic files (a holiday calendar of a thousand closures) and no more.
/// The same limits apply at every surface (command line, document API, C ABI,
/// Python), and docs/limits.md lists them.
struct JsonLimits {
  /// Largest document, in bytes of UTF-8 text (4 MiB).
  std::size_t max_bytes = std::size_t{4} << 20;
  /// Deepest nesting of arrays and objects (the root object is depth 1).
  std::size_t max_depth = 32;
  /// Longest string or member name, in bytes (64 KiB).
  std::size_t max_string_bytes = std::size_t{64} << 10;
  /// Most elements in one array, or members in one object.
  std::size_t max_elements = 10000;
};

/// @brief Parses JSON text (RFC 8259) within @p limits.
///
/// Refused, each with a `ValidationError` naming @p source and the JSON path
/// where the problem is: a syntax error, invalid UTF-8, a number too large for
/// a double (`1e400`), a member name given twice in one object (RFC 8259
/// leaves its meaning to the reader; iop refuses to guess which one was
/// meant), and anything over a limit. The parser never recurses.
[[nodiscard]] nlohmann::json parse_json(std::string_view text, std::string_view source = "input",
                                        const JsonLimits& limits = {});


/// @brief Compact JSON text of @p document, byte for byte what
/// `document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)` writes,
/// several times faster (strings are copied in runs between the characters that
/// need escaping). Responses of the document API are written with it.
[[nodiscard]] std::string to_compact_json(const nlohmann::json& document);

/// Writes a `Money` as its plain decimal string.
void to_json(nlohmann::json& j, const Money& money);
/// Writes a `Rate` as its percent string.
void to_json(nlohmann::json& j, const Rate& rate);
/// Writes a `TimeZone` as its IANA name.
void to_json(nlohmann::json& j, const TimeZone& zone);
/// Writes a `ZonedTime` with its local time, zone, UTC instant and offset.
void to_json(nlohmann::json& j, const ZonedTime& time);

/// Reads a `Money` (path `$`).
void from_json(const nlohmann::json& j, Money& money);
/// Reads a `Rate` (path `$`).
void from_json(const nlohmann::json& j, Rate& rate);

}  // namespace iop

namespace nlohmann {
/// Dates are written as `YYYY-MM-DD` and read strictly.
template <>
struct adl_serializer<boost::gregorian::date> {
  /// Writes `YYYY-MM-DD`.
  static void to_json(json& j, const boost::gregorian::date& date) { j = iop::to_iso_string(date); }
  /// Reads `YYYY-MM-DD` (path `$`).
  static void from_json(const json& j, boost::gregorian::date& date) {
    date = iop::JsonReader(j, "$").as_date();
  }
};
/// Local date-times are written as `YYYY-MM-DDTHH:MM:SS`.
template <>
struct adl_serializer<boost::posix_time::ptime> {
  /// Writes `YYYY-MM-DDTHH:MM:SS`.
  static void to_json(json& j, const boost::posix_time::ptime& t) { j = iop::to_iso_string(t); }
  /// Reads `YYYY-MM-DDTHH:MM[:SS]` (path `$`).
  static void from_json(const json& j, boost::posix_time::ptime& t) {
    t = iop::JsonReader(j, "$").as_date_time();
  }
};
}  // namespace nlohmann
