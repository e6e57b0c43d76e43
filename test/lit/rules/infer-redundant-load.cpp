// infer-redundant-load: a model loaded twice in one function, or loaded and
// never used (llama.cpp, whisper.cpp, ONNX Runtime API data).
// RUN: %clangxx -std=c++17 -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,greenlint-infer-redundant-load -I%inputs/llama -I%inputs/whisper -I%inputs/onnxruntime -Xclang -verify %s
// RUN: %clangxx -std=c++17 -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,greenlint-infer-redundant-load -I%inputs/llama -I%inputs/whisper -I%inputs/onnxruntime %s 2>&1 | FileCheck --check-prefix=ID %s
// ID: [greenlint-infer-redundant-load]
#include <filesystem>
#include <llama.h>
#include <onnxruntime_cxx_api.h>
#include <string>
#include <whisper.h>

struct Args {
  std::string ModelPath;
  int GpuLayers = 0;
};
int countTokens(const llama_model *Model, const std::string &Text);
void printInfo(const llama_model *Model);
void transcribe(whisper_context *Ctx);

// A tool that loads the model once to print its metadata and then again to
// run: the second load re-reads the same GGUF file.
int runTool(const Args &A, const std::string &Prompt) {
  llama_model_params MParams = llama_model_default_params();
  llama_model *Info = llama_model_load_from_file(A.ModelPath.c_str(), MParams); // expected-note {{first loaded here}}
  printInfo(Info);
  llama_model_free(Info);
  llama_model *Model = llama_model_load_from_file(A.ModelPath.c_str(), MParams); // expected-warning {{'llama_model_load_from_file' loads the same model again (already loaded on line 24); reuse the first one}}
  int N = countTokens(Model, Prompt);
  llama_model_free(Model);
  return N;
}

// Two ONNX Runtime sessions of one literal path.
void twoSessions(const Ort::Env &Env) {
  Ort::SessionOptions Opts;
  Ort::Session Encoder(Env, "encoder.onnx", Opts); // expected-note {{first loaded here}}
  Ort::Session Again(Env, "encoder.onnx", Opts); // expected-warning {{'Ort::Session' loads the same model again}}
  (void)Encoder;
  (void)Again;
}

// A model loaded into a local and never used: only freed.
void warmUp(const char *Path) {
  whisper_context *Ctx = whisper_init_from_file_with_params(Path, whisper_context_default_params()); // expected-warning {{'whisper_init_from_file_with_params' loads a model into 'Ctx', which is never used}}
}

// CLEAN: an encoder and a decoder, two files.
void encoderDecoder(const Ort::Env &Env) {
  Ort::SessionOptions Opts;
  Ort::Session Encoder(Env, "encoder.onnx", Opts);
  Ort::Session Decoder(Env, "decoder.onnx", Opts);
  (void)Encoder;
  (void)Decoder;
}

// CLEAN: speculative decoding, a target and a draft model from two
// variables.
void speculative(const Args &Target, const Args &Draft) {
  llama_model_params MParams = llama_model_default_params();
  llama_model *Big = llama_model_load_from_file(Target.ModelPath.c_str(), MParams);
  llama_model *Small = llama_model_load_from_file(Draft.ModelPath.c_str(), MParams);
  printInfo(Big);
  printInfo(Small);
}

// CLEAN: a reload after a file-change check.
void hotReload(const std::string &Path, std::filesystem::file_time_type Seen) {
  whisper_context *Ctx = whisper_init_from_file_with_params(Path.c_str(), whisper_context_default_params());
  transcribe(Ctx);
  if (std::filesystem::last_write_time(Path) == Seen)
    return;
  whisper_free(Ctx);
  Ctx = whisper_init_from_file_with_params(Path.c_str(), whisper_context_default_params());
  transcribe(Ctx);
}

// CLEAN: one load in each of two alternative branches (GPU or CPU).
llama_model *loadFor(const Args &A, bool UseGpu) {
  llama_model_params MParams = llama_model_default_params();
  if (UseGpu) {
    MParams.n_gpu_layers = 99;
    return llama_model_load_from_file(A.ModelPath.c_str(), MParams);
  } else {
    return llama_model_load_from_file(A.ModelPath.c_str(), MParams);
  }
}

// CLEAN: the same path with other parameters: a fallback configuration.
llama_model *loadWithFallback(const Args &A) {
  llama_model_params MParams = llama_model_default_params();
  MParams.n_gpu_layers = A.GpuLayers;
  llama_model *Model = llama_model_load_from_file(A.ModelPath.c_str(), MParams);
  if (Model)
    return Model;
  MParams.n_gpu_layers = 0;
  return llama_model_load_from_file(A.ModelPath.c_str(), MParams);
}

// CLEAN: a second model of a list, the path variable reassigned.
void twoOfList(std::string Path, const std::string &Next) {
  whisper_context *A = whisper_init_from_file_with_params(Path.c_str(), whisper_context_default_params());
  transcribe(A);
  Path = Next;
  whisper_context *B = whisper_init_from_file_with_params(Path.c_str(), whisper_context_default_params());
  transcribe(B);
}

// CLEAN: a second context over the same loaded model, to restore a saved
// state into it (llama.cpp's save-load-state example does this).
void restoreIntoSecondContext(llama_model *Model) {
  llama_context_params CParams = llama_context_default_params();
  llama_context *First = llama_init_from_model(Model, CParams);
  llama_context *Second = llama_init_from_model(Model, CParams);
  llama_free(First);
  llama_free(Second);
}
