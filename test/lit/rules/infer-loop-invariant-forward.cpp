// RUN: %clangxx %torch -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,infer-loop-invariant-forward %s 2>&1 | FileCheck %s --implicit-check-not="warning:"
#include <torch/script.h>
#include <torch/torch.h>
#include <chrono>
#include <vector>

struct NetImpl : torch::nn::Module {
  NetImpl() : Fc(register_module("fc", torch::nn::Linear(4, 2))) {}
  torch::Tensor forward(torch::Tensor X) { return Fc->forward(X); }
  torch::nn::Linear Fc;
};
TORCH_MODULE(Net);

torch::Tensor nextFrame();
bool readFrame(std::vector<float> &Buffer);

// The query image's features are recomputed for every video frame.
void trackQuery(Net Extractor, torch::Tensor Query, int Frames) {
  torch::NoGradGuard Guard;
  for (int I = 0; I < Frames; ++I) {
    torch::Tensor QueryFeatures = Extractor->forward(Query);
    // CHECK: :[[@LINE-1]]:35: warning: the same module runs on the same inputs on every iteration of this loop; compute the result once before the loop and reuse it (each call repeats the whole forward pass) [greenlint-infer-loop-invariant-forward]
    // CHECK: :[[@LINE-3]]:3: note: loop is here
    torch::Tensor FrameFeatures = Extractor->forward(nextFrame());
    (void)torch::cosine_similarity(QueryFeatures, FrameFeatures);
  }
}

// TorchScript: the input list is built afresh from the same tensor.
void scoreRepeatedly(torch::jit::Module &M, torch::Tensor Template,
                     std::vector<torch::Tensor> &Out) {
  torch::NoGradGuard Guard;
  while (Out.size() < 10) {
    torch::Tensor T = M.forward({Template}).toTensor();
    // CHECK: :[[@LINE-1]]:23: warning: the same module runs on the same inputs
    // CHECK: :[[@LINE-3]]:3: note: loop is here
    Out.push_back(T + nextFrame());
  }
}

// Neural style transfer: the optimizer updates the image, not the network,
// so the content targets never change; the image's own features do.
void transferStyle(Net Vgg, torch::Tensor Content, int Steps) {
  torch::Tensor Image = Content.clone().set_requires_grad(true);
  torch::optim::Adam Optimizer({Image}, torch::optim::AdamOptions(0.01));
  for (int Step = 0; Step < Steps; ++Step) {
    Optimizer.zero_grad();
    torch::Tensor Target = Vgg(Content).detach();
    // CHECK: :[[@LINE-1]]:28: warning: the same module runs on the same inputs
    // CHECK: :[[@LINE-4]]:3: note: loop is here
    torch::Tensor Loss = torch::mse_loss(Vgg(Image), Target);
    Loss.backward();
    Optimizer.step();
  }
}

// CLEAN: the network itself is trained in the loop, so its output changes.
void fitFixedBatch(Net Model, torch::Tensor X, torch::Tensor Y, int Steps) {
  torch::optim::SGD Optimizer(Model->parameters(), 0.1);
  for (int Step = 0; Step < Steps; ++Step) {
    Optimizer.zero_grad();
    torch::Tensor Loss = torch::mse_loss(Model->forward(X), Y);
    Loss.backward();
    Optimizer.step();
  }
}

// CLEAN: an optimizer handed in from the caller may hold the model's
// parameters.
void fitWith(Net Model, torch::optim::Optimizer &Optimizer, torch::Tensor X) {
  for (int Step = 0; Step < 5; ++Step) {
    torch::Tensor Loss = Model->forward(X).sum();
    Loss.backward();
    Optimizer.step();
  }
}

// CLEAN: a loop over distinct models (an ensemble) on one input.
torch::Tensor ensemble(std::vector<Net> &Models, torch::Tensor X) {
  torch::NoGradGuard Guard;
  torch::Tensor Sum = torch::zeros({2});
  for (Net &Model : Models)
    Sum = Sum + Model->forward(X);
  return Sum;
}

// CLEAN: a latency benchmark repeats the same pass on purpose.
double benchmark(torch::jit::Module &M, torch::Tensor X) {
  torch::NoGradGuard Guard;
  auto Start = std::chrono::steady_clock::now();
  for (int I = 0; I < 100; ++I) {
    torch::Tensor Y = M.forward({X}).toTensor();
    (void)Y;
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
      .count();
}

// CLEAN: a warm-up loop whose results are discarded.
void warmUp(Net Model, torch::Tensor X) {
  torch::NoGradGuard Guard;
  for (int I = 0; I < 10; ++I)
    Model->forward(X);
}

// CLEAN: the input tensor wraps a buffer that is refilled every frame.
void classifyStream(torch::jit::Module &M) {
  torch::NoGradGuard Guard;
  std::vector<float> Buffer(4);
  torch::Tensor Input = torch::from_blob(Buffer.data(), {1, 4});
  std::vector<torch::Tensor> Results;
  while (readFrame(Buffer))
    Results.push_back(M.forward({Input}).toTensor());
}

// CLEAN: the input is updated in place inside the loop.
void refine(Net Model, torch::Tensor X, int Steps) {
  torch::NoGradGuard Guard;
  for (int I = 0; I < Steps; ++I) {
    torch::Tensor Delta = Model->forward(X);
    X.add_(Delta);
  }
}

// CLEAN: Monte Carlo dropout samples the same input with dropout on.
std::vector<torch::Tensor> sampleDropout(Net Model, torch::Tensor X) {
  Model->train();
  std::vector<torch::Tensor> Samples;
  for (int I = 0; I < 20; ++I)
    Samples.push_back(Model->forward(X));
  return Samples;
}

// CLEAN: each round loads the next checkpoint into the same module.
void compareCheckpoints(torch::jit::Module &M, torch::Tensor X,
                        const std::vector<std::string> &Paths,
                        std::vector<torch::Tensor> &Out) {
  torch::NoGradGuard Guard;
  for (size_t I = 0; I < Paths.size(); ++I) {
    M = torch::jit::load(Paths[I]);
    Out.push_back(M.forward({X}).toTensor());
  }
}
