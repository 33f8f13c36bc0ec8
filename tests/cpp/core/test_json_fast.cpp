// parse_json's fast path (simdjson) against its careful path (nlohmann's parser with iop's limits): a
// document the fast path takes is the careful path's document; one it declines is read the careful way, so
// parse_json's answer, document or refusal, is the careful path's for every input. The fuzzers compare the
// two paths on every input they make as well (tests/fuzz/fuzz_document.cpp).

#include "core/json_fast.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "iop/core/error.hpp"
#include "iop/core/json.hpp"

namespace {

using iop::JsonLimits;
using iop::detail::parse_json_careful;
using iop::detail::parse_json_fast;
using nlohmann::json;

// parse_json's answer is the careful path's: the same document, or the same refusal word for word.
void expect_careful_answer(const std::string& text, const JsonLimits& limits = {}) {
  std::string careful_error;
  json careful;
  try {
    careful = parse_json_careful(text, "input", limits);
  } catch (const iop::ValidationError& e) {
    careful_error = e.what();
  }
  try {
    const auto document = iop::parse_json(text, "input", limits);
    EXPECT_EQ(careful_error, "") << text;
    EXPECT_TRUE(iop::detail::same_document(document, careful)) << text;
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.what(), careful_error) << text;
  }
}

// The fast path takes `text` and makes the careful path's document of it.
void expect_taken(const std::string& text, const JsonLimits& limits = {}) {
  const auto fast = parse_json_fast(text, limits);
  ASSERT_TRUE(fast.has_value()) << text;
  EXPECT_TRUE(iop::detail::same_document(*fast, parse_json_careful(text, "input", limits))) << text;
}

// The fast path declines `text`, and parse_json answers as the careful path does.
void expect_declined(const std::string& text, const JsonLimits& limits = {}) {
  EXPECT_FALSE(parse_json_fast(text, limits).has_value()) << text;
  expect_careful_answer(text, limits);
}

class JsonFastPath : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!iop::detail::fast_json_parser_available()) GTEST_SKIP() << "this build reads JSON the careful way only";
  }
};

TEST_F(JsonFastPath, TakesEveryExampleAsTheCarefulPathReadsIt) {
  int examples = 0;
  for (const auto& entry : std::filesystem::directory_iterator(IOP_EXAMPLES_DIR)) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    expect_taken(text.str());
    ++examples;
  }
  EXPECT_GE(examples, 10);
}

TEST_F(JsonFastPath, NumbersAreTheCarefulPathsNumbers) {
  // nlohmann makes an integer without a minus sign unsigned, with one signed; a number with a fraction or an
  // exponent a double, correctly rounded (1e-400 is 0); the fast path does the same.
  for (const char* text : {"0", "7", "-7", "[0,-0,-0.0,0.0]", "1e2", "1E-2", "0.1", "-1e-400", "1.7976931348623157e308",
                           "4.9e-324", "123456789012345678", "9223372036854775807", "9223372036854775808",
                           "18446744073709551615", "-9223372036854775808", "[1.0,2.50,1e0]"})
    expect_taken(text);
  const auto seven = parse_json_fast("7", {});
  ASSERT_TRUE(seven);
  EXPECT_TRUE(seven->is_number_unsigned());
  const auto minus_seven = parse_json_fast("-7", {});
  ASSERT_TRUE(minus_seven);
  EXPECT_TRUE(minus_seven->is_number_integer() && !minus_seven->is_number_unsigned());
  const auto minus_zero = parse_json_fast("-0.0", {});
  ASSERT_TRUE(minus_zero);
  EXPECT_EQ(minus_zero->dump(), "-0.0");
  // Beyond what simdjson reads as a number: declined, and nlohmann's double or refusal stands.
  expect_declined("18446744073709551616");   // a double to nlohmann
  expect_declined("-9223372036854775809");   // a double to nlohmann
  expect_declined("[1e400]");                // too large for a double: refused
}

TEST_F(JsonFastPath, StringsAndWhitespaceAreTheCarefulPaths) {
  for (const char* text : {R"("caf\u00e9 \"quoted\"\n\ttab")", "\"caf\xc3\xa9 \xf0\x9f\x98\x80\"", R"("\u0000 inside")",
                           R"("\ud83d\ude00")", " \t\r\n{ \"a\" : [ ] , \"b\" : { } }\n", R"({"":""})"})
    expect_taken(text);
  expect_declined("\"a\x01\"");                 // a control character in a string
  expect_declined(std::string("[1]\0", 4));     // a NUL byte after the document
  expect_declined(std::string("[\"a\0\"]", 6)); // a NUL byte in a string
  expect_declined(R"(["\ud800"])");             // half a surrogate pair
  expect_declined("\"\xc3\x28\"");              // not UTF-8
  expect_declined("\xef\xbb\xbf[1]");           // a byte-order mark
}

// Control characters are looked for eight bytes at a time: one at any place of a document of any length, in a
// string or between values, is found; JSON's own whitespace (tab, line feed, carriage return) anywhere is taken.
TEST_F(JsonFastPath, AControlCharacterAnywhereIsDeclinedAndWhitespaceTaken) {
  for (std::size_t length = 0; length <= 17; ++length) {  // two words and every tail
    const std::string inside = "[\"" + std::string(length, 'x') + "\"]";
    const std::string between = "[" + std::string(length, ' ') + "1]";
    for (std::size_t at = 1; at + 1 < inside.size(); ++at)
      for (const char control : {'\x00', '\x1f'}) {
        expect_declined(inside.substr(0, at) + control + inside.substr(at));
        expect_declined(between.substr(0, at) + control + between.substr(at));
      }
    for (std::size_t at = 1; at < between.size(); ++at)
      for (const char space : {'\t', '\n', '\r'}) expect_taken(between.substr(0, at) + space + between.substr(at));
  }
}

TEST_F(JsonFastPath, DeclinesEverySyntaxError) {
  EXPECT_FALSE(parse_json_fast(std::string_view(), {}).has_value());  // no text at all, not even a pointer
  for (const char* text : {"", "   ", "{", "[1,]", "[1 2]", "{\"a\" 1}", "{'a':1}", "[01]", "[.5]", "[1.]", "[+1]",
                           "[tru]", "[nul]", "[1] x", "{} {}", "[\"a]", "[NaN]", "[Infinity]"})
    expect_declined(text);
}

TEST_F(JsonFastPath, DeclinesARepeatedMemberName) {
  expect_declined(R"({"a":1,"b":2,"a":1})");
  expect_declined(R"({"plan":{"weeks":8,"weeks":9}})");
  expect_taken(R"({"a":{"a":1},"b":[{"a":1},{"a":2}]})");  // the same name in different objects
}

TEST_F(JsonFastPath, TakesADocumentAtEveryLimitAndDeclinesOnePast) {
  JsonLimits limits;
  limits.max_depth = 3;
  limits.max_string_bytes = 4;
  limits.max_elements = 2;
  limits.max_bytes = 64;
  expect_taken(R"([[["abcd"]]])", limits);
  expect_declined(R"([[[["a"]]]])", limits);         // four levels
  expect_declined(R"(["abcde"])", limits);           // a string of five bytes
  expect_taken(R"({"abcd":1})", limits);
  expect_declined(R"({"abcde":1})", limits);         // a member name of five bytes
  expect_taken(R"([1,2])", limits);
  expect_declined(R"([1,2,3])", limits);             // three elements
  expect_declined(R"({"a":1,"b":2,"c":3})", limits); // three members
  expect_declined("[" + std::string(70, ' ') + "]", limits);  // more than 64 bytes
  // The default limits: 32 levels, and 10,000 elements in an array.
  expect_taken(std::string(32, '[') + std::string(32, ']'));
  expect_declined(std::string(33, '[') + std::string(33, ']'));
  std::string many = "[0";
  for (int i = 1; i < 10000; ++i) many += ",0";
  expect_taken(many + "]");
  expect_declined(many + ",0]");
}

}  // namespace
