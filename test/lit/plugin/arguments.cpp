// Plugin arguments: unknown keys and bad values are errors; list-rules prints the catalog.
// RUN: not %clangxx -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-bogus=1 %s 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// UNKNOWN: error: greenlint: unknown plugin argument 'bogus=1'; known arguments are config=FILE, estimates=on|off, facts=DIR
// RUN: not %clangxx -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-instrument=maybe %s 2>&1 | FileCheck %s --check-prefix=BADVALUE
// BADVALUE: error: greenlint: plugin argument 'instrument' takes on or off, not 'maybe'
// RUN: not %clangxx -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-config= %s 2>&1 | FileCheck %s --check-prefix=NOVALUE
// NOVALUE: error: greenlint: plugin argument 'config' needs a value
// facts-in-object keeps the facts that go to facts=DIR: alone it has nowhere to go.
// RUN: not %clangxx -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-facts-in-object=on %s 2>&1 | FileCheck %s --check-prefix=OBJNODIR
// OBJNODIR: error: greenlint: plugin argument 'facts-in-object' needs facts=DIR too
// cache-key is for compile caches: accepted with any value, and it needs one.
// RUN: %clangxx -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-cache-key=0123abc %s
// RUN: not %clangxx -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-cache-key %s 2>&1 | FileCheck %s --check-prefix=NOKEY
// NOKEY: error: greenlint: plugin argument 'cache-key' needs a value
// RUN: %clangxx -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-list-rules %s | FileCheck %s --check-prefix=LIST
// LIST-DAG: infer-load-in-loop {{ *}}infer {{ *}}on {{.*}}loaded on every loop iteration
// LIST-DAG: infer-no-grad-guard {{ *}}infer {{ *}}on
// LIST-DAG: retrain-zero-grad-false {{ *}}retrain {{ *}}on
// RUN: %greenlint rules | FileCheck %s --check-prefix=LIST
// RUN: not %greenlint rules --bogus 2>&1 | FileCheck %s --check-prefix=CLIBAD
// CLIBAD: greenlint rules: unknown argument '--bogus'
// RUN: not %greenlint frobnicate 2>&1 | FileCheck %s --check-prefix=CLICMD
// CLICMD: greenlint: unknown command 'frobnicate'
int main() { return 0; }
