#include <chrono>
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "core/model/gguf_import.h"

namespace sparsetune::cli {

int run_import_gguf(const std::vector<std::string>& argv) {
  Args args(argv, {"out", "dtype"}, {"json"});
  const std::filesystem::path gguf = args.positional(0, "FILE (a .gguf file)");
  const auto out = args.value("out");
  if (!out) throw UsageError("--out DIR is required");
  const std::string dtype = args.value_or("dtype", "float32");
  GgufImportDType import_dtype;
  if (dtype == "float32" || dtype == "fp32") {
    import_dtype = GgufImportDType::Float32;
  } else if (dtype == "bfloat16" || dtype == "bf16") {
    import_dtype = GgufImportDType::BFloat16;
  } else {
    throw UsageError("--dtype must be float32 or bfloat16, got '" + dtype + "'");
  }

  const auto start = std::chrono::steady_clock::now();
  const GgufImportSummary summary = import_gguf(gguf, *out, import_dtype);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const std::string dtype_name = import_dtype == GgufImportDType::Float32 ? "float32" : "bfloat16";
  if (args.flag("json")) {
    std::cout << nlohmann::json{{"file", gguf.string()},         {"out", *out},
                                {"architecture", summary.architecture}, {"tensors", summary.tensors},
                                {"parameters", summary.parameters},     {"dtype", dtype_name},
                                {"seconds", seconds}}
                     .dump()
              << "\n";
  } else {
    std::printf("%s: %s, %lld tensors, %.2f M parameters, written as %s to %s in %.1f s\n", gguf.string().c_str(),
                summary.architecture.c_str(), static_cast<long long>(summary.tensors),
                static_cast<double>(summary.parameters) / 1e6, dtype_name.c_str(), out->c_str(), seconds);
  }
  return 0;
}

}  // namespace sparsetune::cli
