#pragma once
// The calendar's JSON writers (internal): for documents that hold a calendar,
// its sessions or its events, written into the same buffer.

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "iop/calendar/session_calendar.hpp"
#include "core/json_writer.hpp"

namespace iop::detail {

void write_events(JsonWriter& out, const std::vector<CalendarEvent>& events);
/// The text of the block lists a calendar's sessions share, each written once: a course of sixty sessions has
/// two or three distinct lists, and writing them was half of writing a session.
class WrittenBlocks {
 public:
  /// The compact JSON array of @p blocks, written the first time such a list is asked for.
  std::string_view text_of(const std::vector<SessionBlock>& blocks);

 private:
  static constexpr std::size_t kMaxLists = 8;
  std::vector<std::pair<std::vector<SessionBlock>, std::string>> lists_;
  std::string scratch_;
};

/// One session; its blocks' text comes from @p written_blocks when given (see WrittenBlocks).
void write_session(JsonWriter& out, const Session& session, WrittenBlocks* written_blocks = nullptr);
void write_calendar(JsonWriter& out, const SessionCalendar& calendar);

}  // namespace iop::detail
