//===- CheckReport.cpp - check's report in the chosen format -------------===//
#include "CheckReport.h"
#include "CodeQuality.h"
#include "FindingPrinters.h"
#include "Sarif.h"

namespace greenlint {

void writeCheckReport(llvm::raw_ostream &OS, const CheckReport &Report,
                      const std::vector<CheckedFinding> &Findings,
                      SourceFiles &Sources) {
  switch (Report.Format) {
  case OutputFormat::Text:
    printFindingsText(OS, Findings);
    break;
  case OutputFormat::Json:
    printFindingsJson(OS, Findings, Report.SourceRoot, Report.Version,
                      Report.NotListed);
    break;
  case OutputFormat::Sarif: {
    SarifOptions Sarif;
    Sarif.SourceRoot = Report.SourceRoot;
    Sarif.DocsUrl = Report.DocsUrl;
    Sarif.Version = Report.Version;
    Sarif.FailedUnits = Report.FailedUnits;
    writeSarif(OS, Findings, Sarif, Sources);
    break;
  }
  case OutputFormat::CodeQuality:
    writeCodeQuality(OS, Findings);
    break;
  }
}

} // namespace greenlint
