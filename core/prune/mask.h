#pragma once
// Sparsity masks over the Linear weights of a CausalLM: what to prune (target selection), how a
// mask is chosen from scores, applied and checked, and how sparse the weights are.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <torch/types.h>

#include "core/model/causal_lm.h"

namespace sparsetune {

// One mask per pruned Linear, keyed by module path. A mask is a bool tensor shaped like the
// weight ([out, in]); true = keep, false = pruned (held at exactly zero).
using MaskSet = std::map<std::string, torch::Tensor>;

// Semi-structured sparsity: exactly n weights kept in every m consecutive weights of a row (i.e.
// along the input dimension), e.g. 2:4. The layer's input size must be a multiple of m.
struct NMPattern {
  int64_t n = 2;
  int64_t m = 4;
  double sparsity() const { return 1.0 - static_cast<double>(n) / static_cast<double>(m); }
};

// Which Linears get pruned. `include` empty means every Linear inside a decoder block (module
// paths with a block index, so never lm_head; embeddings and norms are not Linears at all).
// Patterns match the whole module path; `*` matches any run of characters (dots included),
// `?` exactly one. A path in `ignore` is never selected, even when `include` names it.
// (Members without a default value get `{}` throughout prune/, so that designated initializers may
// omit them without -Wmissing-field-initializers.)
struct TargetSelection {
  std::vector<std::string> include{};
  std::vector<std::string> ignore{};
};

bool glob_match(std::string_view pattern, std::string_view text);

// The decoder block a module path lies in: its first all-digit component ("model.layers.3.mlp.up_proj"
// → 3, "transformer.h.0.attn.c_attn" → 0), or -1 outside the blocks ("lm_head").
int64_t block_index(const std::string& module_path);

// The selected paths, in the order of `linear_paths` (the model's module order).
std::vector<std::string> select_targets(const std::vector<std::string>& linear_paths, const TargetSelection& selection);

// Masks from scores (any shape [out, in]; higher = more important). The number pruned is
// round(count × sparsity); ties are broken by position, so equal scores give a deterministic mask.
torch::Tensor keep_top_per_layer(const torch::Tensor& scores, double sparsity);
torch::Tensor keep_top_per_row(const torch::Tensor& scores, double sparsity);
torch::Tensor keep_top_nm(const torch::Tensor& scores, NMPattern nm);

// All-true masks for `paths` (the starting point of gradual pruning).
MaskSet dense_masks(CausalLM& model, const std::vector<std::string>& paths);

// weight *= mask in place, outside autograd (so it works on parameters that require grad and on
// GPT-2's transposed weight views, whose storage is the stored parameter).
void apply_mask(const torch::Tensor& weight, const torch::Tensor& mask);
void apply_masks(CausalLM& model, const MaskSet& masks);

// Share of exact zeros in a tensor.
double sparsity_of(const torch::Tensor& tensor);

struct WeightSparsity {
  std::string path;
  int64_t zeros = 0;
  int64_t numel = 0;
  double sparsity() const { return numel == 0 ? 0.0 : static_cast<double>(zeros) / static_cast<double>(numel); }
};
// Zeros in the weights (not biases) of `paths`, one entry per path in the given order.
std::vector<WeightSparsity> measure_sparsity(CausalLM& model, const std::vector<std::string>& paths);
// All zeros over all weights of `layers` (a parameter-weighted mean).
double overall_sparsity(const std::vector<WeightSparsity>& layers);

// True when every row holds exactly n true values in each group of m consecutive columns.
bool is_nm_valid(const torch::Tensor& mask, NMPattern nm);

// Throws Error unless 0 ≤ n ≤ m, m ≥ 1 and `in_features` (of layer `path`) is a multiple of m.
void check_nm(NMPattern nm, int64_t in_features, const std::string& path);
// Throws Error unless 0 ≤ sparsity < 1.
void check_sparsity(double sparsity, const std::string& what);

}  // namespace sparsetune
