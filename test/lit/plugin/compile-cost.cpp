// The facts file carries the compile's own cost: wall and CPU seconds from the plugin's load to
// the compiler's exit (code generation included), and its energy modelled on the build
// machine's CPU profile as the runtime's model meter does (docs/facts-format.md, "compile").
// Inputs/check_compile_cost.py recomputes the energy from the profile's published figures.
// RUN: rm -rf %t && mkdir %t
// RUN: env GREENLINT_PROFILE=amd-epyc-7b13 %clangxx -O2 -c %s -o %t/a.o -fplugin=%plugin -fplugin-arg-greenlint-facts=%t/obj
// RUN: python3 %S/Inputs/check_compile_cost.py %t/obj/compile-cost.cpp-*.json | FileCheck %s
// CHECK: source compile-cost.cpp
// CHECK-NEXT: wall_s positive: yes cpu_s positive: yes
// CHECK-NEXT: profile amd-epyc-7b13 | note GREENLINT_PROFILE=amd-epyc-7b13
// CHECK-NEXT: method modelled from profile amd-epyc-7b13 (AMD EPYC 7B13, TDP 280 W, 128 logical CPUs; power figures: {{.+}}, 2021): E = P(U)/128 x CPU s with U = CPU s/(wall s x 128) = {{[0-9.e-]+}} and P(U) = {{[0-9.]+}} W, as the runtime's model meter
// CHECK-NEXT: energy_j positive: yes
// CHECK-NEXT: energy_j equals P(U)/N x cpu_s: yes

// -fsyntax-only compiles get their cost too.
// RUN: env GREENLINT_PROFILE=amd-epyc-7b13 %clangxx -fsyntax-only %s -fplugin=%plugin -fplugin-arg-greenlint-facts=%t/syntax
// RUN: python3 %S/Inputs/check_compile_cost.py %t/syntax/compile-cost.cpp-*.json | FileCheck %s

// Several inputs in one invocation run cc1 in-process one after another: each unit is charged
// from its own start (the plugin's load for the first) to the next unit's start or the exit.
// RUN: env GREENLINT_PROFILE=amd-epyc-7b13 %clangxx -fsyntax-only -fconstexpr-steps=2000000000 -DSPIN_ITERATIONS=300000 %S/Inputs/spin.cpp %s -fplugin=%plugin -fplugin-arg-greenlint-facts=%t/two
// RUN: python3 %S/Inputs/check_compile_cost.py --compare %t/two/spin.cpp-*.json %t/two/compile-cost.cpp-*.json | FileCheck %s --check-prefix=TWO
// TWO: first cpu_s above second: yes
// TWO-NEXT: first wall_s above second: yes
// TWO-NEXT: source spin.cpp
// TWO-NEXT: wall_s positive: yes cpu_s positive: yes
// TWO: energy_j equals P(U)/N x cpu_s: yes
// TWO-NEXT: source compile-cost.cpp
// TWO-NEXT: wall_s positive: yes cpu_s positive: yes
// TWO: energy_j equals P(U)/N x cpu_s: yes

// Without GREENLINT_PROFILE the CPU is detected as the runtime detects it (GREENLINT_SYSFS_ROOT
// stands in for /).
// RUN: mkdir -p %t/root/proc && printf 'vendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13 64-Core Processor\n' > %t/root/proc/cpuinfo
// RUN: env -u GREENLINT_PROFILE GREENLINT_SYSFS_ROOT=%t/root %clangxx -fsyntax-only %s -fplugin=%plugin -fplugin-arg-greenlint-facts=%t/detected
// RUN: python3 %S/Inputs/check_compile_cost.py %t/detected/*.json | FileCheck %s --check-prefix=DETECT
// DETECT: profile amd-epyc-7b13 | note detected from {{.*}}root/proc/cpuinfo; CPU 'AMD EPYC 7B13 64-Core Processor' matched hardware profile 'amd-epyc-7b13'
// DETECT: energy_j equals P(U)/N x cpu_s: yes

// A profile that cannot be used leaves the time measured, the energy null and says why.
// RUN: env GREENLINT_PROFILE=no-such-cpu %clangxx -fsyntax-only %s -fplugin=%plugin -fplugin-arg-greenlint-facts=%t/unknown
// RUN: python3 %S/Inputs/check_compile_cost.py %t/unknown/*.json | FileCheck %s --check-prefix=UNKNOWN
// UNKNOWN: wall_s positive: yes cpu_s positive: yes
// UNKNOWN-NEXT: profile  | note GREENLINT_PROFILE=no-such-cpu
// UNKNOWN-NEXT: method not modelled: {{.*}}no-such-cpu{{.*}}; set GREENLINT_PROFILE to a CPU profile id (greenlint profiles --kind cpu lists them) or unset it to detect the CPU
// UNKNOWN-NEXT: energy_j null
// RUN: env GREENLINT_PROFILE=nvidia-a100-sxm4-80gb %clangxx -fsyntax-only %s -fplugin=%plugin -fplugin-arg-greenlint-facts=%t/gpu
// RUN: python3 %S/Inputs/check_compile_cost.py %t/gpu/*.json | FileCheck %s --check-prefix=GPU
// GPU: method not modelled: profile 'nvidia-a100-sxm4-80gb' is a gpu profile and the compiler runs on the CPU; set GREENLINT_PROFILE to a CPU profile id or unset it
// GPU-NEXT: energy_j null

int answer() { return 42; }
