# iop_embed_text(<out_var> <symbol> <input_file>)
# Generates a C++ source that defines
#   std::string_view iop::detail::<symbol>() noexcept
# returning the file's contents, so data shipped with iop (default rules, the
# program catalog) is compiled in and read through the same JSON loaders a
# clinic uses for its own files.
function(iop_embed_text out_var symbol input)
  file(READ "${input}" IOP_EMBED_CONTENT)
  set(output "${PROJECT_BINARY_DIR}/generated/src/${symbol}.cpp")
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
