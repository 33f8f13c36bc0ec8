#pragma once
// The calendar's JSON writers (internal): for documents that hold a calendar,
// its sessions or its events, written into the same buffer.

#include <vector>

#include "iop/calendar/session_calendar.hpp"
#include "core/json_writer.hpp"

namespace iop::detail {

void write_events(JsonWriter& out, const std::vector<CalendarEvent>& events);
void write_session(JsonWriter& out, const Session& session);
void write_calendar(JsonWriter& out, const SessionCalendar& calendar);

}  // namespace iop::detail
