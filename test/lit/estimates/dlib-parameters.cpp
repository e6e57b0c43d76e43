// dlib network types: the static count equals dlib's count_parameters()
// after the network has run once (dlib allocates parameters on the first
// batch), and an fc layer whose input depends on an undeclared image size
// is unknown.
//
// RUN: %clangxx -std=c++17 -O0 -c -o %t.o -fplugin=%plugin -fplugin-arg-greenlint-rules=-* -fplugin-arg-greenlint-estimates %s 2> %t.remarks
// RUN: %clangxx %t.o -o %t -ldlib -lpthread -lblas -llapack
// RUN: %t > %t.runtime
// RUN: cat %t.remarks %t.runtime | FileCheck %s
#include <cstdio>
#include <dlib/dnn.h>

using namespace dlib;

// LeNet on 28x28 digits (dlib's dnn_introduction_ex.cpp architecture):
// con 5x5 keeps 28x28 (padding 2), pools halve it: fc<120> takes 16*7*7.
// clang-format off
using LeNet [[clang::annotate("greenlint::input", 1, 28, 28)]] =
    loss_multiclass_log<fc<10, relu<fc<84, relu<fc<120,
    max_pool<2, 2, 2, 2, relu<con<16, 5, 5, 1, 1,
    max_pool<2, 2, 2, 2, relu<con<6, 5, 5, 1, 1,
    input<matrix<unsigned char>>>>>>>>>>>>>>;
// clang-format on
// CHECK-DAG: remark: greenlint estimate: model 'LeNet' (dlib): [[LENET:[0-9,]+]] parameters, {{.*}} per sample (one 1x28x28 image)

// A fixed-size colour input, a strided convolution, batch norm and an fc
// layer without bias: con 8*3*9 + 8 = 224 on 32x32 -> 15x15 (stride 2, no
// padding), batch norm 2*8, pool -> 7x7, fc 8*7*7*5 = 1,960: 2,200.
using Colour = loss_multiclass_log<fc_no_bias<
    5, max_pool<2, 2, 2, 2,
                relu<bn_con<con<8, 3, 3, 2, 2, input_rgb_image_sized<32>>>>>>>;
// CHECK-DAG: remark: greenlint estimate: model 'Colour' (dlib): [[COLOUR:[0-9,]+]] parameters

// Without the image size, fc<10>'s inputs are unknown: no estimate.
using Unsized =
    loss_multiclass_log<fc<10, relu<con<8, 3, 3, 1, 1,
                                        input<matrix<unsigned char>>>>>>;
// CHECK-DAG: remark: greenlint estimate: model 'Unsized' (dlib): size unknown; not estimated: layer '3:fc_': its input size depends on the image size

static std::string grouped(size_t N) {
  std::string S = std::to_string(N);
  for (int I = int(S.size()) - 3; I > 0; I -= 3)
    S.insert(size_t(I), ",");
  return S;
}

int main() {
  LeNet Digits;
  matrix<unsigned char> Digit(28, 28);
  Digit = 0;
  Digits(Digit);
  std::printf("runtime LeNet %s\n", grouped(count_parameters(Digits)).c_str());
  Colour Net;
  matrix<rgb_pixel> Image(32, 32);
  Image = rgb_pixel(0, 0, 0);
  Net(Image);
  std::printf("runtime Colour %s\n", grouped(count_parameters(Net)).c_str());
}
// CHECK: runtime LeNet [[LENET]]{{$}}
// CHECK: runtime Colour [[COLOUR]]{{$}}
