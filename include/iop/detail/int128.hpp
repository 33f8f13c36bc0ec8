#pragma once
/// @file
/// @brief A 128-bit integer for exact intermediate products (internal).

namespace iop::detail {
// __extension__ keeps -Wpedantic quiet: __int128 is a GCC/Clang extension
// that iop relies on for exact Money * Rate products.
__extension__ typedef __int128 int128;  // NOLINT(modernize-use-using)
}  // namespace iop::detail
