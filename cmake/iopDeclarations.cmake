# iop_generate_declarations(<out_dir>)
# Runs declarations/generate.py at configure time: every document's JSON Schema into
# <out_dir>/schema/ (embedded, installed and served) and the readers' member lists and
# limits into <out_dir>/src/declared.hpp (decl::<object>::<member>). A change to any declaration re-runs the configure
# step, so what the library reads and what its schemas say cannot drift apart.
function(iop_generate_declarations out_dir)
  find_package(Python3 3.9 REQUIRED COMPONENTS Interpreter)
  file(GLOB declarations CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/declarations/*.py")
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${declarations})
  foreach(step "schemas;${out_dir}/schema" "cpp;${out_dir}/src/declared.hpp")
    list(GET step 0 what)
    list(GET step 1 where)
    execute_process(
      COMMAND "${Python3_EXECUTABLE}" "${PROJECT_SOURCE_DIR}/declarations/generate.py" ${what} "${where}"
      RESULT_VARIABLE status
      ERROR_VARIABLE errors)
    if(NOT status EQUAL 0)
      message(FATAL_ERROR "declarations/generate.py ${what} failed:\n${errors}")
    endif()
  endforeach()
endfunction()
