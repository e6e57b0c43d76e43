// Compiler probes are not project units: with the plugin in CMAKE_CXX_FLAGS, CMake's compiler
// identification and try_compile sources compile with it too, and must not write facts.
// RUN: rm -rf %t && mkdir -p %t/CMakeFiles/3.25.1/CompilerIdCXX %t/CMakeFiles/CMakeScratch/TryCompile-x %t/CMakeFiles/CMakeTmp %t/src
// RUN: cp %s %t/CMakeFiles/3.25.1/CompilerIdCXX/CMakeCXXCompilerId.cpp
// RUN: cp %s %t/CMakeFiles/CMakeScratch/TryCompile-x/src.cxx
// RUN: cp %s %t/CMakeFiles/CMakeTmp/CheckIncludeFile.cpp
// RUN: cp %s %t/src/main.cpp
// RUN: cd %t/CMakeFiles/3.25.1/CompilerIdCXX && %clangxx -fsyntax-only CMakeCXXCompilerId.cpp -fplugin=%plugin -fplugin-arg-greenlint-facts=%t/facts
// RUN: cd %t && %clangxx -fsyntax-only CMakeFiles/CMakeScratch/TryCompile-x/src.cxx -fplugin=%plugin -fplugin-arg-greenlint-facts=%t/facts
// RUN: %clangxx -fsyntax-only %t/CMakeFiles/CMakeTmp/CheckIncludeFile.cpp -fplugin=%plugin -fplugin-arg-greenlint-facts=%t/facts
// RUN: %clangxx -fsyntax-only %t/src/main.cpp -fplugin=%plugin -fplugin-arg-greenlint-facts=%t/facts
// RUN: ls %t/facts | FileCheck %s
// CHECK-NOT: CompilerId
// CHECK-NOT: src.cxx
// CHECK-NOT: CheckIncludeFile
// CHECK: main.cpp-{{.*}}.json
// CHECK-NOT: {{.}}
int main() { return 0; }
