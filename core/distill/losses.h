#pragma once
// Fine-tuning losses of sparse fine-tuning (Kurtic et al. 2023): next-token cross-entropy, logit
// distillation and SquareHead (normalized per-block hidden-state MSE), and their weighted sum.
// Everything is computed in float32 whatever the activations' dtype; teacher tensors are detached.
#include <cstdint>
#include <vector>

#include <torch/types.h>

#include "core/model/causal_lm.h"

namespace sparsetune {

// Next-token CE (not named cross_entropy_loss: argument-dependent lookup would make unqualified calls
// ambiguous with at::cross_entropy_loss): logits[:, :-1] [B, S, V] against labels[:, 1:] [B, S], mean over the targets whose
// label is not ignore_index (0 when there are none).
torch::Tensor next_token_cross_entropy(const torch::Tensor& logits, const torch::Tensor& labels, int64_t ignore_index = -100);

// T² · KL(softmax(z_T/T) ‖ softmax(z_S/T)), summed over the vocabulary and averaged over the
// positions where target_mask [B, S] is true (0 when there are none). The mask is aligned with the
// logits' positions: true where that position's prediction is trained.
torch::Tensor logit_kd_loss(const torch::Tensor& student_logits, const torch::Tensor& teacher_logits, const torch::Tensor& target_mask,
                            double temperature);

struct SquareHeadLoss {
  torch::Tensor total;      // Σ_ℓ L_ℓ, for backward
  torch::Tensor per_layer;  // [L] detached, for logging
};
// L_ℓ = Σ_M (h_T − h_S)² / (Σ_M h_T² + eps): one ratio per layer, both sums over every
// non-padding token (token_mask [B, S], true = token; undefined = all) and every channel.
SquareHeadLoss squarehead_loss(const std::vector<torch::Tensor>& student_hidden, const std::vector<torch::Tensor>& teacher_hidden,
                               const torch::Tensor& token_mask, double eps = 1e-6);

// Paper defaults (final MPT recipe): CE 1, SquareHead 1, KD 0, T = 1.
struct DistillationWeights {
  double ce = 1.0;
  double kd = 0.0;
  double squarehead = 1.0;
  double temperature = 1.0;
  double squarehead_eps = 1e-6;
  int64_t ignore_index = -100;
};

struct DistillationLossResult {
  torch::Tensor total;                // w_CE·CE + w_KD·KD + w_SH·SH, for backward
  torch::Tensor ce, kd, squarehead;   // the unweighted components; undefined when their weight is 0
  // Host copies for logging, fetched in one device transfer (components with weight 0 read 0).
  double total_value = 0.0, ce_value = 0.0, kd_value = 0.0, squarehead_value = 0.0;
  std::vector<double> squarehead_per_layer;
};

class DistillationLoss {
 public:
  // Throws Error for negative weights or a temperature ≤ 0.
  explicit DistillationLoss(DistillationWeights weights);
  const DistillationWeights& weights() const { return weights_; }
  // True when a teacher forward is needed (KD or SquareHead weighted above 0).
  bool needs_teacher() const { return weights_.kd > 0.0 || weights_.squarehead > 0.0; }

  // labels [B, S]: the input ids with ignore_index on tokens that are not targets (prompt, padding);
  // KD uses the same target positions as CE. attention_mask [B, S] (1 = token, undefined = all)
  // selects the tokens SquareHead pools over. `teacher` may be null when !needs_teacher(); with
  // SquareHead both outputs need hidden_states.
  DistillationLossResult compute(const ForwardOutput& student, const ForwardOutput* teacher, const torch::Tensor& labels,
                                 const torch::Tensor& attention_mask = {}) const;

 private:
  DistillationWeights weights_;
};

}  // namespace sparsetune
