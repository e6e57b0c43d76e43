// infer-batch-size-one over the API data of OpenCV dnn and ONNX Runtime
// (rules/apis/*.yaml).
// RUN: %clangxx -std=c++17 -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,infer-batch-size-one -I%inputs/onnxruntime -isystem /usr/include/opencv4 -Xclang -verify %s
// RUN: %clangxx -std=c++17 -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,infer-batch-size-one -I%inputs/onnxruntime -isystem /usr/include/opencv4 %s 2>&1 | FileCheck --check-prefix=ID %s
// The findings carry the rule id that NOLINT and the config name.
// ID: [greenlint-infer-batch-size-one]
#include <array>
#include <onnxruntime_cxx_api.h>
#include <opencv2/dnn.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>
#include <string>
#include <vector>

bool sameFace(const cv::Mat &A, const cv::Mat &B);

// OpenCV dnn: one blob and one forward per image of a list.
std::vector<cv::Mat> detect(cv::dnn::Net &Net, const std::vector<cv::Mat> &Images) {
  std::vector<cv::Mat> Outs;
  for (const cv::Mat &Image : Images) { // expected-note {{loop is here}}
    cv::Mat Blob = cv::dnn::blobFromImage(Image, 1.0 / 255, cv::Size(640, 640), // expected-note {{a blob of one image is built here; collect the images and build one blob for all of them with the batched variant (cv::dnn::blobFromImages)}}
                                          cv::Scalar(), true, false);
    Net.setInput(Blob);
    Outs.push_back(Net.forward().clone()); // expected-warning {{'forward' runs on a batch of one element per iteration of this loop over a collection}}
  }
  return Outs;
}

// Files read and resized by index; the blob goes to an output argument.
void classifyFiles(cv::dnn::Net &Net, const std::vector<std::string> &Paths,
                   std::vector<cv::Mat> &Probs) {
  cv::Mat Blob;
  for (size_t I = 0; I < Paths.size(); ++I) { // expected-note {{loop is here}}
    cv::Mat Image = cv::imread(Paths[I]);
    cv::Mat Resized;
    cv::resize(Image, Resized, cv::Size(224, 224));
    cv::dnn::blobFromImage(Resized, Blob, 1.0, cv::Size(224, 224)); // expected-note {{a blob of one image is built here}}
    Net.setInput(Blob);
    Probs.push_back(Net.forward()); // expected-warning {{'forward' runs on a batch of one element}}
  }
}

// ONNX Runtime: a {1, 16} tensor over each row, one Run per row.
void scoreRows(Ort::Session &Session, const std::vector<std::vector<float>> &Rows,
               const char *const *InNames, const char *const *OutNames,
               std::vector<float> &Scores) {
  Ort::MemoryInfo Mem = Ort::MemoryInfo::CreateCpu(OrtArenaAllocator, OrtMemTypeDefault);
  std::array<int64_t, 2> Shape{1, 16};
  for (const std::vector<float> &Row : Rows) { // expected-note {{loop is here}}
    Ort::Value In = Ort::Value::CreateTensor<float>( // expected-note {{a tensor with a leading dimension of 1 is built here}}
        Mem, const_cast<float *>(Row.data()), Row.size(), Shape.data(), Shape.size());
    std::vector<Ort::Value> Out = Session.Run(Ort::RunOptions{nullptr}, InNames, &In, 1, OutNames, 1); // expected-warning {{'Run' runs on a batch of one element}}
    Scores.push_back(*Out[0].GetTensorMutableData<float>());
  }
}

// CLEAN: frames from a capture arrive one at a time.
void stream(cv::dnn::Net &Net, cv::VideoCapture &Cap) {
  cv::Mat Frame;
  while (Cap.read(Frame)) {
    Net.setInput(cv::dnn::blobFromImage(Frame, 1.0, cv::Size(300, 300)));
    (void)Net.forward();
  }
}

// CLEAN: a counted loop over a capture: the counter does not pick the frame.
void record(cv::dnn::Net &Net, cv::VideoCapture &Cap, int Frames,
            std::vector<cv::Mat> &Outs) {
  cv::Mat Frame;
  for (int I = 0; I < Frames; ++I) {
    Cap >> Frame;
    Net.setInput(cv::dnn::blobFromImage(Frame, 1.0, cv::Size(300, 300)));
    Outs.push_back(Net.forward());
  }
}

// CLEAN: each image at its own size (a fully convolutional net): the blobs
// differ in shape and cannot share one batch without resizing.
void enhance(cv::dnn::Net &Net, const std::vector<cv::Mat> &Images,
             std::vector<cv::Mat> &Outs) {
  for (const cv::Mat &Image : Images) {
    Net.setInput(cv::dnn::blobFromImage(Image));
    Outs.push_back(Net.forward());
  }
}

// CLEAN: face search stops at the first match.
bool findFace(cv::dnn::Net &Net, const std::vector<cv::Mat> &Gallery,
              const cv::Mat &Probe) {
  bool Found = false;
  for (const cv::Mat &Face : Gallery) {
    Net.setInput(cv::dnn::blobFromImage(Face, 1.0, cv::Size(112, 112)));
    if (sameFace(Net.forward(), Probe)) {
      Found = true;
      break;
    }
  }
  return Found;
}

// CLEAN: a loop over batches of rows: the leading dimension is the count.
void scoreBatches(Ort::Session &Session, std::vector<float> &Flat, size_t RowCount,
                  const char *const *InNames, const char *const *OutNames) {
  Ort::MemoryInfo Mem = Ort::MemoryInfo::CreateCpu(OrtArenaAllocator, OrtMemTypeDefault);
  const size_t BatchSize = 256;
  for (size_t Begin = 0; Begin < RowCount; Begin += BatchSize) {
    size_t Count = std::min(BatchSize, RowCount - Begin);
    std::array<int64_t, 2> Shape{static_cast<int64_t>(Count), 16};
    Ort::Value In = Ort::Value::CreateTensor<float>(
        Mem, Flat.data() + Begin * 16, Count * 16, Shape.data(), Shape.size());
    (void)Session.Run(Ort::RunOptions{nullptr}, InNames, &In, 1, OutNames, 1);
  }
}

// CLEAN: autoregressive decoding: the token list grows from each output.
void generate(Ort::Session &Session, std::vector<int64_t> &Ids,
              const char *const *InNames, const char *const *OutNames) {
  Ort::MemoryInfo Mem = Ort::MemoryInfo::CreateCpu(OrtArenaAllocator, OrtMemTypeDefault);
  for (int Step = 0; Step < 32; ++Step) {
    std::array<int64_t, 2> Shape{1, static_cast<int64_t>(Ids.size())};
    Ort::Value In = Ort::Value::CreateTensor<int64_t>(Mem, Ids.data(), Ids.size(),
                                                      Shape.data(), Shape.size());
    std::vector<Ort::Value> Out = Session.Run(Ort::RunOptions{nullptr}, InNames, &In, 1, OutNames, 1);
    Ids.push_back(*Out[0].GetTensorMutableData<int64_t>());
  }
}
