#include "iop/core/money.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <ostream>

#include "iop/core/error.hpp"

namespace {

using iop::Money;
using iop::Rate;

// Only meaningful arithmetic compiles.
template <class A, class B>
concept Multipliable = requires(A a, B b) { a * b; };
static_assert(!Multipliable<Money, Money>, "Money * Money must not compile");
static_assert(Multipliable<Money, std::int64_t>);
static_assert(Multipliable<Money, Rate>);
static_assert(!std::is_constructible_v<Money, double>, "Money from double must not compile");
static_assert(!std::is_convertible_v<std::int64_t, Money>, "cents must be explicit: Money::from_cents");

struct ParseCase {
  const char* text;
  std::int64_t cents;
  const char* display;
  const char* plain;
};

void PrintTo(const ParseCase& c, std::ostream* os) { *os << c.text; }

class MoneyParse : public ::testing::TestWithParam<ParseCase> {};

TEST_P(MoneyParse, ParsesAndFormats) {
  const auto& c = GetParam();
  const Money m = Money::parse(c.text);
  EXPECT_EQ(m.cents(), c.cents);
  EXPECT_EQ(m.to_string(), c.display);
  EXPECT_EQ(m.to_plain_string(), c.plain);
}

INSTANTIATE_TEST_SUITE_P(
    Examples, MoneyParse,
    ::testing::Values(ParseCase{"$1,234.56", 123456, "$1,234.56", "1234.56"},
                      ParseCase{"-0.05", -5, "-$0.05", "-0.05"},
                      ParseCase{"1234", 123400, "$1,234.00", "1234.00"},
                      ParseCase{"$0.5", 50, "$0.50", "0.50"},
                      ParseCase{"-$5", -500, "-$5.00", "-5.00"},
                      ParseCase{"+12.5", 1250, "$12.50", "12.50"},
                      ParseCase{"12,345,678.90", 1234567890, "$12,345,678.90", "12345678.90"},
                      ParseCase{"$259.13", 25913, "$259.13", "259.13"},
                      ParseCase{"0", 0, "$0.00", "0.00"},
                      ParseCase{"-0.00", 0, "$0.00", "0.00"},
                      ParseCase{"92233720368547758.07", std::numeric_limits<std::int64_t>::max(),
                                "$92,233,720,368,547,758.07", "92233720368547758.07"},
                      ParseCase{"-92233720368547758.08", std::numeric_limits<std::int64_t>::min(),
                                "-$92,233,720,368,547,758.08", "-92233720368547758.08"}));

TEST(Money, RefusesMalformedTextNamingFieldAndValue) {
  for (const char* bad : {"", "$", "abc", "1.234", "1.", ".5", "1,23", "1,2345", ",123", "12,34.00",
                          "1 234", "$-5", "1e3", "--1", "0x10", "1,234,56"}) {
    try {
      (void)Money::parse(bad, "fee.amount");
      ADD_FAILURE() << "accepted " << bad;
    } catch (const iop::ValidationError& e) {
      EXPECT_EQ(e.field(), "fee.amount");
      EXPECT_NE(std::string(e.what()).find(std::string("'") + bad + "'"), std::string::npos) << e.what();
    }
  }
}

TEST(Money, ParseOverflowIsReported) {
  EXPECT_THROW((void)Money::parse("92233720368547758.08"), iop::OverflowError);
  EXPECT_THROW((void)Money::parse("99999999999999999999999"), iop::OverflowError);
}

TEST(Money, Arithmetic) {
  const Money per_diem = Money::parse("$259.13");
  EXPECT_EQ((per_diem * 3).to_string(), "$777.39");
  // 12 weeks at 3 days: 36 days * $259.13 = $9,328.68 (by hand: 259.13 * 36).
  EXPECT_EQ((per_diem * 36).to_string(), "$9,328.68");
  EXPECT_EQ((per_diem + Money::parse("0.87")).to_string(), "$260.00");
  EXPECT_EQ((per_diem - Money::parse("300")).to_string(), "-$40.87");
  EXPECT_EQ((-per_diem).cents(), -25913);
  Money total;
  total += per_diem;
  total += per_diem;
  total -= Money::from_cents(26);
  EXPECT_EQ(total.cents(), 51800);
  EXPECT_EQ(Money::from_dollars(100).cents(), 10000);
  EXPECT_LT(Money::from_cents(-1), Money());
  EXPECT_EQ(iop::max(per_diem, Money()), per_diem);
  EXPECT_EQ(iop::min(per_diem, Money()), Money());
}

struct RateCase {
  const char* amount;
  const char* rate;
  const char* expected;
};

void PrintTo(const RateCase& c, std::ostream* os) { *os << c.amount << " * " << c.rate; }

class MoneyApplyRate : public ::testing::TestWithParam<RateCase> {};

TEST_P(MoneyApplyRate, RoundsOnceHalfAwayFromZero) {
  const auto& c = GetParam();
  EXPECT_EQ(Money::parse(c.amount).apply(Rate::parse(c.rate)).to_string(), c.expected);
  EXPECT_EQ((Money::parse(c.amount) * Rate::parse(c.rate)).to_string(), c.expected);
}

// Each expected value worked out by hand: exact product, then the rounding rule.
INSTANTIATE_TEST_SUITE_P(
    HandChecked, MoneyApplyRate,
    ::testing::Values(RateCase{"$777.39", "20%", "$155.48"},  // 155.478 -> 155.48
                      RateCase{"$0.03", "20%", "$0.01"},      // 0.6 cent -> 1
                      RateCase{"$0.02", "20%", "$0.00"},      // 0.4 cent -> 0
                      RateCase{"$0.01", "50%", "$0.01"},      // 0.5 cent -> 1 (half away from zero)
                      RateCase{"-$0.01", "50%", "-$0.01"},    // -0.5 cent -> -1
                      RateCase{"-$0.03", "50%", "-$0.02"},    // -1.5 cents -> -2
                      RateCase{"$1.00", "1/3", "$0.33"},      // 33.33.. cents
                      RateCase{"$1.00", "2/3", "$0.67"},      // 66.66.. cents
                      RateCase{"$0.04", "12.5%", "$0.01"},    // 0.5 cent -> 1
                      RateCase{"$10.00", "12.5%", "$1.25"},   // exact
                      RateCase{"$259.13", "150%", "$388.70"}, // 388.695 -> 388.70
                      RateCase{"$1,000.00", "0%", "$0.00"},
                      RateCase{"$1,000.00", "100%", "$1,000.00"}));

TEST(Money, OverflowIsDetectedNeverWrapped) {
  const Money top = Money::from_cents(std::numeric_limits<std::int64_t>::max());
  const Money bottom = Money::from_cents(std::numeric_limits<std::int64_t>::min());
  EXPECT_THROW((void)(top + Money::from_cents(1)), iop::OverflowError);
  EXPECT_THROW((void)(bottom - Money::from_cents(1)), iop::OverflowError);
  EXPECT_THROW((void)(-bottom), iop::OverflowError);
  EXPECT_THROW((void)(top * 2), iop::OverflowError);
  EXPECT_THROW((void)(bottom * -1), iop::OverflowError);
  EXPECT_THROW((void)top.apply(Rate::percent(200)), iop::OverflowError);
  EXPECT_THROW((void)Money::from_dollars(std::numeric_limits<std::int64_t>::max() / 10), iop::OverflowError);
  try {
    (void)(top + top);
  } catch (const std::overflow_error& e) {
    EXPECT_NE(std::string(e.what()).find("[iop.overflow]"), std::string::npos);
  }
}

}  // namespace
