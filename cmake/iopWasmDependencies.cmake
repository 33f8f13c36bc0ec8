# Under Emscripten, iop's two dependencies come from the host's Debian packages:
# both are header-only (Boost.Date_Time since 1.73, nlohmann/json), so the build
# only needs their headers. The host's /usr/include cannot be searched as a
# whole (its C library headers would shadow Emscripten's), so a folder of links
# to just those two trees is made in the build directory.
set(IOP_WASM_HOST_INCLUDE "/usr/include" CACHE PATH "Where the host's boost/ and nlohmann/ headers are")
set(iop_wasm_deps "${PROJECT_BINARY_DIR}/wasm-deps/include")
file(MAKE_DIRECTORY "${iop_wasm_deps}")
foreach(tree boost nlohmann)
  if(NOT EXISTS "${IOP_WASM_HOST_INCLUDE}/${tree}")
    message(FATAL_ERROR "${IOP_WASM_HOST_INCLUDE}/${tree} is missing: install libboost-date-time-dev and nlohmann-json3-dev")
  endif()
  file(CREATE_LINK "${IOP_WASM_HOST_INCLUDE}/${tree}" "${iop_wasm_deps}/${tree}" SYMBOLIC)
endforeach()
add_library(Boost::headers INTERFACE IMPORTED)
set_target_properties(Boost::headers PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${iop_wasm_deps}"
                                                INTERFACE_COMPILE_DEFINITIONS "BOOST_ALL_NO_LIB")
add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED)
set_target_properties(nlohmann_json::nlohmann_json PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${iop_wasm_deps}")
