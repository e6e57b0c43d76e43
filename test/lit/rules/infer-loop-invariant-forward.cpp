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

// Through the project's own helpers: the loop calls a function that runs the
// model on what the loop passes it unchanged (the model by non-const
// reference, which the helper only runs).
torch::Tensor embed(Net &Encoder, const torch::Tensor &Image) {
  return Encoder->forward(Image.flatten());
}

torch::Tensor embedScript(torch::jit::Module &M, const torch::Tensor &Image) {
  return M.forward({Image}).toTensor();
}

torch::Tensor describeQuery(torch::jit::Module &M, const torch::Tensor &Query) {
  return embedScript(M, Query) * 2;
}

void matchFrames(Net Encoder, torch::Tensor Query, int Frames) {
  torch::NoGradGuard Guard;
  for (int I = 0; I < Frames; ++I) {
    torch::Tensor Q = embed(Encoder, Query);
    // CHECK: :[[@LINE-1]]:23: warning: 'embed' runs the same model on the same inputs on every iteration of this loop (through 'forward'); compute the result once
    // CHECK: :[[@LINE-3]]:3: note: loop is here
    // CHECK: note: 'forward' runs the model here
    torch::Tensor F = embed(Encoder, nextFrame());
    (void)torch::cosine_similarity(Q, F);
  }
}

// Two calls deep, on a TorchScript module.
void rankFrames(torch::jit::Module &M, torch::Tensor Query,
                std::vector<torch::Tensor> &Scores) {
  torch::NoGradGuard Guard;
  while (Scores.size() < 100) {
    Scores.push_back(describeQuery(M, Query) + nextFrame());
    // CHECK: :[[@LINE-1]]:22: warning: 'describeQuery' runs the same model on the same inputs
    // CHECK: :[[@LINE-3]]:3: note: loop is here
    // CHECK: note: 'forward' runs the model here
  }
}

// CLEAN: the helper switches the model to training mode (dropout on):
// repeated samples differ on purpose.
torch::Tensor sampleWithDropout(Net &Model, const torch::Tensor &X) {
  Model->train();
  return Model->forward(X);
}

void monteCarlo(Net Model, torch::Tensor X, std::vector<torch::Tensor> &Out) {
  for (int I = 0; I < 20; ++I)
    Out.push_back(sampleWithDropout(Model, X));
}

// CLEAN: a recurrent helper keeps its hidden state in a member, so the same
// input gives a new output every step.
struct Recurrent {
  Net Cell;
  torch::Tensor Hidden = torch::zeros({4});
  torch::Tensor step(const torch::Tensor &X) {
    Hidden = Cell->forward(X + Hidden);
    return Hidden;
  }
};

void unroll(Recurrent &R, torch::Tensor Token, std::vector<torch::Tensor> &Out) {
  torch::NoGradGuard Guard;
  for (int I = 0; I < 16; ++I)
    Out.push_back(R.step(Token));
}

// CLEAN: the helper samples fresh noise on every call (a generator).
torch::Tensor sampleImage(Net &Generator) {
  return Generator->forward(torch::randn({1, 4}));
}

void drawSamples(Net Generator, std::vector<torch::Tensor> &Out) {
  torch::NoGradGuard Guard;
  for (int I = 0; I < 64; ++I)
    Out.push_back(sampleImage(Generator));
}

// CLEAN: the loop trains the model through another helper, and watches a
// fixed sample's prediction after every epoch.
void trainEpoch(Net &Model, torch::optim::Optimizer &Optimizer, torch::Tensor X) {
  Optimizer.zero_grad();
  Model->forward(X).sum().backward();
  Optimizer.step();
}

void fitAndWatch(Net Model, torch::optim::Optimizer &Optimizer, torch::Tensor X,
                 torch::Tensor Probe, std::vector<torch::Tensor> &Watch) {
  for (int Epoch = 0; Epoch < 10; ++Epoch) {
    trainEpoch(Model, Optimizer, X);
    Watch.push_back(embed(Model, Probe));
  }
}

// CLEAN: a latency benchmark through a helper, timed around the loop.
double timeEmbed(Net Encoder, torch::Tensor X) {
  torch::NoGradGuard Guard;
  auto Start = std::chrono::steady_clock::now();
  std::vector<torch::Tensor> Out;
  for (int I = 0; I < 100; ++I)
    Out.push_back(embed(Encoder, X));
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
      .count();
}

// CLEAN: each iteration embeds a different element.
void embedAll(Net Encoder, const std::vector<torch::Tensor> &Images,
              std::vector<torch::Tensor> &Out) {
  torch::NoGradGuard Guard;
  for (const torch::Tensor &Image : Images)
    Out.push_back(embed(Encoder, Image));
}

// CLEAN: a memoising helper runs the model on the first call only.
struct CachedQuery {
  Net Encoder;
  torch::Tensor Query;
  torch::Tensor Features;
  const torch::Tensor &features() {
    if (!Features.defined())
      Features = Encoder->forward(Query);
    return Features;
  }
};

void scoreWithCache(CachedQuery &C, std::vector<torch::Tensor> &Out) {
  for (int I = 0; I < 8; ++I)
    Out.push_back(C.features() + nextFrame());
}

torch::Tensor readImage(const std::string &Path, int64_t Side);
std::vector<torch::Tensor> projectParameters();

// Style transfer as tutorials write it: the content and style images come
// from files, the options are a variable, and the image is made trainable
// inside the optimizer's constructor. Only the image changes.
void stylize(Net Vgg, const std::string &ContentPath,
             const std::string &StylePath, double Rate) {
  torch::Tensor Content = readImage(ContentPath, 512).unsqueeze_(0);
  torch::Tensor Style = readImage(StylePath, Content.size(2)).unsqueeze_(0);
  torch::Tensor Image = Content.clone();
  auto Options = torch::optim::AdamOptions(Rate).betas(std::make_tuple(0.5, 0.999));
  torch::optim::Adam Optimizer(
      std::vector<torch::Tensor>{Image.requires_grad_(true)}, Options);
  for (int Step = 0; Step < 2000; ++Step) {
    torch::Tensor Mine = Vgg->forward(Image);
    torch::Tensor Wanted = Vgg->forward(Content);
    // CHECK: :[[@LINE-1]]:28: warning: the same module runs on the same inputs
    // CHECK: :[[@LINE-4]]:3: note: loop is here
    torch::Tensor Styled = Vgg->forward(Style);
    // CHECK: :[[@LINE-1]]:28: warning: the same module runs on the same inputs
    // CHECK: :[[@LINE-7]]:3: note: loop is here
    torch::Tensor Loss = torch::mse_loss(Mine, Wanted) + torch::mse_loss(Mine, Styled);
    Optimizer.zero_grad();
    Loss.backward();
    Optimizer.step();
  }
}

// An adversarial perturbation: the optimizer updates Delta; the clean
// prediction is the same on every step.
void attack(Net Model, torch::Tensor X, torch::nn::Linear Probe) {
  torch::Tensor Delta = torch::zeros_like(X).requires_grad_();
  torch::optim::SGD Optimizer({Delta}, 0.01);
  for (int Step = 0; Step < 50; ++Step) {
    torch::Tensor Clean = Model->forward(X);
    // CHECK: :[[@LINE-1]]:27: warning: the same module runs on the same inputs
    // CHECK: :[[@LINE-3]]:3: note: loop is here
    torch::Tensor Loss = -torch::mse_loss(Model->forward(X + Delta), Clean);
    Optimizer.zero_grad();
    Loss.backward();
    Optimizer.step();
  }
}

// CLEAN: the optimizer's tensors come from a project function, which may
// hand out the network's parameters.
void stylizeWith(Net Vgg, torch::Tensor Content) {
  torch::optim::Adam Optimizer(projectParameters(), torch::optim::AdamOptions(0.01));
  for (int Step = 0; Step < 100; ++Step) {
    torch::Tensor Loss = torch::mse_loss(Vgg->forward(Content), Content);
    Optimizer.zero_grad();
    Loss.backward();
    Optimizer.step();
  }
}

// CLEAN: the optimizer updates one of the network's own weights.
void tuneWeight(Net Model, torch::Tensor X, torch::Tensor Y) {
  torch::optim::SGD Optimizer({Model->Fc->weight}, 0.1);
  for (int Step = 0; Step < 100; ++Step) {
    torch::Tensor Loss = torch::mse_loss(Model->forward(X), Y);
    Optimizer.zero_grad();
    Loss.backward();
    Optimizer.step();
  }
}

// CLEAN: the network's parameters are joined into the optimizer's vector.
void fitJoined(Net Model, torch::nn::Linear Head, torch::Tensor X,
               torch::Tensor Y) {
  std::vector<torch::Tensor> Params = Head->parameters();
  auto More = Model->parameters();
  Params.insert(Params.end(), More.begin(), More.end());
  torch::optim::Adam Optimizer(Params);
  for (int Step = 0; Step < 100; ++Step) {
    torch::Tensor Loss = torch::mse_loss(Head->forward(Model->forward(X)), Y);
    Optimizer.zero_grad();
    Loss.backward();
    Optimizer.step();
  }
}

// CLEAN: the backbone is a part of the model the optimizer trains.
void fitComposed(Net Backbone, torch::Tensor X, torch::Tensor Y) {
  torch::nn::Sequential Whole(Backbone, torch::nn::Linear(2, 2));
  torch::optim::SGD Optimizer(Whole->parameters(), 0.1);
  for (int Step = 0; Step < 100; ++Step) {
    torch::Tensor Features = Backbone->forward(X);
    torch::Tensor Loss = torch::mse_loss(Whole->forward(X), Y) + Features.sum();
    Optimizer.zero_grad();
    Loss.backward();
    Optimizer.step();
  }
}
