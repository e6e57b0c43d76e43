//===- Shards.cpp - --shard K/N: one CI job's share of the units ----------===//
#include "Shards.h"

namespace greenlint {

bool parseShard(llvm::StringRef Text, Shard &Out, std::string &Error) {
  auto [IndexText, CountText] = Text.split('/');
  unsigned Index = 0;
  unsigned Count = 0;
  if (!Text.contains('/') || IndexText.getAsInteger(10, Index) ||
      CountText.getAsInteger(10, Count) || Count == 0 || Index == 0 ||
      Index > Count) {
    Error = "--shard is '" + Text.str() +
            "', not K/N with 1 <= K <= N; pass e.g. --shard 2/4 for the "
            "second of four CI jobs";
    return false;
  }
  Out.Index = Index;
  Out.Count = Count;
  return true;
}

void selectShard(std::vector<std::string> &SortedUnits, const Shard &S) {
  // 64-bit products: Index * size cannot overflow for any real unit count.
  uint64_t Size = SortedUnits.size();
  uint64_t Begin = (uint64_t(S.Index) - 1) * Size / S.Count;
  uint64_t End = uint64_t(S.Index) * Size / S.Count;
  SortedUnits.erase(SortedUnits.begin() + End, SortedUnits.end());
  SortedUnits.erase(SortedUnits.begin(), SortedUnits.begin() + Begin);
}

} // namespace greenlint
