#include "iop/billing/sliding_scale.hpp"

#include <gtest/gtest.h>

#include "iop/core/error.hpp"

namespace {

using iop::Money;
using iop::Rate;

TEST(PovertyGuidelines, PublishedFigures) {
  // 90 FR 5917 (2025): $15,650 + $5,500 per additional person; 91 FR 1797 (2026): $15,960 + $5,680.
  EXPECT_EQ(iop::poverty_guideline(2025, 1), Money::parse("$15,650"));
  EXPECT_EQ(iop::poverty_guideline(2025, 4), Money::parse("$32,150"));
  EXPECT_EQ(iop::poverty_guideline(2026, 3), Money::parse("$27,320"));
  EXPECT_EQ(iop::poverty_guideline(2026, 8), Money::parse("$55,720"));
  EXPECT_EQ(iop::poverty_guideline(2024, 2, iop::PovertyArea::alaska), Money::parse("$25,540"));
  EXPECT_EQ(iop::poverty_guideline(2026, 1, iop::PovertyArea::hawaii), Money::parse("$18,360"));
  EXPECT_EQ(iop::poverty_area_for_state("AK"), iop::PovertyArea::alaska);
  // Alaska 2025: only the one-person figure is confirmed.
  EXPECT_EQ(iop::poverty_guideline(2025, 1, iop::PovertyArea::alaska), Money::parse("$19,550"));
  EXPECT_THROW((void)iop::poverty_guideline(2025, 2, iop::PovertyArea::alaska), iop::ValidationError);
  EXPECT_THROW((void)iop::poverty_guideline(2019, 2), iop::NotFoundError);
  EXPECT_THROW((void)iop::poverty_guideline(2026, 0), iop::ValidationError);
}

TEST(SlidingScale, TiersAndDiscountedPrices) {
  // $40,000 for a household of 3 in 2026 is 40,000 / 27,320 = 146.4% of the guideline.
  const auto share = iop::income_share_of_poverty(Money::parse("$40,000"), 2026, 3);
  EXPECT_EQ(share, Rate::fraction(4'000'000, 2'732'000));
  const iop::SlidingScale scale{{{Rate::percent(100), Rate::percent(75), "up to 100%"},
                                 {Rate::percent(200), Rate::percent(50), "up to 200%"},
                                 {Rate::percent(300), Rate::percent(25), "up to 300%"},
                                 {std::nullopt, Rate(), "above 300%"}}};
  EXPECT_EQ(scale.tier_for(share).name, "up to 200%");
  EXPECT_EQ(scale.tier_for(Rate::percent(100)).name, "up to 100%");  // the limit is inclusive
  EXPECT_EQ(scale.tier_for(Rate::percent(450)).name, "above 300%");
  const auto fees = scale.apply(iop::FeeSchedule::per_diem_schedule("self-pay", Money::parse("$300")), share);
  EXPECT_EQ(fees.per_diem, Money::parse("$150"));
  const iop::SlidingScale unordered{{{Rate::percent(200), Rate::percent(50), "a"}, {Rate::percent(100), Rate::percent(75), "b"}}};
  EXPECT_THROW((void)unordered.tier_for(share), iop::ValidationError);
}

}  // namespace
