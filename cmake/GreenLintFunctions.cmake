# greenlint's CMake helpers, for projects that use it through find_package(GreenLint) (after
# `cmake --install`) or add_subdirectory(greenlint). A Clang plugin runs only in the compiler
# major it was built for: the package holds one greenlint.so per major (GREENLINT_CLANG_MAJORS,
# GREENLINT_PLUGIN_<major>), and each language's compiler gets the one of its major.
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
  if(GL_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "greenlint_enable(${Target}): unknown arguments '${GL_UNPARSED_ARGUMENTS}'; "
                        "the options are NO_INSTRUMENT, ESTIMATES, CONFIG <file>, "
                        "FACTS_DIR <dir> and PROFILE <id>")
  endif()
  if(NOT TARGET ${Target})
    message(FATAL_ERROR "greenlint_enable(${Target}): there is no target '${Target}' here; "
                        "call greenlint_enable after add_executable or add_library")
  endif()
  set(Options "")
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
    # Appending to the link properties works whichever target_link_libraries signature the
    # project already used (plain or keyword); CMake refuses to mix the two in calls.
    set_property(TARGET ${Target} APPEND PROPERTY LINK_LIBRARIES GreenLint::runtime)
    get_target_property(Type ${Target} TYPE)
    if(Type STREQUAL "STATIC_LIBRARY" OR Type STREQUAL "OBJECT_LIBRARY")
      # What links this archive or these objects links the runtime too.
      set_property(TARGET ${Target} APPEND PROPERTY INTERFACE_LINK_LIBRARIES
                   "$<LINK_ONLY:GreenLint::runtime>")
    endif()
  endif()
  # The plugin goes only to C and C++ compiles (never to CUDA, assembler or Fortran ones), each
  # language's compiler getting the greenlint.so of its own Clang major. A language whose compiler
  # has none gets no -fplugin; _greenlint_check_compilers stops the configure with the reason.
  foreach(Language C CXX)
    _greenlint_plugin_for(${Language} Plugin)
    if(Plugin)
      _greenlint_escape_genex("-fplugin=${Plugin}" Option)
      set_property(TARGET ${Target} APPEND PROPERTY COMPILE_OPTIONS
                   "$<$<COMPILE_LANGUAGE:${Language}>:${Option}>")
    endif()
  endforeach()
  foreach(Option IN LISTS Options)
    _greenlint_escape_genex("${Option}" Option)
    set_property(TARGET ${Target} APPEND PROPERTY COMPILE_OPTIONS
                 "$<$<COMPILE_LANGUAGE:C,CXX>:${Option}>")
  endforeach()
  # A changed plugin changes the diagnostics and the instrumentation: rebuild.
  if(GREENLINT_PLUGIN_TARGET)
    add_dependencies(${Target} ${GREENLINT_PLUGIN_TARGET})
  endif()
  # Sources may still be added after this call: check their compilers once the directory is read.
  cmake_language(EVAL CODE "
    cmake_language(DEFER CALL _greenlint_check_compilers [[${Target}]])")
endfunction()

# Paths may hold characters that end or split a generator expression.
function(_greenlint_escape_genex Text OutVar)
  string(REPLACE ">" "$<ANGLE-R>" Text "${Text}")
  string(REPLACE "," "$<COMMA>" Text "${Text}")
  set(${OutVar} "${Text}" PARENT_SCOPE)
endfunction()

# The major version of Language's compiler when it is Clang (AppleClang's numbers differ), else "".
function(_greenlint_clang_major Language OutVar)
  set(Major "")
  if(CMAKE_${Language}_COMPILER_ID STREQUAL "Clang" AND
     CMAKE_${Language}_COMPILER_VERSION MATCHES "^([0-9]+)")
    set(Major ${CMAKE_MATCH_1})
  endif()
  set(${OutVar} "${Major}" PARENT_SCOPE)
endfunction()

# The greenlint.so built for Language's compiler, or "" when there is none (or no such language).
function(_greenlint_plugin_for Language OutVar)
  _greenlint_clang_major(${Language} Major)
  set(Plugin "")
  if(Major AND Major IN_LIST GREENLINT_CLANG_MAJORS)
    set(Plugin "${GREENLINT_PLUGIN_${Major}}")
  endif()
  set(${OutVar} "${Plugin}" PARENT_SCOPE)
endfunction()

# The languages (C, CXX) of Target's own sources, by LANGUAGE property or file extension.
function(_greenlint_source_languages Target OutVar)
  get_target_property(Sources ${Target} SOURCES)
  get_target_property(SourceDir ${Target} SOURCE_DIR)
  set(Languages "")
  foreach(Source IN LISTS Sources)
    if(Source MATCHES "^\\$<")
      continue() # a generator expression: its value is not known while configuring
    endif()
    get_source_file_property(Language "${Source}" TARGET_DIRECTORY ${Target} LANGUAGE)
    if(NOT Language)
      get_filename_component(Extension "${Source}" LAST_EXT)
      string(SUBSTRING "${Extension}" 1 -1 Extension)
      foreach(Candidate C CXX)
        if(DEFINED CMAKE_${Candidate}_SOURCE_FILE_EXTENSIONS AND
           Extension IN_LIST CMAKE_${Candidate}_SOURCE_FILE_EXTENSIONS)
          set(Language ${Candidate})
        endif()
      endforeach()
    endif()
    if(Language MATCHES "^(C|CXX)$")
      list(APPEND Languages ${Language})
    endif()
  endforeach()
  list(REMOVE_DUPLICATES Languages)
  set(${OutVar} "${Languages}" PARENT_SCOPE)
endfunction()

# greenlint.so is built against one Clang major's internal ABI: every compiler that runs it must
# be a Clang of a major greenlint was built for. Each language the target compiles is checked
# against its own compiler.
function(_greenlint_check_compilers Target)
  _greenlint_source_languages(${Target} Languages)
  if(NOT Languages)
    message(WARNING "greenlint_enable(${Target}): the target has no C or C++ sources that "
                    "greenlint can see (sources from generator expressions are not checked)")
  endif()
  string(REPLACE ";" " and " Majors "${GREENLINT_CLANG_MAJORS}")
  foreach(Language IN LISTS Languages)
    if(Language STREQUAL "C")
      set(Name "C")
      set(Driver "clang")
    else()
      set(Name "C++")
      set(Driver "clang++")
    endif()
    set(Suggested "")
    foreach(Major IN LISTS GREENLINT_CLANG_MAJORS)
      list(APPEND Suggested "-DCMAKE_${Language}_COMPILER=${Driver}-${Major}")
    endforeach()
    string(REPLACE ";" " or " Suggested "${Suggested}")
    set(Id "${CMAKE_${Language}_COMPILER_ID}")
    set(Version "${CMAKE_${Language}_COMPILER_VERSION}")
    _greenlint_clang_major(${Language} Major)
    if(NOT Major)
      if(Id)
        set(Found "${Id} ${Version} (${CMAKE_${Language}_COMPILER})")
      else()
        set(Found "not known")
      endif()
      message(FATAL_ERROR "greenlint_enable(${Target}): greenlint.so is a Clang ${Majors} plugin, "
                          "but the ${Name} compiler of ${Target}'s ${Name} sources is ${Found}; "
                          "configure a new build folder with ${Suggested}")
    elseif(NOT Major IN_LIST GREENLINT_CLANG_MAJORS)
      message(FATAL_ERROR "greenlint_enable(${Target}): greenlint was built for Clang ${Majors}; "
                          "your ${Name} compiler is Clang ${Major} (${CMAKE_${Language}_COMPILER}), "
                          "and a plugin runs only in the Clang major it was built for: configure "
                          "a new build folder with ${Suggested}, or build and install greenlint "
                          "for Clang ${Major} (docs/compilers.md)")
    endif()
  endforeach()
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
