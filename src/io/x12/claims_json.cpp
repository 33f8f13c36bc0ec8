// The claim request's JSON (docs/schema/claims-request.schema.json) and the batch's.

#include <nlohmann/json.hpp>

#include "iop/core/error.hpp"
#include "iop/core/json.hpp"
#include "iop/io/x12/claims.hpp"

namespace iop::x12 {
namespace {

std::string one_of(const JsonReader& v, std::initializer_list<std::string_view> allowed, const char* what) {
  const auto text = v.as_string();
  for (auto a : allowed)
    if (text == a) return text;
  std::string list;
  for (auto a : allowed) list.append(list.empty() ? "" : ", ").append(a);
  throw NotFoundError(v.path(), iop::quoted(text), std::string("is not ") + what, list);
}

PostalAddress read_address(const JsonReader& a) {
  a.expect_only({"line", "city", "state", "zip"});
  PostalAddress out{a.at("line").as_identifier(55), a.at("city").as_identifier(30), a.at("state").as_identifier(2),
                    a.at("zip").as_identifier(9)};
  if (out.state.size() != 2) throw ValidationError(a.at("state").path(), iop::quoted(out.state), "is not a USPS code", "2 letters");
  return out;
}

// A TIN as 9 digits, or 2 digits, a dash and 7 (how an EIN is written).
std::string read_tin(const JsonReader& v) {
  auto text = v.as_identifier(10);
  if (text.size() == 10 && text[2] == '-') text.erase(2, 1);
  return text;
}

}  // namespace

ClaimRequest claim_request_from_json(const nlohmann::json& document, std::string path) {
  const JsonReader in(document, std::move(path));
  in.expect_only({"form", "claim_id_prefix", "created_on", "control_number", "billing", "through", "submitter", "receiver",
                  "provider", "patient", "payer", "filing_indicator", "place_of_service", "telehealth_place_of_service",
                  "facility_type", "attending", "revenue_codes", "authorizations", "bill_unauthorized"});
  ClaimRequest r;
  r.form = one_of(in.at("form"), {"professional", "institutional"}, "a claim form") == "professional"
               ? ClaimForm::professional
               : ClaimForm::institutional;
  r.claim_id_prefix = in.at("claim_id_prefix").as_identifier(30);
  r.created_on = in.at("created_on").as_date();
  r.control = in.at("control_number").as_int(1, 999999999);
  r.monthly = one_of(in.at("billing"), {"monthly", "course"}, "a way of billing") == "monthly";
  if (auto v = in.find("through")) r.through = v->as_date();
  const auto submitter = in.at("submitter");
  submitter.expect_only({"name", "id", "contact", "phone"});
  r.submitter_name = submitter.at("name").as_identifier(60);
  r.submitter_id = submitter.at("id").as_identifier(15);
  r.contact_name = submitter.at("contact").as_identifier(60);
  r.contact_phone = submitter.at("phone").as_identifier(10);
  const auto receiver = in.at("receiver");
  receiver.expect_only({"name", "id"});
  r.receiver_name = receiver.at("name").as_identifier(60);
  r.receiver_id = receiver.at("id").as_identifier(15);
  const auto provider = in.at("provider");
  provider.expect_only({"name", "npi", "tin", "address"});
  r.provider_name = provider.at("name").as_identifier(60);
  r.provider_npi = provider.at("npi").as_identifier(10);
  r.provider_tin = read_tin(provider.at("tin"));
  r.provider_address = read_address(provider.at("address"));
  const auto patient = in.at("patient");
  patient.expect_only({"last_name", "first_name", "member_id", "date_of_birth", "sex", "address"});
  r.patient_last_name = patient.at("last_name").as_identifier(60);
  r.patient_first_name = patient.at("first_name").as_identifier(35);
  r.member_id = patient.at("member_id").as_identifier(80);
  r.date_of_birth = patient.at("date_of_birth").as_date();
  r.sex = one_of(patient.at("sex"), {"F", "M", "U"}, "a sex code");
  r.patient_address = read_address(patient.at("address"));
  const auto payer = in.at("payer");
  payer.expect_only({"name", "id"});
  r.payer_name = payer.at("name").as_identifier(60);
  r.payer_id = payer.at("id").as_identifier(80);
  r.filing_indicator = one_of(in.at("filing_indicator"),
                              {"11", "12", "13", "14", "15", "16", "17", "AM", "BL", "CH", "CI", "DS", "FI", "HM", "LM",
                               "MA", "MB", "MC", "OF", "TV", "VA", "WC", "ZZ"},
                              "a claim filing indicator (SBR09)");
  if (auto v = in.find("place_of_service")) r.place_of_service = one_of(*v, {"11", "19", "22", "49", "52", "53", "57", "58"}, "a place of service of an in-person IOP");
  if (auto v = in.find("telehealth_place_of_service")) r.telehealth_place_of_service = one_of(*v, {"02", "10"}, "a telehealth place of service");
  if (auto v = in.find("facility_type")) r.facility_type = one_of(*v, {"12", "13", "71", "76", "77", "85"}, "an IOP facility type of bill");
  if (r.form == ClaimForm::institutional && r.facility_type.empty())
    throw ValidationError(in.path() + ".facility_type", "", "is missing", "13 hospital outpatient, 76 CMHC, 85 CAH, ...");
  if (auto a = in.find("attending")) {
    a->expect_only({"last_name", "first_name", "npi"});
    r.attending_last_name = a->at("last_name").as_identifier(60);
    r.attending_first_name = a->at("first_name").as_identifier(35);
    r.attending_npi = a->at("npi").as_identifier(10);
  } else if (r.form == ClaimForm::institutional) {
    throw ValidationError(in.path() + ".attending", "", "is missing", "the attending provider of an institutional claim");
  }
  if (auto v = in.find("revenue_codes")) {
    if (!v->json().is_object()) throw ValidationError(v->path(), "", "is not an object", "{\"99214\": \"0510\"}");
    for (const auto& [code, revenue] : v->json().items())
      r.revenue_codes[code] = JsonReader(revenue, v->path() + "." + code).as_identifier(4);
  }
  const auto authorizations = in.at("authorizations");
  if (authorizations.json().is_string()) {
    if (authorizations.as_string() != "not_required")
      throw ValidationError(authorizations.path(), iop::quoted(authorizations.as_string()), "is not a list of authorisations",
                            "a list of authorisations, or \"not_required\"");
  } else {
    r.authorizations = authorizations_from_json(authorizations.json(), authorizations.path());
  }
  if (auto v = in.find("bill_unauthorized")) r.bill_unauthorized = v->as_bool();
  return r;
}

nlohmann::json to_json(const ClaimBatch& batch) {
  auto claims = nlohmann::json::array();
  for (const auto& c : batch.claims) {
    auto lines = nlohmann::json::array();
    for (const auto& l : c.lines)
      lines.push_back({{"date", l.date}, {"code", l.code}, {"modifiers", l.modifiers}, {"revenue_code", l.revenue_code},
                       {"charge", l.charge}, {"units", l.units}, {"control", l.control}, {"authorization", l.authorization}});
    claims.push_back({{"id", c.id}, {"first", c.first}, {"last", c.last}, {"frequency", c.frequency},
                      {"patient_status", c.patient_status}, {"total", c.total}, {"lines", std::move(lines)}});
  }
  auto not_billed = nlohmann::json::array();
  for (const auto& n : batch.not_billed) not_billed.push_back({{"date", n.date}, {"kind", n.kind}, {"reason", n.reason}});
  return {{"claims", std::move(claims)}, {"not_billed", std::move(not_billed)}, {"x12", batch.x12}};
}

}  // namespace iop::x12
