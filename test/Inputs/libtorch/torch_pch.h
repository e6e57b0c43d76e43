// Precompiled once per build for the LibTorch lit tests: parsing these
// headers is most of a LibTorch compile (see test/lit/CMakeLists.txt).
#include <torch/script.h>
#include <torch/torch.h>
