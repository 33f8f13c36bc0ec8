#pragma once
// What `iop serve` checks in a request's head before it reads the body: the request
// target's form, the Host, the Origin, the media type and the bearer token's syntax.
// Pure functions of text, so each rule is one place and the same for every stream.
//
//   parse_target("http://localhost:8080/v1/version?x")  // {path "/v1/version", authority "localhost:8080"}
//   host_name("[::1]:8080")                              // "::1"
//   is_json_media_type("application/json; charset=utf-8") // true

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iop::cli::service {

/// A request target in origin form (`/path?query`) or absolute form
/// (`http://host:port/path?query`, RFC 9112 section 3.2.2): its path without the query,
/// and for the absolute form its authority, which then stands for the Host header.
struct RequestTarget {
  std::string path;
  std::optional<std::string> authority;
};

/// The target's path (and authority), or nothing when it is neither form
/// (the authority and asterisk forms, or text that is no URI).
[[nodiscard]] std::optional<RequestTarget> parse_target(std::string_view target);

/// The host of a Host field value or an authority, lower-cased, without its port and
/// without an IPv6 literal's brackets; empty when it is not `host[:port]`.
[[nodiscard]] std::string host_name(std::string_view authority);

/// Whether a Content-Type names `application/json`, with or without parameters
/// (RFC 9110 section 8.3.1: type and subtype compare case-insensitively).
[[nodiscard]] bool is_json_media_type(std::string_view content_type);

/// The token of an `Authorization: Bearer <token>` value (RFC 6750 section 2.1, the
/// scheme compared case-insensitively), or nothing for any other value.
[[nodiscard]] std::optional<std::string_view> bearer_token(std::string_view authorization);

/// Whether @p name is one of @p names (compared as lower-cased host names).
[[nodiscard]] bool is_listed(std::string_view name, const std::vector<std::string>& names);

/// @p text in lower case (ASCII).
[[nodiscard]] std::string lower_ascii(std::string_view text);

}  // namespace iop::cli::service
