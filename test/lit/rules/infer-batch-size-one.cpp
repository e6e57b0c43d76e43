// infer-batch-size-one on LibTorch; OpenCV dnn and ONNX Runtime shapes are in
// infer-batch-size-one-frameworks.cpp.
// RUN: %clangxx %torch -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,infer-batch-size-one -Xclang -verify %s
#include <torch/script.h>
#include <torch/torch.h>
#include <string>
#include <vector>

struct NetImpl : torch::nn::Module {
  NetImpl() : Fc(register_module("fc", torch::nn::Linear(4, 2))) {}
  torch::Tensor forward(torch::Tensor X) { return Fc->forward(X); }
  torch::nn::Linear Fc;
};
TORCH_MODULE(Net);

torch::Tensor loadImage(const std::string &Path);
torch::Tensor grabFrame();

// An image classifier run image by image over a vector of images.
std::vector<int64_t> classify(Net Model, const std::vector<torch::Tensor> &Images) {
  torch::NoGradGuard Guard;
  std::vector<int64_t> Labels;
  for (const torch::Tensor &Image : Images) { // expected-note {{loop is here}}
    torch::Tensor Out = Model->forward(Image.unsqueeze(0)); // expected-warning {{'forward' runs on a batch of one element per iteration of this loop over a collection; batch the elements and run the model once per batch}} expected-note {{a batch of one is made here; stack the elements (torch::stack}}
    Labels.push_back(Out.argmax(1).item<int64_t>());
  }
  return Labels;
}

// TorchScript over file names by index: the batch of one is built in a
// local IValue vector from a tensor computed from the element.
std::vector<torch::Tensor> scoreFiles(torch::jit::Module &M,
                                      const std::vector<std::string> &Paths,
                                      torch::Device Device) {
  std::vector<torch::Tensor> Scores;
  for (size_t I = 0; I < Paths.size(); ++I) { // expected-note {{loop is here}}
    torch::Tensor X = loadImage(Paths[I]);
    std::vector<torch::jit::IValue> Inputs{X.unsqueeze(0).to(Device)}; // expected-note {{a batch of one is made here}}
    Scores.push_back(M.forward(Inputs).toTensor()); // expected-warning {{'forward' runs on a batch of one element per iteration}}
  }
  return Scores;
}

// The input vector outlives the loop but is refilled from each element
// only: nothing flows from one call to the next.
void embedAll(torch::jit::Module &M, const std::vector<torch::Tensor> &Items,
              std::vector<torch::Tensor> &Out) {
  std::vector<torch::jit::IValue> Inputs;
  for (const auto &Item : Items) { // expected-note {{loop is here}}
    Inputs.clear();
    Inputs.push_back(Item.unsqueeze(0)); // expected-note {{a batch of one is made here}}
    Out.push_back(M.forward(Inputs).toTensor()); // expected-warning {{'forward' runs on a batch of one element}}
  }
}

// A buffer per element wrapped as a {1, ...} tensor.
void scoreBuffers(Net Model, std::vector<std::vector<float>> &Rows,
                  std::vector<torch::Tensor> &Out) {
  for (std::vector<float> &Row : Rows) { // expected-note {{loop is here}}
    torch::Tensor X = torch::from_blob(Row.data(), {1, 4}); // expected-note {{a tensor with a leading dimension of 1 is built here}}
    Out.push_back(Model(X)); // expected-warning {{'operator()' runs on a batch of one element}}
  }
}

// CLEAN: a recurrent state carried from one step's output to the next.
torch::Tensor encode(torch::nn::GRUCell Cell,
                     const std::vector<torch::Tensor> &Sequence) {
  torch::Tensor State = torch::zeros({1, 8});
  for (const torch::Tensor &Step : Sequence)
    State = Cell(Step.unsqueeze(0), State);
  return State;
}

// CLEAN: greedy decoding; each step's input is the previous step's output.
torch::Tensor decode(torch::jit::Module &M, torch::Tensor Tokens, int MaxLen) {
  for (int Step = 0; Step < MaxLen; ++Step) {
    torch::Tensor Logits = M.forward({Tokens.unsqueeze(0)}).toTensor();
    torch::Tensor Next = Logits.argmax(-1).view({1});
    Tokens = torch::cat({Tokens, Next});
  }
  return Tokens;
}

// CLEAN: the search stops at the first candidate that passes, so batching
// would score candidates the loop never reaches.
torch::Tensor firstAccepted(Net Model, const std::vector<torch::Tensor> &Candidates,
                            float Threshold) {
  for (const torch::Tensor &Candidate : Candidates) {
    torch::Tensor Score = Model->forward(Candidate.unsqueeze(0));
    if (Score.max().item<float>() > Threshold)
      return Candidate;
  }
  return {};
}

// CLEAN: the same, leaving with break.
int firstMatch(Net Model, const std::vector<torch::Tensor> &Candidates) {
  int Index = 0;
  for (size_t I = 0; I < Candidates.size(); ++I) {
    if (Model->forward(Candidates[I].unsqueeze(0)).argmax().item<int64_t>() == 1)
      break;
    ++Index;
  }
  return Index;
}

// CLEAN: a loop over batches from a data loader; unsqueeze(1) adds the
// channel dimension, not a batch one.
void evaluate(Net Model, const std::string &Root) {
  auto Loader = torch::data::make_data_loader(
      torch::data::datasets::MNIST(Root).map(torch::data::transforms::Stack<>()),
      64);
  for (auto &Batch : *Loader)
    (void)Model->forward(Batch.data.unsqueeze(1).flatten(1));
}

// CLEAN: frames arrive one at a time from a camera; the counter does not
// pick them.
void watch(Net Model, int Frames, std::vector<torch::Tensor> &Out) {
  for (int I = 0; I < Frames; ++I) {
    torch::Tensor Frame = grabFrame();
    Out.push_back(Model->forward(Frame.unsqueeze(0)));
  }
}

// CLEAN: one head per input: different models cannot share a batch.
void runHeads(std::vector<Net> &Heads, const std::vector<torch::Tensor> &Inputs,
              std::vector<torch::Tensor> &Out) {
  for (size_t I = 0; I < Heads.size(); ++I)
    Out.push_back(Heads[I]->forward(Inputs[I].unsqueeze(0)));
}

// CLEAN: the elements are batched first, one forward per batch.
torch::Tensor classifyBatched(Net Model, const std::vector<torch::Tensor> &Images) {
  return Model->forward(torch::stack(Images));
}
