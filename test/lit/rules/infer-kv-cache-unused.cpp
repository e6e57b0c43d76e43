// RUN: %clangxx -std=c++17 -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,greenlint-infer-kv-cache-unused -I%inputs/llama -Xclang -verify=expected %s
// RUN: %clangxx %torch -DWITH_TORCH -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,greenlint-infer-kv-cache-unused -I%inputs/llama -Xclang -verify=expected,torch %s
#include <llama.h>
#include <vector>
#ifdef WITH_TORCH
#include <torch/script.h>
#include <torch/torch.h>
#endif

// llama.cpp: each step wipes the cache and decodes every token so far.
void regenerateAll(llama_context *Ctx, llama_sampler *Smpl,
                   std::vector<llama_token> Tokens, int MaxNew) {
  for (int I = 0; I < MaxNew; ++I) {
    llama_memory_clear(llama_get_memory(Ctx), true); // expected-note {{KV cache cleared here}}
    if (llama_decode(Ctx, llama_batch_get_one(Tokens.data(), Tokens.size()))) // expected-warning {{every generation step clears the KV cache and decodes all tokens so far, so the work per token grows with the sequence; keep the cache and decode only the new token}}
      break;
    llama_token Next = llama_sampler_sample(Smpl, Ctx, -1);
    Tokens.push_back(Next); // expected-note {{'Tokens' grows by one step here on each iteration}}
  }
}

// The same with the older cache API and the batch in a variable.
void regenerateAllOldApi(llama_context *Ctx, llama_sampler *Smpl,
                         std::vector<llama_token> &Tokens) {
  while (true) {
    llama_kv_cache_clear(Ctx); // expected-note {{KV cache cleared here}}
    llama_batch Batch = llama_batch_get_one(&Tokens[0], (int32_t)Tokens.size());
    llama_decode(Ctx, Batch); // expected-warning {{every generation step clears the KV cache}}
    llama_token Next = llama_sampler_sample(Smpl, Ctx, -1);
    if (Next == 2)
      break;
    Tokens.emplace_back(Next); // expected-note {{'Tokens' grows by one step}}
  }
}

// CLEAN: incremental decoding: the prompt once, then only the new token.
void incremental(llama_context *Ctx, llama_sampler *Smpl,
                 std::vector<llama_token> Tokens, int MaxNew) {
  llama_decode(Ctx, llama_batch_get_one(Tokens.data(), Tokens.size()));
  for (int I = 0; I < MaxNew; ++I) {
    llama_token Next = llama_sampler_sample(Smpl, Ctx, -1);
    Tokens.push_back(Next);
    llama_decode(Ctx, llama_batch_get_one(&Next, 1));
  }
}

// CLEAN: a loop over distinct prompts: the cache is cleared between
// unrelated requests, each prompt decoded once, and the generation loop
// inside feeds one token per step.
void answerEach(llama_context *Ctx, llama_sampler *Smpl,
                const std::vector<std::vector<llama_token>> &Prompts) {
  std::vector<llama_token> Tokens;
  for (const auto &Prompt : Prompts) {
    llama_memory_clear(llama_get_memory(Ctx), true);
    Tokens = Prompt;
    llama_decode(Ctx, llama_batch_get_one(Tokens.data(), Tokens.size()));
    for (int I = 0; I < 16; ++I) {
      llama_token Next = llama_sampler_sample(Smpl, Ctx, -1);
      Tokens.push_back(Next);
      llama_decode(Ctx, llama_batch_get_one(&Next, 1));
    }
  }
}

// CLEAN: context shift: the cache is rebuilt only when the window is full.
void contextShift(llama_context *Ctx, llama_sampler *Smpl,
                  std::vector<llama_token> Tokens, uint32_t NCtx) {
  for (int I = 0; I < 1000; ++I) {
    if (Tokens.size() >= NCtx) {
      Tokens.erase(Tokens.begin(), Tokens.begin() + NCtx / 2);
      llama_memory_clear(llama_get_memory(Ctx), true);
      llama_decode(Ctx, llama_batch_get_one(Tokens.data(), Tokens.size()));
    }
    llama_token Next = llama_sampler_sample(Smpl, Ctx, -1);
    Tokens.push_back(Next);
    llama_decode(Ctx, llama_batch_get_one(&Next, 1));
  }
}

#ifdef WITH_TORCH
struct TinyGptImpl : torch::nn::Module {
  torch::Tensor forward(torch::Tensor Ids) { return Ids.to(torch::kFloat); }
  std::pair<torch::Tensor, torch::Tensor> step(torch::Tensor Id,
                                               torch::Tensor Past);
};
TORCH_MODULE(TinyGpt);

// LibTorch: the sampled token is appended and the whole sequence re-run.
torch::Tensor greedy(TinyGpt Model, torch::Tensor Seq, int MaxNew) {
  torch::NoGradGuard Guard;
  for (int I = 0; I < MaxNew; ++I) {
    torch::Tensor Logits = Model->forward(Seq); // torch-warning {{forward pass re-runs the whole sequence 'Seq' for every new token, so the work per token grows with its length; cache the attention keys and values}}
    torch::Tensor Next = Logits.select(1, -1).argmax(-1, true);
    Seq = torch::cat({Seq, Next}, 1); // torch-note {{'Seq' grows by one step here}}
  }
  return Seq;
}

torch::Tensor greedyScript(torch::jit::Module &M, torch::Tensor Seq) {
  torch::NoGradGuard Guard;
  for (int I = 0; I < 32; ++I) {
    auto Out = M.forward({Seq}).toTensor(); // torch-warning {{forward pass re-runs the whole sequence 'Seq'}}
    Seq = torch::cat({Seq, Out.argmax(-1, true)}, /*dim=*/1); // torch-note {{'Seq' grows}}
  }
  return Seq;
}

// CLEAN: incremental decoding with a past state; only the new id goes in.
torch::Tensor withCache(TinyGpt Model, torch::Tensor Seq, torch::Tensor Past) {
  torch::NoGradGuard Guard;
  torch::Tensor Next = Seq.select(1, -1);
  for (int I = 0; I < 32; ++I) {
    auto [Logits, NewPast] = Model->step(Next, Past);
    Past = NewPast;
    Next = Logits.argmax(-1, true);
    Seq = torch::cat({Seq, Next}, 1);
  }
  return Seq;
}

// CLEAN: a batch loop over distinct prompts, each run once.
void scorePrompts(TinyGpt Model, const std::vector<torch::Tensor> &Prompts) {
  torch::NoGradGuard Guard;
  torch::Tensor All = torch::zeros({0});
  for (const torch::Tensor &P : Prompts) {
    torch::Tensor Score = Model->forward(P);
    All = torch::cat({All, Score.flatten()}, 0);
  }
}
#endif

// llama.cpp sessions: a prompt cache restored from a file, then the whole
// prompt decoded from the start without looking at what was restored.
void answerWithSession(llama_context *Ctx, const char *SessionPath,
                       std::vector<llama_token> Prompt, size_t NCtx) {
  std::vector<llama_token> Cached(NCtx);
  size_t NCached = 0;
  llama_state_load_file(Ctx, SessionPath, Cached.data(), Cached.capacity(), &NCached); // expected-warning {{'llama_state_load_file' restores a KV cache whose tokens are never read again, so the prompt is decoded in full anyway}}
  llama_decode(Ctx, llama_batch_get_one(Prompt.data(), (int32_t)Prompt.size())); // expected-note {{prompt decoded here}}
}

// The deprecated name, into a sequence-less buffer.
void answerWithOldSession(llama_context *Ctx, std::vector<llama_token> &Prompt) {
  llama_token Buffer[512];
  size_t Count = 0;
  llama_load_session_file(Ctx, "prompt.bin", Buffer, 512, &Count); // expected-warning {{'llama_load_session_file' restores a KV cache whose tokens are never read again}}
  llama_batch Batch = llama_batch_get_one(Prompt.data(), (int32_t)Prompt.size());
  llama_decode(Ctx, Batch); // expected-note {{prompt decoded here}}
}

// CLEAN: the main example's shape: the restored tokens are kept, compared
// with the prompt, and only the rest is decoded.
void answerFromPrefix(llama_context *Ctx, const char *SessionPath,
                      std::vector<llama_token> Prompt, size_t NCtx) {
  std::vector<llama_token> Cached(NCtx);
  size_t NCached = 0;
  if (!llama_state_load_file(Ctx, SessionPath, Cached.data(), Cached.capacity(), &NCached))
    return;
  Cached.resize(NCached);
  size_t Same = 0;
  while (Same < Cached.size() && Same < Prompt.size() && Cached[Same] == Prompt[Same])
    ++Same;
  llama_decode(Ctx, llama_batch_get_one(Prompt.data() + Same, (int32_t)(Prompt.size() - Same)));
}

// CLEAN: a session restored to answer from the cache alone (no decode of a
// prompt after it).
void restoreOnly(llama_context *Ctx, const char *SessionPath, std::vector<llama_token> &Out) {
  size_t N = 0;
  llama_state_load_file(Ctx, SessionPath, Out.data(), Out.capacity(), &N);
}

// CLEAN: the restored count used to position the next decode.
void continueSession(llama_context *Ctx, llama_token Next) {
  llama_token Buffer[256];
  size_t Count = 0;
  llama_state_load_file(Ctx, "s.bin", Buffer, 256, &Count);
  if (Count > 0)
    llama_decode(Ctx, llama_batch_get_one(&Next, 1));
}
