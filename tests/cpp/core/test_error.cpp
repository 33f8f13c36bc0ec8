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
