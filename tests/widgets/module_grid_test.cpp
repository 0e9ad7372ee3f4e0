// Module grid layout on the module paths of real Hugging Face models.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "widgets/module_grid.h"

namespace sparsetune::widgets {
namespace {

// The prunable linears of a Llama / Qwen2 / Mistral model with `layers` blocks, listed the way a
// store or a sorted table returns them: alphabetically, so "layers.10" precedes "layers.2" and
// down_proj precedes q_proj.
std::vector<std::string> llama_paths_sorted(int layers) {
  std::vector<std::string> paths;
  for (int i = 0; i < layers; ++i)
    for (const char* kind : {"mlp.down_proj", "mlp.gate_proj", "mlp.up_proj", "self_attn.k_proj", "self_attn.o_proj",
                             "self_attn.q_proj", "self_attn.v_proj"})
      paths.push_back("model.layers." + std::to_string(i) + "." + kind);
  std::sort(paths.begin(), paths.end());
  paths.push_back("lm_head");
  return paths;
}

TEST(ModuleGrid, LlamaColumnsInForwardOrderAndBlocksNumerically) {
  const ModuleGrid grid = layout_modules(llama_paths_sorted(12));
  EXPECT_EQ(grid.kinds, (std::vector<std::string>{"q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"}));
  ASSERT_EQ(grid.blocks.size(), 13u);
  for (int i = 0; i < 12; ++i) EXPECT_EQ(grid.blocks[static_cast<std::size_t>(i)], i);
  EXPECT_EQ(grid.blocks.back(), -1);
  EXPECT_EQ(grid.row_labels[10], "10");
  EXPECT_EQ(grid.row_labels.back(), "lm_head");
  EXPECT_EQ(grid.cell_of.size(), 12u * 7 + 1);
  EXPECT_EQ(grid.cell_of.at("model.layers.0.self_attn.q_proj"), std::make_pair(0, 0));
  EXPECT_EQ(grid.cell_of.at("model.layers.2.mlp.down_proj"), std::make_pair(2, 6));
  EXPECT_EQ(grid.cell_of.at("model.layers.10.self_attn.o_proj"), std::make_pair(10, 3));
  EXPECT_EQ(grid.cell_of.at("lm_head"), std::make_pair(12, 0));
}

TEST(ModuleGrid, Gpt2KeepsTheContainerSoBothCProjStayApart) {
  std::vector<std::string> paths;
  for (int i = 0; i < 2; ++i)
    for (const char* kind : {"attn.c_attn", "attn.c_proj", "mlp.c_fc", "mlp.c_proj"})
      paths.push_back("transformer.h." + std::to_string(i) + "." + kind);
  const ModuleGrid grid = layout_modules(paths);
  EXPECT_EQ(grid.kinds, (std::vector<std::string>{"attn.c_attn", "attn.c_proj", "mlp.c_fc", "mlp.c_proj"}));
  EXPECT_EQ(grid.blocks, (std::vector<int>{0, 1}));
  EXPECT_EQ(grid.cell_of.at("transformer.h.1.attn.c_proj"), std::make_pair(1, 1));
  EXPECT_EQ(grid.cell_of.at("transformer.h.1.mlp.c_proj"), std::make_pair(1, 3));
}

TEST(ModuleGrid, MptBlocksWithAttentionBeforeFeedForward) {
  // MPT registers ffn before attn in no particular order here: the grid still puts attention first.
  const std::vector<std::string> paths = {"transformer.blocks.0.ffn.down_proj", "transformer.blocks.0.ffn.up_proj",
                                          "transformer.blocks.0.attn.out_proj", "transformer.blocks.0.attn.Wqkv",
                                          "transformer.blocks.1.attn.Wqkv",     "transformer.blocks.1.attn.out_proj",
                                          "transformer.blocks.1.ffn.up_proj",   "transformer.blocks.1.ffn.down_proj"};
  const ModuleGrid grid = layout_modules(paths);
  EXPECT_EQ(grid.kinds, (std::vector<std::string>{"attn.Wqkv", "attn.out_proj", "ffn.up_proj", "ffn.down_proj"}));
  EXPECT_EQ(grid.row_labels, (std::vector<std::string>{"0", "1"}));
  EXPECT_EQ(grid.cell_of.at("transformer.blocks.0.ffn.down_proj"), std::make_pair(0, 3));
}

TEST(ModuleGrid, UnknownKindsFollowTheKnownOnesInFirstSeenOrder) {
  // Phi-3 fuses q/k/v and gate/up; only o_proj and down_proj are Llama's.
  const std::vector<std::string> paths = {"model.layers.0.self_attn.qkv_proj", "model.layers.0.mlp.gate_up_proj",
                                          "model.layers.0.mlp.down_proj", "model.layers.0.self_attn.o_proj"};
  const ModuleGrid grid = layout_modules(paths);
  EXPECT_EQ(grid.kinds, (std::vector<std::string>{"o_proj", "down_proj", "self_attn.qkv_proj", "mlp.gate_up_proj"}));
}

TEST(ModuleGrid, ModulePlaceOfEachArchitecture) {
  EXPECT_EQ(module_place("model.layers.31.mlp.up_proj").block, 31);
  EXPECT_EQ(module_place("model.layers.31.mlp.up_proj").kind, "up_proj");
  EXPECT_EQ(module_place("transformer.h.11.mlp.c_fc").kind, "mlp.c_fc");
  EXPECT_EQ(module_place("transformer.blocks.5.attn.Wqkv").block, 5);
  // Mixture-of-experts keeps each expert's module apart.
  EXPECT_EQ(module_place("model.layers.0.mlp.experts.3.down_proj").kind, "mlp.experts.3.down_proj");
  EXPECT_EQ(module_place("lm_head").block, -1);
  EXPECT_EQ(module_place("model.layers.3").block, -1);  // the block itself names no module
  EXPECT_EQ(module_place("model.layers.x.mlp.up_proj").block, -1);
}

TEST(ModuleGrid, EmptyAndOnlyOutsideModules) {
  EXPECT_TRUE(layout_modules({}).blocks.empty());
  const ModuleGrid grid = layout_modules({"lm_head", "model.embed_tokens", "lm_head"});
  EXPECT_TRUE(grid.kinds.empty());
  EXPECT_EQ(grid.row_labels, (std::vector<std::string>{"lm_head", "model.embed_tokens"}));
  EXPECT_EQ(grid.cell_of.at("model.embed_tokens"), std::make_pair(1, 0));
}

}  // namespace
}  // namespace sparsetune::widgets
