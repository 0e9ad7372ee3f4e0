#include "core/train/batch.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace sparsetune {

Batch make_batch(const std::vector<const TokenizedExample*>& examples, int64_t pad_id, const torch::Device& device) {
  std::size_t longest = 0;
  for (const auto* e : examples) longest = std::max(longest, e->ids.size());
  const auto b = static_cast<int64_t>(examples.size());
  const auto t = static_cast<int64_t>(longest);
  auto ids = torch::full({b, t}, pad_id, torch::kInt64);
  auto mask = torch::zeros({b, t}, torch::kInt64);
  auto labels = torch::full({b, t}, int64_t{-100}, torch::kInt64);
  auto ids_a = ids.accessor<int64_t, 2>();
  auto mask_a = mask.accessor<int64_t, 2>();
  auto labels_a = labels.accessor<int64_t, 2>();
  Batch batch;
  for (int64_t r = 0; r < b; ++r) {
    const TokenizedExample& e = *examples[static_cast<std::size_t>(r)];
    for (std::size_t i = 0; i < e.ids.size(); ++i) {
      ids_a[r][static_cast<int64_t>(i)] = e.ids[i];
      mask_a[r][static_cast<int64_t>(i)] = 1;
      if (i > 0 && e.target[i]) {
        labels_a[r][static_cast<int64_t>(i)] = e.ids[i];
        ++batch.num_targets;
      }
    }
  }
  batch.input_ids = ids.to(device);
  batch.attention_mask = mask.to(device);
  batch.labels = labels.to(device);
  return batch;
}

BatchSampler::BatchSampler(std::size_t num_examples, std::size_t batch_size, uint64_t seed)
    : n_(num_examples), batch_(batch_size), seed_(seed) {
  if (n_ == 0) throw std::invalid_argument("BatchSampler: the dataset is empty");
  if (batch_ == 0) throw std::invalid_argument("BatchSampler: batch size must be positive");
  shuffle();
}

void BatchSampler::shuffle() {
  order_.resize(n_);
  std::iota(order_.begin(), order_.end(), std::size_t{0});
  std::mt19937_64 rng(seed_ * 1000003u + static_cast<uint64_t>(state_.epoch));
  std::shuffle(order_.begin(), order_.end(), rng);
}

std::vector<std::size_t> BatchSampler::next() {
  std::vector<std::size_t> out;
  out.reserve(batch_);
  while (out.size() < batch_) {
    if (static_cast<std::size_t>(state_.cursor) == n_) {
      ++state_.epoch;
      state_.cursor = 0;
      shuffle();
    }
    out.push_back(order_[static_cast<std::size_t>(state_.cursor++)]);
  }
  return out;
}

void BatchSampler::set_state(State s) {
  state_ = s;
  shuffle();
}

double BatchSampler::epochs_done() const {
  return static_cast<double>(state_.epoch) + static_cast<double>(state_.cursor) / static_cast<double>(n_);
}

}  // namespace sparsetune
