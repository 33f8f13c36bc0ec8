// 837P (005010X222A1) and 837I (005010X223A2) from a calendar. The segments of each loop are
// written in the order of pyx12's maps 837.5010.X222.A1.xml and 837Q3.I.5010.X223.A1.xml: header
// BHT; 1000A NM1*41 PER*IC; 1000B NM1*40; 2000A HL*20, 2010AA NM1*85 N3 N4 REF*EI; 2000B HL*22 SBR,
// 2010BA NM1*IL N3 N4 DMG, 2010BB NM1*PR; 2300 CLM (837I: DTP*434, CL1), REF*G1, HI; 2310A NM1*71
// (837I); 2400 LX, SV1 / SV2, DTP*472, REF*G1, REF*6R.

#include "iop/io/x12/claims.hpp"

#include <algorithm>

#include "iop/billing/good_faith_estimate.hpp"
#include "iop/core/error.hpp"
#include "iop/io/x12/writer.hpp"
#include "iop/plan/program.hpp"

namespace iop::x12 {
namespace {

std::string month_of(Date d) { return date_text(d).substr(0, 4) + "-" + date_text(d).substr(4, 2); }

// The ICD-10-CM code without its dot, as the HI segment carries it.
std::string hi_code(const IcdCode& code) {
  std::string out;
  for (char c : code.str())
    if (c != '.') out += c;
  return out;
}

const Authorization* covering(const std::optional<std::vector<Authorization>>& authorizations, Date day) {
  if (!authorizations) return nullptr;
  for (const auto& a : *authorizations)
    if (day >= a.first_day && day <= a.last_day) return &a;
  return nullptr;
}

// The charge lines billed, and the sessions not billed with why.
std::vector<ChargeLine> billed_lines(const SessionCalendar& calendar, const FeeSchedule& fees, const TreatmentPlan& plan,
                                     const ClaimRequest& request, std::vector<NotBilled>& not_billed) {
  if (fees.basis == FeeBasis::medicare_iop)
    throw ValidationError("fee_schedule.basis", "medicare_iop", "prices days, not the services a claim lists",
                          "per_diem or itemized: a claim has a HCPCS code and a charge for each service");
  for (const auto& s : calendar.sessions) {
    const bool after = request.through && s.date > *request.through;
    const char* reason = nullptr;
    if (after) reason = "after the billing period";
    else if (s.status == AttendanceStatus::missed) reason = "missed: a missed session is never billed";
    else if (s.status == AttendanceStatus::scheduled) reason = "no attendance recorded";
    if (reason != nullptr && s.status != AttendanceStatus::cancelled_by_clinic)
      not_billed.push_back({s.date, std::string(to_string(s.kind)), reason});
  }
  auto lines = charges_for(calendar, fees, ChargeBasis::attended, is_substance_use(plan.primary_diagnosis));
  std::vector<ChargeLine> out;
  for (auto& line : lines) {
    if (request.through && line.date > *request.through) continue;
    if (line.charge.is_zero()) continue;  // included in the per diem
    const bool authorized = !request.authorizations || covering(request.authorizations, line.date) != nullptr;
    if (!authorized && !request.bill_unauthorized) {
      not_billed.push_back({line.date, std::string(to_string(line.kind)), "outside any prior authorisation"});
      continue;
    }
    out.push_back(std::move(line));
  }
  std::stable_sort(not_billed.begin(), not_billed.end(),
                   [](const NotBilled& a, const NotBilled& b) { return a.date < b.date; });
  return out;
}

// A telehealth course is the plan's delivery (its calendar's location only describes it).
bool is_telehealth(const TreatmentPlan& plan) { return plan.delivery.kind == DeliveryKind::telehealth; }

std::vector<Claim> group_claims(const std::vector<ChargeLine>& lines, const SessionCalendar& calendar,
                                const TreatmentPlan& plan, const ClaimRequest& request) {
  std::vector<Claim> claims;
  std::map<std::string, int> per_day;
  const bool telehealth = is_telehealth(plan);
  for (const auto& line : lines) {
    const auto key = request.monthly ? month_of(line.date) : std::string();
    const auto id = request.claim_id_prefix + (request.monthly ? "-" + key : "");
    if (claims.empty() || claims.back().id != id) claims.push_back(Claim{id, line.date, line.date, "", "", Money(), {}});
    auto& claim = claims.back();
    ClaimLine l{line.date, line.code, {}, line.revenue_code, line.charge, line.units, "", ""};
    if (telehealth && request.form == ClaimForm::professional) l.modifiers.emplace_back("95");
    if (l.revenue_code.empty() && request.form == ClaimForm::institutional) {
      const auto it = request.revenue_codes.find(line.code);
      if (it == request.revenue_codes.end())
        throw ValidationError("claims.revenue_codes", line.code, "has no revenue code",
                              "a revenue code for each code the per diem's revenue code does not cover");
      l.revenue_code = it->second;
    }
    l.control = request.claim_id_prefix + "-" + date_text(line.date) + "-" + std::to_string(++per_day[date_text(line.date)]);
    if (const auto* a = covering(request.authorizations, line.date)) l.authorization = a->reference;
    claim.last = line.date;
    claim.total += line.charge;
    claim.lines.push_back(std::move(l));
  }
  // Interim billing (facts of MLN MM13222 as CGS and NGS summarise them): xx2 first, xx3 continuing,
  // xx4 last; xx1 when one claim covers admission through discharge.
  const Date course_end = calendar.discharged_on.value_or(calendar.planned_end);
  const bool ended = !request.through || *request.through >= course_end;
  for (std::size_t i = 0; i < claims.size(); ++i) {
    auto& c = claims[i];
    const bool first = i == 0;
    const bool last = i + 1 == claims.size();
    if (request.form == ClaimForm::professional) c.frequency = "1";
    else if (first && last && ended) c.frequency = "1";
    else if (first) c.frequency = "2";
    else if (last && ended) c.frequency = "4";
    else c.frequency = "3";
    c.patient_status = (c.frequency == "1" || c.frequency == "4") ? "01" : "30";
  }
  return claims;
}

struct Writer837 {
  X12Writer& out;
  const ClaimRequest& r;
  const TreatmentPlan& plan;
  const SessionCalendar& calendar;

  void header(std::size_t claim_count) {
    (void)claim_count;
    out.begin_transaction("837", "0001");
    out.segment({"BHT", "0019", "00", r.claim_id_prefix + "-" + date_text(r.created_on), date_text(r.created_on), "1200", "CH"},
                "claims.claim_id_prefix");
    out.segment({"NM1", "41", "2", r.submitter_name, "", "", "", "", "46", r.submitter_id}, "claims.submitter");
    out.segment({"PER", "IC", r.contact_name, "TE", r.contact_phone}, "claims.submitter");
    out.segment({"NM1", "40", "2", r.receiver_name, "", "", "", "", "46", r.receiver_id}, "claims.receiver");
    out.segment({"HL", "1", "", "20", "1"});
    out.segment({"NM1", "85", "2", r.provider_name, "", "", "", "", "XX", r.provider_npi}, "claims.provider");
    out.segment({"N3", r.provider_address.line}, "claims.provider.address");
    out.segment({"N4", r.provider_address.city, r.provider_address.state, r.provider_address.zip}, "claims.provider.address");
    out.segment({"REF", "EI", r.provider_tin}, "claims.provider.tin");
    out.segment({"HL", "2", "1", "22", "0"});
    out.segment({"SBR", "P", "18", "", "", "", "", "", "", r.filing_indicator}, "claims.filing_indicator");
    out.segment({"NM1", "IL", "1", r.patient_last_name, r.patient_first_name, "", "", "", "MI", r.member_id}, "claims.patient");
    out.segment({"N3", r.patient_address.line}, "claims.patient.address");
    out.segment({"N4", r.patient_address.city, r.patient_address.state, r.patient_address.zip}, "claims.patient.address");
    out.segment({"DMG", "D8", date_text(r.date_of_birth), r.sex}, "claims.patient");
    out.segment({"NM1", "PR", "2", r.payer_name, "", "", "", "", "PI", r.payer_id}, "claims.payer");
  }

  std::vector<std::string> diagnoses() const {
    std::vector<std::string> hi{"HI", X12Writer::composite({"ABK", hi_code(plan.primary_diagnosis)})};
    for (std::size_t i = 0; i < plan.secondary_diagnoses.size() && i < 11; ++i)
      hi.push_back(X12Writer::composite({"ABF", hi_code(plan.secondary_diagnoses[i])}));
    return hi;
  }

  static std::string shared_authorization(const Claim& c) {
    for (const auto& l : c.lines)
      if (l.authorization != c.lines.front().authorization) return {};
    return c.lines.front().authorization;
  }

  void claim(const Claim& c) {
    const auto total = amount_text(c.total);
    const auto authorization = shared_authorization(c);
    if (r.form == ClaimForm::professional) {
      const bool telehealth = is_telehealth(plan);
      const auto& pos = telehealth ? r.telehealth_place_of_service : r.place_of_service;
      out.segment({"CLM", c.id, total, "", "", X12Writer::composite({pos, "B", c.frequency}), "Y", "A", "Y", "Y"},
                  "claims.claim_id_prefix");
    } else {
      out.segment({"CLM", c.id, total, "", "", X12Writer::composite({r.facility_type, "A", c.frequency}), "", "A", "Y", "Y"},
                  "claims.claim_id_prefix");
      out.segment({"DTP", "434", "RD8", date_text(c.first) + "-" + date_text(c.last)});
      // CL101 the priority of the visit: 3 elective (a scheduled course; NUBC form locator 14);
      // CL103 the patient status: 30 still a patient on an interim claim, 01 discharged home.
      out.segment({"CL1", "3", "", c.patient_status});
    }
    if (!authorization.empty()) out.segment({"REF", "G1", authorization}, "claims.authorizations");
    if (r.form == ClaimForm::professional) {
      out.segment(diagnoses());
    } else {
      // 837I: the principal diagnosis (ABK), the patient's reason for visit on an outpatient claim (APR),
      // then the other diagnoses (ABF) each in their own HI segment.
      auto hi = diagnoses();
      out.segment({"HI", hi[1]});
      out.segment({"HI", X12Writer::composite({"APR", hi_code(plan.primary_diagnosis)})});
      if (hi.size() > 2) {
        hi.erase(hi.begin() + 1);
        out.segment(hi);
      }
    }
    const bool medicare = r.filing_indicator == "MA" || r.filing_indicator == "MB";
    // Condition code 92 marks a Medicare IOP claim (MLN MM13222; facts 12.1).
    if (r.form == ClaimForm::institutional && medicare) out.segment({"HI", X12Writer::composite({"BG", "92"})});
    if (r.form == ClaimForm::institutional)
      out.segment({"NM1", "71", "1", r.attending_last_name, r.attending_first_name, "", "", "", "XX", r.attending_npi},
                  "claims.attending");
    // Diagnosis pointers (SV107): the principal and up to three more, 1:2:3:4.
    static constexpr std::string_view kPointers[] = {"1", "2", "3", "4"};
    const auto pointer_count = 1 + std::min<std::size_t>(plan.secondary_diagnoses.size(), 3);
    const auto pointers = X12Writer::composite(
        {kPointers[0], pointer_count > 1 ? kPointers[1] : "", pointer_count > 2 ? kPointers[2] : "",
         pointer_count > 3 ? kPointers[3] : ""});
    int number = 0;
    for (const auto& l : c.lines) {
      out.segment({"LX", std::to_string(++number)});
      const auto modifier = [&](std::size_t i) { return i < l.modifiers.size() ? std::string_view(l.modifiers[i]) : ""; };
      const auto procedure = X12Writer::composite({"HC", l.code, modifier(0), modifier(1), modifier(2), modifier(3)},
                                                  "fee_schedule.prices");
      if (r.form == ClaimForm::professional)
        out.segment({"SV1", procedure, amount_text(l.charge), "UN", std::to_string(l.units), "", "", pointers});
      else
        out.segment({"SV2", l.revenue_code, procedure, amount_text(l.charge), "UN", std::to_string(l.units)});
      out.segment({"DTP", "472", "D8", date_text(l.date)});
      if (authorization.empty() && !l.authorization.empty()) out.segment({"REF", "G1", l.authorization});
      out.segment({"REF", "6R", l.control});
    }
  }
};

void check_text(const std::string& value, std::size_t max, const char* field) {
  if (value.empty() || value.size() > max)
    throw ValidationError(field, "", "is " + std::to_string(value.size()) + " characters long", "1.." + std::to_string(max));
}

void check_digits(const std::string& value, std::initializer_list<std::size_t> lengths, const char* field) {
  const bool digits = std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
  const bool length = std::find(lengths.begin(), lengths.end(), value.size()) != lengths.end();
  if (!digits || !length) {
    std::string allowed;
    for (auto l : lengths) allowed.append(allowed.empty() ? "" : " or ").append(std::to_string(l));
    throw ValidationError(field, iop::quoted(value), "is not a number of the right length", allowed + " digits");
  }
}

// N402 takes a state code (USPS) for a US address; iop bills US programs only.
void check_state(const std::string& value, const char* field) {
  if (!is_us_state_code(value)) throw ValidationError(field, iop::quoted(value), "is not a US state code", "a USPS code such as CA");
}

void validate(const ClaimRequest& r) {
  check_text(r.claim_id_prefix, 30, "claims.claim_id_prefix");
  check_text(r.submitter_name, 60, "claims.submitter.name");
  check_text(r.submitter_id, 15, "claims.submitter.id");
  check_text(r.contact_name, 60, "claims.submitter.contact");
  check_digits(r.contact_phone, {10}, "claims.submitter.phone");
  check_text(r.receiver_name, 60, "claims.receiver.name");
  check_text(r.receiver_id, 15, "claims.receiver.id");
  check_text(r.provider_name, 60, "claims.provider.name");
  if (!is_valid_npi(r.provider_npi))
    throw ValidationError("claims.provider.npi", iop::quoted(r.provider_npi), "is not an NPI",
                          "10 digits whose last is the Luhn check digit over 80840 + the first 9");
  check_digits(r.provider_tin, {9}, "claims.provider.tin");
  // The billing provider's address is a street address with a 9-digit ZIP (837 2010AA N4 note).
  check_digits(r.provider_address.zip, {9}, "claims.provider.address.zip");
  check_digits(r.patient_address.zip, {5, 9}, "claims.patient.address.zip");
  check_state(r.provider_address.state, "claims.provider.address.state");
  check_state(r.patient_address.state, "claims.patient.address.state");
  check_text(r.patient_last_name, 60, "claims.patient.last_name");
  check_text(r.patient_first_name, 35, "claims.patient.first_name");
  check_text(r.member_id, 80, "claims.patient.member_id");
  check_text(r.payer_name, 60, "claims.payer.name");
  check_text(r.payer_id, 80, "claims.payer.id");
  if (r.form == ClaimForm::institutional) {
    if (!is_valid_npi(r.attending_npi))
      throw ValidationError("claims.attending.npi", iop::quoted(r.attending_npi), "is not an NPI",
                            "10 digits whose last is the Luhn check digit over 80840 + the first 9");
    check_text(r.attending_last_name, 60, "claims.attending.last_name");
    check_text(r.attending_first_name, 35, "claims.attending.first_name");
  }
}

}  // namespace

ClaimBatch claims_for(const SessionCalendar& calendar, const TreatmentPlan& plan, const FeeSchedule& fees,
                      const ClaimRequest& request) {
  validate(request);
  const bool telehealth = is_telehealth(plan);
  if (request.form == ClaimForm::professional && telehealth && request.telehealth_place_of_service.empty())
    throw ValidationError("claims.telehealth_place_of_service", "", "is missing",
                          "02 (telehealth other than the patient's home) or 10 (in the patient's home): the course is telehealth");
  if (request.form == ClaimForm::professional && !telehealth && request.place_of_service.empty())
    throw ValidationError("claims.place_of_service", "", "is missing", "the place of service of an in-person course, e.g. 11");
  ClaimBatch batch;
  const auto lines = billed_lines(calendar, fees, plan, request, batch.not_billed);
  batch.claims = group_claims(lines, calendar, plan, request);
  if (batch.claims.empty())
    throw ValidationError("claims", "", "has nothing to bill",
                          "attended sessions inside the billing period (and an authorisation, unless bill_unauthorized)");
  EnvelopeHeader header{request.submitter_id, request.receiver_id, request.created_on, request.control, "1200", "HC",
                        request.form == ClaimForm::professional ? "005010X222A1" : "005010X223A2"};
  X12Writer out(header);
  Writer837 writer{out, request, plan, calendar};
  writer.header(batch.claims.size());
  for (const auto& c : batch.claims) writer.claim(c);
  out.end_transaction();
  batch.x12 = out.finish();
  return batch;
}

}  // namespace iop::x12
