# Makes greenlint usable from other CMake projects: find_package(GreenLint) after
# `cmake --install`, or add_subdirectory(); and packages it as a .deb with CPack.
include(CMakePackageConfigHelpers)
set(GREENLINT_CMAKE_INSTALL_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/GreenLint)

set_target_properties(greenlint_rt PROPERTIES EXPORT_NAME runtime)
install(EXPORT GreenLintTargets NAMESPACE GreenLint:: DESTINATION ${GREENLINT_CMAKE_INSTALL_DIR})

# One greenlint.so per Clang major under lib/greenlint/clang-<major>/ (plugin/CMakeLists.txt):
# builds for 19 and 22 installed into one prefix serve both compilers, and the config finds
# whichever are there when a project loads it.
set(GREENLINT_PLUGIN_DIR ${CMAKE_INSTALL_LIBDIR}/greenlint)
set(GREENLINT_EXECUTABLE_PATH ${CMAKE_INSTALL_BINDIR}/greenlint)
configure_package_config_file(cmake/GreenLintConfig.cmake.in
  ${PROJECT_BINARY_DIR}/install/GreenLintConfig.cmake
  INSTALL_DESTINATION ${GREENLINT_CMAKE_INSTALL_DIR}
  PATH_VARS GREENLINT_PLUGIN_DIR GREENLINT_EXECUTABLE_PATH)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/install/GreenLintConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/install/GreenLintConfig.cmake
              ${PROJECT_BINARY_DIR}/install/GreenLintConfigVersion.cmake
              cmake/GreenLintFunctions.cmake
        DESTINATION ${GREENLINT_CMAKE_INSTALL_DIR})

# Everything `cmake --install` copies, without the tests: scripts/demo.sh and the README's
# install command build this before installing. Keep it in step with the install() rules.
add_custom_target(greenlint_dist)
add_dependencies(greenlint_dist greenlint_plugin greenlint greenlint_rt greenlint_rt_static)

# In the same build (add_subdirectory): the helpers with the in-tree targets, for this build's
# one Clang major.
set(GREENLINT_PLUGIN $<TARGET_FILE:greenlint_plugin>)
set(GREENLINT_PLUGIN_TARGET greenlint_plugin)
set(GREENLINT_EXECUTABLE $<TARGET_FILE:greenlint>)
set(GREENLINT_EXECUTABLE_TARGET greenlint)
set(GREENLINT_CLANG_MAJORS ${GREENLINT_LLVM_VERSION})
set(GREENLINT_PLUGIN_${GREENLINT_LLVM_VERSION} ${GREENLINT_PLUGIN})
get_directory_property(GreenLintHasParent PARENT_DIRECTORY)
if(GreenLintHasParent)
  foreach(Variable GREENLINT_PLUGIN GREENLINT_PLUGIN_TARGET GREENLINT_CLANG_MAJORS
                   GREENLINT_PLUGIN_${GREENLINT_LLVM_VERSION} GREENLINT_EXECUTABLE
                   GREENLINT_EXECUTABLE_TARGET)
    set(${Variable} ${${Variable}} PARENT_SCOPE)
  endforeach()
endif()
include(${CMAKE_CURRENT_LIST_DIR}/GreenLintFunctions.cmake)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME greenlint)
set(CPACK_PACKAGE_CONTACT "greenlint maintainers")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "energy and carbon lint, instrumentation and SCI reports for C++ ML code")
# The .deb of one build holds its one plugin: it needs that compiler.
set(CPACK_PACKAGE_FILE_NAME_SUFFIX "clang${GREENLINT_LLVM_VERSION}")
set(CPACK_DEBIAN_PACKAGE_DEPENDS "clang-${GREENLINT_LLVM_VERSION}, libyaml-cpp0.7")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
include(CPack)
