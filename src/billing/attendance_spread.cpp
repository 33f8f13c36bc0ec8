#include "iop/billing/attendance_spread.hpp"

#include "iop/detail/int128.hpp"

namespace iop {

AttendanceSpread AttendanceSpread::of(std::int64_t sessions, std::int64_t numerator, std::int64_t denominator,
                                      bool intake_may_be_missed) noexcept {
  AttendanceSpread spread;
  spread.sessions = sessions < 0 ? 0 : sessions;
  spread.intake_may_be_missed = intake_may_be_missed;
  // Round half to even of numerator * sessions / denominator (the product in 128 bits: it never wraps).
  const detail::int128 product = static_cast<detail::int128>(numerator) * spread.sessions;
  auto quotient = static_cast<std::int64_t>(product / denominator);
  const auto twice_remainder = static_cast<std::int64_t>(product % denominator) * 2;
  if (twice_remainder > denominator || (twice_remainder == denominator && quotient % 2 != 0)) ++quotient;
  spread.attended = quotient;
  return spread;
}

bool AttendanceSpread::is_missed(std::int64_t k) const noexcept {
  if (k < 0 || k >= sessions) return false;
  const std::int64_t missed = sessions - attended;
  if (missed <= 0) return false;
  if (attended == 0) return true;
  // Misses fall at first + floor((2t + 1) span / 2m), t = 0..m-1, where the span holds every session
  // a miss may fall on. Consecutive places are at least span / m >= 1 apart, so each is a different
  // session, and at most one t lands on session k: the smallest t with (2t + 1) span >= 2 m j.
  const std::int64_t first = intake_may_be_missed ? 0 : 1;
  const std::int64_t span = sessions - first;
  const std::int64_t j = k - first;
  if (j < 0) return false;
  const std::int64_t need = 2 * missed * j - span;  // (2t + 1) span >= 2 m j  <=>  2 t span >= 2 m j - span
  const std::int64_t t = need <= 0 ? 0 : (need + 2 * span - 1) / (2 * span);
  return t < missed && (2 * t + 1) * span < 2 * missed * (j + 1);
}

std::int64_t AttendanceSpread::missed_before(std::int64_t k) const noexcept {
  k = k > sessions ? sessions : k;
  const std::int64_t missed = sessions - attended;
  if (k <= 0 || missed <= 0) return 0;
  if (attended == 0) return k;
  // Miss t falls before session k when first + floor((2t + 1) span / 2m) < k, that is (2t + 1) span < 2 m j
  // with j = k - first, or 2 t span < 2 m j - span: the misses t = 0 .. ceil((2 m j - span) / 2 span) - 1.
  const std::int64_t first = intake_may_be_missed ? 0 : 1;
  const std::int64_t span = sessions - first;  // at least 1 here: a missed and an attended session
  const std::int64_t need = 2 * missed * (k - first) - span;
  if (need <= 0) return 0;
  const std::int64_t before = (need + 2 * span - 1) / (2 * span);
  return before < missed ? before : missed;
}

}  // namespace iop
