#include "iop/core/rate.hpp"

#include <gtest/gtest.h>

#include "iop/core/error.hpp"

namespace {

using iop::Rate;

TEST(Rate, ParsesPercentDecimalAndFraction) {
  EXPECT_EQ(Rate::parse("20%"), Rate::fraction(1, 5));
  EXPECT_EQ(Rate::parse("12.5%"), Rate::fraction(1, 8));
  EXPECT_EQ(Rate::parse("0.2"), Rate::fraction(1, 5));
  EXPECT_EQ(Rate::parse("1/3"), Rate::fraction(1, 3));
  EXPECT_EQ(Rate::parse("2/6"), Rate::fraction(1, 3));
  EXPECT_EQ(Rate::parse("150%"), Rate::fraction(3, 2));
  EXPECT_EQ(Rate::parse(" 0% "), Rate());
  EXPECT_EQ(Rate::percent(20), Rate::basis_points(2000));
  EXPECT_EQ(Rate::parse("20%").numerator(), 1);
  EXPECT_EQ(Rate::parse("20%").denominator(), 5);
}

TEST(Rate, FormatsAsPercentOrFraction) {
  EXPECT_EQ(Rate::fraction(1, 5).to_string(), "20%");
  EXPECT_EQ(Rate::fraction(1, 8).to_string(), "12.5%");
  EXPECT_EQ(Rate::fraction(3, 2).to_string(), "150%");
  EXPECT_EQ(Rate::fraction(1, 400).to_string(), "0.25%");
  EXPECT_EQ(Rate().to_string(), "0%");
  EXPECT_EQ(Rate::fraction(1, 3).to_string(), "1/3");
  EXPECT_EQ(Rate::fraction(1, 1).to_string(), "100%");
}

TEST(Rate, OrdersExactly) {
  EXPECT_LT(Rate::fraction(1, 3), Rate::parse("0.34"));
  EXPECT_GT(Rate::fraction(1, 3), Rate::parse("0.33"));
  EXPECT_EQ(Rate::fraction(2, 4) <=> Rate::parse("50%"), std::strong_ordering::equal);
}

TEST(Rate, RefusesBadInputNamingTheField) {
  for (const char* bad : {"", "-5%", "abc", "1/0", "20 %", "1/-3", "%", "0.1234567891"}) {
    try {
      (void)Rate::parse(bad, "coverage.coinsurance");
      ADD_FAILURE() << "accepted " << bad;
    } catch (const iop::ValidationError& e) {
      EXPECT_EQ(e.field(), "coverage.coinsurance") << bad;
    }
  }
  EXPECT_THROW((void)Rate::fraction(-1, 2), iop::ValidationError);
  EXPECT_THROW((void)Rate::fraction(1, 0), iop::ValidationError);
}

}  // namespace
