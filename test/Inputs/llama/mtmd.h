// Minimal stand-in for llama.cpp's tools/mtmd/mtmd.h (the multimodal
// library: a projector loaded next to a text model), written for greenlint's
// lit tests: only the names and signatures the rules match.
#ifndef GREENLINT_TEST_INPUTS_MTMD_H
#define GREENLINT_TEST_INPUTS_MTMD_H

#include "llama.h"

#ifdef __cplusplus
extern "C" {
#endif

struct mtmd_context;
struct mtmd_bitmap;

struct mtmd_context_params {
  bool use_gpu;
  int n_threads;
};

struct mtmd_context_params mtmd_context_params_default(void);
// Loads the projector file (mmproj) for a text model already loaded.
struct mtmd_context *mtmd_init_from_file(const char *mmproj_fname,
                                         const struct llama_model *text_model,
                                         const struct mtmd_context_params ctx_params);
void mtmd_free(struct mtmd_context *ctx);

// Reads an image or audio file into a bitmap: input data, not a model.
struct mtmd_bitmap *mtmd_helper_bitmap_init_from_file(struct mtmd_context *ctx,
                                                      const char *fname);
void mtmd_bitmap_free(struct mtmd_bitmap *bitmap);

#ifdef __cplusplus
}
#endif

#endif
