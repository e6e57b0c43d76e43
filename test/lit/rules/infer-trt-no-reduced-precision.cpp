// RUN: %clangxx -std=c++17 -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,greenlint-infer-trt-no-reduced-precision -I%inputs/tensorrt -Xclang -verify %s
// RUN: %clangxx -std=c++17 -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,greenlint-infer-trt-no-reduced-precision -I%inputs/tensorrt %s 2>&1 | FileCheck --check-prefix=ID %s
// The findings carry the rule id that NOLINT and the config name.
// ID: [greenlint-infer-trt-no-reduced-precision]
#include <NvInfer.h>
#include <memory>

using namespace nvinfer1;

void populate(INetworkDefinition &Network);
void enableReducedPrecision(IBuilderConfig &Config, bool Int8);
void configure(IBuilderConfig *Config);

// The sample shape: smart pointers, a workspace limit, no precision flag.
IHostMemory *buildPlan(IBuilder &Builder) {
  auto Network = std::unique_ptr<INetworkDefinition>(Builder.createNetworkV2(0));
  populate(*Network);
  auto Config = std::unique_ptr<IBuilderConfig>(Builder.createBuilderConfig()); // expected-note {{set the flag on this config, e.g. config->setFlag(BuilderFlag::kFP16) when builder->platformHasFastFp16()}}
  Config->setMemoryPoolLimit(MemoryPoolType::kWORKSPACE, 1U << 30);
  return Builder.buildSerializedNetwork(*Network, *Config); // expected-warning {{this TensorRT engine is built from builder config 'Config', which has no reduced-precision flag, so every layer runs in FP32/TF32; allow FP16 (or BF16, INT8, FP8) kernels where accuracy permits}}
}

// TensorRT 8 style with raw pointers: flags are set, none of them lowers
// the precision (TF32 is the FP32 default on Ampere and later).
ICudaEngine *buildEngine(IBuilder *Builder, INetworkDefinition *Network) {
  IBuilderConfig *Config = Builder->createBuilderConfig(); // expected-note {{set the flag on this config}}
  Config->setFlag(BuilderFlag::kGPU_FALLBACK);
  Config->setFlag(BuilderFlag::kTF32);
  return Builder->buildEngineWithConfig(*Network, *Config); // expected-warning {{built from builder config 'Config'}}
}

// Two configs: FP16 on the first says nothing about the second.
void buildBoth(IBuilder &Builder, INetworkDefinition &Network) {
  IBuilderConfig *Fast = Builder.createBuilderConfig();
  Fast->setFlag(BuilderFlag::kFP16);
  IBuilderConfig *Reference = Builder.createBuilderConfig(); // expected-note {{set the flag on this config}}
  Builder.buildSerializedNetwork(Network, *Fast);
  Builder.buildSerializedNetwork(Network, *Reference); // expected-warning {{built from builder config 'Reference'}}
}

// CLEAN: FP16 only where the platform has fast half precision.
IHostMemory *buildIfFast(IBuilder &Builder, INetworkDefinition &Network) {
  auto Config = std::unique_ptr<IBuilderConfig>(Builder.createBuilderConfig());
  if (Builder.platformHasFastFp16())
    Config->setFlag(BuilderFlag::kFP16);
  return Builder.buildSerializedNetwork(Network, *Config);
}

// CLEAN: flags as a bit mask, and a flag chosen into a variable first.
void buildMasked(IBuilder &Builder, INetworkDefinition &Network, bool Int8) {
  IBuilderConfig *Masked = Builder.createBuilderConfig();
  Masked->setFlags(1U << static_cast<uint32_t>(BuilderFlag::kINT8));
  Builder.buildSerializedNetwork(Network, *Masked);
  IBuilderConfig *Chosen = Builder.createBuilderConfig();
  BuilderFlag Precision = Int8 ? BuilderFlag::kINT8 : BuilderFlag::kFP16;
  Chosen->setFlag(Precision);
  Builder.buildSerializedNetwork(Network, *Chosen);
}

// CLEAN: a helper sets the precision (by reference, or through get()).
IHostMemory *buildWithHelper(IBuilder &Builder, INetworkDefinition &Network, bool Int8) {
  auto Config = std::unique_ptr<IBuilderConfig>(Builder.createBuilderConfig());
  enableReducedPrecision(*Config, Int8);
  return Builder.buildSerializedNetwork(Network, *Config);
}
IHostMemory *buildWithRawHelper(IBuilder &Builder, INetworkDefinition &Network) {
  auto Config = std::unique_ptr<IBuilderConfig>(Builder.createBuilderConfig());
  configure(Config.get());
  return Builder.buildSerializedNetwork(Network, *Config);
}

// CLEAN: a strongly typed network takes its precision from its tensors.
IHostMemory *buildStronglyTyped(IBuilder &Builder) {
  auto Network = std::unique_ptr<INetworkDefinition>(Builder.createNetworkV2(
      1U << static_cast<uint32_t>(NetworkDefinitionCreationFlag::kSTRONGLY_TYPED)));
  populate(*Network);
  auto Config = std::unique_ptr<IBuilderConfig>(Builder.createBuilderConfig());
  return Builder.buildSerializedNetwork(*Network, *Config);
}

// CLEAN: the config comes from the caller, who may have set the flags.
IHostMemory *buildFrom(IBuilder &Builder, INetworkDefinition &Network,
                       IBuilderConfig &Config) {
  return Builder.buildSerializedNetwork(Network, Config);
}
