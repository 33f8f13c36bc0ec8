#pragma once
/// @file
/// @brief Good Faith Estimates as the patient reads them: printable HTML (45 CFR 149.610(c)).
///
/// One document for a course: when the course has several estimates (one for
/// each 12 months of services), a summary with the course total comes first and
/// each estimate starts a new printed page. The office's notes (the deadline rule
/// applied and the warnings) come before the patient's pages, shown on screen and
/// not printed. Every text of the estimate is HTML-escaped.
///
/// @code
/// auto gfes = iop::make_good_faith_estimates(request, calendar, fees);
/// std::string html = iop::to_html(gfes);
/// @endcode
///
/// Thread safety: pure functions of their arguments.

#include <string>
#include <vector>

#include "iop/billing/good_faith_estimate.hpp"

namespace iop {

/// @brief A printable HTML page of an estimate.
[[nodiscard]] std::string to_html(const GoodFaithEstimate& estimate);

/// @brief One printable HTML document of a course's estimates: a summary with the
/// course total when there are several, then each estimate from a new printed page,
/// then the office's notes (deadline rules, warnings), shown on screen and not printed.
/// @throws ValidationError when @p course is empty, or when its estimates are not
/// the parts of one course in order (as make_good_faith_estimates returns them).
[[nodiscard]] std::string to_html(const std::vector<GoodFaithEstimate>& course);

}  // namespace iop
