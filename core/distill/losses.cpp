#include "core/distill/losses.h"

#include <string>

#include "core/util/error.h"

namespace sparsetune {

namespace {

// Σ values / max(count, 1): a batch without targets gives 0 rather than torch's 0/0 = NaN.
torch::Tensor masked_mean(const torch::Tensor& sum, const torch::Tensor& count) { return sum / count.clamp_min(1); }

}  // namespace

torch::Tensor next_token_cross_entropy(const torch::Tensor& logits, const torch::Tensor& labels, int64_t ignore_index) {
  if (logits.dim() != 3 || labels.dim() != 2 || logits.size(0) != labels.size(0) || logits.size(1) != labels.size(1))
    throw Error("cross-entropy: logits " + c10::str(logits.sizes()) + " and labels " + c10::str(labels.sizes()) + " do not match");
  const auto vocab = logits.size(2);
  const auto shifted_logits = logits.slice(1, 0, -1).to(torch::kFloat32).reshape({-1, vocab});
  const auto targets = labels.slice(1, 1).to(logits.device(), torch::kInt64).reshape({-1});
  const auto sum = at::cross_entropy_loss(shifted_logits, targets, {}, at::Reduction::Sum, ignore_index);
  return masked_mean(sum, (targets != ignore_index).sum());
}

torch::Tensor logit_kd_loss(const torch::Tensor& student_logits, const torch::Tensor& teacher_logits, const torch::Tensor& target_mask,
                            double temperature) {
  if (!(temperature > 0.0)) throw Error("logit distillation: the temperature must be positive");
  if (!student_logits.sizes().equals(teacher_logits.sizes()) || student_logits.dim() != 3)
    throw Error("logit distillation: student logits " + c10::str(student_logits.sizes()) + " and teacher logits " +
                c10::str(teacher_logits.sizes()) + " do not match");
  const auto log_student = at::log_softmax(student_logits.to(torch::kFloat32) / temperature, -1);
  const auto log_teacher = at::log_softmax(teacher_logits.detach().to(torch::kFloat32) / temperature, -1);
  const auto kl = (log_teacher.exp() * (log_teacher - log_student)).sum(-1);  // [B, S]
  const auto mask = target_mask.to(kl.device(), torch::kBool);
  const auto sum = torch::where(mask, kl, torch::zeros({}, kl.options())).sum();
  return temperature * temperature * masked_mean(sum, mask.sum());
}

SquareHeadLoss squarehead_loss(const std::vector<torch::Tensor>& student_hidden, const std::vector<torch::Tensor>& teacher_hidden,
                               const torch::Tensor& token_mask, double eps) {
  if (student_hidden.size() != teacher_hidden.size() || student_hidden.empty())
    throw Error("SquareHead: " + std::to_string(student_hidden.size()) + " student and " + std::to_string(teacher_hidden.size()) +
                " teacher hidden states (expected the same number, at least one)");
  std::vector<torch::Tensor> losses;
  for (std::size_t l = 0; l < student_hidden.size(); ++l) {
    const auto student = student_hidden[l].to(torch::kFloat32);
    const auto teacher = teacher_hidden[l].detach().to(torch::kFloat32);
    if (!student.sizes().equals(teacher.sizes()))
      throw Error("SquareHead: layer " + std::to_string(l) + " student " + c10::str(student.sizes()) + " vs teacher " + c10::str(teacher.sizes()));
    // [B, S, 1] weights: 1 for tokens, 0 for padding (whose hidden states are still finite).
    const auto weight = token_mask.defined() ? token_mask.to(student.device(), torch::kFloat32).unsqueeze(-1) : torch::ones({}, student.options());
    const auto error = ((teacher - student).square() * weight).sum();
    const auto norm = (teacher.square() * weight).sum();
    losses.push_back(error / (norm + eps));
  }
  const auto per_layer = torch::stack(losses);
  return {per_layer.sum(), per_layer.detach()};
}

DistillationLoss::DistillationLoss(DistillationWeights weights) : weights_(weights) {
  if (!(weights_.ce >= 0.0 && weights_.kd >= 0.0 && weights_.squarehead >= 0.0)) throw Error("distillation: loss weights must be non-negative");
  if (!(weights_.temperature > 0.0)) throw Error("distillation: the temperature must be positive");
}

DistillationLossResult DistillationLoss::compute(const ForwardOutput& student, const ForwardOutput* teacher, const torch::Tensor& labels,
                                                 const torch::Tensor& attention_mask) const {
  if (needs_teacher() && teacher == nullptr) throw Error("distillation: KD and SquareHead need the teacher's outputs");
  DistillationLossResult result;
  auto total = torch::zeros({}, student.logits.options().dtype(torch::kFloat32));
  if (weights_.ce > 0.0) {
    result.ce = next_token_cross_entropy(student.logits, labels, weights_.ignore_index);
    total = total + weights_.ce * result.ce;
  }
  if (weights_.kd > 0.0) {
    const auto positions = labels.slice(1, 1).to(student.logits.device()) != weights_.ignore_index;
    result.kd = logit_kd_loss(student.logits.slice(1, 0, -1), teacher->logits.slice(1, 0, -1), positions, weights_.temperature);
    total = total + weights_.kd * result.kd;
  }
  SquareHeadLoss squarehead;
  if (weights_.squarehead > 0.0) {
    squarehead = squarehead_loss(student.hidden_states, teacher->hidden_states, attention_mask, weights_.squarehead_eps);
    result.squarehead = squarehead.total;
    total = total + weights_.squarehead * result.squarehead;
  }
  result.total = total;

  // Every logged scalar goes into one tensor so logging costs a single device sync.
  const auto zero = torch::zeros({1}, total.options());
  const auto scalar = [&](const torch::Tensor& t) { return t.defined() ? t.detach().reshape({1}) : zero; };
  std::vector<torch::Tensor> parts{scalar(total), scalar(result.ce), scalar(result.kd), scalar(result.squarehead)};
  if (squarehead.per_layer.defined()) parts.push_back(squarehead.per_layer);
  const auto host = torch::cat(parts).to(torch::kCPU, torch::kFloat64);
  const auto* v = host.data_ptr<double>();
  result.total_value = v[0];
  result.ce_value = v[1];
  result.kd_value = v[2];
  result.squarehead_value = v[3];
  result.squarehead_per_layer.assign(v + 4, v + host.numel());
  return result;
}

}  // namespace sparsetune
