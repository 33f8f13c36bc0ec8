// Python bindings of the calendar area: holiday calendars, session calendars
// with their exports, and the batch kernel (numpy in, numpy out, GIL released).

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>
#include <vector>

#include "casters.hpp"
#include "iop/calendar/batch.hpp"
#include "iop/calendar/holiday_calendar.hpp"
#include "iop/calendar/session_calendar.hpp"
#include "iop/io/calendar_export.hpp"
#include "json_bridge.hpp"
#include "register.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace iop::python {
namespace {

Date date_arg(py::handle value, const char* field) {
  Date out;
  if (!load_date(value, true, out, field))
    throw py::type_error(std::string(field) + ": expected a datetime.date, numpy.datetime64[D] or 'YYYY-MM-DD'");
  return out;
}

py::dict holiday_dict(const Holiday& h) {
  return py::dict("name"_a = h.name, "actual"_a = date_to_python(h.actual), "observed"_a = date_to_python(h.observed),
                  "kind"_a = std::string(to_string(h.kind)), "rule"_a = h.rule, "description"_a = h.describe());
}

ObservancePolicy observance_arg(const std::string& saturday, const std::string& sunday) {
  return {parse_weekend_shift(saturday, "observance.saturday"), parse_weekend_shift(sunday, "observance.sunday")};
}

template <class T>
py::array_t<T> to_numpy(std::vector<T>&& values) {
  auto* heap = new std::vector<T>(std::move(values));
  py::capsule owner(heap, [](void* p) { delete static_cast<std::vector<T>*>(p); });
  return py::array_t<T>({static_cast<py::ssize_t>(heap->size())}, {static_cast<py::ssize_t>(sizeof(T))}, heap->data(),
                        owner);
}

}  // namespace

void register_calendar(py::module_& m) {
  py::class_<HolidayCalendar>(m, "HolidayCalendar", R"doc(An immutable calendar of open days, holidays and closures.

Adding a closure or a holiday returns a new calendar. The US federal holidays
follow 5 U.S.C. 6103 by rule for 1971-2100; observance moves a Saturday holiday
to the Friday before and a Sunday holiday to the Monday after, unless another
policy is given.

>>> cal = HolidayCalendar.us_federal().with_closure(date(2026, 12, 24), 'Christmas Eve')
>>> cal.is_open(date(2026, 7, 3))
False)doc")
      .def_static("us_federal",
                  [](const std::string& saturday, const std::string& sunday) {
                    return HolidayCalendar::us_federal(observance_arg(saturday, sunday));
                  },
                  "saturday"_a = "previous_friday", "sunday"_a = "next_monday",
                  "The federal holidays; `saturday`/`sunday` are 'previous_friday', 'next_monday' or 'none'.")
      .def_static("weekdays_only", &HolidayCalendar::weekdays_only, "name"_a = "weekdays",
                  "Monday to Friday with no holidays (a base for a clinic's own calendar).")
      .def_static("private_clinic",
                  [](const std::string& saturday, const std::string& sunday) {
                    return HolidayCalendar::private_clinic(observance_arg(saturday, sunday));
                  },
                  "saturday"_a = "previous_friday", "sunday"_a = "next_monday",
                  "A common private-clinic set: New Year's Day, Memorial Day, Independence Day, Labor Day, "
                  "Thanksgiving and the day after, Christmas Day.")
      .def_static("preset",
                  [](const std::string& name) { return HolidayCalendar::preset(parse_holiday_preset(name, "preset")); },
                  "name"_a, "The calendar of a preset: 'us_federal', 'private_clinic' or 'weekdays'.")
      .def("without", [](const HolidayCalendar& c, const std::string& rule) { return c.without(rule, "rule"); }, "rule"_a,
           "A new calendar without the rule holiday `rule` (e.g. 'columbus_day') in any year.")
      .def_static("from_dict", [](py::handle d) { return holiday_calendar_from_json(json_from_python(d, "holidays")); },
                  "document"_a, "A calendar from its JSON form (base, observance, except, open_weekdays, holidays, closures).")
      .def_property_readonly("name", &HolidayCalendar::name, "The calendar's name.")
      .def("with_closure", [](const HolidayCalendar& c, py::handle day, std::string reason) {
             return c.with_closure(date_arg(day, "date"), std::move(reason));
           }, "date"_a, "reason"_a, "A new calendar also closed on `date`.")
      .def("with_closures", [](const HolidayCalendar& c, py::handle first, py::handle last, std::string reason) {
             return c.with_closures(date_arg(first, "first"), date_arg(last, "last"), std::move(reason));
           }, "first"_a, "last"_a, "reason"_a, "A new calendar also closed from `first` to `last` inclusive.")
      .def("with_holiday", [](const HolidayCalendar& c, py::handle day, std::string name) {
             return c.with_holiday(date_arg(day, "date"), std::move(name));
           }, "date"_a, "name"_a, "A new calendar with an extra holiday (federal observance).")
      .def("with_open_weekdays", [](const HolidayCalendar& c, const std::vector<std::string>& names) {
             std::vector<boost::date_time::weekdays> open;
             for (std::size_t i = 0; i < names.size(); ++i)
               open.push_back(parse_weekday(names[i], "open_weekdays[" + std::to_string(i) + "]"));
             return c.with_open_weekdays(open);
           }, "weekdays"_a, "A new calendar open on these weekdays ('monday' .. 'sunday').")
      .def("join", [](const HolidayCalendar& a, const HolidayCalendar& b) { return join(a, b); }, "other"_a,
           "A calendar closed wherever either is closed.")
      .def("__or__", [](const HolidayCalendar& a, const HolidayCalendar& b) { return join(a, b); })
      .def("is_open", [](const HolidayCalendar& c, py::handle day) { return c.is_open(date_arg(day, "date")); }, "date"_a,
           "Whether the program meets on `date`.")
      .def("next_open_day", [](const HolidayCalendar& c, py::handle day) { return c.next_open_day(date_arg(day, "date")); },
           "date"_a, "The first open day after `date`.")
      .def("adjust", [](const HolidayCalendar& c, py::handle day) { return c.adjust(date_arg(day, "date")); }, "date"_a,
           "`date` if open, else the next open day.")
      .def("closures_on",
           [](const HolidayCalendar& c, py::handle day) {
             py::list out;
             for (const auto& h : c.closures_on(date_arg(day, "date"))) out.append(holiday_dict(h));
             return out;
           },
           "date"_a, "The holidays and closures that close `date`, as dicts.")
      .def("holidays_between",
           [](const HolidayCalendar& c, py::handle first, py::handle last) {
             py::list out;
             for (const auto& h : c.holidays_between(date_arg(first, "first"), date_arg(last, "last")))
               out.append(holiday_dict(h));
             return out;
           },
           "first"_a, "last"_a, "Holidays and closures observed from `first` to `last`, as dicts in date order.")
      .def("__repr__", [](const HolidayCalendar& c) { return "HolidayCalendar('" + c.name() + "')"; });

  py::class_<SessionCalendar>(m, "SessionCalendar", R"doc(Every session of a plan, derived from plan, program, holidays and events.

Build it with build_calendar(); export with to_ics(), to_fhir(), to_csv(),
to_dict() or to_pandas().)doc")
      .def_readonly("plan_id", &SessionCalendar::plan_id, "The plan.")
      .def_readonly("start_date", &SessionCalendar::start_date, "First planned day.")
      .def_readonly("planned_end", &SessionCalendar::planned_end, "Last day of the last week.")
      .def_readonly("weeks", &SessionCalendar::weeks, "Program weeks covered.")
      .def_property_readonly("holiday_policy", [](const SessionCalendar& c) { return std::string(to_string(c.holiday_policy)); },
                             "How closed pattern days were handled.")
      .def_property_readonly("sessions", [](const SessionCalendar& c) { return json_to_python(to_json(c)["sessions"]); },
                             "The sessions as dicts (uid, kind, date, start, end, blocks, status, ...).")
      .def_property_readonly("gaps", [](const SessionCalendar& c) { return json_to_python(to_json(c)["gaps"]); },
                             "Closed pattern days with their causes and resolution.")
      .def("weekly_hours", [](const SessionCalendar& c) { return json_to_python(to_json(c)["weekly_hours"]); },
           "Each week's scheduled and attended minutes, bounds check and causes.")
      .def("totals", [](const SessionCalendar& c) { return json_to_python(to_json(c)["totals"]); },
           "Sessions, minutes, billable days and services-per-day bands.")
      .def("to_dict", [](const SessionCalendar& c) { return json_to_python(to_json(c)); }, "The JSON form.")
      .def("to_ics",
           [](const SessionCalendar& c, py::handle stamp) {
             std::optional<DateTime> when;
             if (!stamp.is_none()) {
               ensure_datetime_api();
               if (!PyDateTime_Check(stamp.ptr()) || stamp.attr("utcoffset")().is_none())
                 throw py::type_error("stamp: expected an aware datetime.datetime");
               py::object utc = stamp.attr("astimezone")(py::module_::import("datetime").attr("timezone").attr("utc"));
               PyObject* o = utc.ptr();
               when = DateTime(make_date(PyDateTime_GET_YEAR(o), PyDateTime_GET_MONTH(o), PyDateTime_GET_DAY(o)),
                               boost::posix_time::time_duration(PyDateTime_DATE_GET_HOUR(o), PyDateTime_DATE_GET_MINUTE(o),
                                                                PyDateTime_DATE_GET_SECOND(o)));
             }
             return to_icalendar(c, when);
           },
           "stamp"_a = py::none(), "The iCalendar (RFC 5545) text; DTSTAMP is `stamp` or the start date at 00:00Z.")
      .def("to_fhir", [](const SessionCalendar& c) { return json_to_python(calendar_to_fhir(c)); },
           "The FHIR R4 Bundle of Schedules, Slots and Appointments.")
      .def("to_csv", &to_csv, "The CSV text, one row per session.")
      .def("__len__", [](const SessionCalendar& c) { return c.sessions.size(); })
      .def("__repr__", [](const SessionCalendar& c) {
        return "SessionCalendar('" + c.plan_id + "', " + std::to_string(c.sessions.size()) + " sessions, " +
               to_iso_string(c.start_date) + ".." + to_iso_string(c.planned_end) + ")";
      });

  m.def(
      "build_calendar",
      [](const TreatmentPlan& plan, std::optional<ProgramTemplate> program, std::optional<HolidayCalendar> holidays,
         const std::string& policy, py::object events) {
        const auto& prog = program ? *program : find_program(plan.program_id, "plan.program");
        const auto cal = holidays ? *holidays : HolidayCalendar::preset(prog.holiday_preset());
        const auto recorded = events.is_none() ? std::vector<CalendarEvent>{} : events_from_json(json_from_python(events, "events"));
        return build_calendar(plan, prog, cal, parse_holiday_policy(policy, "holiday_policy"), recorded);
      },
      "plan"_a, "program"_a = py::none(), "holidays"_a = py::none(), "holiday_policy"_a = "skip", "events"_a = py::none(),
      R"doc(Derives the session calendar of `plan`.

`program` defaults to the catalog's, `holidays` to the program's holiday preset
(the private-clinic set when the program states none);
`holiday_policy` is 'skip', 'make_up_same_week' or 'extend'; `events` is a list
of event dicts (attendance, reschedule, change_track, change_weekdays,
discharge, extend) in the JSON form.)doc");

  m.def(
      "_build_calendars_batch",
      [](py::array_t<std::int32_t, py::array::c_style | py::array::forcecast> starts,
         py::array_t<std::int32_t, py::array::c_style | py::array::forcecast> weeks,
         py::array_t<std::int32_t, py::array::c_style | py::array::forcecast> days,
         py::array_t<std::int32_t, py::array::c_style | py::array::forcecast> tracks,
         py::array_t<std::int32_t, py::array::c_style | py::array::forcecast> program_index,
         const std::vector<ProgramTemplate>& programs, const HolidayCalendar& holidays, const std::string& policy) {
        const auto span = [](const py::array_t<std::int32_t, py::array::c_style | py::array::forcecast>& a) {
          return std::span<const std::int32_t>(a.data(), static_cast<std::size_t>(a.size()));
        };
        std::vector<const ProgramTemplate*> pointers;
        for (const auto& p : programs) pointers.push_back(&p);
        const BatchPlans plans{span(starts), span(weeks), span(days), span(tracks), span(program_index)};
        const auto hp = parse_holiday_policy(policy, "holiday_policy");
        BatchSessions rows;
        {
          py::gil_scoped_release release;
          rows = build_calendars_batch(plans, pointers, holidays, hp);
        }
        return py::make_tuple(to_numpy(std::move(rows.plan)), to_numpy(std::move(rows.date)),
                              to_numpy(std::move(rows.local_start)), to_numpy(std::move(rows.minutes)),
                              to_numpy(std::move(rows.kind)));
      },
      "starts"_a, "weeks"_a, "days_per_week"_a, "tracks"_a, "program_index"_a, "programs"_a, "holidays"_a,
      "holiday_policy"_a, "The batch kernel on int32 arrays; use iop.build_calendars instead.");
}

}  // namespace iop::python
