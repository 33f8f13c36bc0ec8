#pragma once
// The data files iop's answers rest on (data/*.json, compiled in), by name: what the data.sources
// operation lists. It lives with the document API because the files belong to every area below it.

#include <span>
#include <string_view>

namespace iop::detail {

/// One data file compiled into the library: its name under data/ and its text.
struct DataFile {
  std::string_view name;
  std::string_view (*text)() noexcept;
};
/// Every data file with figures and their evidence, in name order.
[[nodiscard]] std::span<const DataFile> data_files() noexcept;
/// The text of data/@p name.
/// @throws NotFoundError for a name that is not a data file.
[[nodiscard]] std::string_view data_file(std::string_view name);

}  // namespace iop::detail
