# greenlint_use_llvm(<target> [PUBLIC|PRIVATE]): compile against Debian's LLVM/Clang 19 headers.
# Nothing is linked here: the plugin takes its symbols from the clang process; tools link the
# clang-cpp and LLVM shared libraries themselves.
separate_arguments(GREENLINT_LLVM_DEFINITIONS NATIVE_COMMAND "${LLVM_DEFINITIONS}")
function(greenlint_use_llvm Target Scope)
  target_include_directories(${Target} SYSTEM ${Scope} ${LLVM_INCLUDE_DIRS} ${CLANG_INCLUDE_DIRS})
  target_compile_definitions(${Target} ${Scope} ${GREENLINT_LLVM_DEFINITIONS})
  if(NOT LLVM_ENABLE_RTTI)
    target_compile_options(${Target} ${Scope} -fno-rtti)
  endif()
endfunction()
