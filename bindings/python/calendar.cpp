// Python bindings of the calendar area: holiday calendars, session calendars
// with their exports, and the batch kernel (numpy in, numpy out, GIL released).

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>
#include <vector>

#include "arrays.hpp"
#include "casters.hpp"
#include "iop/calendar/batch.hpp"
#include "iop/calendar/holiday_calendar.hpp"
#include "iop/calendar/session_calendar.hpp"
#include "iop/io/calendar_export.hpp"
#include "iop/io/session_columns.hpp"
#include "json_bridge.hpp"
#include "register.hpp"
#include "value.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace iop::python {
namespace {

py::dict holiday_dict(const Holiday& h) {
  return py::dict("name"_a = h.name, "actual"_a = date_to_python(h.actual), "observed"_a = date_to_python(h.observed),
                  "kind"_a = std::string(to_string(h.kind)), "rule"_a = h.rule, "description"_a = h.describe());
}

ObservancePolicy observance_arg(const std::string& saturday, const std::string& sunday) {
  return {parse_weekend_shift(saturday, "saturday"), parse_weekend_shift(sunday, "sunday")};
}

// The columns of session_columns as a dict of numpy arrays and name lists.
py::dict columns_to_python(SessionColumns&& c) {
  return py::dict("plan"_a = to_numpy(std::move(c.plan)), "date"_a = to_numpy(std::move(c.date)),
                  "week"_a = to_numpy(std::move(c.week)), "kind"_a = to_numpy(std::move(c.kind)),
                  "start"_a = to_numpy(std::move(c.start)), "end"_a = to_numpy(std::move(c.end)),
                  "local_start"_a = to_numpy(std::move(c.local_start)), "local_end"_a = to_numpy(std::move(c.local_end)),
                  "minutes"_a = to_numpy(std::move(c.minutes)), "status"_a = to_numpy(std::move(c.status)),
                  "program"_a = to_numpy(std::move(c.program)), "track"_a = to_numpy(std::move(c.track)),
                  "zone"_a = to_numpy(std::move(c.zone)), "programs"_a = to_list(c.programs),
                  "tracks"_a = to_list(c.tracks), "zones"_a = to_list(c.zones));
}

std::string session_repr(const Session& s) {
  return "Session('" + s.uid + "', " + std::string(to_string(s.kind)) + ", " + s.start.to_string() + ", " +
         std::to_string(s.minutes()) + " min, " + std::string(to_string(s.status)) + ")";
}

}  // namespace

void register_calendar(py::module_& m) {
  py::class_<HolidayCalendar> holiday_calendar_class(m, "HolidayCalendar", R"doc(An immutable calendar of open days, holidays and closures.

Adding a closure or a holiday returns a new calendar. The US federal holidays
follow 5 U.S.C. 6103 by rule for 1971-2100; observance moves a Saturday holiday
to the Friday before and a Sunday holiday to the Monday after, unless another
policy is given. to_dict() says how the calendar was made (its JSON form,
iop.schema('holiday-calendar')); two calendars made the same way are equal.

>>> cal = HolidayCalendar.us_federal().with_closure(date(2026, 12, 24), 'Christmas Eve')
>>> cal.is_open(date(2026, 7, 3))
False)doc");
  holiday_calendar_class
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
      .def_property_readonly("name", &HolidayCalendar::name, "The calendar's name.")
      .def("with_closure", [](const HolidayCalendar& c, py::handle day, std::string reason) {
             return c.with_closure(to_date(day, "date"), std::move(reason));
           }, "date"_a, "reason"_a, "A new calendar also closed on `date`.")
      .def("with_closures", [](const HolidayCalendar& c, py::handle first, py::handle last, std::string reason) {
             return c.with_closures(to_date(first, "first"), to_date(last, "last"), std::move(reason));
           }, "first"_a, "last"_a, "reason"_a, "A new calendar also closed from `first` to `last` inclusive.")
      .def("with_holiday", [](const HolidayCalendar& c, py::handle day, std::string name) {
             return c.with_holiday(to_date(day, "date"), std::move(name));
           }, "date"_a, "name"_a, "A new calendar with an extra holiday (federal observance).")
      .def("with_open_weekdays", [](const HolidayCalendar& c, const std::vector<std::string>& names) {
             std::vector<boost::date_time::weekdays> open;
             for (std::size_t i = 0; i < names.size(); ++i)
               open.push_back(parse_weekday(names[i], "weekdays[" + std::to_string(i) + "]"));
             return c.with_open_weekdays(open);
           }, "weekdays"_a, "A new calendar open on these weekdays ('monday' .. 'sunday').")
      .def("join", [](const HolidayCalendar& a, const HolidayCalendar& b) { return join(a, b); }, "other"_a,
           "A calendar closed wherever either is closed.")
      .def("__or__", [](const HolidayCalendar& a, const HolidayCalendar& b) { return join(a, b); }, py::is_operator())
      .def("is_open", [](const HolidayCalendar& c, py::handle day) { return c.is_open(to_date(day, "date")); }, "date"_a,
           "Whether the program meets on `date`.")
      .def("next_open_day", [](const HolidayCalendar& c, py::handle day) { return c.next_open_day(to_date(day, "date")); },
           "date"_a, "The first open day after `date`.")
      .def("adjust", [](const HolidayCalendar& c, py::handle day) { return c.adjust(to_date(day, "date")); }, "date"_a,
           "`date` if open, else the next open day.")
      .def("closures_on",
           [](const HolidayCalendar& c, py::handle day) {
             py::list out;
             for (const auto& h : c.closures_on(to_date(day, "date"))) out.append(holiday_dict(h));
             return out;
           },
           "date"_a, "The holidays and closures that close `date`, as dicts.")
      .def("holidays_between",
           [](const HolidayCalendar& c, py::handle first, py::handle last) {
             py::list out;
             for (const auto& h : c.holidays_between(to_date(first, "first"), to_date(last, "last")))
               out.append(holiday_dict(h));
             return out;
           },
           "first"_a, "last"_a, "Holidays and closures observed from `first` to `last`, as dicts in date order.")
      .def("__repr__", [](const HolidayCalendar& c) { return "HolidayCalendar('" + c.name() + "')"; });
  def_json_value(holiday_calendar_class, "holidays", [](const HolidayCalendar& c) { return to_json(c); },
                 [](const nlohmann::json& j, const std::string& path) { return holiday_calendar_from_json(j, path); });

  py::class_<Session> session_class(m, "Session", R"doc(One session of a calendar: when, where, what, and what happened.

`start` and `end` are iop.ZonedTime values in the track's zone; `blocks` lists
the timed blocks with their billing codes.)doc");
  session_class.def_readonly("uid", &Session::uid, "Stable identifier: plan, kind and original date.")
      .def_property_readonly("kind", [](const Session& s) { return std::string(to_string(s.kind)); },
                             "'program_day', 'individual_therapy' or 'medication_management'.")
      .def_readonly("date", &Session::date, "The local date it happens.")
      .def_readonly("original_date", &Session::original_date, "The date the pattern gave it (differs when moved).")
      .def_readonly("week", &Session::week, "Program week, 0-based.")
      .def_readonly("track", &Session::track, "The track's name.")
      .def_readonly("start", &Session::start, "Local start in its zone (iop.ZonedTime).")
      .def_readonly("end", &Session::end, "Local end in its zone (iop.ZonedTime).")
      .def_property_readonly("minutes", &Session::minutes, "Total minutes of the blocks.")
      .def_property_readonly("blocks", [](const Session& s) { return json_to_python(to_json(s)["blocks"]); },
                             "The blocks as dicts (modality, offset_minutes, minutes, billing_code).")
      .def_property_readonly("status", [](const Session& s) { return std::string(to_string(s.status)); },
                             "'scheduled', 'attended', 'missed', 'cancelled_by_clinic' or 'made_up'.")
      .def_readonly("note", &Session::note, "Why it moved, or what was recorded.")
      .def_readonly("phase", &Session::phase, "The program's phase of a program day ('' without phases).")
      .def_readonly("bill_blocks", &Session::bill_blocks,
                    "Whether its phase bills the day by its blocks' codes instead of a per diem.")
      .def("__repr__", &session_repr);
  def_json_value(session_class, "session", [](const Session& s) { return to_json(s); },
                 [](const nlohmann::json& j, const std::string& path) { return session_from_json(j, path); });

  py::class_<SessionCalendar> calendar_class(m, "SessionCalendar", R"doc(Every session of a plan, derived from plan, program, holidays and events.

Build it with build_calendar(). It is a sequence of iop.Session values (len,
indexing, slicing, iteration); export with to_ics(), to_fhir(), to_csv(),
to_dict() or to_pandas().)doc");
  calendar_class.def_readonly("plan_id", &SessionCalendar::plan_id, "The plan.")
      .def_readonly("program_id", &SessionCalendar::program_id, "The program's id.")
      .def_readonly("start_date", &SessionCalendar::start_date, "First planned day.")
      .def_readonly("planned_end", &SessionCalendar::planned_end, "Last day of the last week.")
      .def_readonly("weeks", &SessionCalendar::weeks, "Program weeks covered.")
      .def_property_readonly("holiday_policy", [](const SessionCalendar& c) { return std::string(to_string(c.holiday_policy)); },
                             "How closed pattern days were handled.")
      .def_readonly("sessions", &SessionCalendar::sessions, "The sessions (iop.Session), in start order.")
      .def_property_readonly("gaps", [](const SessionCalendar& c) { return json_to_python(to_json(c)["gaps"]); },
                             "Closed pattern days with their causes and resolution.")
      .def("weekly_hours", [](const SessionCalendar& c) { return json_to_python(to_json(c)["weekly_hours"]); },
           "Each week's scheduled and attended minutes, bounds check and causes.")
      .def("totals", [](const SessionCalendar& c) { return json_to_python(to_json(c)["totals"]); },
           "Sessions, minutes, billable days and services-per-day bands.")
      .def("to_ics",
           [](const SessionCalendar& c, py::handle stamp) {
             std::optional<DateTime> when;
             if (!stamp.is_none()) {
               ensure_datetime_api();
               if (!PyDateTime_Check(stamp.ptr()) || is_nat(stamp))
                 throw py::type_error("stamp: expected an aware datetime.datetime, got " + type_name(stamp));
               if (stamp.attr("utcoffset")().is_none())
                 throw ValidationError("stamp", short_repr(stamp), "is a naive datetime", "an aware datetime (an instant)");
               py::object utc = stamp.attr("astimezone")(py::module_::import("datetime").attr("timezone").attr("utc"));
               PyObject* o = utc.ptr();
               if (PyDateTime_DATE_GET_MICROSECOND(o) != 0)
                 throw ValidationError("stamp", short_repr(stamp), "has a fraction of a second", "whole seconds (DTSTAMP)");
               when = DateTime(make_date(PyDateTime_GET_YEAR(o), PyDateTime_GET_MONTH(o), PyDateTime_GET_DAY(o), "stamp"),
                               boost::posix_time::time_duration(PyDateTime_DATE_GET_HOUR(o), PyDateTime_DATE_GET_MINUTE(o),
                                                                PyDateTime_DATE_GET_SECOND(o)));
             }
             return to_icalendar(c, when);
           },
           "stamp"_a = py::none(), "The iCalendar (RFC 5545) text; DTSTAMP is `stamp` or the start date at 00:00Z.")
      .def("to_fhir", [](const SessionCalendar& c) { return json_to_python(calendar_to_fhir(c)); },
           "The FHIR R4 Bundle of Schedules, Slots and Appointments.")
      .def("to_csv", &to_csv, "The CSV text, one row per session.")
      .def("_columns", [](const SessionCalendar& c) { return columns_to_python(session_columns(c)); },
           "The sessions as numpy columns (use to_pandas).")
      .def("__len__", [](const SessionCalendar& c) { return c.sessions.size(); })
      .def(
          "__getitem__",
          [](const SessionCalendar& c, py::handle key) -> py::object {
            if (PySlice_Check(key.ptr())) {
              py::list out;
              const auto slice = py::reinterpret_borrow<py::slice>(key);
              std::size_t start = 0, stop = 0, step = 0, length = 0;
              if (!slice.compute(c.sessions.size(), &start, &stop, &step, &length)) throw py::error_already_set();
              for (std::size_t k = 0; k < length; ++k, start += step) out.append(py::cast(c.sessions[start]));
              return out;
            }
            // A sequence's index: out of range is an IndexError, as for a list.
            const auto n = static_cast<std::int64_t>(c.sessions.size());
            auto i = to_integer(key, "index");
            if (i < -n || i >= n)
              throw py::index_error("index: " + std::to_string(i) + " is outside the calendar's " + std::to_string(n) +
                                    " sessions");
            if (i < 0) i += n;
            return py::cast(c.sessions[static_cast<std::size_t>(i)]);
          },
          "index"_a)
      .def(
          "__iter__",
          [](const SessionCalendar& c) { return py::make_iterator(c.sessions.begin(), c.sessions.end()); },
          py::keep_alive<0, 1>())
      .def("__repr__", [](const SessionCalendar& c) {
        return "SessionCalendar('" + c.plan_id + "', " + std::to_string(c.sessions.size()) + " sessions, " +
               to_iso_string(c.start_date) + ".." + to_iso_string(c.planned_end) + ")";
      });
  def_json_value(calendar_class, "calendar", [](const SessionCalendar& c) { return to_json(c); },
                 [](const nlohmann::json& j, const std::string& path) { return session_calendar_from_json(j, path); });

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
discharge, extend) in the JSON form of iop.schema('events'); dates
may be datetime.date, numpy.datetime64 or 'YYYY-MM-DD'.)doc");

  m.def(
      "_build_calendars_batch",
      [](const Array<std::int64_t>& starts, const Array<std::int64_t>& weeks, const Array<std::int64_t>& days,
         const Array<std::int64_t>& tracks, const Array<std::int64_t>& program_index,
         const std::vector<ProgramTemplate>& programs, const HolidayCalendar& holidays, const std::string& policy,
         bool columns, unsigned threads) -> py::object {
        std::vector<const ProgramTemplate*> pointers;
        for (const auto& p : programs) pointers.push_back(&p);
        const BatchPlans plans{span_of(starts), span_of(weeks), span_of(days), span_of(tracks), span_of(program_index)};
        const auto hp = parse_holiday_policy(policy, "holiday_policy");
        if (columns) {
          SessionColumns frame;
          {
            py::gil_scoped_release release;
            frame = session_columns(build_calendars_batch(plans, pointers, holidays, hp, threads), plans, pointers);
          }
          return columns_to_python(std::move(frame));
        }
        // Two passes: count each plan's rows, then write them straight into numpy's arrays (allocated once, at
        // their size, by numpy's allocator) from every thread.
        BatchCalendarLayout layout;
        {
          py::gil_scoped_release release;
          layout = layout_calendars_batch(plans, pointers, holidays, hp, threads);
        }
        const auto rows = static_cast<py::ssize_t>(layout.rows());
        Array<std::int32_t> plan(rows);
        Array<std::int64_t> date(rows), local_start(rows);
        Array<std::int16_t> minutes(rows);
        Array<std::uint8_t> kind(rows);
        const BatchSessionColumns out{mutable_span_of(plan), mutable_span_of(date), mutable_span_of(local_start),
                                      mutable_span_of(minutes), mutable_span_of(kind)};
        {
          py::gil_scoped_release release;
          write_calendars_batch(layout, plans, pointers, out, threads);
        }
        return py::make_tuple(plan, date, local_start, minutes, kind);
      },
      "starts"_a.noconvert(), "weeks"_a.noconvert(), "days_per_week"_a.noconvert(), "tracks"_a.noconvert(),
      "program_index"_a.noconvert(), "programs"_a, "holidays"_a, "holiday_policy"_a, "columns"_a.noconvert(),
      "threads"_a,
      "The batch kernel on int64 arrays; use iop.build_calendars instead.");
  m.def(
      "_build_calendars_batch_into",
      [](const Array<std::int64_t>& starts, const Array<std::int64_t>& weeks, const Array<std::int64_t>& days,
         const Array<std::int64_t>& tracks, const Array<std::int64_t>& program_index,
         const std::vector<ProgramTemplate>& programs, const HolidayCalendar& holidays, const std::string& policy,
         Array<std::int32_t>& plan, Array<std::int64_t>& date, Array<std::int64_t>& local_start,
         Array<std::int16_t>& minutes, Array<std::uint8_t>& kind, unsigned threads) -> std::size_t {
        std::vector<const ProgramTemplate*> pointers;
        for (const auto& p : programs) pointers.push_back(&p);
        const BatchPlans plans{span_of(starts), span_of(weeks), span_of(days), span_of(tracks), span_of(program_index)};
        const auto hp = parse_holiday_policy(policy, "holiday_policy");
        // The caller's columns (checked by the Python layer: exact dtypes, one length, writable, no overlap)
        // are filled from their first row; the layout is made first, so columns too short are refused before
        // anything is written.
        const BatchSessionColumns capacity{mutable_span_of(plan), mutable_span_of(date), mutable_span_of(local_start),
                                           mutable_span_of(minutes), mutable_span_of(kind)};
        py::gil_scoped_release release;
        const auto layout = layout_calendars_batch(plans, pointers, holidays, hp, threads);
        const std::size_t rows = layout.rows();
        const std::size_t length = capacity.plan.size();
        if (capacity.date.size() != length || capacity.local_start.size() != length ||
            capacity.minutes.size() != length || capacity.kind.size() != length)
          throw ValidationError("out", std::to_string(length) + " rows in out.plan", "differs from another column's length",
                                "columns of one length");
        if (rows > length)
          throw ValidationError("out", std::to_string(capacity.plan.size()) + " rows",
                                "is too short for these plans' sessions",
                                "columns of at least " + std::to_string(rows) + " rows");
        write_calendars_batch(layout, plans, pointers,
                              {capacity.plan.first(rows), capacity.date.first(rows), capacity.local_start.first(rows),
                               capacity.minutes.first(rows), capacity.kind.first(rows)},
                              threads);
        return rows;
      },
      "starts"_a.noconvert(), "weeks"_a.noconvert(), "days_per_week"_a.noconvert(), "tracks"_a.noconvert(),
      "program_index"_a.noconvert(), "programs"_a, "holidays"_a, "holiday_policy"_a, "plan"_a.noconvert(),
      "date"_a.noconvert(), "local_start"_a.noconvert(), "minutes"_a.noconvert(), "kind"_a.noconvert(), "threads"_a,
      "The batch kernel writing into the caller's columns; use iop.build_calendars(..., out=) instead.");
}

}  // namespace iop::python
