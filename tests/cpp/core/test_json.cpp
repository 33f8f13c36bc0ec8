#include "iop/core/json.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "iop/core/error.hpp"

namespace {

using nlohmann::json;

TEST(Json, WritesCoreValues) {
  json j;
  j["fee"] = iop::Money::parse("$1,234.56");
  j["coinsurance"] = iop::Rate::percent(20);
  j["start"] = iop::parse_date("2026-01-05");
  j["session"] = iop::ZonedTime(iop::parse_date_time("2026-03-09T18:00"),
                                iop::TimeZone::from_name("America/Los_Angeles"));
  EXPECT_EQ(j.dump(),
            R"({"coinsurance":"20%","fee":"1234.56","session":{"local":"2026-03-09T18:00:00",)"
            R"("offset":"-07:00","utc":"2026-03-10T01:00:00Z","zone":"America/Los_Angeles"},"start":"2026-01-05"})");
}

TEST(Json, RoundTripsThroughGet) {
  const json j = {{"fee", "-0.05"}, {"rate", "1/3"}, {"start", "2024-02-29"}};
  EXPECT_EQ(j["fee"].get<iop::Money>().cents(), -5);
  EXPECT_EQ(j["rate"].get<iop::Rate>(), iop::Rate::fraction(1, 3));
  EXPECT_EQ(iop::to_iso_string(j["start"].get<boost::gregorian::date>()), "2024-02-29");
  const json repeated = json::parse(R"({"local":"2026-11-01T01:00","zone":"America/Chicago"})");
  EXPECT_THROW((void)iop::JsonReader(repeated, "t").as_zoned_time(), iop::ValidationError);  // 01:00 happens twice that night
}

TEST(Json, ErrorsCarryThePath) {
  const auto doc = iop::parse_json(R"({"program": {"tracks": [{"zone": "America/Chicago", "start": "2026-01-05"},
                                                            {"zone": "America/Boston", "start": "2026-02-30"}],
                                                 "fee": 259.13}})");
  const iop::JsonReader root(doc, "");
  const auto tracks = root.at("program").at("tracks");
  EXPECT_EQ(tracks.array_size(), 2u);
  EXPECT_EQ(tracks.at(std::size_t{0}).at("zone").as_time_zone().name(), "America/Chicago");
  try {
    (void)tracks.at(std::size_t{1}).at("zone").as_time_zone();
    FAIL();
  } catch (const iop::NotFoundError& e) {
    EXPECT_EQ(e.field(), "program.tracks[1].zone");
  }
  try {
    (void)tracks.at(std::size_t{1}).at("start").as_date();
    FAIL();
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "program.tracks[1].start");
    EXPECT_NE(std::string(e.what()).find("2026-02-30"), std::string::npos);
  }
  try {
    (void)root.at("program").at("fee").as_money();
    FAIL();
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "program.fee");
    EXPECT_NE(std::string(e.what()).find("is a JSON number"), std::string::npos);
  }
  try {
    (void)root.at("program").at("weeks");
    FAIL();
  } catch (const iop::ValidationError& e) {
    EXPECT_STREQ(e.what(), "[iop.validation] program.weeks: is missing; allowed: a required member of program");
  }
  EXPECT_THROW((void)tracks.at(std::size_t{2}), iop::ValidationError);
  EXPECT_THROW((void)root.at("program").expect_only({"tracks"}), iop::ValidationError);
  EXPECT_THROW((void)iop::parse_json("{\"a\": }", "plan.json"), iop::ValidationError);
  const json twelve = 12;
  const json fourteen = 14;
  const json fraction = 12.5;
  EXPECT_EQ(iop::JsonReader(twelve, "weeks").as_int(6, 12), 12);
  EXPECT_THROW((void)iop::JsonReader(fourteen, "weeks").as_int(6, 12), iop::ValidationError);
  EXPECT_THROW((void)iop::JsonReader(fraction, "weeks").as_int(6, 12), iop::ValidationError);
}

}  // namespace

// Limits and hostile documents (see JsonLimits): each refused with a path, never a crash.
namespace limits {

std::string message_of(std::string_view text, const iop::JsonLimits& l = {}) {
  try {
    (void)iop::parse_json(text, "doc", l);
  } catch (const iop::ValidationError& e) {
    return e.what();
  }
  return "accepted";
}

TEST(JsonLimits, DeepNestingIsRefusedWithoutRecursion) {
  // 70,000 nested arrays used to exhaust the stack while an error message was built.
  const std::string deep = std::string(70000, '[') + std::string(70000, ']');
  const auto message = message_of(deep);
  EXPECT_NE(message.find("is nested 33 levels deep"), std::string::npos) << message;
  EXPECT_NE(message.find("at most 32 levels"), std::string::npos);
  // 32 levels are fine.
  EXPECT_EQ(message_of(std::string(32, '[') + std::string(32, ']')), "accepted");
}

TEST(JsonLimits, NumbersBeyondADoubleAreRefusedAsInput) {
  // 1e400 used to escape as nlohmann's out_of_range.406, an "internal error".
  for (const char* text : {R"({"a": 1e400})", R"({"a": -1e400})", "[1.5e309]"}) {
    const auto message = message_of(text);
    EXPECT_NE(message.find("[iop.validation] doc at $"), std::string::npos) << message;
    EXPECT_NE(message.find("numbers a double can hold"), std::string::npos) << message;
  }
}

TEST(JsonLimits, DuplicateMembersAreRefusedWithTheirPath) {
  const auto message = message_of(R"({"plan": {"weeks": 8, "tracks": [{"name": "a", "name": "b"}]}})");
  EXPECT_EQ(message, "[iop.validation] doc at $.plan.tracks[0].name: is given twice in one object; allowed: each member "
                     "name once (RFC 8259 section 4 leaves duplicates to the reader; iop refuses them)");
}

TEST(JsonLimits, SizeStringAndElementLimits) {
  iop::JsonLimits small;
  small.max_bytes = 100;
  small.max_string_bytes = 10;
  small.max_elements = 3;
  EXPECT_NE(message_of(std::string(101, ' '), small).find("doc: is more than 100 bytes; allowed: a JSON document of at most 100 bytes"),
            std::string::npos);
  EXPECT_NE(message_of(R"({"id": "12345678901"})", small).find("doc at $.id: 12345678901 is a string of 11 bytes"),
            std::string::npos);
  EXPECT_NE(message_of("[1, 2, 3, 4]", small).find("doc at $[3]: is one element too many"), std::string::npos);
  EXPECT_NE(message_of(R"({"a":1,"b":2,"c":3,"d":4})", small).find("doc at $.d: is one member too many"), std::string::npos);
  EXPECT_EQ(message_of("[1, 2, 3]", small), "accepted");
  // A full object: a name given again is still a duplicate; a name over the limit is named first.
  EXPECT_NE(message_of(R"({"a":1,"b":2,"c":3,"a":4})", small).find("doc at $.a: is given twice in one object"),
            std::string::npos);
  EXPECT_NE(message_of(R"({"a":1,"b":2,"c":3,"12345678901":4})", small)
                .find("doc at $.12345678901: 12345678901 is a member name of 11 bytes"),
            std::string::npos);
  // A refusal deep inside names every member on the way, in and after other members.
  EXPECT_NE(message_of(R"({"a":{"x":1,"b":[1,2,3,4]}})", small).find("doc at $.a.b[3]: is one element too many"),
            std::string::npos);
  EXPECT_EQ(message_of(R"({"a":{"x":1,"b":[1,2,3]},"c":[{"d":"e"}]})", small), "accepted");
}

TEST(JsonLimits, SyntaxErrorsNameThePosition) {
  const auto message = message_of(R"({"plan": {"weeks": }})");
  EXPECT_NE(message.find("doc at $.plan.weeks: is not valid JSON: parse error at line 1, column 20"), std::string::npos) << message;
}

TEST(JsonLimits, ParsedDocumentsKeepEveryValue) {
  const auto doc = iop::parse_json(R"({"a": [1, -2, 3.5, "x", true, null, {"b": []}], "c": {}})");
  EXPECT_EQ(doc.dump(), R"({"a":[1,-2,3.5,"x",true,null,{"b":[]}],"c":{}})");
  EXPECT_TRUE(doc["a"][0].is_number_unsigned());
  EXPECT_TRUE(doc["a"][1].is_number_integer());
}

TEST(JsonLimits, ANulByteIsNeverTheEndOfTheDocument) {
  using namespace std::string_literals;
  // nlohmann's lexer takes a NUL outside a string for the end of the input: everything after it
  // used to be ignored. The same text with a space instead of the NUL was already refused.
  EXPECT_EQ(message_of("{\"a\":1}\0junk"s),
            "[iop.validation] doc: is not valid JSON: parse error at line 1, column 8: a NUL byte outside a string; "
            "allowed: a JSON document (RFC 8259)");
  EXPECT_NE(message_of("{\"a\":1} junk"s).find("doc: is not valid JSON: parse error at line 1, column 9"), std::string::npos);
  // After a line break the column counts from it (byte 11 is the 6th of line 2).
  EXPECT_NE(message_of("{\"a\":\n [1]}\0"s).find("doc: is not valid JSON: parse error at line 2, column 6: a NUL byte"),
            std::string::npos);
  // A NUL first, or between tokens, is named where it is, with the path being read.
  EXPECT_NE(message_of("\0{}"s).find("doc: is not valid JSON: parse error at line 1, column 1: a NUL byte outside a string"),
            std::string::npos);
  EXPECT_NE(message_of("{\"a\": \0 1}"s).find("doc at $.a: is not valid JSON: parse error at line 1, column 7: a NUL byte"),
            std::string::npos);
  // Inside a string the lexer names it itself (control character U+0000), as before.
  EXPECT_NE(message_of("{\"a\":\"x\0\"}"s).find("control character U+0000 (NUL) must be escaped"), std::string::npos);
  // Escaped, it is a character like any other.
  EXPECT_EQ(iop::parse_json(R"({"a":"x\u0000"})").at("a").get<std::string>(), "x"s + '\0');
}

TEST(JsonLimits, ContainersAreSummarisedInErrors) {
  const auto doc = iop::parse_json(R"({"weeks": [1, 2, 3]})");
  try {
    (void)iop::JsonReader(doc, "plan").at("weeks").as_int(1, 52);
    FAIL();
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.value(), "[...] (3 elements)");
  }
}

}  // namespace limits

TEST(Json, CompactTextIsByteForByteTheLibrarysDump) {
  // Escapes (quote, backslash, every control character), UTF-8 kept raw, DEL raw,
  // numbers of every kind, nesting, empty containers, and invalid UTF-8 replaced.
  std::string controls;
  for (char c = 1; c < 0x20; ++c) controls += c;
  const nlohmann::json doc = {
      {"text", "a \"quoted\" \\ back\\slash/ é 中文 \x7f" + controls},
      {"numbers", {0, -1, 42u, INT64_MIN, UINT64_MAX, 3.5, -0.0, 1e300, 0.1}},
      {"nested", {{"empty_object", nlohmann::json::object()}, {"empty_array", nlohmann::json::array()}, {"null", nullptr}}},
      {"flags", {true, false}},
      {"bad utf-8", std::string("x\xff\xc3y")}};
  EXPECT_EQ(iop::to_compact_json(doc), doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  const auto parsed = iop::parse_json(R"({"b":[1,{"c":"\u0000\u001f"}],"a":"\ud83d\ude00"})");
  EXPECT_EQ(iop::to_compact_json(parsed), parsed.dump());
}

namespace field_limits {

std::string refusal(const char* json_text, std::function<void(const iop::JsonReader&)> read) {
  const auto doc = iop::parse_json(json_text);
  try {
    read(iop::JsonReader(doc, "plan").at("v"));
    return "accepted";
  } catch (const iop::ValidationError& e) {
    return e.what();
  }
}

TEST(FieldLimits, IdentifiersRefuseControlAndBidirectionalCharactersAndLength) {
  auto id = [](const iop::JsonReader& r) { (void)r.as_identifier(); };
  EXPECT_EQ(refusal(R"({"v": "plan-001"})", id), "accepted");
  EXPECT_EQ(refusal(R"({"v": "Los Angeles site"})", id), "accepted");
  EXPECT_EQ(refusal(R"({"v": "caf\u00e9 \u4e2d"})", id), "accepted");
  // x CR LF SUMMARY:injected: the line break that would forge an iCalendar line.
  EXPECT_EQ(refusal(R"({"v": "x\r\nSUMMARY:injected"})", id),
            "[iop.validation] plan.v: 'x\\x0D\\x0ASUMMARY:injected' holds a control character; allowed: 1..128 characters "
            "without control characters, bidirectional controls or surrounding spaces");
  for (const char* bad : {R"({"v": "a\u0000b"})", R"({"v": "\u202eevil"})", R"({"v": "a\u2028b"})", R"({"v": "a\u0085b"})",
                          R"({"v": "tab\there"})", R"({"v": "\u2066x"})", R"({"v": "a\u007f"})"})
    EXPECT_NE(refusal(bad, id).find("holds a control character"), std::string::npos) << bad;
  EXPECT_NE(refusal(R"({"v": ""})", id).find("plan.v: '' is empty"), std::string::npos);
  EXPECT_NE(refusal(R"({"v": " x"})", id).find("begins or ends with a space"), std::string::npos);
  // 128 characters pass, 129 do not, however many bytes each takes: characters (code points) are what a
  // JSON Schema's maxLength counts, so the schema and the reader agree. 128 x U+4E2D is 384 bytes of UTF-8.
  const std::string at_limit = R"({"v": ")" + std::string(128, 'x') + R"("})";
  const std::string past_limit = R"({"v": ")" + std::string(129, 'x') + R"("})";
  EXPECT_EQ(refusal(at_limit.c_str(), id), "accepted");
  EXPECT_NE(refusal(past_limit.c_str(), id).find("is 129 characters long"), std::string::npos);
  std::string wide_at_limit = R"({"v": ")";
  for (int i = 0; i < 128; ++i) wide_at_limit += "\u4e2d";
  EXPECT_EQ(refusal((wide_at_limit + R"("})").c_str(), id), "accepted");
  EXPECT_NE(refusal((wide_at_limit + R"(\u4e2d"})").c_str(), id).find("is 129 characters long"), std::string::npos);
}

TEST(FieldLimits, FreeTextKeepsLineBreaksAndTabsOnly) {
  auto text = [](const iop::JsonReader& r) { (void)r.as_text(); };
  EXPECT_EQ(refusal(R"({"v": "line one\r\nline two\tand a tab"})", text), "accepted");
  EXPECT_EQ(refusal(R"({"v": ""})", text), "accepted");
  EXPECT_NE(refusal(R"({"v": "bell\u0007"})", text).find("holds a control character"), std::string::npos);
  const std::string long_text = R"({"v": ")" + std::string(4097, 'x') + R"("})";
  EXPECT_NE(refusal(long_text.c_str(), text).find("is 4097 characters long"), std::string::npos);
}

TEST(FieldLimits, ListsAndAmountsHaveBounds) {
  EXPECT_EQ(refusal(R"({"v": [1, 2, 3]})", [](const iop::JsonReader& r) { (void)r.array_size(3); }), "accepted");
  EXPECT_EQ(refusal(R"({"v": [1, 2, 3, 4]})", [](const iop::JsonReader& r) { (void)r.array_size(3); }),
            "[iop.validation] plan.v: [...] (4 elements) has too many elements; allowed: at most 3 (docs/limits.md)");
  auto amount = [](const iop::JsonReader& r) {
    (void)r.as_money(iop::Money(), iop::Money::from_cents(iop::limits::max_amount_cents));
  };
  EXPECT_EQ(refusal(R"({"v": "1000000.00"})", amount), "accepted");
  EXPECT_EQ(refusal(R"({"v": "1000000.01"})", amount),
            "[iop.validation] plan.v: $1,000,000.01 is above the largest amount allowed here; allowed: "
            "$0.00..$1,000,000.00 (docs/limits.md)");
  EXPECT_NE(refusal(R"({"v": "-0.01"})", amount).find("is below the smallest amount"), std::string::npos);
}

TEST(FieldLimits, DatesAreReadIn1900To2100) {
  EXPECT_EQ(iop::to_iso_string(iop::parse_date("1900-01-01")), "1900-01-01");
  EXPECT_EQ(iop::to_iso_string(iop::parse_date("2100-12-31")), "2100-12-31");
  for (const char* text : {"1899-12-31", "2101-01-01", "1400-01-01", "9999-12-31"}) {
    try {
      (void)iop::parse_date(text, "plan.start_date");
      FAIL() << text;
    } catch (const iop::ValidationError& e) {
      EXPECT_EQ(std::string(e.what()), std::string("[iop.validation] plan.start_date: ") + text +
                                           " is outside the dates iop accepts; allowed: 1900-01-01..2100-12-31");
    }
  }
}

}  // namespace field_limits
