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
