// infer-load-in-loop over llama.cpp's multimodal helpers (tools/mtmd and the
// older examples/llava; rules/apis/llamacpp.yaml): a projector or a llama
// context rebuilt for every image.
// RUN: %clangxx -std=c++17 -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,infer-load-in-loop -I%inputs/llama -Xclang -verify %s
// RUN: %clangxx -std=c++17 -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,infer-load-in-loop -I%inputs/llama %s 2>&1 | FileCheck --check-prefix=ID %s
// ID: [greenlint-infer-load-in-loop]
#include <llama.h>
#include <llava.h>
#include <mtmd.h>
#include <string>
#include <vector>

void describe(mtmd_context *Mtmd, llama_context *Ctx, mtmd_bitmap *Image);
void evalEmbed(llama_context *Ctx, llava_image_embed *Embed);

// The mmproj file re-read for every image of a batch job.
void captionAll(llama_model *Model, llama_context *Ctx, const char *Mmproj,
                const std::vector<std::string> &Images) {
  for (const std::string &Path : Images) { // expected-note {{loop is here}}
    mtmd_context *Mtmd = mtmd_init_from_file(Mmproj, Model, mtmd_context_params_default()); // expected-warning {{'mtmd_init_from_file' loads the same model on every iteration of this loop}}
    mtmd_bitmap *Image = mtmd_helper_bitmap_init_from_file(Mtmd, Path.c_str());
    describe(Mtmd, Ctx, Image);
    mtmd_bitmap_free(Image);
    mtmd_free(Mtmd);
  }
}

// The older llava shape: the CLIP model loaded per image.
void llavaPerImage(llama_context *Ctx, const char *ClipPath,
                   const std::vector<std::string> &Images) {
  for (const std::string &Path : Images) { // expected-note {{loop is here}}
    clip_ctx *Clip = clip_model_load(ClipPath, 1); // expected-warning {{'clip_model_load' loads the same model}}
    llava_image_embed *Embed = llava_image_embed_make_with_filename(Clip, 4, Path.c_str());
    evalEmbed(Ctx, Embed);
    llava_image_embed_free(Embed);
    clip_free(Clip);
  }
}

// The current loader, and a llama context (KV cache, compute buffers) per
// image over one model.
void contextPerImage(llama_model *Model, const char *Mmproj,
                     const std::vector<std::string> &Images) {
  llama_context_params CP = llama_context_default_params();
  clip_context_params ClipParams = {true, 1};
  for (const std::string &Path : Images) { // expected-note 2 {{loop is here}}
    clip_init_result Clip = clip_init(Mmproj, ClipParams); // expected-warning {{'clip_init' loads the same model}}
    llama_context *Ctx = llama_init_from_model(Model, CP); // expected-warning {{'llama_init_from_model' loads the same model}}
    (void)Path;
    clip_free(Clip.ctx_v);
    llama_free(Ctx);
  }
}

// CLEAN: the projector loaded once; only the images are read per iteration.
void captionOnce(llama_model *Model, llama_context *Ctx, const char *Mmproj,
                 const std::vector<std::string> &Images) {
  mtmd_context *Mtmd = mtmd_init_from_file(Mmproj, Model, mtmd_context_params_default());
  for (const std::string &Path : Images) {
    mtmd_bitmap *Image = mtmd_helper_bitmap_init_from_file(Mtmd, Path.c_str());
    describe(Mtmd, Ctx, Image);
    mtmd_bitmap_free(Image);
  }
  mtmd_free(Mtmd);
}

// CLEAN: llava embeddings per image from one CLIP model.
void llavaOnce(llama_context *Ctx, clip_ctx *Clip, const std::vector<std::string> &Images) {
  for (const std::string &Path : Images) {
    llava_image_embed *Embed = llava_image_embed_make_with_filename(Clip, 4, Path.c_str());
    evalEmbed(Ctx, Embed);
    llava_image_embed_free(Embed);
  }
}

// CLEAN: one projector per model of a comparison (the text model differs).
void compareModels(const std::vector<llama_model *> &Models, const char *Mmproj) {
  for (llama_model *Model : Models) {
    mtmd_context *Mtmd = mtmd_init_from_file(Mmproj, Model, mtmd_context_params_default());
    mtmd_free(Mtmd);
  }
}
