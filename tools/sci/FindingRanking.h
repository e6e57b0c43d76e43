//===- FindingRanking.h - Findings ordered by their region's energy -------===//
//
// `report --facts` with ledgers: each active finding is placed in the
// instrumented region whose function contains it, and the findings are listed
// by that region's energy in the runs, so the warning that sits in the
// costliest code comes first (docs/report-format.md, "findings").
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_TOOLS_FINDINGRANKING_H
#define GREENLINT_TOOLS_FINDINGRANKING_H

#include "FactsReader.h"

#include <nlohmann/json.hpp>

#include <map>
#include <string>

namespace greenlint {

/// Ranks the build section's `findings_list` by the energy of the region
/// each finding sits in, from one group's \p Rows. Findings in no region (or
/// in a region with no row: it never ran) come last, in source order.
nlohmann::json rankFindings(const nlohmann::json &Findings,
                            const std::map<std::string, SourceSite> &Sites,
                            const nlohmann::json &Rows);

} // namespace greenlint

#endif
