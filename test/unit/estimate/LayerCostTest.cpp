//===- LayerCostTest.cpp - Layer formulas against hand-worked values ------===//
#include "greenlint/estimate/LayerCost.h"
#include "greenlint/data/Profile.h"
#include "greenlint/estimate/EnergyModel.h"
#include "greenlint/estimate/GgufName.h"
#include <gtest/gtest.h>

using namespace greenlint::estimate;

TEST(LayerCost, LinearCountsWeightsBiasAndTwoFlopsPerMultiplyAccumulate) {
  // 784 x 256 weights + 256 biases; 784 x 256 multiply-accumulates.
  LayerCost C = linearCost(784, 256, true);
  EXPECT_EQ(C.Parameters, 200960u);
  ASSERT_TRUE(C.Flops);
  EXPECT_DOUBLE_EQ(*C.Flops, 401408);
  EXPECT_EQ(linearCost(784, 256, false).Parameters, 200704u);
}

TEST(LayerCost, Conv2dSamePaddingOn32x32) {
  // 3 -> 16 channels, 3x3, padding 1: the output stays 32x32.
  auto Out = convOutputSize({32, 32}, {3, 3}, {1, 1}, {1, 1}, {1, 1});
  ASSERT_EQ(Out, (std::vector<int64_t>{32, 32}));
  LayerCost C = convCost(3, 16, {3, 3}, 1, true, &Out);
  EXPECT_EQ(C.Parameters, 448u); // 3*16*9 + 16
  ASSERT_TRUE(C.Flops);
  // 32*32 positions x 16 outputs x 27 inputs each x 2.
  EXPECT_DOUBLE_EQ(*C.Flops, 884736);
}

TEST(LayerCost, Conv2dStridedGroupedRectangularKernel) {
  // 16 -> 32 channels in 2 groups, 3x5 kernel, stride 2, on 16x20:
  // (16-3)/2+1 = 7 rows, (20-5)/2+1 = 8 columns.
  auto Out = convOutputSize({16, 20}, {3, 5}, {2, 2}, {0, 0}, {1, 1});
  ASSERT_EQ(Out, (std::vector<int64_t>{7, 8}));
  LayerCost C = convCost(16, 32, {3, 5}, 2, true, &Out);
  EXPECT_EQ(C.Parameters, 3872u); // (16/2)*15*32 + 32
  ASSERT_TRUE(C.Flops);
  EXPECT_DOUBLE_EQ(*C.Flops, 430080); // 56 * 32 * 120 * 2
}

TEST(LayerCost, ConvWithoutInputSizeHasNoFlops) {
  LayerCost C = convCost(3, 16, {3, 3}, 1, true, nullptr);
  EXPECT_EQ(C.Parameters, 448u);
  EXPECT_FALSE(C.Flops);
  EXPECT_NE(C.FlopsUnknown.find("spatial"), std::string::npos);
}

TEST(LayerCost, DilationShrinksTheOutput) {
  // Effective kernel 1 + 2*(3-1) = 5 on 10 inputs: 6 outputs.
  EXPECT_EQ(convOutputSize({10}, {3}, {1}, {0}, {2}),
            (std::vector<int64_t>{6}));
  EXPECT_TRUE(convOutputSize({2}, {3}, {1}, {0}, {1}).empty());
}

TEST(LayerCost, LstmStep) {
  // One layer, 128 inputs, 256 hidden: 4 gates x 256 x (128 + 256)
  // weights plus two bias vectors of 4 x 256.
  LayerCost C = recurrentCost(RecurrentCell::Lstm, 128, 256, 1, true, false);
  EXPECT_EQ(C.Parameters, 395264u);
  ASSERT_TRUE(C.Flops);
  EXPECT_DOUBLE_EQ(*C.Flops, 786432); // 2 x 4 x 256 x 384 per time step
}

TEST(LayerCost, StackedBidirectionalLstmFeedsBothDirectionsUp) {
  // Layer 2 takes 2 x 256 inputs: 2 x (4*256*768 + 2048) = 1,576,960.
  LayerCost C = recurrentCost(RecurrentCell::Lstm, 128, 256, 2, true, true);
  EXPECT_EQ(C.Parameters, 790528u + 1576960u);
  EXPECT_DOUBLE_EQ(*C.Flops, 2.0 * 4 * 256 * (384 * 2 + 768 * 2));
}

TEST(LayerCost, GruAndRnnUseThreeAndOneGates) {
  EXPECT_EQ(
      recurrentCost(RecurrentCell::Gru, 40, 96, 1, false, false).Parameters,
      3u * 96 * (40 + 96));
  EXPECT_EQ(
      recurrentCost(RecurrentCell::Rnn, 96, 32, 1, true, false).Parameters,
      32u * (96 + 32) + 2 * 32);
}

TEST(LayerCost, AttentionProjections) {
  // E = 96: in-projection 3E x E + 3E, out-projection E x E + E.
  LayerCost C = attentionCost(96, 96, 96, true, false, std::nullopt);
  EXPECT_EQ(C.Parameters, 37248u);
  EXPECT_FALSE(C.Flops);
  // With 10 tokens: 2 x 4E^2 projections + 4 x 10 x E for the scores.
  LayerCost L = attentionCost(96, 96, 96, true, false, 10);
  EXPECT_DOUBLE_EQ(*L.Flops, 77568);
}

TEST(LayerCost, EmbeddingAndNormsDoNoCountedArithmetic) {
  EXPECT_EQ(embeddingCost(5000, 128).Parameters, 640000u);
  EXPECT_DOUBLE_EQ(*embeddingCost(5000, 128).Flops, 0);
  EXPECT_EQ(normCost("batchnorm", 16, true).Parameters, 32u);
  EXPECT_EQ(normCost("layernorm", 96, false).Parameters, 0u);
}

TEST(EnergyModel, LinearOnA100) {
  greenlint::data::HardwareProfile P;
  std::string Error;
  ASSERT_TRUE(greenlint::data::loadProfile("nvidia-a100-sxm4-80gb", P, Error))
      << Error;
  // 400 W x (401,408 / (19.5 TFLOP/s x 0.5) + 803,840 B / (2,039 GB/s x
  // 0.8)) = 400 x (4.117e-8 + 4.928e-7) s.
  CallEnergy E = joulesPerCall(401408, 803840, "float32", P);
  ASSERT_TRUE(E.Joules) << E.Explanation;
  EXPECT_NEAR(*E.Joules, 2.13585e-4, 1e-8);
  EXPECT_NE(E.Explanation.find("nvidia-a100-sxm4-80gb"), std::string::npos);
  // Half precision uses the fp16 peak: the compute term shrinks 16-fold.
  CallEnergy H = joulesPerCall(401408, 401920, "float16", P);
  ASSERT_TRUE(H.Joules);
  EXPECT_LT(*H.Joules, *E.Joules / 1.9);
}

TEST(EnergyModel, MissingPeakIsExplainedNotGuessed) {
  greenlint::data::HardwareProfile P;
  P.Id = "bare";
  P.File = "bare.yaml";
  P.MaxW = 100;
  P.MemBandwidthGBs = 100;
  CallEnergy E = joulesPerCall(1e6, 1e6, "float32", P);
  EXPECT_FALSE(E.Joules);
  EXPECT_NE(E.Explanation.find("fp32"), std::string::npos);
  EXPECT_NE(E.Explanation.find("bare.yaml"), std::string::npos);
}

TEST(GgufName, WeightTypeAndBitsFromTheName) {
  auto T = ggufWeightType("models/llama-3.1-8b-instruct-Q4_K_M.gguf");
  ASSERT_TRUE(T);
  EXPECT_EQ(T->Name, "Q4_K_M");
  EXPECT_TRUE(T->Quantised);
  ASSERT_TRUE(T->BitsPerWeight);
  EXPECT_DOUBLE_EQ(*T->BitsPerWeight, 4.5); // 144 bytes per 256 weights
  auto Q8 = ggufWeightType("phi-3-mini-q8_0.gguf");
  ASSERT_TRUE(Q8 && Q8->BitsPerWeight);
  EXPECT_DOUBLE_EQ(*Q8->BitsPerWeight, 8.5); // 34 bytes per 32 weights
  auto F16 = ggufWeightType("mistral-7b.fp16.gguf");
  ASSERT_TRUE(F16);
  EXPECT_EQ(F16->Name, "F16");
  EXPECT_FALSE(F16->Quantised);
  auto Iq = ggufWeightType("m-7b-IQ2_XXS.gguf");
  ASSERT_TRUE(Iq);
  EXPECT_FALSE(Iq->BitsPerWeight); // layout not in the table: no guess
  EXPECT_FALSE(ggufWeightType("model.gguf"));
  EXPECT_FALSE(ggufWeightType("llama-7b-Q4_K_M.bin"));
}

TEST(GgufName, NominalSize) {
  EXPECT_EQ(ggufNominalParameters("llama-2-7b.Q4_0.gguf"), 7e9);
  EXPECT_EQ(ggufNominalParameters("qwen2-0.5B-instruct-q8_0.gguf"), 0.5e9);
  EXPECT_EQ(ggufNominalParameters("smollm-360m-f16.gguf"), 360e6);
  EXPECT_FALSE(ggufNominalParameters("mixtral-8x7b-Q4_K_M.gguf"));
  EXPECT_FALSE(ggufNominalParameters("assistant.F16.gguf"));
}
