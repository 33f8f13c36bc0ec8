#pragma once
// The evidence of a figure shipped in data/ (internal): every yearly or
// regulatory figure iop uses carries its status, the official citation, the
// source it was read from and the date it was read (docs/data.md). Readers of
// the data files take each figure's evidence with `read_evidence`; the
// `data.sources` operation lists every figure of every file.

#include <span>
#include <string>
#include <string_view>

#include "iop/core/date.hpp"
#include "iop/core/json.hpp"

namespace iop::detail {

/// How well a figure is established.
enum class FigureStatus {
  confirmed,    ///< read in the primary source (the regulation, the Federal Register, CMS's own file)
  secondary,    ///< read in secondary sources that agree; used, and said so
  unconfirmed,  ///< not confirmed: carried with no value, and refused by name
};
/// `confirmed`, `secondary` or `unconfirmed`.
std::string_view to_string(FigureStatus status) noexcept;

/// The evidence of one figure.
struct Evidence {
  FigureStatus status = FigureStatus::unconfirmed;
  std::string citation;  ///< the official citation
  std::string source;    ///< where it was read
  Date read_on;          ///< when it was read
  /// `confirmed: <citation>` (`secondary: <citation>; read in <source>` for a secondary figure).
  [[nodiscard]] std::string describe() const;
};

/// Reads the `evidence` member of a figure's record in a data file.
/// @throws ValidationError naming the member (a data file is checked by the tests).
[[nodiscard]] Evidence read_evidence(const JsonReader& record);

}  // namespace iop::detail
