#include "iop/core/json.hpp"

#include <string>

#include "iop/core/error.hpp"

namespace iop {
namespace {

std::string type_name(const nlohmann::json& j) {
  if (j.is_number_integer()) return "integer";
  if (j.is_number_float()) return "number";
  return j.type_name();
}

// A JSON value as short text for a message (long values are cut).
std::string excerpt(const nlohmann::json& j) {
  std::string text = j.dump();
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  return text;
}

}  // namespace

JsonReader::JsonReader(const nlohmann::json& value, std::string path)
    : value_(&value), path_(std::move(path)) {}

void JsonReader::wrong_type(std::string_view expected) const {
  throw ValidationError(path_, excerpt(*value_), "is a JSON " + type_name(*value_),
                        std::string(expected));
}

JsonReader JsonReader::at(std::string_view key) const {
  if (!value_->is_object()) wrong_type("a JSON object");
  const auto it = value_->find(key);
  std::string child = path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  if (it == value_->end() || it->is_null())
    throw ValidationError(child, "", "is missing", "a required member of " + path_);
  return JsonReader(*it, std::move(child));
}

std::optional<JsonReader> JsonReader::find(std::string_view key) const {
  if (!value_->is_object()) wrong_type("a JSON object");
  const auto it = value_->find(key);
  if (it == value_->end() || it->is_null()) return std::nullopt;
  return JsonReader(*it, path_.empty() ? std::string(key) : path_ + "." + std::string(key));
}

JsonReader JsonReader::at(std::size_t index) const {
  if (!value_->is_array()) wrong_type("a JSON array");
  if (index >= value_->size())
    throw ValidationError(path_ + "[" + std::to_string(index) + "]", "", "is past the end",
                          "indices 0.." + std::to_string(value_->size()) + " (exclusive)");
  return JsonReader((*value_)[index], path_ + "[" + std::to_string(index) + "]");
}

std::size_t JsonReader::array_size() const {
  if (!value_->is_array()) wrong_type("a JSON array");
  return value_->size();
}

void JsonReader::expect_only(std::initializer_list<std::string_view> allowed) const {
  if (!value_->is_object()) wrong_type("a JSON object");
  for (const auto& item : value_->items()) {
    bool known = false;
    for (auto name : allowed) known = known || item.key() == name;
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
  const std::string range = std::to_string(min) + ".." + std::to_string(max);
  if (!value_->is_number_integer()) wrong_type("an integer " + range);
  if (value_->is_number_unsigned() &&
      value_->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))
    throw ValidationError(path_, excerpt(*value_), "is out of range", range);
  const auto n = value_->get<std::int64_t>();
  if (n < min || n > max) throw ValidationError(path_, std::to_string(n), "is out of range", range);
  return n;
}

Money JsonReader::as_money() const {
  if (!value_->is_string())
    wrong_type("an amount as a string such as \"1234.56\" (a JSON number is ambiguous)");
  return Money::parse(value_->get_ref<const std::string&>(), path_);
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
  expect_only({"local", "zone", "utc", "offset"});
  const auto local = at("local");
  return ZonedTime(local.as_date_time(), at("zone").as_time_zone(), Disambiguation::reject,
                   local.path());
}

nlohmann::json parse_json(std::string_view text, std::string_view source) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw ValidationError(std::string(source), "", std::string("is not valid JSON: ") + e.what(),
                          "a JSON document (RFC 8259)");
  }
}

void to_json(nlohmann::json& j, const Money& money) { j = money.to_plain_string(); }
void to_json(nlohmann::json& j, const Rate& rate) { j = rate.to_string(); }
void to_json(nlohmann::json& j, const TimeZone& zone) { j = std::string(zone.name()); }
void to_json(nlohmann::json& j, const ZonedTime& time) {
  j = nlohmann::json{{"local", to_iso_string(time.local())},
                     {"zone", std::string(time.zone().name())},
                     {"utc", time.utc_string()},
                     {"offset", format_utc_offset(time.utc_offset())}};
}

void from_json(const nlohmann::json& j, Money& money) { money = JsonReader(j, "$").as_money(); }
void from_json(const nlohmann::json& j, Rate& rate) { rate = JsonReader(j, "$").as_rate(); }

}  // namespace iop
