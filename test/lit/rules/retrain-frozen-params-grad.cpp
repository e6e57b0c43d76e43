// RUN: %clangxx %torch -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,retrain-frozen-params-grad %s 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %clangxx %torch -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,retrain-frozen-params-grad -DFREEZE_ELSEWHERE %s 2>&1 | FileCheck %s --check-prefix=FROZEN --allow-empty --implicit-check-not="warning:"
// FROZEN-NOT: warning:
#include <torch/torch.h>
#include <vector>

struct BackboneImpl : torch::nn::Module {
  BackboneImpl() : Conv(register_module("conv", torch::nn::Conv2d(3, 8, 3))) {}
  torch::Tensor forward(torch::Tensor X) {
    return torch::adaptive_avg_pool2d(Conv->forward(X), 1).flatten(1);
  }
  torch::nn::Conv2d Conv;
};
TORCH_MODULE(Backbone);

using Batch = std::pair<torch::Tensor, torch::Tensor>;

// Transfer learning: only the head is optimised, but the backbone keeps
// requires_grad on, so every backward fills its gradients.
void fineTune(Backbone Features, torch::nn::Linear Head,
              const std::vector<Batch> &Data) {
  torch::optim::SGD Optimizer(Head->parameters(), 0.01);
  for (const Batch &B : Data) {
    Optimizer.zero_grad();
    torch::Tensor Logits = Head->forward(Features->forward(B.first));
    // CHECK: :[[@LINE-1]]:42: warning: 'Features' runs with gradients on in this training loop, but no optimizer updates its parameters; backward computes and stores gradients nothing uses: set requires_grad to false on its parameters or run it under 'torch::NoGradGuard' [greenlint-retrain-frozen-params-grad]
    // CHECK: :[[@LINE-5]]:21: note: optimizer is built from other modules' parameters only
    torch::Tensor Loss = torch::cross_entropy_loss(Logits, B.second);
    Loss.backward();
    Optimizer.step();
  }
}

// CLEAN: both modules are optimised.
void trainBoth(Backbone Features, torch::nn::Linear Head,
               const std::vector<Batch> &Data) {
  std::vector<torch::Tensor> Params = Features->parameters();
  torch::optim::SGD Optimizer(Params, 0.01);
  torch::optim::SGD HeadOptimizer(Head->parameters(), 0.01);
  for (const Batch &B : Data) {
    torch::Tensor Loss =
        torch::cross_entropy_loss(Head->forward(Features->forward(B.first)),
                                  B.second);
    Loss.backward();
    Optimizer.step();
    HeadOptimizer.step();
  }
}

// CLEAN: the backbone runs under a guard.
void fineTuneGuarded(Backbone Features, torch::nn::Linear Head,
                     const std::vector<Batch> &Data) {
  torch::optim::SGD Optimizer(Head->parameters(), 0.01);
  for (const Batch &B : Data) {
    torch::Tensor F;
    {
      torch::NoGradGuard Guard;
      F = Features->forward(B.first);
    }
    torch::Tensor Loss = torch::cross_entropy_loss(Head->forward(F), B.second);
    Loss.backward();
    Optimizer.step();
  }
}

// CLEAN: the backbone's output is detached.
void fineTuneDetached(Backbone Features, torch::nn::Linear Head,
                      const std::vector<Batch> &Data) {
  torch::optim::SGD Optimizer(Head->parameters(), 0.01);
  for (const Batch &B : Data) {
    torch::Tensor F = Features->forward(B.first).detach();
    torch::Tensor Loss = torch::cross_entropy_loss(Head->forward(F), B.second);
    Loss.backward();
    Optimizer.step();
  }
}

// CLEAN: a loss module has no parameters to compute gradients for.
void trainWithCriterion(torch::nn::Linear Model, torch::nn::MSELoss Criterion,
                        const std::vector<Batch> &Data) {
  torch::optim::Adam Optimizer(Model->parameters());
  for (const Batch &B : Data) {
    torch::Tensor Loss = Criterion(Model->forward(B.first), B.second);
    Loss.backward();
    Optimizer.step();
  }
}

// CLEAN: the optimizer comes from the caller and may hold every parameter.
void trainWith(Backbone Features, torch::nn::Linear Head,
               torch::optim::Optimizer &Optimizer,
               const std::vector<Batch> &Data) {
  for (const Batch &B : Data) {
    torch::Tensor Loss = Head->forward(Features->forward(B.first)).sum();
    Loss.backward();
    Optimizer.step();
  }
}

// The optimizer is a parameter, and the only caller builds it from the
// head alone (pytorch/examples' transfer-learning shape).
void trainLoaded(torch::jit::Module Net, torch::nn::Linear Lin,
                 torch::optim::Optimizer &Optimizer,
                 const std::vector<Batch> &Data) {
  for (const Batch &B : Data) {
    torch::Tensor Out = Lin(Net.forward({B.first}).toTensor());
    // CHECK: :[[@LINE-1]]:29: warning: 'Net' runs with gradients on in this training loop
    // CHECK: :[[@LINE+11]]:22: note: optimizer is built from other modules' parameters only
    torch::Tensor Loss = torch::nll_loss(Out, B.second);
    Loss.backward();
    Optimizer.step();
  }
}

void runTransferLearning(const std::string &Path,
                         const std::vector<Batch> &Data) {
  torch::jit::Module Module = torch::jit::load(Path);
  torch::nn::Linear Lin(512, 2);
  torch::optim::Adam Opt(Lin->parameters(), torch::optim::AdamOptions(1e-3));
  trainLoaded(Module, Lin, Opt, Data);
}

// CLEAN: the caller's optimizer holds both modules' parameters.
void trainJointly(Backbone Features, torch::nn::Linear Head,
                  torch::optim::Optimizer &Optimizer,
                  const std::vector<Batch> &Data) {
  for (const Batch &B : Data) {
    torch::Tensor Loss = Head->forward(Features->forward(B.first)).sum();
    Loss.backward();
    Optimizer.step();
  }
}

void runJointly(const std::vector<Batch> &Data) {
  Backbone Features;
  torch::nn::Linear Head(8, 2);
  std::vector<torch::Tensor> Params = Features->parameters();
  for (const torch::Tensor &P : Head->parameters())
    Params.push_back(P);
  torch::optim::SGD Optimizer(Params, 0.01);
  trainJointly(Features, Head, Optimizer, Data);
}

// A feature network whose constructor is in another file of the project:
// its layers are a sequence registered there.
struct FeatureNetImpl : torch::nn::Module {
  explicit FeatureNetImpl(const std::string &WeightsPath);
  std::vector<torch::Tensor> forward(torch::Tensor X);
  torch::nn::Sequential Layers;
};
TORCH_MODULE(FeatureNet);

// A module with only parameterless layers, built elsewhere too.
struct ActivationsImpl : torch::nn::Module {
  ActivationsImpl();
  torch::Tensor forward(torch::Tensor X);
  torch::nn::ReLU Act;
};
TORCH_MODULE(Activations);

torch::Tensor readImage(const std::string &Path, int64_t Side);
torch::Tensor gram(const torch::Tensor &F);

// Style transfer: the optimizer updates the image only, and the feature
// network keeps requires_grad on, so every backward also fills the
// gradients of its weights. One finding for the three passes.
void paint(const std::string &ContentPath, const std::string &StylePath,
           const std::string &Weights, double Rate) {
  torch::Tensor Content = readImage(ContentPath, 512).unsqueeze_(0);
  torch::Tensor Style = readImage(StylePath, Content.size(2)).unsqueeze_(0);
  torch::Tensor Image = Content.clone();
  FeatureNet Net(Weights);
  Net->eval();
  auto Options = torch::optim::AdamOptions(Rate).betas(std::make_tuple(0.5, 0.999));
  torch::optim::Adam Optimizer(
      std::vector<torch::Tensor>{Image.requires_grad_(true)}, Options);
  for (int Step = 0; Step < 2000; ++Step) {
    std::vector<torch::Tensor> Mine = Net->forward(Image);
    // CHECK: :[[@LINE-1]]:39: warning: 'Net' runs with gradients on in this training loop, but no optimizer updates its parameters
    // CHECK: :[[@LINE-5]]:22: note: optimizer updates only tensors that are no module's parameters
    std::vector<torch::Tensor> Wanted = Net->forward(Content);
    std::vector<torch::Tensor> Styled = Net->forward(Style);
    torch::Tensor Loss = torch::zeros({1});
    for (size_t I = 0; I < Mine.size(); ++I)
      Loss += torch::mse_loss(Mine[I], Wanted[I]) +
              torch::mse_loss(gram(Mine[I]), gram(Styled[I]));
    Optimizer.zero_grad();
    Loss.backward();
    Optimizer.step();
  }
}

// The optimizer's parameter vector is assembled from two modules before
// it is built; the third module runs with gradients for nothing.
void fineTuneNeck(Backbone Features, torch::nn::Linear Neck,
                  torch::nn::Linear Head, const std::vector<Batch> &Data) {
  std::vector<torch::Tensor> Params = Head->parameters();
  for (const torch::Tensor &P : Neck->parameters())
    Params.push_back(P);
  torch::optim::SGD Optimizer(Params, torch::optim::SGDOptions(0.01));
  for (const Batch &B : Data) {
    torch::Tensor Out = Head->forward(Neck->forward(Features->forward(B.first)));
    // CHECK: :[[@LINE-1]]:53: warning: 'Features' runs with gradients on
    // CHECK: :[[@LINE-4]]:21: note: optimizer is built from other modules' parameters only
    torch::Tensor Loss = torch::cross_entropy_loss(Out, B.second);
    Optimizer.zero_grad();
    Loss.backward();
    Optimizer.step();
  }
}

// CLEAN: image captioning: the encoder's and the decoder's parameters are
// joined with insert, so both are trained.
void trainCaptioner(Backbone Encoder, torch::nn::Linear Decoder,
                    const std::vector<Batch> &Data) {
  auto EncoderParams = Encoder->parameters();
  auto DecoderParams = Decoder->parameters();
  std::vector<torch::Tensor> Params = EncoderParams;
  Params.insert(Params.end(), DecoderParams.begin(), DecoderParams.end());
  torch::optim::Adam Optimizer(Params, torch::optim::AdamOptions(1e-3));
  for (const Batch &B : Data) {
    torch::Tensor Loss =
        torch::cross_entropy_loss(Decoder->forward(Encoder->forward(B.first)),
                                  B.second);
    Encoder->zero_grad();
    Loss.backward();
    Optimizer.step();
  }
}

void addTrainable(std::vector<torch::Tensor> &Params, Backbone Features);

// CLEAN: the parameter vector goes to a function that may add anything.
void trainCollected(Backbone Features, torch::nn::Linear Head,
                    const std::vector<Batch> &Data) {
  std::vector<torch::Tensor> Params = Head->parameters();
  addTrainable(Params, Features);
  torch::optim::SGD Optimizer(Params, 0.01);
  for (const Batch &B : Data) {
    torch::Tensor Loss = Head->forward(Features->forward(B.first)).sum();
    Loss.backward();
    Optimizer.step();
  }
}

std::vector<torch::Tensor> trainableParameters();

// CLEAN: a project function returns the parameters: they may be anyone's.
void trainReturned(Backbone Features, torch::nn::Linear Head,
                   const std::vector<Batch> &Data) {
  torch::optim::SGD Optimizer(trainableParameters(), 0.01);
  for (const Batch &B : Data) {
    torch::Tensor Loss = Head->forward(Features->forward(B.first)).sum();
    Loss.backward();
    Optimizer.step();
  }
}

// CLEAN: the optimizer updates one of the backbone's own tensors.
void tuneFirstLayer(Backbone Features, const std::vector<Batch> &Data) {
  torch::optim::SGD Optimizer({Features->Conv->weight}, 0.01);
  for (const Batch &B : Data) {
    torch::Tensor Loss = Features->forward(B.first).sum();
    Loss.backward();
    Optimizer.step();
  }
}

// CLEAN: a module without parameters, built in another file.
void perturb(Activations Act, torch::Tensor X, torch::Tensor Y) {
  torch::Tensor Delta = torch::zeros_like(X);
  torch::optim::SGD Optimizer({Delta.requires_grad_()}, 0.1);
  for (int Step = 0; Step < 100; ++Step) {
    torch::Tensor Loss = torch::mse_loss(Act->forward(X + Delta), Y);
    Loss.backward();
    Optimizer.step();
  }
}

// CLEAN: the backbone is registered into the model the optimizer trains.
void trainRegistered(Backbone Features, const std::vector<Batch> &Data) {
  torch::nn::Sequential Model;
  Model->push_back(Features);
  Model->push_back(torch::nn::Linear(8, 2));
  torch::optim::SGD Optimizer(Model->parameters(), 0.01);
  for (const Batch &B : Data) {
    torch::Tensor Loss = Model->forward(Features->forward(B.first)).sum();
    Loss.backward();
    Optimizer.step();
  }
}

#ifdef FREEZE_ELSEWHERE
// With freezing anywhere in the file, the backbone may be frozen by the
// caller of fineTune: nothing is reported.
void freeze(Backbone Features) {
  for (torch::Tensor &P : Features->parameters())
    P.set_requires_grad(false);
}
#endif
