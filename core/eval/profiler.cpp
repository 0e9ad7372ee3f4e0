#include "core/eval/profiler.h"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>

#include <algorithm>
#include <chrono>
#include <limits>

#include "core/model/causal_lm.h"
#include "core/util/machine.h"

namespace sparsetune {

namespace {

using Clock = std::chrono::steady_clock;

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

template <class F>
double milliseconds(const F& f) {
  const auto start = Clock::now();
  f();
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// Greedy decoding after a prefill; returns the generated ids and the mean time per decoded token.
std::pair<std::vector<int64_t>, double> decode(CausalLM& model, const torch::Tensor& prompt, int64_t new_tokens) {
  KVCache cache;
  auto next = model.forward(prompt, {}, &cache).logits.select(1, -1).argmax(-1, true);
  std::vector<int64_t> ids;
  const auto start = Clock::now();
  for (int64_t i = 0; i < new_tokens; ++i) {
    ids.push_back(next.item<int64_t>());
    next = model.forward(next, {}, &cache).logits.select(1, -1).argmax(-1, true);
  }
  const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  return {ids, ms / static_cast<double>(std::max<int64_t>(1, new_tokens))};
}

}  // namespace

ModelProfile profile_model(CausalLM& model, const ProfileOptions& options, const std::function<void(int64_t, int64_t)>& progress) {
  torch::NoGradGuard no_grad;
  const int previous_threads = at::get_num_threads();
  const int threads = options.threads > 0 ? options.threads : previous_threads;
  at::set_num_threads(options.torch_threads > 0 ? options.torch_threads : threads);

  ModelProfile profile;
  profile.isa = kernels::cpu_isa();
  profile.device = "cpu: " + describe_machine().value("cpu", std::string("unknown")) + " (" + profile.isa + ")";
  profile.threads = threads;
  profile.value_type = kernels::to_string(options.values);
  profile.batch = options.batch;

  SparseRuntimeOptions runtime;
  runtime.values = options.values;
  runtime.threads = threads;
  runtime.min_sparsity = options.min_sparsity;
  runtime.max_rows = std::max<int64_t>(16, options.batch);
  const auto compiled = use_sparse_kernels(model, runtime);

  const int64_t decode_steps = options.new_tokens > 0 ? options.repeats : 0;
  const int64_t total = options.repeats + decode_steps;
  int64_t done = 0;
  auto report = [&] {
    if (progress) progress(++done, total);
  };

  // Every layer in model order inside each sweep, as decoding reads them: a layer's weight is not
  // still in cache from its own previous timing unless the whole model fits.
  auto generator = at::make_generator<at::CPUGeneratorImpl>(7);
  std::vector<torch::Tensor> inputs;
  for (const auto& layer : compiled) inputs.push_back(torch::randn({options.batch, layer.cols}, generator));
  std::vector<std::vector<double>> dense(compiled.size()), sparse(compiled.size());
  for (int r = 0; r < options.repeats; ++r) {
    for (std::size_t i = 0; i < compiled.size(); ++i) {
      const Linear& linear = model.linear(compiled[i].path);
      dense[i].push_back(milliseconds([&] { (void)at::linear(inputs[i], linear.weight, linear.bias); }));
    }
    for (std::size_t i = 0; i < compiled.size(); ++i) {
      const Linear& linear = model.linear(compiled[i].path);
      sparse[i].push_back(milliseconds([&] { (void)linear.forward(inputs[i]); }));
    }
    report();
  }
  for (std::size_t i = 0; i < compiled.size(); ++i) profile.layers.push_back({compiled[i], median(dense[i]), median(sparse[i])});

  auto& d = profile.decode;
  for (const auto& path : model.linear_paths()) d.dense_bytes_per_token += 4.0 * static_cast<double>(model.linear(path).weight.numel());
  d.sparse_bytes_per_token = d.dense_bytes_per_token;
  for (const auto& layer : compiled) d.sparse_bytes_per_token += layer.sparse_bytes - layer.dense_bytes;
  if (options.new_tokens > 0) {
    d.tokens = options.new_tokens;
    const auto prompt = torch::randint(1, model.config().vocab_size, {1, options.prompt_tokens}, generator, torch::kInt64);
    std::vector<int> dense_settings = {options.torch_threads > 0 ? options.torch_threads : threads};
    if (options.torch_threads == 0 && threads > 1) dense_settings.insert(dense_settings.begin(), 1);
    std::vector<std::vector<double>> dense_ms(dense_settings.size());
    std::vector<double> sparse_ms;
    d.same_tokens = true;
    for (int r = 0; r < options.repeats; ++r) {
      use_dense_kernels(model);
      std::vector<int64_t> dense_ids;
      for (std::size_t k = 0; k < dense_settings.size(); ++k) {
        at::set_num_threads(dense_settings[k]);
        auto [ids, time] = decode(model, prompt, options.new_tokens);
        dense_ms[k].push_back(time);
        dense_ids = std::move(ids);
      }
      use_sparse_kernels(model, runtime);
      {
        SingleThreadedTorch single_threaded;
        const auto [sparse_ids, sparse_time] = decode(model, prompt, options.new_tokens);
        sparse_ms.push_back(sparse_time);
        d.same_tokens = d.same_tokens && dense_ids == sparse_ids;
      }
      report();
    }
    d.dense_ms_per_token = std::numeric_limits<double>::infinity();
    for (std::size_t k = 0; k < dense_settings.size(); ++k) {
      if (median(dense_ms[k]) < d.dense_ms_per_token) {
        d.dense_ms_per_token = median(dense_ms[k]);
        d.dense_torch_threads = dense_settings[k];
      }
    }
    d.sparse_ms_per_token = median(sparse_ms);
  }
  use_dense_kernels(model);
  at::set_num_threads(previous_threads);
  return profile;
}

std::vector<ProfileRecord> profile_records(const ModelProfile& profile) {
  std::vector<ProfileRecord> records;
  for (const auto& t : profile.layers) {
    ProfileRecord r;
    r.device = profile.device;
    r.layer = t.layer.path;
    r.shape = std::to_string(t.layer.rows) + "x" + std::to_string(t.layer.cols);
    r.dense_ms = t.dense_ms;
    r.sparse_ms = t.sparse_ms;
    r.baseline = "libtorch";
    r.batch = profile.batch;
    r.bound = t.layer.dense_bytes / t.layer.sparse_bytes;
    r.sparsity = t.layer.sparsity;
    r.dense_bytes = t.layer.dense_bytes;
    r.sparse_bytes = t.layer.sparse_bytes;
    r.threads = profile.threads;
    r.value_type = profile.value_type;
    records.push_back(r);
  }
  const auto& d = profile.decode;
  if (d.tokens > 0) {
    ProfileRecord r;
    r.device = profile.device;
    r.layer = "model";
    r.shape = "decode " + std::to_string(d.tokens) + " tokens";
    r.dense_ms = d.dense_ms_per_token;
    r.sparse_ms = d.sparse_ms_per_token;
    r.baseline = "libtorch";
    r.bound = d.dense_bytes_per_token / d.sparse_bytes_per_token;
    double zeros = 0, weights = 0;
    for (const auto& t : profile.layers) {
      zeros += t.layer.sparsity * static_cast<double>(t.layer.rows * t.layer.cols);
      weights += static_cast<double>(t.layer.rows * t.layer.cols);
    }
    r.sparsity = weights > 0 ? zeros / weights : 0;
    r.dense_bytes = d.dense_bytes_per_token;
    r.sparse_bytes = d.sparse_bytes_per_token;
    r.threads = profile.threads;
    r.value_type = profile.value_type;
    records.push_back(r);
  }
  return records;
}

}  // namespace sparsetune
