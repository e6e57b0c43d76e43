//===- TestUtil.h - Helpers shared by the greenlint_data tests --*- C++ -*-===//

#ifndef GREENLINT_TEST_UNIT_DATA_TESTUTIL_H
#define GREENLINT_TEST_UNIT_DATA_TESTUTIL_H

#include "greenlint/data/DataFiles.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace greenlint {
namespace data {
namespace test {

/// A fresh folder under the temp dir, removed with its contents at the end.
class TempDir {
public:
  TempDir() {
    std::string Pattern =
        (std::filesystem::temp_directory_path() / "greenlint-data-XXXXXX")
            .string();
    Path = mkdtemp(Pattern.data()) ? Pattern : std::string();
  }
  ~TempDir() {
    std::error_code EC;
    std::filesystem::remove_all(Path, EC);
  }
  std::string write(const std::string &Name, const std::string &Text) const {
    std::filesystem::path P = std::filesystem::path(Path) / Name;
    std::filesystem::create_directories(P.parent_path());
    std::ofstream(P) << Text;
    return P.string();
  }
  std::string Path;
};

/// Sets GREENLINT_DATA_DIR for one test and restores the old value.
class ScopedDataDir {
public:
  explicit ScopedDataDir(const std::string &Dir) {
    if (const char *Old = std::getenv("GREENLINT_DATA_DIR")) {
      HadOld = true;
      OldValue = Old;
    }
    setenv("GREENLINT_DATA_DIR", Dir.c_str(), 1);
  }
  ~ScopedDataDir() {
    if (HadOld)
      setenv("GREENLINT_DATA_DIR", OldValue.c_str(), 1);
    else
      unsetenv("GREENLINT_DATA_DIR");
  }

private:
  bool HadOld = false;
  std::string OldValue;
};

/// The embedded text of a bundled file, for tests that start from a good file.
inline std::string embeddedText(const std::string &Name) {
  for (const DataFile &F : embeddedDataFiles())
    if (F.Name == Name)
      return F.Text;
  return "";
}

} // namespace test
} // namespace data
} // namespace greenlint

#endif // GREENLINT_TEST_UNIT_DATA_TESTUTIL_H
