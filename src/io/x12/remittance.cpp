// The 835 reader. Segment layouts, loops and code lists follow the 835 guide
// (005010X221A1) as pyx12's map 835.5010.X221.A1.xml carries them: header BPR,
// TRN, CUR, REF*EV/F2, DTM*405; 1000A N1*PR ...; 1000B N1*PE ...; 2000 LX; 2100
// CLP; 2110 SVC; PLB. Balancing: the guide's section 1.10.2 (X12 RFI 2348 and
// 2601 restate it).

#include "iop/io/x12/remittance.hpp"

#include <array>
#include <sstream>

#include "iop/core/error.hpp"

namespace iop::x12 {
namespace {

enum class Loop { header, payer, payee, header_number, claim, line, provider_adjustments };

// The segment IDs this reader knows, as numbers to switch on.
constexpr std::uint32_t kST = segment_tag("ST"), kSE = segment_tag("SE"), kBPR = segment_tag("BPR"),
                        kTRN = segment_tag("TRN"), kCUR = segment_tag("CUR"), kREF = segment_tag("REF"),
                        kDTM = segment_tag("DTM"), kN1 = segment_tag("N1"), kN3 = segment_tag("N3"),
                        kN4 = segment_tag("N4"), kPER = segment_tag("PER"), kRDM = segment_tag("RDM"),
                        kLX = segment_tag("LX"), kTS3 = segment_tag("TS3"), kTS2 = segment_tag("TS2"),
                        kCLP = segment_tag("CLP"), kCAS = segment_tag("CAS"), kNM1 = segment_tag("NM1"),
                        kMIA = segment_tag("MIA"), kMOA = segment_tag("MOA"), kAMT = segment_tag("AMT"),
                        kQTY = segment_tag("QTY"), kSVC = segment_tag("SVC"), kLQ = segment_tag("LQ"),
                        kPLB = segment_tag("PLB");

int place_of(std::uint32_t tag, std::initializer_list<std::uint32_t> order) noexcept {
  int place = 1;
  for (const auto o : order) {
    if (o == tag) return place;
    ++place;
  }
  return 0;
}

// A segment's rank in its loop: segments of a loop come in the guide's order.
int rank_in(Loop loop, std::uint32_t tag) {
  switch (loop) {
    case Loop::header: return place_of(tag, {kBPR, kTRN, kCUR, kREF, kDTM});
    case Loop::payer: return place_of(tag, {kN1, kN3, kN4, kREF, kPER});
    case Loop::payee: return place_of(tag, {kN1, kN3, kN4, kREF, kRDM});
    case Loop::header_number: return place_of(tag, {kLX, kTS3, kTS2});
    case Loop::claim: return place_of(tag, {kCLP, kCAS, kNM1, kMIA, kMOA, kREF, kDTM, kPER, kAMT, kQTY});
    case Loop::line: return place_of(tag, {kSVC, kDTM, kCAS, kREF, kAMT, kQTY, kLQ});
    case Loop::provider_adjustments: return place_of(tag, {kPLB});
  }
  return 0;
}

const char* loop_name(Loop loop) {
  switch (loop) {
    case Loop::header: return "the header (BPR, TRN, CUR, REF, DTM, then N1*PR)";
    case Loop::payer: return "loop 1000A (N1*PR, N3, N4, REF, PER, then N1*PE)";
    case Loop::payee: return "loop 1000B (N1*PE, N3, N4, REF, RDM, then LX or PLB)";
    case Loop::header_number: return "loop 2000 (LX, TS3, TS2, then CLP)";
    case Loop::claim: return "loop 2100 (CLP, CAS, NM1, MIA, MOA, REF, DTM, PER, AMT, QTY, then SVC, CLP, LX or PLB)";
    case Loop::line: return "loop 2110 (SVC, DTM, CAS, REF, AMT, QTY, LQ, then SVC, CLP, LX or PLB)";
    case Loop::provider_adjustments: return "the summary (PLB, then SE)";
  }
  return "";
}

AdjustmentGroup read_group(const Segment& s) {
  const auto code = s.code(1, {"CO", "OA", "PI", "PR"});
  if (code == "CO") return AdjustmentGroup::contractual;
  if (code == "OA") return AdjustmentGroup::other;
  if (code == "PI") return AdjustmentGroup::payer_initiated;
  return AdjustmentGroup::patient;
}

bool reason_code(std::string_view reason) {
  if (reason.empty() || reason.size() > 5) return false;
  for (char c : reason)
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) return false;
  return true;
}

// CAS: a group, then up to six reason / amount / quantity triples (CAS02-04 ... CAS17-19).
void read_adjustments(const Segment& s, std::vector<Adjustment>& out) {
  const auto group = read_group(s);
  for (std::size_t k = 0; k < 6; ++k) {
    const std::size_t reason_at = 2 + 3 * k;
    if (!s.has(reason_at)) {
      if (k == 0) s.require(2);
      if (s.has(reason_at + 1)) s.fail(reason_at, "", "is missing before its amount", "a claim adjustment reason code");
      continue;
    }
    const auto reason = s.element(reason_at);
    if (!reason_code(reason)) s.fail(reason_at, reason, "is not a claim adjustment reason code", "1 to 5 letters or digits (CARC)");
    if (s.has(reason_at + 2)) (void)s.count(reason_at + 2, 0, 99999);
    out.push_back(Adjustment{group, std::string(reason), s.amount(reason_at + 1)});
  }
}

Money sum(const std::vector<Adjustment>& adjustments) {
  Money total;
  for (const auto& a : adjustments) total += a.amount;
  return total;
}

struct Reader835 {
  Reader835(InterchangeReader& reader, const std::function<void(RemittanceClaim&&)>& handler)
      : in(reader), on_claim(handler) {}
  InterchangeReader& in;
  const std::function<void(RemittanceClaim&&)>& on_claim;
  Remittance out;
  Loop loop = Loop::header;
  int last_rank = 0;
  // The claim being read: one object reused for every claim, so that its lines keep their memory
  // (a handler that moves them out takes the memory with it).
  std::optional<RemittanceClaim> claim;
  bool claim_open = false;
  std::size_t claims_read = 0;
  std::size_t claim_position = 0;
  std::vector<std::size_t> line_positions;  // each SVC's position, for the balancing error
  Money transaction_claims_paid;
  Money transaction_plb;
  Money transaction_total;
  std::size_t transaction_total_position = 0;
  bool first_transaction = true;
  bool seen_bpr = false;

  void enter(Loop next, const Segment& s) {
    loop = next;
    last_rank = rank_in(next, s.tag());
  }

  void finish_claim() {
    if (!claim_open) return;
    auto& c = *claim;
    Money adjustments = sum(c.adjustments);
    Money lines_paid;
    for (std::size_t i = 0; i < c.lines.size(); ++i) {
      auto& line = c.lines[i];
      const auto line_adjustments = sum(line.adjustments);
      if (line.charge - line_adjustments != line.paid)
        throw ValidationError("835 segment " + std::to_string(line_positions[i]) + " SVC03",
                              iop::quoted(line.paid.to_plain_string()),
                              "does not balance: the line's charge " + line.charge.to_string() + " less its adjustments " +
                                  line_adjustments.to_string() + " is " + (line.charge - line_adjustments).to_string(),
                              "SVC02 minus every CAS amount of the line (835 guide 1.10.2.2)");
      adjustments += line_adjustments;
      lines_paid += line.paid;
      if (line.date.is_not_a_date()) {
        if (!c.period_start)
          throw ValidationError("835 segment " + std::to_string(claim_position) + " CLP",
                                "", "has a service line without a date and no statement period",
                                "DTM*472 on each SVC, or DTM*232 on the claim");
        line.date = *c.period_start;
      }
    }
    if (c.charge - adjustments != c.paid)
      throw ValidationError("835 segment " + std::to_string(claim_position) + " CLP04", iop::quoted(amount_of(c.paid)),
                            "does not balance: the charge " + c.charge.to_string() + " less its adjustments " +
                                adjustments.to_string() + " is " + (c.charge - adjustments).to_string(),
                            "CLP03 minus every CAS amount of the claim and its lines (835 guide 1.10.2.1)");
    if (c.patient() != c.patient_responsibility)
      out.warnings.push_back("claim " + std::to_string(claims_read + 1) + " (835 segment " +
                             std::to_string(claim_position) + "): CLP05 states " + c.patient_responsibility.to_string() +
                             " of patient responsibility, its PR adjustments add up to " + c.patient().to_string());
    transaction_claims_paid += c.paid;
    ++claims_read;
    claim_open = false;
    on_claim(std::move(c));
  }

  static std::string amount_of(Money m) { return m.to_plain_string(); }

  void read_bpr(const Segment& s) {
    const auto handling = s.code(1, {"C", "D", "H", "I", "P", "U", "X"});
    const auto total = s.amount(2);
    s.code(3, {"C", "D"});
    const auto method = s.code(4, {"ACH", "BOP", "CHK", "FWT", "NON"});
    const auto date = s.date(16);
    if (first_transaction) {
      out.handling = std::string(handling);
      out.method = std::string(method);
      out.payment_date = date;
    }
    out.total_paid += total;
    transaction_total = total;
    transaction_total_position = s.position();
    seen_bpr = true;
  }

  void read_clp(const Segment& s) {
    if (!claim) claim.emplace();
    auto& c = *claim;
    // Every member back to its default, keeping the memory of the strings and the lines (a member
    // added to RemittanceClaim must be reset here: the test of two claims read in a row checks it).
    c.patient_last_name.clear();
    c.patient_first_name.clear();
    c.member_id.clear();
    c.period_start.reset();
    c.period_end.reset();
    c.adjustments.clear();
    c.lines.clear();
    c.patient_control.assign(s.text(1, 38));
    c.status.assign(s.code(2, {"1", "2", "3", "4", "19", "20", "21", "22", "23", "25"}));
    c.charge = s.amount(3);
    c.paid = s.amount(4);
    c.patient_responsibility = s.optional_amount(5).value_or(Money());
    c.filing_indicator.assign(s.code(6, {"12", "13", "14", "15", "16", "17", "AM", "CH", "DS", "HM", "LM", "MA", "MB",
                                         "MC", "OF", "TV", "VA", "WC", "ZZ"}));
    c.payer_control.assign(s.text(7, 50, false));
    c.facility_type.assign(s.text(8, 2, false));
    c.frequency.assign(s.text(9, 1, false));
    claim_open = true;
    claim_position = s.position();
    line_positions.clear();
  }

  void read_svc(const Segment& s) {
    // SVC01's components in one pass: qualifier, code, then up to four modifiers.
    std::array<std::string_view, 6> parts{};
    {
      const auto composite = s.element(1);
      const char separator = in.delimiters().component;
      std::size_t part = 0;
      std::size_t start = 0;
      for (std::size_t i = 0; i <= composite.size() && part < parts.size(); ++i)
        if (i == composite.size() || composite[i] == separator) {
          parts[part++] = composite.substr(start, i - start);
          start = i + 1;
        }
    }
    const auto qualifier = parts[0];
    if (qualifier != "HC" && qualifier != "NU")
      s.fail(1, qualifier, "is not a product or service qualifier this reader takes",
             "HC (HCPCS/CPT) or NU (revenue code)");
    const auto code = parts[1];
    if (code.empty() || code.size() > 48) s.fail(1, "", "has no procedure or revenue code", "HC:<code> or NU:<revenue code>");
    auto& line = claim->lines.emplace_back();
    if (qualifier == "HC") line.code = std::string(code);
    else line.revenue_code = std::string(code);
    for (std::size_t m = 2; m < parts.size(); ++m)
      if (!parts[m].empty()) line.modifiers.emplace_back(parts[m]);
    line.charge = s.amount(2);
    line.paid = s.amount(3);
    if (s.has(4)) line.revenue_code.assign(s.text(4, 48));
    if (s.has(5)) line.units = static_cast<int>(s.count(5, 0, 99999));
    line_positions.push_back(s.position());
  }

  void read_claim_dtm(const Segment& s) {
    const auto qualifier = s.code(1, {"232", "233", "036", "050"});
    if (qualifier == "232") claim->period_start = s.date(2);
    if (qualifier == "233") claim->period_end = s.date(2);
    if (qualifier == "036" || qualifier == "050") (void)s.date(2);
  }

  void read_line_dtm(const Segment& s) {
    const auto qualifier = s.code(1, {"150", "151", "472"});
    const auto date = s.date(2);
    if (qualifier != "151") claim->lines.back().date = date;
  }

  void read_plb(const Segment& s) {
    const auto provider = s.text(1, 50);
    const auto period = s.date(2);
    for (std::size_t k = 0; k < 6; ++k) {
      const std::size_t at = 3 + 2 * k;
      if (!s.has(at)) {
        if (k == 0) s.require(3);
        continue;
      }
      const auto reason = s.component(at, 1);
      if (!reason_code(reason) || reason.size() > 2)
        s.fail(at, reason, "is not a provider adjustment reason code", "2 letters or digits, e.g. WO, L6, 72, CS");
      ProviderAdjustment adjustment{std::string(provider), period, std::string(reason), std::string(s.component(at, 2)),
                                    s.amount(at + 1)};
      transaction_plb += adjustment.amount;
      out.provider_adjustments.push_back(std::move(adjustment));
    }
  }

  // The segment's loop and rank, after the guide's loop structure.
  void place(const Segment& s) {
    const auto tag = s.tag();
    auto starts = [&](Loop next) {
      enter(next, s);
      return true;
    };
    bool placed = false;
    if (tag == kN1 && loop == Loop::header && s.element(1) == "PR") placed = starts(Loop::payer);
    else if (tag == kN1 && loop == Loop::payer && s.element(1) == "PE") placed = starts(Loop::payee);
    else if (tag == kLX && (loop == Loop::payee || loop == Loop::claim || loop == Loop::line || loop == Loop::header_number))
      placed = loop != Loop::header_number && starts(Loop::header_number);
    else if (tag == kCLP && (loop == Loop::header_number || loop == Loop::claim || loop == Loop::line))
      placed = starts(Loop::claim);
    else if (tag == kSVC && (loop == Loop::claim || loop == Loop::line)) placed = starts(Loop::line);
    else if (tag == kPLB && (loop == Loop::payee || loop == Loop::claim || loop == Loop::line))
      placed = starts(Loop::provider_adjustments);
    if (placed) return;
    const int rank = rank_in(loop, tag);
    if (rank == 0 || rank < last_rank || (rank == 1 && loop != Loop::header && loop != Loop::provider_adjustments) ||
        (loop == Loop::header && !seen_bpr && tag != kBPR))
      s.fail(0, "", "is out of order", std::string("the guide's order in ") + loop_name(loop));
    last_rank = rank;
  }

  void end_transaction(const Segment& s) {
    finish_claim();
    if (!seen_bpr) s.fail(0, "", "ends an 835 without its BPR", "ST, BPR, TRN, N1*PR, N1*PE, ... SE");
    if (loop == Loop::header || loop == Loop::payer)
      s.fail(0, "", "ends an 835 without its payer and payee", "loops 1000A (N1*PR) and 1000B (N1*PE)");
    if (transaction_claims_paid - transaction_plb != transaction_total)
      throw ValidationError("835 segment " + std::to_string(transaction_total_position) + " BPR02",
                            iop::quoted(transaction_total.to_plain_string()),
                            "does not balance: the claims' payments " + transaction_claims_paid.to_string() +
                                " less the provider adjustments " + transaction_plb.to_string() + " are " +
                                (transaction_claims_paid - transaction_plb).to_string(),
                            "the sum of CLP04 less the sum of the PLB amounts (835 guide 1.10.2.3)");
    first_transaction = false;
  }

  void read_segment(const Segment& s) {
    const auto tag = s.tag();
    if (tag == kST) {
      if (in.envelope().transaction != "835") s.fail(1, s.element(1), "is not an 835", "835");
      if (in.envelope().version != "005010X221A1")
        throw ValidationError("835 segment 1 ST03", iop::quoted(in.envelope().version), "is not the 835 guide this reader reads",
                              "005010X221A1 (GS08)");
      loop = Loop::header;
      last_rank = 0;
      seen_bpr = false;
      transaction_claims_paid = transaction_plb = transaction_total = Money();
      return;
    }
    if (tag == kSE) return end_transaction(s);
    if (tag == kCLP || tag == kLX || tag == kPLB) finish_claim();
    place(s);
    switch (tag) {
      case kBPR: return read_bpr(s);
      case kTRN:
        s.code(1, {"1"});
        if (first_transaction) out.trace = std::string(s.text(2, 50));
        if (out.payer_id.empty()) out.payer_id = std::string(s.text(3, 10, false));
        return;
      case kDTM:
        if (loop == Loop::header) {
          s.code(1, {"405"});
          s.date(2);
          return;
        }
        if (loop == Loop::claim) return read_claim_dtm(s);
        return read_line_dtm(s);
      case kN1: return read_n1(s);
      case kREF: return read_ref(s);
      case kPER: return void(s.code(1, {"CX", "BL", "IC"}));
      case kCLP: return read_clp(s);
      case kCAS: return read_adjustments(s, loop == Loop::claim ? claim->adjustments : claim->lines.back().adjustments);
      case kNM1: return read_nm1(s);
      case kSVC: return read_svc(s);
      case kAMT: return read_amt(s);
      case kQTY:
        if (loop == Loop::claim) s.code(1, {"CA", "CD", "LA", "LE", "NE", "NR", "OU", "PS", "VS", "ZK", "ZL", "ZM", "ZN", "ZO"});
        else s.code(1, {"ZK", "ZL", "ZM", "ZN", "ZO"});
        return;
      case kLQ:
        s.code(1, {"HE", "RX"});
        claim->lines.back().remarks.emplace_back(s.text(2, 30));
        return;
      case kPLB: return read_plb(s);
      case kLX: return void(s.count(1, 0, 999999));
      default: return;  // N3, N4, CUR, RDM, TS3, TS2, MIA, MOA: placed above, nothing to read
    }
  }

  void read_n1(const Segment& s) {
    const auto name = s.text(2, 60);
    if (loop == Loop::payer && first_transaction) out.payer_name = std::string(name);
    if (loop == Loop::payee && first_transaction) {
      out.payee_name = std::string(name);
      if (s.has(3)) {
        const auto q = s.code(3, {"FI", "XV", "XX"});
        if (q == "XX") out.payee_npi = std::string(s.text(4, 80));
      }
    }
  }

  void read_ref(const Segment& s) {
    switch (loop) {
      case Loop::header: s.code(1, {"EV", "F2"}); break;
      case Loop::payer:
        if (s.code(1, {"2U", "EO", "HI", "NF"}) == "2U" && first_transaction) out.payer_id = std::string(s.text(2, 50));
        break;
      case Loop::payee: s.code(1, {"0B", "D3", "PQ", "TJ"}); break;
      case Loop::claim:
        s.code(1, {"1L", "1W", "28", "6P", "9A", "9C", "BB", "CE", "EA", "F8", "G1", "G3", "IG", "SY", "0B", "1A", "1B",
                   "1C", "1D", "1G", "1H", "1J", "D3", "G2", "LU"});
        break;
      default:
        if (s.code(1, {"1S", "APC", "BB", "E9", "G1", "G3", "LU", "RB", "6R", "0B", "1A", "1B", "1C", "1D", "1G", "1H",
                       "1J", "D3", "G2", "HPI", "SY", "TJ", "0K"}) == "6R")
          claim->lines.back().control = std::string(s.text(2, 50));
    }
    (void)s.text(2, 50);
  }

  void read_nm1(const Segment& s) {
    const auto entity = s.code(1, {"QC", "IL", "74", "82", "TT", "PR", "GB"});
    s.code(2, {"1", "2"});
    if (entity != "QC") return;
    claim->patient_last_name.assign(s.text(3, 60, false));
    claim->patient_first_name.assign(s.text(4, 35, false));
    if (s.has(8)) {
      s.code(8, {"34", "HN", "II", "MI", "MR"});
      claim->member_id.assign(s.text(9, 80));
    }
  }

  void read_amt(const Segment& s) {
    if (loop == Loop::claim) {
      s.code(1, {"AU", "D8", "DY", "F5", "I", "NL", "T", "T2", "ZK", "ZL", "ZM", "ZN", "ZO"});
      (void)s.amount(2);
      return;
    }
    if (s.code(1, {"B6", "KH", "T", "T2", "ZK", "ZL", "ZM", "ZN", "ZO"}) == "B6") claim->lines.back().allowed = s.amount(2);
    else (void)s.amount(2);
  }

  void run() {
    while (const auto* segment = in.next()) read_segment(*segment);
    if (in.transactions() == 0)
      throw ValidationError("835", "", "holds no transaction set", "one or more 835 transaction sets (ST ... SE)");
  }
};

}  // namespace

Remittance read_835(std::istream& stream, const std::function<void(RemittanceClaim&&)>& on_claim, X12Limits limits) {
  InterchangeReader in(stream, limits);
  Reader835 reader(in, on_claim);
  reader.run();
  return std::move(reader.out);
}

Remittance remittance_from_835(std::string_view document, X12Limits limits) {
  InterchangeReader in(document, limits);
  std::vector<RemittanceClaim> claims;
  const std::function<void(RemittanceClaim&&)> keep = [&](RemittanceClaim&& c) { claims.push_back(std::move(c)); };
  Reader835 reader(in, keep);
  reader.run();
  reader.out.claims = std::move(claims);
  return std::move(reader.out);
}

}  // namespace iop::x12
