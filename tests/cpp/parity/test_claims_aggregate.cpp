#include "iop/parity/claims_aggregate.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

#include "iop/core/error.hpp"

namespace {

using namespace iop::parity;

struct Rows {
  std::vector<std::uint8_t> cls, type;
  std::vector<std::int64_t> level, payment;
  [[nodiscard]] ClaimColumns columns(std::int64_t first_row = 0) const { return {cls, type, level, payment, first_row}; }
};

// Two parts of one table of copay rows in outpatient in-network (code 2, type 1).
// Part a: $10,000 at $35 and $15,000 at $20; part b: $15,000 at $35 and $6,000 at $0.
// Merged: $0 -> $6,000; $20 -> $15,000; $35 -> $25,000; four rows.
TEST(ClaimsAggregate, TwoPartsMergeIntoTheWhole) {
  const Rows a{{2, 2}, {1, 1}, {3500, 2000}, {1'000'000, 1'500'000}};
  const Rows b{{2, 2}, {1, 1}, {3500, 0}, {1'500'000, 600'000}};
  const auto merged = merge(aggregate_claim_rows(a.columns()), aggregate_claim_rows(b.columns()));
  const std::vector<ClaimsCell> expected{{Classification::outpatient_in_network, LimitType::copay, 0, 600'000},
                                         {Classification::outpatient_in_network, LimitType::copay, 2000, 1'500'000},
                                         {Classification::outpatient_in_network, LimitType::copay, 3500, 2'500'000}};
  EXPECT_EQ(merged.cells(), expected);
  EXPECT_EQ(merged.rows(), 4);
  EXPECT_EQ(merged, merge(aggregate_claim_rows(b.columns()), aggregate_claim_rows(a.columns())));
  EXPECT_EQ(merge(merged, ClaimsAggregate()), merged);
  const Rows whole{{2, 2, 2, 2}, {1, 1, 1, 1}, {3500, 2000, 3500, 0}, {1'000'000, 1'500'000, 1'500'000, 600'000}};
  EXPECT_EQ(aggregate_claim_rows(whole.columns()), merged);
  const auto data = to_classifications(merged);
  ASSERT_EQ(data.size(), 1u);
  EXPECT_EQ(data[0].total_payments, iop::Money::from_cents(4'600'000));  // $6,000 + $15,000 + $25,000
  EXPECT_EQ(claims_aggregate_from_json(to_json(merged)), merged);
}

// Three million rows: classification i % 6, copay level (i % 4) * $10, $1 each. A pair (c, level k)
// occurs where i = c (mod 6) and i = k (mod 4), i.e. for one residue of i mod 12 when c and k have
// the same parity: 3,000,000 / 12 = 250,000 rows, $250,000 a cell, twelve cells. Any number of threads
// gives that aggregate.
TEST(ClaimsAggregate, ThreadsGiveTheSameAggregate) {
  Rows r;
  const std::int64_t n = 3'000'000;
  for (std::int64_t i = 0; i < n; ++i) {
    r.cls.push_back(static_cast<std::uint8_t>(i % 6));
    r.type.push_back(1);
    r.level.push_back((i % 4) * 1000);
    r.payment.push_back(100);
  }
  const auto one = aggregate_claim_rows(r.columns(), 1);
  ASSERT_EQ(one.cells().size(), 12u);
  for (const auto& cell : one.cells()) {
    EXPECT_EQ(cell.payments_cents, 25'000'000);
    EXPECT_EQ(static_cast<int>(cell.classification) % 2, cell.level / 1000 % 2);
  }
  EXPECT_EQ(one.rows(), n);
  EXPECT_EQ(aggregate_claim_rows(r.columns(), 2), one);
  EXPECT_EQ(aggregate_claim_rows(r.columns(), 3), one);
  EXPECT_EQ(aggregate_claim_rows(r.columns(), 0), one);
  // The first bad row is the one reported, whichever thread finds a bad row first.
  r.payment[2'500'000] = -1;
  r.level[2'000'001] = -7;
  try {
    (void)aggregate_claim_rows(r.columns(10), 3);
    FAIL();
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "claims.level[2000011]");  // numbered from first_row 10
    EXPECT_EQ(e.value(), "-7");
  }
}

// A pair with more levels than its table holds keeps them all: 100 levels 1..100 cents, level k paid k
// cents on each of two rows, so 2k cents.
TEST(ClaimsAggregate, ManyLevelsSpillAndStaySorted) {
  Rows r;
  for (int round = 0; round < 2; ++round)
    for (std::int64_t k = 100; k >= 1; --k) {
      r.cls.push_back(0);
      r.type.push_back(0);
      r.level.push_back(k);
      r.payment.push_back(k);
    }
  const auto aggregate = aggregate_claim_rows(r.columns());
  ASSERT_EQ(aggregate.cells().size(), 100u);
  for (std::size_t k = 0; k < 100; ++k) {
    EXPECT_EQ(aggregate.cells()[k].level, static_cast<std::int64_t>(k + 1));
    EXPECT_EQ(aggregate.cells()[k].payments_cents, 2 * static_cast<std::int64_t>(k + 1));
  }
}

// Payments are never negative, so a part that overflows means the whole overflows: the error is the
// same whether the rows are summed at once or in parts.
TEST(ClaimsAggregate, OverflowWhateverTheSplit) {
  const Rows a{{2}, {1}, {3500}, {INT64_MAX}};
  const Rows b{{2}, {1}, {3500}, {1}};
  const auto left = aggregate_claim_rows(a.columns());
  EXPECT_THROW((void)merge(left, aggregate_claim_rows(b.columns())), iop::OverflowError);
  const Rows both{{2, 2}, {1, 1}, {3500, 3500}, {INT64_MAX, 1}};
  EXPECT_THROW((void)aggregate_claim_rows(both.columns()), iop::OverflowError);
}

// A negative payment is refused by row even where adding it would leave the sum looking valid
// ($1.00 then -$0.05 at the same level), and on a level summed outside its slot's table.
TEST(ClaimsAggregate, NegativePaymentsAreRefusedWhereverTheyFall) {
  const Rows same_slot{{2, 2, 2}, {1, 1, 1}, {3500, 3500, 3500}, {100, -5, 7}};
  try {
    (void)aggregate_claim_rows(same_slot.columns());
    FAIL();
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "claims.payment[1]");
    EXPECT_EQ(e.value(), "-$0.05");
  }
  Rows spilled;
  for (std::int64_t k = 0; k < 200; ++k) {  // 200 levels in 32 slots: most are summed in the map
    spilled.cls.push_back(0);
    spilled.type.push_back(0);
    spilled.level.push_back(k);
    spilled.payment.push_back(k == 150 ? -1 : 1);
  }
  try {
    (void)aggregate_claim_rows(spilled.columns());
    FAIL();
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "claims.payment[150]");
  }
  spilled.payment[150] = INT64_MAX;
  spilled.level.push_back(150);
  spilled.cls.push_back(0);
  spilled.type.push_back(0);
  spilled.payment.push_back(1);
  EXPECT_THROW((void)aggregate_claim_rows(spilled.columns()), iop::OverflowError);
}

TEST(ClaimsAggregate, CellsAreCheckedWhenReadBack) {
  const std::vector<ClaimsCell> unordered{{Classification::emergency, LimitType::copay, 10, 5},
                                          {Classification::emergency, LimitType::copay, 5, 5}};
  try {
    (void)ClaimsAggregate::from_cells(unordered, 2);
    FAIL();
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "aggregate.cells[1]");
  }
  EXPECT_THROW((void)ClaimsAggregate::from_cells({}, -1), iop::ValidationError);
  EXPECT_THROW((void)claims_aggregate_from_json(nlohmann::json{{"rows", 1}, {"cells", {{{"classification", "emergency"},
                                                                                        {"type", "copay"},
                                                                                        {"level", -1},
                                                                                        {"payments_cents", 5}}}}}),
               iop::ValidationError);
}

}  // namespace
