#pragma once
#include <cstdint>
#include <random>
#include <vector>

#include <torch/types.h>

#include "core/data/dataset.h"

namespace sparsetune {

// A right-padded batch. labels[b, i] is the token at i where it is a target and -100 elsewhere, so
// next-token losses compare logits[:, i - 1] with labels[:, i].
struct Batch {
  torch::Tensor input_ids;       // [B, T] int64
  torch::Tensor attention_mask;  // [B, T] int64, 1 = token
  torch::Tensor labels;          // [B, T] int64
  int64_t num_targets = 0;
};

Batch make_batch(const std::vector<const TokenizedExample*>& examples, int64_t pad_id, const torch::Device& device);

// Epoch-wise shuffled batches, reproducible from (seed, epoch, cursor) alone so that a resumed run
// sees exactly the batches the uninterrupted run would have seen.
class BatchSampler {
 public:
  BatchSampler(std::size_t num_examples, std::size_t batch_size, uint64_t seed);
  std::vector<std::size_t> next();
  struct State {
    int64_t epoch = 0;
    int64_t cursor = 0;
  };
  State state() const { return state_; }
  void set_state(State s);
  double epochs_done() const;  // fractional

 private:
  void shuffle();
  std::size_t n_, batch_;
  uint64_t seed_;
  State state_;
  std::vector<std::size_t> order_;
};

}  // namespace sparsetune
