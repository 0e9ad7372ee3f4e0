#include "core/model/sparse_runtime.h"

#include <ATen/Parallel.h>

#include <algorithm>

#include "core/model/causal_lm.h"
#include "core/util/error.h"

namespace sparsetune {

std::vector<SparseLayerInfo> use_sparse_kernels(CausalLM& model, const SparseRuntimeOptions& options) {
  if (!model.device().is_cpu() || model.dtype() != torch::kFloat32)
    throw Error("sparse kernels: the model must be float32 on the CPU (load it with --device cpu --dtype float32)");
  const int threads = options.threads > 0 ? options.threads : at::get_num_threads();
  std::vector<std::string> paths = options.paths;
  if (paths.empty()) paths = model.linear_paths();
  std::vector<SparseLayerInfo> compiled;
  torch::NoGradGuard no_grad;
  for (const auto& path : paths) {
    Linear& linear = model.linear(path);
    const auto weight = linear.weight.detach().contiguous();
    const int64_t rows = weight.size(0), cols = weight.size(1);
    const int64_t nonzero = weight.count_nonzero().item<int64_t>();
    const double sparsity = 1.0 - static_cast<double>(nonzero) / static_cast<double>(weight.numel());
    if (options.paths.empty() && sparsity < options.min_sparsity) {
      linear.sparse.reset();
      continue;
    }
    auto sparse = std::make_shared<SparseLinearWeight>();
    sparse->matrix = kernels::SparseMatrix::from_dense(weight.data_ptr<float>(), rows, cols, options.values);
    sparse->threads = threads;
    sparse->max_rows = options.max_rows;
    compiled.push_back({path, rows, cols, sparse->matrix.nnz(), sparsity, static_cast<double>(weight.numel()) * 4.0,
                        static_cast<double>(sparse->matrix.bytes())});
    linear.sparse = std::move(sparse);
  }
  return compiled;
}

void use_dense_kernels(CausalLM& model) {
  for (const auto& path : model.linear_paths()) model.linear(path).sparse.reset();
}

std::optional<torch::Tensor> sparse_linear_forward(const SparseLinearWeight& weight, const torch::Tensor& bias, const torch::Tensor& x) {
  const auto& m = weight.matrix;
  if (torch::GradMode::is_enabled() || !x.device().is_cpu() || x.scalar_type() != torch::kFloat32 || x.size(-1) != m.cols())
    return std::nullopt;
  const int64_t tokens = x.numel() / m.cols();
  if (tokens == 0 || tokens > weight.max_rows) return std::nullopt;
  const auto input = x.contiguous();
  auto sizes = x.sizes().vec();
  sizes.back() = m.rows();
  auto y = torch::empty(sizes, x.options());
  const auto b = bias.defined() ? bias.detach().to(torch::kFloat32).contiguous() : torch::Tensor();
  m.multiply(input.data_ptr<float>(), tokens, y.data_ptr<float>(), weight.threads, b.defined() ? b.data_ptr<float>() : nullptr);
  return y;
}

SingleThreadedTorch::SingleThreadedTorch() : previous_threads_(at::get_num_threads()) { at::set_num_threads(1); }

SingleThreadedTorch::~SingleThreadedTorch() { at::set_num_threads(previous_threads_); }

}  // namespace sparsetune
