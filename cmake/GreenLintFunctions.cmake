# greenlint's CMake helpers, for projects that use it through find_package(GreenLint) (after
# `cmake --install`) or add_subdirectory(greenlint). Needs the compiler greenlint.so was built
# for: Clang 19.
#
#   greenlint_enable(<target> [NO_INSTRUMENT] [ESTIMATES] [CONFIG <file>] [FACTS_DIR <dir>]
#                    [PROFILE <id>])
#     Lints <target>'s sources with the plugin and, unless NO_INSTRUMENT, instruments their
#     training and inference hot paths and links the runtime. ESTIMATES prints each model's
#     static estimate as a remark; PROFILE names the target hardware for its joules per call.
#   greenlint_add_test(NAME <name> COMMAND <cmd...> [other add_test args])
#     add_test() whose process writes its ledger to ${GREENLINT_LEDGER_DIR}/<name>/ (default
#     ${CMAKE_BINARY_DIR}/greenlint-ledgers), so `greenlint report --by-test` sees each test.

function(greenlint_enable Target)
  cmake_parse_arguments(GL "NO_INSTRUMENT;ESTIMATES" "CONFIG;FACTS_DIR;PROFILE" "" ${ARGN})
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang" OR
     NOT CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 19 OR
     CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 20)
    message(FATAL_ERROR "greenlint_enable(${Target}): greenlint.so is a Clang 19 plugin, but "
                        "the C++ compiler is ${CMAKE_CXX_COMPILER_ID} ${CMAKE_CXX_COMPILER_VERSION}; "
                        "configure with -DCMAKE_CXX_COMPILER=clang++-19")
  endif()
  set(Options "-fplugin=${GREENLINT_PLUGIN}")
  if(GL_CONFIG)
    list(APPEND Options "-fplugin-arg-greenlint-config=${GL_CONFIG}")
  endif()
  if(GL_FACTS_DIR)
    list(APPEND Options "-fplugin-arg-greenlint-facts=${GL_FACTS_DIR}")
  endif()
  if(GL_PROFILE)
    list(APPEND Options "-fplugin-arg-greenlint-profile=${GL_PROFILE}")
  endif()
  if(GL_ESTIMATES)
    list(APPEND Options "-fplugin-arg-greenlint-estimates")
  endif()
  if(NOT GL_NO_INSTRUMENT)
    list(APPEND Options "-fplugin-arg-greenlint-instrument=on")
    target_link_libraries(${Target} PRIVATE GreenLint::runtime)
  endif()
  target_compile_options(${Target} PRIVATE ${Options})
  # A changed plugin changes the diagnostics and the instrumentation: rebuild.
  if(GREENLINT_PLUGIN_TARGET)
    add_dependencies(${Target} ${GREENLINT_PLUGIN_TARGET})
  endif()
endfunction()

function(greenlint_add_test)
  cmake_parse_arguments(GL "" "NAME" "" ${ARGN})
  if(NOT GL_NAME)
    message(FATAL_ERROR "greenlint_add_test: NAME is required")
  endif()
  if(NOT GREENLINT_LEDGER_DIR)
    set(GREENLINT_LEDGER_DIR ${CMAKE_BINARY_DIR}/greenlint-ledgers)
  endif()
  add_test(NAME ${GL_NAME} ${GL_UNPARSED_ARGUMENTS})
  set_property(TEST ${GL_NAME} APPEND PROPERTY
               ENVIRONMENT "GREENLINT_LEDGER=${GREENLINT_LEDGER_DIR}/${GL_NAME}"
                           "GREENLINT_TEST=${GL_NAME}")
endfunction()
