#include "core/prune/wanda.h"

#include "core/util/error.h"

namespace sparsetune {

torch::Tensor wanda_scores(const torch::Tensor& weight, const torch::Tensor& column_norms) {
  if (weight.dim() != 2 || column_norms.dim() != 1 || column_norms.size(0) != weight.size(1))
    throw Error("Wanda: input norms of shape " + c10::str(column_norms.sizes()) + " do not match weight " + c10::str(weight.sizes()));
  return weight.to(torch::kFloat32).abs() * column_norms.to(weight.device(), torch::kFloat32).unsqueeze(0);
}

torch::Tensor wanda_mask(const torch::Tensor& weight, const torch::Tensor& column_norms, double sparsity) {
  return keep_top_per_row(wanda_scores(weight, column_norms), sparsity);
}

torch::Tensor wanda_mask_nm(const torch::Tensor& weight, const torch::Tensor& column_norms, NMPattern nm) {
  return keep_top_nm(wanda_scores(weight, column_norms), nm);
}

}  // namespace sparsetune
