// Every way a tokenizer file, a tokenizer_config.json or an input text can be wrong.
#include "tokenizer_test_util.h"

namespace tokenizer_test {
namespace {

json valid() { return bpe({"a", "b", "ab", "<s>"}, {"a b"}); }

json with(json config, const json::json_pointer& where, const json& value) {
  config[where] = value;
  return config;
}

void expect_file_error(const fs::path& file, const std::string& field, const std::string& problem) {
  try {
    Tokenizer::from_file(file);
    ADD_FAILURE() << "loaded without error; expected " << field << ": " << problem;
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), file.string());
    EXPECT_EQ(e.field(), field) << e.what();
    EXPECT_NE(e.problem().find(problem), std::string::npos) << e.what();
  }
}

TEST(FileErrors, UnreadableOrMalformed) {
  expect_file_error(temp_dir() / "missing.json", "(file)",
                    "cannot be read: No such file or directory");
  expect_file_error(temp_dir(), "(file)", "is a directory");
  expect_file_error(write_file(temp_dir() / "truncated.json", "{\"model\": {"), "(json)",
                    "malformed JSON");
  expect_file_error(write_file(temp_dir() / "array.json", "[1, 2]"), "(root)",
                    "expected an object, got array");
  // JSON with invalid UTF-8 inside a string.
  expect_file_error(write_file(temp_dir() / "latin1.json", "{\"model\": \"\xE9\"}"), "(json)",
                    "malformed JSON");
}

TEST(FileErrors, WrongJsonTypes) {
  expect_load_error(with(valid(), "/normalizer"_json_pointer, 5), "normalizer",
                    "expected an object, got number");
  expect_load_error(with(valid(), "/added_tokens"_json_pointer, json::object()), "added_tokens",
                    "expected an array, got object");
  expect_load_error(with(valid(), "/model/fuse_unk"_json_pointer, 1), "model.fuse_unk",
                    "expected true or false");
  expect_load_error(with(valid(), "/model/unk_token"_json_pointer, 0), "model.unk_token",
                    "expected a string");
  expect_load_error(with(valid(), "/pre_tokenizer"_json_pointer, {{"type", 3}}),
                    "pre_tokenizer.type", "expected a string, got number");
}

TEST(ModelErrors, UnsupportedOrMissingModel) {
  json config = valid();
  config.erase("model");
  expect_load_error(config, "model", "missing");
  expect_load_error(with(valid(), "/model/type"_json_pointer, "WordPiece"), "model.type",
                    "\"WordPiece\" is not supported (supported: BPE)");
  expect_load_error(with(valid(), "/model/type"_json_pointer, "Unigram"), "model.type",
                    "is not supported");
  expect_load_error(with(valid(), "/model"_json_pointer, {{"vocab", {{"a", 0}}}}), "model.type",
                    "missing");
  // Files from before models were tagged: BPE is recognized by its merges.
  config = valid();
  config["model"].erase("type");
  EXPECT_EQ(tokens(load(config), "ab"), (Strings{"ab"}));
}

TEST(ModelErrors, Vocab) {
  json config = valid();
  config["model"].erase("vocab");
  expect_load_error(config, "model.vocab", "missing");
  expect_load_error(with(valid(), "/model/vocab"_json_pointer, json::array()), "model.vocab",
                    "expected an object");
  expect_load_error(with(valid(), "/model/vocab/a"_json_pointer, -1), "model.vocab[\"a\"]",
                    "expected a non-negative integer");
  expect_load_error(with(valid(), "/model/vocab/a"_json_pointer, 1.5), "model.vocab[\"a\"]",
                    "expected a non-negative integer");
  expect_load_error(with(valid(), "/model/vocab/a"_json_pointer, 2147483648LL),
                    "model.vocab[\"a\"]", "token id 2147483648 is out of range");
}

TEST(ModelErrors, Merges) {
  json config = valid();
  config["model"].erase("merges");
  expect_load_error(config, "model.merges", "missing");
  expect_load_error(with(valid(), "/model/merges"_json_pointer, "a b"), "model.merges",
                    "expected an array");
  expect_load_error(with(valid(), "/model/merges"_json_pointer, json::array({"a  b"})),
                    "model.merges[0]", "one space");
  expect_load_error(with(valid(), "/model/merges"_json_pointer, json::array({"ab"})),
                    "model.merges[0]", "one space");
  expect_load_error(
      with(valid(), "/model/merges"_json_pointer, json::array({json::array({"a", "b", "c"})})),
      "model.merges[0]", "expected \"left right\" or [left, right], got array");
  expect_load_error(with(valid(), "/model/merges"_json_pointer, json::array({7})),
                    "model.merges[0]", "got number");
  expect_load_error(with(valid(), "/model/merges"_json_pointer, {"a b", "a c"}), "model.merges[1]",
                    "\"c\" is not in model.vocab");
  expect_load_error(with(valid(), "/model/merges"_json_pointer, {"b a"}), "model.merges[0]",
                    "\"ba\" is not in model.vocab");
  config = with(valid(), "/model/continuing_subword_prefix"_json_pointer, "###");
  expect_load_error(config, "model.merges[0]", "\"b\" is shorter than continuing_subword_prefix");
}

TEST(ModelErrors, Dropout) {
  expect_load_error(with(valid(), "/model/dropout"_json_pointer, 0.1), "model.dropout",
                    "only null or 0 is supported");
  expect_load_error(with(valid(), "/model/dropout"_json_pointer, "high"), "model.dropout",
                    "expected null or a number");
}

TEST(AddedTokenErrors, FieldsAreChecked) {
  json config = valid();
  config["added_tokens"] = json::array({added_token("<x>", 9)});
  config["added_tokens"][0].erase("special");
  expect_load_error(config, "added_tokens[0].special", "missing");
  config["added_tokens"] = json::array({added_token("<x>", -4)});
  expect_load_error(config, "added_tokens[0].id", "expected a non-negative integer");
  config["added_tokens"] = json::array({added_token("<x>", 9), added_token("<y>", 10)});
  config["added_tokens"][1]["content"] = json::array();
  expect_load_error(config, "added_tokens[1].content", "expected a string, got array");
}

TEST(ComponentErrors, UnsupportedTypesNameTheirField) {
  expect_load_error(
      with(valid(), "/normalizer"_json_pointer, {{"type", "BertNormalizer"}}), "normalizer.type",
      "\"BertNormalizer\" is not supported (supported: NFC, NFD, NFKC, NFKD, Lowercase, Strip, "
      "Prepend, Replace, Sequence)");
  expect_load_error(
      with(valid(), "/normalizer"_json_pointer,
           {{"type", "Sequence"}, {"normalizers", {{{"type", "NFC"}}, {{"type", "Precompiled"}}}}}),
      "normalizer.normalizers[1].type", "\"Precompiled\" is not supported");
  expect_load_error(
      with(valid(), "/pre_tokenizer"_json_pointer,
           {{"type", "Sequence"},
            {"pretokenizers",
             {{{"type", "Digits"}, {"individual_digits", true}}, {{"type", "Whitespace"}}}}}),
      "pre_tokenizer.pretokenizers[1].type",
      "\"Whitespace\" is not supported (supported: ByteLevel, Split, Metaspace, Digits, Sequence)");
  expect_load_error(
      with(valid(), "/decoder"_json_pointer,
           {{"type", "Sequence"}, {"decoders", {{{"type", "WordPiece"}}}}}),
      "decoder.decoders[0].type",
      "\"WordPiece\" is not supported (supported: ByteLevel, Metaspace, Replace, ByteFallback, "
      "Fuse, Strip, Sequence)");
  expect_load_error(with(valid(), "/post_processor"_json_pointer, {{"type", "Frobnicate"}}),
                    "post_processor.type",
                    "\"Frobnicate\" is not supported (supported: TemplateProcessing, ByteLevel, "
                    "RobertaProcessing, BertProcessing, Sequence)");
  expect_load_error(
      with(valid(), "/post_processor"_json_pointer, {{"type", "Sequence"}, {"processors", 1}}),
      "post_processor.processors", "expected an array");
}

TEST(ComponentErrors, MissingFields) {
  expect_load_error(
      with(valid(), "/normalizer"_json_pointer, {{"type", "Strip"}, {"strip_left", true}}),
      "normalizer.strip_right", "missing");
  expect_load_error(with(valid(), "/normalizer"_json_pointer, {{"type", "Prepend"}}),
                    "normalizer.prepend", "missing");
  expect_load_error(with(valid(), "/normalizer"_json_pointer,
                         {{"type", "Replace"}, {"pattern", pattern_string("a")}}),
                    "normalizer.content", "missing");
  expect_load_error(with(valid(), "/pre_tokenizer"_json_pointer, {{"type", "ByteLevel"}}),
                    "pre_tokenizer.add_prefix_space", "missing");
  expect_load_error(
      with(valid(), "/pre_tokenizer"_json_pointer,
           {{"type", "Split"}, {"pattern", pattern_string("a")}, {"behavior", "Isolated"}}),
      "pre_tokenizer.invert", "missing");
  expect_load_error(with(valid(), "/pre_tokenizer"_json_pointer, {{"type", "Digits"}}),
                    "pre_tokenizer.individual_digits", "missing");
  expect_load_error(
      with(valid(), "/decoder"_json_pointer, {{"type", "Strip"}, {"content", " "}, {"start", 1}}),
      "decoder.stop", "missing");
}

TEST(ComponentErrors, BadValues) {
  const json split = {{"type", "Split"},
                      {"pattern", pattern_regex("(")},
                      {"behavior", "Isolated"},
                      {"invert", false}};
  expect_load_error(with(valid(), "/pre_tokenizer"_json_pointer, split),
                    "pre_tokenizer.pattern.Regex", "invalid regular expression");
  expect_load_error(with(with(valid(), "/pre_tokenizer"_json_pointer, split),
                         "/pre_tokenizer/pattern"_json_pointer, {{"Glob", "*"}}),
                    "pre_tokenizer.pattern", R"(expected {"String": ...} or {"Regex": ...})");
  expect_load_error(with(with(valid(), "/pre_tokenizer"_json_pointer, split),
                         "/pre_tokenizer/behavior"_json_pointer, "Dropped"),
                    "pre_tokenizer.behavior", "\"Dropped\" is not a split behavior");
  const json metaspace = {{"type", "Metaspace"}, {"replacement", "▁"}};
  expect_load_error(with(with(valid(), "/pre_tokenizer"_json_pointer, metaspace),
                         "/pre_tokenizer/replacement"_json_pointer, "__"),
                    "pre_tokenizer.replacement", "expected a single character, got \"__\"");
  expect_load_error(with(with(valid(), "/pre_tokenizer"_json_pointer, metaspace),
                         "/pre_tokenizer/prepend_scheme"_json_pointer, "sometimes"),
                    "pre_tokenizer.prepend_scheme", "\"sometimes\" is not a prepend scheme");
  // The older add_prefix_space: false contradicts the default scheme, as `tokenizers` says too.
  expect_load_error(with(with(valid(), "/pre_tokenizer"_json_pointer, metaspace),
                         "/pre_tokenizer/add_prefix_space"_json_pointer, false),
                    "pre_tokenizer.add_prefix_space", "contradicts prepend_scheme");
  expect_load_error(with(valid(), "/decoder"_json_pointer,
                         {{"type", "Strip"}, {"content", ""}, {"start", 1}, {"stop", 0}}),
                    "decoder.content", "expected a single character");
  expect_load_error(with(valid(), "/decoder"_json_pointer,
                         {{"type", "Strip"}, {"content", " "}, {"start", -1}, {"stop", 0}}),
                    "decoder.start", "expected a non-negative integer");
}

json template_processing(const json& single, const json& special_tokens) {
  return {{"type", "TemplateProcessing"},
          {"single", single},
          {"pair", json::array()},
          {"special_tokens", special_tokens}};
}

TEST(ComponentErrors, PostProcessors) {
  const json sequence_a = {{"Sequence", {{"id", "A"}, {"type_id", 0}}}};
  const json bos = {{"SpecialToken", {{"id", "<s>"}, {"type_id", 0}}}};
  const json known = {
      {"<s>", {{"id", "<s>"}, {"ids", json::array({3})}, {"tokens", json::array({"<s>"})}}}};
  expect_load_error(with(valid(), "/post_processor"_json_pointer,
                         template_processing(json::array({bos, sequence_a}), json::object())),
                    "post_processor.single[0].SpecialToken.id",
                    "\"<s>\" is not in post_processor.special_tokens");
  expect_load_error(
      with(valid(), "/post_processor"_json_pointer,
           template_processing(json::array({bos, {{"Sequence", {{"id", "B"}, {"type_id", 1}}}}}),
                               known)),
      "post_processor.single[1].Sequence.id", "can only hold sequence A, not B");
  expect_load_error(with(valid(), "/post_processor"_json_pointer,
                         template_processing(json::array({{{"Text", "x"}}}), known)),
                    "post_processor.single[0]",
                    R"(expected {"Sequence": ...} or {"SpecialToken": ...})");
  json bad_id = known;
  bad_id["<s>"]["ids"] = json::array({"one"});
  expect_load_error(with(valid(), "/post_processor"_json_pointer,
                         template_processing(json::array({bos}), bad_id)),
                    "post_processor.special_tokens.<s>.ids[0]",
                    "expected a non-negative integer, got string");
  expect_load_error(with(valid(), "/post_processor"_json_pointer,
                         template_processing(json::array({bos}), json::array())),
                    "post_processor.special_tokens", "expected an object, got array");
  const json roberta = {{"type", "RobertaProcessing"},
                        {"sep", json::array({"</s>"})},
                        {"cls", json::array({"<s>", 3})}};
  expect_load_error(with(valid(), "/post_processor"_json_pointer, roberta), "post_processor.sep",
                    "expected [token, id]");
}

TEST(TextErrors, InvalidUtf8NamesTheByte) {
  const Tokenizer tokenizer = load(valid());
  const std::pair<std::string, std::size_t> cases[] = {
      {"ab\xFF", 2},            // never a UTF-8 byte
      {"a\xC0\x80", 1},         // overlong
      {"ab\xED\xA0\x80", 2},    // surrogate
      {"\xF4\x90\x80\x80", 0},  // above U+10FFFF
      {"aé\xE2\x82", 3},        // cut short at the end
      {"a\x80", 1},             // stray continuation byte
  };
  for (const auto& [text, offset] : cases) {
    try {
      tokenizer.encode(text);
      ADD_FAILURE() << "no error for byte " << offset;
    } catch (const InputError& e) {
      EXPECT_EQ(e.file(), "<text>");
      EXPECT_EQ(e.field(), "utf-8");
      EXPECT_EQ(e.problem(), "invalid UTF-8 at byte " + std::to_string(offset));
    }
  }
  EXPECT_EQ(tokenizer.encode("\xF4\x8F\xBF\xBF"), (std::vector<int32_t>{}));  // U+10FFFF is valid
}

TEST(TextErrors, RegexBacktrackingHasALimit) {
  json config = valid();
  config["pre_tokenizer"] = {{"type", "Split"},
                             {"pattern", pattern_regex("(?:ab)+$")},
                             {"behavior", "Isolated"},
                             {"invert", false}};
  const Tokenizer tokenizer = load(config);
  std::string text;
  for (int i = 0; i < 1000000; ++i) text += "ab";
  try {
    tokenizer.encode(text);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "regex");
    EXPECT_EQ(
        e.problem(),
        "the pattern (?:ab)+$ gave up on this input of 2000000 bytes (U_REGEX_STACK_OVERFLOW)");
  }
}

TEST(TextErrors, UnknownIdHasNoToken) {
  const Tokenizer tokenizer = load(valid());
  try {
    tokenizer.id_to_token(4);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "id");
    EXPECT_EQ(e.problem(), "no token has id 4");
  }
  EXPECT_FALSE(tokenizer.is_special(4));
  EXPECT_EQ(tokenizer.token_to_id("zz"), std::nullopt);
}

fs::path model_dir(const std::string& name, const json& config) {
  const fs::path dir = temp_dir() / name;
  write_file(dir / "tokenizer.json", valid().dump());
  if (!config.is_null()) write_file(dir / "tokenizer_config.json", config.dump());
  return dir;
}

TEST(Directory, BosAndEosFromConfigOrCommonNames) {
  json config = valid();
  config["added_tokens"] = json::array({added_token("</s>", 4)});
  const fs::path plain = temp_dir() / "plain";
  write_file(plain / "tokenizer.json", config.dump());
  const Tokenizer by_name = Tokenizer::from_directory(plain);
  EXPECT_EQ(by_name.bos_id(), 3);
  EXPECT_EQ(by_name.eos_id(), 4);

  const Tokenizer configured = Tokenizer::from_directory(model_dir(
      "configured", {{"bos_token", "a"}, {"eos_token", {{"content", "b"}, {"special", true}}}}));
  EXPECT_EQ(configured.bos_id(), 0);
  EXPECT_EQ(configured.eos_id(), 1);

  const Tokenizer unnamed =
      Tokenizer::from_directory(model_dir("unnamed", {{"eos_token", nullptr}}));
  EXPECT_EQ(unnamed.bos_id(), 3);
  EXPECT_EQ(unnamed.eos_id(), std::nullopt);
}

TEST(Directory, Errors) {
  const auto expect_error = [](const fs::path& dir, const std::string& file,
                               const std::string& field, const std::string& problem) {
    try {
      Tokenizer::from_directory(dir);
      ADD_FAILURE() << "loaded without error; expected " << field << ": " << problem;
    } catch (const InputError& e) {
      EXPECT_EQ(e.file(), (dir / file).string());
      EXPECT_EQ(e.field(), field) << e.what();
      EXPECT_NE(e.problem().find(problem), std::string::npos) << e.what();
    }
  };
  expect_error(temp_dir() / "empty", "tokenizer.json", "(file)", "cannot be read");
  expect_error(
      model_dir("unknown_bos", {{"bos_token", "<bos>"}}), "tokenizer_config.json", "bos_token",
      "\"<bos>\" is not a token of " + (temp_dir() / "unknown_bos" / "tokenizer.json").string());
  expect_error(model_dir("numeric_eos", {{"eos_token", 2}}), "tokenizer_config.json", "eos_token",
               "expected a string, got number");
  expect_error(model_dir("no_content", {{"eos_token", json::object()}}), "tokenizer_config.json",
               "eos_token.content", "missing");
  const fs::path broken = model_dir("broken", nullptr);
  write_file(broken / "tokenizer_config.json", "{\"bos_token\": ");
  expect_error(broken, "tokenizer_config.json", "(json)", "malformed JSON");
}

}  // namespace
}  // namespace tokenizer_test
