// The example 835 (examples/x12/remittance.835, written to the 005010X221A1 layout: header
// BPR/TRN/DTM*405, 1000A N1*PR N3 N4 REF*2U PER*BL, 1000B N1*PE N3 N4 REF*TJ, 2000 LX, 2100 CLP NM1*QC
// DTM*232/233, 2110 SVC DTM*472 CAS REF*6R AMT*B6 LQ, PLB) read as worked by hand.
//
// The payer pays two claims of the example course (examples/x12/case.json): March and April 2026.
// March: 12 program days billed at $300 (S9480) and 3 medication visits at $130 (99214) = $3,990.
//   The payer allows $250 a day (CO-45 $50 each) and $110 a visit (CO-45 $20); Mar 27 is denied
//   for a missing authorisation (CO-197 $300). Its deductible left was $1,050:
//   Mar 2 S9480 PR-1 250, 99214 PR-1 110, Mar 4 PR-1 250, Mar 6 PR-1 250 (= 860), Mar 9 PR-1 190
//   (= 1,050) and PR-2 20% of the remaining $60 = $12, paid $48; every later day PR-2 $50 paid $200,
//   every later visit PR-2 $22 paid $88.
//   Paid: 48 + 7 x 200 + 2 x 88 = 1,624. PR: 1,050 + 12 + 7 x 50 + 2 x 22 = 1,456.
//   CO: 11 x 50 + 3 x 20 + 300 = 910. 3,990 - 910 - 1,456 = 1,624.
// April: 5 days, PR-2 $50 and paid $200 each: charge 1,500, paid 1,000, PR 250, CO 250.
// PLB: a $24 overpayment recovery (WO). BPR02 = 1,624 + 1,000 - 24 = 2,600.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "iop/core/error.hpp"
#include "iop/io/remittance_export.hpp"
#include "iop/io/x12/remittance.hpp"

namespace {

std::string example_835() {
  std::ifstream in(std::string(IOP_EXAMPLES_DIR) + "/x12/remittance.835", std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

iop::Money usd(const char* text) { return iop::Money::parse(text); }

TEST(X12Remittance, ReadsTheExampleAsWorkedByHand) {
  const auto r = iop::x12::remittance_from_835(example_835());
  EXPECT_EQ(r.payer_name, "EXAMPLE HEALTH PLAN");
  EXPECT_EQ(r.payer_id, "12345");
  EXPECT_EQ(r.payee_npi, "1234567893");
  EXPECT_EQ(r.total_paid, usd("2600.00"));
  EXPECT_EQ(r.method, "ACH");
  EXPECT_EQ(r.payment_date, iop::Date(2026, 4, 20));
  EXPECT_EQ(r.trace, "EFT0420001");
  ASSERT_EQ(r.claims.size(), 2U);
  const auto& march = r.claims[0];
  EXPECT_EQ(march.patient_control, "PLANX12-2026-03");
  EXPECT_EQ(march.charge, usd("3990.00"));
  EXPECT_EQ(march.paid, usd("1624.00"));
  EXPECT_EQ(march.patient(), usd("1456.00"));
  EXPECT_EQ(march.patient_responsibility, usd("1456.00"));
  EXPECT_EQ(march.period_start, iop::Date(2026, 3, 2));
  EXPECT_EQ(march.period_end, iop::Date(2026, 3, 31));
  ASSERT_EQ(march.lines.size(), 15U);
  const auto& mar9 = march.lines[4];
  EXPECT_EQ(mar9.date, iop::Date(2026, 3, 9));
  EXPECT_EQ(mar9.code, "S9480");
  EXPECT_EQ(mar9.adjusted(iop::AdjustmentGroup::patient, "1"), usd("190.00"));
  EXPECT_EQ(mar9.adjusted(iop::AdjustmentGroup::patient, "2"), usd("12.00"));
  EXPECT_EQ(mar9.adjusted(iop::AdjustmentGroup::contractual, "45"), usd("50.00"));
  EXPECT_EQ(mar9.paid, usd("48.00"));
  EXPECT_EQ(mar9.allowed, usd("250.00"));
  const auto& mar27 = march.lines[12];
  EXPECT_EQ(mar27.date, iop::Date(2026, 3, 27));
  EXPECT_EQ(mar27.adjusted(iop::AdjustmentGroup::contractual, "197"), usd("300.00"));
  EXPECT_EQ(mar27.remarks, std::vector<std::string>{"N54"});
  EXPECT_FALSE(mar27.allowed.has_value());
  EXPECT_EQ(march.lines[0].control, "PLANX12-20260302-1");
  {
    iop::Money co;
    for (const auto& line : march.lines) co += line.adjusted(iop::AdjustmentGroup::contractual);
    EXPECT_EQ(co, usd("910.00"));
  }
  const auto& april = r.claims[1];
  EXPECT_EQ(april.charge, usd("1500.00"));
  EXPECT_EQ(april.paid, usd("1000.00"));
  EXPECT_EQ(april.patient(), usd("250.00"));
  ASSERT_EQ(r.provider_adjustments.size(), 1U);
  EXPECT_EQ(r.provider_adjustments[0].reason, "WO");
  EXPECT_EQ(r.provider_adjustments[0].amount, usd("24.00"));
  EXPECT_TRUE(r.warnings.empty());
}

TEST(X12Remittance, StreamingGivesTheSameClaimsOneAtATime) {
  const auto whole = iop::x12::remittance_from_835(example_835());
  std::istringstream stream(example_835());
  std::vector<iop::RemittanceClaim> claims;
  const auto head = iop::x12::read_835(stream, [&](iop::RemittanceClaim&& c) { claims.push_back(std::move(c)); });
  EXPECT_TRUE(head.claims.empty());
  EXPECT_EQ(claims, whole.claims);
  EXPECT_EQ(head.total_paid, whole.total_paid);
  EXPECT_EQ(head.provider_adjustments, whole.provider_adjustments);
}

// Two claims read in a row by a handler that copies each (so the reader's claim keeps what it held):
// the second has no patient name, member ID, statement period or claim-level adjustment, and must
// not inherit the first's. Its CLP05 ($40) is not its PR adjustments ($30): the warning names claim 2.
//   Claim A: charge 300, claim CO-45 50, line PR-1 50: 300 - 100 = 200 paid; the line 300 - 50 = 250;
//            the line has no DTM*472, so its date is the statement period's first day (2026-03-02).
//   Claim B: charge 130, line PR-2 30: 100 paid. BPR02 = 200 + 100 = 300.
TEST(X12Remittance, AClaimInheritsNothingFromTheOneBefore) {
  const std::string text =
      "ISA*00*          *00*          *ZZ*EXAMPLEPAYER   *ZZ*LAIOPCLINIC    *260420*1200*^*00501*000000001*0*P*:~"
      "GS*HP*EXAMPLEPAYER*LAIOPCLINIC*20260420*1200*1*X*005010X221A1~ST*835*0001~"
      "BPR*I*300*C*ACH*CCP*01*999999992*DA*123456*1512345678**01*999988880*DA*98765*20260420~"
      "TRN*1*T1*1512345678~N1*PR*EXAMPLE HEALTH PLAN~N1*PE*CLINIC*XX*1234567893~LX*1~"
      "CLP*A*1*300*200*50*12~CAS*CO*45*50~NM1*QC*1*DOE*ALEX****MI*W1~DTM*232*20260302~"
      "SVC*HC:S9480*300*250**1~CAS*PR*1*50~"
      "CLP*B*1*130*100*40*12~SVC*HC:99214*130*100**1~DTM*472*20260303~CAS*PR*2*30~"
      "SE*17*0001~GE*1*1~IEA*1*000000001~";
  std::istringstream stream(text);
  std::vector<iop::RemittanceClaim> claims;
  const auto head = iop::x12::read_835(stream, [&](iop::RemittanceClaim&& c) { claims.push_back(c); });
  ASSERT_EQ(claims.size(), 2U);
  const auto& a = claims[0];
  EXPECT_EQ(a.patient_last_name, "DOE");
  EXPECT_EQ(a.member_id, "W1");
  EXPECT_EQ(a.adjustments.size(), 1U);
  ASSERT_EQ(a.lines.size(), 1U);
  EXPECT_EQ(a.lines[0].date, iop::Date(2026, 3, 2));
  EXPECT_EQ(a.lines[0].paid, usd("250"));
  const auto& b = claims[1];
  EXPECT_EQ(b.patient_control, "B");
  EXPECT_EQ(b.patient_last_name, "");
  EXPECT_EQ(b.patient_first_name, "");
  EXPECT_EQ(b.member_id, "");
  EXPECT_FALSE(b.period_start.has_value());
  EXPECT_FALSE(b.period_end.has_value());
  EXPECT_TRUE(b.adjustments.empty());
  ASSERT_EQ(b.lines.size(), 1U);
  EXPECT_EQ(b.lines[0].code, "99214");
  EXPECT_EQ(b.lines[0].date, iop::Date(2026, 3, 3));
  EXPECT_EQ(b.lines[0].adjustments.size(), 1U);
  EXPECT_EQ(b.patient(), usd("30"));
  EXPECT_EQ(head.total_paid, usd("300"));
  ASSERT_EQ(head.warnings.size(), 1U);
  EXPECT_EQ(head.warnings[0].rfind("claim 2 (835 segment 13): CLP05 states $40.00", 0), 0U) << head.warnings[0];
  // The whole-document reader gives the same claims and warning.
  const auto whole = iop::x12::remittance_from_835(text);
  EXPECT_EQ(whole.claims, claims);
  EXPECT_EQ(whole.warnings, head.warnings);
}

// Replaces the first occurrence of @p from (a whole segment with its terminator) by @p to.
std::string mutate(const std::string& from, const std::string& to) {
  auto text = example_835();
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

struct BadInput {
  const char* name;
  std::string text;
  const char* field;
  const char* problem;  // a part of the problem
};

// The bad-input table: each X12 error class, with the segment position (ST is 1) and the element.
TEST(X12Remittance, RefusesBadInputNamingSegmentAndElement) {
  const std::vector<BadInput> cases{
      {"amount with a letter", mutate("CAS*CO*45*50~", "CAS*CO*45*12.3x~"), "835 segment 21 CAS03", "is not an amount"},
      {"amount with three decimals", mutate("CAS*CO*45*50~", "CAS*CO*45*50.125~"), "835 segment 21 CAS03",
       "is not an amount"},
      {"date that does not exist", mutate("DTM*472*20260302~", "DTM*472*20260230~"), "835 segment 20 DTM02",
       "is not a date that exists"},
      {"unknown qualifier", mutate("CAS*CO*45*50~", "CAS*XX*45*50~"), "835 segment 21 CAS01",
       "is not a code this transaction takes here"},
      {"unknown service qualifier", mutate("SVC*HC:S9480*300*0**1~", "SVC*ZZ:S9480*300*0**1~"), "835 segment 19 SVC01",
       "is not a product or service qualifier"},
      {"over-long element", mutate("CLP*PLANX12-2026-03*", "CLP*" + std::string(39, 'A') + "*"), "835 segment 15 CLP01",
       "is 39 characters long"},
      {"SE01 count wrong", mutate("SE*125*0001~", "SE*124*0001~"), "835 segment 125 SE01", "does not agree with the 125"},
      {"SE02 control wrong", mutate("SE*125*0001~", "SE*125*0002~"), "835 segment 125 SE02", "does not agree with ST02"},
      {"GE02 control wrong", mutate("GE*1*101~", "GE*1*102~"), "interchange segment 128 GE02", "does not agree with GS06"},
      {"IEA02 control wrong", mutate("IEA*1*000000101~", "IEA*1*000000102~"), "interchange segment 129 IEA02",
       "does not agree with ISA13"},
      {"IEA01 count wrong", mutate("IEA*1*000000101~", "IEA*2*000000101~"), "interchange segment 129 IEA01",
       "does not agree with the 1 functional groups"},
      {"loop out of order", mutate("NM1*QC*1*DOE*ALEX****MI*W123456789~\nDTM*232*20260302~",
                                   "DTM*232*20260302~\nNM1*QC*1*DOE*ALEX****MI*W123456789~"),
       "835 segment 17 NM1", "is out of order"},
      {"segment the guide does not place there", mutate("LX*1~", "LX*1~\nSVC*HC:S9480*300*0**1~"), "835 segment 15 SVC",
       "is out of order"},
      {"line does not balance", mutate("SVC*HC:S9480*300*48**1~", "SVC*HC:S9480*300*49**1~"), "835 segment 41 SVC03",
       "does not balance"},
      {"payment does not balance", mutate("BPR*I*2600*", "BPR*I*2601*"), "835 segment 2 BPR02", "does not balance"},
      {"wrong separators", mutate("*P*:~", "*P**~"), "interchange segment 1 ISA16", "uses one character for two separators"},
      {"separator a letter", mutate("*P*:~", "*P*A~"), "interchange segment 1 ISA16", "uses a letter"},
      {"not 5010", mutate("*00501*", "*00401*"), "interchange segment 1 ISA12", "is not the 5010 version"},
      {"truncated", example_835().substr(0, example_835().find("CLP*PLANX12-2026-04")), "interchange segment 97",
       "the interchange is cut short inside a transaction set"},
      {"cut inside a segment", example_835().substr(0, example_835().find("CLP*PLANX12-2026-04") + 10),
       "interchange segment 97", "ends inside a segment"},
      {"not X12", "{\"json\": true}", "interchange segment 1", "does not begin with ISA"},
  };
  for (const auto& c : cases) {
    try {
      (void)iop::x12::remittance_from_835(c.text);
      ADD_FAILURE() << c.name << ": accepted";
    } catch (const iop::ValidationError& e) {
      EXPECT_EQ(e.field(), c.field) << c.name << ": " << e.what();
      EXPECT_NE(e.problem().find(c.problem), std::string::npos) << c.name << ": " << e.what();
      // Privacy: no name or member ID of the transaction in any message.
      const std::string message = e.what();
      for (const char* secret : {"DOE", "ALEX", "W123456789"})
        EXPECT_EQ(message.find(secret), std::string::npos) << c.name << ": " << message;
    }
  }
}

TEST(X12Remittance, NeverEchoesANameOrMemberId) {
  // A name too long for NM103 and a member ID too long for NM109: the error names the element only.
  const std::string name(61, 'Q');
  for (const auto& text : {mutate("NM1*QC*1*DOE*", "NM1*QC*1*" + name + "*"),
                           mutate("*MI*W123456789~", "*MI*" + std::string(81, '9') + "~")}) {
    try {
      (void)iop::x12::remittance_from_835(text);
      ADD_FAILURE() << "accepted";
    } catch (const iop::ValidationError& e) {
      const std::string message = e.what();
      EXPECT_EQ(message.find("QQQQ"), std::string::npos) << message;
      EXPECT_EQ(message.find("W123456789"), std::string::npos) << message;
      EXPECT_EQ(message.find("99999"), std::string::npos) << message;
      EXPECT_EQ(e.value(), "");
    }
  }
  // An amount element holding a word (a name shifted by a stray separator) is not echoed either.
  try {
    (void)iop::x12::remittance_from_835(mutate("CAS*CO*45*50~", "CAS*CO*45*DOE~"));
    ADD_FAILURE() << "accepted";
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(std::string(e.what()).find("DOE"), std::string::npos) << e.what();
  }
}

// examples/x12/remittance.835, claim PLANX12-2026-03, 2026-03-09: S9480 charged $300.00, allowed $250.00 after a
// $50.00 contractual adjustment (CO-45); the patient owes the deductible's last $190.00 (PR-1) and 20 % of the
// other $60.00, $12.00 (PR-2): $202.00; the plan pays 80 % of $60.00, $48.00. 300 = 50 + 190 + 12 + 48.
TEST(RemittanceCsv, ALineWorkedOutByHand) {
  const auto csv = iop::to_csv(iop::x12::remittance_from_835(example_835()));
  EXPECT_EQ(csv.rfind("claim,status,date,code,modifiers,revenue_code,units,charge,allowed,paid,patient,deductible,"
                      "coinsurance,copay,contractual,other_adjustments,adjustments\r\n",
                      0),
            0u);
  EXPECT_NE(csv.find("\r\nPLANX12-2026-03,1,2026-03-09,S9480,,,1,300.00,250.00,48.00,202.00,190.00,12.00,0.00,50.00,"
                     "0.00,CO-45 50.00; PR-1 190.00; PR-2 12.00\r\n"),
            std::string::npos);
}

}  // namespace
