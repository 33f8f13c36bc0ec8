#pragma once
// What the Good Faith Estimate's four files share (its rules, assembly and JSON in src/billing/, its HTML in
// src/io/): the element checks and the words the estimate and its errors use. Not installed.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "iop/billing/good_faith_estimate.hpp"
#include "iop/core/date.hpp"

namespace iop::gfe_detail {

// The code types of the CMS standard form, and the shape of each code.
inline constexpr const char* kCodeTypes = "CPT, HCPCS, ICD-10-PCS, CDT, DRG, NDC, other";
inline constexpr const char* kCodeShapes =
    "CPT: 5 digits (or 4 and F or T); HCPCS: a letter A-V and 4 digits; ICD-10-PCS: 7 letters or digits; CDT: D and 4 "
    "digits; DRG: 3 digits; NDC: 10 or 11 digits";
inline constexpr const char* kPhoneShape = "10 digits (or 1 and 10 digits), e.g. (213) 555-0100";

/// Refuses a missing content element of an estimate ("gfe." + @p element).
[[noreturn]] void missing(const std::string& element, const std::string& what);
std::string join(const std::vector<std::string>& parts, std::string_view separator);
/// The same month and day a year later, February 29 becoming February 28.
Date one_year_after(Date d);
/// Whether @p code has the shape of a code of @p type (the CMS standard form's code types).
bool code_fits_type(std::string_view type, std::string_view code);
/// A US telephone number: 10 digits (11 with a leading 1), with spaces, dots, hyphens, parentheses or a leading +.
bool is_valid_phone(std::string_view phone);
/// An address with one @, a local part, and a domain with a dot; no spaces.
bool is_valid_email(std::string_view email);
/// What a charge line's service is, in words.
std::string service_name(const ChargeLine& line);
/// "convening provider", "co-facility", ...
std::string role_of(const GfeProvider& p);
/// Where a telehealth provider's services are furnished: where the patient is located.
std::string telehealth_place(const std::string& state);
std::string item_json_path(std::size_t i);

}  // namespace iop::gfe_detail
