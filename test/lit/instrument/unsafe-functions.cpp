// Functions where an inserted call is unsafe or unwanted are left alone, and the compile says so
// once at each: a naked function has no prologue (a call clobbers its argument registers and the
// region would never end), and no_instrument_function asks for no inserted calls.
// RUN: rm -rf %t && mkdir %t
// RUN: %clangxx -O0 -S -emit-llvm -fplugin=%plugin -fplugin-arg-greenlint-instrument=on %s -o %t/out.ll 2>%t/err.txt
// RUN: FileCheck %s --check-prefix=IR < %t/out.ll
// RUN: FileCheck %s --check-prefix=DIAG --implicit-check-not=greenlint-instrument < %t/err.txt
// IR-LABEL: define {{.*}} @_Z8measuredi(
// IR: call void @greenlint_region_begin(
// IR: call void @greenlint_region_end()
// IR-LABEL: define {{.*}} @_Z5nakedv(
// IR-NOT: greenlint_
// IR: call void asm sideeffect "ret"
// IR-NEXT: unreachable
// IR-NEXT: }
// IR-LABEL: define {{.*}} @_Z10unhookablei(
// IR-NOT: greenlint_
// IR: ret i32
// IR-NEXT: }

[[clang::annotate("greenlint::region")]] int measured(int X) { return X + 1; }

// DIAG: unsafe-functions.cpp:[[@LINE+1]]:70: remark: 'naked' is not instrumented: it is a naked function, where an inserted call would clobber its argument registers and leave its region open; measure its caller instead [greenlint-instrument]
[[clang::annotate("greenlint::region")]] __attribute__((naked)) void naked() {
  asm("ret");
}

// DIAG: unsafe-functions.cpp:[[@LINE+2]]:5: remark: 'unhookable' is not instrumented: it is marked no_instrument_function; remove the attribute to measure it [greenlint-instrument]
[[clang::annotate("greenlint::region")]] __attribute__((no_instrument_function))
int unhookable(int X) {
  return X * 2;
}

int main() { return measured(1) + unhookable(2) - 5; }
