// .greenlint.yaml: discovery, validation errors with file:line:col, severities, -Werror.
// RUN: rm -rf %t && mkdir -p %t/proj/src && cp %s %t/proj/src/main.cpp
//
// Without a config, findings are warnings, and -Werror does not turn them into errors.
// RUN: %clangxx %torch -fsyntax-only -Werror -fplugin=%plugin %t/proj/src/main.cpp 2>&1 | FileCheck %s --check-prefix=DEFAULT
// DEFAULT: main.cpp:{{[0-9]+}}:14: warning: 'torch::jit::load' loads the same model
//
// The nearest .greenlint.yaml above the source file is used.
// RUN: printf 'severity:\n  infer-*: error\n' > %t/proj/.greenlint.yaml
// RUN: not %clangxx %torch -fsyntax-only -fplugin=%plugin %t/proj/src/main.cpp 2>&1 | FileCheck %s --check-prefix=SEVERITY
// SEVERITY: main.cpp:{{[0-9]+}}:14: error: 'torch::jit::load' loads the same model {{.*}}[greenlint-infer-load-in-loop]
//
// warnings_as_errors promotes matching rules only.
// RUN: printf 'warnings_as_errors: "infer-load-*"\n' > %t/proj/.greenlint.yaml
// RUN: not %clangxx %torch -fsyntax-only -fplugin=%plugin %t/proj/src/main.cpp 2>&1 | FileCheck %s --check-prefix=WAE
// WAE: main.cpp:{{[0-9]+}}:14: error: 'torch::jit::load'
//
// Rules can be switched off by glob; remark severity prints remarks.
// RUN: printf 'rules: "-infer-*"\n' > %t/proj/.greenlint.yaml
// RUN: %clangxx %torch -fsyntax-only -fplugin=%plugin %t/proj/src/main.cpp 2>&1 | count 0
// RUN: printf 'severity: {"*": remark}\n' > %t/proj/.greenlint.yaml
// RUN: %clangxx %torch -fsyntax-only -fplugin=%plugin %t/proj/src/main.cpp 2>&1 | FileCheck %s --check-prefix=REMARK
// REMARK: main.cpp:{{[0-9]+}}:14: remark: 'torch::jit::load'
//
// Broken YAML, unknown keys, rules and options: an error with file:line:col, non-zero exit.
// RUN: printf 'rules: [infer-*\nseverity: {}\n' > %t/proj/.greenlint.yaml
// RUN: not %clangxx -fsyntax-only -fplugin=%plugin %t/proj/src/main.cpp -Dnotorch 2>&1 | FileCheck %s --check-prefix=BROKEN -DDIR=%t
// BROKEN: error: greenlint: [[DIR]]/proj/.greenlint.yaml:2:9: end of sequence flow not found; fix the YAML syntax
// RUN: printf 'rules: "*"\nseverty: {}\n' > %t/proj/.greenlint.yaml
// RUN: not %clangxx -fsyntax-only -fplugin=%plugin %t/proj/src/main.cpp 2>&1 | FileCheck %s --check-prefix=KEY
// KEY: .greenlint.yaml:2:1: unknown key 'severty'; known keys are rules, severity
// RUN: printf 'options:\n  infer-load-in-lop:\n    X: 1\n' > %t/proj/.greenlint.yaml
// RUN: not %clangxx -fsyntax-only -fplugin=%plugin %t/proj/src/main.cpp 2>&1 | FileCheck %s --check-prefix=RULE
// RULE: .greenlint.yaml:2:3: unknown rule 'infer-load-in-lop'; known rules are {{.*}}infer-load-in-loop
// RUN: printf 'options:\n  infer-load-in-loop:\n    RequestHandler: x\n' > %t/proj/.greenlint.yaml
// RUN: not %clangxx -fsyntax-only -fplugin=%plugin %t/proj/src/main.cpp 2>&1 | FileCheck %s --check-prefix=OPTION
// OPTION: .greenlint.yaml:3:5: unknown option 'RequestHandler' for rule 'infer-load-in-loop'; its options are RequestHandlerRegex
// RUN: printf 'severity: {infer-load-in-loop: loud}\n' > %t/proj/.greenlint.yaml
// RUN: not %clangxx -fsyntax-only -fplugin=%plugin %t/proj/src/main.cpp 2>&1 | FileCheck %s --check-prefix=LEVEL
// LEVEL: .greenlint.yaml:1:32: severity must be remark, warning or error
// RUN: printf 'rules: "infer-typo-*"\n' > %t/proj/.greenlint.yaml
// RUN: not %clangxx -fsyntax-only -fplugin=%plugin %t/proj/src/main.cpp 2>&1 | FileCheck %s --check-prefix=GLOB
// GLOB: .greenlint.yaml:1:8: 'infer-typo-*' matches no rule
//
// An explicit config= wins over the discovered one.
// RUN: printf 'rules: "-*"\n' > %t/other.yaml
// RUN: %clangxx %torch -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-config=%t/other.yaml %t/proj/src/main.cpp 2>&1 | count 0
// RUN: not %clangxx -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-config=%t/missing.yaml %t/proj/src/main.cpp 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: error: greenlint: {{.*}}missing.yaml: cannot read config: No such file or directory; check the path given with -fplugin-arg-greenlint-config=
//
// Found by discovery, an unreadable config's hint does not mention config= (none was given).
// RUN: rm %t/proj/.greenlint.yaml && mkdir %t/proj/.greenlint.yaml
// RUN: not %clangxx -fsyntax-only -fplugin=%plugin %t/proj/src/main.cpp -Dnotorch 2>&1 | FileCheck %s --check-prefix=FOUND
// FOUND: error: greenlint: {{.*}}/proj/.greenlint.yaml: cannot read config: it is a folder, not a file; it was found as the nearest .greenlint.yaml above the source file: fix or remove it, or name another with -fplugin-arg-greenlint-config=FILE
// RUN: rmdir %t/proj/.greenlint.yaml
//
// A FIFO as config is refused unread: the compile must not hang waiting for a writer.
// RUN: rm -f %t/fifo.yaml && mkfifo %t/fifo.yaml
// RUN: not timeout 60 %clangxx -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-config=%t/fifo.yaml %t/proj/src/main.cpp -Dnotorch 2>&1 | FileCheck %s --check-prefix=FIFO
// FIFO: error: greenlint: {{.*}}fifo.yaml: cannot read config: it is a FIFO (named pipe), which would block the compile until something writes to it; name a regular file; check the path given with -fplugin-arg-greenlint-config=
//
// Repeated keys and a second document are errors; deep nesting says so.
// RUN: printf 'rules: "-*"\nrules: "*"\n' > %t/dup.yaml
// RUN: not %clangxx -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-config=%t/dup.yaml %t/proj/src/main.cpp -Dnotorch 2>&1 | FileCheck %s --check-prefix=DUP
// DUP: error: greenlint: {{.*}}dup.yaml:2:1: duplicate key 'rules', first at {{.*}}dup.yaml:1:1; YAML keeps only one of them: merge them into one
// RUN: printf 'rules: "-*"\n---\nrules: "*"\n' > %t/docs.yaml
// RUN: not %clangxx -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-config=%t/docs.yaml %t/proj/src/main.cpp -Dnotorch 2>&1 | FileCheck %s --check-prefix=DOCS
// DOCS: error: greenlint: {{.*}}docs.yaml:2:1: a second YAML document; the file must hold one
// RUN: python3 -c "print('rules: ' + '[' * 3000 + ']' * 3000)" > %t/deep.yaml
// RUN: not %clangxx -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-config=%t/deep.yaml %t/proj/src/main.cpp -Dnotorch 2>&1 | FileCheck %s --check-prefix=DEEP
// DEEP: error: greenlint: {{.*}}deep.yaml:1:{{[0-9]+}}: nesting too deep
//
// A bad profile: value is located in the config.
// RUN: printf 'rules: "*"\nprofile: no-such-part-9000\n' > %t/profile.yaml
// RUN: not %clangxx -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-config=%t/profile.yaml %t/proj/src/main.cpp -Dnotorch 2>&1 | FileCheck %s --check-prefix=PROFILE
// PROFILE: error: greenlint: {{.*}}profile.yaml:2:10: unknown hardware profile 'no-such-part-9000'
//
// An absolute api_files path is used as it is, not under the config's folder.
// RUN: mkdir -p %t/apis %t/cfgdir && printf 'framework: mine\napis:\n  - role: model-load\n    function: mine::load\n' > %t/apis/mine.yaml
// RUN: printf 'api_files: [%t/apis/mine.yaml]\n' > %t/cfgdir/abs.yaml
// RUN: %clangxx -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-config=%t/cfgdir/abs.yaml %t/proj/src/main.cpp -Dnotorch 2>&1 | count 0
//
// A bad rules= value is reported against the argument, without the wrapped YAML's line and column.
// RUN: not %clangxx -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=infer-typo-* %t/proj/src/main.cpp -Dnotorch 2>&1 | FileCheck %s --check-prefix=RULESARG
// RULESARG: error: greenlint: -fplugin-arg-greenlint-rules: 'infer-typo-*' matches no rule
#ifndef notorch
#include <torch/script.h>
void serve(const std::string &Path, int N) {
  for (int I = 0; I < N; ++I)
    auto M = torch::jit::load(Path);
}
#endif
