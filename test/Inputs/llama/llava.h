// Minimal stand-in for llama.cpp's examples/llava/llava.h (image embeddings
// from a loaded CLIP model), written for greenlint's lit tests.
#ifndef GREENLINT_TEST_INPUTS_LLAVA_H
#define GREENLINT_TEST_INPUTS_LLAVA_H

#include "clip.h"

#ifdef __cplusplus
extern "C" {
#endif

struct llava_image_embed {
  float *embed;
  int n_image_pos;
};

struct llava_image_embed *
llava_image_embed_make_with_filename(struct clip_ctx *ctx_clip, int n_threads,
                                     const char *image_path);
void llava_image_embed_free(struct llava_image_embed *embed);

#ifdef __cplusplus
}
#endif

#endif
