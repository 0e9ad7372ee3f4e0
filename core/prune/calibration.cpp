#include "core/prune/calibration.h"

#include <cmath>
#include <set>
#include <unordered_map>

#include "core/util/error.h"

namespace sparsetune {

namespace {

thread_local LinearInputObserver* installed_observer = nullptr;

// Thrown by the observer once every requested layer has seen the batch: the rest of the forward
// (later blocks, the LM head) cannot change the statistics, so it is skipped.
struct AllLayersObserved {};

torch::Tensor token_rows(const torch::Tensor& input) { return input.reshape({-1, input.size(-1)}); }

class StatsObserver final : public LinearInputObserver {
 public:
  StatsObserver(CausalLM& model, std::map<std::string, LayerInputStats>& stats) {
    for (auto& [path, layer_stats] : stats) layers_[&model.linear(path)] = &layer_stats;
  }
  void start_batch() { seen_.clear(); }
  void observe(const Linear& layer, const torch::Tensor& input) override {
    const auto it = layers_.find(&layer);
    // Every Linear runs once per forward in the supported families; a repeat would be a second
    // look at the same tokens.
    if (it == layers_.end() || !seen_.insert(&layer).second) return;
    if (it->second->wanda) it->second->wanda->add(input);
    if (it->second->hessian) it->second->hessian->add(input);
    if (seen_.size() == layers_.size()) throw AllLayersObserved{};
  }

 private:
  std::unordered_map<const Linear*, LayerInputStats*> layers_;
  std::set<const Linear*> seen_;
};

}  // namespace

LinearInputObserver* LinearInputObserver::current() { return installed_observer; }

ObserverScope::ObserverScope(LinearInputObserver& observer) : previous_(installed_observer) { installed_observer = &observer; }
ObserverScope::~ObserverScope() { installed_observer = previous_; }

void WandaStats::add(const torch::Tensor& input) {
  torch::NoGradGuard no_grad;
  const auto x = token_rows(input).to(torch::kFloat32);
  const auto batch = x.square().sum(0).to(torch::kFloat64);
  if (sum_squares_.defined())
    sum_squares_ += batch;
  else
    sum_squares_ = batch;
  tokens_ += x.size(0);
}

torch::Tensor WandaStats::column_norms() const {
  if (!sum_squares_.defined()) throw Error("Wanda statistics: no calibration input was recorded");
  return sum_squares_.sqrt().to(torch::kFloat32);
}

void HessianStats::add(const torch::Tensor& input) {
  torch::NoGradGuard no_grad;
  const auto x = token_rows(input).to(dtype_);
  const int64_t k = x.size(0);
  if (k == 0) return;
  if (!hessian_.defined()) hessian_ = torch::zeros({x.size(1), x.size(1)}, x.options());
  hessian_ *= static_cast<double>(tokens_) / static_cast<double>(tokens_ + k);
  tokens_ += k;
  const auto scaled = x * std::sqrt(2.0 / static_cast<double>(tokens_));
  hessian_.addmm_(scaled.t(), scaled);
}

std::map<std::string, LayerInputStats> collect_input_stats(CausalLM& model, const std::vector<std::string>& paths,
                                                           const std::vector<torch::Tensor>& batches, const StatsRequest& request) {
  std::map<std::string, LayerInputStats> stats;
  for (const auto& path : paths) {
    auto& layer = stats[path];
    if (request.column_norms) layer.wanda.emplace();
    if (request.hessian) layer.hessian.emplace(request.hessian_dtype);
  }
  if (stats.empty()) return stats;

  StatsObserver observer(model, stats);
  const ObserverScope scope(observer);
  torch::NoGradGuard no_grad;
  for (const auto& batch : batches) {
    observer.start_batch();
    try {
      model.forward(batch.dim() == 1 ? batch.unsqueeze(0) : batch);
    } catch (const AllLayersObserved&) {
    }
  }
  for (const auto& [path, layer] : stats) {
    const int64_t tokens = layer.wanda ? layer.wanda->tokens() : layer.hessian ? layer.hessian->tokens() : 1;
    if (tokens == 0)
      throw Error("calibration: layer '" + path + "' saw no input (" +
                  (batches.empty() ? std::string("no calibration batches") : "its forward does not report to LinearInputObserver") + ")");
  }
  return stats;
}

}  // namespace sparsetune
