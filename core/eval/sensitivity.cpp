#include "core/eval/sensitivity.h"

#include <algorithm>
#include <map>
#include <memory>
#include <utility>

#include "core/prune/calibration.h"
#include "core/prune/magnitude.h"
#include "core/prune/wanda.h"

namespace sparsetune {

namespace {

// The first `samples` batches, each cut to `seq_len` tokens, on the model's device, with the
// targets spelled out.
std::vector<SensitivityBatch> prepare_batches(const std::vector<SensitivityBatch>& calibration, const SensitivityOptions& options,
                                              torch::Device device) {
  if (options.samples < 1 || options.seq_len < 2) throw Error("sensitivity: samples must be at least 1 and seq_len at least 2");
  std::vector<SensitivityBatch> batches;
  for (const auto& batch : calibration) {
    if (static_cast<int64_t>(batches.size()) == options.samples) break;
    const auto& ids = batch.input_ids;
    if (!ids.defined() || ids.dim() != 2) throw Error("sensitivity: calibration batches must be token ids [batch, seq]");
    if (batch.targets.defined() && batch.targets.sizes() != ids.sizes())
      throw Error("sensitivity: the target flags of a calibration batch must be shaped like its token ids");
    if (ids.size(1) < 2) continue;  // nothing to predict
    auto targets = batch.targets.defined() ? batch.targets.to(torch::kBool) : torch::ones(ids.sizes(), torch::kBool);
    batches.push_back({ids.slice(1, 0, options.seq_len).to(device, torch::kInt64), targets.slice(1, 0, options.seq_len).to(device)});
  }
  if (batches.empty()) throw Error("sensitivity: needs calibration batches of at least 2 tokens");
  return batches;
}

std::vector<double> checked_sparsities(std::vector<double> sparsities) {
  if (sparsities.empty()) throw Error("sensitivity: needs at least one sparsity");
  std::sort(sparsities.begin(), sparsities.end());
  for (std::size_t i = 0; i < sparsities.size(); ++i) {
    check_sparsity(sparsities[i], "sensitivity: sparsity");
    if (i > 0 && sparsities[i] == sparsities[i - 1]) throw Error("sensitivity: each sparsity may be given once");
  }
  return sparsities;
}

struct MeanLoss {
  double loss = 0;
  int64_t tokens = 0;
};

// Token-weighted mean next-token cross-entropy over the target tokens of the batches.
MeanLoss mean_loss(CausalLM& model, const std::vector<SensitivityBatch>& batches, const std::atomic<bool>& stop) {
  double sum = 0;
  int64_t tokens = 0;
  for (const auto& batch : batches) {
    if (stop) throw SensitivityCancelled();
    const auto logits = model.forward(batch.input_ids).logits;
    const auto predicted = logits.slice(1, 0, -1).reshape({-1, logits.size(-1)}).to(torch::kFloat32);
    const auto next = batch.input_ids.slice(1, 1).reshape({-1});
    const auto scored = batch.targets.slice(1, 1).reshape({-1});
    const auto losses = torch::nn::functional::cross_entropy(predicted, next, torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kNone));
    sum += losses.masked_select(scored).sum(torch::kFloat64).item<double>();
    tokens += scored.sum().item<int64_t>();
  }
  if (tokens == 0) throw Error("sensitivity: the calibration batches have no target token to score");
  return {sum / static_cast<double>(tokens), tokens};
}

// Keeps a copy of one layer's weight and puts it back bit for bit, on restore() and when destroyed
// (so an exception or a cancellation leaves the model as it was). While it lives the layer runs
// through its dense weight: a compressed copy would not see the pruning.
class LayerBackup {
 public:
  explicit LayerBackup(Linear& layer) : layer_(layer), saved_(layer.weight.detach().clone()), sparse_(std::move(layer.sparse)) {
    layer_.sparse = nullptr;
  }
  ~LayerBackup() {
    restore();
    layer_.sparse = std::move(sparse_);
  }
  LayerBackup(const LayerBackup&) = delete;
  LayerBackup& operator=(const LayerBackup&) = delete;

  void restore() {
    torch::NoGradGuard no_grad;
    layer_.weight.copy_(saved_);  // through GPT-2's transposed view too: it writes the stored tensor
  }

 private:
  Linear& layer_;
  torch::Tensor saved_;
  std::shared_ptr<const SparseLinearWeight> sparse_;
};

}  // namespace

std::vector<SensitivityBatch> sensitivity_batches(const Dataset& data, int64_t samples, int64_t seq_len) {
  std::vector<SensitivityBatch> batches;
  for (const auto& example : data.examples) {
    if (static_cast<int64_t>(batches.size()) >= samples) break;
    const auto length = std::min<int64_t>(seq_len, static_cast<int64_t>(example.ids.size()));
    if (length < 2 || std::none_of(example.target.begin() + 1, example.target.begin() + length, [](uint8_t t) { return t != 0; }))
      continue;
    std::vector<int64_t> ids(example.ids.begin(), example.ids.begin() + length);
    std::vector<int64_t> targets(example.target.begin(), example.target.begin() + length);
    batches.push_back({torch::tensor(ids, torch::kInt64).unsqueeze(0), torch::tensor(targets, torch::kInt64).to(torch::kBool).unsqueeze(0)});
  }
  return batches;
}

std::string to_string(SensitivityMethod method) {
  return method == SensitivityMethod::Wanda ? "wanda" : "magnitude";
}

SensitivityAnalysis analyze_sensitivity(CausalLM& model, const std::vector<SensitivityBatch>& calibration,
                                        const SensitivityOptions& options, const SensitivityProgress& progress,
                                        const std::atomic<bool>& stop) {
  const auto sparsities = checked_sparsities(options.sparsities);
  const auto targets = select_targets(model.linear_paths(), options.targets);
  if (targets.empty()) throw Error("sensitivity: the target selection matches no Linear of the model");
  torch::NoGradGuard no_grad;
  const auto batches = prepare_batches(calibration, options, model.device());

  SensitivityAnalysis analysis;
  analysis.method = to_string(options.method);
  analysis.model_parameters = model.num_parameters();
  const MeanLoss dense = mean_loss(model, batches, stop);
  analysis.dense_loss = dense.loss;
  analysis.tokens = dense.tokens;

  // Wanda scores every layer by its inputs in the dense model, as each is pruned alone.
  std::map<std::string, LayerInputStats> stats;
  if (options.method == SensitivityMethod::Wanda) {
    if (stop) throw SensitivityCancelled();
    std::vector<torch::Tensor> inputs;
    for (const auto& batch : batches) inputs.push_back(batch.input_ids);
    stats = collect_input_stats(model, targets, inputs, {.column_norms = true});
  }

  const auto total = static_cast<int64_t>(targets.size() * sparsities.size());
  int64_t done = 0;
  for (const auto& path : targets) {
    Linear& layer = model.linear(path);
    LayerSensitivity measured;
    measured.module_path = path;
    measured.parameters = layer.weight.numel();
    measured.out_features = layer.weight.size(0);
    measured.in_features = layer.weight.size(1);
    measured.sparsities = sparsities;
    torch::Tensor norms;
    if (options.method == SensitivityMethod::Wanda) norms = stats.at(path).wanda->column_norms();
    LayerBackup backup(layer);
    for (const double sparsity : sparsities) {
      const auto mask = options.method == SensitivityMethod::Wanda ? wanda_mask(layer.weight, norms, sparsity)
                                                                   : magnitude_mask(layer.weight, sparsity, MagnitudeScope::Layer);
      apply_mask(layer.weight, mask);
      measured.loss.push_back(mean_loss(model, batches, stop).loss);
      backup.restore();
      if (progress) progress(++done, total, path);
    }
    analysis.layers.push_back(std::move(measured));
  }
  return analysis;
}

}  // namespace sparsetune
