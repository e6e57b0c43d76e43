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
  set(Options "")
  if(GL_CONFIG)
    list(APPEND Options "-fplugin-arg-greenlint-config=${GL_CONFIG}")
  endif()
  if(GL_FACTS_DIR)
    # The object keeps the facts too, so that a compile-cache hit (which does not run the plugin)
    # can still have them: after each link, restore-facts writes back those that are missing.
    list(APPEND Options "-fplugin-arg-greenlint-facts=${GL_FACTS_DIR}"
                        "-fplugin-arg-greenlint-facts-in-object=on")
    _greenlint_restore_facts_after_link(${Target} "${GL_FACTS_DIR}")
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
  # Sources may still be added after this call: check their compilers, and key compile caches on
  # the config files their lint reads, once the directory is read.
  cmake_language(EVAL CODE "
    cmake_language(DEFER CALL _greenlint_check_compilers [[${Target}]])
    cmake_language(DEFER CALL _greenlint_cache_key [[${Target}]] [[${GL_CONFIG}]])")
endfunction()

# After each link of Target, `greenlint restore-facts` writes the facts kept in its objects into
# FactsDir where they are missing or stale: after compile-cache hits (docs/compile-caches.md).
# An object library is never linked itself; what links its objects is greenlint_enable'd too.
function(_greenlint_restore_facts_after_link Target FactsDir)
  get_target_property(Type ${Target} TYPE)
  if(NOT Type MATCHES "^(EXECUTABLE|SHARED_LIBRARY|MODULE_LIBRARY|STATIC_LIBRARY)$")
    return()
  endif()
  add_custom_command(TARGET ${Target} POST_BUILD
    COMMAND "${GREENLINT_EXECUTABLE}" restore-facts --into "${FactsDir}"
            "$<TARGET_OBJECTS:${Target}>"
    COMMAND_EXPAND_LISTS VERBATIM)
  if(GREENLINT_EXECUTABLE_TARGET)
    add_dependencies(${Target} ${GREENLINT_EXECUTABLE_TARGET})
  endif()
endfunction()

# The api_files: a config names, as absolute paths (block or flow list; relative to the config).
function(_greenlint_config_api_files Config OutVar)
  get_filename_component(ConfigDir "${Config}" DIRECTORY)
  file(STRINGS "${Config}" Lines)
  set(Files "")
  set(InList FALSE)
  foreach(Line IN LISTS Lines)
    set(Items "")
    if(Line MATCHES "^api_files:[ \t]*\\[(.*)\\]")
      string(REPLACE "," ";" Items "${CMAKE_MATCH_1}")
      set(InList FALSE)
    elseif(Line MATCHES "^api_files:[ \t]*$")
      set(InList TRUE)
    elseif(InList AND Line MATCHES "^[ \t]+-[ \t]*(.+)$")
      set(Items "${CMAKE_MATCH_1}")
    elseif(NOT Line MATCHES "^[ \t]*(#.*)?$")
      set(InList FALSE)
    endif()
    foreach(Item IN LISTS Items)
      string(STRIP "${Item}" Item)
      string(REGEX REPLACE "^[\"']|[\"']$" "" Item "${Item}")
      if(Item)
        get_filename_component(Item "${Item}" ABSOLUTE BASE_DIR "${ConfigDir}")
        list(APPEND Files "${Item}")
      endif()
    endforeach()
  endforeach()
  set(${OutVar} "${Files}" PARENT_SCOPE)
endfunction()

# A compile cache (ccache, sccache) keys on the command line and the files the preprocessor
# reads, not on the files a plugin reads. ccache hashes the -fplugin= file itself (its size and
# mtime, or content with compiler_check=content), but a .greenlint.yaml edit would be served the
# old findings from the cache. The hash of the config files Target's lint reads (the given one,
# or the nearest .greenlint.yaml above each source folder), the api_files: they name, and the
# installed plugins goes into the command line as cache-key=, which the plugin accepts and
# ignores; the files become configure dependencies, so an edit re-runs CMake, which changes the
# key and recompiles. A .greenlint.yaml added later needs a re-configure.
function(_greenlint_cache_key Target Config)
  get_target_property(SourceDir ${Target} SOURCE_DIR)
  set(Configs "")
  if(Config)
    get_filename_component(Config "${Config}" ABSOLUTE BASE_DIR "${SourceDir}")
    list(APPEND Configs "${Config}")
  else()
    get_target_property(Sources ${Target} SOURCES)
    set(Dirs "${SourceDir}")
    foreach(Source IN LISTS Sources)
      if(NOT Source MATCHES "^\\$<")
        get_filename_component(Source "${Source}" ABSOLUTE BASE_DIR "${SourceDir}")
        get_filename_component(Dir "${Source}" DIRECTORY)
        list(APPEND Dirs "${Dir}")
      endif()
    endforeach()
    list(REMOVE_DUPLICATES Dirs)
    foreach(Dir IN LISTS Dirs)
      while(TRUE)
        if(EXISTS "${Dir}/.greenlint.yaml")
          list(APPEND Configs "${Dir}/.greenlint.yaml")
          break()
        endif()
        get_filename_component(Parent "${Dir}" DIRECTORY)
        if(Parent STREQUAL Dir)
          break()
        endif()
        set(Dir "${Parent}")
      endwhile()
    endforeach()
  endif()
  set(Inputs "")
  foreach(File IN LISTS Configs)
    if(EXISTS "${File}" AND NOT IS_DIRECTORY "${File}")
      list(APPEND Inputs "${File}")
      _greenlint_config_api_files("${File}" ApiFiles)
      list(APPEND Inputs ${ApiFiles})
    endif()
  endforeach()
  foreach(Major IN LISTS GREENLINT_CLANG_MAJORS)
    list(APPEND Inputs "${GREENLINT_PLUGIN_${Major}}")
  endforeach()
  list(REMOVE_DUPLICATES Inputs)
  set(Key "")
  foreach(File IN LISTS Inputs)
    # In-tree the plugin is a generator expression of a file not built yet: ccache's own hash of
    # the -fplugin= file covers it.
    if(File MATCHES "^\\$<" OR NOT EXISTS "${File}")
      continue()
    endif()
    file(SHA256 "${File}" Hash)
    string(APPEND Key "${File}=${Hash};")
    set_property(DIRECTORY "${SourceDir}" APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${File}")
  endforeach()
  string(SHA256 Key "${Key}")
  string(SUBSTRING "${Key}" 0 16 Key)
  set_property(TARGET ${Target} APPEND PROPERTY COMPILE_OPTIONS
               "$<$<COMPILE_LANGUAGE:C,CXX>:-fplugin-arg-greenlint-cache-key=${Key}>")
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
