# Helpers that give every module the same shape: a library per sub-module, a doctest
# executable beside it, registered with CTest.

# Options structs are filled with designated initializers that leave defaulted members out;
# GCC 12 warns about that under -Wextra, so that one warning is off.
set(CHARTMIRROR_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                         -Wno-missing-field-initializers -Werror)

if(CHARTMIRROR_SANITIZE)
  # Recover from nothing: a sanitizer report must fail the test that caused it.
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

# chartmirror_library(NAME SOURCES... [DEPS targets...])
# The target is named after its folder (registry_transport for registry/transport) and is
# included as "registry/transport/x.h" from the repository root.
function(chartmirror_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_compile_options(${name} PRIVATE ${CHARTMIRROR_WARNINGS})
  target_link_libraries(${name} PUBLIC ${ARG_DEPS})
endfunction()

# chartmirror_test(NAME SOURCES... [DEPS targets...] [LABELS labels...])
# One doctest executable; CTest runs it as one test named NAME.
function(chartmirror_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_compile_options(${name} PRIVATE ${CHARTMIRROR_WARNINGS})
  target_link_libraries(${name} PRIVATE chartmirror_doctest_main ${ARG_DEPS})
  add_test(NAME ${name} COMMAND ${name})
  set_tests_properties(${name} PROPERTIES LABELS "unit;${ARG_LABELS}")
endfunction()
