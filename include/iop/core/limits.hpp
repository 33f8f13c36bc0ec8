#pragma once
/// @file
/// @brief The limits on what a document may hold, one name for each, listed in docs/limits.md; their values are
/// declared in declarations/limits.py (the schemas state them too) and a test checks this header against them.
///
/// Every loader checks them while it reads, before any work is done, and
/// refuses what is past them with a `ValidationError` naming the field in the
/// document. They bound what one request can cost (time, memory, output) and
/// keep every figure inside the ranges the arithmetic is exact in; they leave
/// generous room for any real clinic's documents. The document-wide bounds
/// (size, nesting, string length, elements) are `JsonLimits` in iop/core/json.hpp.
///
/// @code
/// const auto tracks = in.at("tracks");
/// for (std::size_t i = 0; i < tracks.array_size(iop::limits::max_list); ++i) { ... }
/// std::string id = in.at("id").as_identifier();   // 1..128 characters, no control characters
/// @endcode
///
/// Thread safety: constants only.

#include <cstddef>
#include <cstdint>

namespace iop::limits {

/// Longest identifier or name (a plan, patient, program, track, fee schedule id; a person's or site's name), in
/// characters (code points, as a JSON Schema's maxLength counts them).
inline constexpr std::size_t max_identifier_length = 128;
/// Longest free text (a description, a note, a reason, a goal), in characters (code points).
inline constexpr std::size_t max_text_length = 4096;
/// The limit's former name: it counted bytes of UTF-8, and now counts characters.
[[deprecated("use max_identifier_length, in characters")]] inline constexpr std::size_t max_identifier_bytes = 128;
/// The limit's former name: it counted bytes of UTF-8, and now counts characters.
[[deprecated("use max_text_length, in characters")]] inline constexpr std::size_t max_text_bytes = 4096;
/// Most elements in a list of a document (tracks, locations, problems, goals,
/// interventions, baseline scores, diagnoses, discharge criteria, cost-sharing rows, ...).
inline constexpr std::size_t max_list = 100;
/// Most elements in the long lists of a document: events, holidays, closures,
/// level-of-care rules, fee schedule prices, a program's conditions.
inline constexpr std::size_t max_long_list = 1000;
/// Largest amount on a bill, in cents: a price, a per diem, a copay, a deductible,
/// an out-of-pocket maximum, an accumulator, a parity cost-sharing level ($1,000,000.00).
inline constexpr std::int64_t max_amount_cents = 100'000'000;
/// Largest plan payments of one cost-sharing row or classification in a parity
/// analysis, in cents ($100,000,000,000.00): every row of a design still adds up exactly in 64 bits.
inline constexpr std::int64_t max_payments_cents = 10'000'000'000'000;
/// Largest aggregate lifetime or annual dollar limit in a parity analysis, in cents
/// ($100,000,000.00): a limit times a category's payments still fits 128 bits a hundred times over.
inline constexpr std::int64_t max_dollar_limit_cents = 10'000'000'000;
/// Largest household income on a sliding scale, in cents ($100,000,000.00).
inline constexpr std::int64_t max_income_cents = 10'000'000'000;
/// Most Monte Carlo runs of one estimate read from a document (the functions themselves take up to 1,000,000).
inline constexpr int max_runs = 1000;
/// The first year a course, an event or a session may fall in: the time-zone history runs from 1970
/// (data/time-zones.json) and the holiday rules from 1971 (calendar/holiday_calendar.hpp).
inline constexpr int first_schedule_year = 1971;

}  // namespace iop::limits
