// RUN: %clangxx -std=c++17 -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,greenlint-hw-opencv-dnn-default-backend -isystem /usr/include/opencv4 -Xclang -verify=cuda %s
// A file that never uses CUDA: the CPU backend is the intended one.
// RUN: %clangxx -std=c++17 -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,greenlint-hw-opencv-dnn-default-backend -isystem /usr/include/opencv4 -DCPU_ONLY -Xclang -verify=cpu %s
// cpu-no-diagnostics
#include <opencv2/core/cuda.hpp>
#include <opencv2/dnn.hpp>
#include <string>
#include <vector>

cv::Mat nextFrame();
void configureNet(cv::dnn::Net &Net);

#ifndef CPU_ONLY
bool haveGpu() {
  return cv::cuda::getCudaEnabledDeviceCount() > 0; // cuda-note 2 {{CUDA is used here}}
}
#endif

// A net loaded here and run without a backend, next to CUDA code.
void detect(const std::string &Path, int Frames) {
  cv::dnn::Net Net = cv::dnn::readNetFromONNX(Path); // cuda-note {{net is loaded here}}
  for (int I = 0; I < Frames; ++I) {
    Net.setInput(cv::dnn::blobFromImage(nextFrame()));
    cv::Mat Out = Net.forward(); // cuda-warning {{net 'Net' runs on OpenCV's default backend, the CPU, although this file uses CUDA; call setPreferableBackend(DNN_BACKEND_CUDA) and setPreferableTarget(DNN_TARGET_CUDA or DNN_TARGET_CUDA_FP16) after loading it}}
  }
}

// A field loaded in the constructor, run in another method.
class Detector {
public:
  explicit Detector(const std::string &Path) {
    Net_ = cv::dnn::readNet(Path); // cuda-note {{net is loaded here}}
  }
  cv::Mat run(const cv::Mat &Frame) {
    Net_.setInput(cv::dnn::blobFromImage(Frame));
    return Net_.forward(); // cuda-warning {{net 'Net_' runs on OpenCV's default backend}}
  }

private:
  cv::dnn::Net Net_;
};

#ifndef CPU_ONLY
// CLEAN: the backend and target are set after loading.
void detectOnGpu(const std::string &Path) {
  cv::dnn::Net Net = cv::dnn::readNet(Path);
  Net.setPreferableBackend(cv::dnn::DNN_BACKEND_CUDA);
  Net.setPreferableTarget(cv::dnn::DNN_TARGET_CUDA_FP16);
  Net.setInput(cv::dnn::blobFromImage(nextFrame()));
  Net.forward();
}

// CLEAN: a field configured in the constructor.
class GpuDetector {
public:
  explicit GpuDetector(const std::string &Path) {
    Net_ = cv::dnn::readNet(Path);
    Net_.setPreferableBackend(cv::dnn::DNN_BACKEND_CUDA);
  }
  cv::Mat run() { return Net_.forward(); }

private:
  cv::dnn::Net Net_;
};

#endif

// CLEAN: the net comes from the caller, which chooses its backend.
cv::Mat runNet(cv::dnn::Net &Net, const cv::Mat &Frame) {
  Net.setInput(cv::dnn::blobFromImage(Frame));
  return Net.forward();
}

// CLEAN: a helper configures the net.
void detectConfigured(const std::string &Path) {
  cv::dnn::Net Net = cv::dnn::readNet(Path);
  configureNet(Net);
  Net.forward();
}
