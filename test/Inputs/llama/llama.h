// Minimal stand-in for llama.cpp's include/llama.h, written for greenlint's
// lit tests: the public C names and signatures the rules match, nothing else.
// Debian 12 ships no llama.cpp, so tests include this file instead.
#ifndef GREENLINT_TEST_INPUTS_LLAMA_H
#define GREENLINT_TEST_INPUTS_LLAMA_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct llama_model;
struct llama_context;
struct llama_vocab;
struct llama_sampler;
struct llama_memory_i;
typedef struct llama_memory_i *llama_memory_t;

typedef int32_t llama_pos;
typedef int32_t llama_token;
typedef int32_t llama_seq_id;

typedef struct llama_batch {
  int32_t n_tokens;
  llama_token *token;
  float *embd;
  llama_pos *pos;
  int32_t *n_seq_id;
  llama_seq_id **seq_id;
  int8_t *logits;
} llama_batch;

struct llama_model_params {
  int32_t n_gpu_layers;
  bool vocab_only;
  bool use_mmap;
  bool use_mlock;
};

struct llama_context_params {
  uint32_t n_ctx;
  uint32_t n_batch;
  uint32_t n_ubatch;
  uint32_t n_seq_max;
  int32_t n_threads;
  int32_t n_threads_batch;
  bool embeddings;
  bool offload_kqv;
};

struct llama_model_params llama_model_default_params(void);
struct llama_context_params llama_context_default_params(void);
void llama_backend_init(void);
void llama_backend_free(void);

// Loading a model and creating a context.
struct llama_model *llama_model_load_from_file(const char *path_model,
                                               struct llama_model_params params);
struct llama_model *llama_model_load_from_splits(const char **paths,
                                                 size_t n_paths,
                                                 struct llama_model_params params);
// Older names, still found in code written against earlier releases.
struct llama_model *llama_load_model_from_file(const char *path_model,
                                               struct llama_model_params params);
struct llama_context *llama_init_from_model(struct llama_model *model,
                                            struct llama_context_params params);
struct llama_context *
llama_new_context_with_model(struct llama_model *model,
                             struct llama_context_params params);
void llama_model_free(struct llama_model *model);
void llama_free_model(struct llama_model *model);
void llama_free(struct llama_context *ctx);

const struct llama_vocab *llama_model_get_vocab(const struct llama_model *model);
int32_t llama_tokenize(const struct llama_vocab *vocab, const char *text,
                       int32_t text_len, llama_token *tokens,
                       int32_t n_tokens_max, bool add_special,
                       bool parse_special);
bool llama_vocab_is_eog(const struct llama_vocab *vocab, llama_token token);

// Batches and decoding.
struct llama_batch llama_batch_get_one(llama_token *tokens, int32_t n_tokens);
struct llama_batch llama_batch_init(int32_t n_tokens, int32_t embd,
                                    int32_t n_seq_max);
void llama_batch_free(struct llama_batch batch);
int32_t llama_encode(struct llama_context *ctx, struct llama_batch batch);
int32_t llama_decode(struct llama_context *ctx, struct llama_batch batch);
float *llama_get_logits(struct llama_context *ctx);
float *llama_get_logits_ith(struct llama_context *ctx, int32_t i);

// The KV cache ("memory"): current and older names.
llama_memory_t llama_get_memory(const struct llama_context *ctx);
void llama_memory_clear(llama_memory_t mem, bool data);
bool llama_memory_seq_rm(llama_memory_t mem, llama_seq_id seq_id, llama_pos p0,
                         llama_pos p1);
void llama_kv_self_clear(struct llama_context *ctx);
void llama_kv_cache_clear(struct llama_context *ctx);

// Sessions: the KV cache and its tokens saved to and restored from a file.
bool llama_state_load_file(struct llama_context *ctx, const char *path_session,
                           llama_token *tokens_out, size_t n_token_capacity,
                           size_t *n_token_count_out);
bool llama_load_session_file(struct llama_context *ctx,
                             const char *path_session, llama_token *tokens_out,
                             size_t n_token_capacity,
                             size_t *n_token_count_out);
size_t llama_state_seq_load_file(struct llama_context *ctx,
                                 const char *filepath,
                                 llama_seq_id dest_seq_id,
                                 llama_token *tokens_out,
                                 size_t n_token_capacity,
                                 size_t *n_token_count_out);
bool llama_state_save_file(struct llama_context *ctx, const char *path_session,
                           const llama_token *tokens, size_t n_token_count);

// Sampling.
struct llama_sampler_chain_params {
  bool no_perf;
};
struct llama_sampler_chain_params llama_sampler_chain_default_params(void);
struct llama_sampler *
llama_sampler_chain_init(struct llama_sampler_chain_params params);
void llama_sampler_chain_add(struct llama_sampler *chain,
                             struct llama_sampler *smpl);
struct llama_sampler *llama_sampler_init_greedy(void);
llama_token llama_sampler_sample(struct llama_sampler *smpl,
                                 struct llama_context *ctx, int32_t idx);
void llama_sampler_free(struct llama_sampler *smpl);

#ifdef __cplusplus
}
#endif

#endif
