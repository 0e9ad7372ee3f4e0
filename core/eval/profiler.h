// Where a sparse model's time goes on the CPU: each compiled Linear timed dense (LibTorch) and
// sparse (kernels/) on a decode-sized input, and greedy decoding end to end with both, beside the
// weight bytes each reads and the bound those bytes set (ALGORITHMS.md §4).
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/model/sparse_runtime.h"
#include "core/train/events.h"

namespace sparsetune {

class CausalLM;

struct ProfileOptions {
  int threads = 0;  // the sparse kernels' threads; 0: LibTorch's intra-op thread count
  // LibTorch's threads for the dense path; 0: the faster of one thread and `threads` (decoding's many small
  // operations can cost more to fork than to run). The sparse path runs LibTorch on one thread
  // (SingleThreadedTorch) and the kernels on `threads`.
  int torch_threads = 0;
  kernels::ValueType values = kernels::ValueType::f32;
  double min_sparsity = 0.3;  // layers denser than this stay dense (see SparseRuntimeOptions)
  int64_t batch = 1;          // token rows per layer product
  int64_t prompt_tokens = 16;
  int64_t new_tokens = 32;    // greedy decode steps timed; 0: no end-to-end timing
  int repeats = 5;            // medians over this many sweeps over all layers / decodes
};

struct LayerTiming {
  SparseLayerInfo layer;
  double dense_ms = 0, sparse_ms = 0;  // medians
};

struct DecodeTiming {
  int64_t tokens = 0;
  double dense_ms_per_token = 0, sparse_ms_per_token = 0;  // medians over the repeats
  int dense_torch_threads = 0;  // LibTorch's threads in the dense timing (the faster setting when both were tried)
  double dense_bytes_per_token = 0, sparse_bytes_per_token = 0;  // weights of every Linear
  bool same_tokens = false;  // the sparse path generated exactly the dense path's tokens
};

struct ModelProfile {
  std::string device;  // "cpu: <model> (<isa>)"
  std::string isa;     // what the sparse kernels dispatched to
  int threads = 0;
  std::string value_type;
  int64_t batch = 1;  // token rows of the layer timings (decoding is always one sequence)
  std::vector<LayerTiming> layers;
  DecodeTiming decode;
};

// Profiles a float32 CPU model and leaves it on its dense weights. `progress(done, total)` is
// called as the work goes.
ModelProfile profile_model(CausalLM& model, const ProfileOptions& options,
                           const std::function<void(int64_t, int64_t)>& progress = {});

// One record per layer and one for the model ("model", per-token times), as the store keeps them.
std::vector<ProfileRecord> profile_records(const ModelProfile& profile);

}  // namespace sparsetune
