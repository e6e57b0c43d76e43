// infer-load-in-loop over the API data of ONNX Runtime, llama.cpp, TensorRT
// and OpenCV dnn (rules/apis/*.yaml).
// RUN: %clangxx -std=c++17 -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,infer-load-in-loop -I%inputs/onnxruntime -I%inputs/llama -I%inputs/tensorrt -I/usr/include/opencv4 -Xclang -verify %s
#include <NvInfer.h>
#include <llama.h>
#include <onnxruntime_cxx_api.h>
#include <opencv2/dnn.hpp>
#include <string>
#include <vector>

std::vector<Ort::Value> nextInputs();
cv::Mat nextFrame();
bool keepServing();

// ONNX Runtime: a session (graph parse + optimisation) per request.
void ortServe(Ort::Env &Env, const Ort::SessionOptions &Opts,
              const char *ModelPath, const char *const *In,
              const char *const *Out) {
  while (keepServing()) { // expected-note {{loop is here}}
    Ort::Session Session(Env, ModelPath, Opts); // expected-warning {{'Ort::Session' loads the same model on every iteration of this loop}}
    std::vector<Ort::Value> X = nextInputs();
    Session.Run(Ort::RunOptions{nullptr}, In, X.data(), X.size(), Out, 1);
  }
}

// llama.cpp: the GGUF file and a fresh context for every prompt.
void llamaAnswer(const std::vector<std::string> &Prompts, const char *Path) {
  llama_model_params MP = llama_model_default_params();
  llama_context_params CP = llama_context_default_params();
  for (const std::string &Prompt : Prompts) { // expected-note {{loop is here}}
    llama_model *Model = llama_model_load_from_file(Path, MP); // expected-warning {{'llama_model_load_from_file' loads the same model on every iteration}}
    llama_context *Ctx = llama_init_from_model(Model, CP);
    llama_free(Ctx);
    llama_model_free(Model);
    (void)Prompt;
  }
  for (int I = 0; I < 4; ++I) { // expected-note {{loop is here}}
    llama_model *Model = llama_load_model_from_file("model-q4_k_m.gguf", MP); // expected-warning {{'llama_load_model_from_file' loads the same model}}
    llama_free_model(Model);
  }
}

// A context re-created for every prompt over one model.
void llamaContextPerPrompt(llama_model *Model, int Prompts) {
  llama_context_params CP = llama_context_default_params();
  for (int I = 0; I < Prompts; ++I) { // expected-note {{loop is here}}
    llama_context *Ctx = llama_new_context_with_model(Model, CP); // expected-warning {{'llama_new_context_with_model' loads the same model}}
    llama_free(Ctx);
  }
}

// TensorRT: the serialized engine deserialized per frame, and an engine
// built (kernel autotuning) per frame.
void trtFrames(nvinfer1::IRuntime *Runtime, nvinfer1::IBuilder *Builder,
               nvinfer1::INetworkDefinition &Net,
               nvinfer1::IBuilderConfig &Config, const std::vector<char> &Plan,
               int Frames) {
  for (int I = 0; I < Frames; ++I) { // expected-note {{loop is here}}
    nvinfer1::ICudaEngine *Engine =
        Runtime->deserializeCudaEngine(Plan.data(), Plan.size()); // expected-warning {{'deserializeCudaEngine' loads the same model}}
    // Not reported: Net and Config are passed by non-const reference, which
    // the invariance check counts as a change in the loop.
    nvinfer1::IHostMemory *Blob = Builder->buildSerializedNetwork(Net, Config);
    (void)Engine;
    (void)Blob;
  }
}

// OpenCV dnn: the network re-read for every video frame.
void opencvFrames(const std::string &Weights) {
  for (;;) { // expected-note 2 {{loop is here}}
    cv::dnn::Net Net = cv::dnn::readNetFromONNX(Weights); // expected-warning {{'cv::dnn::readNetFromONNX' loads the same model}}
    cv::dnn::Net Det = cv::dnn::readNet("yolo.weights", "yolo.cfg"); // expected-warning {{'cv::dnn::readNet' loads the same model}}
    Net.setInput(nextFrame());
    cv::Mat Out = Net.forward();
    if (Out.empty())
      break;
  }
}

// CLEAN: one session per distinct model file (an ensemble); the Env is
// shared and says nothing about which model is loaded.
void ortEnsemble(Ort::Env &Env, const Ort::SessionOptions &Opts,
                 const std::vector<std::string> &Paths) {
  std::vector<Ort::Session> Sessions;
  for (const std::string &Path : Paths)
    Sessions.emplace_back(Env, Path.c_str(), Opts);
  for (size_t I = 0; I < Paths.size(); ++I) {
    Ort::Session S(Env, Paths[I].c_str(), Opts);
    Sessions.push_back(std::move(S));
  }
}


// CLEAN: a model zoo benchmark: every GGUF and every engine plan is distinct.
void llamaZoo(const std::vector<std::string> &Files) {
  llama_model_params MP = llama_model_default_params();
  for (const std::string &F : Files) {
    llama_model *M = llama_model_load_from_file(F.c_str(), MP);
    llama_model_free(M);
  }
}
void trtZoo(nvinfer1::IRuntime *Runtime,
            const std::vector<std::vector<char>> &Plans) {
  for (const std::vector<char> &Plan : Plans)
    Runtime->deserializeCudaEngine(Plan.data(), Plan.size());
}

// CLEAN: one context per distinct configuration (context sizes to compare).
void llamaPerConfig(llama_model *Model, const std::vector<uint32_t> &Sizes) {
  for (uint32_t NCtx : Sizes) {
    llama_context_params CP = llama_context_default_params();
    CP.n_ctx = NCtx;
    llama_context *Ctx = llama_init_from_model(Model, CP);
    llama_free(Ctx);
  }
}

// CLEAN: OpenCV nets for distinct (config, weights) pairs, and a net read
// once before the frame loop.
void opencvModels(const std::vector<std::string> &Cfgs,
                  const std::vector<std::string> &Weights) {
  for (size_t I = 0; I < Cfgs.size(); ++I)
    cv::dnn::readNetFromDarknet(Cfgs[I], Weights[I]);
  cv::dnn::Net Net = cv::dnn::readNet("face.onnx");
  for (int F = 0; F < 100; ++F) {
    Net.setInput(nextFrame());
    Net.forward();
  }
}

// CLEAN: an empty session placeholder and a moved session load nothing.
void ortPlaceholders(std::vector<Ort::Session> &Pool, int N) {
  for (int I = 0; I < N; ++I) {
    Ort::Session Empty{nullptr};
    Ort::Session Taken(std::move(Pool[0]));
  }
}

// Through the project's own code: the load sits one or two calls away from
// the loop that repeats it.
cv::dnn::Net loadDetector(const std::string &Path) {
  return cv::dnn::readNetFromONNX(Path); // expected-note 2 {{'cv::dnn::readNetFromONNX' loads the model here}}
}
cv::dnn::Net loadDefaultDetector() { return loadDetector("face.onnx"); }
struct FaceFinder {
  cv::dnn::Net Net;
  explicit FaceFinder(const std::string &Weights)
      : Net(cv::dnn::readNet(Weights)) {} // expected-note {{'cv::dnn::readNet' loads the model here}}
  cv::Mat find(const cv::Mat &Frame) {
    Net.setInput(Frame);
    return Net.forward();
  }
};
llama_model *openLlm(const char *Path) {
  // An inline default-parameter factory gives the same value every time.
  return llama_model_load_from_file(Path, llama_model_default_params()); // expected-note {{'llama_model_load_from_file' loads the model here}}
}
void helperLoadsPerFrame(const std::string &Weights, int Frames) {
  for (int I = 0; I < Frames; ++I) { // expected-note 3 {{loop is here}}
    cv::dnn::Net Net = loadDetector(Weights); // expected-warning {{'loadDetector' loads the same model on every iteration of this loop (through 'cv::dnn::readNetFromONNX')}}
    cv::dnn::Net Def = loadDefaultDetector(); // expected-warning {{'loadDefaultDetector' loads the same model on every iteration}}
    FaceFinder Finder(Weights); // expected-warning {{'FaceFinder' loads the same model on every iteration of this loop (through 'cv::dnn::readNet')}}
    Finder.find(nextFrame());
    (void)Net;
    (void)Def;
  }
}
void llmPerPrompt(const std::vector<std::string> &Prompts) {
  for (const std::string &P : Prompts) { // expected-note 2 {{loop is here}}
    llama_model *M = openLlm("model-q4_k_m.gguf"); // expected-warning {{'openLlm' loads the same model on every iteration}}
    llama_model *Direct = llama_model_load_from_file("m.gguf", llama_model_default_params()); // expected-warning {{'llama_model_load_from_file' loads the same model on every iteration}}
    llama_model_free(M);
    llama_model_free(Direct);
    (void)P;
  }
}

// CLEAN: helpers over distinct files, a helper that caches its network (a
// static local, or a member loaded on first use), and a helper whose path
// comes from a call the analysis cannot see through.
cv::dnn::Net &cachedDetector(const std::string &Path) {
  static cv::dnn::Net Net = cv::dnn::readNet(Path);
  return Net;
}
struct LazyDetector {
  std::string Path;
  cv::dnn::Net Net;
  bool Loaded = false;
  cv::dnn::Net &get() {
    if (!Loaded) {
      Net = cv::dnn::readNet(Path);
      Loaded = true;
    }
    return Net;
  }
};
std::string nextModelPath();
cv::dnn::Net loadNext() { return cv::dnn::readNet(nextModelPath()); }
void helperTraps(const std::vector<std::string> &Paths, LazyDetector &Lazy) {
  for (const std::string &P : Paths)
    loadDetector(P);
  for (size_t I = 0; I < Paths.size(); ++I)
    FaceFinder Finder(Paths[I]);
  for (int I = 0; I < 10; ++I) {
    cachedDetector("face.onnx").setInput(nextFrame());
    Lazy.get().forward();
    loadNext();
  }
  for (;;) {
    try {
      loadDetector("face.onnx");
    } catch (const cv::Exception &) {
      continue;
    }
    break;
  }
}
