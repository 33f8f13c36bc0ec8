#include "iop/core/error.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace {

TEST(Error, MessageHasIdFieldValueProblemAndAllowed) {
  const iop::ValidationError e("plan.weeks", "14", "is outside the program's weeks", "6..12");
  EXPECT_STREQ(e.what(), "[iop.validation] plan.weeks: 14 is outside the program's weeks; allowed: 6..12");
  EXPECT_EQ(e.field(), "plan.weeks");
  EXPECT_EQ(e.value(), "14");
  EXPECT_EQ(e.allowed(), "6..12");
  EXPECT_EQ(e.id(), "iop.validation");
}

TEST(Error, EmptyPartsAreLeftOut) {
  const iop::NotFoundError e("", "'x'", "is not known", "");
  EXPECT_STREQ(e.what(), "[iop.not_found] 'x' is not known");
}

TEST(Error, LeavesAreCatchableAsIopErrorAndAsTheStandardCategory) {
  EXPECT_THROW(throw iop::ValidationError("f", "v", "p", "a"), std::invalid_argument);
  EXPECT_THROW(throw iop::NotFoundError("f", "v", "p", "a"), std::out_of_range);
  EXPECT_THROW(throw iop::OverflowError("f", "v", "p", "a"), std::overflow_error);
  try {
    throw iop::OverflowError("amount", "v", "p", "a");
  } catch (const iop::Error& e) {
    EXPECT_EQ(e.id(), "iop.overflow");
    EXPECT_EQ(e.field(), "amount");
  }
  try {
    throw iop::NotFoundError("zone", "v", "p", "a");
  } catch (const std::exception& e) {  // one std::exception base: not ambiguous
    EXPECT_NE(std::string(e.what()).find("[iop.not_found] zone: v p"), std::string::npos);
  }
}

}  // namespace

TEST(Error, EchoesAShortPrintableExcerptOfTheValue) {
  // A 100 KB value, line breaks, NUL, and a right-to-left override (U+202E) in a value.
  const std::string huge(100000, 'x');
  const iop::ValidationError big("plan.id", huge, "is too long", "at most 128 characters");
  EXPECT_EQ(big.value(), std::string(80, 'x') + "... (100000 bytes)");
  EXPECT_LT(std::string(big.what()).size(), 300u);

  const std::string hostile = std::string("a\r\nSUMMARY:x") + '\0' + "b\xE2\x80\xAE" + "c\x7F";
  const iop::ValidationError e("plan.id", hostile, "is not an identifier", "letters");
  EXPECT_EQ(e.value(), "a\\x0D\\x0ASUMMARY:x\\x00b\\u{202E}c\\x7F");
  EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos);
  // Not UTF-8: each bad byte is escaped; valid UTF-8 (an accented letter) is kept.
  EXPECT_EQ(iop::printable_excerpt("\xFF\xC3\xA9"), "\\xFFé");
  EXPECT_EQ(iop::printable_excerpt("abcdef", 3), "abc... (6 bytes)");
  // A cut never splits a multi-byte character.
  EXPECT_EQ(iop::printable_excerpt("ééé", 2), "éé... (6 bytes)");
}
