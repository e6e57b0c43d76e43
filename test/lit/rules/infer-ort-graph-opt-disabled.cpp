// The lit tests live under test/, which the default TestFileRegex treats as
// test code: the first runs check every file, the last keeps the default.
// RUN: echo "options: {infer-ort-graph-opt-disabled: {TestFileRegex: '^never-a-path'}}" > %t.yaml
// RUN: %clangxx -std=c++17 -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,greenlint-infer-ort-graph-opt-disabled -fplugin-arg-greenlint-config=%t.yaml -I%inputs/onnxruntime -Xclang -verify=expected %s
// RUN: echo "options: {infer-ort-graph-opt-disabled: {TestFileRegex: '^never-a-path', ReportBasic: true}}" > %t.basic.yaml
// RUN: %clangxx -std=c++17 -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,greenlint-infer-ort-graph-opt-disabled -fplugin-arg-greenlint-config=%t.basic.yaml -I%inputs/onnxruntime -Xclang -verify=expected,basic %s
// RUN: %clangxx -std=c++17 -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,greenlint-infer-ort-graph-opt-disabled -I%inputs/onnxruntime -Xclang -verify=testdir %s
// testdir-no-diagnostics
#include <onnxruntime_cxx_api.h>

Ort::Session makeSession(Ort::Env &Env, const char *Path) {
  Ort::SessionOptions Opts;
  Opts.SetIntraOpNumThreads(4);
  Opts.SetGraphOptimizationLevel(GraphOptimizationLevel::ORT_DISABLE_ALL); // expected-warning {{graph optimisation level ORT_DISABLE_ALL makes every inference run the unfused graph (no constant folding or operator fusion); use ORT_ENABLE_ALL}}
  return Ort::Session(Env, Path, Opts);
}

void configure(Ort::SessionOptions &Opts) {
  Opts.SetGraphOptimizationLevel(ORT_DISABLE_ALL).SetInterOpNumThreads(1); // expected-warning {{level ORT_DISABLE_ALL}}
}

void configureBasic(Ort::SessionOptions &Opts) {
  Opts.SetGraphOptimizationLevel(ORT_ENABLE_BASIC); // basic-warning {{graph optimisation level ORT_ENABLE_BASIC}}
}

// The C API through the function table.
void configureC(const OrtApi *Api, OrtSessionOptions *Opts) {
  Api->SetSessionGraphOptimizationLevel(Opts, ORT_DISABLE_ALL); // expected-warning {{level ORT_DISABLE_ALL}}
}

// CLEAN: the level is chosen at run time (a debug switch).
void configureFlag(Ort::SessionOptions &Opts, bool Debug) {
  Opts.SetGraphOptimizationLevel(Debug ? ORT_DISABLE_ALL : ORT_ENABLE_ALL);
}

// CLEAN: an if/else choosing between levels in one function.
void configureBranch(Ort::SessionOptions &Opts, bool Parity) {
  if (Parity)
    Opts.SetGraphOptimizationLevel(ORT_DISABLE_ALL);
  else
    Opts.SetGraphOptimizationLevel(ORT_ENABLE_EXTENDED);
}

// CLEAN: the model was optimised offline (ORT format); optimising it again
// at load would only cost start-up time.
Ort::Session loadOptimized(Ort::Env &Env) {
  Ort::SessionOptions Opts;
  Opts.SetGraphOptimizationLevel(ORT_DISABLE_ALL);
  return Ort::Session(Env, "model.ort", Opts);
}

// CLEAN: full optimisation, and a comparison that sets nothing.
void configureAll(Ort::SessionOptions &Opts, GraphOptimizationLevel L) {
  Opts.SetGraphOptimizationLevel(ORT_ENABLE_ALL);
  if (L == ORT_DISABLE_ALL)
    Opts.SetGraphOptimizationLevel(ORT_ENABLE_ALL);
}

// CLEAN: gtest bodies are test code wherever the file lives.
struct Ort_Parity_Test {
  void TestBody() {
    Ort::SessionOptions Opts;
    Opts.SetGraphOptimizationLevel(ORT_DISABLE_ALL);
  }
};
