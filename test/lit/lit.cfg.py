import os
import lit.formats

config.name = "greenlint"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".cpp", ".test"]
config.excludes = ["Inputs"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = config.obj_root

config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.environment.get("PATH", "")])
# Tests must not pick up the repository's own .greenlint.yaml by accident:
# each test that wants a config writes or names one.
inputs = os.path.join(config.source_root, "test", "Inputs")
config.substitutions.append(("%clangxx", config.clangxx))
# The Clang major the plugin is built for (messages that name it, e.g. clang++-%llvm_major).
config.substitutions.append(("%llvm_major", config.llvm_major))
config.available_features.add("clang-" + config.llvm_major)
# The compile-cache tests run Debian's ccache (scripts/setup-deps.sh installs it).
import shutil
if shutil.which("ccache"):
    config.available_features.add("ccache")
# The C compiler beside it, for C projects (clang++ -> clang).
config.substitutions.append(
    ("%clang_c", os.path.join(os.path.dirname(config.clangxx), "clang")))
config.substitutions.append(("%plugin", config.plugin_path))
config.substitutions.append(("%greenlint", config.greenlint_cli))
# %torch_headers parses LibTorch from source: for options the PCH was not built with (-O2).
config.substitutions.append(("%torch_headers", config.torch_flags))
config.substitutions.append(
    ("%torch", config.torch_flags + " -include-pch " + config.torch_pch))
config.substitutions.append(("%inputs", inputs))
# Linking a program instrumented by the plugin: the runtime and LibTorch.
config.substitutions.append(
    ("%link_runtime", "-L%s -lgreenlint_rt -Wl,-rpath,%s" % (config.runtime_dir, config.runtime_dir)))
config.substitutions.append(("%runtime_include", config.runtime_include))
config.substitutions.append(("%link_torch", "-ltorch -ltorch_cpu -lc10"))
config.substitutions.append(("%source_root", config.source_root))
config.substitutions.append(("%build_root", config.build_root))

# Python with Debian's python3-onnx, for the tests that build ONNX models: a
# pyenv or venv python3 first on PATH may lack it, the system one has it.
import shutil
import subprocess

def _python_with(module):
    for candidate in ["/usr/bin/python3", shutil.which("python3")]:
        if candidate and subprocess.call(
                [candidate, "-c", "import " + module],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) == 0:
            return candidate
    return None

_onnx_python = _python_with("onnx")
if _onnx_python:
    config.available_features.add("python-onnx")
    config.substitutions.append(("%python_onnx", _onnx_python))
