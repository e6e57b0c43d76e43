// RUN: %clangxx -std=c++17 -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,greenlint-infer-llama-tokenwise-prompt -I%inputs/llama -Xclang -verify %s
#include <llama.h>
#include <vector>

// The prompt fed one token per decode call, by range and by index.
void ingest(llama_context *Ctx, std::vector<llama_token> Prompt) {
  for (llama_token Tok : Prompt) { // expected-note {{loop over the prompt tokens is here}}
    llama_decode(Ctx, llama_batch_get_one(&Tok, 1)); // expected-warning {{the tokens of 'Prompt' are decoded one per llama_decode call; decode them in one batch}}
  }
  for (size_t I = 0; I < Prompt.size(); ++I) // expected-note {{loop over the prompt tokens is here}}
    if (llama_decode(Ctx, llama_batch_get_one(&Prompt[I], 1)) != 0) // expected-warning {{the tokens of 'Prompt' are decoded one per llama_decode call}}
      return;
}

void ingestArray(llama_context *Ctx, llama_token *Tokens, int N) {
  for (int I = 0; I < N; ++I) // expected-note {{loop over the prompt tokens}}
    llama_decode(Ctx, llama_batch_get_one(&Tokens[I], 1)); // expected-warning {{the tokens of 'Tokens' are decoded one per}}
}

llama_context *makeContext(llama_model *Model) {
  llama_context_params P = llama_context_default_params();
  P.n_ctx = 4096;
  P.n_batch = 1; // expected-warning {{'n_batch = 1' makes llama_decode take one token per call, so prompts are processed token by token}}
  P.n_ubatch = 1; // expected-warning {{'n_ubatch = 1' makes llama_decode}}
  return llama_init_from_model(Model, P);
}

// CLEAN: generation decodes the one token it just sampled.
void generate(llama_context *Ctx, llama_sampler *Smpl,
              std::vector<llama_token> Prompt) {
  llama_decode(Ctx, llama_batch_get_one(Prompt.data(), Prompt.size()));
  for (int I = 0; I < 64; ++I) {
    llama_token Next = llama_sampler_sample(Smpl, Ctx, -1);
    llama_decode(Ctx, llama_batch_get_one(&Next, 1));
  }
}

// CLEAN: generation that walks the growing output by index (the new token
// is pushed, then decoded).
void generateByIndex(llama_context *Ctx, std::vector<llama_token> &Out,
                     llama_token (*pick)(llama_context *)) {
  for (size_t I = Out.size() - 1; I < 64; ++I) {
    llama_decode(Ctx, llama_batch_get_one(&Out[I], 1));
    Out.push_back(pick(Ctx));
  }
}

// CLEAN: a loop over separate one-token requests (each is its own sequence)
// and batch sizes that are not 1.
void scoreSingles(llama_context *Ctx, llama_token Bos, int Rounds) {
  for (int R = 0; R < Rounds; ++R)
    llama_decode(Ctx, llama_batch_get_one(&Bos, 1));
  llama_context_params P = llama_context_default_params();
  P.n_batch = 512;
  P.n_seq_max = 1;
}
