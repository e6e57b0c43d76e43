// llama.cpp models from their GGUF names, XGBoost ensembles from their
// training loops, and what stays unknown.
//
// RUN: %clangxx -std=c++17 -fsyntax-only -I%inputs/llama -fplugin=%plugin -fplugin-arg-greenlint-rules=-* -fplugin-arg-greenlint-estimates -fplugin-arg-greenlint-profile=nvidia-a100-sxm4-80gb %s 2>&1 | FileCheck %s --implicit-check-not=remark:
// Default budgets cover models defined in code, not model files:
// RUN: %clangxx -std=c++17 -fsyntax-only -I%inputs/llama -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,model-oversized %s 2>&1 | FileCheck %s --check-prefix=DEFAULT --allow-empty --implicit-check-not=warning:
// A configured budget applies to them too:
// RUN: printf 'budgets: {weight_bytes: 1e9}\n' > %t.yaml
// RUN: %clangxx -std=c++17 -fsyntax-only -I%inputs/llama -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,model-oversized -fplugin-arg-greenlint-config=%t.yaml %s 2>&1 | FileCheck %s --check-prefix=BUDGET --implicit-check-not=warning:
#include <llama.h>
#include <xgboost/c_api.h>

llama_model *loadChat() {
  // 8e9 x 4.5 bits (Q4_K blocks: 144 bytes per 256 weights) = 4.5 GB;
  // 2 x 8e9 = 16 GFLOP per token; 400 W x (16e9 / 156e12 + 4.5e9 / 1.6312e12)
  // = 1.14 J per token on an A100.
  return llama_model_load_from_file("models/llama-3.1-8b-instruct-Q4_K_M.gguf",
                                    llama_model_default_params());
  // CHECK: :[[@LINE-2]]:10: remark: greenlint estimate: model 'llama-3.1-8b-instruct-Q4_K_M.gguf' (llama.cpp): 8,000,000,000 parameters, 4.5 GB of weights at Q4_K_M, 16 GFLOP per sample (one token (2 x parameters, Kaplan et al. 2020)), 1.14 J per call on nvidia-a100-sxm4-80gb
  // BUDGET: :[[@LINE-3]]:10: warning: model 'llama-3.1-8b-instruct-Q4_K_M.gguf' is over budget: 4.5 GB of weights at Q4_K_M (budget 1 GB in
}

llama_model *loadTiny() {
  // 0.5e9 x 8.5 bits = 531 MB: under the budget.
  return llama_model_load_from_file("qwen2-0.5b-q8_0.gguf",
                                    llama_model_default_params());
  // CHECK: :[[@LINE-2]]:10: remark: greenlint estimate: model 'qwen2-0.5b-q8_0.gguf' (llama.cpp): 500,000,000 parameters, 531 MB of weights at Q8_0
}

llama_model *loadUnnamedSize() {
  return llama_model_load_from_file("assistant.F16.gguf",
                                    llama_model_default_params());
  // CHECK: :[[@LINE-2]]:10: remark: greenlint estimate: model 'assistant.F16.gguf' (llama.cpp): size unknown; not estimated: parameters: the file name states no size (such as 7b)
}

llama_model *loadUnknownLayout() {
  // IQ2_XXS's block layout is not in the table: no weight bytes, no joules.
  return llama_model_load_from_file("m-7b-IQ2_XXS.gguf",
                                    llama_model_default_params());
  // CHECK: :[[@LINE-2]]:10: remark: greenlint estimate: model 'm-7b-IQ2_XXS.gguf' (llama.cpp): 7,000,000,000 parameters, 14 GFLOP per sample (one token (2 x parameters, Kaplan et al. 2020)); not estimated: weight bytes: the block layout of IQ2_XXS is not in greenlint's table
}

llama_model *loadFromUser(const char *Path) {
  // A path known only at run time: no model to estimate.
  return llama_model_load_from_file(Path, llama_model_default_params());
}

void train(DMatrixHandle Train) {
  BoosterHandle Booster;
  XGBoosterCreate(&Train, 1, &Booster);
  XGBoosterSetParam(Booster, "max_depth", "4");
  XGBoosterSetParam(Booster, "objective", "multi:softprob");
  XGBoosterSetParam(Booster, "num_class", "3");
  // 50 rounds x 3 classes = 150 trees, each at most 2^5 - 1 = 31 nodes.
  for (int Round = 0; Round < 50; ++Round)
    XGBoosterUpdateOneIter(Booster, Round, Train);
  // CHECK: :[[@LINE-1]]:5: remark: greenlint estimate: model 'booster trained at llama-xgboost.cpp:[[@LINE-1]]' (xgboost): 150 trees of depth <= 4 (50 rounds): at most 4,650 nodes and 600 comparisons per sample
}

void trainUntil(DMatrixHandle Train, int Rounds) {
  BoosterHandle Booster;
  XGBoosterCreate(&Train, 1, &Booster);
  for (int Round = 0; Round < Rounds; ++Round)
    XGBoosterUpdateOneIter(Booster, Round, Train);
  // CHECK: :[[@LINE-1]]:5: remark: greenlint estimate: model 'booster trained at llama-xgboost.cpp:[[@LINE-1]]' (xgboost): size unknown; not estimated: ensemble size (line [[@LINE-1]]): the number of boosting rounds is not a constant count
}

// DEFAULT-NOT: warning
