#pragma once
/// @file
/// @brief Claims from a course's calendar: 837P (005010X222A1) and 837I (005010X223A2).
///
/// What is billed is what happened: a session is billed only when its attendance
/// is recorded as attended or made up, on or before `through`; a missed session is
/// never billed, and neither is one with nothing recorded (each is listed in
/// `not_billed` with the reason). A session inside no prior authorisation is not
/// billed unless the request asks for it (`bill_unauthorized`). A session the fee
/// schedule includes in the per diem ($0.00) is not a line of its own.
///
/// - **837P** (a clinic's professional claim): one SV1 line a service, with the place
///   of service (the request's for an in-person course; 02 or 10 for telehealth, with
///   modifier 95 on every line), diagnosis pointers to the plan's diagnoses (HI ABK/ABF),
///   the prior-authorisation number (REF*G1).
/// - **837I** (a hospital outpatient department, CMHC or CAH): the type of bill's facility
///   code and classification (13, 76, 85) with its frequency, the statement period
///   (DTP*434), the patient status (CL103: 30 still a patient on an interim claim, 01
///   discharged), condition code 92 (IOP) on a Medicare claim, an attending provider, and
///   one SV2 line a service with its revenue code and HCPCS.
///
/// Billing `monthly` gives one claim a calendar month (interim billing: frequency 2 the
/// first, 3 the continuing and 4 the last on an 837I, 1 when one claim covers the whole
/// course; an 837P's claims are each an original, 1); `course` one claim in all. The last
/// claim is final (4 / patient status 01) only when the course has ended by `through`.
/// Layouts follow the guides' loops (1000A/B, 2000A/2010AA, 2000B/2010BA/BB, 2300, 2310A,
/// 2400) as pyx12's maps 837.5010.X222.A1 and 837Q3.I.5010.X223.A1 carry them.
///
/// @code
/// auto batch = iop::x12::claims_for(calendar, plan, fees, request);
/// std::string x12 = batch.x12;   // one interchange, one 837 transaction set
/// @endcode
///
/// Thread safety: pure functions.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "iop/billing/coverage.hpp"
#include "iop/billing/fee_schedule.hpp"
#include "iop/calendar/session_calendar.hpp"
#include "iop/plan/treatment_plan.hpp"

namespace iop::x12 {

/// @brief 837P or 837I.
enum class ClaimForm { professional, institutional };

/// @brief A street address (N3/N4).
struct PostalAddress {
  std::string line;   ///< N301
  std::string city;   ///< N401
  std::string state;  ///< N402, a USPS code
  std::string zip;    ///< N403, 5 or 9 digits
};

/// @brief Everything a claim says beyond the calendar and the fee schedule (none of it is defaulted).
struct ClaimRequest {
  ClaimForm form = ClaimForm::professional;  ///< 837P or 837I
  std::string claim_id_prefix;     ///< CLM01 is prefix-YYYY-MM (monthly) or the prefix (course)
  Date created_on;                 ///< BHT04, GS04, ISA09
  std::int64_t control = 1;        ///< ISA13, GS06 (1..999999999)
  bool monthly = true;             ///< monthly interim claims, or one claim for the course
  std::optional<Date> through;     ///< bill sessions on or before this day (default: every recorded one)
  std::string submitter_name;      ///< 1000A NM103
  std::string submitter_id;        ///< 1000A NM109 (ISA06, GS02)
  std::string contact_name;        ///< 1000A PER02
  std::string contact_phone;       ///< 1000A PER04 (10 digits)
  std::string receiver_name;       ///< 1000B NM103
  std::string receiver_id;         ///< 1000B NM109 (ISA08, GS03)
  std::string provider_name;       ///< 2010AA NM103
  std::string provider_npi;        ///< 2010AA NM109 (10 digits, Luhn-checked)
  std::string provider_tin;        ///< 2010AA REF*EI (9 digits)
  PostalAddress provider_address;  ///< 2010AA N3/N4 (a street address, 9-digit ZIP)
  std::string patient_last_name;   ///< 2010BA NM103 (the patient is the subscriber)
  std::string patient_first_name;  ///< 2010BA NM104
  std::string member_id;           ///< 2010BA NM109
  Date date_of_birth;              ///< 2010BA DMG02
  std::string sex;                 ///< DMG03: F, M or U
  PostalAddress patient_address;   ///< 2010BA N3/N4
  std::string payer_name;          ///< 2010BB NM103
  std::string payer_id;            ///< 2010BB NM109
  std::string filing_indicator;    ///< SBR09: CI commercial, MB Medicare Part B, MA Part A, MC Medicaid, 12 PPO, HM HMO, ...
  std::string place_of_service;    ///< 837P: CLM05-1 of an in-person course (11 office, 22 outpatient hospital, ...)
  std::string telehealth_place_of_service;  ///< 837P: 02 or 10 for a telehealth course
  std::string facility_type;       ///< 837I: the type of bill's first two digits (13, 76, 85)
  std::string attending_last_name; ///< 837I 2310A NM103
  std::string attending_first_name;  ///< 837I 2310A NM104
  std::string attending_npi;       ///< 837I 2310A NM109
  std::map<std::string, std::string> revenue_codes;  ///< 837I: revenue code of each code the per diem's does not cover
  std::optional<std::vector<Authorization>> authorizations;  ///< prior authorisations; nothing: none required
  bool bill_unauthorized = false;  ///< bill days no authorisation covers too
};

/// @brief One line of a claim.
struct ClaimLine {
  Date date;                           ///< date of service
  std::string code;                    ///< HCPCS/CPT
  std::vector<std::string> modifiers;  ///< e.g. 95 (telehealth)
  std::string revenue_code;            ///< 837I
  Money charge;                        ///< the charge
  int units = 1;                       ///< units
  std::string control;                 ///< REF*6R, returned in the 835
  std::string authorization;           ///< the authorisation covering the day
};

/// @brief One claim.
struct Claim {
  std::string id;              ///< CLM01
  Date first;                  ///< first date of service
  Date last;                   ///< last date of service
  std::string frequency;       ///< 1 admit through discharge / original, 2 interim first, 3 continuing, 4 last
  std::string patient_status;  ///< 837I CL103
  Money total;                 ///< CLM02
  std::vector<ClaimLine> lines;  ///< in date order
};

/// @brief A session not billed, and why.
struct NotBilled {
  Date date;           ///< the session's date
  std::string kind;    ///< program_day, individual_therapy, medication_management
  std::string reason;  ///< missed, no attendance recorded, outside any authorisation, after `through`
};

/// @brief The claims of a course and their X12.
struct ClaimBatch {
  std::vector<Claim> claims;         ///< in date order
  std::vector<NotBilled> not_billed; ///< sessions not billed
  std::string x12;                   ///< the 837 interchange
};

/// @brief The claims of a calendar.
/// @throws ValidationError naming `claims.<member>` for a request that does not fit its element.
[[nodiscard]] ClaimBatch claims_for(const SessionCalendar& calendar, const TreatmentPlan& plan, const FeeSchedule& fees,
                                    const ClaimRequest& request);

/// @brief Reads a claim request (see the schema `iop schema claims-request`).
/// @throws ValidationError / NotFoundError naming the JSON path.
[[nodiscard]] ClaimRequest claim_request_from_json(const nlohmann::json& document, std::string path = "claims");

/// @brief The JSON of a batch: claims, not_billed and the x12 text.
[[nodiscard]] nlohmann::json to_json(const ClaimBatch& batch);

}  // namespace iop::x12
