#pragma once
/// @file
/// @brief Reading an 835 remittance (005010X221A1) into a `Remittance`.
///
/// The reader follows the guide's loops in order: the header (BPR payment, TRN
/// trace, CUR, REF, DTM), 1000A payer (N1*PR, N3, N4, REF, PER), 1000B payee (N1*PE,
/// N3, N4, REF, RDM), then for each 2000 header number (LX, TS3, TS2) its 2100
/// claims (CLP, CAS, NM1, MIA, MOA, REF, DTM, PER, AMT, QTY) and their 2110
/// service lines (SVC, DTM, CAS, REF, AMT, QTY, LQ), then PLB. A segment before
/// one that precedes it in its loop, or a segment the guide does not place there,
/// is refused as out of order. The three balancing rules of the guide (see
/// iop/billing/remittance.hpp) are checked; a claim's CLP05 that is not the sum of
/// its PR adjustments is kept as stated and reported in the warnings.
///
/// One interchange may carry several 835s: their claims are read in order, and
/// each payment must balance on its own; the remittance's payment figures are the
/// first transaction's and its `total_paid` the sum of all.
///
/// @code
/// std::ifstream file("remittance.835", std::ios::binary);
/// iop::Remittance r = iop::x12::remittance_from_835(file);
/// @endcode
///
/// Thread safety: pure functions.

#include <functional>
#include <istream>
#include <string_view>

#include "iop/billing/remittance.hpp"
#include "iop/io/x12/interchange.hpp"

namespace iop::x12 {

/// @brief Reads an 835 held in memory.
/// @throws ValidationError naming the segment and element (`835 segment 12 CAS03`).
[[nodiscard]] Remittance remittance_from_835(std::string_view document, X12Limits limits = {});

/// @brief Reads an 835 from a stream, handing each claim to @p on_claim as soon as it is complete
///        and keeping none of them: a remittance of any size is read in the memory of one claim.
/// @return the remittance without its claims (payment, payer, payee, provider adjustments, warnings).
/// @throws ValidationError naming the segment and element.
Remittance read_835(std::istream& stream, const std::function<void(RemittanceClaim&&)>& on_claim,
                    X12Limits limits = {});

}  // namespace iop::x12
