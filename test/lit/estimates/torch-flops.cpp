// FLOPs through a Sequential with a declared input shape, worked by hand,
// and what stays unknown without one.
//
// RUN: rm -rf %t.facts
// RUN: %clangxx %torch -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-* -fplugin-arg-greenlint-estimates -fplugin-arg-greenlint-profile=nvidia-a100-sxm4-80gb -fplugin-arg-greenlint-facts=%t.facts %s 2>&1 | FileCheck %s
// RUN: python3 %S/Inputs/print_estimates.py %t.facts | FileCheck %s --check-prefix=FACTS
#include <torch/torch.h>
#include "Inputs/header_model.h"

void classify() {
  // conv1: 3->16, 3x3, padding 1 on 32x32: 32*32*16*27*2 = 884,736 FLOPs.
  // pool:  16x16. conv2: 16->32, 3x3 on 16x16 -> 14x14:
  //        14*14*32*144*2 = 1,806,336. head: 6,272 -> 10: 125,440.
  // Parameters: 448 + 4,640 + 62,730 = 67,818.
  [[clang::annotate("greenlint::input", 3, 32, 32)]] torch::nn::Sequential
      Net(torch::nn::Conv2d(torch::nn::Conv2dOptions(3, 16, 3).padding(1)),
          torch::nn::ReLU(), torch::nn::MaxPool2d(2),
          torch::nn::Conv2d(torch::nn::Conv2dOptions(16, 32, 3)),
          torch::nn::Flatten(), torch::nn::Linear(32 * 14 * 14, 10));
  // CHECK: :[[@LINE-4]]:{{[0-9]+}}: remark: greenlint estimate: model 'Net' (libtorch): 67,818 parameters, 271 kB of weights at float32, 2.82 MFLOP per sample (one 3x32x32 input), {{[0-9.]+}} uJ per call on nvidia-a100-sxm4-80gb (modelled: 400 W x (FLOPs / (19.5 TFLOP/s x 0.5)
  // 400 W x (2,816,512 / 9.75e12 + 271,272 / 1.6312e12) s = 182 uJ.
  // FACTS: Net parameters=67818 flops=2816512 dtype=float32 bytes=271272 joules=1.8207{{[0-9]*}}e-04

  // Without the input shape the convolutions' FLOPs are unknown, never
  // guessed; parameters are still exact.
  torch::nn::Sequential Unsized(
      torch::nn::Conv2d(torch::nn::Conv2dOptions(3, 16, 3).padding(1)),
      torch::nn::Flatten(), torch::nn::Linear(16 * 32 * 32, 10));
  // CHECK: :[[@LINE-3]]:{{[0-9]+}}: remark: greenlint estimate: model 'Unsized' (libtorch): 164,298 parameters, 657 kB of weights at float32; not estimated: layer '0' (line [[@LINE-2]]): its FLOPs depend on the input's spatial size
  // FACTS: Unsized parameters=164298 flops=None dtype=float32 bytes=657192 joules=None
}

// Half precision: 2 bytes per parameter and the fp16 peak.
struct Lstm : torch::nn::Module {
  Lstm() {
    register_module("lstm", torch::nn::LSTM(128, 256));
    register_module("head", torch::nn::Linear(256, 4));
  }
};
// CHECK: :[[@LINE-6]]:8: remark: greenlint estimate: model 'Lstm' (libtorch): 396,292 parameters, 793 kB of weights at float16, 788 kFLOP per sample (one time step (token) of one sequence)
// 400 W x (788,480 / 156e12 + 792,584 / 1.6312e12) s = 196 uJ.
// FACTS: Lstm parameters=396292 flops=788480 dtype=float16 bytes=792584 joules=1.9637{{[0-9]*}}e-04

void toHalf(std::shared_ptr<Lstm> M) { M->to(torch::kHalf); }

// A width known only at run time: nothing is estimated.
struct Wide : torch::nn::Module {
  explicit Wide(int64_t N) { register_module("fc", torch::nn::Linear(N, N)); }
};
int makeWide(int Argc) {
  auto W = std::make_shared<Wide>(Argc);
  return 0;
}
// CHECK: :[[@LINE-3]]:12: remark: greenlint estimate: model 'Wide(Argc)' (libtorch): size unknown; not estimated: layer 'fc' (line [[@LINE-6]]): its in_features is not a constant
// FACTS: Wide(Argc) parameters=None flops=None dtype=float32 bytes=None joules=None

// A model from a header is estimated once, where it is first built.
void serveHeaderModels() {
  HeaderNet First;
  // CHECK: :[[@LINE-1]]:13: remark: greenlint estimate: model 'HeaderNetImpl' (libtorch): 264 parameters
  // FACTS: HeaderNetImpl parameters=264 flops=512 {{.*}} at=header_model.h:3
  HeaderNet Second;
}

// A class derived from Sequential keeps its layers in order, so a declared
// input carries through: conv 1->4, 3x3 on 8x8 -> 6x6: 6*6*4*9*2 = 2,592;
// head 144 -> 2: 576. Parameters 40 + 290 = 330.
struct [[clang::annotate("greenlint::input", 1, 8, 8)]] TinyImpl
    : torch::nn::SequentialImpl {
  TinyImpl() {
    push_back(torch::nn::Conv2d(torch::nn::Conv2dOptions(1, 4, 3)));
    push_back(torch::nn::Flatten());
    push_back(torch::nn::Linear(4 * 6 * 6, 2));
  }
};
// CHECK: :[[@LINE-8]]:{{[0-9]+}}: remark: greenlint estimate: model 'TinyImpl' (libtorch): 330 parameters, 1.32 kB of weights at float32, 3.17 kFLOP per sample (one 1x8x8 input)
// FACTS: TinyImpl parameters=330 flops=3168

// A constructor that calls a helper of its own class may register layers
// there: unknown, not too small.
struct Helped : torch::nn::Module {
  Helped() {
    register_module("fc", torch::nn::Linear(4, 4));
    addHead();
  }
  void addHead() { register_module("head", torch::nn::Linear(4, 2)); }
};
// CHECK: :[[@LINE-7]]:8: remark: greenlint estimate: model 'Helped' (libtorch): size unknown; not estimated: the model (line [[@LINE-4]]): the constructor calls addHead(), which may add layers greenlint does not follow
// FACTS: Helped parameters=None flops=None

// A module class with a declared input is followed through forward():
// conv 3->6, 3x3, padding 1 on 16x16: 2*256*6*27 = 82,944; dropout keeps the
// shape; pooling halves it to 8x8; the view flattens 6*8*8 = 384;
// head 384 -> 4: 3,072. Total 86,016. Parameters 168 + 1,540 = 1,708.
struct [[clang::annotate("greenlint::input", 3, 16, 16)]] Classifier
    : torch::nn::Module {
  Classifier()
      : conv(torch::nn::Conv2dOptions(3, 6, 3).padding(1)), head(6 * 8 * 8, 4) {
    register_module("conv", conv);
    register_module("drop", drop);
    register_module("head", head);
  }
  torch::Tensor forward(torch::Tensor X) {
    auto Y = torch::relu(conv->forward(X));
    Y = torch::max_pool2d(drop->forward(Y), 2);
    Y = Y.view({-1, 6 * 8 * 8});
    return torch::log_softmax(head(Y), 1);
  }
  torch::nn::Conv2d conv;
  torch::nn::Dropout2d drop;
  torch::nn::Linear head;
};
// CHECK: :[[@LINE-18]]:{{[0-9]+}}: remark: greenlint estimate: model 'Classifier' (libtorch): 1,708 parameters, 6.83 kB of weights at float32, 86 kFLOP per sample (one 3x16x16 input)
// FACTS: Classifier parameters=1708 flops=86016

// Control flow in forward() is not followed: FLOPs unknown, with the line.
struct [[clang::annotate("greenlint::input", 1, 8, 8)]] Looping
    : torch::nn::Module {
  Looping() : conv(torch::nn::Conv2dOptions(1, 1, 3).padding(1)) {
    register_module("conv", conv);
  }
  torch::Tensor forward(torch::Tensor X) {
    for (int I = 0; I < 3; ++I)
      X = conv->forward(X);
    return X;
  }
  torch::nn::Conv2d conv;
};
// CHECK: :[[@LINE-12]]:{{[0-9]+}}: remark: greenlint estimate: model 'Looping' (libtorch): 10 parameters, 40 B of weights at float32; not estimated: forward(), line [[@LINE-6]]: a statement other than a declaration, an assignment to a tensor or a return (control flow is not followed)
// FACTS: Looping parameters=10 flops=None
