#include "core/prune/pruner.h"

#include <algorithm>
#include <map>
#include <utility>

#include "core/prune/calibration.h"
#include "core/prune/sparsegpt.h"
#include "core/prune/wanda.h"
#include "core/util/error.h"

namespace sparsetune {

namespace {

// Target paths grouped by decoder block, blocks in model order (a path outside the blocks, such as
// an explicitly included lm_head, forms its own group).
std::vector<std::pair<int64_t, std::vector<std::string>>> group_by_block(const std::vector<std::string>& paths) {
  std::vector<std::pair<int64_t, std::vector<std::string>>> groups;
  for (const auto& path : paths) {
    const auto block = block_index(path);
    auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == block; });
    if (it == groups.end()) it = groups.insert(groups.end(), {block, {}});
    it->second.push_back(path);
  }
  return groups;
}

void validate(const PruneOptions& options, const std::vector<torch::Tensor>& calibration) {
  if (options.nm) {
    if (options.allocation == SparsityAllocation::OWL) throw Error("pruning: OWL allocation needs unstructured sparsity, not N:M");
  } else {
    check_sparsity(options.sparsity, "pruning: sparsity");
  }
  const bool calibrated = options.method != PruneMethod::Magnitude || options.allocation == SparsityAllocation::OWL;
  if (calibrated && calibration.empty()) throw Error("pruning: Wanda, SparseGPT and OWL need calibration batches");
}

// One sparsity per block group: uniform, or OWL's from the Wanda scores of the dense model.
std::vector<double> group_sparsities(CausalLM& model, const std::vector<std::pair<int64_t, std::vector<std::string>>>& groups,
                                     const std::vector<std::string>& targets, const std::vector<torch::Tensor>& calibration,
                                     const PruneOptions& options) {
  const double uniform = options.nm ? options.nm->sparsity() : options.sparsity;
  if (options.allocation == SparsityAllocation::Uniform) return std::vector<double>(groups.size(), uniform);
  const auto stats = collect_input_stats(model, targets, calibration, {.column_norms = true});
  std::vector<double> ratios;
  for (const auto& [block, paths] : groups) {
    std::vector<torch::Tensor> scores;
    for (const auto& path : paths) scores.push_back(wanda_scores(model.linear(path).weight, stats.at(path).wanda->column_norms()));
    ratios.push_back(outlier_ratio(scores, options.owl.outlier_threshold));
  }
  return owl_sparsities(ratios, options.sparsity, options.owl);
}

// Prunes one layer with the method; returns its keep-mask (the weight is updated in place).
torch::Tensor prune_layer(Linear& layer, const std::string& path, double sparsity, const LayerInputStats* stats,
                          const PruneOptions& options) {
  const auto& weight = layer.weight;
  if (options.nm) check_nm(*options.nm, weight.size(1), path);
  torch::Tensor mask;
  switch (options.method) {
    case PruneMethod::Magnitude:
      mask = options.nm ? magnitude_mask_nm(weight, *options.nm) : magnitude_mask(weight, sparsity, options.magnitude_scope);
      break;
    case PruneMethod::Wanda: {
      const auto norms = stats->wanda->column_norms();
      mask = options.nm ? wanda_mask_nm(weight, norms, *options.nm) : wanda_mask(weight, norms, sparsity);
      break;
    }
    case PruneMethod::SparseGPT: {
      const SparseGptOptions sgpt{.sparsity = sparsity, .nm = options.nm, .block_size = options.sparsegpt_block_size,
                                  .dampening = options.sparsegpt_dampening};
      auto result = sparsegpt_prune(weight, stats->hessian->hessian(), sgpt);
      torch::NoGradGuard no_grad;
      weight.copy_(result.weight);  // through GPT-2's transposed view too: it writes the stored tensor
      mask = std::move(result.mask);
      break;
    }
  }
  apply_mask(weight, mask);
  return mask;
}

}  // namespace

PruneReport prune_one_shot(CausalLM& model, const std::vector<torch::Tensor>& calibration, const PruneOptions& options,
                           const PruneProgress& progress) {
  validate(options, calibration);
  const auto targets = select_targets(model.linear_paths(), options.targets);
  if (targets.empty()) throw Error("pruning: the target selection matches no Linear of the model");
  const auto groups = group_by_block(targets);
  const auto sparsities = group_sparsities(model, groups, targets, calibration, options);

  const StatsRequest request{.column_norms = options.method == PruneMethod::Wanda, .hessian = options.method == PruneMethod::SparseGPT};
  const bool calibrated = options.method != PruneMethod::Magnitude;
  std::map<std::string, LayerInputStats> stats;
  if (calibrated && !options.sequential) stats = collect_input_stats(model, targets, calibration, request);

  PruneReport report;
  int64_t done = 0;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const auto& [block, paths] = groups[g];
    // Sequential: this block's inputs come from a forward through the blocks pruned so far.
    if (calibrated && options.sequential) stats = collect_input_stats(model, paths, calibration, request);
    for (const auto& path : paths) {
      const auto it = stats.find(path);
      report.masks[path] = prune_layer(model.linear(path), path, sparsities[g], it == stats.end() ? nullptr : &it->second, options);
      if (it != stats.end()) stats.erase(it);  // frees the Hessian as soon as it is used
      report.layers.push_back({path, block, sparsities[g], {}});
      if (progress) progress(++done, static_cast<int64_t>(targets.size()), path);
    }
  }
  std::vector<std::string> pruned;
  for (const auto& layer : report.layers) pruned.push_back(layer.path);
  const auto achieved = measure_sparsity(model, pruned);
  for (std::size_t i = 0; i < achieved.size(); ++i) report.layers[i].achieved = achieved[i];
  report.overall_sparsity = overall_sparsity(achieved);
  return report;
}

void update_masks_gradual(CausalLM& model, MaskSet& masks, double target_sparsity, MagnitudeScope scope) {
  check_sparsity(target_sparsity, "gradual pruning: target sparsity");
  torch::NoGradGuard no_grad;
  for (auto& [path, mask] : masks) {
    const auto& weight = model.linear(path).weight;
    // Pruned weights score below every kept one (|w| ≥ 0), so they are the first to count as pruned.
    const auto scores = weight.abs().to(torch::kFloat32).masked_fill(mask.logical_not(), -1.0f);
    const auto chosen = scope == MagnitudeScope::Layer ? keep_top_per_layer(scores, target_sparsity) : keep_top_per_row(scores, target_sparsity);
    mask = chosen.logical_and(mask);
    apply_mask(weight, mask);
  }
}

}  // namespace sparsetune
