#pragma once
// One register function per area; module.cpp calls them in order.

#include <pybind11/pybind11.h>

#include <string>

#include "iop/core/money.hpp"
#include "iop/core/rate.hpp"

namespace iop::python {

/// A money parameter: Money, str, Decimal or Fraction dollars (whole cents); never a bare integer (it does
/// not say dollars or cents), a float or a bool (TypeError). Errors name @p field.
Money money_arg(pybind11::handle value, const std::string& field);
/// A rate from Rate, Decimal, Fraction, or str with its unit ('20%', or a fraction '1/5'); a bare number is a
/// TypeError and text without a unit ('20') an iop.ValidationError. Errors name @p field.
Rate rate_from_python(pybind11::handle value, const std::string& field);

/// iop.Error and its subclasses, and the translator from C++ exceptions.
void register_errors(pybind11::module_& m);
/// Money, Rate, dates, TimeZone, ZonedTime.
void register_core(pybind11::module_& m);
/// ICD-10-CM codes, measures, levels of care, modalities, recommendations.
void register_clinical(pybind11::module_& m);
/// Program templates, the catalog, treatment plans.
void register_plan(pybind11::module_& m);
/// Holiday calendars, session calendars and exports, the batch kernel.
void register_calendar(pybind11::module_& m);
/// Fee schedules, coverage, estimates, Good Faith Estimates, the batch estimate kernel.
void register_billing(pybind11::module_& m);
/// The parity submodule.
void register_parity(pybind11::module_& m);
/// The document API: iop._call.
void register_api(pybind11::module_& m);
/// iop._core's X12 columns (x12.cpp).
void register_x12(pybind11::module_& m);
/// The episode area: iop._core.outcomes (cohort outcomes).
void register_episode(pybind11::module_& m);

}  // namespace iop::python
