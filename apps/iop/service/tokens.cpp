#include "tokens.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <stdexcept>

#include "iop/core/error.hpp"

namespace iop::cli::service {
namespace {

constexpr std::string_view kPrefix = "sha256:";
constexpr std::size_t kMaxHolderBytes = 64;
constexpr std::size_t kMaxLineBytes = 512;
constexpr std::size_t kMaxTokens = 10000;
const char* const kLineAllowed = "sha256:<64 hex digits> <holder: 1..64 letters, digits, '.', '_' or '-'>, "
                                 "a # comment, or a blank line";

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_holder_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '_' || c == '-';
}

}  // namespace

std::array<unsigned char, 32> sha256(std::string_view text) {
  std::array<unsigned char, 32> digest{};
  unsigned int length = 0;
  if (EVP_Digest(text.data(), text.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1 || length != digest.size())
    throw std::runtime_error("SHA-256 failed (OpenSSL)");
  return digest;
}

TokenSet TokenSet::read(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw NotFoundError("--tokens", iop::quoted(file), "cannot be opened", "a readable file of token hashes");
  TokenSet set;
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    const std::string field = "--tokens " + iop::printable_excerpt(file, 80) + " line " + std::to_string(number);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.size() > kMaxLineBytes) throw ValidationError(field, "", "is longer than 512 bytes", kLineAllowed);
    if (line.empty() || line.front() == '#') continue;
    const auto space = line.find(' ');
    const std::string_view hash = std::string_view(line).substr(0, space);
    const std::string holder = space == std::string::npos ? std::string() : line.substr(space + 1);
    // The value is never echoed: a line may be a token pasted by mistake instead of its hash.
    if (hash.size() != kPrefix.size() + 64 || hash.substr(0, kPrefix.size()) != kPrefix ||
        !std::all_of(hash.begin() + static_cast<std::ptrdiff_t>(kPrefix.size()), hash.end(),
                     [](char c) { return hex_value(c) >= 0; }))
      throw ValidationError(field, "", "does not begin with a SHA-256 hash", kLineAllowed);
    if (holder.empty() || holder.size() > kMaxHolderBytes || !std::all_of(holder.begin(), holder.end(), is_holder_char))
      throw ValidationError(field, iop::quoted(holder), "is not a holder's name", kLineAllowed);
    Entry entry{{}, holder};
    for (std::size_t i = 0; i < 32; ++i)
      entry.hash[i] = static_cast<unsigned char>(hex_value(hash[kPrefix.size() + 2 * i]) * 16 +
                                                 hex_value(hash[kPrefix.size() + 2 * i + 1]));
    if (std::any_of(set.entries_.begin(), set.entries_.end(), [&](const Entry& e) { return e.holder == holder; }))
      throw ValidationError(field, iop::quoted(holder), "names a holder of an earlier line", "each holder once");
    if (set.entries_.size() == kMaxTokens)
      throw ValidationError(field, "", "is one token too many", "at most 10000 tokens");
    set.entries_.push_back(std::move(entry));
  }
  if (set.entries_.empty())
    throw ValidationError("--tokens", iop::quoted(file), "holds no token hash", kLineAllowed);
  return set;
}

std::optional<std::string> TokenSet::holder_of(std::string_view token) const {
  const auto presented = sha256(token);
  const Entry* found = nullptr;
  for (const auto& entry : entries_) {
    // Every entry is compared, in constant time each; only the pointer depends on the result.
    const bool same = CRYPTO_memcmp(presented.data(), entry.hash.data(), presented.size()) == 0;
    found = same ? &entry : found;
  }
  if (found == nullptr) return std::nullopt;
  return found->holder;
}

}  // namespace iop::cli::service
