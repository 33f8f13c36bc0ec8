#pragma once
// The `iop` subcommands that work on plans and programs: each returns its output text.

#include <string>

namespace iop::cli {

/// `iop programs`: the built-in catalog as a table (text) or JSON.
std::string programs_command(const std::string& format);

/// `iop plan`: validates a plan against its program (the catalog's, or @p program_input's)
/// and summarises it as text, JSON (plan + check) or a FHIR R4 Bundle.
std::string plan_command(const std::string& input, const std::string& program_input, const std::string& format);

/// `iop recommend`: a level-of-care recommendation for an intake, with every reason.
std::string recommend_command(const std::string& input, const std::string& rules_input, const std::string& format);

/// `iop calendar`: the session calendar of a plan as text, JSON, iCalendar, FHIR or CSV.
std::string calendar_command(const std::string& input, const std::string& program_input, const std::string& holidays_input,
                             const std::string& events_input, const std::string& policy, const std::string& format);

/// `iop estimate`: a plan's cost estimate (plan, coverage, fee schedule in one case document).
std::string estimate_command(const std::string& input, const std::string& format);

/// `iop gfe`: the Good Faith Estimates of a self-pay or uninsured course, as JSON or HTML.
std::string gfe_command(const std::string& input, const std::string& format);

/// `iop parity`: the MHPAEA analysis of a benefit design, as text or JSON.
std::string parity_command(const std::string& input, const std::string& format);

}  // namespace iop::cli
