// llama.cpp units (rules/apis/llamacpp.yaml): llama_decode counts its batch's n_tokens (a field of
// a struct passed by value, read from the argument's copy right before the call) and each sampled
// token counts one generated-token. The prompt here has 5 tokens, then 3 tokens are generated,
// each decoded alone: token = 5 + 3 = 8, generated-token = 3 (prompt tokens = 8 - 3 = 5). A
// negative n_tokens counts 0, and a batch passed in registers is not counted (a remark says so).
// RUN: rm -rf %t && mkdir %t
// RUN: %clangxx -std=c++17 -O0 -S -emit-llvm -fplugin=%plugin -fplugin-arg-greenlint-rules=-* -fplugin-arg-greenlint-instrument=on -I%inputs/llama %s -o %t/gen.ll
// RUN: FileCheck %s --check-prefix=IR < %t/gen.ll
// IR-LABEL: define {{.*}}@{{.*}}generate{{.*}}(
// IR: call void @greenlint_region_begin(
// IR: %[[FIELD:[0-9a-z.]+]] = getelementptr inbounds i8, ptr %[[BATCH:[0-9a-z.]+]], i64 0
// IR-NEXT: %[[N:[0-9a-z.]+]] = load i32, ptr %[[FIELD]]
// IR-NEXT: %[[N64:[0-9a-z.]+]] = sext i32 %[[N]] to i64
// IR-NEXT: %[[NEG:[0-9a-z.]+]] = icmp slt i64 %[[N64]], 0
// IR-NEXT: %[[COUNT:[0-9a-z.]+]] = select i1 %[[NEG]], i64 0, i64 %[[N64]]
// IR-NEXT: call void @greenlint_units(ptr @[[TOKEN:greenlint.str[.0-9]*]], i64 %[[COUNT]])
// IR-NEXT: {{call|invoke}} {{.*}}@llama_decode(ptr {{.*}}, ptr {{.*}}byval{{.*}} %[[BATCH]])
// IR: call void @greenlint_units(ptr @[[GEN:greenlint.str[.0-9]*]], i64 1)
// IR-NEXT: {{call|invoke}} {{.*}}@llama_sampler_sample(
// IR: call void @greenlint_region_end()
// RUN: FileCheck %s --check-prefix=GLOBALS < %t/gen.ll
// GLOBALS-DAG: c"token\00"
// GLOBALS-DAG: c"generated-token\00"
//
// A project's own API (api_files) whose counted struct is small travels in registers: no count,
// a remark, and nothing inserted for that call.
// RUN: printf 'framework: jobs\napis:\n  - {role: runtime-inference-call, function: "::run_small", unit: row, unit_count: "0.rows"}\n  - {role: runtime-inference-call, function: "::run_small", unit: row, unit_count: "0.nothing"}\n' > %t/jobs.yaml
// RUN: printf 'api_files: [jobs.yaml]\n' > %t/cfg.yaml
// RUN: %clangxx -std=c++17 -O0 -S -emit-llvm -DSMALL_JOB -fplugin=%plugin -fplugin-arg-greenlint-rules=-* -fplugin-arg-greenlint-instrument=on -fplugin-arg-greenlint-config=%t/cfg.yaml -I%inputs/llama %s -o %t/small.ll 2> %t/remarks.txt
// RUN: FileCheck %s --check-prefix=REMARK < %t/remarks.txt
// REMARK: llama-tokens.cpp:{{[0-9]+}}:{{[0-9]+}}: remark: row units of this call are not counted: the struct is passed in registers [greenlint-instrument]
// RUN: FileCheck %s --check-prefix=SMALL-IR < %t/small.ll
// SMALL-IR-LABEL: define {{.*}}@{{.*}}serve{{.*}}(
// SMALL-IR: call void @greenlint_region_begin(
// SMALL-IR-NOT: greenlint_units
// SMALL-IR: call void @greenlint_region_end()
//
// Run: the fake library below stands in for libllama.
// RUN: %clangxx -std=c++17 -O0 -DFAKE_LLAMA -I%inputs/llama -c %s -o %t/fake.o
// RUN: %clangxx -std=c++17 -O1 -fplugin=%plugin -fplugin-arg-greenlint-rules=-* -fplugin-arg-greenlint-instrument=on -I%inputs/llama -I%runtime_include %s %t/fake.o -o %t/prog %link_runtime 2>/dev/null
// RUN: env GREENLINT_LEDGER=%t/ledger GREENLINT_PROFILE=amd-epyc-7b13 GREENLINT_QUIET=1 %t/prog
// RUN: tail -n 1 %t/ledger/*.jsonl | python3 -c "import json,sys; r={g['name']: g for g in json.load(sys.stdin)['regions']}['infer:generate']; print('units', json.dumps(r['units'], sort_keys=True))" | FileCheck %s --check-prefix=LEDGER
// LEDGER: units {"generated-token": 3, "token": 8}
#include <llama.h>

#if defined(SMALL_JOB)
struct SmallJob {
  int rows;
  int cols;
};
int run_small(SmallJob Job);
int serve(int Rows) { return run_small(SmallJob{Rows, 4}); }
#elif defined(FAKE_LLAMA)
llama_batch llama_batch_get_one(llama_token *Tokens, int32_t N) {
  llama_batch B{};
  B.n_tokens = N;
  B.token = Tokens;
  return B;
}
int32_t llama_decode(llama_context *, llama_batch B) { return B.n_tokens < 0; }
llama_token llama_sampler_sample(llama_sampler *, llama_context *, int32_t) { return 7; }
#else
// Generation as llama.cpp's simple example does it: the prompt in one batch, then one token at a
// time. The negative batch (an error path) must not lower the count.
int generate(llama_context *Ctx, llama_sampler *Smpl, llama_token *Prompt, int NPrompt) {
  llama_batch Batch = llama_batch_get_one(Prompt, NPrompt);
  llama_token Next = 0;
  for (int I = 0; I < 4; ++I) {
    if (llama_decode(Ctx, Batch))
      return 1;
    if (I == 3)
      break;
    Next = llama_sampler_sample(Smpl, Ctx, -1);
    Batch = llama_batch_get_one(&Next, 1);
  }
  Batch.n_tokens = -2;
  llama_decode(Ctx, Batch);
  return 0;
}

int main() {
  llama_token Prompt[5] = {1, 2, 3, 4, 5};
  return generate(nullptr, nullptr, Prompt, 5) == 1 ? 0 : 0;
}
#endif
