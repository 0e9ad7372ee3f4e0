// Tokenized datasets and batches from real files: loss masks cover completions only, truncation,
// packing, and errors naming file, line and field.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/data/dataset.h"
#include "core/data/final_answer.h"
#include "core/data/gsm8k.h"
#include "core/data/text_documents.h"
#include "core/eval/evaluator.h"
#include "core/tokenizer/tokenizer.h"
#include "core/train/batch.h"
#include "core/util/error.h"
#include "core/util/resources.h"
#include "core/util/text_file.h"

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
  // The demo tokenizer's post-processor starts every sequence with <|endoftext|> (id 0), its EOS too.
  const auto prompt = encode_prompt(t, "Question: 2+3?\nAnswer:");
  ASSERT_EQ(prompt.front(), 0);
  EXPECT_EQ(std::vector<int32_t>(prompt.begin() + 1, prompt.end()), t.encode("Question: 2+3?\nAnswer:"));
  auto expected = prompt;
  for (const int32_t id : t.encode(" 2+3=5.\n#### 5")) expected.push_back(id);
  expected.push_back(*t.eos_id());
  ASSERT_EQ(e.ids, expected);
  for (std::size_t i = 0; i < prompt.size(); ++i) EXPECT_EQ(e.target[i], 0) << i;
  for (std::size_t i = prompt.size(); i < e.ids.size(); ++i) EXPECT_EQ(e.target[i], 1) << i;
}

// A tokenizer whose post-processor adds nothing (as SmolLM2's) gets no BOS in prompts or training data,
// though its tokenizer_config.json names one.
TEST(Dataset, SequencesGetOnlyTheSpecialTokensOfThePostProcessor) {
  const fs::path dir = write_file("no_bos/tokenizer_config.json", read_text_file(demo_model_dir() / "tokenizer_config.json")).parent_path();
  auto json = nlohmann::json::parse(read_text_file(demo_model_dir() / "tokenizer.json"));
  json["post_processor"] = {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"trim_offsets", true}, {"use_regex", false}};
  write_file("no_bos/tokenizer.json", json.dump());
  const Tokenizer t = Tokenizer::from_directory(dir);
  ASSERT_EQ(t.bos_id(), 0);
  EXPECT_EQ(encode_prompt(t, "2+3?"), t.encode("2+3?"));

  const Dataset d = load_dataset(write_file("no_bos.jsonl", "{\"text\": \"2+3=5\"}\n"), t, {DataFormat::text, 64, false});
  ASSERT_EQ(d.examples.size(), 1u);
  auto text = t.encode("2+3=5");
  text.push_back(*t.eos_id());
  EXPECT_EQ(d.examples[0].ids, text) << "a document ends with EOS and starts with no BOS";

  const Dataset pc = load_dataset(write_file("no_bos_pc.jsonl", "{\"prompt\": \"2+3?\", \"completion\": \" 5\"}\n"), t, {});
  ASSERT_EQ(pc.examples.size(), 1u);
  EXPECT_EQ(pc.examples[0].ids.front(), t.encode("2+3?").front());
}

TEST(Dataset, TruncatesAndDropsExamplesWithoutTargets) {
  // append() rather than operator+ on temporaries, which GCC 12 at -O3 warns about wrongly (array-bounds).
  const auto file = write_file("long.jsonl", std::string("{\"prompt\": \"")
                                                 .append(300, 'a')
                                                 .append("\", \"completion\": \" b\"}\n{\"prompt\": \"q\", \"completion\": \" r\"}\n"));
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

// GSM8K as released (resources/data/gsm8k): the question becomes the demo task's prompt, the answer's
// reasoning and "#### N" the completion, with or without the calculator annotations.
TEST(Dataset, Gsm8kRecordsBecomePromptAndCompletion) {
  const fs::path test = fs::path(SPARSETUNE_SOURCE_DIR) / "resources" / "data" / "gsm8k" / "test.jsonl";
  std::ifstream in(test);
  std::string first;
  std::getline(in, first);
  const auto record = nlohmann::json::parse(first);
  ASSERT_TRUE(is_gsm8k_record(record));
  const PromptCompletion kept = gsm8k_example(record, false, test, 1);
  const std::string question = record["question"], answer = record["answer"];
  EXPECT_EQ(kept.prompt, std::string("Question: ").append(question).append("\nAnswer:"));
  EXPECT_EQ(kept.completion, std::string(" ").append(answer));
  EXPECT_NE(kept.completion.find("<<16-3-4=9>>"), std::string::npos);
  const PromptCompletion stripped = gsm8k_example(record, true, test, 1);
  EXPECT_EQ(stripped.completion,
            " Janet sells 16 - 3 - 4 = 9 duck eggs a day.\nShe makes 9 * 2 = $18 every day at the farmer\u2019s market.\n#### 18");

  const auto& t = demo_tokenizer();
  const fs::path two = write_file("gsm8k.jsonl", first + "\n" + first + "\n");
  const Dataset detected = load_dataset(two, t, {DataFormat::auto_detect, 512, false});
  ASSERT_EQ(detected.examples.size(), 2u);
  auto expected = encode_prompt(t, kept.prompt);
  for (const int32_t id : t.encode(kept.completion)) expected.push_back(id);
  expected.push_back(*t.eos_id());
  EXPECT_EQ(detected.examples[0].ids, expected) << "auto keeps the annotations";
  const Dataset plain = load_dataset(two, t, {DataFormat::gsm8k_no_calculator, 512, false});
  EXPECT_LT(plain.examples[0].ids.size(), expected.size());
  EXPECT_EQ(plain.examples[0].num_targets(), static_cast<int64_t>(t.encode(stripped.completion).size()) + 1);

  const auto problems = load_task_problems(two, 1);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].prompt, kept.prompt);
  EXPECT_EQ(extract_final_answer(problems[0].completion), "18");
}

TEST(Dataset, CalculatorAnnotationsAreStrippedOnlyWhenClosed) {
  EXPECT_EQ(strip_calculator_annotations("2*3=<<2*3=6>>6 and 6+1=<<6+1=7>>7"), "2*3=6 and 6+1=7");
  EXPECT_EQ(strip_calculator_annotations("a << b"), "a << b");
  EXPECT_EQ(strip_calculator_annotations(""), "");
}

TEST(Dataset, Gsm8kErrorsNameFileLineAndField) {
  const auto& t = demo_tokenizer();
  const auto expect_error = [&](const std::string& name, const std::string& text, const std::string& field) {
    const fs::path file = write_file(name, text);
    try {
      load_dataset(file, t, {DataFormat::gsm8k, 64, false});
      ADD_FAILURE() << name << ": no error";
    } catch (const InputError& e) {
      EXPECT_EQ(e.file(), file.string()) << e.what();
      EXPECT_EQ(e.field(), field) << e.what();
    }
  };
  expect_error("no_answer.jsonl", "{\"question\": \"q\", \"answer\": \"a\\n#### 1\"}\n{\"question\": \"q\"}\n", "line 2: answer");
  expect_error("no_final.jsonl", "{\"question\": \"q\", \"answer\": \"it is 4\"}\n", "line 1: answer");
  expect_error("number_question.jsonl", "{\"question\": 3, \"answer\": \"#### 3\"}\n", "line 1: question");
  expect_error("gsm8k.txt", "plain text", "format");
}

// WikiText-2 as released (resources/data/wikitext-2): 62 articles in the test split, 60 in validation,
// each from its " = Title = " line; sections (" = = … = = ") stay inside their article.
TEST(Dataset, WikiTextSplitsIntoItsArticles) {
  for (const auto& [split, articles] : {std::pair{"test", 62u}, std::pair{"valid", 60u}}) {
    const std::string text = read_text_file(fs::path(SPARSETUNE_SOURCE_DIR) / "resources" / "data" / "wikitext-2" / (std::string(split) + ".txt"));
    const auto documents = split_text_documents(text);
    ASSERT_EQ(documents.size(), articles) << split;
    std::size_t covered = 0;
    for (const auto& document : documents) {
      EXPECT_EQ(document.data(), text.data() + covered) << "in order, without gaps";
      covered += document.size();
    }
    EXPECT_EQ(covered, text.size());
    EXPECT_TRUE(documents[1].starts_with(" = ")) << documents[1].substr(0, 40);
    EXPECT_TRUE(documents[0].starts_with(" \n = ")) << "the blank line before the first title belongs to it";
  }
  EXPECT_EQ(split_text_documents("no titles here\n = = a section = = \n").size(), 1u);
  EXPECT_EQ(split_text_documents("").size(), 1u);
}

// A plain-text corpus is one stream of its documents, each ended by EOS, in full windows.
TEST(Dataset, PlainTextIsItsDocumentsEachEndedByEos) {
  const auto& t = demo_tokenizer();
  const fs::path file = write_file("two_articles.txt", " = First = \n one two \n = = Part = = \n three \n = Second = \n four \n");
  const Dataset d = load_dataset(file, t, {DataFormat::auto_detect, 1024, false});
  ASSERT_EQ(d.examples.size(), 1u);
  std::vector<int32_t> expected;
  for (const std::string part : {" = First = \n one two \n = = Part = = \n three \n", " = Second = \n four \n"}) {
    for (const int32_t id : encode_prompt(t, part)) expected.push_back(id);
    expected.push_back(*t.eos_id());
  }
  EXPECT_EQ(d.examples[0].ids, expected);
  EXPECT_EQ(d.examples[0].target[0], 0);
  EXPECT_EQ(d.examples[0].num_targets(), static_cast<int64_t>(expected.size()) - 2) << "every token but the two leading EOTs";
}
