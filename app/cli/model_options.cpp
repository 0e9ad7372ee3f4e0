#include "app/cli/model_options.h"

#include <ATen/Parallel.h>

#include "core/model/device.h"
#include "core/model/gguf_cache.h"

namespace sparsetune::cli {

std::unique_ptr<CausalLM> load_model_from_args(const std::filesystem::path& dir, const Args& args) {
  if (auto threads = args.integer_or("threads", 0, 0, 1024); threads > 0) at::set_num_threads(static_cast<int>(threads));
  LoadOptions options;
  options.device = parse_device(args.value_or("device", "cpu"));
  if (auto dtype = args.value("dtype")) options.dtype = parse_dtype_name(*dtype);
  return CausalLM::load(model_directory(dir), options);
}

}  // namespace sparsetune::cli
