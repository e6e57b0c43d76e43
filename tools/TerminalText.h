//===- TerminalText.h - Untrusted text on a terminal ----------------------===//
#ifndef GREENLINT_TOOLS_TERMINALTEXT_H
#define GREENLINT_TOOLS_TERMINALTEXT_H

#include "llvm/ADT/StringRef.h"
#include <string>

namespace greenlint {

/// Text from files, ledgers or the command line as a terminal may show it:
/// control characters (ESC, CR, newline) and bytes that are not UTF-8 are
/// written as \xNN, a backslash as \\, so nothing can move the cursor, change
/// colours or forge a line.
std::string terminalText(llvm::StringRef Text);

} // namespace greenlint

#endif
