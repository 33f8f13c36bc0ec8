#include "iop/io/x12/writer.hpp"

#include <vector>

#include "iop/core/error.hpp"

namespace iop::x12 {
namespace {

std::string padded(std::string_view text, std::size_t width) {
  std::string out(text);
  out.resize(width, ' ');
  return out;
}

std::string zero_padded(std::int64_t n, std::size_t width) {
  std::string digits = std::to_string(n);
  return std::string(width > digits.size() ? width - digits.size() : 0, '0') + digits;
}

void check_header_text(std::string_view text, std::size_t max, const char* member) {
  if (text.empty() || text.size() > max)
    throw ValidationError(std::string("envelope.") + member, iop::quoted(text), "does not fit its envelope element",
                          "1.." + std::to_string(max) + " characters");
}

}  // namespace

std::string amount_text(Money amount) {
  auto text = amount.to_plain_string();  // "1234.50"
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  if (text == "-0") text = "0";
  return text;
}

std::string date_text(Date date) {
  const auto ymd = date.year_month_day();
  return zero_padded(ymd.year, 4) + zero_padded(ymd.month, 2) + zero_padded(ymd.day, 2);
}

X12Writer::X12Writer(EnvelopeHeader header) : header_(std::move(header)) {
  check_header_text(header_.sender, 15, "sender");
  check_header_text(header_.receiver, 15, "receiver");
  check_header_text(header_.functional_id, 2, "functional_id");
  check_header_text(header_.version, 12, "version");
  if (header_.control < 1 || header_.control > 999999999)
    throw ValidationError("envelope.control", std::to_string(header_.control), "is not a control number",
                          "1..999999999");
  if (header_.time.size() != 4) throw ValidationError("envelope.time", iop::quoted(header_.time), "is not HHMM", "HHMM");
  const auto yymmdd = date_text(header_.date).substr(2);
  const auto control = zero_padded(header_.control, 9);
  // ISA: fixed widths (5010 ISA table); no authorization or security information.
  const std::vector<std::string> isa{"ISA", "00", padded("", 10), "00", padded("", 10), "ZZ",
                                     padded(header_.sender, 15), "ZZ", padded(header_.receiver, 15), yymmdd,
                                     header_.time, "^", "00501", control, "0", header_.production ? "P" : "T", ":"};
  for (std::size_t i = 0; i < isa.size(); ++i) text_.append(i == 0 ? "" : "*").append(isa[i]);
  text_.append("~\n");
  segment({"GS", header_.functional_id, header_.sender, header_.receiver, date_text(header_.date), header_.time,
           std::to_string(header_.control), "X", header_.version},
          "envelope");
}

namespace {
// Stands for the component separator inside a composite until it is written: no value can hold it
// (a control character is refused), so a value can never become a composite by accident.
constexpr char kComponentMark = '\x1F';

void check_value(std::string_view value, std::string_view field) {
  for (char c : value) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '*' || c == '^' || c == ':' || c == '~' || u < 0x20 || u >= 0x7F)
      throw ValidationError(std::string(field), "", "holds a separator (* ^ : ~) or a character X12 cannot carry",
                            "printable ASCII without * ^ : ~");
  }
}
}  // namespace

std::string X12Writer::composite(std::initializer_list<std::string_view> components, std::string_view field) {
  std::string out;
  bool first = true;
  for (auto c : components) {
    check_value(c, field);
    if (!first) out += kComponentMark;
    out.append(c);
    first = false;
  }
  while (!out.empty() && out.back() == kComponentMark) out.pop_back();  // no trailing empty components
  return out;
}

void X12Writer::put(const std::string_view* begin, const std::string_view* end, std::string_view field) {
  while (end > begin + 1 && (end - 1)->empty()) --end;  // X12: no trailing empty elements
  for (auto* e = begin; e != end; ++e) {
    if (e != begin) text_ += '*';
    if (e->find(kComponentMark) == std::string_view::npos) {
      check_value(*e, field);
      text_.append(*e);
      continue;
    }
    // A composite: each component is checked again, so no value smuggles the mark in.
    std::string_view rest = *e;
    for (bool more = true; more;) {
      const auto at = rest.find(kComponentMark);
      more = at != std::string_view::npos;
      check_value(rest.substr(0, at), field);
      text_.append(rest.substr(0, at));
      if (more) {
        text_ += ':';
        rest.remove_prefix(at + 1);
      }
    }
  }
  text_.append("~\n");
}

void X12Writer::segment(std::initializer_list<std::string_view> elements, std::string_view field) {
  put(elements.begin(), elements.end(), field);
  ++segments_;
}

void X12Writer::segment(const std::vector<std::string>& elements, std::string_view field) {
  std::vector<std::string_view> views(elements.begin(), elements.end());
  put(views.data(), views.data() + views.size(), field);
  ++segments_;
}

void X12Writer::begin_transaction(std::string_view id, std::string_view control) {
  transaction_control_ = std::string(control);
  segments_ = 0;
  segment({"ST", id, control, header_.version}, "envelope");
}

void X12Writer::end_transaction() {
  ++segments_;  // SE counts itself
  const auto count = std::to_string(segments_);
  const std::string_view se[] = {"SE", count, transaction_control_};
  put(std::begin(se), std::end(se), "envelope");
  ++transactions_;
}

std::string X12Writer::finish() {
  const auto control = std::to_string(header_.control);
  const auto sets = std::to_string(transactions_);
  const std::string_view ge[] = {"GE", sets, control};
  put(std::begin(ge), std::end(ge), "envelope");
  const auto isa13 = zero_padded(header_.control, 9);
  const std::string_view iea[] = {"IEA", "1", isa13};
  put(std::begin(iea), std::end(iea), "envelope");
  return std::move(text_);
}

}  // namespace iop::x12
