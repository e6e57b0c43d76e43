# greenlint's CMake helpers, for projects that use it through find_package(GreenLint) (after
# `cmake --install`) or add_subdirectory(greenlint). Needs the compiler greenlint.so was built
# for: Clang 19.
#
#   greenlint_enable(<target> [NO_INSTRUMENT] [ESTIMATES] [CONFIG <file>] [FACTS_DIR <dir>]
#                    [PROFILE <id>])
#     Lints <target>'s sources with the plugin and, unless NO_INSTRUMENT, instruments their
#     training and inference hot paths and links the runtime. ESTIMATES prints each model's
#     static estimate as a remark; PROFILE names the target hardware for its joules per call.
#   greenlint_model(<target> <file> [FACTS_DIR <dir>] [PROFILE <id>])
#     Registers a model file <target> loads at run time (ONNX, GGUF, TorchScript, XGBoost):
#     building <target> runs `greenlint estimate --facts` on it, so that `greenlint report
#     --facts <dir>` lists it in the build section and `greenlint diff` compares it. FACTS_DIR
#     and PROFILE default to those given to greenlint_enable(<target>).
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
  # greenlint_model() takes the same facts folder and profile.
  set_target_properties(${Target} PROPERTIES GREENLINT_FACTS_DIR "${GL_FACTS_DIR}"
                                             GREENLINT_PROFILE "${GL_PROFILE}")
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
  # The plugin goes only to C and C++ compiles (never to CUDA, assembler or Fortran ones).
  foreach(Option IN LISTS Options)
    # Paths may hold characters that end or split a generator expression.
    string(REPLACE ">" "$<ANGLE-R>" Option "${Option}")
    string(REPLACE "," "$<COMMA>" Option "${Option}")
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

# greenlint.so is built against Clang 19's internal ABI: every compiler that runs it must be
# Clang 19. Each language the target compiles is checked against its own compiler.
function(_greenlint_check_compilers Target)
  _greenlint_source_languages(${Target} Languages)
  if(NOT Languages)
    message(WARNING "greenlint_enable(${Target}): the target has no C or C++ sources that "
                    "greenlint can see (sources from generator expressions are not checked)")
  endif()
  foreach(Language IN LISTS Languages)
    if(Language STREQUAL "C")
      set(Name "C")
      set(Suggested "-DCMAKE_C_COMPILER=clang-19")
    else()
      set(Name "C++")
      set(Suggested "-DCMAKE_CXX_COMPILER=clang++-19")
    endif()
    set(Id "${CMAKE_${Language}_COMPILER_ID}")
    set(Version "${CMAKE_${Language}_COMPILER_VERSION}")
    if(NOT Id STREQUAL "Clang" OR Version VERSION_LESS 19 OR Version VERSION_GREATER_EQUAL 20)
      if(Id)
        set(Found "${Id} ${Version} (${CMAKE_${Language}_COMPILER})")
      else()
        set(Found "not known")
      endif()
      message(FATAL_ERROR "greenlint_enable(${Target}): greenlint.so is a Clang 19 plugin, "
                          "but the ${Name} compiler of ${Target}'s ${Name} sources is ${Found}; "
                          "configure a new build folder with ${Suggested}")
    endif()
  endforeach()
endfunction()

function(greenlint_model Target File)
  cmake_parse_arguments(GL "" "FACTS_DIR;PROFILE" "" ${ARGN})
  if(GL_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "greenlint_model(${Target} ${File}): unknown arguments "
                        "'${GL_UNPARSED_ARGUMENTS}'; the options are FACTS_DIR <dir> and PROFILE <id>")
  endif()
  if(NOT TARGET ${Target})
    message(FATAL_ERROR "greenlint_model(${Target} ${File}): there is no target '${Target}' here; "
                        "call greenlint_model after add_executable or add_library")
  endif()
  if(NOT GL_FACTS_DIR)
    get_target_property(GL_FACTS_DIR ${Target} GREENLINT_FACTS_DIR)
  endif()
  if(NOT GL_FACTS_DIR)
    message(FATAL_ERROR "greenlint_model(${Target} ${File}): no facts folder to write the "
                        "estimate to; give FACTS_DIR <dir> here or to greenlint_enable(${Target})")
  endif()
  if(NOT GL_PROFILE)
    get_target_property(GL_PROFILE ${Target} GREENLINT_PROFILE)
  endif()
  get_filename_component(Model "${File}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  get_filename_component(Name "${Model}" NAME)
  # One facts file per model path, named like the plugin's (<name>-<hash of the path>).
  string(SHA1 Hash "${Model}")
  string(SUBSTRING "${Hash}" 0 12 Hash)
  set(Facts "${GL_FACTS_DIR}/model-${Name}-${Hash}.json")
  set(Command "${GREENLINT_EXECUTABLE}" estimate --facts "${Facts}")
  if(GL_PROFILE)
    list(APPEND Command --profile "${GL_PROFILE}")
  endif()
  # The path after --: a model named like an option stays a file name.
  list(APPEND Command -- "${Model}")
  set(Depends "${Model}")
  if(GREENLINT_EXECUTABLE_TARGET)
    list(APPEND Depends ${GREENLINT_EXECUTABLE_TARGET})
  endif()
  add_custom_command(OUTPUT "${Facts}"
                     COMMAND "${CMAKE_COMMAND}" -E make_directory "${GL_FACTS_DIR}"
                     COMMAND ${Command}
                     DEPENDS ${Depends}
                     COMMENT "greenlint estimate ${Name}" VERBATIM)
  add_custom_target(greenlint_model_${Target}_${Hash} DEPENDS "${Facts}")
  add_dependencies(${Target} greenlint_model_${Target}_${Hash})
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
