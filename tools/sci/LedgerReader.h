//===- LedgerReader.h - Reads the runtime's JSON-lines ledgers --*- C++ -*-===//
//
// The reading side of docs/ledger-format.md. A ledger is trusted only as far
// as the format promises: a last line that does not parse is a process killed
// inside write(2) and is tolerated (and reported); any other broken line is an
// error naming the file and line, because silently dropping it would change
// the SCI.
//
//===----------------------------------------------------------------------===//

#ifndef GREENLINT_TOOLS_LEDGERREADER_H
#define GREENLINT_TOOLS_LEDGERREADER_H

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace greenlint {

/// Joules by domain, as the ledger splits them.
struct DomainEnergy {
  double Cpu = 0, Dram = 0, Gpu = 0;
  double total() const { return Cpu + Dram + Gpu; }
  DomainEnergy &operator+=(const DomainEnergy &O) {
    Cpu += O.Cpu;
    Dram += O.Dram;
    Gpu += O.Gpu;
    return *this;
  }
};

struct LedgerMeter {
  std::string Name;
  bool Measured = false;
  std::vector<std::string> Domains;
  std::string Detail;
};

/// A region's figures over some span (one record, or the whole run).
struct RegionFigures {
  DomainEnergy Energy, SelfEnergy; // inclusive / innermost only
  // The part of Self burned by threads in no region (pools); 0 in ledgers
  // written before the runtime dispatched it.
  DomainEnergy DispatchedEnergy;
  double CpuS = 0, SelfCpuS = 0, DispatchedCpuS = 0, WallS = 0;
  uint64_t Calls = 0;
  std::map<std::string, double> Units;
  void add(const RegionFigures &O);
};

/// The process's figures in one sample record, and the regions active in it.
struct LedgerRecord {
  double WallS = 0, CpuS = 0;
  DomainEnergy Energy;
  std::map<std::string, RegionFigures> Regions;
};

struct Ledger {
  std::string Path;
  int Version = 0;
  std::string GreenlintVersion, Host, StartTimeUtc;
  int64_t Pid = 0, Ppid = 0;
  double StartTime = 0;
  std::vector<std::string> CommandLine;
  std::string Test; // the header's "test" (GREENLINT_TEST), when set
  // The profile as the run used it (threads scaled for generic profiles).
  std::string ProfileId, ProfileName, ProfileKind, ProfileSource;
  bool ProfileGeneric = false;
  int ProfileCores = 0, ProfileThreads = 0;
  std::vector<LedgerMeter> Meters;
  std::string MeterReason;

  /// The sample records, unless the ledger was read without them.
  std::vector<LedgerRecord> Records;
  /// Sample records read (also when Records was not kept or was released).
  size_t RecordCount = 0;
  bool HasFooter = false;
  std::string FooterReason;
  /// 1-based line number of a dropped unparsable last line, 0 if none.
  int TruncatedLine = 0;
  /// Problems that did not stop the read, each "<file>:<line>: <what>":
  /// records skipped for impossible numbers or broken UTF-8, lost records
  /// (a gap in seq). The report carries them in its "warnings".
  std::vector<std::string> Warnings;

  // Totals over the records.
  double WallS = 0, CpuS = 0;
  DomainEnergy Energy;
  std::map<std::string, RegionFigures> Regions;

  /// "./server --port 8080", or the file name when the command line is empty.
  std::string label() const;
};

/// How much of a ledger to read.
enum class LedgerPart {
  HeaderOnly, // the header line; no records, no totals
  Everything,
};

/// Reads one ledger. On failure \p Error reads
/// "greenlint: <file>:<line>: <what is wrong>; <what to do>". A header-only
/// read fails only where a full read would fail on the header.
bool readLedger(const std::string &Path, Ledger &Out, std::string &Error,
                LedgerPart Part = LedgerPart::Everything);

/// Reads a ledger from memory (the fuzzer's entry point); \p Path only
/// names it in messages.
bool parseLedger(const std::string &Path, const std::string &Text, Ledger &Out,
                 std::string &Error, LedgerPart Part = LedgerPart::Everything);

/// Expands files and folders (searched recursively for *.jsonl) into ledger
/// paths, sorted. A missing path or a folder without ledgers is an error.
bool findLedgers(const std::vector<std::string> &Paths,
                 std::vector<std::string> &Out, std::string &Error);

} // namespace greenlint

#endif
