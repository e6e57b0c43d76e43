//===- LedgerRecords.h - Header, sample and footer records ------*- C++ -*-===//
//
// Each record of a ledger read into the Ledger with its fields' types and
// ranges checked (docs/ledger-format.md): a damaged record fails the read
// with "greenlint: <file>:<line>: <what>; <what to do>", a record with
// impossible numbers is left out with a warning.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_TOOLS_LEDGERRECORDS_H
#define GREENLINT_TOOLS_LEDGERRECORDS_H

#include "FlatJson.h"
#include "LedgerReader.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace greenlint {

/// "greenlint: <file>:<line>: ", the start of every message about a record.
std::string recordLocation(const std::string &Path, int Line);

/// Reads the header (line \p Line) into \p L: format, version, process,
/// profile and meters.
bool readHeader(const nlohmann::json &Doc, Ledger &L, int Line,
                std::string &Error);

/// Reads one sample record into \p L and adds it to the totals. \p NextSeq
/// is the "seq" expected next; a gap or a step back is a warning. A damaged
/// record fails the read; one with impossible numbers is left out, with a
/// warning, so that one bad record does not cost the run.
bool readSample(const FlatView &Record, Ledger &L, int Line, int64_t &NextSeq,
                std::string &Error);
bool readSample(const nlohmann::json &Record, Ledger &L, int Line,
                int64_t &NextSeq, std::string &Error);

/// Reads the footer's fields; wrong types are damage, impossible counts are
/// reported.
bool readFooter(const nlohmann::json &Doc, Ledger &L, int Line,
                std::string &Error);

} // namespace greenlint

#endif
