#pragma once
// parse_json's fast path. nlohmann's own parser reads a character at a time and keeps each
// token's text for its messages: a plan of 1.5 KB cost some 18 us to read, more than building
// its calendar. simdjson (Debian's libsimdjson-dev, when the build finds it) reads the same
// text in about 1 us; the document is then built from simdjson's in one pass.
//
// The fast path answers only a document it can take whole: valid JSON within every limit, no
// member name twice, nothing but tab, line feed and carriage return below U+0020. Anything else
// (a syntax error, a limit, a duplicate, a NUL byte) gets no answer here, and parse_json reads it
// the careful way, which refuses it with the exact message it always gave. So the two paths
// give the same document or the same error for every input (tests/cpp/core/test_json_fast.cpp
// compares them, and the json fuzzer on every input it makes).

#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "iop/core/json.hpp"

namespace iop::detail {

/// parse_json's careful path: nlohmann's parser, every limit checked as it reads, and every refusal
/// named (see parse_json). The fast path's answers must equal its.
[[nodiscard]] nlohmann::json parse_json_careful(std::string_view text, std::string_view source, const JsonLimits& limits);

/// Whether this build has the fast path (a WebAssembly build, or one without simdjson, has not).
[[nodiscard]] bool fast_json_parser_available() noexcept;

/// The document `text` holds, when the fast path can take it whole within `limits`; otherwise
/// nothing (and always nothing without the fast path).
[[nodiscard]] std::optional<nlohmann::json> parse_json_fast(std::string_view text, const JsonLimits& limits);

/// Whether the fast path's document `fast` is the careful path's `careful`: the same text when written,
/// and the same JSON types throughout, but for `-0`, an unsigned 0 in one and a signed 0 in the other.
[[nodiscard]] bool same_document(const nlohmann::json& fast, const nlohmann::json& careful);

}  // namespace iop::detail
