#include "http_rules.hpp"

#include <algorithm>
#include <cctype>

namespace iop::cli::service {
namespace {

bool is_host_char(char c) {
  // RFC 3986 reg-name and IPv4: unreserved and sub-delims, no percent-encoding.
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) != 0 || c == '-' || c == '.' || c == '_' || c == '~';
}

bool is_token68_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) != 0 || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool is_port(std::string_view digits) {
  return digits.size() <= 5 && std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::optional<RequestTarget> parse_target(std::string_view target) {
  if (target.empty()) return std::nullopt;
  const auto path_of = [](std::string_view rest) { return std::string(rest.substr(0, rest.find('?'))); };
  if (target.front() == '/') return RequestTarget{path_of(target), std::nullopt};
  // Absolute form: a scheme of this service, "://", the authority, then the path (or none: "/").
  const auto separator = target.find("://");
  if (separator == std::string_view::npos) return std::nullopt;
  const auto scheme = lower_ascii(target.substr(0, separator));
  if (scheme != "http" && scheme != "https") return std::nullopt;
  auto rest = target.substr(separator + 3);
  const auto end = rest.find_first_of("/?");
  const auto authority = rest.substr(0, end);
  if (authority.empty() || authority.find('@') != std::string_view::npos) return std::nullopt;
  if (end == std::string_view::npos) return RequestTarget{"/", std::string(authority)};
  const auto after = rest.substr(end);
  return RequestTarget{after.front() == '?' ? std::string("/") : path_of(after), std::string(authority)};
}

std::string host_name(std::string_view authority) {
  if (authority.empty()) return {};
  if (authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return {};
    const auto rest = authority.substr(close + 1);
    if (!rest.empty() && (rest.front() != ':' || !is_port(rest.substr(1)))) return {};
    const auto literal = authority.substr(1, close - 1);
    const bool ok = !literal.empty() && std::all_of(literal.begin(), literal.end(), [](char c) {
      return std::isxdigit(static_cast<unsigned char>(c)) != 0 || c == ':' || c == '.';
    });
    return ok ? lower_ascii(literal) : std::string();
  }
  const auto colon = authority.find(':');
  const auto host = authority.substr(0, colon);
  if (colon != std::string_view::npos && !is_port(authority.substr(colon + 1))) return {};
  if (host.empty() || !std::all_of(host.begin(), host.end(), is_host_char)) return {};
  return lower_ascii(host);
}

bool is_json_media_type(std::string_view content_type) {
  const auto media_type = trim(content_type.substr(0, content_type.find(';')));
  return lower_ascii(media_type) == "application/json";
}

std::optional<std::string_view> bearer_token(std::string_view authorization) {
  const auto space = authorization.find(' ');
  if (space == std::string_view::npos || lower_ascii(authorization.substr(0, space)) != "bearer") return std::nullopt;
  auto token = authorization.substr(space + 1);
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  // token68: characters, then any '=' padding.
  std::size_t i = 0;
  while (i < token.size() && is_token68_char(token[i])) ++i;
  if (i == 0) return std::nullopt;
  while (i < token.size() && token[i] == '=') ++i;
  if (i != token.size()) return std::nullopt;
  return token;
}

bool is_listed(std::string_view name, const std::vector<std::string>& names) {
  const auto lowered = lower_ascii(name);
  return std::find(names.begin(), names.end(), lowered) != names.end();
}

}  // namespace iop::cli::service
