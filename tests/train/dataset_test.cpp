// Tokenized datasets and batches from real files: loss masks cover completions only, truncation,
// packing, and errors naming file, line and field.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/data/dataset.h"
#include "core/tokenizer/tokenizer.h"
#include "core/train/batch.h"
#include "core/util/error.h"
#include "core/util/resources.h"

namespace fs = std::filesystem;
using namespace sparsetune;

namespace {
fs::path write_file(const std::string& name, const std::string& text) {
  const fs::path p = fs::path(SPARSETUNE_TEST_TMP) / ("dataset-" + std::to_string(::getpid())) / name;
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
  return p;
}
const Tokenizer& demo_tokenizer() {
  static const Tokenizer t = Tokenizer::from_directory(demo_model_dir());
  return t;
}
}  // namespace

TEST(Dataset, PromptCompletionTargetsOnlyTheCompletionAndEos) {
  const auto& t = demo_tokenizer();
  const auto file = write_file("pc.jsonl", "{\"prompt\": \"Question: 2+3?\\nAnswer:\", \"completion\": \" 2+3=5.\\n#### 5\"}\n");
  const Dataset d = load_dataset(file, t, {});
  ASSERT_EQ(d.examples.size(), 1u);
  const auto& e = d.examples[0];
  const auto prompt = t.encode("Question: 2+3?\nAnswer:");
  const auto completion = t.encode(" 2+3=5.\n#### 5");
  const std::size_t bos = t.bos_id() ? 1 : 0;
  ASSERT_EQ(e.ids.size(), bos + prompt.size() + completion.size() + (t.eos_id() ? 1 : 0));
  for (std::size_t i = 0; i < bos + prompt.size(); ++i) EXPECT_EQ(e.target[i], 0) << i;
  for (std::size_t i = bos + prompt.size(); i < e.ids.size(); ++i) EXPECT_EQ(e.target[i], 1) << i;
}

TEST(Dataset, TruncatesAndDropsExamplesWithoutTargets) {
  const auto file = write_file("long.jsonl", "{\"prompt\": \"" + std::string(300, 'a') + "\", \"completion\": \" b\"}\n" +
                                                 "{\"prompt\": \"q\", \"completion\": \" r\"}\n");
  const Dataset d = load_dataset(file, demo_tokenizer(), {DataFormat::auto_detect, 16, false});
  EXPECT_EQ(d.truncated, 1);
  EXPECT_EQ(d.dropped, 1);
  ASSERT_EQ(d.examples.size(), 1u);
}

TEST(Dataset, PackingFillsWindows) {
  std::string lines;
  for (int i = 0; i < 20; ++i) lines += "{\"text\": \"The number " + std::to_string(i) + " is small.\"}\n";
  const Dataset d = load_dataset(write_file("text.jsonl", lines), demo_tokenizer(), {DataFormat::auto_detect, 32, true});
  ASSERT_GE(d.examples.size(), 2u);
  for (std::size_t i = 0; i + 1 < d.examples.size(); ++i) EXPECT_EQ(d.examples[i].ids.size(), 32u);
}

TEST(Dataset, MissingFieldNamesFileLineAndField) {
  const auto file = write_file("bad.jsonl", "{\"prompt\": \"a\", \"completion\": \"b\"}\n\n{\"prompt\": \"c\"}\n");
  try {
    load_dataset(file, demo_tokenizer(), {});
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), file.string());
    EXPECT_NE(std::string(e.what()).find("line 3: completion"), std::string::npos) << e.what();
  }
}

TEST(Dataset, MalformedJsonNamesTheLine) {
  const auto file = write_file("broken.jsonl", "{\"text\": \"ok\"}\n{\"text\": \n");
  try {
    load_dataset(file, demo_tokenizer(), {});
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "line 2");
  }
}

TEST(Batch, RightPaddedWithLabelsOnTargetsOnly) {
  TokenizedExample a{{5, 6, 7}, {0, 1, 1}}, b{{8, 9}, {0, 1}};
  const Batch batch = make_batch({&a, &b}, 0, torch::kCPU);
  EXPECT_TRUE(batch.input_ids.equal(torch::tensor({{5, 6, 7}, {8, 9, 0}}, torch::kInt64)));
  EXPECT_TRUE(batch.attention_mask.equal(torch::tensor({{1, 1, 1}, {1, 1, 0}}, torch::kInt64)));
  EXPECT_TRUE(batch.labels.equal(torch::tensor({{-100, 6, 7}, {-100, 9, -100}}, torch::kInt64)));
  EXPECT_EQ(batch.num_targets, 3);
}

TEST(BatchSampler, EveryExampleOncePerEpochAndReproducibleFromState) {
  BatchSampler s(10, 3, 42);
  std::vector<int> seen(10, 0);
  for (int i = 0; i < 3; ++i)
    for (auto idx : s.next()) ++seen[idx];
  auto state = s.state();
  const auto next_a = s.next();
  BatchSampler t(10, 3, 42);
  t.set_state(state);
  EXPECT_EQ(t.next(), next_a);
  for (int c : seen) EXPECT_LE(c, 1);
}
