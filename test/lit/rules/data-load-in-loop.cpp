// RUN: %clangxx -std=c++17 -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,data-load-in-loop -Xclang -verify %s
#include <dlib/data_io.h>
#include <dlib/image_io.h>
#include <xgboost/c_api.h>
#include <string>
#include <vector>

void boostRound(DMatrixHandle Train, int Round);

// The training file is re-parsed for every boosting round.
void trainEpochs(const char *Path, int Rounds) {
  for (int Round = 0; Round < Rounds; ++Round) { // expected-note {{loop is here}}
    DMatrixHandle Train;
    XGDMatrixCreateFromFile(Path, 1, &Train); // expected-warning {{'XGDMatrixCreateFromFile' reads and parses the same data on every iteration of this loop; load it once before the loop and reuse it}}
    boostRound(Train, Round);
    XGDMatrixFree(Train);
  }
}

// MNIST re-read from a constant folder every epoch.
void mnistEpochs(const std::string &Dir) {
  std::vector<dlib::matrix<unsigned char>> TrainImages, TestImages;
  std::vector<unsigned long> TrainLabels, TestLabels;
  for (int Epoch = 0; Epoch < 10; ++Epoch) // expected-note {{loop is here}}
    dlib::load_mnist_dataset(Dir, TrainImages, TrainLabels, TestImages, TestLabels); // expected-warning {{'dlib::load_mnist_dataset' reads and parses the same data}}
}

// The same query image decoded for every frame.
void matchFrames(int Frames) {
  dlib::array2d<unsigned char> Query;
  while (Frames-- > 0) // expected-note {{loop is here}}
    dlib::load_image(Query, "query.png"); // expected-warning {{'dlib::load_image' reads and parses the same data}}
}

// CLEAN: a loop over distinct files or shards.
void loadShards(const std::vector<std::string> &Shards) {
  for (const std::string &Shard : Shards) {
    DMatrixHandle M;
    XGDMatrixCreateFromFile(Shard.c_str(), 1, &M);
    XGDMatrixFree(M);
  }
  dlib::array2d<unsigned char> Img;
  for (size_t I = 0; I < Shards.size(); ++I)
    dlib::load_image(Img, Shards[I]);
}

// CLEAN: streaming, a new file name each iteration.
std::string nextFile();
void stream(int N) {
  dlib::array2d<unsigned char> Img;
  for (int I = 0; I < N; ++I)
    dlib::load_image(Img, nextFile());
  for (int I = 0; I < N; ++I)
    dlib::load_image(Img, "frame_" + std::to_string(I) + ".png");
}

// CLEAN: loaded once before the epoch loop; a retry loop.
void loadOnce(const char *Path, int Rounds) {
  DMatrixHandle Train;
  XGDMatrixCreateFromFile(Path, 1, &Train);
  for (int Round = 0; Round < Rounds; ++Round)
    boostRound(Train, Round);
  for (int Attempt = 0; Attempt < 3; ++Attempt) {
    try {
      dlib::array2d<unsigned char> Img;
      dlib::load_image(Img, Path);
      break;
    } catch (const dlib::image_load_error &) {
    }
  }
}

// Through the project's own helper: the training matrix re-parsed per round,
// two calls away from the loop.
DMatrixHandle readTrainingMatrix(const char *Path) {
  DMatrixHandle M;
  XGDMatrixCreateFromFile(Path, 1, &M); // expected-note 2 {{'XGDMatrixCreateFromFile' reads it here}}
  return M;
}
DMatrixHandle readDefaultMatrix() { return readTrainingMatrix("train.libsvm"); }
void helperEpochs(const char *Path, int Rounds) {
  for (int Round = 0; Round < Rounds; ++Round) { // expected-note {{loop is here}}
    DMatrixHandle Train = readTrainingMatrix(Path); // expected-warning {{'readTrainingMatrix' reads and parses the same data on every iteration of this loop (through 'XGDMatrixCreateFromFile')}}
    boostRound(Train, Round);
    XGDMatrixFree(Train);
  }
  for (int Round = 0; Round < Rounds; ++Round) // expected-note {{loop is here}}
    boostRound(readDefaultMatrix(), Round); // expected-warning {{'readDefaultMatrix' reads and parses the same data}}
}

// CLEAN: a helper over distinct shards, and a helper that keeps what it read.
DMatrixHandle cachedMatrix(const char *Path) {
  static DMatrixHandle M = readTrainingMatrix(Path);
  return M;
}
void helperShards(const std::vector<std::string> &Shards, int Rounds) {
  for (const std::string &Shard : Shards)
    XGDMatrixFree(readTrainingMatrix(Shard.c_str()));
  for (int Round = 0; Round < Rounds; ++Round)
    boostRound(cachedMatrix("train.libsvm"), Round);
}
