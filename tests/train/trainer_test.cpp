// The trainer end to end on a tiny random Llama with the demo tokenizer and demo data: one-shot
// pruning, CE + SquareHead against the frozen dense teacher, fixed masks, exact resume.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/model/causal_lm.h"
#include "core/tokenizer/tokenizer.h"
#include "core/train/trainer.h"
#include "core/util/resources.h"

namespace fs = std::filesystem;
using namespace sparsetune;

namespace {

struct Recorder : EventSink {
  std::vector<double> losses;
  std::vector<EvalResult> evals;
  std::vector<std::string> statuses;
  std::atomic<bool>* stop = nullptr;
  int64_t stop_after = -1;
  void on_step(const StepMetrics& m) override {
    losses.push_back(m.values.at("loss/total"));
    if (stop != nullptr && m.step == stop_after) *stop = true;
  }
  void on_eval(const EvalResult& e) override { evals.push_back(e); }
  void on_profile(const std::vector<ProfileRecord>& records) override { profiles.push_back(records); }
  std::vector<std::vector<ProfileRecord>> profiles;
  void on_status(const std::string& s, const std::string&) override { statuses.push_back(s); }
};

class TrainerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // CTest runs every test as its own process, two at a time: each process gets its own folder.
    root_ = fs::path(SPARSETUNE_TEST_TMP) / ("trainer-" + std::to_string(::getpid()));
    fs::remove_all(root_);
    model_ = root_ / "model";
    fs::create_directories(model_);
    const fs::path demo = demo_model_dir();
    for (const char* f : {"tokenizer.json", "tokenizer_config.json"})
      if (fs::exists(demo / f)) fs::copy_file(demo / f, model_ / f);
    const auto tokenizer = Tokenizer::from_directory(model_);
    const nlohmann::json config = {{"model_type", "llama"},    {"vocab_size", tokenizer.vocab_size()},
                                   {"hidden_size", 48},        {"intermediate_size", 96},
                                   {"num_hidden_layers", 2},   {"num_attention_heads", 4},
                                   {"num_key_value_heads", 2}, {"max_position_embeddings", 128}};
    CausalLM::random(ModelConfig::from_json(config, "config.json"), 3)->save(model_);
    // A small slice of the demo task: enough for several distinct batches.
    std::ifstream in(demo_data_dir() / "train.jsonl");
    std::ofstream out(root_ / "train.jsonl");
    std::string line;
    for (int i = 0; i < 40 && std::getline(in, line); ++i) out << line << "\n";
  }

  static void TearDownTestSuite() { fs::remove_all(root_); }

  static Recipe recipe() {
    Recipe r;
    r.name = "tiny";
    r.model = model_;
    r.teacher = model_;
    r.data.train = root_ / "train.jsonl";
    r.data.max_length = 64;
    r.pruning.method = PruningMethod::magnitude;
    r.pruning.sparsity = 0.5;
    r.pruning.schedule.kind = ScheduleKind::oneshot;
    r.distillation.ce = 1;
    r.distillation.squarehead = 1;
    r.training.steps = 6;
    r.training.batch_size = 4;
    r.training.grad_accum = 2;
    r.training.lr = 3e-3;
    r.training.warmup_steps = 2;
    r.training.device = "cpu";
    r.evaluation.tasks = {};
    r.evaluation.profile = false;  // timed in its own test
    return r;
  }
  static fs::path root_, model_;
};
fs::path TrainerTest::root_, TrainerTest::model_;

}  // namespace

TEST_F(TrainerTest, ResumedRunRepeatsTheUninterruptedLossSequence) {
  std::atomic<bool> stop{false};
  Recorder whole;
  const auto a = run_recipe(recipe(), whole, stop, {root_ / "whole", false});
  ASSERT_EQ(a.status, "finished");
  ASSERT_EQ(whole.losses.size(), 6u);

  Recorder first;
  first.stop = &stop;
  first.stop_after = 3;
  const auto b = run_recipe(recipe(), first, stop, {root_ / "split", false});
  EXPECT_EQ(b.status, "cancelled");
  EXPECT_EQ(b.steps_done, 3);
  ASSERT_TRUE(fs::exists(root_ / "split" / "checkpoint" / "state.json"));

  stop = false;
  Recorder second;
  const auto c = run_recipe(recipe(), second, stop, {root_ / "split", true});
  ASSERT_EQ(c.status, "finished");
  std::vector<double> joined = first.losses;
  joined.insert(joined.end(), second.losses.begin(), second.losses.end());
  ASSERT_EQ(joined.size(), whole.losses.size());
  for (std::size_t i = 0; i < joined.size(); ++i)
    EXPECT_NEAR(joined[i], whole.losses[i], 1e-6 * std::abs(whole.losses[i])) << "step " << i + 1;
  EXPECT_FALSE(fs::exists(root_ / "split" / "checkpoint")) << "a finished run keeps no checkpoint";
}

TEST_F(TrainerTest, PrunedWeightsStayExactlyZeroThroughTraining) {
  std::atomic<bool> stop{false};
  Recorder sink;
  const auto out = run_recipe(recipe(), sink, stop, {root_ / "masks", false});
  ASSERT_EQ(out.status, "finished");
  auto model = CausalLM::load(out.model_dir);
  for (const auto& path : model->linear_paths()) {
    const auto& w = model->linear(path).weight;
    const double sparsity = 1.0 - static_cast<double>(w.count_nonzero().item<int64_t>()) / static_cast<double>(w.numel());
    if (path == "lm_head")
      EXPECT_LT(sparsity, 0.01) << "the LM head is not pruned by default";
    else
      EXPECT_NEAR(sparsity, 0.5, 0.01) << path;
  }
  EXPECT_TRUE(fs::exists(out.model_dir / "tokenizer.json"));
}

TEST_F(TrainerTest, LossFallsOnTheTrainingData) {
  Recipe r = recipe();
  r.training.steps = 30;
  r.training.lr = 1e-2;
  std::atomic<bool> stop{false};
  Recorder sink;
  ASSERT_EQ(run_recipe(r, sink, stop, {root_ / "falls", false}).status, "finished");
  const double first = (sink.losses[0] + sink.losses[1]) / 2, last = (sink.losses[28] + sink.losses[29]) / 2;
  EXPECT_LT(last, 0.8 * first) << "first " << first << " last " << last;
}

TEST_F(TrainerTest, ActivationCheckpointingLeavesTheLossSequenceUnchanged) {
  std::atomic<bool> stop{false};
  Recorder kept, recomputed;
  ASSERT_EQ(run_recipe(recipe(), kept, stop, {root_ / "kept", false}).status, "finished");
  Recipe r = recipe();
  r.training.activation_checkpointing = true;
  ASSERT_EQ(run_recipe(r, recomputed, stop, {root_ / "recomputed", false}).status, "finished");
  ASSERT_EQ(recomputed.losses.size(), kept.losses.size());
  for (std::size_t i = 0; i < kept.losses.size(); ++i)
    EXPECT_NEAR(recomputed.losses[i], kept.losses[i], 1e-5 * std::abs(kept.losses[i])) << "step " << i + 1;
}

TEST_F(TrainerTest, Bf16AutocastTrainsCloseToFp32AndKeepsFloat32WeightsAndMasks) {
  Recipe r = recipe();
  r.training.steps = 12;
  r.training.lr = 1e-2;
  std::atomic<bool> stop{false};
  Recorder fp32, bf16;
  ASSERT_EQ(run_recipe(r, fp32, stop, {root_ / "fp32", false}).status, "finished");
  r.training.precision = Precision::bf16;
  r.training.activation_checkpointing = true;
  const auto out = run_recipe(r, bf16, stop, {root_ / "bf16", false});
  ASSERT_EQ(out.status, "finished");
  EXPECT_NEAR(bf16.losses[0], fp32.losses[0], 0.02 * fp32.losses[0]) << "the same model and batch in bf16 products";
  EXPECT_NE(bf16.losses[0], fp32.losses[0]) << "autocast must actually change the arithmetic";
  const double first = (bf16.losses[0] + bf16.losses[1]) / 2, last = (bf16.losses[10] + bf16.losses[11]) / 2;
  EXPECT_LT(last, 0.8 * first) << "first " << first << " last " << last;
  auto model = CausalLM::load(out.model_dir);
  EXPECT_EQ(model->dtype(), torch::kFloat32);
  const auto& w = model->linear("model.layers.0.mlp.up_proj").weight;
  EXPECT_NEAR(1.0 - static_cast<double>(w.count_nonzero().item<int64_t>()) / static_cast<double>(w.numel()), 0.5, 0.01);
}

TEST_F(TrainerTest, RecordsASpeedProfileAfterEveryMaskChangeAndAtTheEnd) {
  Recipe r = recipe();
  r.training.steps = 4;
  r.pruning.schedule.kind = ScheduleKind::linear;
  r.pruning.schedule.initial_sparsity = 0.4;  // above the profiler's 30 % floor, so every update is timed
  r.pruning.schedule.start_step = 0;
  r.pruning.schedule.end_step = 2;
  r.pruning.schedule.update_every = 2;
  r.evaluation.profile = true;
  std::atomic<bool> stop{false};
  Recorder sink;
  ASSERT_EQ(run_recipe(r, sink, stop, {root_ / "profiled", false}).status, "finished");
  // Mask updates at steps 0 and 2 (layers only), then the end of the run (layers and decoding).
  ASSERT_EQ(sink.profiles.size(), 3u);
  for (const auto& p : sink.profiles) {
    ASSERT_FALSE(p.empty());
    for (const auto& record : p) {
      EXPECT_GT(record.dense_ms, 0.0);
      EXPECT_GT(record.sparse_ms, 0.0);
      EXPECT_GT(record.bound, 1.0) << record.layer;
    }
  }
  EXPECT_NE(sink.profiles.front().back().layer, "model");
  EXPECT_EQ(sink.profiles.back().back().layer, "model");
  EXPECT_NEAR(sink.profiles.back().back().sparsity, 0.5, 0.01);
}

TEST(LearningRate, WarmupThenLinearOrCosineDecay) {
  EXPECT_DOUBLE_EQ(learning_rate_at(0, 100, 10, 1.0, LrSchedule::linear), 0.1);
  EXPECT_DOUBLE_EQ(learning_rate_at(9, 100, 10, 1.0, LrSchedule::linear), 1.0);
  EXPECT_DOUBLE_EQ(learning_rate_at(10, 100, 10, 1.0, LrSchedule::linear), 1.0);
  EXPECT_DOUBLE_EQ(learning_rate_at(55, 100, 10, 1.0, LrSchedule::linear), 0.5);
  EXPECT_NEAR(learning_rate_at(55, 100, 10, 1.0, LrSchedule::cosine), 0.5, 1e-12);
  EXPECT_NEAR(learning_rate_at(100, 100, 10, 1.0, LrSchedule::cosine), 0.0, 1e-12);
  EXPECT_DOUBLE_EQ(learning_rate_at(70, 100, 10, 2.0, LrSchedule::constant), 2.0);
}
