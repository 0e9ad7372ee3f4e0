#pragma once
#include <optional>

#include <torch/types.h>

namespace sparsetune {

// Mixed precision for training: inside the scope, matrix products on `device` run in `dtype`
// (bfloat16) while weights, optimizer state and the losses stay float32. nullopt makes the scope do
// nothing, so callers need no branch.
class AutocastScope {
 public:
  AutocastScope(torch::DeviceType device, std::optional<torch::ScalarType> dtype);
  ~AutocastScope();
  AutocastScope(const AutocastScope&) = delete;
  AutocastScope& operator=(const AutocastScope&) = delete;

  // The autocast dtype active on `device` now, or nullopt when autocast is off there.
  static std::optional<torch::ScalarType> current(torch::DeviceType device);

 private:
  torch::DeviceType device_;
  bool active_ = false;
  bool was_enabled_ = false;
  torch::ScalarType previous_dtype_ = torch::kFloat32;
};

}  // namespace sparsetune
