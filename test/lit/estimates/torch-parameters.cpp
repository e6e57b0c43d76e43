// The static parameter count of each of nine architectures equals LibTorch's own
// count at run time: the remarks of the compile and the program's output
// go through one FileCheck, which captures each static figure and demands
// the same number from parameters().
//
// RUN: %clangxx %torch -c -o %t.o -fplugin=%plugin -fplugin-arg-greenlint-rules=-* -fplugin-arg-greenlint-estimates %s 2> %t.remarks
// RUN: %clangxx %t.o -o %t %link_torch
// RUN: %t > %t.runtime
// RUN: cat %t.remarks %t.runtime | FileCheck %s
#include <torch/torch.h>
#include <cstdio>

// 1. A multilayer perceptron registered in the constructor body.
struct Mlp : torch::nn::Module {
  Mlp() {
    fc1 = register_module("fc1", torch::nn::Linear(784, 256));
    fc2 = register_module("fc2", torch::nn::Linear(256, 64));
    fc3 = register_module(
        "fc3", torch::nn::Linear(torch::nn::LinearOptions(64, 10).bias(false)));
  }
  torch::nn::Linear fc1{nullptr}, fc2{nullptr}, fc3{nullptr};
};
// CHECK-DAG: remark: greenlint estimate: model 'Mlp' (libtorch): [[MLP:[0-9,]+]] parameters

// 2. A convolutional network registered in the member initialiser list,
//    with batch normalisation.
struct Cnn : torch::nn::Module {
  Cnn()
      : conv1(register_module(
            "conv1", torch::nn::Conv2d(torch::nn::Conv2dOptions(3, 16, 3)
                                           .padding(1)
                                           .bias(false)))),
        bn1(register_module("bn1", torch::nn::BatchNorm2d(16))),
        conv2(register_module(
            "conv2",
            torch::nn::Conv2d(torch::nn::Conv2dOptions(16, 32, {3, 5})
                                  .stride(2)
                                  .groups(2)))),
        head(register_module("head", torch::nn::Linear(32 * 4 * 4, 10))) {}
  torch::nn::Conv2d conv1, conv2;
  torch::nn::BatchNorm2d bn1;
  torch::nn::Linear head;
};
// CHECK-DAG: remark: greenlint estimate: model 'Cnn' (libtorch): [[CNN:[0-9,]+]] parameters

// 3. A stacked bidirectional LSTM tagger with an embedding.
constexpr int64_t Vocabulary = 5000;
struct Tagger : torch::nn::Module {
  Tagger() {
    embed = register_module("embed",
                            torch::nn::Embedding(Vocabulary, 128));
    lstm = register_module(
        "lstm", torch::nn::LSTM(torch::nn::LSTMOptions(128, 256)
                                    .num_layers(2)
                                    .bidirectional(true)));
    out = register_module("out", torch::nn::Linear(2 * 256, 17));
  }
  torch::nn::Embedding embed{nullptr};
  torch::nn::LSTM lstm{nullptr};
  torch::nn::Linear out{nullptr};
};
// CHECK-DAG: remark: greenlint estimate: model 'Tagger' (libtorch): [[TAGGER:[0-9,]+]] parameters

// 4. A GRU without biases and a plain RNN.
struct Recurrent : torch::nn::Module {
  Recurrent() {
    register_module("gru", torch::nn::GRU(torch::nn::GRUOptions(40, 96)
                                              .num_layers(3)
                                              .bias(false)));
    register_module("rnn", torch::nn::RNN(96, 32));
  }
};
// CHECK-DAG: remark: greenlint estimate: model 'Recurrent' (libtorch): [[RECURRENT:[0-9,]+]] parameters

// 5. A transformer block: attention, layer norms, feed-forward, and a
//    free parameter.
struct Block : torch::nn::Module {
  Block(int64_t Dim, int64_t Hidden) {
    attn = register_module("attn",
                           torch::nn::MultiheadAttention(Dim, /*heads=*/4));
    norm1 = register_module(
        "norm1", torch::nn::LayerNorm(torch::nn::LayerNormOptions({Dim})));
    norm2 = register_module(
        "norm2", torch::nn::LayerNorm(torch::nn::LayerNormOptions({Dim})));
    up = register_module("up", torch::nn::Linear(Dim, Hidden));
    down = register_module("down", torch::nn::Linear(Hidden, Dim));
    scale = register_parameter("scale", torch::ones({Dim}));
  }
  torch::nn::MultiheadAttention attn{nullptr};
  torch::nn::LayerNorm norm1{nullptr}, norm2{nullptr};
  torch::nn::Linear up{nullptr}, down{nullptr};
  torch::Tensor scale;
};

// 6. Nested modules: the block twice, sized by the outer constructor's
//    arguments.
struct Encoder : torch::nn::Module {
  explicit Encoder(int64_t Dim = 64) {
    register_module("block1", std::make_shared<Block>(Dim, 4 * Dim));
    register_module("block2", std::make_shared<Block>(Dim, 2 * Dim));
    register_module("proj", torch::nn::Linear(Dim, Dim / 2));
  }
};
// CHECK-DAG: remark: greenlint estimate: model 'Encoder' (libtorch): [[ENCODER:[0-9,]+]] parameters
// CHECK-DAG: remark: greenlint estimate: model 'Block(96, 384)' (libtorch): [[BLOCK:[0-9,]+]] parameters

// 7. A Sequential model with 3d convolutions.
static torch::nn::Sequential makeVideoNet() {
  torch::nn::Sequential video(
      torch::nn::Conv3d(torch::nn::Conv3dOptions(3, 8, {3, 3, 3})),
      torch::nn::ReLU(), torch::nn::BatchNorm3d(8),
      torch::nn::Conv3d(torch::nn::Conv3dOptions(8, 8, 1).bias(false)),
      torch::nn::Flatten(), torch::nn::Linear(8 * 6 * 6 * 6, 5));
  return video;
}
// CHECK-DAG: remark: greenlint estimate: model 'video' (libtorch): [[VIDEO:[0-9,]+]] parameters

// 8. A class derived from Sequential that pushes its layers (LibTorch's
//    custom-dataset example style), with a Functional in between.
struct PushedImpl : torch::nn::SequentialImpl {
  PushedImpl() {
    push_back(torch::nn::Conv2d(torch::nn::Conv2dOptions(3, 8, 5).stride(2)));
    push_back(torch::nn::Functional(torch::relu));
    push_back(torch::nn::Flatten());
    push_back(torch::nn::Linear(8 * 14 * 14, 10));
  }
};
TORCH_MODULE(Pushed);
// CHECK-DAG: remark: greenlint estimate: model 'PushedImpl' (libtorch): [[PUSHED:[0-9,]+]] parameters

// 9. Members built by their declaration's default (the MNIST example's
//    Dropout2d) and by the member initialiser list.
struct Digits : torch::nn::Module {
  Digits() : conv(torch::nn::Conv2dOptions(1, 10, 5)), fc(320, 50) {
    register_module("conv", conv);
    register_module("drop", drop);
    register_module("fc", fc);
  }
  torch::nn::Conv2d conv;
  torch::nn::Dropout2d drop;
  torch::nn::Linear fc;
};
// CHECK-DAG: remark: greenlint estimate: model 'Digits' (libtorch): [[DIGITS:[0-9,]+]] parameters

static long long count(const torch::nn::Module &M) {
  long long N = 0;
  for (const auto &P : M.parameters())
    N += P.numel();
  return N;
}

static std::string grouped(long long N) {
  std::string S = std::to_string(N);
  for (int I = int(S.size()) - 3; I > 0; I -= 3)
    S.insert(size_t(I), ",");
  return S;
}

int main() {
  std::printf("runtime Mlp %s\n", grouped(count(Mlp())).c_str());
  std::printf("runtime Cnn %s\n", grouped(count(Cnn())).c_str());
  std::printf("runtime Tagger %s\n", grouped(count(Tagger())).c_str());
  std::printf("runtime Recurrent %s\n", grouped(count(Recurrent())).c_str());
  std::printf("runtime Encoder %s\n", grouped(count(Encoder())).c_str());
  auto B = std::make_shared<Block>(96, 384);
  std::printf("runtime Block %s\n", grouped(count(*B)).c_str());
  std::printf("runtime video %s\n", grouped(count(*makeVideoNet())).c_str());
  std::printf("runtime Pushed %s\n", grouped(count(*Pushed())).c_str());
  std::printf("runtime Digits %s\n", grouped(count(Digits())).c_str());
}
// CHECK: runtime Mlp [[MLP]]{{$}}
// CHECK: runtime Cnn [[CNN]]{{$}}
// CHECK: runtime Tagger [[TAGGER]]{{$}}
// CHECK: runtime Recurrent [[RECURRENT]]{{$}}
// CHECK: runtime Encoder [[ENCODER]]{{$}}
// CHECK: runtime Block [[BLOCK]]{{$}}
// CHECK: runtime video [[VIDEO]]{{$}}
// CHECK: runtime Pushed [[PUSHED]]{{$}}
// CHECK: runtime Digits [[DIGITS]]{{$}}
