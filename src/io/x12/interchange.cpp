#include "iop/io/x12/interchange.hpp"

#include <algorithm>
#include <cstring>

#include "iop/core/error.hpp"
#include "iop/detail/int128.hpp"

namespace iop::x12 {
namespace {

// The ISA segment is fixed length (X12.5 and every 5010 guide's ISA table): 16
// elements of fixed widths, 106 characters with its terminator.
constexpr std::array<std::size_t, 16> kIsaWidths{2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1};
constexpr std::size_t kIsaLength = 106;
constexpr std::size_t kChunk = std::size_t{1} << 20;

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
bool is_upper_alnum(char c) noexcept { return is_digit(c) || (c >= 'A' && c <= 'Z'); }

bool all_digits(std::string_view text) noexcept {
  return !text.empty() && std::all_of(text.begin(), text.end(), is_digit);
}

std::string two_digits(std::size_t n) {
  std::string text = std::to_string(n);
  return n < 10 ? "0" + text : text;
}

std::string_view trim(std::string_view text) noexcept {
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  return text;
}

// Whether a value may be quoted in an error. Only elements that hold codes, amounts, counts and
// service dates are ever passed here; even then a value that looks like a word (two letters in a
// row: a name shifted into the wrong element by a stray separator) or is long is not quoted.
bool may_echo(std::string_view value) noexcept {
  if (value.size() > 18) return false;
  for (std::size_t i = 1; i < value.size(); ++i) {
    auto letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
    if (letter(value[i - 1]) && letter(value[i])) return false;
  }
  return true;
}

std::string echo(std::string_view value) {
  if (value.empty()) return "";
  if (!may_echo(value)) return "(" + std::to_string(value.size()) + " characters, not shown)";
  return iop::quoted(value);
}

}  // namespace

std::optional<Money> parse_amount(std::string_view text) noexcept {
  bool negative = false;
  if (!text.empty() && text.front() == '-') {
    negative = true;
    text.remove_prefix(1);
  }
  const auto dot = text.find('.');
  const auto whole = text.substr(0, dot);
  const auto fraction = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
  if (whole.empty() && fraction.empty()) return std::nullopt;
  if (dot != std::string_view::npos && (fraction.empty() || fraction.size() > 2)) return std::nullopt;
  // X12's R type: at most 18 digits, the decimal point and sign not counted.
  if (whole.size() + fraction.size() > 18) return std::nullopt;
  if (whole.size() <= 16) {  // at most 10^18 cents: exact in 64 bits
    std::int64_t small = 0;
    for (char c : whole) {
      if (!is_digit(c)) return std::nullopt;
      small = small * 10 + (c - '0');
    }
    small *= 100;
    for (std::size_t i = 0; i < fraction.size(); ++i) {
      if (!is_digit(fraction[i])) return std::nullopt;
      small += (fraction[i] - '0') * (i == 0 ? 10 : 1);
    }
    return Money::from_cents(negative ? -small : small);
  }
  detail::int128 cents = 0;
  for (char c : whole) {
    if (!is_digit(c)) return std::nullopt;
    cents = cents * 10 + (c - '0');
  }
  cents *= 100;
  for (std::size_t i = 0; i < fraction.size(); ++i) {
    if (!is_digit(fraction[i])) return std::nullopt;
    cents += (fraction[i] - '0') * (i == 0 ? 10 : 1);
  }
  if (cents > static_cast<detail::int128>(INT64_MAX)) return std::nullopt;
  const auto value = static_cast<std::int64_t>(cents);
  return Money::from_cents(negative ? -value : value);
}

int place_in_loop(std::string_view id, std::initializer_list<std::string_view> order) noexcept {
  int place = 1;
  for (auto o : order) {
    if (o == id) return place;
    ++place;
  }
  return 0;
}

// --- Segment ------------------------------------------------------------------------------------

std::string_view Segment::component(std::size_t n, std::size_t c) const noexcept {
  auto value = element(n);
  const char separator = reader_ != nullptr ? reader_->delimiters_.component : ':';
  for (std::size_t i = 1; i < c; ++i) {
    const auto at = value.find(separator);
    if (at == std::string_view::npos) return {};
    value.remove_prefix(at + 1);
  }
  return value.substr(0, value.find(separator));
}

std::string Segment::field(std::size_t n) const {
  std::string text = in_transaction_ && reader_ != nullptr ? reader_->envelope_.transaction : std::string("interchange");
  text.append(" segment ").append(std::to_string(position_)).append(" ").append(id());
  if (n > 0) text.append(two_digits(n));
  return text;
}

std::string Segment::field(std::size_t n, std::size_t c) const { return field(n) + "-" + std::to_string(c); }

void Segment::fail(std::size_t n, std::string_view value, std::string problem, std::string allowed) const {
  throw ValidationError(field(n), echo(value), std::move(problem), std::move(allowed));
}

void Segment::require(std::size_t n) const {
  if (!has(n)) fail(n, "", "is missing", "a value: the guide requires it");
}

std::string_view Segment::code(std::size_t n, std::initializer_list<std::string_view> allowed) const {
  const auto value = element(n);
  for (auto a : allowed)
    if (value == a) return value;
  std::string list;
  for (auto a : allowed) list.append(list.empty() ? "" : ", ").append(a.empty() ? "(empty)" : a);
  fail(n, value, value.empty() ? "is missing" : "is not a code this transaction takes here", list);
}

std::string_view Segment::text(std::size_t n, std::size_t max_chars, bool required) const {
  const auto value = element(n);
  if (value.empty()) {
    if (required) require(n);
    return value;
  }
  if (value.size() > max_chars)
    fail(n, "", "is " + std::to_string(value.size()) + " characters long",
         "at most " + std::to_string(max_chars) + " (the guide's maximum length)");
  return value;
}

Money Segment::amount(std::size_t n) const {
  require(n);
  const auto value = element(n);
  const auto money = parse_amount(value);
  if (!money)
    fail(n, value, "is not an amount",
         "an amount in dollars: an optional minus, at most 18 digits and at most two decimals (12.30)");
  return *money;
}

std::optional<Money> Segment::optional_amount(std::size_t n) const {
  if (!has(n)) return std::nullopt;
  return amount(n);
}

std::int64_t Segment::count(std::size_t n, std::int64_t min, std::int64_t max) const {
  require(n);
  const auto value = element(n);
  auto allowed = [&] { return "a whole number " + std::to_string(min) + ".." + std::to_string(max); };
  if (!all_digits(value) || value.size() > 15) fail(n, value, "is not a whole number", allowed());
  std::int64_t result = 0;
  for (char c : value) result = result * 10 + (c - '0');
  if (result < min || result > max) fail(n, value, "is out of range", allowed());
  return result;
}

Rate Segment::fraction(std::size_t n) const {
  require(n);
  const auto value = element(n);
  const char* allowed = "a decimal fraction from 0 to 1 (0.2 is 20%), at most 10 digits";
  const auto dot = value.find('.');
  std::string_view whole = value.substr(0, dot);
  std::string_view decimals = dot == std::string_view::npos ? std::string_view{} : value.substr(dot + 1);
  const bool digits_only = std::all_of(whole.begin(), whole.end(), is_digit) &&
                           std::all_of(decimals.begin(), decimals.end(), is_digit);
  if (!digits_only || (whole.empty() && decimals.empty()) || (dot != std::string_view::npos && decimals.empty()) ||
      whole.size() + decimals.size() > 10)
    fail(n, value, "is not a decimal fraction", allowed);
  std::int64_t numerator = 0;
  std::int64_t denominator = 1;
  for (char c : whole) numerator = numerator * 10 + (c - '0');
  for (char c : decimals) {
    numerator = numerator * 10 + (c - '0');
    denominator *= 10;
  }
  if (numerator > denominator) fail(n, value, "is more than 1 (100%)", allowed);
  return Rate::fraction(numerator, denominator, field(n));
}

Date Segment::date(std::size_t n, bool identifying) const {
  require(n);
  const auto value = element(n);
  const auto shown = identifying ? std::string_view{} : value;
  if (value.size() != 8 || !all_digits(value)) fail(n, shown, "is not a date", "a date CCYYMMDD, e.g. 20260302");
  auto number = [&](std::size_t at, std::size_t len) {
    int out = 0;
    for (std::size_t i = at; i < at + len; ++i) out = out * 10 + (value[i] - '0');
    return out;
  };
  const int year = number(0, 4);
  const int month = number(4, 2);
  const int day = number(6, 2);
  if (year < first_year || year > last_year)
    fail(n, shown, "is outside the years iop reads", "1900-01-01..2100-12-31");
  // The Gregorian calendar's month lengths, checked here so that a valid date costs no exception or message.
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1] + (month == 2 && leap ? 1 : 0))
    fail(n, shown, "is not a date that exists", "a real calendar date CCYYMMDD");
  return Date(static_cast<unsigned short>(year), static_cast<unsigned short>(month), static_cast<unsigned short>(day));
}

std::pair<Date, Date> Segment::date_range(std::size_t n) const {
  require(n);
  const auto value = element(n);
  if (value.size() == 8) {
    const auto d = date(n);
    return {d, d};
  }
  if (value.size() != 17 || value[8] != '-') fail(n, value, "is not a date range", "CCYYMMDD-CCYYMMDD");
  // Read each half through a copy of this segment whose element n is that half.
  Segment half = *this;
  half.elements_[n] = value.substr(0, 8);
  const auto first = half.date(n);
  half.elements_[n] = value.substr(9);
  const auto last = half.date(n);
  if (last < first) fail(n, value, "ends before it starts", "CCYYMMDD-CCYYMMDD with the first date not after the last");
  return {first, last};
}

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
  // Keep what is not consumed yet, then append a chunk.
  std::string rest(pending_);
  buffer_.swap(rest);
  const auto kept = buffer_.size();
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

bool InterchangeReader::read_raw(std::string_view& raw) {
  const bool line_terminated = delimiters_.segment == '\n' || delimiters_.segment == '\r';
  for (;;) {
    // A line break after a terminator (files written one segment a line) belongs to no segment.
    while (!line_terminated && !pending_.empty() && (pending_.front() == '\n' || pending_.front() == '\r')) {
      pending_.remove_prefix(1);
      ++consumed_;
    }
    const void* found = pending_.empty() ? nullptr : std::memchr(pending_.data(), delimiters_.segment, pending_.size());
    if (found != nullptr) {
      const auto length = static_cast<std::size_t>(static_cast<const char*>(found) - pending_.data());
      if (length + 1 > limits_.max_segment_bytes)
        fail_here("", 0, "", "is " + std::to_string(length + 1) + " bytes long",
                  "at most " + std::to_string(limits_.max_segment_bytes) + " bytes a segment");
      raw = pending_.substr(0, length);
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
  auto add = [&](std::string_view element) {
    const std::string_view id = segment.count_ == 0 ? std::string_view{} : segment.elements_[0];
    if (segment.count_ > limits_.max_elements)
      fail_here(id, 0, "", "has more than " + std::to_string(limits_.max_elements) + " elements",
                "at most " + std::to_string(limits_.max_elements));
    if (element.size() > limits_.max_element_bytes)
      fail_here(id, segment.count_, "", "is " + std::to_string(element.size()) + " characters long",
                "at most " + std::to_string(limits_.max_element_bytes) + " (the longest element of the 5010 guides)");
    segment.elements_[segment.count_++] = element;
  };
  // One pass: elements are short, so a plain loop beats a memchr call per element; any control
  // character or byte outside ASCII is noted on the way and reported below with its element.
  const unsigned char separator = static_cast<unsigned char>(delimiters_.element);
  unsigned bad = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const auto c = static_cast<unsigned char>(raw[i]);
    bad |= static_cast<unsigned>(c < 0x20) | static_cast<unsigned>(c >= 0x7F);
    if (c == separator) {
      add(raw.substr(start, i - start));
      start = i + 1;
    }
  }
  add(raw.substr(start));
  if (bad != 0)
    for (std::size_t e = 0; e < segment.count_; ++e)
      for (const char ch : segment.elements_[e]) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 || c >= 0x7F)
          fail_here(e == 0 ? std::string_view{} : segment.elements_[0], e, "",
                    "holds a control character or a byte outside ASCII",
                    "X12's basic and extended character sets (printable ASCII)");
      }
  const auto id = segment.elements_[0];
  if (id.size() < 2 || id.size() > 3 || !std::all_of(id.begin(), id.end(), is_upper_alnum))
    fail_here("", 0, "", "does not start with a segment ID", "2 or 3 capital letters or digits, e.g. CLP");
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
    if (!read_raw(raw)) {
      const char* where = state_ == State::transaction ? "inside a transaction set (no SE)"
                          : state_ == State::group     ? "inside a functional group (no GE)"
                                                       : "before IEA";
      fail_here("", 0, "", std::string("is missing: the interchange is cut short ") + where,
                "ST ... SE inside GS ... GE inside ISA ... IEA");
    }
    auto& s = segment_;
    split(raw, s);
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
