#pragma once
#include <filesystem>
#include <memory>

#include "app/cli/args.h"
#include "core/model/causal_lm.h"

namespace sparsetune::cli {

// The options every command that runs a model shares: --device, --dtype, --threads.
inline const std::set<std::string> kModelValueOptions = {"device", "dtype", "threads"};

// Applies --threads and loads the model with --device/--dtype.
std::unique_ptr<CausalLM> load_model_from_args(const std::filesystem::path& dir, const Args& args);

}  // namespace sparsetune::cli
