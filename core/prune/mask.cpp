#include "core/prune/mask.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/util/error.h"

namespace sparsetune {

namespace {

// round(count × sparsity): OWL's per-layer sparsities are computed in floating point, and
// 0.5 × 64 must prune 32 weights even when it evaluates to 31.999999.
int64_t pruned_count(int64_t count, double sparsity) {
  return static_cast<int64_t>(std::llround(static_cast<double>(count) * sparsity));
}

// Indices sorting `scores` ascending along `dim`; stable, so ties go by position.
torch::Tensor ascending_order(const torch::Tensor& scores, int64_t dim) {
  return std::get<1>(scores.to(torch::kFloat32).sort(/*stable=*/true, dim, /*descending=*/false));
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view text) {
  // Greedy matching with one backtrack point (the last `*`): linear in practice, no recursion.
  std::size_t p = 0, t = 0, star = std::string_view::npos, star_t = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      star_t = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++star_t;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

int64_t block_index(const std::string& module_path) {
  std::size_t start = 0;
  while (start <= module_path.size()) {
    const auto end = std::min(module_path.find('.', start), module_path.size());
    const auto part = std::string_view(module_path).substr(start, end - start);
    if (!part.empty() && part.find_first_not_of("0123456789") == std::string_view::npos) return std::stoll(std::string(part));
    start = end + 1;
  }
  return -1;
}

std::vector<std::string> select_targets(const std::vector<std::string>& linear_paths, const TargetSelection& selection) {
  const auto matches_any = [](const std::vector<std::string>& patterns, const std::string& path) {
    for (const auto& pattern : patterns) {
      if (glob_match(pattern, path)) return true;
    }
    return false;
  };
  std::vector<std::string> selected;
  for (const auto& path : linear_paths) {
    const bool included = selection.include.empty() ? block_index(path) >= 0 : matches_any(selection.include, path);
    if (included && !matches_any(selection.ignore, path)) selected.push_back(path);
  }
  return selected;
}

torch::Tensor keep_top_per_layer(const torch::Tensor& scores, double sparsity) {
  check_sparsity(sparsity, "layer sparsity");
  auto mask = torch::ones(scores.numel(), scores.options().dtype(torch::kBool));
  const auto k = pruned_count(scores.numel(), sparsity);
  if (k > 0) mask.index_fill_(0, ascending_order(scores.flatten(), 0).slice(0, 0, k), false);
  return mask.view(scores.sizes());
}

torch::Tensor keep_top_per_row(const torch::Tensor& scores, double sparsity) {
  check_sparsity(sparsity, "row sparsity");
  auto mask = torch::ones(scores.sizes(), scores.options().dtype(torch::kBool));
  const auto k = pruned_count(scores.size(1), sparsity);
  if (k > 0) mask.scatter_(1, ascending_order(scores, 1).slice(1, 0, k), false);
  return mask;
}

torch::Tensor keep_top_nm(const torch::Tensor& scores, NMPattern nm) {
  check_nm(nm, scores.size(1), "scores");
  const auto groups = scores.reshape({scores.size(0), scores.size(1) / nm.m, nm.m});
  auto mask = torch::ones(groups.sizes(), scores.options().dtype(torch::kBool));
  if (nm.n < nm.m) mask.scatter_(2, ascending_order(groups, 2).slice(2, 0, nm.m - nm.n), false);
  return mask.view(scores.sizes());
}

MaskSet dense_masks(CausalLM& model, const std::vector<std::string>& paths) {
  MaskSet masks;
  for (const auto& path : paths) {
    const auto& weight = model.linear(path).weight;
    masks[path] = torch::ones(weight.sizes(), weight.options().dtype(torch::kBool));
  }
  return masks;
}

void apply_mask(const torch::Tensor& weight, const torch::Tensor& mask) {
  if (!weight.sizes().equals(mask.sizes()))
    throw Error("mask shape " + c10::str(mask.sizes()) + " does not match weight shape " + c10::str(weight.sizes()));
  torch::NoGradGuard no_grad;
  weight.mul_(mask.to(weight.device()));
}

void apply_masks(CausalLM& model, const MaskSet& masks) {
  for (const auto& [path, mask] : masks) apply_mask(model.linear(path).weight, mask);
}

double sparsity_of(const torch::Tensor& tensor) {
  if (tensor.numel() == 0) return 0.0;
  return static_cast<double>((tensor == 0).sum().item<int64_t>()) / static_cast<double>(tensor.numel());
}

std::vector<WeightSparsity> measure_sparsity(CausalLM& model, const std::vector<std::string>& paths) {
  if (paths.empty()) return {};
  // One device-to-host transfer for all layers instead of one sync per layer.
  std::vector<torch::Tensor> zeros;
  for (const auto& path : paths) zeros.push_back((model.linear(path).weight == 0).sum().cpu());
  const auto counts = torch::stack(zeros);
  std::vector<WeightSparsity> layers;
  for (std::size_t i = 0; i < paths.size(); ++i)
    layers.push_back({paths[i], counts[static_cast<int64_t>(i)].item<int64_t>(), model.linear(paths[i]).weight.numel()});
  return layers;
}

double overall_sparsity(const std::vector<WeightSparsity>& layers) {
  int64_t zeros = 0, numel = 0;
  for (const auto& layer : layers) {
    zeros += layer.zeros;
    numel += layer.numel;
  }
  return numel == 0 ? 0.0 : static_cast<double>(zeros) / static_cast<double>(numel);
}

bool is_nm_valid(const torch::Tensor& mask, NMPattern nm) {
  if (mask.dim() != 2 || nm.m < 1 || mask.size(1) % nm.m != 0) return false;
  const auto kept = mask.to(torch::kInt64).reshape({mask.size(0), -1, nm.m}).sum(2);
  return (kept == nm.n).all().item<bool>();
}

void check_nm(NMPattern nm, int64_t in_features, const std::string& path) {
  if (nm.m < 1 || nm.n < 0 || nm.n > nm.m)
    throw Error("invalid N:M pattern " + std::to_string(nm.n) + ":" + std::to_string(nm.m) + " (expected 0 <= N <= M, M >= 1)");
  if (in_features % nm.m != 0)
    throw Error(path + ": input size " + std::to_string(in_features) + " is not a multiple of M = " + std::to_string(nm.m) +
                " for " + std::to_string(nm.n) + ":" + std::to_string(nm.m) + " sparsity");
}

void check_sparsity(double sparsity, const std::string& what) {
  if (!(sparsity >= 0.0 && sparsity < 1.0)) throw Error(what + " " + std::to_string(sparsity) + " is outside [0, 1)");
}

}  // namespace sparsetune
