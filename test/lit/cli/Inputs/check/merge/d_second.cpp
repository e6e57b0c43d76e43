// The header's second loader, and a model reloaded in a loop, whose finding
// carries a waste estimate.
#include "shared.h"
#include <llama.h>

void second(const char *Path, int Rounds) { secondLoader(Path, Rounds); }

void answer(const char *const Prompts[10]) {
  llama_model_params Params = llama_model_default_params();
  for (int I = 0; I < 10; ++I) {
    llama_model *Model =
        llama_model_load_from_file("models/llama-2-7b.Q4_K_M.gguf", Params);
    (void)Prompts[I];
    llama_model_free(Model);
  }
}
