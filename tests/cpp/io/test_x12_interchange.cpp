// The X12 interchange reader and writer: separators taken from ISA, envelopes counted, amounts exact.
#include <gtest/gtest.h>

#include <sstream>

#include "iop/core/error.hpp"
#include "iop/io/x12/interchange.hpp"
#include "iop/io/x12/writer.hpp"

namespace {

using iop::x12::InterchangeReader;

std::string sample(const iop::x12::EnvelopeHeader& header, int sets) {
  iop::x12::X12Writer out(header);
  for (int i = 1; i <= sets; ++i) {
    out.begin_transaction("835", "000" + std::to_string(i));
    out.segment({"BPR", "I", "12.5", "C", "ACH", "", "", "", "", "", "", "", "", "", "", "", "20260420"});
    out.segment({"TRN", "1", "T", "", ""});  // trailing empty elements are dropped
    out.end_transaction();
  }
  return out.finish();
}

const iop::x12::EnvelopeHeader kHeader{"SENDER", "RECEIVER", iop::Date(2026, 4, 20), 42, "0930", "HP", "005010X221A1"};

TEST(X12Writer, WritesEnvelopesWithTheirCounts) {
  const auto text = sample(kHeader, 2);
  // ISA is 106 characters with its terminator; each SE counts ST..SE (4), GE the 2 sets.
  EXPECT_EQ(text.substr(0, text.find('\n')),
            "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *260420*0930*^*00501*000000042*0*P*:~");
  EXPECT_NE(text.find("TRN*1*T~\nSE*4*0001~\n"), std::string::npos);
  EXPECT_NE(text.find("GE*2*42~\nIEA*1*000000042~\n"), std::string::npos);
  EXPECT_EQ(iop::x12::amount_text(iop::Money::parse("1234.50")), "1234.5");
  EXPECT_EQ(iop::x12::amount_text(iop::Money::parse("300.00")), "300");
  EXPECT_EQ(iop::x12::amount_text(iop::Money::parse("-0.05")), "-0.05");
  EXPECT_EQ(iop::x12::amount_text(iop::Money()), "0");
}

TEST(X12Writer, RefusesAValueThatWouldChangeTheStructure) {
  iop::x12::X12Writer out(kHeader);
  out.begin_transaction("837", "0001");
  EXPECT_THROW(out.segment({"NM1", "IL", "1", "O*BRIEN"}, "claims.patient.last_name"), iop::ValidationError);
  EXPECT_THROW(out.segment({"NM1", "IL", "1", "LINE\nBREAK"}, "claims.patient.last_name"), iop::ValidationError);
}

TEST(X12Reader, ReadsWhatTheWriterWritesFromMemoryAndFromAStream) {
  const auto text = sample(kHeader, 2);
  for (int from_stream = 0; from_stream < 2; ++from_stream) {
    std::istringstream stream(text);
    auto reader = from_stream ? std::make_unique<InterchangeReader>(stream) : std::make_unique<InterchangeReader>(text);
    std::vector<std::string> ids;
    iop::Money total;
    while (const auto* s = reader->next()) {
      ids.emplace_back(s->id());
      if (s->id() == "BPR") {
        total += s->amount(2);
        EXPECT_EQ(s->date(16), iop::Date(2026, 4, 20));
        EXPECT_EQ(s->position(), 2U);
      }
    }
    EXPECT_EQ(ids, (std::vector<std::string>{"ST", "BPR", "TRN", "SE", "ST", "BPR", "TRN", "SE"}));
    EXPECT_EQ(total, iop::Money::parse("25.00"));
    EXPECT_EQ(reader->transactions(), 2U);
    EXPECT_EQ(reader->envelope().version, "005010X221A1");
    EXPECT_EQ(reader->envelope().interchange_date, iop::Date(2026, 4, 20));
  }
}

TEST(X12Reader, TakesOtherSeparatorsFromIsa) {
  // The same interchange written with | as element separator, ! as repetition, > as component and
  // a newline as the segment terminator.
  auto text = sample(kHeader, 1);
  std::string other;
  for (char c : text) {
    if (c == '*') other += '|';
    else if (c == '^') other += '!';
    else if (c == ':') other += '>';
    else if (c == '~') continue;
    else other += c;
  }
  InterchangeReader reader(other);
  EXPECT_EQ(reader.delimiters().element, '|');
  EXPECT_EQ(reader.delimiters().repetition, '!');
  EXPECT_EQ(reader.delimiters().component, '>');
  EXPECT_EQ(reader.delimiters().segment, '\n');
  std::size_t segments = 0;
  while (reader.next() != nullptr) ++segments;
  EXPECT_EQ(segments, 4U);
}

TEST(X12Reader, ParsesAmountsExactly) {
  using iop::x12::parse_amount;
  EXPECT_EQ(parse_amount("12.3"), iop::Money::from_cents(1230));
  EXPECT_EQ(parse_amount(".5"), iop::Money::from_cents(50));
  EXPECT_EQ(parse_amount("-0.05"), iop::Money::from_cents(-5));
  EXPECT_EQ(parse_amount("300"), iop::Money::from_cents(30000));
  for (const char* bad : {"", "-", "12.", "12.345", "1,000", "+5", "12.3x", "1e3", "1234567890123456789"})
    EXPECT_FALSE(parse_amount(bad).has_value()) << bad;
}

TEST(X12Reader, RefusesADocumentOverItsLimitAndAnOverLongSegment) {
  iop::x12::X12Limits limits;
  limits.max_document_bytes = 100;
  EXPECT_THROW(InterchangeReader(sample(kHeader, 1), limits), iop::ValidationError);
  auto text = sample(kHeader, 1);
  text.insert(text.find("TRN*1*T"), "MSG*" + std::string(5000, 'A') + "~\n");
  try {
    InterchangeReader reader(text);
    while (reader.next() != nullptr) {
    }
    ADD_FAILURE() << "accepted";
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "interchange segment 5");
    EXPECT_NE(e.problem().find("bytes long"), std::string::npos) << e.what();
  }
}

// The reader splits segments eight bytes at a time; this checks it against a plain split with a
// separator, a control character and bytes outside ASCII at every offset of a word.
std::vector<std::string> plain_split(const std::string& segment) {
  std::vector<std::string> out(1);
  for (char c : segment) {
    if (c == '*') out.emplace_back();
    else out.back() += c;
  }
  return out;
}

std::string with_segment(const std::string& segment) {
  auto text = sample(kHeader, 1);
  const auto at = text.find("TRN*1*T~");
  return text.replace(at, 8, segment + "~");  // the same number of segments: SE01 still agrees
}

TEST(X12Reader, SplitsElementsAtEveryOffset) {
  // Elements of 0 to 10 characters in a rotating pattern: the separators fall on every byte of a word.
  for (int shift = 0; shift < 11; ++shift) {
    std::string segment = "REF";
    for (int e = 0; e < 20; ++e) segment += "*" + std::string(static_cast<std::size_t>((e * 7 + shift) % 11), 'A' + e % 26);
    const auto text = with_segment(segment);
    InterchangeReader reader(text);
    const iop::x12::Segment* found = nullptr;
    while (const auto* s = reader.next())
      if (s->id() == "REF") {
        found = s;
        const auto expected = plain_split(segment);
        ASSERT_EQ(s->size() + 1, expected.size()) << segment;
        for (std::size_t e = 1; e < expected.size(); ++e) EXPECT_EQ(s->element(e), expected[e]) << segment << " " << e;
        EXPECT_EQ(s->tag(), iop::x12::segment_tag("REF"));
      }
    EXPECT_NE(found, nullptr);
  }
}

TEST(X12Reader, NamesTheElementOfAControlCharacterAtEveryOffset) {
  const std::string segment = "REF*1*ABCDEFGHIJKLMNOPQRSTUVWXYZ*12*0123456789ABCDEF";
  for (const char bad : {'\x01', '\x1f', '\x7f', '\x80', '\xff'}) {
    for (std::size_t at = 4; at < segment.size(); ++at) {
      if (segment[at] == '*') continue;
      auto broken = segment;
      broken[at] = bad;
      // The element holding byte `at`.
      std::size_t element = 0;
      for (std::size_t i = 0; i < at; ++i) element += segment[i] == '*' ? 1 : 0;
      const auto text = with_segment(broken);  // the reader views the text: it must outlive the reader
      try {
        InterchangeReader reader(text);
        while (reader.next() != nullptr) {
        }
        ADD_FAILURE() << "accepted byte " << static_cast<int>(static_cast<unsigned char>(bad)) << " at " << at;
      } catch (const iop::ValidationError& e) {
        EXPECT_EQ(e.field(), "interchange segment 5 REF" + std::string(element < 10 ? "0" : "") + std::to_string(element))
            << at;
        EXPECT_NE(e.problem().find("control character or a byte outside ASCII"), std::string::npos) << e.what();
      }
    }
  }
}

}  // namespace
