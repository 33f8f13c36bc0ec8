#pragma once
// The bearer tokens `iop serve --tokens FILE` accepts, read from a file of their
// SHA-256 hashes, so that the file never holds a token itself:
//
//   # one token a line: its hash and who holds it (the name goes to the request log)
//   sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 billing-frontend
//
// A token is random (`openssl rand -hex 32`), so one SHA-256 is enough: nothing is
// left to guess by brute force. Presented tokens are hashed and compared with every
// entry in constant time (CRYPTO_memcmp), whichever entry matches.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iop::cli::service {

/// The accepted tokens' hashes, each with its holder's name. Immutable; read on start
/// and again on SIGHUP.
class TokenSet {
 public:
  /// Reads @p file; throws iop::ValidationError naming the file and line of anything
  /// that is not `sha256:<64 hex digits> <holder>`, a comment or a blank line, of a
  /// holder named twice, and of a file that holds no token.
  [[nodiscard]] static TokenSet read(const std::string& file);

  /// The holder of @p token, or nothing when no entry matches. Takes as long whichever
  /// entry matches, or none.
  [[nodiscard]] std::optional<std::string> holder_of(std::string_view token) const;

  [[nodiscard]] std::size_t size() const noexcept { return entries_.size(); }

 private:
  struct Entry {
    std::array<unsigned char, 32> hash;
    std::string holder;
  };
  std::vector<Entry> entries_;
};

/// SHA-256 of @p text (OpenSSL).
[[nodiscard]] std::array<unsigned char, 32> sha256(std::string_view text);

}  // namespace iop::cli::service
