// The claim request's JSON (the schema `iop schema claims-request`) and the batch's.

#include <nlohmann/json.hpp>

#include "declared.hpp"
#include "iop/core/error.hpp"
#include "iop/core/json.hpp"
#include "iop/io/x12/claims.hpp"
#include "iop/plan/program.hpp"

namespace iop::x12 {
namespace {

// One of a member's declared names (refused as not found, listing them, as the other readers do).
std::string one_of(const JsonReader& v, const decl::Choice& member, const char* what) {
  const auto text = v.as_string();
  for (auto a : member.values)
    if (text == a) return text;
  std::string list;
  for (auto a : member.values) list.append(list.empty() ? "" : ", ").append(a);
  throw NotFoundError(v.path(), iop::quoted(text), std::string("is not ") + what, list);
}

// The provider's and the patient's addresses are declared alike (declarations/claims_request.py).
PostalAddress read_address(const JsonReader& a) {
  namespace A = decl::claims_request_provider_address;
  a.expect_only(A::members);
  PostalAddress out{a.identifier(A::line), a.identifier(A::city), a.at(A::state).as_identifier(2),
                    a.at(A::zip).as_identifier(9)};
  if (!is_us_state_code(out.state))
    throw ValidationError(a.at(A::state).path(), iop::quoted(out.state), "is not a US state code", "a USPS code such as CA");
  return out;
}

// A TIN as 9 digits, or 2 digits, a dash and 7 (how an EIN is written).
std::string read_tin(const JsonReader& v) {
  auto text = v.as_identifier(10);
  if (text.size() == 10 && text[2] == '-') text.erase(2, 1);
  return text;
}

// The claim's parties, in the order the 837 names them: submitter, receiver, billing provider, patient, payer.
void read_parties(const JsonReader& in, ClaimRequest& r) {
  namespace D = decl::claims_request;
  {
    namespace S = decl::claims_request_submitter;
    const auto submitter = in.at(D::submitter);
    submitter.expect_only(S::members);
    r.submitter_name = submitter.identifier(S::name);
    r.submitter_id = submitter.identifier(S::id);
    r.contact_name = submitter.identifier(S::contact);
    r.contact_phone = submitter.at(S::phone).as_identifier(10);
  }
  {
    namespace R = decl::claims_request_receiver;
    const auto receiver = in.at(D::receiver);
    receiver.expect_only(R::members);
    r.receiver_name = receiver.identifier(R::name);
    r.receiver_id = receiver.identifier(R::id);
  }
  {
    namespace P = decl::claims_request_provider;
    const auto provider = in.at(D::provider);
    provider.expect_only(P::members);
    r.provider_name = provider.identifier(P::name);
    r.provider_npi = provider.at(P::npi).as_identifier(10);
    r.provider_tin = read_tin(provider.at(P::tin));
    r.provider_address = read_address(provider.at(P::address));
  }
  {
    namespace P = decl::claims_request_patient;
    const auto patient = in.at(D::patient);
    patient.expect_only(P::members);
    r.patient_last_name = patient.identifier(P::last_name);
    r.patient_first_name = patient.identifier(P::first_name);
    r.member_id = patient.identifier(P::member_id);
    r.date_of_birth = patient.at(P::date_of_birth).as_date();
    r.sex = one_of(patient.at(P::sex), P::sex, "a sex code");
    r.patient_address = read_address(patient.at(P::address));
  }
  {
    namespace P = decl::claims_request_payer;
    const auto payer = in.at(D::payer);
    payer.expect_only(P::members);
    r.payer_name = payer.identifier(P::name);
    r.payer_id = payer.identifier(P::id);
  }
}

}  // namespace

ClaimRequest claim_request_from_json(const nlohmann::json& document, std::string path) {
  namespace D = decl::claims_request;
  const JsonReader in(document, std::move(path));
  in.expect_only(D::members);
  ClaimRequest r;
  r.form = one_of(in.at(D::form), D::form, "a claim form") == "professional" ? ClaimForm::professional
                                                                             : ClaimForm::institutional;
  r.claim_id_prefix = in.identifier(D::claim_id_prefix);
  r.created_on = in.at(D::created_on).as_date();
  r.control = in.at(D::control_number).as_int(D::control_number);
  r.monthly = one_of(in.at(D::billing), D::billing, "a way of billing") == "monthly";
  if (auto v = in.find(D::through)) r.through = v->as_date();
  read_parties(in, r);
  r.filing_indicator = one_of(in.at(D::filing_indicator), D::filing_indicator, "a claim filing indicator (SBR09)");
  if (auto v = in.find(D::place_of_service))
    r.place_of_service = one_of(*v, D::place_of_service, "a place of service of an in-person IOP");
  if (auto v = in.find(D::telehealth_place_of_service))
    r.telehealth_place_of_service = one_of(*v, D::telehealth_place_of_service, "a telehealth place of service");
  if (auto v = in.find(D::facility_type)) r.facility_type = one_of(*v, D::facility_type, "an IOP facility type of bill");
  if (r.form == ClaimForm::institutional && r.facility_type.empty())
    throw ValidationError(in.path() + "." + std::string(D::facility_type.name), "", "is missing",
                          "13 hospital outpatient, 76 CMHC, 85 CAH, ...");
  if (auto a = in.find(D::attending)) {
    namespace A = decl::claims_request_attending;
    a->expect_only(A::members);
    r.attending_last_name = a->identifier(A::last_name);
    r.attending_first_name = a->identifier(A::first_name);
    r.attending_npi = a->at(A::npi).as_identifier(10);
  } else if (r.form == ClaimForm::institutional) {
    throw ValidationError(in.path() + "." + std::string(D::attending.name), "", "is missing",
                          "the attending provider of an institutional claim");
  }
  if (auto v = in.find(D::revenue_codes)) {
    if (!v->json().is_object()) throw ValidationError(v->path(), "", "is not an object", "{\"99214\": \"0510\"}");
    for (const auto& [code, revenue] : v->json().items())
      r.revenue_codes[code] = JsonReader(revenue, v->path() + "." + code).as_identifier(4);
  }
  const auto authorizations = in.at(D::authorizations);
  if (authorizations.json().is_string()) {
    if (authorizations.as_string() != "not_required")
      throw ValidationError(authorizations.path(), iop::quoted(authorizations.as_string()), "is not a list of authorisations",
                            "a list of authorisations, or \"not_required\"");
  } else {
    r.authorizations = authorizations_from_json(authorizations.json(), authorizations.path());
  }
  if (auto v = in.find(D::bill_unauthorized)) r.bill_unauthorized = v->as_bool();
  return r;
}

nlohmann::json to_json(const ClaimBatch& batch) {
  // Every member named through its declaration (declarations/claim_batch.py).
  namespace B = decl::claim_batch;
  namespace C = decl::claim_batch_claim;
  namespace L = decl::claim_batch_claim_line;
  namespace N = decl::claim_batch_not_billed_item;
  using decl::key;
  auto claims = nlohmann::json::array();
  for (const auto& c : batch.claims) {
    auto lines = nlohmann::json::array();
    for (const auto& l : c.lines)
      lines.push_back({{key(L::date), l.date}, {key(L::code), l.code}, {key(L::modifiers), l.modifiers},
                       {key(L::revenue_code), l.revenue_code}, {key(L::charge), l.charge}, {key(L::units), l.units},
                       {key(L::control), l.control}, {key(L::authorization), l.authorization}});
    claims.push_back({{key(C::id), c.id}, {key(C::first), c.first}, {key(C::last), c.last}, {key(C::frequency), c.frequency},
                      {key(C::patient_status), c.patient_status}, {key(C::total), c.total}, {key(C::lines), std::move(lines)}});
  }
  auto not_billed = nlohmann::json::array();
  for (const auto& n : batch.not_billed)
    not_billed.push_back({{key(N::date), n.date}, {key(N::kind), n.kind}, {key(N::reason), n.reason}});
  return {{key(B::claims), std::move(claims)}, {key(B::not_billed), std::move(not_billed)}, {key(B::x12), batch.x12}};
}

}  // namespace iop::x12
