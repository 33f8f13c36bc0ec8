# Warnings apply to iop's own targets only (PRIVATE), never to consumers.
# The dev preset turns them into errors with CMAKE_COMPILE_WARNING_AS_ERROR.
function(iop_set_warnings target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE
      -Wall -Wextra -Wpedantic -Wconversion -Wshadow)
  elseif(MSVC)
    target_compile_options(${target} PRIVATE /W4)
  endif()
endfunction()
