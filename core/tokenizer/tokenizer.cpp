#include "core/tokenizer/tokenizer.h"

#include <algorithm>

#include "core/tokenizer/added_vocabulary.h"
#include "core/tokenizer/bpe_model.h"
#include "core/tokenizer/decoders.h"
#include "core/tokenizer/json_field.h"
#include "core/tokenizer/normalizers.h"
#include "core/tokenizer/post_processors.h"
#include "core/tokenizer/pre_tokenizers.h"
#include "core/tokenizer/utf8.h"
#include "core/util/error.h"

namespace sparsetune {

struct Tokenizer::Impl {
  std::string file;
  std::unique_ptr<tok::Normalizer> normalizer;
  std::unique_ptr<tok::PreTokenizer> pre_tokenizer;
  std::unique_ptr<tok::BpeModel> model;
  std::unique_ptr<tok::AddedVocabulary> added;
  std::unique_ptr<tok::PostProcessor> post_processor;
  std::unique_ptr<tok::Decoder> decoder;
  std::optional<int32_t> bos, eos;

  const std::string* token_of(int32_t id) const {
    const std::string* token = added->id_to_token(id);
    return token ? token : model->id_to_token(id);
  }
};

namespace {

// Used when no tokenizer_config.json names them.
constexpr const char* kBosNames[] = {"<s>", "<|begin_of_text|>", "<bos>", "<|startoftext|>"};
constexpr const char* kEosNames[] = {"</s>", "<|end_of_text|>", "<|endoftext|>", "<eos>"};

}  // namespace

Tokenizer::Tokenizer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Tokenizer::Tokenizer(Tokenizer&&) noexcept = default;
Tokenizer& Tokenizer::operator=(Tokenizer&&) noexcept = default;
Tokenizer::~Tokenizer() = default;

Tokenizer Tokenizer::from_file(const std::filesystem::path& tokenizer_json) {
  auto impl = std::make_unique<Impl>();
  impl->file = tokenizer_json.string();
  const nlohmann::json json = tok::parse_json(tok::read_file(impl->file), impl->file);
  const tok::JsonField root(json, impl->file, "");
  root.expect_object();
  // truncation and padding are not read: fitting sequences to a length is the caller's job.
  if (const auto field = root.find("normalizer")) impl->normalizer = tok::parse_normalizer(*field);
  if (const auto field = root.find("pre_tokenizer")) {
    impl->pre_tokenizer = tok::parse_pre_tokenizer(*field);
  }
  impl->model = std::make_unique<tok::BpeModel>(root.at("model"));
  impl->added = std::make_unique<tok::AddedVocabulary>(root.find("added_tokens"), *impl->model,
                                                       impl->normalizer.get());
  if (const auto field = root.find("post_processor")) {
    impl->post_processor = tok::parse_post_processor(*field);
  }
  if (const auto field = root.find("decoder")) impl->decoder = tok::parse_decoder(*field);

  Tokenizer tokenizer(std::move(impl));
  for (const char* name : kBosNames) {
    if (!tokenizer.impl_->bos) tokenizer.impl_->bos = tokenizer.token_to_id(name);
  }
  for (const char* name : kEosNames) {
    if (!tokenizer.impl_->eos) tokenizer.impl_->eos = tokenizer.token_to_id(name);
  }
  return tokenizer;
}

Tokenizer Tokenizer::from_directory(const std::filesystem::path& dir) {
  Tokenizer tokenizer = from_file(dir / "tokenizer.json");
  const std::string file = (dir / "tokenizer_config.json").string();
  if (!std::filesystem::exists(file)) return tokenizer;
  const nlohmann::json json = tok::parse_json(tok::read_file(file), file);
  const tok::JsonField root(json, file, "");
  root.expect_object();
  const auto read = [&](std::string_view key, std::optional<int32_t>& id) {
    const auto field = root.find(key);
    if (!field || field->json().is_null()) return;
    // A plain string, or an AddedToken object with its text in "content".
    const std::string content =
        field->json().is_object() ? field->at("content").string() : field->string();
    id = tokenizer.token_to_id(content);
    if (!id) field->fail(tok::in_quotes(content) + " is not a token of " + tokenizer.impl_->file);
  };
  read("bos_token", tokenizer.impl_->bos);
  read("eos_token", tokenizer.impl_->eos);
  return tokenizer;
}

std::vector<int32_t> Tokenizer::encode(std::string_view text, bool add_special_tokens) const {
  if (const auto bad = tok::find_invalid_utf8(text)) {
    throw InputError("<text>", "utf-8", "invalid UTF-8 at byte " + std::to_string(*bad));
  }
  std::vector<tok::Split> splits =
      impl_->added->extract_and_normalize(text, impl_->normalizer.get());
  if (impl_->pre_tokenizer) impl_->pre_tokenizer->pre_tokenize(splits);
  std::vector<int32_t> ids;
  for (const tok::Split& split : splits) {
    if (split.token) {
      ids.push_back(*split.token);
    } else {
      impl_->model->tokenize(split.text.text(), ids);
    }
  }
  if (add_special_tokens && impl_->post_processor) impl_->post_processor->add_special_tokens(ids);
  return ids;
}

Tokenizer::SpecialTokens Tokenizer::special_tokens_around_a_sequence() const {
  if (!impl_->post_processor) return {};
  // Post-processors only place special tokens around the sequence, so a marker id shows where it went.
  constexpr int32_t kMarker = -1;
  std::vector<int32_t> ids = {kMarker};
  impl_->post_processor->add_special_tokens(ids);
  const auto at = std::find(ids.begin(), ids.end(), kMarker);
  return {std::vector<int32_t>(ids.begin(), at), std::vector<int32_t>(at + 1, ids.end())};
}

std::string Tokenizer::decode(const std::vector<int32_t>& ids, bool skip_special_tokens) const {
  // Unknown ids are skipped, as `tokenizers` does.
  std::vector<std::string> tokens;
  for (const int32_t id : ids) {
    const std::string* token = impl_->token_of(id);
    // Like `tokenizers`, skipping goes by the token's text, so a normalized special token whose
    // normalized text differs from its content is kept.
    if (token && !(skip_special_tokens && impl_->added->is_special_content(*token))) {
      tokens.push_back(*token);
    }
  }
  std::string text;
  if (!impl_->decoder) {
    // Without a decoder `tokenizers` joins the tokens with spaces.
    for (std::size_t i = 0; i < tokens.size(); ++i) text += (i ? " " : "") + tokens[i];
    return text;
  }
  impl_->decoder->decode_chain(tokens);
  for (const std::string& piece : tokens) text += piece;
  return text;
}

std::optional<int32_t> Tokenizer::token_to_id(std::string_view token) const {
  if (const auto id = impl_->added->token_to_id(token)) return id;
  return impl_->model->token_to_id(token);
}

std::string Tokenizer::id_to_token(int32_t id) const {
  const std::string* token = impl_->token_of(id);
  if (!token) throw InputError("<ids>", "id", "no token has id " + std::to_string(id));
  return *token;
}

std::size_t Tokenizer::vocab_size() const {
  return impl_->model->vocab_size() + impl_->added->count_beyond(*impl_->model);
}

std::optional<int32_t> Tokenizer::bos_id() const { return impl_->bos; }
std::optional<int32_t> Tokenizer::eos_id() const { return impl_->eos; }

bool Tokenizer::is_special(int32_t id) const {
  const tok::AddedToken* token = impl_->added->find(id);
  return token && token->special;
}

}  // namespace sparsetune
