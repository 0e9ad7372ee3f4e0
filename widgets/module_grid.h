// Where each pruned module of a Hugging Face model sits in a blocks × module-kinds grid, so the
// per-layer views (sparsity heatmap, run comparisons) line up the same q/k/v/o/gate/up/down columns
// for Llama, Qwen and Mistral, the attn/mlp columns for GPT-2 and the attn/ffn columns for MPT.
#pragma once
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace sparsetune::widgets {

struct ModuleGrid {
  std::vector<int> blocks;              // per row: the decoder block index, or -1 for a module outside any block
  std::vector<std::string> row_labels;  // per row: the block index as text, or the module path (e.g. "lm_head")
  std::vector<std::string> kinds;       // per column: the short module kind ("q_proj", "attn.c_attn", ...)
  std::map<std::string, std::pair<int, int>> cell_of;  // module path → (row, col)
};

// The block index and module kind of one HF module path: "model.layers.3.self_attn.q_proj" → 3,
// "q_proj"; "transformer.h.0.mlp.c_fc" → 0, "mlp.c_fc"; "lm_head" → -1, "".
struct ModulePlace {
  int block = -1;
  std::string kind;
};
ModulePlace module_place(const std::string& module_path);

// Rows: the blocks present, ascending, then one row per module outside any block (in column 0), in
// the order given. Columns: the known kinds present in forward order (attention, then MLP), then any
// other kind in first-seen order.
ModuleGrid layout_modules(const std::vector<std::string>& module_paths);

}  // namespace sparsetune::widgets
