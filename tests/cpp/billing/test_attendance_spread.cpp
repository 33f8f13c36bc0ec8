#include "iop/billing/attendance_spread.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace {

std::vector<std::int64_t> missed_of(const iop::AttendanceSpread& spread) {
  std::vector<std::int64_t> missed;
  for (std::int64_t k = 0; k < spread.sessions; ++k)
    if (spread.is_missed(k)) missed.push_back(k);
  return missed;
}

// 36 program days at 85%: 0.85 x 36 = 30.6, nearest 31 attended, 5 missed. They fall at
// 1 + floor((2t + 1) x 35 / 10) for t = 0..4: 1 + 3, 1 + 10, 1 + 17, 1 + 24, 1 + 31 = 4, 11, 18, 25, 32.
TEST(AttendanceSpread, EightyFivePercentOfThirtySixDays) {
  const auto spread = iop::AttendanceSpread::of(36, iop::Rate::percent(85));
  EXPECT_EQ(spread.attended, 31);
  EXPECT_EQ(missed_of(spread), (std::vector<std::int64_t>{4, 11, 18, 25, 32}));
}

// Ties go to the even count: 25% of 10 is 2.5 (2 attended), 25% of 14 is 3.5 (4), 50% of 5 is 2.5 (2),
// 50% of 7 is 3.5 (4). Not a tie: 2/3 of 10 is 6.67 (7), 1/3 of 10 is 3.33 (3).
TEST(AttendanceSpread, RoundsHalfToEven) {
  EXPECT_EQ(iop::AttendanceSpread::of(10, 1, 4).attended, 2);
  EXPECT_EQ(iop::AttendanceSpread::of(14, 1, 4).attended, 4);
  EXPECT_EQ(iop::AttendanceSpread::of(5, 1, 2).attended, 2);
  EXPECT_EQ(iop::AttendanceSpread::of(7, 1, 2).attended, 4);
  EXPECT_EQ(iop::AttendanceSpread::of(10, 2, 3).attended, 7);
  EXPECT_EQ(iop::AttendanceSpread::of(10, 1, 3).attended, 3);
}

// 99% of 36 is 35.64: every day attended, the intake day too. 0% misses every day, the intake day too.
TEST(AttendanceSpread, AllOrNothing) {
  const auto nearly = iop::AttendanceSpread::of(36, iop::Rate::percent(99));
  EXPECT_EQ(nearly.attended, 36);
  EXPECT_TRUE(missed_of(nearly).empty());
  const auto none = iop::AttendanceSpread::of(36, iop::Rate::percent(0));
  EXPECT_EQ(none.attended, 0);
  EXPECT_EQ(missed_of(none).size(), 36U);
  EXPECT_TRUE(iop::AttendanceSpread::of(0, 1, 2).attended == 0);
}

// 3 sessions at 1/3: 1 attended, 2 missed. Kept: sessions 1 and 2 are missed, 1 + floor(2/4) and
// 1 + floor(6/4); with the intake allowed: floor(3/4) = 0 and floor(9/4) = 2.
TEST(AttendanceSpread, TheIntakeDayOnlyWhenAsked) {
  EXPECT_EQ(missed_of(iop::AttendanceSpread::of(3, 1, 3)), (std::vector<std::int64_t>{1, 2}));
  EXPECT_EQ(missed_of(iop::AttendanceSpread::of(3, 1, 3, true)), (std::vector<std::int64_t>{0, 2}));
}

// Every count of sessions up to 200 and every rate n/40: exactly N - attended sessions are missed,
// never the first unless none is attended, attended within half a session of the rate x N.
TEST(AttendanceSpread, MissesExactlyTheRestAndKeepsTheIntake) {
  for (std::int64_t sessions = 0; sessions <= 200; ++sessions)
    for (std::int64_t n = 0; n <= 40; ++n)
      for (const bool intake : {false, true}) {
        const auto spread = iop::AttendanceSpread::of(sessions, n, 40, intake);
        EXPECT_LE(std::abs(spread.attended * 40 - n * sessions), 20) << sessions << " " << n;
        const auto missed = missed_of(spread);
        ASSERT_EQ(static_cast<std::int64_t>(missed.size()), sessions - spread.attended) << sessions << " " << n;
        if (!intake && spread.attended > 0 && !missed.empty()) {
          EXPECT_GT(missed.front(), 0);
        }
        // Evenly: gaps between misses differ by at most one session.
        for (std::size_t i = 2; i < missed.size(); ++i)
          EXPECT_LE(std::abs((missed[i] - missed[i - 1]) - (missed[i - 1] - missed[i - 2])), 1) << sessions << " " << n;
      }
}

// missed_before counts without walking what is_missed says one session at a time: for every count of sessions up
// to 200, every rate n/40, with and without the intake, and every k from before the first to past the last.
// By hand, 36 days at 85% miss days 4, 11, 18, 25 and 32: 0 before day 4, 1 before day 5, 2 before day 18, 5 before 36.
TEST(AttendanceSpread, MissedBeforeCountsWhatIsMissedSays) {
  const auto spread = iop::AttendanceSpread::of(36, iop::Rate::percent(85));
  EXPECT_EQ(spread.missed_before(4), 0);
  EXPECT_EQ(spread.missed_before(5), 1);
  EXPECT_EQ(spread.missed_before(18), 2);
  EXPECT_EQ(spread.missed_before(36), 5);
  for (std::int64_t sessions = 0; sessions <= 200; ++sessions)
    for (std::int64_t n = 0; n <= 40; ++n)
      for (const bool intake : {false, true}) {
        const auto of = iop::AttendanceSpread::of(sessions, n, 40, intake);
        std::int64_t walked = 0;
        for (std::int64_t k = -1; k <= sessions + 1; ++k) {
          ASSERT_EQ(of.missed_before(k), walked) << sessions << " " << n << " " << intake << " " << k;
          if (k >= 0) walked += of.is_missed(k) ? 1 : 0;
        }
      }
}

TEST(SessionKinds, ProgramDaysByDefault) {
  const iop::SessionKinds kinds;
  EXPECT_TRUE(kinds.contains(iop::SessionKind::program_day));
  EXPECT_FALSE(kinds.contains(iop::SessionKind::medication_management));
  const iop::SessionKinds both{iop::SessionKind::program_day, iop::SessionKind::individual_therapy};
  EXPECT_TRUE(both.contains_value(1));
  EXPECT_FALSE(both.contains_value(2));
  EXPECT_EQ(both.bits(), 3);
  EXPECT_TRUE(iop::SessionKinds{}.bits() == 1);
  EXPECT_TRUE(iop::SessionKinds(std::initializer_list<iop::SessionKind>{}).empty());
}

}  // namespace
