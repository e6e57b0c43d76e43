// Minimal stand-in for the CLIP vision encoder API of llama.cpp's multimodal
// tools (examples/llava/clip.h in older releases, tools/mtmd/clip.h later),
// written for greenlint's lit tests: only the names the rules match.
#ifndef GREENLINT_TEST_INPUTS_CLIP_H
#define GREENLINT_TEST_INPUTS_CLIP_H

#ifdef __cplusplus
extern "C" {
#endif

struct clip_ctx;
struct clip_image_u8;

// Older releases: load the vision projector from a GGUF file.
struct clip_ctx *clip_model_load(const char *fname, int verbosity);
struct clip_ctx *clip_model_load_cpu(const char *fname, int verbosity);
// Later releases: one call loads the vision and audio encoders of a file.
struct clip_context_params {
  bool use_gpu;
  int verbosity;
};
struct clip_init_result {
  struct clip_ctx *ctx_v;
  struct clip_ctx *ctx_a;
};
struct clip_init_result clip_init(const char *fname,
                                  struct clip_context_params ctx_params);
void clip_free(struct clip_ctx *ctx);

#ifdef __cplusplus
}
#endif

#endif
