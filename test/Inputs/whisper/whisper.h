// Minimal stand-in for whisper.cpp's include/whisper.h, written for
// greenlint's lit tests: the real public names and signatures of the C API
// the rules match (context and state creation, transcription, freeing), a
// few fields of the parameter structs, and no implementation. Debian 12
// ships no whisper.cpp.
#ifndef GREENLINT_TEST_INPUTS_WHISPER_H
#define GREENLINT_TEST_INPUTS_WHISPER_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct whisper_context;
struct whisper_state;

typedef int32_t whisper_token;

struct whisper_context_params {
  bool use_gpu;
  bool flash_attn;
  int gpu_device;
};

enum whisper_sampling_strategy {
  WHISPER_SAMPLING_GREEDY,
  WHISPER_SAMPLING_BEAM_SEARCH,
};

struct whisper_full_params {
  enum whisper_sampling_strategy strategy;
  int n_threads;
  int n_max_text_ctx;
  bool translate;
  bool no_context;
  const char *language;
};

struct whisper_context_params whisper_context_default_params(void);
struct whisper_full_params
whisper_full_default_params(enum whisper_sampling_strategy strategy);

// Context creation: reads the model file (or buffer) and, except for the
// _no_state variants, allocates a decoding state.
struct whisper_context *
whisper_init_from_file_with_params(const char *path_model,
                                   struct whisper_context_params params);
struct whisper_context *
whisper_init_from_buffer_with_params(void *buffer, size_t buffer_size,
                                     struct whisper_context_params params);
struct whisper_context *
whisper_init_from_file_with_params_no_state(const char *path_model,
                                            struct whisper_context_params params);
// Deprecated names, still common in older code.
struct whisper_context *whisper_init_from_file(const char *path_model);
struct whisper_context *whisper_init_from_buffer(void *buffer,
                                                 size_t buffer_size);

struct whisper_state *whisper_init_state(struct whisper_context *ctx);

void whisper_free(struct whisper_context *ctx);
void whisper_free_state(struct whisper_state *state);

int whisper_full(struct whisper_context *ctx, struct whisper_full_params params,
                 const float *samples, int n_samples);
int whisper_full_with_state(struct whisper_context *ctx,
                            struct whisper_state *state,
                            struct whisper_full_params params,
                            const float *samples, int n_samples);
int whisper_full_parallel(struct whisper_context *ctx,
                          struct whisper_full_params params,
                          const float *samples, int n_samples,
                          int n_processors);
int whisper_full_n_segments(struct whisper_context *ctx);
const char *whisper_full_get_segment_text(struct whisper_context *ctx,
                                          int i_segment);

#ifdef __cplusplus
}
#endif

#endif
