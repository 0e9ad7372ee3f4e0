// LibTorch's dense baseline. Kept apart from oneDNN's: the wheel ships oneDNN 3 headers that would shadow
// the 2.x headers of the system oneDNN the benchmark links.
#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <torch/version.h>

#include "app/bench/dense_baselines.h"

namespace sparsetune::bench {

namespace {

class TorchBaseline : public DenseBaseline {
 public:
  explicit TorchBaseline(const DenseProblem& p) : type_(p.type) {
    const at::Tensor w = at::from_blob(const_cast<float*>(p.weights->data()), {p.rows, p.cols}, at::kFloat);
    const at::ScalarType activation_type = p.type == kernels::ValueType::bf16 ? at::kBFloat16 : at::kFloat;
    at::Tensor int8_weights, scales;
    if (p.type == kernels::ValueType::i8) {
      std::vector<int8_t> q;
      std::vector<float> s;
      quantize_rows(*p.weights, p.rows, p.cols, q, s);
      int8_weights = at::from_blob(q.data(), {p.rows, p.cols}, at::kChar).clone();
      scales = at::from_blob(s.data(), {p.rows}, at::kFloat).clone();
    }
    for (int copy = 0; copy < p.copies; ++copy) {
      if (p.type == kernels::ValueType::i8) {
        weights_.push_back(int8_weights.clone());
        scales_.push_back(scales.clone());
      } else {
        weights_.push_back(w.to(activation_type, /*non_blocking=*/false, /*copy=*/true));
      }
      const std::vector<float> x = random_activations(p.batch * p.cols, 1000 + copy);
      inputs_.push_back(at::from_blob(const_cast<float*>(x.data()), {p.batch, p.cols}, at::kFloat).to(activation_type, false, true));
      outputs_.push_back(at::empty({p.batch, p.rows}, at::TensorOptions().dtype(activation_type)));
    }
    run(0);  // fails here, not in the timing loop, when the op is missing
  }
  void run(int copy) override {
    if (type_ == kernels::ValueType::i8)
      outputs_[copy] = at::_weight_int8pack_mm(inputs_[copy], weights_[copy], scales_[copy]);
    else
      at::linear_out(outputs_[copy], inputs_[copy], weights_[copy]);
  }

 private:
  kernels::ValueType type_;
  std::vector<at::Tensor> weights_, scales_, inputs_, outputs_;
};

}  // namespace

std::unique_ptr<DenseBaseline> make_torch_baseline(const DenseProblem& problem, std::string& why_not) {
  try {
    return std::make_unique<TorchBaseline>(problem);
  } catch (const std::exception& e) {
    why_not = std::string("LibTorch: ") + e.what();
    return nullptr;
  }
}

std::string torch_version() { return std::string("LibTorch ") + TORCH_VERSION; }

void set_dense_threads(int threads) { at::set_num_threads(threads); }

}  // namespace sparsetune::bench
