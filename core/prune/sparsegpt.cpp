#include "core/prune/sparsegpt.h"

#include <string>

#include "core/util/error.h"

namespace sparsetune {

namespace {

// The upper Cholesky factor U of H⁻¹ (H⁻¹ = UᵀU) after the dead-input fix and dampening; its rows
// give the OBS updates of the remaining columns once a column is fixed.
torch::Tensor inverse_hessian_factor(torch::Tensor H, double dampening) {
  auto diag = H.diagonal();
  diag.masked_fill_(diag == 0, 1.0);
  diag.add_(dampening * diag.mean());
  const auto [L, info] = torch::linalg_cholesky_ex(H);
  if (info.item<int64_t>() != 0)
    throw Error("SparseGPT: the Hessian is not positive definite after dampening " + std::to_string(dampening) +
                "; raise the dampening or use more calibration data");
  return torch::linalg_cholesky(torch::cholesky_inverse(L), /*upper=*/true);
}

}  // namespace

SparseGptResult sparsegpt_prune(const torch::Tensor& weight, const torch::Tensor& hessian, const SparseGptOptions& options) {
  if (weight.dim() != 2 || hessian.dim() != 2 || hessian.size(0) != weight.size(1) || hessian.size(1) != weight.size(1))
    throw Error("SparseGPT: Hessian of shape " + c10::str(hessian.sizes()) + " does not match weight " + c10::str(weight.sizes()));
  if (options.block_size < 1) throw Error("SparseGPT: block size must be positive");
  if (!(options.dampening >= 0.0)) throw Error("SparseGPT: dampening must be non-negative");
  if (options.nm) {
    check_nm(*options.nm, weight.size(1), "SparseGPT weight");
    if (options.block_size % options.nm->m != 0)
      throw Error("SparseGPT: block size " + std::to_string(options.block_size) + " is not a multiple of M = " + std::to_string(options.nm->m));
  } else {
    check_sparsity(options.sparsity, "SparseGPT sparsity");
  }

  const int64_t rows = weight.size(0), cols = weight.size(1);
  torch::NoGradGuard no_grad;
  auto W = weight.to(torch::kFloat32).clone(at::MemoryFormat::Contiguous);
  const auto H = hessian.to(W.device(), torch::kFloat64).clone();
  W.masked_fill_((H.diagonal() == 0).unsqueeze(0), 0.0f);
  const auto U = inverse_hessian_factor(H, options.dampening).to(torch::kFloat32);

  auto mask = torch::ones({rows, cols}, W.options().dtype(torch::kBool));
  auto loss = torch::zeros({}, W.options());
  for (int64_t i1 = 0; i1 < cols; i1 += options.block_size) {
    const int64_t i2 = std::min(i1 + options.block_size, cols), count = i2 - i1;
    auto W1 = W.slice(1, i1, i2).clone();
    auto Err1 = torch::zeros_like(W1);
    const auto U1 = U.slice(0, i1, i2).slice(1, i1, i2);
    const auto d = U1.diagonal();
    auto keep1 = mask.slice(1, i1, i2);  // a view: writing it fills `mask`
    if (!options.nm) keep1.copy_(keep_top_per_layer(W1.square() / d.square().unsqueeze(0), options.sparsity));

    for (int64_t i = 0; i < count; ++i) {
      if (options.nm && i % options.nm->m == 0) {
        const auto group = W1.slice(1, i, i + options.nm->m).square() / d.slice(0, i, i + options.nm->m).square().unsqueeze(0);
        keep1.slice(1, i, i + options.nm->m).copy_(keep_top_nm(group, *options.nm));
      }
      const auto w = W1.select(1, i);
      const auto err = (w - w * keep1.select(1, i)) / d[i];
      // Column i becomes q (exactly: kept entries have err = 0); later columns absorb the error.
      W1.slice(1, i).sub_(err.unsqueeze(1) * U1.select(0, i).slice(0, i).unsqueeze(0));
      Err1.select(1, i).copy_(err);
    }
    W.slice(1, i1, i2).copy_(W1 * keep1);  // pruned entries are ~0 after the update; make them exactly 0
    loss += Err1.square().sum() / 2;
    // Lazy batch update: the block's accumulated error reaches all later columns in one product.
    if (i2 < cols) W.slice(1, i2).sub_(Err1.matmul(U.slice(0, i1, i2).slice(1, i2)));
  }
  return {W.to(weight.scalar_type()), mask, loss.item<double>()};
}

}  // namespace sparsetune
