// The JSON writer writes what the DOM writer writes for the same document, and
// refuses a layout that would not (a member out of the DOM's order, or twice).

#include "core/json_writer.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>

#include "iop/core/error.hpp"
#include "iop/core/json.hpp"

namespace {

using iop::detail::JsonWriter;
using nlohmann::json;

TEST(JsonWriter, WritesWhatTheDomWriterWrites) {
  std::string text;
  JsonWriter out(text);
  out.begin_object();
  out.member("amount", iop::Money::parse("-0.50"));
  out.key("days").begin_array();
  out.date(iop::parse_date("2026-01-05"));
  out.date(iop::parse_date("2028-02-29"));
  out.end_array();
  out.key("empty").begin_object();
  out.end_object();
  out.member("flag", false);
  out.member("n", -42);
  out.key("nothing").null();
  out.key("raw").raw(R"({"a":[1,2]})");
  out.member("session", iop::ZonedTime(iop::parse_date_time("2026-03-09T18:00"),
                                       iop::TimeZone::from_name("America/Los_Angeles")));
  out.member("text", "a \"quoted\"\tline\n\x01 \xc3\xa9");
  out.member("texts", std::vector<std::string>{"x", ""});
  out.end_object();
  const std::string expected =
      R"({"amount":"-0.50","days":["2026-01-05","2028-02-29"],"empty":{},"flag":false,"n":-42,"nothing":null,)"
      R"("raw":{"a":[1,2]},"session":{"local":"2026-03-09T18:00:00","offset":"-07:00","utc":"2026-03-10T01:00:00Z",)"
      R"("zone":"America/Los_Angeles"},"text":"a \"quoted\"\tline\n\u0001 é","texts":["x",""]})";
  EXPECT_EQ(text, expected);
  EXPECT_EQ(iop::to_compact_json(json::parse(text)), text);
}

TEST(JsonWriter, WritesAmountsInDollarsAndCents) {
  const std::pair<std::int64_t, const char*> amounts[] = {
      {0, "0.00"},
      {5, "0.05"},
      {-5, "-0.05"},
      {123456, "1234.56"},
      {-100, "-1.00"},
      {std::numeric_limits<std::int64_t>::max(), "92233720368547758.07"},
      {std::numeric_limits<std::int64_t>::min(), "-92233720368547758.08"}};
  for (const auto& [cents, dollars] : amounts) {
    std::string text;
    JsonWriter(text).money(iop::Money::from_cents(cents));
    EXPECT_EQ(text, "\"" + std::string(dollars) + "\"") << cents;
    EXPECT_EQ(iop::Money::from_cents(cents).to_plain_string(), dollars) << cents;
  }
}

TEST(JsonWriter, ReplacesInvalidUtf8AsTheDomWriterDoes) {
  // No parsed input holds invalid UTF-8, but a caller's string might.
  for (const std::string& bad : {std::string("ab\xff"), std::string("\xc3"), std::string("x\xed\xa0\x80y")}) {
    std::string text;
    JsonWriter(text).string(bad);
    EXPECT_EQ(text, json(bad).dump(-1, ' ', false, json::error_handler_t::replace));
  }
}

TEST(JsonWriter, StringsAgreeWithTheDomWriterOnEveryByte) {
  std::mt19937 random(20261206);
  for (int round = 0; round < 2000; ++round) {
    std::string s(static_cast<std::size_t>(random() % 12), ' ');
    for (auto& c : s) c = static_cast<char>(random() % 256);
    std::string text;
    JsonWriter(text).string(s);
    EXPECT_EQ(text, json(s).dump(-1, ' ', false, json::error_handler_t::replace));
  }
}

// Any document written member by member, in the DOM's order, gives the DOM writer's bytes:
// long and short strings, names and numbers, deep and wide, past the writer's pending buffer.
void write_dom(JsonWriter& out, const json& value) {
  if (value.is_object()) {
    out.begin_object();
    for (const auto& [name, member] : value.items()) {
      out.key(name);
      write_dom(out, member);
    }
    out.end_object();
  } else if (value.is_array()) {
    out.begin_array();
    for (const auto& element : value) write_dom(out, element);
    out.end_array();
  } else if (value.is_string()) {
    out.string(value.get_ref<const std::string&>());
  } else if (value.is_boolean()) {
    out.boolean(value.get<bool>());
  } else if (value.is_null()) {
    out.null();
  } else {
    out.integer(value.get<std::int64_t>());
  }
}

json random_document(std::mt19937_64& random, int depth) {
  const auto pick = random() % (depth > 3 ? 4 : 6);
  auto text = [&](std::size_t length, bool plain) {
    std::string t(length, 'a');
    for (auto& c : t) c = plain ? static_cast<char>('a' + random() % 26) : static_cast<char>(random() % 256);
    return t;
  };
  switch (pick) {
    case 0: return static_cast<std::int64_t>(random());
    case 1: return text(random() % 3 == 0 ? 200 + random() % 900 : random() % 20, random() % 2 == 0);
    case 2: return random() % 2 == 0;
    case 3: return nullptr;
    case 4: {
      json array = json::array();
      for (auto n = random() % 30; n > 0; --n) array.push_back(random_document(random, depth + 1));
      return array;
    }
    default: {
      json object = json::object();
      for (auto n = random() % 30; n > 0; --n)
        object[text(1 + random() % (random() % 5 == 0 ? 120 : 12), true)] = random_document(random, depth + 1);
      return object;
    }
  }
}

TEST(JsonWriter, AnyDocumentGivesTheDomWritersBytes) {
  std::mt19937_64 random(20261206);
  for (int round = 0; round < 120; ++round) {
    const auto document = random_document(random, 0);
    std::string text;
    JsonWriter out(text);
    write_dom(out, document);
    ASSERT_EQ(text, iop::to_compact_json(document)) << "round " << round;
  }
}

#ifndef NDEBUG
TEST(JsonWriter, RefusesAMemberOutOfTheDomsOrderOrTwice) {
  std::string text;
  JsonWriter out(text);
  out.begin_object();
  out.member("b", 1);
  EXPECT_THROW(out.key("a"), std::logic_error);
  EXPECT_THROW(out.key("b"), std::logic_error);
  EXPECT_NO_THROW(out.member("ba", 2));
}
#endif

// Strings to escape (quotes, controls, non-ASCII) are escaped in place among the others, whatever came
// before them: a long run of them after a prefix gives the DOM writer's bytes, each string once.
TEST(JsonWriter, EscapedStringsAmongOthersAfterAPrefix) {
  std::string text = "prefix:";
  json dom = json::array();
  {
    JsonWriter out(text);
    out.begin_array();
    for (int i = 0; i < 3000; ++i) {
      const std::string value = i % 3 == 0 ? "plan-caf\xc3\xa9-" + std::to_string(i)
                                : i % 3 == 1 ? "say \"hi\"\n\t" + std::to_string(i)
                                             : "plain-" + std::to_string(i);
      out.string(value);
      dom.push_back(value);
    }
    out.end_array();
  }
  EXPECT_EQ(text, "prefix:" + iop::to_compact_json(dom));
}

// An empty view holds no pointer: written as "" (the sanitizers check no null pointer reaches memcpy).
TEST(JsonWriter, EmptyViewsAreEmptyStrings) {
  std::string text;
  {
    JsonWriter out(text);
    out.begin_array();
    out.string(std::string_view{});
    out.string(std::string_view{});
    out.end_array();
  }
  EXPECT_EQ(text, R"(["",""])");
}

// A value left unfinished by an exception leaves the string at the text written so far.
TEST(JsonWriter, AnExceptionLeavesTheTextWrittenSoFar) {
  std::string text = "keep";
  text.reserve(4096);
  EXPECT_THROW(
      {
        JsonWriter out(text);
        out.begin_object();
        out.member("a", 1);
        out.member("d", iop::Date(boost::gregorian::not_a_date_time));
      },
      iop::ValidationError);
  EXPECT_EQ(text, R"(keep{"a":1,"d":")");
}

// The writer keeps the last two days it wrote (a session's local and UTC days): every day is still its own
// text, whatever the order.
TEST(JsonWriter, DatesInAnyOrderAreEachTheirOwnText) {
  std::mt19937 random(20261207);
  std::uniform_int_distribution<int> pick(0, 3);
  const std::string days[] = {"2026-03-01", "2026-03-02", "2026-02-28", "2028-02-29"};
  std::string text;
  JsonWriter out(text);
  out.begin_array();
  std::string expected = "[";
  for (int i = 0; i < 400; ++i) {
    const auto& day = days[pick(random)];
    out.zoned_time(iop::ZonedTime(iop::parse_date_time(day + "T18:30"), iop::TimeZone::from_name("America/Los_Angeles")));
    out.date(iop::parse_date(day));
    // The DOM writer's text, each day written afresh (18:30 in Los Angeles is the next day in UTC).
    const json written_by_dom = iop::ZonedTime(iop::parse_date_time(day + "T18:30"),
                                               iop::TimeZone::from_name("America/Los_Angeles"));
    expected += (i == 0 ? "" : ",") + iop::to_compact_json(written_by_dom) + ",\"" + day + "\"";
  }
  out.end_array();
  EXPECT_EQ(text, expected + "]");
}

// Strings are checked eight bytes at a time for what needs escaping: one such byte at any place of a string of any
// length, alone or among others, is found.
TEST(JsonWriter, OneByteToEscapeAnywhereInAStringOfAnyLength) {
  const std::string odd_ones[] = {std::string(1, '\0'), "\x1f", "\"", "\\", "\x7f", "\xc3\xa9", "\xff", "\n", " "};
  for (std::size_t length = 0; length <= 40; ++length)
    for (std::size_t at = 0; at <= length; ++at)
      for (const auto& odd : odd_ones) {
        std::string s(length, 'k');
        s.insert(at, odd);
        std::string text;
        JsonWriter(text).string(s);
        ASSERT_EQ(text, json(s).dump(-1, ' ', false, json::error_handler_t::replace)) << length << " " << at;
      }
}

// A zoned time's local and UTC date-times are written from the instant's ticks: the DOM writer's text (Boost's own
// year, month, day and time of day) for instants all over iop's years, in zones east and west of UTC, with and
// without fractions of a second (dropped by both).
TEST(JsonWriter, ZonedTimesAgreeWithTheDomWriterAllOverTheYears) {
  std::mt19937_64 random(20261207);
  const auto first = boost::posix_time::ptime(iop::make_date(1970, 1, 2));
  const std::int64_t span_seconds = std::int64_t{130} * 365 * 86400;
  const char* zones[] = {"America/Los_Angeles", "Pacific/Guam", "Pacific/Pago_Pago", "UTC", "America/Indiana/Knox"};
  std::string text;
  JsonWriter out(text);
  out.begin_array();
  std::string expected = "[";
  for (int i = 0; i < 5000; ++i) {
    auto utc = first + boost::posix_time::seconds(static_cast<long>(random() % span_seconds));
    if (i % 3 == 0) utc += boost::posix_time::milliseconds(static_cast<long>(random() % 1000));
    if (i % 7 == 0) utc = boost::posix_time::ptime(utc.date()) + boost::posix_time::hours(i % 2 == 0 ? 0 : 23) +
                          boost::posix_time::minutes(59) + boost::posix_time::seconds(59);
    const auto time = iop::ZonedTime::from_utc(utc, iop::TimeZone::from_name(zones[i % 5]));
    out.zoned_time(time);
    expected += (i == 0 ? "" : ",") + iop::to_compact_json(json(time));
  }
  out.end_array();
  EXPECT_EQ(text, expected + "]");
}

TEST(JsonWriter, RefusesAValueWithoutItsName) {
  std::string text;
  JsonWriter out(text);
  out.begin_object();
  EXPECT_THROW(out.integer(1), std::logic_error);
  EXPECT_THROW(out.end_array(), std::logic_error);
}

}  // namespace
