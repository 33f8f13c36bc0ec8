#include "iop/io/x12/interchange.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

#include "iop/core/error.hpp"
#include "io/x12/text.hpp"

namespace iop::x12 {

using internal::all_digits;
using internal::echo;
using internal::is_upper_alnum;
using internal::two_digits;

namespace {

// The ISA segment is fixed length (X12.5 and every 5010 guide's ISA table): 16
// elements of fixed widths, 106 characters with its terminator.
constexpr std::array<std::size_t, 16> kIsaWidths{2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1};
constexpr std::size_t kIsaLength = 106;
constexpr std::size_t kChunk = std::size_t{1} << 20;

std::string_view trim(std::string_view text) noexcept {
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  return text;
}

constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
constexpr std::uint64_t kLow7 = 0x7F7F7F7F7F7F7F7FULL;

// 0x80 in exactly the bytes of @p x that are zero (no false positives from borrows).
constexpr std::uint64_t zero_bytes(std::uint64_t x) noexcept { return ~(((x & kLow7) + kLow7) | x | kLow7); }

// 0x80 in every byte of @p w outside printable ASCII (below 0x20, 0x7F, or 0x80 and above).
constexpr std::uint64_t unprintable_bytes(std::uint64_t w) noexcept {
  const std::uint64_t below_space = ~((w & kLow7) + 0x6060606060606060ULL) & kHigh;
  return (w & kHigh) | below_space | zero_bytes(w ^ kLow7);
}

// The first @p byte in @p text (npos when none), eight bytes at a time: segments are a few dozen
// bytes, too short for memchr's setup to pay.
std::size_t find_byte(std::string_view text, char byte) noexcept {
  const char* data = text.data();
  const std::size_t size = text.size();
  std::size_t i = 0;
  if constexpr (std::endian::native == std::endian::little) {
    const std::uint64_t pattern = kOnes * static_cast<unsigned char>(byte);
    for (; i + 8 <= size; i += 8) {
      std::uint64_t word;
      std::memcpy(&word, data + i, 8);
      if (const auto found = zero_bytes(word ^ pattern); found != 0)
        return i + static_cast<std::size_t>(std::countr_zero(found)) / 8;
    }
  }
  for (; i < size; ++i)
    if (data[i] == byte) return i;
  return std::string_view::npos;
}

}  // namespace

// --- InterchangeReader --------------------------------------------------------------------------

namespace {
// A segment keeps its elements in a fixed array: a larger limit would overrun it.
X12Limits clamped(X12Limits limits) {
  limits.max_elements = std::min<std::size_t>(limits.max_elements, 32);
  return limits;
}
}  // namespace

InterchangeReader::InterchangeReader(std::string_view document, X12Limits limits) : limits_(clamped(limits)) {
  if (document.size() > limits_.max_document_bytes)
    throw ValidationError("interchange", "", "is " + std::to_string(document.size()) + " bytes",
                          "at most " + std::to_string(limits_.max_document_bytes) + " bytes in one document");
  pending_ = document;
  eof_ = true;
  read_isa();
}

InterchangeReader::InterchangeReader(std::istream& stream, X12Limits limits)
    : limits_(clamped(limits)), stream_(&stream) {
  while (pending_.size() < kIsaLength && fill()) {
  }
  read_isa();
}

InterchangeReader::~InterchangeReader() = default;

bool InterchangeReader::fill() {
  if (eof_ || stream_ == nullptr) return false;
  // Keep what is not consumed yet at the front, then append a chunk: the buffer is allocated once
  // (a fresh megabyte each time costs its page faults).
  const auto kept = pending_.size();
  if (kept > 0 && pending_.data() != buffer_.data()) std::memmove(buffer_.data(), pending_.data(), kept);
  buffer_.resize(kept + kChunk);
  stream_->read(buffer_.data() + kept, static_cast<std::streamsize>(kChunk));
  const auto got = static_cast<std::size_t>(stream_->gcount());
  buffer_.resize(kept + got);
  if (got == 0 || !*stream_) eof_ = true;
  pending_ = buffer_;
  return got > 0;
}

void InterchangeReader::fail_here(std::string_view segment_id, std::size_t element, std::string_view value,
                                  std::string problem, std::string allowed) const {
  std::string field = "interchange segment " + std::to_string(interchange_position_ + 1);
  if (!segment_id.empty()) field.append(" ").append(segment_id);
  if (element > 0) field.append(two_digits(element));
  throw ValidationError(std::move(field), echo(value), std::move(problem), std::move(allowed));
}

void InterchangeReader::read_isa() {
  const bool starts_isa = pending_.size() >= 3 ? pending_.substr(0, 3) == "ISA"
                                                : std::string_view("ISA").substr(0, pending_.size()) == pending_;
  if (!starts_isa || pending_.empty())
    fail_here("", 0, "", "does not begin with ISA", "an X12 interchange: ISA, GS, ST ... SE, GE, IEA");
  if (pending_.size() < kIsaLength)
    fail_here("ISA", 0, "", "is cut short: an ISA segment is 106 characters", "a complete ISA segment");
  Delimiters d;
  d.element = pending_[3];
  std::size_t at = 3;
  for (std::size_t i = 0; i < kIsaWidths.size(); ++i) {
    if (pending_[at] != d.element)
      fail_here("ISA", i + 1, "", "is not at its fixed place: ISA is a fixed-length segment",
                "ISA elements of widths 2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1");
    at += 1 + kIsaWidths[i];
  }
  d.repetition = pending_[82];
  d.component = pending_[104];
  d.segment = pending_[105];
  const std::array<char, 4> all{d.element, d.repetition, d.component, d.segment};
  for (std::size_t i = 0; i < all.size(); ++i) {
    const char c = all[i];
    const bool bad_char = is_upper_alnum(c) || (c >= 'a' && c <= 'z') || c == ' ';
    bool repeated = false;
    for (std::size_t j = 0; j < i; ++j) repeated = repeated || all[j] == c;
    if (bad_char || repeated)
      fail_here("ISA", i == 0 ? 0 : (i == 1 ? 11 : (i == 2 ? 16 : 0)), "",
                bad_char ? "uses a letter, digit or space as a separator" : "uses one character for two separators",
                "four distinct separators that are not letters, digits or spaces (e.g. * ^ : ~); "
                "a 5010 interchange has a repetition separator in ISA11");
  }
  delimiters_ = d;
  std::string_view raw;
  if (!read_raw(raw)) fail_here("ISA", 0, "", "is cut short", "a complete ISA segment");
  split(raw, segment_);
  segment_.position_ = ++interchange_position_;
  const auto& s = segment_;
  if (s.element(12) != "00501")
    s.fail(12, s.element(12), "is not the 5010 version of the interchange control standards", "00501");
  s.code(14, {"0", "1"});
  s.code(15, {"P", "T"});
  if (!all_digits(s.element(13))) s.fail(13, s.element(13), "is not a control number", "9 digits");
  if (!all_digits(s.element(9))) s.fail(9, s.element(9), "is not a date", "YYMMDD");
  envelope_.sender = std::string(trim(s.element(6)));
  envelope_.receiver = std::string(trim(s.element(8)));
  envelope_.interchange_control = std::string(s.element(13));
  const auto yymmdd = s.element(9);
  auto two = [&](std::size_t at2) { return (yymmdd[at2] - '0') * 10 + (yymmdd[at2 + 1] - '0'); };
  try {
    envelope_.interchange_date = make_date(2000 + two(0), two(2), two(4), s.field(9));
  } catch (const ValidationError&) {
    s.fail(9, yymmdd, "is not a date that exists", "YYMMDD");
  }
}

bool InterchangeReader::read_raw(std::string_view& raw, Segment* split_into) {
  const bool line_terminated = delimiters_.segment == '\n' || delimiters_.segment == '\r';
  for (;;) {
    // A line break after a terminator (files written one segment a line) belongs to no segment.
    while (!line_terminated && !pending_.empty() && (pending_.front() == '\n' || pending_.front() == '\r')) {
      pending_.remove_prefix(1);
      ++consumed_;
    }
    std::size_t length = std::string_view::npos;
    const bool split_clean = split_into != nullptr && scan(pending_, *split_into, length);
    if (split_into == nullptr) length = find_byte(pending_, delimiters_.segment);
    if (length != std::string_view::npos) {
      if (length + 1 > limits_.max_segment_bytes)
        fail_here("", 0, "", "is " + std::to_string(length + 1) + " bytes long",
                  "at most " + std::to_string(limits_.max_segment_bytes) + " bytes a segment");
      raw = pending_.substr(0, length);
      if (split_into != nullptr) {
        // Anything the one-pass scan did not take (a control character, too many elements, an
        // element too long) is split again the careful way, which names the element.
        if (!split_clean) split(raw, *split_into);
        check_id(*split_into);
      }
      pending_.remove_prefix(length + 1);
      consumed_ += length + 1;
      return true;
    }
    if (pending_.size() > limits_.max_segment_bytes)
      fail_here("", 0, "", "has no segment terminator within " + std::to_string(limits_.max_segment_bytes) + " bytes",
                "segments ending with the terminator ISA declares");
    if (!fill()) {
      if (pending_.empty()) return false;
      fail_here("", 0, "", "is cut short: the interchange ends inside a segment",
                "every segment ending with the terminator ISA declares, through IEA");
    }
  }
}

void InterchangeReader::split(std::string_view raw, Segment& segment) {
  segment.reader_ = this;
  segment.count_ = 0;
  const std::size_t max_elements = limits_.max_elements;
  const std::size_t max_element_bytes = limits_.max_element_bytes;
  auto too_many = [&] {
    fail_here(segment.count_ == 0 ? std::string_view{} : segment.elements_[0], 0, "",
              "has more than " + std::to_string(max_elements) + " elements", "at most " + std::to_string(max_elements));
  };
  auto too_long = [&](std::size_t size) {
    const std::string_view id = segment.count_ == 0 ? std::string_view{} : segment.elements_[0];
    fail_here(id, segment.count_, "", "is " + std::to_string(size) + " characters long",
              "at most " + std::to_string(max_element_bytes) + " (the longest element of the 5010 guides)");
  };
  const char* data = raw.data();
  const std::size_t size = raw.size();
  // Eight bytes at a time: the separators' positions and whether any byte is a control character or
  // outside ASCII (reported below with its element), without a branch a byte.
  const std::uint64_t separators = kOnes * static_cast<unsigned char>(delimiters_.element);
  std::uint64_t bad = 0;
  std::size_t start = 0;
  std::size_t i = 0;
  auto add = [&](std::size_t end) {
    if (segment.count_ > max_elements) too_many();
    if (end - start > max_element_bytes) too_long(end - start);
    segment.elements_[segment.count_++] = std::string_view(data + start, end - start);
    start = end + 1;
  };
  if constexpr (std::endian::native == std::endian::little) {  // byte k of the text is byte k of the word
    for (; i + 8 <= size; i += 8) {
      std::uint64_t word;
      std::memcpy(&word, data + i, 8);
      bad |= unprintable_bytes(word);
      for (std::uint64_t found = zero_bytes(word ^ separators); found != 0; found &= found - 1)
        add(i + static_cast<std::size_t>(std::countr_zero(found)) / 8);
    }
  }
  for (; i < size; ++i) {
    const auto c = static_cast<unsigned char>(data[i]);
    bad |= static_cast<std::uint64_t>(c < 0x20 || c >= 0x7F);
    if (c == static_cast<unsigned char>(delimiters_.element)) add(i);
  }
  add(size);
  if (bad != 0)
    for (std::size_t e = 0; e < segment.count_; ++e)
      for (const char ch : segment.elements_[e]) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 || c >= 0x7F)
          fail_here(e == 0 ? std::string_view{} : segment.elements_[0], e, "",
                    "holds a control character or a byte outside ASCII",
                    "X12's basic and extended character sets (printable ASCII)");
      }
  check_id(segment);
}

void InterchangeReader::check_id(Segment& segment) {
  const auto id = segment.elements_[0];
  if (id.size() < 2 || id.size() > 3 || !std::all_of(id.begin(), id.end(), is_upper_alnum))
    fail_here("", 0, "", "does not start with a segment ID", "2 or 3 capital letters or digits, e.g. CLP");
  segment.tag_ = segment_tag(id);
}

bool InterchangeReader::scan(std::string_view text, Segment& segment, std::size_t& end) {
  // One pass over the next segment, eight bytes at a time: the terminator, the separators before it
  // and any byte outside printable ASCII. False, with `end` still found, when the segment needs the
  // careful split of `split` (a bad byte, too many elements, an element too long).
  segment.reader_ = this;
  segment.count_ = 0;
  const char* data = text.data();
  const std::size_t size = text.size();
  const std::size_t max_elements = limits_.max_elements;
  const std::size_t max_element_bytes = limits_.max_element_bytes;
  const char element = delimiters_.element;
  const char terminator = delimiters_.segment;
  bool clean = true;
  std::size_t start = 0;
  auto add = [&](std::size_t at) {
    if (segment.count_ > max_elements || at - start > max_element_bytes) clean = false;
    else segment.elements_[segment.count_++] = std::string_view(data + start, at - start);
    start = at + 1;
  };
  end = std::string_view::npos;
  std::size_t i = 0;
  if constexpr (std::endian::native == std::endian::little) {
    const std::uint64_t separators = kOnes * static_cast<unsigned char>(element);
    const std::uint64_t terminators = kOnes * static_cast<unsigned char>(terminator);
    for (; i + 8 <= size; i += 8) {
      std::uint64_t word;
      std::memcpy(&word, data + i, 8);
      std::uint64_t found = zero_bytes(word ^ separators);
      std::uint64_t bad = unprintable_bytes(word);
      const std::uint64_t ends = zero_bytes(word ^ terminators);
      if (ends != 0) {
        const auto k = static_cast<unsigned>(std::countr_zero(ends)) / 8;  // the terminator's byte
        const std::uint64_t before = k == 0 ? 0 : (~std::uint64_t{0} >> (64 - 8 * k));
        found &= before;
        bad &= before;
        end = i + k;
      }
      if (bad != 0) clean = false;
      for (; found != 0; found &= found - 1) add(i + static_cast<std::size_t>(std::countr_zero(found)) / 8);
      if (end != std::string_view::npos) break;
    }
  }
  if (end == std::string_view::npos)
    for (; i < size; ++i) {
      const auto c = static_cast<unsigned char>(data[i]);
      if (data[i] == terminator) {
        end = i;
        break;
      }
      if (c < 0x20 || c >= 0x7F) clean = false;
      if (data[i] == element) add(i);
    }
  if (end == std::string_view::npos) return false;
  add(end);
  return clean;
}

void InterchangeReader::check_end() {
  for (;;) {
    while (!pending_.empty() && (pending_.front() == '\n' || pending_.front() == '\r' || pending_.front() == ' '))
      pending_.remove_prefix(1);
    if (!pending_.empty())
      fail_here("", 0, "", "follows IEA", "nothing after the interchange's IEA segment (one interchange a document)");
    if (!fill()) return;
  }
}

void InterchangeReader::on_envelope(Segment& s) {
  const auto id = s.id();
  if (state_ == State::interchange) {
    if (id == "GS") {
      s.require(1);
      s.require(6);
      if (!all_digits(s.element(6)) || s.element(6).size() > 9) s.fail(6, s.element(6), "is not a control number", "1 to 9 digits");
      if (s.element(8).substr(0, 6) != "005010")
        s.fail(8, s.element(8), "is not a 5010 implementation guide", "005010X279A1, 005010X221A1, 005010X222A1, 005010X223A2");
      s.date(4);
      envelope_.functional_id = std::string(s.element(1));
      envelope_.group_control = std::string(s.element(6));
      envelope_.version = std::string(s.element(8));
      ++groups_;
      sets_in_group_ = 0;
      state_ = State::group;
      return;
    }
    if (id == "IEA") {
      if (s.count(1, 0, 99999) != static_cast<std::int64_t>(groups_))
        s.fail(1, s.element(1), "does not agree with the " + std::to_string(groups_) + " functional groups read",
               std::to_string(groups_));
      if (s.element(2) != envelope_.interchange_control)
        s.fail(2, s.element(2), "does not agree with ISA13", envelope_.interchange_control);
      state_ = State::done;
      check_end();
      return;
    }
    s.fail(0, "", "is out of order", "GS (a functional group) or IEA after ISA or GE");
  }
  // State::group
  if (id == "ST") {
    s.require(1);
    s.require(2);
    if (s.element(2).size() < 4 || s.element(2).size() > 9 || !all_digits(s.element(2)))
      s.fail(2, s.element(2), "is not a control number", "4 to 9 digits");
    envelope_.transaction = std::string(s.element(1));
    envelope_.transaction_control = std::string(s.element(2));
    envelope_.implementation = std::string(s.element(3));
    if (s.has(3) && s.element(3) != envelope_.version)
      s.fail(3, s.element(3), "does not agree with GS08", envelope_.version);
    transaction_position_ = 1;
    state_ = State::transaction;
    return;
  }
  if (id == "GE") {
    if (s.count(1, 0, 999999) != static_cast<std::int64_t>(sets_in_group_))
      s.fail(1, s.element(1), "does not agree with the " + std::to_string(sets_in_group_) + " transaction sets read",
             std::to_string(sets_in_group_));
    if (s.element(2) != envelope_.group_control) s.fail(2, s.element(2), "does not agree with GS06", envelope_.group_control);
    state_ = State::interchange;
    return;
  }
  s.fail(0, "", "is out of order", "ST (a transaction set) or GE after GS or SE");
}

const Segment* InterchangeReader::next() {
  for (;;) {
    if (state_ == State::done) return nullptr;
    std::string_view raw;
    auto& s = segment_;
    if (!read_raw(raw, &s)) {
      const char* where = state_ == State::transaction ? "inside a transaction set (no SE)"
                          : state_ == State::group     ? "inside a functional group (no GE)"
                                                       : "before IEA";
      fail_here("", 0, "", std::string("is missing: the interchange is cut short ") + where,
                "ST ... SE inside GS ... GE inside ISA ... IEA");
    }
    ++interchange_position_;
    if (state_ != State::transaction) {
      s.in_transaction_ = false;
      s.position_ = interchange_position_;
      on_envelope(s);
      if (state_ == State::transaction) {
        s.in_transaction_ = true;
        s.position_ = 1;
        return &s;
      }
      continue;
    }
    s.in_transaction_ = true;
    s.position_ = ++transaction_position_;
    const auto id = s.id();
    if (id == "ISA" || id == "GS" || id == "ST" || id == "GE" || id == "IEA")
      s.fail(0, "", "is out of order: the transaction set has not ended", "SE before another envelope segment");
    if (id == "SE") {
      if (s.count(1, 1, 9999999999) != static_cast<std::int64_t>(transaction_position_))
        s.fail(1, s.element(1), "does not agree with the " + std::to_string(transaction_position_) +
                                   " segments of the transaction set (ST through SE)",
               std::to_string(transaction_position_));
      if (s.element(2) != envelope_.transaction_control)
        s.fail(2, s.element(2), "does not agree with ST02", envelope_.transaction_control);
      state_ = State::group;
      ++transactions_;
      ++sets_in_group_;
    }
    return &s;
  }
}

}  // namespace iop::x12
