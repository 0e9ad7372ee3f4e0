#pragma once
#include <cstdint>
#include <string>
#include <vector>

// Plain values only (no LibTorch types), so the GUI and the store can hold a summary without
// including LibTorch headers.
namespace sparsetune {

class CausalLM;

struct LinearSummary {
  std::string path;  // HF module path
  int64_t out_features = 0, in_features = 0;
  bool bias = false;
  int64_t parameters = 0;
  double sparsity = 0;  // share of exactly-zero weights (biases not counted)
};

struct ModelSummary {
  std::string path;
  std::string architecture;
  std::string dtype;
  std::string device;
  int64_t parameters = 0;
  int64_t layers = 0, hidden_size = 0, intermediate_size = 0, heads = 0, kv_heads = 0, head_dim = 0;
  int64_t vocab_size = 0, context = 0;
  bool tied_embeddings = false;
  std::vector<LinearSummary> linears;
};

ModelSummary summarize(const CausalLM& model, const std::string& path);

}  // namespace sparsetune
