//===- LoopLength.h - How many updates a training loop nest runs ----------===//
//
// Evidence that a training loop is long, for retrain-no-checkpoint and
// retrain-no-early-stop: counting loops with constant bounds, and passes over
// a data loader whose dataset has a known size (API data: dataset-size) and
// whose batch size is a constant. A loader passed in as a parameter is
// followed to the call sites in this file, whose enclosing loops (the epochs)
// multiply in. Anything else stays unknown.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_SUPPORT_LOOPLENGTH_H
#define GREENLINT_RULES_SUPPORT_LOOPLENGTH_H

#include "MainFileCalls.h"
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace clang {
class ASTContext;
class CallExpr;
class Expr;
class FunctionDecl;
class Stmt;
} // namespace clang

namespace greenlint {

class ApiModel;

/// One loop around a parameter update and how many times it runs.
struct LoopFactor {
  const clang::Stmt *Loop = nullptr;
  /// The function the loop is in (a caller's, for loops around a call site).
  const clang::FunctionDecl *Fn = nullptr;
  std::optional<uint64_t> Trips;
  /// A range-for over a data loader: one pass is one epoch of batches.
  bool LoaderPass = false;
  /// For a loader pass of known length, where the count comes from:
  /// "MNIST training set, 60000 samples, batch size 64".
  std::string Evidence;
};

/// The loops that repeat an update, innermost first: those of its function,
/// then (when a loader parameter was followed) those around the call site.
struct LoopNest {
  std::vector<LoopFactor> Loops;
  /// The call whose enclosing loops were added, or null.
  const clang::CallExpr *CallSite = nullptr;

  /// The product of the known trip counts, saturating; 1 when none is known.
  uint64_t knownUpdates(size_t Upto) const;
  uint64_t knownUpdates() const { return knownUpdates(Loops.size()); }
  size_t knownCount(size_t Upto) const;
  size_t knownCount() const { return knownCount(Loops.size()); }
  /// Why Loops[0..Upto) add up to knownUpdates(Upto), outermost first:
  /// "10 epochs x 938 batches (MNIST training set, 60000 samples, batch size
  /// 64) = 9380 updates".
  std::string why(size_t Upto) const;
  std::string why() const { return why(Loops.size()); }
  /// The outermost loop with a known count among Loops[0..Upto), or null.
  const clang::Stmt *outermostKnown(size_t Upto) const;
};

/// Measures loop nests in one translation unit; caches the call sites of
/// the main file's functions.
class LoopLengths {
public:
  /// UseDatasetSizes: count passes over data loaders of known datasets (off:
  /// only counting loops with constant bounds are known).
  LoopLengths(const ApiModel &Api, clang::ASTContext &Ctx,
              bool UseDatasetSizes);
  ~LoopLengths();
  LoopLengths(const LoopLengths &) = delete;
  LoopLengths &operator=(const LoopLengths &) = delete;

  /// The loops around Update in Fn. When one is a pass over a loader that
  /// is a parameter of Fn, one nest per call site in this file whose loader
  /// argument has a known length, with the loops around that call added;
  /// the nest of Fn's loops alone when there is no such call site.
  std::vector<LoopNest> nests(const clang::Stmt *Update,
                              const clang::FunctionDecl *Fn);
  /// Of nests(), the one that runs the most known updates.
  LoopNest nest(const clang::Stmt *Update, const clang::FunctionDecl *Fn);

private:
  struct Pass;
  LoopFactor factor(const clang::Stmt *Loop, const clang::FunctionDecl *Fn,
                    std::optional<unsigned> &LoaderParam);
  std::optional<Pass> loaderPass(const clang::Expr *Loader,
                                 const clang::FunctionDecl *Fn,
                                 std::optional<unsigned> *LoaderParam);
  std::optional<std::pair<uint64_t, std::string>>
  datasetSamples(const clang::Expr *Dataset, const clang::FunctionDecl *Fn,
                 unsigned Depth);
  bool batchSize(const clang::Expr *Options, const clang::FunctionDecl *Fn,
                 std::optional<uint64_t> &Batch, bool &DropLast,
                 unsigned Depth);

  const ApiModel &Api;
  clang::ASTContext &Ctx;
  bool UseDatasetSizes;
  MainFileCalls Calls;
};

} // namespace greenlint

#endif
