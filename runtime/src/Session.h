//===- Session.h - what one recording process measures with -----*- C++ -*-===//
#ifndef GREENLINT_RUNTIME_SESSION_H
#define GREENLINT_RUNTIME_SESSION_H

#include "Runtime.h"

#include "greenlint/data/Profile.h"

namespace greenlint {
namespace rt {

struct Session {
  Config Cfg;
  std::unique_ptr<data::HardwareProfile> Profile;
  std::string ProfileSource;
  std::vector<std::unique_ptr<Meter>> Meters;
  // Why these meters and not better ones, for the header and stderr.
  std::string MeterReason;
  ~Session();
};

// Reads the GREENLINT_* variables. False with an error when a value is
// unusable; an unset GREENLINT_LEDGER is not an error (LedgerDir empty).
bool readConfig(Config &Out, std::string &Error);
// Resolves the profile and the meters. False with an error that names the
// problem and what to do.
bool buildSession(const Config &Cfg, Session &Out, std::string &Error);

} // namespace rt
} // namespace greenlint

#endif
