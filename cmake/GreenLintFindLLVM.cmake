# Finds the LLVM and Clang of major GREENLINT_LLVM_VERSION. Debian installs each major under
# /usr/lib/llvm-<major>; LLVM_DIR and Clang_DIR, when set, point elsewhere. Debian's
# LLVMConfigVersion compares major.minor exactly ("22" alone is rejected), so the major is
# checked here after the fact instead of asked of find_package.
if(NOT GREENLINT_LLVM_VERSION IN_LIST GREENLINT_SUPPORTED_LLVM_VERSIONS)
  string(REPLACE ";" " and " Supported "${GREENLINT_SUPPORTED_LLVM_VERSIONS}")
  message(FATAL_ERROR "GREENLINT_LLVM_VERSION is '${GREENLINT_LLVM_VERSION}'; greenlint builds "
                      "against LLVM/Clang ${Supported}: pass one of them (docs/compilers.md)")
endif()
find_package(LLVM REQUIRED CONFIG NAMES LLVM
             HINTS /usr/lib/llvm-${GREENLINT_LLVM_VERSION}/lib/cmake/llvm NO_DEFAULT_PATH)
if(NOT LLVM_VERSION_MAJOR EQUAL GREENLINT_LLVM_VERSION)
  message(FATAL_ERROR "GREENLINT_LLVM_VERSION is ${GREENLINT_LLVM_VERSION} but LLVM_DIR "
                      "(${LLVM_DIR}) holds LLVM ${LLVM_PACKAGE_VERSION}; configure a new build "
                      "folder, or set LLVM_DIR to LLVM ${GREENLINT_LLVM_VERSION}'s lib/cmake/llvm")
endif()
find_package(Clang REQUIRED CONFIG NAMES Clang
             HINTS ${LLVM_INSTALL_PREFIX}/lib/cmake/clang NO_DEFAULT_PATH)
message(STATUS "greenlint: LLVM ${LLVM_PACKAGE_VERSION} from ${LLVM_DIR}")
