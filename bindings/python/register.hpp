#pragma once
// One register function per area; module.cpp calls them in order.

#include <pybind11/pybind11.h>

namespace iop::python {

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

}  // namespace iop::python
