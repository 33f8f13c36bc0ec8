#include "iop/parity/claims_aggregate.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "iop/core/error.hpp"
#include "iop/core/json.hpp"
#include "declared.hpp"
#include "iop/core/money.hpp"
#include "core/checked.hpp"
#include "core/parallel.hpp"

namespace iop::parity {
namespace {

using nlohmann::json;

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && defined(__linux__)
#define IOP_CLAIMS_TARGET_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define IOP_CLAIMS_TARGET_CLONES
#endif

constexpr unsigned kCodes = 6;                 // classifications, and types
constexpr unsigned kCells = kCodes * kCodes;   // (classification, type) pairs
constexpr unsigned kSlots = 32;                // slots per pair, one per hash of the level (a power of two)
constexpr unsigned kDiscard = kCells * kSlots; // where the rows summed elsewhere go in the second pass
constexpr std::size_t kBlock = 512;            // rows checked, placed, then summed at once (in L1 cache)
constexpr std::int64_t kEmpty = -1;            // a slot's level before use (levels are never negative)

std::string sum_field() { return "claims.payment (sum)"; }

// A multiplicative hash of the level's low 32 bits (a 32-bit multiply vectorises on every x86-64);
// levels that differ only above them share a slot, and all but the first are summed in the map.
inline unsigned slot_of(std::int64_t level) {
  return (static_cast<std::uint32_t>(level) * 2654435761U) >> 27;  // 5 bits
}

// The sums of one part of the rows. Each (classification, type) pair has a slot per hash of the level;
// a level takes its slot when it is first seen, so a plan's handful of levels each own one. A level
// whose slot another level holds is summed in a map instead (rare: a pair with many levels).
//
// A block of rows is summed in passes with no branch per row. The first reads the codes and the level,
// checks them (ORed into flags) and writes each row's slot, with vector instructions; the next checks
// that each slot holds the row's level (ORing the differences). The last adds each payment to
// its slot as an unsigned number and ORs every payment and sum into a flag: a top bit set means a
// negative payment or a sum past 2^63 - 1 cents (a payment is below 2^63, so a sum below 2^63 cannot
// pass 2^64 in one step). Then the block's adds are undone (unsigned arithmetic is exact modulo 2^64)
// and the block is summed again row by row with checked adds, which names the row or the sum.
struct Tables {
  std::array<std::int64_t, kDiscard + kSlots> level;  // pair 36: codes out of range (the block is refused)
  std::array<std::uint64_t, kDiscard + 1> sum{};
  std::map<std::pair<unsigned, std::int64_t>, std::int64_t> spill;
  std::array<std::uint16_t, kBlock> slot{};
  std::int64_t rows = 0;
  Tables() { level.fill(kEmpty); }
};

// The first bad row of a block, thrown with its number in the whole table; false if there is none.
bool throw_bad_row(const ClaimColumns& claims, std::size_t begin, std::size_t end) {
  for (std::size_t i = begin; i < end; ++i) {
    // Appended piece by piece: GCC 12 warns (-Wrestrict) on "[" + std::to_string(...) here at -O3.
    const auto field = [&](const char* column) {
      std::string text = column;
      text += '[';
      text += std::to_string(claims.first_row + static_cast<std::int64_t>(i));
      text += ']';
      return text;
    };
    const unsigned c = claims.classification[i];
    const unsigned t = claims.type[i];
    if (c >= kCodes)
      throw ValidationError(field("claims.classification"), std::to_string(c), "is not a code", "0..5 (Classification)");
    if (t >= kCodes) throw ValidationError(field("claims.type"), std::to_string(t), "is not a code", "0..5 (LimitType)");
    if (claims.payment[i] < 0)
      throw ValidationError(field("claims.payment"), Money::from_cents(claims.payment[i]).to_string(), "is negative",
                            "a plan payment of $0.00 or more, in cents");
    if (claims.level[i] < 0)
      throw ValidationError(field("claims.level"), std::to_string(claims.level[i]), "is negative",
                            "0 or more in the type's unit (cents, basis points, visits or days)");
  }
  return false;
}

void add_spilled(Tables& t, unsigned cell, std::int64_t level, std::int64_t payment) {
  auto& spilled = t.spill[{cell, level}];
  spilled = detail::add_cents(spilled, payment, sum_field);
}

// The rows of a block whose level is not in its slot: a new level takes an empty slot, a level whose
// slot is taken is summed in the map and its row sent to the discard slot.
[[gnu::noinline]] void place_new_levels(const ClaimColumns& claims, std::size_t begin, std::size_t end, Tables& t) {
  for (std::size_t i = begin; i < end; ++i)
    if (claims.payment[i] < 0) throw_bad_row(claims, begin, end);  // before any sum, as a row-by-row pass
  for (std::size_t i = begin; i < end; ++i) {
    auto& slot = t.slot[i - begin];
    const std::int64_t level = claims.level[i];
    if (t.level[slot] == level) continue;
    if (t.level[slot] == kEmpty) {
      t.level[slot] = level;
      continue;
    }
    add_spilled(t, slot / kSlots, level, claims.payment[i]);
    slot = kDiscard;
  }
}

// The block again, row by row with checked adds, after its unchecked adds were undone.
[[gnu::noinline]] void sum_checked(const ClaimColumns& claims, std::size_t begin, std::size_t end, Tables& t) {
  for (std::size_t i = begin; i < end; ++i) {
    const unsigned slot = t.slot[i - begin];
    t.sum[slot] -= static_cast<std::uint64_t>(claims.payment[i]);
  }
  throw_bad_row(claims, begin, end);
  for (std::size_t i = begin; i < end; ++i) {
    const unsigned slot = t.slot[i - begin];
    if (slot == kDiscard) continue;  // summed in the map already
    t.sum[slot] = static_cast<std::uint64_t>(
        detail::add_cents(static_cast<std::int64_t>(t.sum[slot]), claims.payment[i], sum_field));
  }
}

// What the first two passes over a block found: a code out of range, a negative level (the top bit of
// the ORed levels), a row whose slot does not hold its level.
struct BlockScan {
  unsigned bad_code = 0;
  std::uint64_t signs = 0;
  std::uint64_t missing = 0;
};

// The passes over a block that need no branch per row. They are built twice where the compiler can
// choose at run time (GCC on x86-64 Linux, through an ifunc): with AVX2 the first uses 256-bit vectors
// and the second gathers. They never throw (an exception cannot leave a clone): the caller reads the
// flags and takes the checked paths.
IOP_CLAIMS_TARGET_CLONES
BlockScan scan_block(const std::uint8_t* __restrict c, const std::uint8_t* __restrict ty,
                     const std::int64_t* __restrict lv, std::size_t rows, std::uint16_t* __restrict slots,
                     const std::int64_t* __restrict levels) noexcept {
  BlockScan scan;
  for (std::size_t i = 0; i < rows; ++i) {
    const unsigned code = c[i];
    const unsigned type_code = ty[i];
    scan.bad_code |= static_cast<unsigned>(code >= kCodes) | static_cast<unsigned>(type_code >= kCodes);
    scan.signs |= static_cast<std::uint64_t>(lv[i]);
    const unsigned pair = std::min(code * kCodes + type_code, kCells);
    slots[i] = static_cast<std::uint16_t>(pair * kSlots + slot_of(lv[i]));
  }
  for (std::size_t i = 0; i < rows; ++i) scan.missing |= static_cast<std::uint64_t>(levels[slots[i]] ^ lv[i]);
  return scan;
}

// Adds each payment to its slot as an unsigned number; returns every payment and sum ORed (a top bit
// set means a negative payment or a sum past 2^63 - 1 cents).
IOP_CLAIMS_TARGET_CLONES
std::uint64_t add_block(const std::uint16_t* __restrict slots, const std::int64_t* __restrict payment,
                        std::size_t rows, std::uint64_t* __restrict sums) noexcept {
  std::uint64_t high = 0;
  for (std::size_t i = 0; i < rows; ++i) {
    std::uint64_t& sum = sums[slots[i]];
    const auto paid = static_cast<std::uint64_t>(payment[i]);
    sum += paid;
    high |= sum | paid;
  }
  return high;
}

// Sums rows [begin, end) into t.
void sum_rows(const ClaimColumns& claims, std::size_t begin, std::size_t end, Tables& t) {
  for (std::size_t block = begin; block < end; block += kBlock) {
    const std::size_t stop = std::min(end, block + kBlock);
    const std::size_t rows = stop - block;
    const BlockScan scan = scan_block(claims.classification.data() + block, claims.type.data() + block,
                                      claims.level.data() + block, rows, t.slot.data(), t.level.data());
    if (scan.bad_code != 0 || (scan.signs >> 63) != 0) [[unlikely]]
      throw_bad_row(claims, block, stop);
    if (scan.missing != 0) [[unlikely]]
      place_new_levels(claims, block, stop, t);
    t.sum[kDiscard] = 0;
    const std::uint64_t high = add_block(t.slot.data(), claims.payment.data() + block, rows, t.sum.data());
    if ((high >> 63) != 0) [[unlikely]]
      sum_checked(claims, block, stop, t);
  }
  t.rows += static_cast<std::int64_t>(end - begin);
}

ClaimsAggregate to_aggregate(const Tables& t) {
  std::vector<ClaimsCell> cells;
  for (unsigned cell = 0; cell < kCells; ++cell) {
    const auto first = cells.size();
    const auto classification = static_cast<Classification>(cell / kCodes);
    const auto type = static_cast<LimitType>(cell % kCodes);
    for (unsigned slot = cell * kSlots; slot < (cell + 1) * kSlots; ++slot)
      if (t.level[slot] != kEmpty) cells.push_back({classification, type, t.level[slot], static_cast<std::int64_t>(t.sum[slot])});
    for (auto it = t.spill.lower_bound({cell, 0}); it != t.spill.end() && it->first.first == cell; ++it)
      cells.push_back({classification, type, it->first.second, it->second});
    std::sort(cells.begin() + static_cast<std::ptrdiff_t>(first), cells.end(),
              [](const ClaimsCell& a, const ClaimsCell& b) { return a.level < b.level; });
  }
  return ClaimsAggregate::from_cells(std::move(cells), t.rows, "claims");
}

bool before(const ClaimsCell& a, const ClaimsCell& b) {
  return std::tuple(a.classification, a.type, a.level) < std::tuple(b.classification, b.type, b.level);
}

}  // namespace

ClaimsAggregate ClaimsAggregate::from_cells(std::vector<ClaimsCell> cells, std::int64_t rows, const std::string& path) {
  if (rows < 0) throw ValidationError(path + ".rows", std::to_string(rows), "is negative", "0 or more claim rows");
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const auto field = path + ".cells[" + std::to_string(i) + "]";
    const auto& c = cells[i];
    if (static_cast<unsigned>(c.classification) >= kCodes || static_cast<unsigned>(c.type) >= kCodes)
      throw ValidationError(field, std::to_string(static_cast<int>(c.classification)) + "/" +
                                       std::to_string(static_cast<int>(c.type)),
                            "is not a classification and type", "one of the six of each");
    if (c.level < 0) throw ValidationError(field + ".level", std::to_string(c.level), "is negative", "0 or more");
    if (c.payments_cents < 0)
      throw ValidationError(field + ".payments_cents", std::to_string(c.payments_cents), "is negative",
                            "0 or more cents");
    if (i > 0 && !before(cells[i - 1], c))
      throw ValidationError(field, std::string(to_string(c.classification)) + " " + std::string(to_string(c.type)) +
                                       " " + std::to_string(c.level),
                            "is out of order or repeated", "cells sorted by classification, type and level, each once");
  }
  ClaimsAggregate out;
  out.cells_ = std::move(cells);
  out.rows_ = rows;
  return out;
}

ClaimsAggregate aggregate_claim_rows(const ClaimColumns& claims, unsigned threads) {
  const std::size_t n = claims.classification.size();
  if (claims.type.size() != n || claims.level.size() != n || claims.payment.size() != n)
    throw ValidationError("claims", std::to_string(n) + " rows", "has columns of unequal length",
                          "classification, type, level and payment of equal length");
  threads = detail::thread_count(threads);
  // A thread is worth starting for a million rows or more; parts start on a block boundary, so the
  // first bad row is found and reported as one thread finds it.
  const std::size_t parts = std::clamp<std::size_t>(n / 1'000'000, 1, threads);
  const std::size_t per_part = (n / parts + kBlock - 1) / kBlock * kBlock;
  std::vector<std::unique_ptr<Tables>> tables(parts);
  detail::run_parts(parts, static_cast<unsigned>(parts), [&](std::size_t p) {
    tables[p] = std::make_unique<Tables>();
    sum_rows(claims, std::min(n, p * per_part), std::min(n, (p + 1) * per_part), *tables[p]);
  });
  ClaimsAggregate out = to_aggregate(*tables[0]);
  for (std::size_t p = 1; p < parts; ++p) out = merge(out, to_aggregate(*tables[p]));
  return out;
}

ClaimsAggregate merge(const ClaimsAggregate& a, const ClaimsAggregate& b) {
  std::vector<ClaimsCell> cells;
  cells.reserve(a.cells().size() + b.cells().size());
  auto x = a.cells().begin();
  auto y = b.cells().begin();
  while (x != a.cells().end() || y != b.cells().end()) {
    if (y == b.cells().end() || (x != a.cells().end() && before(*x, *y))) {
      cells.push_back(*x++);
    } else if (x == a.cells().end() || before(*y, *x)) {
      cells.push_back(*y++);
    } else {
      ClaimsCell sum = *x++;
      sum.payments_cents = detail::add_cents(sum.payments_cents, (y++)->payments_cents, sum_field);
      cells.push_back(sum);
    }
  }
  std::int64_t rows = 0;
  if (__builtin_add_overflow(a.rows(), b.rows(), &rows))
    throw OverflowError("claims.rows", std::to_string(a.rows()) + " + " + std::to_string(b.rows()),
                        "does not fit in 64 bits", "at most 9223372036854775807 rows");
  return ClaimsAggregate::from_cells(std::move(cells), rows, "claims");
}

std::vector<ClassificationData> to_classifications(const ClaimsAggregate& aggregate) {
  std::vector<ClassificationData> out;
  const auto& cells = aggregate.cells();
  for (std::size_t i = 0; i < cells.size();) {
    ClassificationData data;
    data.key.classification = cells[i].classification;
    std::optional<std::int64_t> total;
    while (i < cells.size() && cells[i].classification == data.key.classification) {
      const LimitType type = cells[i].type;
      std::int64_t type_total = 0;
      for (; i < cells.size() && cells[i].classification == data.key.classification && cells[i].type == type; ++i) {
        type_total = detail::add_cents(type_total, cells[i].payments_cents, sum_field);
        data.medical_surgical.push_back({type, cells[i].level, Money::from_cents(cells[i].payments_cents)});
      }
      if (total && *total != type_total)
        throw ValidationError("claims", std::string(to_string(data.key.classification)),
                              "has types whose payments differ (" + Money::from_cents(*total).to_string() + " vs " +
                                  Money::from_cents(type_total).to_string() + ")",
                              "one row per claim and type, level 0 when the claim is not subject");
      total = type_total;
    }
    data.total_payments = Money::from_cents(*total);
    out.push_back(std::move(data));
  }
  return out;
}

std::vector<ClassificationData> aggregate_claims(const ClaimColumns& claims) {
  return to_classifications(aggregate_claim_rows(claims));
}

json to_json(const ClaimsAggregate& aggregate) {
  // Every member named through its declaration (declarations/claims_aggregate.py), as the reader below names it.
  namespace A = decl::claims_aggregate;
  namespace C = decl::claims_cell;
  using decl::key;
  json cells = json::array();
  for (const auto& c : aggregate.cells())
    cells.push_back({{key(C::classification), to_string(c.classification)},
                     {key(C::type), to_string(c.type)},
                     {key(C::level), c.level},
                     {key(C::payments_cents), c.payments_cents}});
  return {{key(A::rows), aggregate.rows()}, {key(A::cells), cells}};
}

ClaimsAggregate claims_aggregate_from_json(const json& document, const std::string& path) {
  const JsonReader in(document, path);
  in.expect_only(decl::claims_aggregate::members);
  const auto list = in.at(decl::claims_aggregate::cells);
  std::vector<ClaimsCell> cells;
  for (std::size_t i = 0; i < list.array_size(); ++i) {
    const auto c = list.at(i);
    c.expect_only(decl::claims_cell::members);
    const auto cls = c.at(decl::claims_cell::classification);
    const auto type = c.at(decl::claims_cell::type);
    cells.push_back({parse_classification(cls.as_string(), cls.path()), parse_limit_type(type.as_string(), type.path()),
                     c.at(decl::claims_cell::level).as_int(decl::claims_cell::level), c.at(decl::claims_cell::payments_cents).as_int(decl::claims_cell::payments_cents)});
  }
  return ClaimsAggregate::from_cells(std::move(cells), in.at(decl::claims_aggregate::rows).as_int(decl::claims_aggregate::rows), path);
}

}  // namespace iop::parity
