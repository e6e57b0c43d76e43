//===- DevicePathsTest.cpp - Whether a value can be on an accelerator -----===//
#include "support/DevicePaths.h"
#include "greenlint/apis/ApiModel.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace greenlint;

namespace {

// A made-up framework with LibTorch's, ONNX Runtime's and llama.cpp's shapes
// of putting things on a device.
const char *Api = R"(framework: demo
apis:
  - {role: cuda-device, value: "::fw::DeviceType::CUDA"}
  - {role: cpu-device, value: "::fw::DeviceType::CPU"}
  - {role: cuda-device, value: "::fw::BACKEND_CUDA"}
  - {role: device-type, type: "::fw::Device"}
  - {role: device-transfer, method: to, class: "::fw::Tensor"}
  - {role: module-conversion, method: to, class: "::fw::Module"}
  - {role: host-copy, method: cpu, class: "::fw::Tensor"}
  - {role: accelerator-setup, method: appendCuda, class: "::fw::Options"}
  - {role: accelerator-setup, method: setBackend, class: "::fw::Options"}
  - {role: accelerator-layers, value: "::fw::Params::n_gpu_layers"}
)";

const char *Code = R"(
namespace fw {
enum class DeviceType { CPU, CUDA };
struct Device { Device(DeviceType); Device(const char *); };
struct Tensor { Tensor to(Device) const; Tensor to(int) const; Tensor cpu() const; };
struct Module { void to(Device); Tensor forward(Tensor) const; };
Tensor zeros();
enum Backend { BACKEND_CPU, BACKEND_CUDA };
struct Options { void appendCuda(int); void setBackend(Backend); };
struct Session { Session(const char *, const Options &); };
struct Params { int n_gpu_layers; };
Params defaults();
struct Model;
Model *load(const char *, Params);
}
void use(const void *);
void onCpu() { fw::Module m; fw::Tensor x = fw::zeros(); use(&m); use(&x); }
void runtimeChoice(bool cuda) {
  fw::Device d(cuda ? fw::DeviceType::CUDA : fw::DeviceType::CPU);
  fw::Module m;
  m.to(d);
  fw::Tensor y = m.forward(fw::zeros());
  use(&y);
}
void explicitCpu() {
  fw::Device d(fw::DeviceType::CPU);
  fw::Tensor x = fw::zeros().to(d);
  use(&x);
}
void backToHost() {
  fw::Tensor x = fw::zeros().to(fw::Device(fw::DeviceType::CUDA)).cpu();
  use(&x);
}
void stringDevice() {
  fw::Tensor x = fw::zeros().to(fw::Device("cuda:0"));
  fw::Tensor y = fw::zeros().to(fw::Device("cpu"));
  use(&x); use(&y);
}
void dtypeOnly() { fw::Tensor x = fw::zeros().to(3); use(&x); }
void uncalled(fw::Tensor t) { use(&t); }
void calledOnHost(fw::Tensor t) { use(&t); }
void hostCaller() { calledOnHost(fw::zeros()); }
void calledWithDevice(fw::Device d) { fw::Tensor x = fw::zeros().to(d); use(&x); }
void deviceCaller(bool c) {
  calledWithDevice(fw::Device(c ? fw::DeviceType::CUDA : fw::DeviceType::CPU));
}
void cudaSession(bool gpu) {
  fw::Options o;
  if (gpu)
    o.appendCuda(0);
  fw::Session s("m.onnx", o);
  use(&s);
}
void cpuSession() {
  fw::Options o;
  o.setBackend(fw::BACKEND_CPU);
  fw::Session s("m.onnx", o);
  use(&s);
}
void offloaded(int ngl) {
  fw::Params p = fw::defaults();
  p.n_gpu_layers = ngl;
  fw::Model *m = fw::load("m.gguf", p);
  use(m);
}
void notOffloaded() {
  fw::Params p = fw::defaults();
  p.n_gpu_layers = 0;
  fw::Model *m = fw::load("m.gguf", p);
  use(m);
}
struct Holder {
  fw::Module M;
  explicit Holder(fw::Device d) { M.to(d); }
  void run() { use(&M); }
};
Holder H{fw::Device(fw::DeviceType::CUDA)};
struct Opts { fw::DeviceType Dev = fw::DeviceType::CPU; };
Opts Global;
void configure(bool gpu) { if (gpu) Global.Dev = fw::DeviceType::CUDA; }
void viaOptions() { fw::Tensor x = fw::zeros().to(Global.Dev); use(&x); }
struct CpuOpts { fw::DeviceType Dev = fw::DeviceType::CPU; };
CpuOpts Fixed;
void viaCpuOptions() { fw::Tensor x = fw::zeros().to(Fixed.Dev); use(&x); }
)";

class DevicePathsTest : public ::testing::Test {
protected:
  void SetUp() override {
    std::string Error;
    ASSERT_TRUE(Model.addYaml(Api, "demo.yaml", Error)) << Error;
    AST = tooling::buildASTFromCodeWithArgs(Code, {"-std=c++17"});
    ASSERT_TRUE(AST);
    ASSERT_FALSE(AST->getDiagnostics().hasErrorOccurred());
    Paths = std::make_unique<DevicePaths>(Model, AST->getASTContext());
  }

  /// The values given to use() in function Name, in source order.
  std::vector<DevicePlace> places(llvm::StringRef Name) {
    auto Found = match(
        functionDecl(
            hasName(Name), isDefinition(),
            forEachDescendant(
                callExpr(callee(functionDecl(hasName("use")))).bind("use"))),
        AST->getASTContext());
    std::vector<const CallExpr *> Calls;
    Calls.reserve(Found.size());
    for (const auto &M : Found)
      Calls.push_back(M.getNodeAs<CallExpr>("use"));
    llvm::sort(Calls, [](const CallExpr *A, const CallExpr *B) {
      return A->getBeginLoc() < B->getBeginLoc();
    });
    std::vector<DevicePlace> Result;
    Result.reserve(Calls.size());
    for (const CallExpr *C : Calls)
      Result.push_back(Paths->placeOf(C->getArg(0)));
    EXPECT_FALSE(Result.empty()) << Name.str();
    return Result;
  }

  ApiModel Model;
  std::unique_ptr<ASTUnit> AST;
  std::unique_ptr<DevicePaths> Paths;
};

using P = DevicePlace;

TEST_F(DevicePathsTest, LocalsNeverMovedStayOnTheHost) {
  EXPECT_EQ(places("onCpu"), (std::vector<P>{P::Host, P::Host}));
}

TEST_F(DevicePathsTest, DeviceChosenAtRunTimeCanBeAccelerator) {
  EXPECT_EQ(places("runtimeChoice"), (std::vector<P>{P::Device}));
  // The evidence is the module's move.
  const Expr *Why = Paths->evidence();
  ASSERT_NE(Why, nullptr);
  const auto *Call = dyn_cast<CXXMemberCallExpr>(Why);
  ASSERT_NE(Call, nullptr);
  EXPECT_EQ(Call->getMethodDecl()->getParent()->getName(), "Module");
}

TEST_F(DevicePathsTest, CpuDevicesAndCopiesBackEndThePath) {
  EXPECT_EQ(places("explicitCpu"), (std::vector<P>{P::Host}));
  EXPECT_EQ(places("backToHost"), (std::vector<P>{P::Host}));
  EXPECT_EQ(places("dtypeOnly"), (std::vector<P>{P::Host}));
  EXPECT_EQ(places("stringDevice"), (std::vector<P>{P::Device, P::Host}));
}

TEST_F(DevicePathsTest, ParametersFollowTheCallers) {
  EXPECT_EQ(places("uncalled"), (std::vector<P>{P::Unknown}));
  EXPECT_EQ(places("calledOnHost"), (std::vector<P>{P::Host}));
  EXPECT_EQ(places("calledWithDevice"), (std::vector<P>{P::Device}));
}

TEST_F(DevicePathsTest, SessionsAndModelsOfOtherFrameworks) {
  EXPECT_EQ(places("cudaSession"), (std::vector<P>{P::Device}));
  EXPECT_EQ(places("cpuSession"), (std::vector<P>{P::Host}));
  EXPECT_EQ(places("offloaded"), (std::vector<P>{P::Device}));
  EXPECT_EQ(places("notOffloaded"), (std::vector<P>{P::Host}));
}

TEST_F(DevicePathsTest, FieldsMovedInTheConstructor) {
  EXPECT_EQ(places("run"), (std::vector<P>{P::Device}));
}

TEST_F(DevicePathsTest, FieldsWrittenThroughAnyObject) {
  EXPECT_EQ(places("viaOptions"), (std::vector<P>{P::Device}));
  EXPECT_EQ(places("viaCpuOptions"), (std::vector<P>{P::Host}));
}

} // namespace
