#pragma once
// Text joined from its pieces in one allocation. The notes that explain each
// adjudicated line are built from a handful of pieces each, a few a line and
// dozens of lines an estimate; `a + b + c` makes a string for every `+`.

#include <cstddef>
#include <string>
#include <string_view>

namespace iop::detail {

/// The pieces (strings, views or literals) one after the other.
template <class... Pieces>
std::string concat(const Pieces&... pieces) {
  const std::string_view views[] = {std::string_view(pieces)...};
  std::size_t size = 0;
  for (const auto view : views) size += view.size();
  std::string text;
  text.reserve(size);
  for (const auto view : views) text.append(view);
  return text;
}

}  // namespace iop::detail
