// RUN: %clangxx %torch -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,greenlint-data-quadratic-concat -Xclang -verify %s
// RUN: %clangxx %torch -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,greenlint-data-quadratic-concat %s 2>&1 | FileCheck --check-prefix=ID %s
// The findings carry the rule id that NOLINT and the config name.
// ID: [greenlint-data-quadratic-concat]
#include <torch/script.h>
#include <torch/torch.h>
#include <vector>

struct NetImpl : torch::nn::Module {
  NetImpl() : Fc(register_module("fc", torch::nn::Linear(4, 2))) {}
  torch::Tensor forward(torch::Tensor X) { return Fc->forward(X); }
  torch::nn::Linear Fc;
};
TORCH_MODULE(Net);

bool readRow(std::vector<float> &Row);

// Predictions over a dataset gathered into one growing tensor.
torch::Tensor predictAll(Net Model, const std::vector<torch::Tensor> &Batches) {
  torch::NoGradGuard Guard;
  torch::Tensor All = torch::empty({0, 2});
  for (const torch::Tensor &Batch : Batches) { // expected-note {{loop is here}}
    torch::Tensor Out = Model->forward(Batch);
    All = torch::cat({All, Out}); // expected-warning {{'cat' grows 'All' on every iteration of this loop, copying all earlier rows each time (quadratic in the number of iterations); collect the pieces in a std::vector<torch::Tensor> and concatenate once after the loop}}
  }
  return All;
}

// The first piece starts the accumulator: `defined()` asks, it reads no data.
torch::Tensor gatherFeatures(Net Model, const std::vector<torch::Tensor> &Images) {
  torch::Tensor Features;
  for (size_t I = 0; I < Images.size(); ++I) { // expected-note {{loop is here}}
    torch::Tensor F = Model->forward(Images[I]);
    Features = Features.defined() ? torch::cat({Features, F}, 0) : F; // expected-warning {{'cat' grows 'Features'}}
  }
  return Features;
}

// The same with if/else, stacking rows read from a stream.
torch::Tensor readTable() {
  torch::Tensor Table;
  std::vector<float> Row;
  while (readRow(Row)) { // expected-note {{loop is here}}
    torch::Tensor R = torch::tensor(Row).unsqueeze(0);
    if (!Table.defined())
      Table = R;
    else
      Table = torch::stack({Table, R}); // expected-warning {{'stack' grows 'Table'}}
  }
  return Table;
}

// CLEAN: each iteration concatenates fresh tensors; nothing accumulates.
void pairs(Net Model, const std::vector<torch::Tensor> &A,
           const std::vector<torch::Tensor> &B, std::vector<torch::Tensor> &Out) {
  for (size_t I = 0; I < A.size(); ++I) {
    torch::Tensor Pair = torch::cat({A[I], B[I]});
    Out.push_back(Model->forward(Pair));
  }
}

// CLEAN: the compliant form, one cat after the loop.
torch::Tensor predictAllOnce(Net Model, const std::vector<torch::Tensor> &Batches) {
  std::vector<torch::Tensor> Parts;
  for (const torch::Tensor &Batch : Batches)
    Parts.push_back(Model->forward(Batch));
  return torch::cat(Parts);
}

// CLEAN: the concatenation is not written back to the accumulator.
void compareWithHistory(const torch::Tensor &History,
                        const std::vector<torch::Tensor> &Items,
                        std::vector<torch::Tensor> &Out) {
  for (const torch::Tensor &Item : Items) {
    torch::Tensor Grown = torch::cat({History, Item});
    Out.push_back(Grown.mean());
  }
}

// CLEAN: greedy decoding needs the grown sequence whole on every step.
torch::Tensor decode(torch::jit::Module &M, torch::Tensor Tokens, int MaxLen) {
  for (int Step = 0; Step < MaxLen; ++Step) {
    torch::Tensor Logits = M.forward({Tokens}).toTensor();
    torch::Tensor Next = Logits.argmax(-1, /*keepdim=*/true);
    Tokens = torch::cat({Tokens, Next}, 1);
  }
  return Tokens;
}

// CLEAN: a sliding window of frames keeps a fixed size.
void track(Net Model, const std::vector<torch::Tensor> &Frames, torch::Tensor Window) {
  for (const torch::Tensor &Frame : Frames) {
    Window = torch::cat({Window.slice(0, 1), Frame.unsqueeze(0)});
    (void)Model->forward(Window);
  }
}

// CLEAN: three pyramid levels: the copies stay small.
torch::Tensor pyramid(torch::Tensor Image) {
  torch::Tensor Levels = Image.flatten();
  for (int Level = 1; Level < 3; ++Level)
    Levels = torch::cat({Levels, torch::avg_pool2d(Image, 1 << Level).flatten()});
  return Levels;
}
