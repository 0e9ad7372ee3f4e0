#include "core/tokenizer/decoders.h"

#include "core/tokenizer/byte_level.h"
#include "core/tokenizer/json_field.h"
#include "core/tokenizer/normalized_string.h"
#include "core/tokenizer/pre_tokenizers.h"
#include "core/tokenizer/utf8.h"

namespace sparsetune::tok {
namespace {

class ByteLevel final : public Decoder {
 public:
  void decode_chain(std::vector<std::string>& tokens) const override {
    std::string bytes;
    for (const std::string& token : tokens) {
      // A token with a character outside the byte alphabet (an added token) stays as it is.
      std::string token_bytes;
      bool in_alphabet = true;
      for (std::size_t pos = 0; pos < token.size() && in_alphabet;) {
        const auto byte = char_to_byte(next_code_point(token, pos));
        if (byte) token_bytes += static_cast<char>(*byte);
        in_alphabet = byte.has_value();
      }
      bytes += in_alphabet ? token_bytes : token;
    }
    tokens = {utf8_lossy(bytes)};
  }
};

class Metaspace final : public Decoder {
 public:
  Metaspace(char32_t replacement, PrependScheme scheme)
      : replacement_(replacement), scheme_(scheme) {}

  void decode_chain(std::vector<std::string>& tokens) const override {
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      // The first token loses every replacement character, not just a leading one.
      const bool drop = i == 0 && scheme_ != PrependScheme::Never;
      std::string decoded;
      for (std::size_t pos = 0; pos < tokens[i].size();) {
        const char32_t c = next_code_point(tokens[i], pos);
        if (c != replacement_) {
          append_utf8(decoded, c);
        } else if (!drop) {
          decoded += ' ';
        }
      }
      tokens[i] = std::move(decoded);
    }
  }

 private:
  char32_t replacement_;
  PrependScheme scheme_;
};

class Replace final : public Decoder {
 public:
  Replace(Pattern pattern, std::string content)
      : pattern_(std::move(pattern)), content_(std::move(content)) {}

  void decode_chain(std::vector<std::string>& tokens) const override {
    for (std::string& token : tokens) {
      NormalizedString s(token);
      s.replace(pattern_.find_all(token), content_);
      token = s.text();
    }
  }

 private:
  Pattern pattern_;
  std::string content_;
};

// "<0xNN>" -> the byte, read as Rust's u8::from_str_radix(NN, 16) reads it (a '+' sign included).
std::optional<unsigned char> byte_token(const std::string& token) {
  if (token.size() != 6 || token.compare(0, 3, "<0x") != 0 || token[5] != '>') return std::nullopt;
  std::string_view digits = std::string_view(token).substr(3, 2);
  if (digits[0] == '+') digits.remove_prefix(1);
  unsigned value = 0;
  for (const char c : digits) {
    const int digit = c >= '0' && c <= '9'   ? c - '0'
                      : c >= 'a' && c <= 'f' ? c - 'a' + 10
                      : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                             : -1;
    if (digit < 0) return std::nullopt;
    value = value * 16 + static_cast<unsigned>(digit);
  }
  return static_cast<unsigned char>(value);
}

class ByteFallback final : public Decoder {
 public:
  void decode_chain(std::vector<std::string>& tokens) const override {
    std::vector<std::string> result;
    std::string bytes;
    // A run of byte tokens becomes its text, or one U+FFFD per byte if that is not valid UTF-8.
    const auto flush = [&] {
      if (bytes.empty()) return;
      if (find_invalid_utf8(bytes)) {
        result.insert(result.end(), bytes.size(), "\xEF\xBF\xBD");
      } else {
        result.push_back(bytes);
      }
      bytes.clear();
    };
    for (std::string& token : tokens) {
      if (const auto byte = byte_token(token)) {
        bytes += static_cast<char>(*byte);
        continue;
      }
      flush();
      result.push_back(std::move(token));
    }
    flush();
    tokens = std::move(result);
  }
};

class Fuse final : public Decoder {
 public:
  void decode_chain(std::vector<std::string>& tokens) const override {
    std::string fused;
    for (const std::string& token : tokens) fused += token;
    tokens = {fused};
  }
};

class Strip final : public Decoder {
 public:
  Strip(char32_t content, std::size_t start, std::size_t stop)
      : content_(content), start_(start), stop_(stop) {}

  void decode_chain(std::vector<std::string>& tokens) const override {
    for (std::string& token : tokens) {
      std::vector<std::size_t> offsets;  // byte offset of each character, then the end
      for (std::size_t pos = 0; pos < token.size(); pos += utf8_length(token[pos])) {
        offsets.push_back(pos);
      }
      offsets.push_back(token.size());
      const std::size_t chars = offsets.size() - 1;
      const auto is_content = [&](std::size_t i) {
        return first_code_point(std::string_view(token).substr(offsets[i])) == content_;
      };
      std::size_t first = 0;
      while (first < start_ && first < chars && is_content(first)) ++first;
      // Never past the start cut (where `tokenizers` would panic).
      std::size_t last = chars;
      while (chars - last < stop_ && last > first && is_content(last - 1)) --last;
      token = token.substr(offsets[first], offsets[last] - offsets[first]);
    }
  }

 private:
  char32_t content_;
  std::size_t start_, stop_;
};

class Sequence final : public Decoder {
 public:
  explicit Sequence(std::vector<std::unique_ptr<Decoder>> steps) : steps_(std::move(steps)) {}
  void decode_chain(std::vector<std::string>& tokens) const override {
    for (const auto& step : steps_) step->decode_chain(tokens);
  }

 private:
  std::vector<std::unique_ptr<Decoder>> steps_;
};

}  // namespace

std::unique_ptr<Decoder> parse_decoder(const JsonField& field) {
  const std::string type = field.type();
  if (type == "ByteLevel") return std::make_unique<ByteLevel>();
  if (type == "Metaspace") {
    return std::make_unique<Metaspace>(field.at("replacement").character(),
                                       parse_prepend_scheme(field));
  }
  if (type == "Replace") {
    return std::make_unique<Replace>(Pattern::from_json(field.at("pattern")),
                                     field.at("content").string());
  }
  if (type == "ByteFallback") return std::make_unique<ByteFallback>();
  if (type == "Fuse") return std::make_unique<Fuse>();
  if (type == "Strip") {
    return std::make_unique<Strip>(field.at("content").character(), field.at("start").count(),
                                   field.at("stop").count());
  }
  if (type == "Sequence") {
    const JsonField list = field.at("decoders");
    std::vector<std::unique_ptr<Decoder>> steps;
    for (std::size_t i = 0; i < list.array_size(); ++i) steps.push_back(parse_decoder(list.at(i)));
    return std::make_unique<Sequence>(std::move(steps));
  }
  field.at("type").fail(
      in_quotes(type) +
      " is not supported (supported: ByteLevel, Metaspace, Replace, ByteFallback, "
      "Fuse, Strip, Sequence)");
}

}  // namespace sparsetune::tok
