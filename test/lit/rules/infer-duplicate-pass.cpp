// infer-duplicate-pass: a second inference pass over the same loader or
// container that the first pass already made (LibTorch, ONNX Runtime,
// OpenCV dnn).
// RUN: %clangxx %torch -I%inputs/onnxruntime -isystem /usr/include/opencv4 -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,infer-duplicate-pass %s 2>&1 | FileCheck %s --implicit-check-not="warning:" --implicit-check-not="note:"
#include <onnxruntime_cxx_api.h>
#include <opencv2/dnn.hpp>
#include <torch/script.h>
#include <torch/torch.h>
#include <chrono>
#include <vector>

struct NetImpl : torch::nn::Module {
  NetImpl() : Fc(register_module("fc", torch::nn::Linear(784, 10))) {}
  torch::Tensor forward(torch::Tensor X) { return Fc->forward(X.view({-1, 784})); }
  torch::nn::Linear Fc;
};
TORCH_MODULE(Net);

using Loader = std::unique_ptr<torch::data::StatelessDataLoader<
    torch::data::datasets::MapDataset<
        torch::data::datasets::MNIST,
        torch::data::transforms::Stack<torch::data::Example<>>>,
    torch::data::samplers::SequentialSampler>>;
Loader makeLoader(int BatchSize);
Loader makeAugmentedLoader();
void trainEpoch(Net &Model, torch::optim::Optimizer &Opt, Loader &Data);

// The accuracy loop, then the same loop again for a confusion matrix.
void testAndConfusion(Net Model, torch::Device Device) {
  auto TestLoader = makeLoader(1000);
  Model->eval();
  torch::NoGradGuard NoGrad;
  int64_t Correct = 0;
  for (const auto &Batch : *TestLoader) {
    auto Data = Batch.data.to(Device);
    auto Output = Model->forward(Data);
    Correct += Output.argmax(1).eq(Batch.target.to(Device)).sum().item<int64_t>();
  }
  std::cout << "accuracy " << Correct << "\n";
  auto Confusion = torch::zeros({10, 10}, torch::kLong);
  for (const auto &Batch : *TestLoader) {
    // CHECK: :[[@LINE-1]]:3: warning: this loop runs the model over 'TestLoader' again with the same inputs as the pass on line [[@LINE-8]]; keep the first pass's outputs (predictions or logits) and compute this result from them (a second pass costs as much energy as the first) [greenlint-infer-duplicate-pass]
    // CHECK: :[[@LINE-9]]:3: note: first pass over 'TestLoader' is here
    auto Data = Batch.data.to(Device);
    auto Predicted = Model->forward(Data).argmax(1);
    auto Target = Batch.target.to(Device);
    for (int64_t I = 0; I < Predicted.size(0); ++I)
      Confusion[Target[I].item<int64_t>()][Predicted[I].item<int64_t>()] += 1;
  }
}

// TorchScript: evaluate, then go over the test set again only to print the
// predictions.
void evaluateAndPrint(torch::jit::Module &Module,
                      std::vector<torch::Tensor> &Images) {
  Module.eval();
  torch::InferenceMode Guard;
  double Sum = 0;
  for (auto &Image : Images)
    Sum += Module.forward({Image}).toTensor().max().item<double>();
  std::cout << Sum << "\n";
  for (auto &Image : Images) {
    // CHECK: :[[@LINE-1]]:3: warning: this loop runs the model over 'Images' again with the same inputs as the pass on line [[@LINE-4]]
    // CHECK: :[[@LINE-5]]:3: note: first pass over 'Images' is here
    auto Scores = Module.forward({Image}).toTensor();
    std::cout << Scores.argmax(1) << "\n";
  }
}

// A model loaded from a checkpoint: overall accuracy, then per-class
// accuracy over the same test loader (no eval() at all; the grad guard only
// around the second pass).
void accuracyThenPerClass(Net Model) {
  auto TestLoader = makeLoader(4);
  torch::load(Model, "net.pt");
  int Correct = 0;
  for (const auto &Batch : *TestLoader) {
    auto Predicted = std::get<1>(torch::max(Model->forward(Batch.data), 1));
    Correct += (Predicted == Batch.target).sum().item<int>();
  }
  float ClassCorrect[10] = {};
  torch::NoGradGuard NoGrad;
  for (const auto &Batch : *TestLoader) {
    // CHECK: :[[@LINE-1]]:3: warning: this loop runs the model over 'TestLoader' again with the same inputs as the pass on line [[@LINE-7]]
    // CHECK: :[[@LINE-8]]:3: note: first pass over 'TestLoader' is here
    auto Predicted = std::get<1>(torch::max(Model->forward(Batch.data), 1));
    auto Hits = (Predicted == Batch.target).squeeze();
    for (int I = 0; I < 4; ++I)
      ClassCorrect[Batch.target[I].item<int>()] += Hits[I].item<float>();
  }
}

// A template over the loader type, as evaluation helpers often are: the
// loss and accuracy, then the predictions printed.
template <typename DataLoader>
void testAndPrint(Net &Model, DataLoader &Loader) {
  Model->eval();
  torch::NoGradGuard NoGrad;
  double Loss = 0;
  for (const auto &Batch : Loader)
    Loss += torch::nll_loss(Model->forward(Batch.data), Batch.target).template item<double>();
  std::cout << Loss << "\n";
  for (const auto &Batch : Loader) {
    // CHECK: :[[@LINE-1]]:3: warning: this loop runs the model over 'Loader' again with the same inputs as the pass on line [[@LINE-4]]
    // CHECK: :[[@LINE-5]]:3: note: first pass over 'Loader' is here
    std::cout << Model->forward(Batch.data).argmax(1) << "\n";
  }
}
template void testAndPrint(Net &, decltype(*makeLoader(1)) &);

// ONNX Runtime: a container of inputs run twice through one session.
void scoreTwice(Ort::Session &Session, std::vector<std::vector<float>> &Inputs,
                const std::vector<int64_t> &Shape, const char *const *InNames,
                const char *const *OutNames) {
  auto Memory = Ort::MemoryInfo::CreateCpu(OrtArenaAllocator, OrtMemTypeDefault);
  size_t Positive = 0;
  for (auto &Input : Inputs) {
    Ort::Value Tensor = Ort::Value::CreateTensor<float>(
        Memory, Input.data(), Input.size(), Shape.data(), Shape.size());
    auto Out = Session.Run(Ort::RunOptions{nullptr}, InNames, &Tensor, 1,
                           OutNames, 1);
    Positive += Out[0].GetTensorMutableData<float>()[0] > 0.5f;
  }
  std::vector<float> Scores;
  for (auto &Input : Inputs) {
    // CHECK: :[[@LINE-1]]:3: warning: this loop runs the model over 'Inputs' again with the same inputs as the pass on line [[@LINE-9]]
    // CHECK: :[[@LINE-10]]:3: note: first pass over 'Inputs' is here
    Ort::Value Tensor = Ort::Value::CreateTensor<float>(
        Memory, Input.data(), Input.size(), Shape.data(), Shape.size());
    auto Out = Session.Run(Ort::RunOptions{nullptr}, InNames, &Tensor, 1,
                           OutNames, 1);
    Scores.push_back(Out[0].GetTensorMutableData<float>()[0]);
  }
}

// CLEAN: ONNX Runtime: a float and a quantized session on the same inputs.
void compareQuantized(Ort::Session &Float32, Ort::Session &Int8,
                      std::vector<std::vector<float>> &Inputs,
                      const std::vector<int64_t> &Shape,
                      const char *const *InNames, const char *const *OutNames) {
  auto Memory = Ort::MemoryInfo::CreateCpu(OrtArenaAllocator, OrtMemTypeDefault);
  for (auto &Input : Inputs) {
    Ort::Value Tensor = Ort::Value::CreateTensor<float>(
        Memory, Input.data(), Input.size(), Shape.data(), Shape.size());
    (void)Float32.Run(Ort::RunOptions{nullptr}, InNames, &Tensor, 1, OutNames, 1);
  }
  for (auto &Input : Inputs) {
    Ort::Value Tensor = Ort::Value::CreateTensor<float>(
        Memory, Input.data(), Input.size(), Shape.data(), Shape.size());
    (void)Int8.Run(Ort::RunOptions{nullptr}, InNames, &Tensor, 1, OutNames, 1);
  }
}

// CLEAN: a training epoch over the training set, then an evaluation of the
// training set: the first pass runs in training mode and updates weights.
void trainThenEvaluateTrainingSet(Net Model, torch::optim::SGD &Opt) {
  auto TrainLoader = makeLoader(64);
  Model->train();
  for (auto &Batch : *TrainLoader) {
    Opt.zero_grad();
    auto Loss = torch::nll_loss(Model->forward(Batch.data), Batch.target);
    Loss.backward();
    Opt.step();
  }
  Model->eval();
  torch::NoGradGuard NoGrad;
  for (auto &Batch : *TrainLoader)
    (void)Model->forward(Batch.data).argmax(1);
}

// CLEAN: the same evaluation over the training loader and the test loader.
void evaluateBothSets(Net Model) {
  auto TrainLoader = makeLoader(64);
  auto TestLoader = makeLoader(1000);
  Model->eval();
  torch::NoGradGuard NoGrad;
  for (auto &Batch : *TrainLoader)
    (void)Model->forward(Batch.data);
  for (auto &Batch : *TestLoader)
    (void)Model->forward(Batch.data);
}

// CLEAN: before/after comparisons: the weights change between the passes
// (an optimizer step, a checkpoint load, a conversion, training mode).
void beforeAndAfter(Net Model, torch::optim::Adam &Opt, torch::Tensor Loss) {
  auto TestLoader = makeLoader(1000);
  Model->eval();
  torch::NoGradGuard NoGrad;
  for (auto &Batch : *TestLoader)
    (void)Model->forward(Batch.data);
  Opt.step();
  for (auto &Batch : *TestLoader)
    (void)Model->forward(Batch.data);
  torch::load(Model, "best.pt");
  for (auto &Batch : *TestLoader)
    (void)Model->forward(Batch.data);
  Model->to(torch::kHalf);
  for (auto &Batch : *TestLoader)
    (void)Model->forward(Batch.data.to(torch::kHalf));
}

// CLEAN: batch-norm statistics recalibrated in training mode (no gradient,
// but the forward pass updates the running means), then evaluated.
void recalibrateThenEvaluate(Net Model) {
  auto Loader = makeLoader(64);
  torch::NoGradGuard NoGrad;
  Model->train();
  for (auto &Batch : *Loader)
    (void)Model->forward(Batch.data);
  Model->eval();
  for (auto &Batch : *Loader)
    (void)Model->forward(Batch.data);
}

// CLEAN: the first pass runs in the mode the model came with (dropout on in
// a fresh module), the second after eval(): their outputs differ.
void defaultModeThenEval(Net Model) {
  auto TestLoader = makeLoader(1000);
  torch::NoGradGuard NoGrad;
  for (auto &Batch : *TestLoader)
    (void)Model->forward(Batch.data);
  Model->eval();
  for (auto &Batch : *TestLoader)
    (void)Model->forward(Batch.data);
}

// CLEAN: per-epoch evaluation: training runs between the evaluations, and
// the one in the epoch loop repeats per epoch, not after the first.
void fit(Net Model, torch::optim::SGD &Opt, int Epochs) {
  auto TrainLoader = makeLoader(64);
  auto TestLoader = makeLoader(1000);
  Model->eval();
  {
    torch::NoGradGuard NoGrad;
    for (auto &Batch : *TestLoader)
      (void)Model->forward(Batch.data);
  }
  for (int Epoch = 0; Epoch < Epochs; ++Epoch) {
    trainEpoch(Model, Opt, TrainLoader);
    Model->eval();
    torch::NoGradGuard NoGrad;
    for (auto &Batch : *TestLoader)
      (void)Model->forward(Batch.data);
  }
}

// CLEAN: the same loop body, but a helper trains in between.
void evaluateTrainEvaluate(Net Model, torch::optim::SGD &Opt) {
  auto TrainLoader = makeLoader(64);
  auto TestLoader = makeLoader(1000);
  torch::NoGradGuard NoGrad;
  for (auto &Batch : *TestLoader)
    (void)Model->forward(Batch.data);
  trainEpoch(Model, Opt, TrainLoader);
  for (auto &Batch : *TestLoader)
    (void)Model->forward(Batch.data);
}

// CLEAN: a teacher and a student evaluated on the same loader.
void distillationReport(Net Teacher, Net Student) {
  auto TestLoader = makeLoader(1000);
  Teacher->eval();
  Student->eval();
  torch::NoGradGuard NoGrad;
  for (auto &Batch : *TestLoader)
    (void)Teacher->forward(Batch.data);
  for (auto &Batch : *TestLoader)
    (void)Student->forward(Batch.data);
}

// CLEAN: another batch size or another transform is another loader, and
// test-time augmentation feeds the same loader's images flipped.
void augmentedPasses(Net Model) {
  auto TestLoader = makeLoader(1000);
  auto SingleLoader = makeLoader(1);
  auto AugmentedLoader = makeAugmentedLoader();
  Model->eval();
  torch::NoGradGuard NoGrad;
  for (auto &Batch : *TestLoader)
    (void)Model->forward(Batch.data);
  for (auto &Batch : *SingleLoader)
    (void)Model->forward(Batch.data);
  for (auto &Batch : *AugmentedLoader)
    (void)Model->forward(Batch.data);
  for (auto &Batch : *TestLoader)
    (void)Model->forward(torch::flip(Batch.data, {3}));
}

// CLEAN: a benchmark: a warm-up pass, then the timed pass.
void benchmark(torch::jit::Module &Module, std::vector<torch::Tensor> &Inputs) {
  Module.eval();
  torch::InferenceMode Guard;
  for (auto &Input : Inputs)
    (void)Module.forward({Input});
  auto Start = std::chrono::steady_clock::now();
  for (auto &Input : Inputs)
    (void)Module.forward({Input});
  std::cout << (std::chrono::steady_clock::now() - Start).count() << "\n";
}

// CLEAN: the same pass with one thread and with four: a speed comparison.
void threadScaling(torch::jit::Module &Module,
                   std::vector<torch::Tensor> &Inputs) {
  Module.eval();
  torch::InferenceMode Guard;
  torch::set_num_threads(1);
  for (auto &Input : Inputs)
    (void)Module.forward({Input});
  torch::set_num_threads(4);
  for (auto &Input : Inputs)
    (void)Module.forward({Input});
}

// CLEAN: a recurrent state fed from one step to the next: the second pass
// starts where the first ended.
void continueSequence(torch::jit::Module &Lm, std::vector<torch::Tensor> &Chunks,
                      torch::Tensor Hidden) {
  Lm.eval();
  torch::NoGradGuard NoGrad;
  for (auto &Chunk : Chunks)
    Hidden = Lm.forward({Chunk, Hidden}).toTuple()->elements()[1].toTensor();
  for (auto &Chunk : Chunks)
    Hidden = Lm.forward({Chunk, Hidden}).toTuple()->elements()[1].toTensor();
}

// CLEAN: the loader is made again between the passes (a new shuffle).
void reshuffled(Net Model) {
  auto Loader = makeLoader(64);
  Model->eval();
  torch::NoGradGuard NoGrad;
  for (auto &Batch : *Loader)
    (void)Model->forward(Batch.data);
  Loader = makeLoader(64);
  for (auto &Batch : *Loader)
    (void)Model->forward(Batch.data);
}

// CLEAN: the second loop stops after the first batch: a peek at a few
// predictions, not a second pass.
void peekAfterEvaluation(Net Model) {
  auto TestLoader = makeLoader(1000);
  Model->eval();
  torch::NoGradGuard NoGrad;
  for (auto &Batch : *TestLoader)
    (void)Model->forward(Batch.data);
  for (auto &Batch : *TestLoader) {
    std::cout << Model->forward(Batch.data).argmax(1) << "\n";
    break;
  }
}

// CLEAN (a limitation, docs/rules/infer-duplicate-pass.md): the second pass
// only runs when asked for (a flag, a debug mode).
void optionalReport(Net Model, bool Verbose) {
  auto TestLoader = makeLoader(1000);
  Model->eval();
  torch::NoGradGuard NoGrad;
  for (auto &Batch : *TestLoader)
    (void)Model->forward(Batch.data);
  if (Verbose)
    for (auto &Batch : *TestLoader)
      std::cout << Model->forward(Batch.data) << "\n";
}

void drawBoxes(const cv::Mat &Frame, const cv::Mat &Detections);

// OpenCV dnn: the detector runs over the same frames to count, then again
// to draw; forward() takes its input from setInput().
void countThenDraw(cv::dnn::Net &Net, const std::vector<cv::Mat> &Frames) {
  int Found = 0;
  for (const cv::Mat &Frame : Frames) {
    Net.setInput(cv::dnn::blobFromImage(Frame, 1 / 255.0, cv::Size(416, 416)));
    Found += Net.forward().rows;
  }
  for (const cv::Mat &Frame : Frames) {
    // CHECK: :[[@LINE-1]]:3: warning: this loop runs the model over 'Frames' again with the same inputs as the pass on line [[@LINE-5]]
    // CHECK: :[[@LINE-6]]:3: note: first pass over 'Frames' is here
    Net.setInput(cv::dnn::blobFromImage(Frame, 1 / 255.0, cv::Size(416, 416)));
    cv::Mat Detections = Net.forward();
    drawBoxes(Frame, Detections);
  }
}

// CLEAN: OpenCV dnn at two input sizes, and on another target: a
// comparison, not a repeat.
void compareSizesAndTargets(cv::dnn::Net &Net,
                            const std::vector<cv::Mat> &Frames) {
  for (const cv::Mat &Frame : Frames) {
    Net.setInput(cv::dnn::blobFromImage(Frame, 1 / 255.0, cv::Size(416, 416)));
    drawBoxes(Frame, Net.forward());
  }
  for (const cv::Mat &Frame : Frames) {
    Net.setInput(cv::dnn::blobFromImage(Frame, 1 / 255.0, cv::Size(320, 320)));
    drawBoxes(Frame, Net.forward());
  }
  Net.setPreferableTarget(cv::dnn::DNN_TARGET_OPENCL_FP16);
  for (const cv::Mat &Frame : Frames) {
    Net.setInput(cv::dnn::blobFromImage(Frame, 1 / 255.0, cv::Size(320, 320)));
    drawBoxes(Frame, Net.forward());
  }
}
