//===- ShardsTest.cpp - check's --shard K/N -------------------------------===//
#include "Shards.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace greenlint;

namespace {

std::vector<std::string> units(unsigned Count) {
  std::vector<std::string> Units;
  for (unsigned I = 0; I < Count; ++I)
    Units.push_back("/src/u" + std::to_string(1000 + I) + ".cpp");
  return Units;
}

} // namespace

// Concatenating the shards in order gives back every unit once, in the
// unsharded order: a unit in two shards would be reported twice, one in
// none never.
TEST(Shards, ShardsCoverEveryUnitOnceInOrder) {
  for (unsigned Size : {0u, 1u, 7u, 100u, 101u})
    for (unsigned Count : {1u, 2u, 3u, 8u, 150u}) {
      std::vector<std::string> All = units(Size), Joined;
      size_t Smallest = Size, Largest = 0;
      for (unsigned Index = 1; Index <= Count; ++Index) {
        std::vector<std::string> Part = All;
        selectShard(Part, Shard{Index, Count});
        Smallest = std::min(Smallest, Part.size());
        Largest = std::max(Largest, Part.size());
        Joined.insert(Joined.end(), Part.begin(), Part.end());
      }
      EXPECT_EQ(Joined, All) << Size << " units in " << Count << " shards";
      EXPECT_LE(Largest - std::min(Smallest, Largest), 1u)
          << Size << " units in " << Count << " shards";
    }
}

TEST(Shards, ParsesKOfN) {
  Shard S;
  std::string Error;
  ASSERT_TRUE(parseShard("2/4", S, Error)) << Error;
  EXPECT_EQ(S.Index, 2u);
  EXPECT_EQ(S.Count, 4u);
}

TEST(Shards, RejectsBadValuesWithWhatToDo) {
  for (const char *Bad :
       {"", "3", "0/4", "5/4", "1/0", "a/b", "-1/2", "1/2/3"}) {
    Shard S;
    std::string Error;
    EXPECT_FALSE(parseShard(Bad, S, Error)) << Bad;
    EXPECT_NE(Error.find("--shard 2/4"), std::string::npos) << Error;
  }
}
