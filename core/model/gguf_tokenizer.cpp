#include "core/model/gguf_tokenizer.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/model/gguf_config.h"
#include "core/tokenizer/byte_level.h"
#include "core/tokenizer/utf8.h"
#include "core/util/error.h"

namespace sparsetune {

namespace {

using nlohmann::json;

// tokenizer.ggml.token_type values (llama.cpp's llama_token_type).
constexpr int64_t kControl = 3;
constexpr int64_t kUserDefined = 4;

// The split regexes transformers (5.23, integrations/gguf) uses for tokenizer.ggml.pre.
constexpr const char* kLlama3Split =
    R"re((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)re";
constexpr const char* kQwen2Split =
    R"re((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)re";
constexpr const char* kQwen35Split =
    R"re((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?[\p{L}\p{M}]+|\p{N}| ?[^\s\p{L}\p{M}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)re";
constexpr const char* kTekkenSplit =
    R"re([^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+)re";
constexpr const char* kGpt4oSplit =
    R"re([^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+)re";

const char* split_regex(std::string_view pre) {
  static const std::pair<const char*, const char*> kSplits[] = {
      {"llama3", kLlama3Split},       {"llama-v3", kLlama3Split},    {"llama-bpe", kLlama3Split},
      {"falcon3", kLlama3Split},      {"falcon-h1", kLlama3Split},   {"pixtral", kLlama3Split},
      {"midm-2.0", kLlama3Split},     {"lfm2", kLlama3Split},        {"jina-v5-nano", kLlama3Split},
      {"dbrx", kLlama3Split},         {"smaug-bpe", kLlama3Split},   {"tekken", kTekkenSplit},
      {"qwen2", kQwen2Split},         {"deepseek-r1-qwen", kQwen2Split}, {"kormo", kQwen2Split},
      {"f2llmv2", kQwen2Split},       {"megrez", kQwen2Split},       {"qwen35", kQwen35Split},
      {"gpt-4o", kGpt4oSplit},        {"llama4", kGpt4oSplit},       {"kanana2", kGpt4oSplit},
      {"talkie", kGpt4oSplit},        {"minimax-m2", kGpt4oSplit},
  };
  for (const auto& [name, regex] : kSplits) {
    if (pre == name) return regex;
  }
  return nullptr;
}

// The vocabulary as a Python dict {token: id} built in id order: a token listed twice keeps its
// first place and takes its last id.
class Vocabulary {
 public:
  void add(std::string token, int64_t id) {
    auto [it, inserted] = index_.try_emplace(token, entries_.size());
    if (inserted) {
      entries_.emplace_back(std::move(token), id);
    } else {
      entries_[it->second].second = id;
    }
  }
  std::optional<int64_t> id(const std::string& token) const {
    auto it = index_.find(token);
    if (it == index_.end()) return std::nullopt;
    return entries_[it->second].second;
  }
  const std::vector<std::pair<std::string, int64_t>>& entries() const { return entries_; }
  json to_json() const {
    json vocab = json::object();
    for (const auto& [token, id] : entries_) vocab[token] = id;
    return vocab;
  }

 private:
  std::vector<std::pair<std::string, int64_t>> entries_;
  std::unordered_map<std::string, std::size_t> index_;
};

struct GgufVocab {
  std::string model;  // tokenizer.ggml.model
  std::vector<std::string> tokens;
  std::vector<int64_t> types;  // empty when the file has none
  std::vector<double> scores;  // empty when the file has none
};

GgufVocab read_vocab(const GgufFile& file) {
  GgufVocab v;
  const auto model = file.string("tokenizer.ggml.model");
  const std::string supported = "gpt2 (byte-level BPE), llama (SentencePiece)";
  if (!model) file.fail("tokenizer.ggml.model", "missing; expected one of " + supported);
  v.model = *model;
  if (v.model != "gpt2" && v.model != "llama")
    file.fail("tokenizer.ggml.model", "\"" + v.model + "\" is not supported; supported: " + supported);
  const uint64_t n = static_cast<uint64_t>(gguf_token_count(file));
  const GgufValue* tokens = file.array("tokenizer.ggml.tokens", GgufType::String);
  v.tokens.reserve(n);
  for (uint64_t i = 0; i < n; ++i) v.tokens.emplace_back(*tokens->element(i).string());

  const auto same_length = [&](const char* key, const GgufValue* array) {
    if (array->size() != n)
      file.fail(key, "has " + std::to_string(array->size()) + " entries for " + std::to_string(n) +
                         " tokens; expected one per token");
  };
  if (const GgufValue* types = file.array("tokenizer.ggml.token_type", GgufType::I32)) {
    same_length("tokenizer.ggml.token_type", types);
    for (uint64_t i = 0; i < n; ++i) {
      const auto type = types->element(i).integer();
      if (!type)
        file.fail("tokenizer.ggml.token_type", "the type of token " + std::to_string(i) + " does not fit in 64 bits");
      v.types.push_back(*type);
    }
  }
  if (const GgufValue* scores = file.array("tokenizer.ggml.scores", GgufType::F32)) {
    same_length("tokenizer.ggml.scores", scores);
    for (uint64_t i = 0; i < n; ++i) {
      const double score = *scores->element(i).number();
      if (std::isnan(score)) file.fail("tokenizer.ggml.scores", "the score of token " + std::to_string(i) + " is NaN");
      v.scores.push_back(score);
    }
  }
  return v;
}

bool in_byte_alphabet(std::string_view token) {
  for (std::size_t pos = 0; pos < token.size();) {
    if (!tok::char_to_byte(tok::next_code_point(token, pos))) return false;
  }
  return true;
}

// A token as the byte-level vocabulary spells it: unchanged when every character is in the byte
// alphabet, else each of its UTF-8 bytes as its alphabet character.
std::string byte_level_spelling(const std::string& token) {
  if (in_byte_alphabet(token)) return token;
  std::string spelled;
  for (char c : token) tok::append_utf8(spelled, tok::byte_to_char(static_cast<unsigned char>(c)));
  return spelled;
}

json merges_from_file(const GgufFile& file, const GgufValue& merges, const Vocabulary& vocab) {
  const char* key = "tokenizer.ggml.merges";
  json out = json::array();
  for (uint64_t i = 0; i < merges.size(); ++i) {
    const std::string_view merge = *merges.element(i).string();
    const std::size_t space = merge.find(' ');
    if (space == std::string_view::npos || merge.find(' ', space + 1) != std::string_view::npos)
      file.fail(key, "merge " + std::to_string(i) + " \"" + std::string(merge) +
                         "\" is not two tokens separated by one space");
    const std::string left(merge.substr(0, space)), right(merge.substr(space + 1));
    for (const std::string& part : {left, right, left + right}) {
      if (!vocab.id(part))
        file.fail(key, "merge " + std::to_string(i) + " \"" + std::string(merge) + "\": \"" + part +
                           "\" is not in tokenizer.ggml.tokens");
    }
    out.push_back({left, right});
  }
  return out;
}

// transformers' generate_merges(vocab, scores): every split of every token into two tokens of the
// vocabulary, the splits of one token ordered by the ids of their parts, then all of them by the
// token's score, best first, ties by the lengths (in characters) of the two parts, longest first,
// and otherwise in the order found (a stable sort).
json merges_from_scores(const GgufVocab& gguf, const Vocabulary& vocab) {
  struct Merge {
    std::string left, right;
    double score;
    std::size_t left_chars, right_chars;
  };
  // A token listed twice keeps its first place and its last score, as dict(zip(tokens, scores)).
  Vocabulary order;
  for (std::size_t i = 0; i < gguf.tokens.size(); ++i) order.add(gguf.tokens[i], static_cast<int64_t>(i));
  std::vector<Merge> merges;
  for (const auto& [token, last] : order.entries()) {
    std::vector<Merge> local;
    std::size_t left_chars = 0;
    const std::size_t chars = [&] {
      std::size_t n = 0;
      for (std::size_t pos = 0; pos < token.size(); ++n) tok::next_code_point(token, pos);
      return n;
    }();
    for (std::size_t pos = 0; pos < token.size();) {
      tok::next_code_point(token, pos);
      ++left_chars;
      if (pos == token.size()) break;
      std::string left = token.substr(0, pos), right = token.substr(pos);
      if (vocab.id(left) && vocab.id(right))
        local.push_back({std::move(left), std::move(right), gguf.scores[static_cast<std::size_t>(last)], left_chars,
                         chars - left_chars});
    }
    std::stable_sort(local.begin(), local.end(), [&](const Merge& a, const Merge& b) {
      return std::pair(*vocab.id(a.left), *vocab.id(a.right)) < std::pair(*vocab.id(b.left), *vocab.id(b.right));
    });
    for (auto& m : local) merges.push_back(std::move(m));
  }
  std::stable_sort(merges.begin(), merges.end(), [](const Merge& a, const Merge& b) {
    return std::tuple(a.score, a.left_chars, a.right_chars) > std::tuple(b.score, b.left_chars, b.right_chars);
  });
  json out = json::array();
  for (const auto& m : merges) out.push_back({m.left, m.right});
  return out;
}

json added_token(int64_t id, const std::string& content, bool special) {
  return {{"id", id},           {"content", content}, {"single_word", false}, {"lstrip", false},
          {"rstrip", false},    {"normalized", false}, {"special", special}};
}

// TemplateProcessing as transformers' update_post_processor writes it.
json post_processor(const std::optional<std::pair<std::string, int64_t>>& bos,
                    const std::optional<std::pair<std::string, int64_t>>& eos) {
  const auto special = [](const std::string& token, int type_id) {
    return json{{"SpecialToken", {{"id", token}, {"type_id", type_id}}}};
  };
  const auto sequence = [](const char* id, int type_id) { return json{{"Sequence", {{"id", id}, {"type_id", type_id}}}}; };
  json single = json::array(), pair = json::array(), tokens = json::object();
  for (int type_id : {0, 1}) {
    json& out = type_id == 0 ? single : pair;
    if (type_id == 1) out = single;
    if (bos) out.push_back(special(bos->first, type_id));
    out.push_back(sequence(type_id == 0 ? "A" : "B", type_id));
    if (eos) out.push_back(special(eos->first, type_id));
  }
  for (const auto& t : {bos, eos}) {
    if (t) tokens[t->first] = {{"id", t->first}, {"ids", {t->second}}, {"tokens", {t->first}}};
  }
  return {{"type", "TemplateProcessing"}, {"single", single}, {"pair", pair}, {"special_tokens", tokens}};
}

json byte_level(bool add_prefix_space, bool use_regex) {
  return {{"type", "ByteLevel"}, {"add_prefix_space", add_prefix_space}, {"trim_offsets", true}, {"use_regex", use_regex}};
}

}  // namespace

GgufTokenizerFiles gguf_tokenizer(const GgufFile& file) {
  const GgufVocab gguf = read_vocab(file);
  const bool bytes = gguf.model == "gpt2";

  Vocabulary vocab;
  for (std::size_t i = 0; i < gguf.tokens.size(); ++i)
    vocab.add(bytes ? byte_level_spelling(gguf.tokens[i]) : gguf.tokens[i], static_cast<int64_t>(i));

  json merges;
  if (const GgufValue* listed = file.array("tokenizer.ggml.merges", GgufType::String)) {
    merges = merges_from_file(file, *listed, vocab);
  } else if (!gguf.scores.empty()) {
    merges = merges_from_scores(gguf, vocab);
  } else {
    file.fail("tokenizer.ggml.merges", "missing, and no tokenizer.ggml.scores to derive the merges from");
  }

  // The tokens tokenizer_config.json names: special tokens, whatever their token_type.
  const auto named = [&](const char* key) -> std::optional<std::pair<std::string, int64_t>> {
    const auto id = file.integer(key);
    if (!id) return std::nullopt;
    if (*id >= static_cast<int64_t>(gguf.tokens.size()))
      file.fail(key, std::to_string(*id) + " is not a token id; expected less than " + std::to_string(gguf.tokens.size()));
    return std::pair{gguf.tokens[static_cast<std::size_t>(*id)], *id};
  };
  const auto bos = named("tokenizer.ggml.bos_token_id");
  const auto eos = named("tokenizer.ggml.eos_token_id");
  const auto unk = named("tokenizer.ggml.unknown_token_id");
  const auto pad = named("tokenizer.ggml.padding_token_id");

  // Added tokens in id order: control tokens (for byte-level only those spelled in the byte alphabet:
  // others are llama.cpp mislabels, and transformers skips them), the named ones, user-defined ones.
  std::vector<std::optional<bool>> added(gguf.tokens.size());  // special or not, per id
  for (std::size_t i = 0; i < gguf.types.size(); ++i) {
    if (gguf.types[i] == kControl && (!bytes || in_byte_alphabet(gguf.tokens[i]))) added[i] = true;
  }
  for (const auto& t : {bos, eos, unk, pad}) {
    if (t) added[static_cast<std::size_t>(t->second)] = true;
  }
  for (std::size_t i = 0; i < gguf.types.size(); ++i) {
    if (gguf.types[i] == kUserDefined && !added[i] && vocab.id(gguf.tokens[i])) added[i] = false;
  }
  json added_tokens = json::array();
  for (std::size_t i = 0; i < added.size(); ++i) {
    if (added[i]) added_tokens.push_back(added_token(static_cast<int64_t>(i), gguf.tokens[i], *added[i]));
  }

  const bool add_bos = file.boolean("tokenizer.ggml.add_bos_token").value_or(!bytes);
  const bool add_eos = file.boolean("tokenizer.ggml.add_eos_token").value_or(false);
  if (add_bos && !bos)
    file.fail("tokenizer.ggml.bos_token_id", "missing, but the tokenizer adds a bos token (add_bos_token)");
  if (add_eos && !eos)
    file.fail("tokenizer.ggml.eos_token_id", "missing, but the tokenizer adds an eos token (add_eos_token)");

  json model = {{"type", "BPE"},
                {"dropout", nullptr},
                {"unk_token", nullptr},
                {"fuse_unk", !bytes},
                {"byte_fallback", !bytes},
                {"ignore_merges", false},
                {"vocab", vocab.to_json()},
                {"merges", std::move(merges)}};
  json tokenizer = {{"version", "1.0"},  {"truncation", nullptr}, {"padding", nullptr},
                    {"added_tokens", std::move(added_tokens)}, {"normalizer", nullptr},
                    {"post_processor", post_processor(add_bos ? bos : decltype(bos){}, add_eos ? eos : decltype(eos){})}};
  if (bytes) {
    model["continuing_subword_prefix"] = "";
    model["end_of_word_suffix"] = "";
    const auto pre = file.string("tokenizer.ggml.pre");
    const char* split = pre ? split_regex(*pre) : nullptr;
    tokenizer["pre_tokenizer"] =
        split == nullptr ? byte_level(false, true)
                         : json{{"type", "Sequence"},
                                {"pretokenizers",
                                 {{{"type", "Split"},
                                   {"pattern", {{"Regex", split}}},
                                   {"behavior", "Isolated"},
                                   {"invert", false}},
                                  byte_level(false, false)}}};
    tokenizer["decoder"] = byte_level(true, true);
  } else {
    model["continuing_subword_prefix"] = nullptr;
    model["end_of_word_suffix"] = nullptr;
    tokenizer["pre_tokenizer"] = {
        {"type", "Metaspace"}, {"replacement", "\u2581"}, {"prepend_scheme", "first"}, {"split", false}};
    tokenizer["decoder"] = {{"type", "Sequence"},
                            {"decoders",
                             {{{"type", "Replace"}, {"pattern", {{"String", "\u2581"}}}, {"content", " "}},
                              {{"type", "ByteFallback"}},
                              {{"type", "Fuse"}},
                              {{"type", "Strip"}, {"content", " "}, {"start", 1}, {"stop", 0}}}}};
  }
  tokenizer["model"] = std::move(model);

  const auto token_or_null = [](const std::optional<std::pair<std::string, int64_t>>& t) {
    return t ? json(t->first) : json(nullptr);
  };
  json config = {{"tokenizer_class", "PreTrainedTokenizerFast"},
                 {"add_bos_token", add_bos},
                 {"add_eos_token", add_eos},
                 {"bos_token", token_or_null(bos)},
                 {"eos_token", token_or_null(eos)},
                 {"unk_token", token_or_null(unk)},
                 {"pad_token", token_or_null(pad)},
                 {"clean_up_tokenization_spaces", false}};
  if (const auto chat_template = file.string("tokenizer.chat_template")) config["chat_template"] = *chat_template;
  return {std::move(tokenizer), std::move(config)};
}

}  // namespace sparsetune
