// The Good Faith Estimate as the patient reads it: one printable HTML document (letter paper) of a course's
// estimates, the office's notes on screen only.
#include "iop/io/good_faith_estimate_html.hpp"

#include <string>
#include <vector>

#include "iop/core/error.hpp"
#include "billing/good_faith_estimate_parts.hpp"

namespace iop {

using namespace gfe_detail;

namespace {

std::string html_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}


constexpr std::string_view kStyle =
    "@page{size:letter;margin:0.5in}"
    "body{font-family:sans-serif;font-size:11pt;max-width:48rem;margin:2rem auto;line-height:1.35;color:#111}"
    "h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.15em;margin:1em 0 .3em}"
    "table{border-collapse:collapse;width:100%;table-layout:fixed;margin:.3em 0;font-size:10pt}"
    "th,td{border:1px solid #999;padding:.2rem .3rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}"
    ".money{text-align:right}td.money{white-space:nowrap}tfoot td{font-weight:bold}"
    "tr{break-inside:avoid}"
    ".page-break{break-before:page;page-break-before:always}"
    ".office{border:2px dashed #a60;background:#fff8ec;padding:.3rem .8rem;margin-bottom:1.5rem}"
    "@media print{body{margin:0;max-width:none}.office{display:none}}";

std::string money_cell(const Money& m) { return "<td class=\"money\">" + m.to_string() + "</td>"; }

std::string diagnosis_text(const std::string& code, const std::vector<GfeDiagnosis>& known) {
  for (const auto& d : known)
    if (d.code == code && d.description) return html_escape(code) + " (" + html_escape(*d.description) + ")";
  return html_escape(code);
}

std::string places_of(const GfeProvider& p) {
  if (p.telehealth_patient_state) return html_escape(telehealth_place(*p.telehealth_patient_state));
  std::vector<std::string> places;
  for (const auto& l : p.locations) places.push_back(html_escape(l.address) + ", " + html_escape(l.state));
  return join(places, "; ");
}

// The heading and the facts of one estimate: the patient, diagnoses, dates, the primary service.
void estimate_facts(std::string& h, const GoodFaithEstimate& g, const std::vector<GfeDiagnosis>& diagnoses, bool page_break) {
  h += "<section class=\"part" + std::string(page_break ? " page-break" : "") + "\" id=\"part-" + std::to_string(g.part) +
       "\" data-total=\"" + g.total.to_string() + "\">\n";
  h += "<h1>Good Faith Estimate</h1>\n";
  if (g.parts > 1)
    h += "<p><strong>Estimate " + std::to_string(g.part) + " of " + std::to_string(g.parts) + "</strong>: services from " +
         to_iso_string(g.recurrence.first_date) + " to " + to_iso_string(g.recurrence.last_date) +
         " (each estimate covers up to 12 months).</p>\n";
  h += "<table class=\"facts\">\n<colgroup><col style=\"width:30%\"><col style=\"width:70%\"></colgroup>\n";
  h += "<tr><th>Patient</th><td>" + html_escape(g.patient_name) + "</td></tr>\n";
  h += "<tr><th>Date of birth</th><td>" + to_iso_string(g.patient_birth_date) + "</td></tr>\n";
  std::vector<std::string> dx;
  for (const auto& d : diagnoses) dx.push_back(diagnosis_text(d.code, diagnoses));
  h += "<tr><th>Diagnoses (ICD-10-CM)</th><td>" + join(dx, "; ") + "</td></tr>\n";
  if (!g.scheduled_on.is_special())
    h += std::string("<tr><th>") + (g.on_request ? "Requested on" : "Scheduled on") + "</th><td>" +
         to_iso_string(g.scheduled_on) + "</td></tr>\n";
  h += "<tr><th>Issued on</th><td>" + to_iso_string(g.issued_on) + "</td></tr>\n";
  if (g.issue_by)
    h += "<tr><th>Due by</th><td>" + to_iso_string(*g.issue_by) +
         (g.issued_on > *g.issue_by ? " (issued after that date)" : "") + "</td></tr>\n";
  h += "</table>\n";
  h += "<h2>Primary service</h2>\n<p>" + html_escape(g.primary_service) + "</p>\n";
  h += std::string(g.on_request ? "<p>Requested: " : "<p>Scheduled: ") + html_escape(g.recurrence.frequency) + ", " +
       std::to_string(g.recurrence.sessions) + " sessions, " + to_iso_string(g.recurrence.first_date) + " to " +
       to_iso_string(g.recurrence.last_date) + ".</p>\n";
}

// One row a provider or facility: its expected charges and the bill that may be disputed.
void provider_summary(std::string& h, const GoodFaithEstimate& g) {
  h += "<h2>Summary by provider and facility</h2>\n<table class=\"summary\">\n"
       "<colgroup><col style=\"width:34%\"><col style=\"width:18%\"><col style=\"width:22%\"><col style=\"width:26%\"></colgroup>\n"
       "<thead><tr><th>Provider or facility</th><th>Role</th><th class=\"money\">Expected charges</th>"
       "<th class=\"money\">Bill that may be disputed</th></tr></thead>\n<tbody>\n";
  for (const auto& p : g.providers) {
    const Money subtotal = g.subtotal(p.npi);
    h += "<tr data-npi=\"" + html_escape(p.npi) + "\"><td>" + html_escape(p.name) + "</td><td>" + role_of(p) + "</td>" +
         money_cell(subtotal) + "<td class=\"money\">" + (subtotal + gfe_dispute_amount()).to_string() + " or more</td></tr>\n";
  }
  h += "</tbody>\n<tfoot><tr><td colspan=\"2\">Total expected charges</td>" + money_cell(g.total) +
       "<td></td></tr></tfoot>\n</table>\n";
  h += "<p>The right to dispute a bill is per provider or facility: a bill from one of them that is at least $400.00 "
       "more than its own expected charges above.</p>\n";
}

// One provider's or facility's section: who and where, its items, and its own dispute threshold.
void provider_section(std::string& h, const GoodFaithEstimate& g, const GfeProvider& p,
                      const std::vector<GfeDiagnosis>& diagnoses) {
  const Money subtotal = g.subtotal(p.npi);
  h += "<section class=\"provider\" data-npi=\"" + html_escape(p.npi) + "\">\n";
  h += "<h2>" + html_escape(p.name) + " (" + role_of(p) + ")</h2>\n";
  h += "<p>NPI " + html_escape(p.npi) + " &middot; TIN " + html_escape(p.tin);
  if (!p.contact.phone.empty()) h += " &middot; Phone " + html_escape(p.contact.phone);
  if (!p.contact.email.empty()) h += " &middot; Email " + html_escape(p.contact.email);
  h += "</p>\n<p>Where services are furnished: " + places_of(p) + "</p>\n";
  if (p.telehealth_patient_state && !p.locations.empty()) {
    std::vector<std::string> offices;
    for (const auto& l : p.locations) offices.push_back(html_escape(l.address) + ", " + html_escape(l.state));
    h += "<p>Office address: " + join(offices, "; ") + "</p>\n";
  }
  h += "<table class=\"items\">\n<colgroup><col style=\"width:25%\"><col style=\"width:9%\"><col style=\"width:8%\">"
       "<col style=\"width:20%\"><col style=\"width:10%\"><col style=\"width:13%\"><col style=\"width:15%\"></colgroup>\n"
       "<thead><tr><th>Service</th><th>Code type</th><th>Code</th><th>Diagnoses</th><th>Quantity</th>"
       "<th class=\"money\">Unit charge</th><th class=\"money\">Expected charge</th></tr></thead>\n<tbody>\n";
  for (const auto& i : g.items) {
    if (i.provider_npi != p.npi) continue;
    std::vector<std::string> codes;
    for (const auto& c : i.diagnosis_codes) codes.push_back(diagnosis_text(c, diagnoses));
    h += "<tr><td>" + html_escape(i.description) + " (" + html_escape(i.service_code) + ")" +
         (i.charge_note.empty() ? "" : "<br><em>" + html_escape(i.charge_note) + "</em>") + "</td><td>" +
         html_escape(i.code_type) + "</td><td>" + html_escape(i.service_code) + "</td><td>" + join(codes, "; ") +
         "</td><td>" + std::to_string(i.quantity) + "</td>" + money_cell(i.unit_charge) + money_cell(i.expected_charge) +
         "</tr>\n";
  }
  h += "</tbody>\n<tfoot><tr class=\"subtotal\"><td colspan=\"6\">Subtotal for " + html_escape(p.name) + "</td>" +
       money_cell(subtotal) + "</tr></tfoot>\n</table>\n";
  h += "<p>If a bill from " + html_escape(p.name) + " is " + (subtotal + gfe_dispute_amount()).to_string() +
       " or more (at least $400.00 above its expected charges of " + subtotal.to_string() + "), you may dispute it.</p>\n";
  h += "</section>\n";
}

// The patient's pages of one estimate.
void patient_pages(std::string& h, const GoodFaithEstimate& g, bool page_break) {
  const auto diagnoses = g.diagnoses();
  estimate_facts(h, g, diagnoses, page_break);
  provider_summary(h, g);
  for (const auto& p : g.providers) provider_section(h, g, p, diagnoses);
  h += "<p class=\"total\"><strong>Total expected charges: " + g.total.to_string() + "</strong></p>\n";
  h += "<h2>Services scheduled separately</h2>\n";
  if (g.separately_scheduled.empty()) {
    h += "<p>None expected.</p>\n";
  } else {
    h += "<ul>\n";
    for (const auto& s : g.separately_scheduled) h += "<li>" + html_escape(s) + "</li>\n";
    h += "</ul>\n<p>Ask the provider of each of these services for its own Good Faith Estimate.</p>\n";
  }
  h += "<h2>Disclaimers</h2>\n<ul>\n";
  for (const auto* d : {&g.disclaimers.additional_items, &g.disclaimers.estimate_only, &g.disclaimers.dispute_rights,
                        &g.disclaimers.not_a_contract})
    h += "<li>" + html_escape(*d) + "</li>\n";
  h += "</ul>\n<h2>What if I am billed more than this Good Faith Estimate?</h2>\n<p>" +
       html_escape(g.disclaimers.dispute_process) + "</p>\n</section>\n";
}


}  // namespace

std::string to_html(const GoodFaithEstimate& estimate) { return to_html(std::vector<GoodFaithEstimate>{estimate}); }

std::string to_html(const std::vector<GoodFaithEstimate>& course) {
  if (course.empty()) throw ValidationError("course", "[]", "is empty", "the estimates of a course");
  // Several estimates make one document only when they are the whole course, in order.
  if (course.size() > 1)
    for (std::size_t i = 0; i < course.size(); ++i)
      if (course[i].part != static_cast<int>(i) + 1 || course[i].parts != static_cast<int>(course.size()))
        throw ValidationError("course[" + std::to_string(i) + "].part",
                              std::to_string(course[i].part) + " of " + std::to_string(course[i].parts),
                              "is not estimate " + std::to_string(i + 1) + " of " + std::to_string(course.size()),
                              "the estimates of one course, in order (as make_good_faith_estimates returns them)");
  std::string h;
  h += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Good Faith Estimate</title>\n<style>";
  h += kStyle;
  h += "</style>\n</head>\n<body>\n";
  // The office's notes first, on screen only: the timing rules and warnings are not the patient's.
  h += "<section class=\"office\">\n<h2>For the office (shown on screen, not printed)</h2>\n<ul>\n";
  for (const auto& g : course) {
    const std::string which = course.size() > 1 ? "Estimate " + std::to_string(g.part) + ": " : "";
    for (const auto& w : g.warnings) h += "<li><strong>Warning:</strong> " + which + html_escape(w) + "</li>\n";
    h += "<li>" + which + "deadline rule: " + html_escape(g.deadline_rule) + "</li>\n";
  }
  h += "</ul>\n</section>\n";
  if (course.size() > 1) {
    Money course_total;
    for (const auto& g : course) course_total += g.total;
    h += "<section class=\"course\" data-total=\"" + course_total.to_string() + "\">\n<h1>Good Faith Estimates for " +
         html_escape(course.front().patient_name) + "</h1>\n<p>This course of care is expected to last more than 12 "
         "months, so it has " + std::to_string(course.size()) + " Good Faith Estimates, each for up to 12 months of "
         "services. Each estimate follows on its own pages.</p>\n";
    h += "<table class=\"course-total\">\n<colgroup><col style=\"width:20%\"><col style=\"width:50%\"><col style=\"width:30%\"></colgroup>\n"
         "<thead><tr><th>Estimate</th><th>Services</th><th class=\"money\">Expected charges</th></tr></thead>\n<tbody>\n";
    for (const auto& g : course)
      h += "<tr><td>" + std::to_string(g.part) + " of " + std::to_string(g.parts) + "</td><td>" +
           to_iso_string(g.recurrence.first_date) + " to " + to_iso_string(g.recurrence.last_date) + "</td>" +
           money_cell(g.total) + "</tr>\n";
    h += "</tbody>\n<tfoot><tr><td colspan=\"2\">Course total</td>" + money_cell(course_total) + "</tr></tfoot>\n</table>\n";
    h += "</section>\n";
  }
  for (const auto& g : course) patient_pages(h, g, course.size() > 1);
  h += "</body>\n</html>\n";
  return h;
}

}  // namespace iop
