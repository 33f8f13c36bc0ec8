// A course's Good Faith Estimates assembled from its calendar and fee schedule (45 CFR 149.610(c)): the
// convening provider's and co-providers' items, the primary service's recurrence, a new estimate every 12 months.
#include "iop/billing/good_faith_estimate.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "iop/clinical/icd_code.hpp"
#include "iop/core/error.hpp"
#include "iop/core/limits.hpp"
#include "billing/good_faith_estimate_parts.hpp"

namespace iop {

using namespace gfe_detail;

namespace {

// The convening provider as the calendar delivers the course: build_calendar writes the place of a
// telehealth course as "Telehealth (live video); patient located in <state>". A request may repeat
// the patient's state; one that says otherwise is refused.
GfeProvider convening_provider(const GfeRequest& request, const SessionCalendar& calendar) {
  const std::string telehealth_prefix = "Telehealth (live video); patient located in ";
  std::optional<std::string> calendar_state;
  if (calendar.location.rfind(telehealth_prefix, 0) == 0) calendar_state = calendar.location.substr(telehealth_prefix.size());
  const auto& stated = request.provider.telehealth_patient_state;
  if (stated && stated != calendar_state)
    throw ValidationError("provider.telehealth_patient_state", iop::quoted(*stated),
                          "does not match the calendar's place of service " + iop::quoted(calendar.location),
                          calendar_state ? "the patient's state " + *calendar_state + " (the course is delivered by telehealth), or none"
                                         : "none (the course is delivered in person)");
  GfeProvider convening = request.provider;
  convening.convening = true;
  convening.telehealth_patient_state = calendar_state;
  return convening;
}

// One estimate's 12 months and the charges in them.
struct Window {
  Date start;
  Date end;
  std::size_t first_charge;
  std::size_t end_charge;
};

// Parts of at most 12 months from the first session (45 CFR 149.610: recurring services within 12
// months). Each part starts on the first charge after the previous one's window.
std::vector<Window> course_windows(const std::vector<ChargeLine>& charges) {
  std::vector<Window> windows;
  for (std::size_t next = 0; next < charges.size();) {
    Window w{charges[next].date, one_year_after(charges[next].date) - boost::gregorian::days(1), next, next};
    while (w.end_charge < charges.size() && charges[w.end_charge].date <= w.end) ++w.end_charge;
    next = w.end_charge;
    windows.push_back(w);
  }
  return windows;
}

std::string windows_text(const std::vector<Window>& windows) {
  std::vector<std::string> spans;
  for (const auto& w : windows) spans.push_back(to_iso_string(w.start) + ".." + to_iso_string(w.end));
  return join(spans, ", ");
}

// The co-providers' items, by part: dated units go to the part whose 12 months hold them.
std::vector<std::vector<GfeItem>> co_provider_items(const GfeRequest& request, const std::vector<Window>& windows) {
  auto window_of = [&](Date d) -> std::optional<std::size_t> {
    for (std::size_t k = 0; k < windows.size(); ++k)
      if (d >= windows[k].start && d <= windows[k].end) return k;
    return std::nullopt;
  };
  std::vector<std::vector<GfeItem>> co_items(windows.size());
  for (std::size_t c = 0; c < request.co_providers.size(); ++c) {
    const auto& co = request.co_providers[c];
    for (std::size_t i = 0; i < co.items.size(); ++i) {
      const auto& item = co.items[i];
      const std::string field = "co_providers[" + std::to_string(c) + "].items[" + std::to_string(i) + "]";
      if (item.dates.empty()) {
        if (windows.size() > 1)
          throw ValidationError(field + ".dates", "none", "are missing: the course needs " + std::to_string(windows.size()) +
                                                              " estimates of up to 12 months (" + windows_text(windows) + ")",
                                "the dates of service, one per unit, so each unit goes on its estimate");
        co_items[0].push_back(item);
        continue;
      }
      std::map<std::size_t, GfeItem> by_part;
      for (std::size_t k = 0; k < item.dates.size(); ++k) {
        const auto part = window_of(item.dates[k]);
        if (!part)
          throw ValidationError(field + ".dates[" + std::to_string(k) + "]", to_iso_string(item.dates[k]),
                                "is outside the course's estimates", windows_text(windows));
        auto& piece = by_part[*part];
        if (piece.quantity == 0) {
          piece = item;
          piece.quantity = 0;
          piece.dates.clear();
        }
        ++piece.quantity;
        piece.dates.push_back(item.dates[k]);
      }
      for (auto& [part, piece] : by_part) {
        piece.expected_charge = piece.unit_charge * piece.quantity;
        co_items[part].push_back(std::move(piece));
      }
    }
  }
  return co_items;
}

// The scope states the full-intensity pattern: the most program days any week has (a week shortened
// by a holiday or tapering says less), and the program day's length: "4 days a week, 3 hours a day".
std::string full_intensity(const SessionCalendar& calendar) {
  int weekly_days = 0;
  int day_minutes = 0;
  std::map<int, int> per_week;
  for (const auto& s : calendar.sessions)
    if (s.kind == SessionKind::program_day) {
      weekly_days = std::max(weekly_days, ++per_week[s.week]);
      day_minutes = s.minutes();
    }
  // Appended piece by piece: GCC 12 at -O3 warns (-Wrestrict, a false positive) on " " + std::string.
  std::string text = std::to_string(weekly_days);
  text.append(" days a week, ").append(std::to_string(day_minutes / 60)).append(" hours");
  if (day_minutes % 60 != 0) text.append(" ").append(std::to_string(day_minutes % 60)).append(" minutes");
  return text.append(" a day");
}

// The convening provider's items of one part: one line per code and unit charge (a code priced
// differently on some days gets two lines). Counts the part's program days, first and last dates.
std::vector<GfeItem> convening_items(const GfeRequest& request, const std::vector<ChargeLine>& charges, const Window& w,
                                     int& program_days, Date& last) {
  std::map<std::pair<std::string, std::int64_t>, GfeItem> items;
  for (std::size_t n = w.first_charge; n < w.end_charge; ++n) {
    const auto& c = charges[n];
    const Money unit = c.units ? Money::from_cents(c.charge.cents() / c.units) : c.charge;
    auto& item = items[{c.code, unit.cents()}];
    if (item.service_code.empty()) {
      item.provider_npi = request.provider.npi;
      item.service_code = c.code;
      item.code_type = gfe_code_type_of(c.code);
      item.diagnosis_codes = request.diagnosis_codes;
      item.unit_charge = unit;
      item.description = service_name(c);
      // A $0.00 line says why it costs nothing.
      if (c.charge.is_zero())
        item.charge_note = c.kind != SessionKind::program_day ? "included in the program day's per diem: no separate charge"
                                                               : "no charge: " + c.rule;
    }
    item.quantity += c.units;
    item.expected_charge += c.charge;
    if (c.kind == SessionKind::program_day) ++program_days;
    last = c.date;
  }
  std::vector<GfeItem> out;
  for (auto& [key, item] : items) out.push_back(std::move(item));
  return out;
}

}  // namespace

std::vector<GoodFaithEstimate> make_good_faith_estimates(const GfeRequest& request, const SessionCalendar& calendar,
                                                         const FeeSchedule& fees, const HolidayCalendar& business_days) {
  if (calendar.sessions.empty()) missing("items", "at least one scheduled session");
  const GfeProvider convening = convening_provider(request, calendar);
  const bool substance_use = !request.diagnosis_codes.empty() &&
                             is_substance_use(IcdCode::parse(request.diagnosis_codes.front(), "gfe.diagnosis_codes[0]"));
  const auto charges = charges_for(calendar, fees, ChargeBasis::scheduled, substance_use);
  if (charges.empty()) missing("items", "at least one scheduled session");
  const auto windows = course_windows(charges);
  auto co_items = co_provider_items(request, windows);
  const std::string frequency = full_intensity(calendar);
  std::vector<GoodFaithEstimate> out;
  for (std::size_t part = 0; part < windows.size(); ++part) {
    const auto& w = windows[part];
    GoodFaithEstimate g;
    g.patient_name = request.patient_name;
    g.patient_birth_date = request.patient_birth_date;
    g.providers = {convening};
    for (const auto& co : request.co_providers) {
      g.providers.push_back(co.provider);
      g.providers.back().convening = false;
    }
    g.separately_scheduled = request.separately_scheduled;
    g.disclaimers = GfeDisclaimers::standard();
    g.issued_on = request.issued_on;
    int program_days = 0;
    const Date first = charges[w.first_charge].date;
    Date last = first;
    g.items = convening_items(request, charges, w, program_days, last);
    for (auto& item : co_items[part]) g.items.push_back(std::move(item));
    for (const auto& item : g.items) g.total += item.expected_charge;
    g.recurrence = {frequency, program_days, first, last};
    g.primary_service = "Intensive outpatient program: " + calendar.program_name + ", " + g.recurrence.frequency + ", " +
                        to_iso_string(first) + " to " + to_iso_string(last);
    const auto [deadline, rule] =
        good_faith_estimate_deadline(request.scheduled_on, first, request.on_request, business_days, request.business_days);
    g.issue_by = deadline;
    g.deadline_rule = rule;
    g.business_days = request.business_days;
    g.scheduled_on = request.scheduled_on;
    g.on_request = request.on_request;
    if (deadline && g.issued_on > *deadline)
      g.warnings.push_back("issued " + to_iso_string(g.issued_on) + ", after its deadline " + to_iso_string(*deadline) + " (" +
                           rule + "): give it to the patient now; the deadline has passed");
    g.part = static_cast<int>(part) + 1;
    g.parts = static_cast<int>(windows.size());
    out.push_back(std::move(g));
  }
  for (const auto& g : out) validate_good_faith_estimate(g);
  return out;
}

}  // namespace iop
