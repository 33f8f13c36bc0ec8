# iop_embed_text(<out_var> <symbol> <input_file>)
# Generates a C++ source that defines
#   std::string_view iop::detail::<symbol>() noexcept
# returning the file's contents, so data shipped with iop (default rules, the
# program catalog) is compiled in and read through the same JSON loaders a
# clinic uses for its own files.
function(iop_embed_text out_var symbol input)
  file(READ "${input}" IOP_EMBED_CONTENT)
  set(output "${PROJECT_BINARY_DIR}/generated/src/${symbol}.cpp")
  string(LENGTH "${IOP_EMBED_CONTENT}" length)
  # A string literal may be at most 65,536 bytes in portable C++ (Clang's -Woverlength-strings): a larger
  # file is cut at line ends into parts, joined once at first use.
  set(limit 60000)
  if(length LESS_EQUAL limit)
    file(CONFIGURE OUTPUT "${output}" CONTENT
"// Generated from ${input} by cmake/iopEmbed.cmake; edit the data file instead.
#include <string_view>
namespace iop::detail {
std::string_view ${symbol}() noexcept {
  static constexpr std::string_view text = R\"iopjson(@IOP_EMBED_CONTENT@)iopjson\";
  return text;
}
}  // namespace iop::detail
" @ONLY)
  else()
    set(IOP_EMBED_PARTS "")
    set(IOP_EMBED_JOIN "")
    set(rest "${IOP_EMBED_CONTENT}")
    set(index 0)
    while(NOT rest STREQUAL "")
      string(LENGTH "${rest}" rest_length)
      if(rest_length LESS_EQUAL limit)
        set(part "${rest}")
        set(rest "")
      else()
        string(SUBSTRING "${rest}" 0 ${limit} window)
        string(FIND "${window}" "\n" cut REVERSE)
        if(cut LESS 0)
          message(FATAL_ERROR "${input}: a line longer than ${limit} bytes cannot be embedded")
        endif()
        math(EXPR cut "${cut} + 1")
        string(SUBSTRING "${rest}" 0 ${cut} part)
        string(SUBSTRING "${rest}" ${cut} -1 rest)
      endif()
      string(APPEND IOP_EMBED_PARTS "constexpr std::string_view kPart${index} = R\"iopjson(${part})iopjson\";\n")
      string(APPEND IOP_EMBED_JOIN "    joined += kPart${index};\n")
      math(EXPR index "${index} + 1")
    endwhile()
    file(CONFIGURE OUTPUT "${output}" CONTENT
"// Generated from ${input} by cmake/iopEmbed.cmake; edit the data file instead.
#include <string>
#include <string_view>
namespace iop::detail {
namespace {
@IOP_EMBED_PARTS@}  // namespace
std::string_view ${symbol}() noexcept {
  static const std::string text = [] {
    std::string joined;
    joined.reserve(${length});
@IOP_EMBED_JOIN@    return joined;
  }();
  return text;
}
}  // namespace iop::detail
" @ONLY)
  endif()
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${input}")
  set(${out_var} "${output}" PARENT_SCOPE)
endfunction()

# iop_embed_schemas(<out_var> <schema_dir>)
# Generates a C++ source that defines iop::detail::embedded_schemas(): every
# <schema_dir>/*.schema.json and <schema_dir>/api/*.schema.json, named by its
# file name without ".schema.json" and sorted by name, so the document API's
# `schema` operation serves exactly the files in docs/schema/.
function(iop_embed_schemas out_var schema_dir)
  file(GLOB documents CONFIGURE_DEPENDS "${schema_dir}/*.schema.json")
  file(GLOB api_documents CONFIGURE_DEPENDS "${schema_dir}/api/*.schema.json")
  set(entries "")
  foreach(path IN LISTS documents api_documents)
    get_filename_component(file_name "${path}" NAME)
    string(REGEX REPLACE "\\.schema\\.json$" "" name "${file_name}")
    list(APPEND entries "${name}|${path}")
  endforeach()
  list(SORT entries)
  set(table "")
  foreach(entry IN LISTS entries)
    string(REPLACE "|" ";" parts "${entry}")
    list(GET parts 0 name)
    list(GET parts 1 path)
    file(READ "${path}" content)
    string(APPEND table "    {\"${name}\", R\"iopjson(${content})iopjson\"},\n")
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${path}")
  endforeach()
  set(output "${PROJECT_BINARY_DIR}/generated/src/embedded_schemas.cpp")
  file(CONFIGURE OUTPUT "${output}" CONTENT
"// Generated from docs/schema by cmake/iopEmbed.cmake; edit the schema files instead.
#include \"api/schemas.hpp\"
#include <array>
namespace iop::detail {
namespace {
constexpr EmbeddedSchema kSchemas[] = {
@table@};
}  // namespace
std::span<const EmbeddedSchema> embedded_schemas() noexcept { return kSchemas; }
}  // namespace iop::detail
" @ONLY)
  set(${out_var} "${output}" PARENT_SCOPE)
endfunction()
