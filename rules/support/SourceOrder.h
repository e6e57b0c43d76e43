//===- SourceOrder.h - Findings in translation-unit order -----------------===//
//
// Rules that collect candidates and report them at the end of the translation
// unit sort them by position so the output does not depend on match order.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_SUPPORT_SOURCEORDER_H
#define GREENLINT_RULES_SUPPORT_SOURCEORDER_H

#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"
#include <numeric>
#include <vector>

namespace greenlint {

/// Sorts Items by their Loc member in translation-unit order; items at the
/// same location keep their order. (std::stable_sort is avoided: its buffer
/// uses std::get_temporary_buffer, deprecated in the C++ library in use.)
template <typename T>
void sortInSourceOrder(std::vector<T> &Items, const clang::SourceManager &SM) {
  std::vector<size_t> Order(Items.size());
  std::iota(Order.begin(), Order.end(), 0);
  llvm::sort(Order, [&](size_t A, size_t B) {
    if (Items[A].Loc != Items[B].Loc)
      return SM.isBeforeInTranslationUnit(Items[A].Loc, Items[B].Loc);
    return A < B;
  });
  std::vector<T> Sorted;
  Sorted.reserve(Items.size());
  for (size_t I : Order)
    Sorted.push_back(std::move(Items[I]));
  Items = std::move(Sorted);
}

} // namespace greenlint

#endif
