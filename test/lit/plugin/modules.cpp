// A C++20 module interface is linted once: when it is precompiled (.cppm to .pcm), not again
// when the .pcm is compiled to an object, which reads the same declarations back.
// RUN: rm -rf %t && mkdir %t && cp %s %t/loader.cppm
// RUN: %clangxx -std=c++20 -fplugin=%plugin --precompile %t/loader.cppm -o %t/loader.pcm 2>&1 | FileCheck %s --check-prefix=PRECOMPILE
// PRECOMPILE: loader.cppm:[[@LINE+14]]:9: warning: {{.*}}[greenlint-infer-load-in-loop]
// RUN: %clangxx -std=c++20 -fplugin=%plugin -c %t/loader.pcm -o %t/loader.o 2>&1 | count 0
// The object is still built.
// RUN: test -s %t/loader.o
module;
namespace torch::jit {
struct Module {};
Module load(const char *Path);
} // namespace torch::jit
export module loader;

export void reloadAll(const char *Path, int N) {
  for (int I = 0; I < N; ++I) {
    torch::jit::Module M =
        torch::jit::load(Path);
  }
}
