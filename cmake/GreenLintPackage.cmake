# Makes greenlint usable from other CMake projects: find_package(GreenLint) after
# `cmake --install`, or add_subdirectory(); and packages it as a .deb with CPack.
include(CMakePackageConfigHelpers)
set(GREENLINT_CMAKE_INSTALL_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/GreenLint)

set_target_properties(greenlint_rt PROPERTIES EXPORT_NAME runtime)
install(EXPORT GreenLintTargets NAMESPACE GreenLint:: DESTINATION ${GREENLINT_CMAKE_INSTALL_DIR})

set(GREENLINT_PLUGIN_PATH ${CMAKE_INSTALL_LIBDIR}/greenlint.so)
set(GREENLINT_EXECUTABLE_PATH ${CMAKE_INSTALL_BINDIR}/greenlint)
configure_package_config_file(cmake/GreenLintConfig.cmake.in
  ${PROJECT_BINARY_DIR}/install/GreenLintConfig.cmake
  INSTALL_DESTINATION ${GREENLINT_CMAKE_INSTALL_DIR}
  PATH_VARS GREENLINT_PLUGIN_PATH GREENLINT_EXECUTABLE_PATH)
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

# In the same build (add_subdirectory): the helpers with the in-tree targets.
set(GREENLINT_PLUGIN $<TARGET_FILE:greenlint_plugin>)
set(GREENLINT_PLUGIN_TARGET greenlint_plugin)
set(GREENLINT_EXECUTABLE $<TARGET_FILE:greenlint>)
set(GREENLINT_EXECUTABLE_TARGET greenlint)
get_directory_property(GreenLintHasParent PARENT_DIRECTORY)
if(GreenLintHasParent)
  set(GREENLINT_PLUGIN ${GREENLINT_PLUGIN} PARENT_SCOPE)
  set(GREENLINT_PLUGIN_TARGET ${GREENLINT_PLUGIN_TARGET} PARENT_SCOPE)
  set(GREENLINT_EXECUTABLE ${GREENLINT_EXECUTABLE} PARENT_SCOPE)
  set(GREENLINT_EXECUTABLE_TARGET ${GREENLINT_EXECUTABLE_TARGET} PARENT_SCOPE)
endif()
include(${CMAKE_CURRENT_LIST_DIR}/GreenLintFunctions.cmake)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME greenlint)
set(CPACK_PACKAGE_CONTACT "greenlint maintainers")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "energy and carbon lint, instrumentation and SCI reports for C++ ML code")
set(CPACK_DEBIAN_PACKAGE_DEPENDS "clang-19, libyaml-cpp0.7")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
include(CPack)
