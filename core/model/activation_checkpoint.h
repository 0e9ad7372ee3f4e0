#pragma once
#include <functional>

#include <torch/types.h>

namespace sparsetune {

using BlockFunction = std::function<torch::Tensor(const torch::Tensor&)>;

// block(x) without keeping the block's intermediate activations for the backward pass: the backward
// pass runs the block again from its saved input, under the autocast setting of the forward, and
// the parameters it reads get their gradients as usual (Chen et al. 2016, "Training deep nets with
// sublinear memory cost"). The block outlives this call, so it must own (capture by value)
// everything it reads except long-lived model members. Without autograd recording it is block(x).
torch::Tensor checkpointed(BlockFunction block, const torch::Tensor& x);

}  // namespace sparsetune
