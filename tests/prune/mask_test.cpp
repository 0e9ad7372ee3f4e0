// Masks: target selection by globs, score-based selection, apply/measure, N:M checks, and that a
// re-applied mask keeps pruned weights at exactly zero through optimizer steps.
#include <gtest/gtest.h>

#include <torch/torch.h>

#include "core/prune/magnitude.h"
#include "core/prune/mask.h"
#include "core/util/error.h"
#include "prune_test_util.h"

namespace sparsetune {
namespace {

TEST(Glob, MatchesStarAndQuestionMarkOverWholePath) {
  EXPECT_TRUE(glob_match("*", "model.layers.0.mlp.up_proj"));
  EXPECT_TRUE(glob_match("*", ""));
  EXPECT_TRUE(glob_match("model.layers.*.mlp.*", "model.layers.12.mlp.down_proj"));
  EXPECT_FALSE(glob_match("model.layers.*.mlp.*", "model.layers.12.self_attn.q_proj"));
  EXPECT_TRUE(glob_match("*.q_proj", "model.layers.3.self_attn.q_proj"));
  EXPECT_FALSE(glob_match("*.q_proj", "model.layers.3.self_attn.q_proj_extra"));  // whole path, not a prefix
  EXPECT_TRUE(glob_match("model.layers.?.*", "model.layers.7.mlp.up_proj"));
  EXPECT_FALSE(glob_match("model.layers.?.*", "model.layers.17.mlp.up_proj"));
  EXPECT_TRUE(glob_match("a*b*c", "axxbyybzzc"));  // needs backtracking past the first b
  EXPECT_FALSE(glob_match("a*b*c", "axxbyybzz"));
  EXPECT_TRUE(glob_match("lm_head", "lm_head"));
  EXPECT_FALSE(glob_match("", "lm_head"));
  EXPECT_FALSE(glob_match("lm_hea?", "lm_hea"));
}

TEST(Targets, BlockIndexIsTheFirstNumericComponent) {
  EXPECT_EQ(block_index("model.layers.3.mlp.up_proj"), 3);
  EXPECT_EQ(block_index("transformer.h.11.attn.c_attn"), 11);
  EXPECT_EQ(block_index("transformer.blocks.0.ffn.up_proj"), 0);
  EXPECT_EQ(block_index("lm_head"), -1);
}

TEST(Targets, DefaultIsEveryBlockLinearAndNeverTheHead) {
  const auto llama = test::tiny_llama();
  const auto paths = select_targets(llama->linear_paths(), {});
  EXPECT_EQ(paths.size(), 14u);  // 7 per block, 2 blocks
  EXPECT_EQ(paths.front(), "model.layers.0.self_attn.q_proj");
  EXPECT_EQ(paths.back(), "model.layers.1.mlp.down_proj");
  for (const auto& p : paths) EXPECT_NE(p, "lm_head");

  const auto gpt2 = test::tiny_gpt2();
  EXPECT_EQ(select_targets(gpt2->linear_paths(), {}),
            (std::vector<std::string>{"transformer.h.0.attn.c_attn", "transformer.h.0.attn.c_proj", "transformer.h.0.mlp.c_fc",
                                      "transformer.h.0.mlp.c_proj", "transformer.h.1.attn.c_attn", "transformer.h.1.attn.c_proj",
                                      "transformer.h.1.mlp.c_fc", "transformer.h.1.mlp.c_proj"}));
}

TEST(Targets, IncludeAndIgnorePatterns) {
  const auto model = test::tiny_llama();
  const auto paths = model->linear_paths();
  EXPECT_EQ(select_targets(paths, {.include = {"*.mlp.*"}, .ignore = {"*.down_proj"}}),
            (std::vector<std::string>{"model.layers.0.mlp.gate_proj", "model.layers.0.mlp.up_proj", "model.layers.1.mlp.gate_proj",
                                      "model.layers.1.mlp.up_proj"}));
  // Ignore wins over include, and the default include is kept when only ignores are given.
  EXPECT_EQ(select_targets(paths, {.include = {"model.layers.1.*"}, .ignore = {"*proj"}}).size(), 0u);
  EXPECT_EQ(select_targets(paths, {.ignore = {"model.layers.0.*", "*.?_proj"}}),
            (std::vector<std::string>{"model.layers.1.mlp.gate_proj", "model.layers.1.mlp.up_proj", "model.layers.1.mlp.down_proj"}));
  // The head only when asked for by name.
  EXPECT_EQ(select_targets(paths, {.include = {"lm_head"}}), (std::vector<std::string>{"lm_head"}));
}

TEST(Masks, MagnitudePerLayerAndPerRow) {
  const auto w = torch::tensor({{1.0f, -5.0f, 2.0f, 0.5f}, {3.0f, -0.1f, 4.0f, 6.0f}});
  // Per layer, 50 %: the four smallest |w| are 0.1, 0.5, 1, 2.
  EXPECT_TRUE(magnitude_mask(w, 0.5).equal(torch::tensor({{false, true, false, false}, {true, false, true, true}})));
  // Per row, 50 %: two in each row.
  EXPECT_TRUE(magnitude_mask(w, 0.5, MagnitudeScope::Row).equal(torch::tensor({{false, true, true, false}, {false, false, true, true}})));
  EXPECT_TRUE(magnitude_mask(w, 0.0).all().item<bool>());
}

TEST(Masks, ExactCountsAndDeterministicTies) {
  const auto scores = torch::ones({4, 10});
  const auto layer = keep_top_per_layer(scores, 0.35);
  EXPECT_EQ(layer.logical_not().sum().item<int64_t>(), 14);
  EXPECT_TRUE(layer.equal(keep_top_per_layer(scores, 0.35)));
  const auto row = keep_top_per_row(scores, 0.3);
  EXPECT_TRUE((row.logical_not().sum(1) == 3).all().item<bool>());
  // round(), not floor(): 0.29 × 100 evaluates to 28.999999999999996.
  EXPECT_EQ(keep_top_per_row(torch::rand({1, 100}), 0.29).logical_not().sum().item<int64_t>(), 29);
  EXPECT_THROW(keep_top_per_layer(scores, 1.0), Error);
  EXPECT_THROW(keep_top_per_layer(scores, -0.1), Error);
}

TEST(Masks, NMValidity) {
  torch::manual_seed(0);
  const auto w = torch::randn({16, 32});
  for (const NMPattern nm : {NMPattern{2, 4}, NMPattern{4, 8}, NMPattern{1, 4}}) {
    const auto mask = magnitude_mask_nm(w, nm);
    EXPECT_TRUE(is_nm_valid(mask, nm)) << nm.n << ":" << nm.m;
    EXPECT_DOUBLE_EQ(1.0 - mask.to(torch::kFloat64).mean().item<double>(), nm.sparsity());
    // The kept ones are the largest |w| of their group.
    const auto groups = w.abs().reshape({16, -1, nm.m});
    const auto kept_min = groups.masked_fill(mask.reshape({16, -1, nm.m}).logical_not(), INFINITY).amin(2);
    const auto pruned_max = groups.masked_fill(mask.reshape({16, -1, nm.m}), -INFINITY).amax(2);
    EXPECT_TRUE((kept_min >= pruned_max).all().item<bool>());
  }
  // A 2:4 mask is not 4:8-exact in general and never 1:4; a half-pruned unstructured mask is not 2:4.
  const auto mask24 = magnitude_mask_nm(w, {2, 4});
  EXPECT_FALSE(is_nm_valid(mask24, {1, 4}));
  EXPECT_FALSE(is_nm_valid(magnitude_mask(torch::arange(32.0f).reshape({4, 8}), 0.5), {2, 4}));
  EXPECT_FALSE(is_nm_valid(torch::ones({2, 6}, torch::kBool), {2, 4}));  // 6 is not a multiple of 4
  EXPECT_THROW(magnitude_mask_nm(torch::randn({2, 6}), {2, 4}), Error);
}

TEST(Masks, ApplyAndMeasureWeightsOnly) {
  // GPT-2's Linear weights are transposed views of the stored Conv1D tensors: masking one must
  // zero the stored parameter, and biases never count toward sparsity.
  const auto model = test::tiny_gpt2();
  const std::string path = "transformer.h.0.attn.c_attn";
  auto& layer = model->linear(path);
  layer.bias.fill_(0.5);
  const auto mask = magnitude_mask(layer.weight, 0.5);
  MaskSet masks{{path, mask}};
  apply_masks(*model, masks);
  const auto stats = measure_sparsity(*model, {path, "transformer.h.0.attn.c_proj"});
  EXPECT_EQ(stats[0].numel, 32 * 96);
  EXPECT_EQ(stats[0].zeros, 32 * 96 / 2);
  EXPECT_DOUBLE_EQ(stats[0].sparsity(), 0.5);
  EXPECT_EQ(stats[1].zeros, 0);
  EXPECT_DOUBLE_EQ(overall_sparsity(stats), 1536.0 / (3072 + 1024));
  for (const auto& [name, tensor] : model->named_parameters()) {
    if (name == path + ".weight") {
      EXPECT_DOUBLE_EQ(sparsity_of(tensor), 0.5);
    }
  }
  EXPECT_THROW(apply_mask(layer.weight, torch::ones({3, 3}, torch::kBool)), Error);
}

// AdamW moves every weight with a gradient, pruned or not; re-applying the mask after each step is
// what keeps the pruned ones at exactly 0.
TEST(Masks, ReappliedMaskSurvivesAdamW) {
  torch::manual_seed(3);
  const auto x = torch::randn({128, 16});
  const auto target = x.matmul(torch::randn({8, 16}).t());
  auto weight = torch::randn({8, 16}).requires_grad_(true);
  const auto mask = magnitude_mask(weight.detach(), 0.6);
  apply_mask(weight, mask);
  const auto pruned = mask.logical_not();
  torch::optim::AdamW optimizer({weight}, torch::optim::AdamWOptions(1e-2).weight_decay(0.01));
  double first_loss = 0, last_loss = 0;
  for (int step = 0; step < 20; ++step) {
    optimizer.zero_grad();
    const auto loss = (x.matmul(weight.t()) - target).square().mean();
    loss.backward();
    ASSERT_GT(weight.grad().masked_select(pruned).abs().max().item<float>(), 0.0f);  // the test has teeth
    optimizer.step();
    ASSERT_GT(weight.detach().masked_select(pruned).abs().max().item<float>(), 0.0f);  // the step did move them
    apply_mask(weight, mask);
    ASSERT_TRUE((weight.detach().masked_select(pruned) == 0).all().item<bool>()) << "step " << step;
    (step == 0 ? first_loss : last_loss) = loss.item<double>();
  }
  EXPECT_LT(last_loss, first_loss);
  EXPECT_EQ((weight.detach() == 0).sum().item<int64_t>(), 77);  // round(0.6 × 128)
}

}  // namespace
}  // namespace sparsetune
