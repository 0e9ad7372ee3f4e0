#include "core/model/activation_checkpoint.h"

#include <torch/autograd.h>

#include "core/model/autocast.h"

namespace sparsetune {

namespace {

struct SavedBlock : torch::CustomClassHolder {
  SavedBlock(BlockFunction f, std::optional<torch::ScalarType> autocast) : run(std::move(f)), autocast_dtype(autocast) {}
  BlockFunction run;
  std::optional<torch::ScalarType> autocast_dtype;
};

struct CheckpointedBlock : torch::autograd::Function<CheckpointedBlock> {
  static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& x, c10::intrusive_ptr<SavedBlock> block) {
    ctx->save_for_backward({x});
    ctx->saved_data["block"] = c10::IValue::make_capsule(block);
    return block->run(x);  // autograd records nothing inside a Function's forward
  }

  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx, torch::autograd::variable_list grads) {
    const auto block = c10::static_intrusive_pointer_cast<SavedBlock>(ctx->saved_data["block"].toCapsule());
    const auto input = ctx->get_saved_variables()[0].detach().requires_grad_(true);
    torch::Tensor output;
    {
      torch::AutoGradMode record(true);
      AutocastScope autocast(input.device().type(), block->autocast_dtype);
      output = block->run(input);
    }
    torch::autograd::backward({output}, {grads[0]});
    return {input.grad(), torch::Tensor()};
  }
};

}  // namespace

torch::Tensor checkpointed(BlockFunction block, const torch::Tensor& x) {
  if (!torch::GradMode::is_enabled()) return block(x);
  auto saved = c10::make_intrusive<SavedBlock>(std::move(block), AutocastScope::current(x.device().type()));
  return CheckpointedBlock::apply(x, saved);
}

}  // namespace sparsetune
