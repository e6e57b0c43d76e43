// RUN: %clangxx -std=c++17 -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,greenlint-model-unquantized-llm-weights -I%inputs/llama -Xclang -verify %s
// Opt-in: off unless enabled.
// RUN: %clangxx -std=c++17 -fsyntax-only -fplugin=%plugin -I%inputs/llama -Xclang -verify=off %s
// off-no-diagnostics
#include <llama.h>
#include <string>

llama_model *loadF16() {
  return llama_model_load_from_file("models/llama-3.1-8b-instruct-f16.gguf", llama_model_default_params()); // expected-warning {{'llama_model_load_from_file' loads unquantised F16 weights (about 16 GB for the 8 billion parameters its name states; about 4.5 GB at Q4_K_M), so every generated token streams the full-size tensors through memory; load a quantised GGUF}}
}

llama_model *loadOld(const std::string &Dir) {
  static const char Path[] = "ggml-model-BF16.gguf";
  llama_model *A = llama_load_model_from_file(Path, llama_model_default_params()); // expected-warning {{loads unquantised BF16 weights}}
  llama_model *B = llama_model_load_from_file((Dir + "/mistral-7b.F32.gguf").c_str(), llama_model_default_params()); // expected-warning {{loads unquantised F32 weights (about 28 GB for the 7 billion parameters its name states; about 3.94 GB at Q4_K_M)}}
  (void)A;
  return B;
}

// CLEAN: quantised files, and a path known only at run time.
llama_model *loadQuantised(const char *UserPath) {
  llama_model *A = llama_model_load_from_file("llama-3.1-8b-Q4_K_M.gguf", llama_model_default_params());
  llama_model *B = llama_model_load_from_file("phi-3-mini-q8_0.gguf", llama_model_default_params());
  (void)A;
  (void)B;
  return llama_model_load_from_file(UserPath, llama_model_default_params());
}

// CLEAN: a name that only mentions f16 elsewhere, and a non-const path
// variable that may be replaced before use.
llama_model *loadOther(bool Small) {
  llama_model *A = llama_model_load_from_file("f16-distilled-q4_k_m.gguf", llama_model_default_params());
  std::string Path = "model-f16.gguf";
  if (Small)
    Path = "model-q4_k_m.gguf";
  (void)A;
  return llama_model_load_from_file(Path.c_str(), llama_model_default_params());
}
