// A llama.cpp model re-loaded for each of 10 prompts: the file name says
// 7 billion parameters at Q4_K_M (4.5 bits), 3.9375 GB of weights.
#include <llama.h>

void answer(const char *const Prompts[10]) {
  llama_model_params Params = llama_model_default_params();
  for (int I = 0; I < 10; ++I) {
    llama_model *Model =
        llama_model_load_from_file("models/llama-2-7b.Q4_K_M.gguf", Params);
    (void)Prompts[I];
    llama_model_free(Model);
  }
}
