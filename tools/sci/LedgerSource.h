//===- LedgerSource.h - The ledgers a report reads --------------*- C++ -*-===//
//
// One report from ledgers already in memory (tests, the fuzzer) or from files
// read one at a time; the report builder sees the same interface for both.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_TOOLS_LEDGERSOURCE_H
#define GREENLINT_TOOLS_LEDGERSOURCE_H

#include "LedgerReader.h"

#include <string>
#include <vector>

namespace greenlint {

/// The ledgers a report reads: already in memory, or read one at a time so
/// that only one ledger's records are held (1,000 ledgers of 1,000 records
/// would otherwise take gigabytes).
class LedgerSource {
public:
  virtual ~LedgerSource() = default;
  virtual size_t size() const = 0;
  /// Ledger \p I: its header, and after load(I) its totals too.
  virtual const Ledger &ledger(size_t I) const = 0;
  /// Reads ledger \p I fully; its records are kept until release(I).
  virtual bool load(size_t I, std::string &Error) = 0;
  /// Why ledger \p I's header did not read; empty when it did.
  virtual const std::string &headerError(size_t I) const = 0;
  virtual void release(size_t I) = 0;
};

class MemorySource : public LedgerSource {
public:
  explicit MemorySource(const std::vector<Ledger> &Ledgers)
      : Ledgers(Ledgers) {}
  size_t size() const override { return Ledgers.size(); }
  const Ledger &ledger(size_t I) const override { return Ledgers[I]; }
  bool load(size_t, std::string &) override { return true; }
  void release(size_t) override {}
  const std::string &headerError(size_t) const override { return None; }

private:
  const std::vector<Ledger> &Ledgers;
  const std::string None;
};

class FileSource : public LedgerSource {
public:
  /// Reads every header; headerError() says why one did not read.
  void readHeaders(const std::vector<std::string> &Files) {
    this->Files = Files;
    Ledgers.resize(Files.size());
    HeaderErrors.assign(Files.size(), std::string());
    for (size_t I = 0; I < Files.size(); ++I)
      readLedger(Files[I], Ledgers[I], HeaderErrors[I], LedgerPart::HeaderOnly);
  }
  const std::string &headerError(size_t I) const override {
    return HeaderErrors[I];
  }
  size_t size() const override { return Ledgers.size(); }
  const Ledger &ledger(size_t I) const override { return Ledgers[I]; }
  bool load(size_t I, std::string &Error) override {
    return readLedger(Files[I], Ledgers[I], Error);
  }
  void release(size_t I) override {
    std::vector<LedgerRecord>().swap(Ledgers[I].Records);
  }

private:
  std::vector<std::string> Files, HeaderErrors;
  std::vector<Ledger> Ledgers;
};

} // namespace greenlint

#endif
