#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace sparsetune::tok {

// A value inside a JSON file together with its path (e.g. `pre_tokenizer.pretokenizers[1].type`),
// so that every complaint about it is an InputError naming the file and the field.
class JsonField {
 public:
  // `file` must outlive the field and everything derived from it.
  JsonField(const nlohmann::json& value, const std::string& file, std::string path);

  const nlohmann::json& json() const { return *value_; }
  const std::string& file() const { return *file_; }
  const std::string& path() const { return path_; }

  // A member that must be present (it may be null only where `find` is used instead).
  JsonField at(std::string_view key) const;
  // A member that may be absent or null.
  std::optional<JsonField> find(std::string_view key) const;
  JsonField at(std::size_t index) const;
  std::size_t array_size() const;

  std::string string() const;
  char32_t character() const;  // a string of exactly one code point
  bool boolean() const;
  std::optional<bool> optional_boolean(std::string_view key) const;
  int32_t token_id() const;   // a JSON integer in [0, 2^31)
  std::size_t count() const;  // a non-negative JSON integer
  void expect_object() const;
  // The `type` member of a component object.
  std::string type() const;

  [[noreturn]] void fail(const std::string& problem) const;

 private:
  void expect(bool ok, const char* expected) const;

  const nlohmann::json* value_;
  const std::string* file_;
  std::string path_;
};

// `s` in double quotes, for messages.
std::string in_quotes(std::string_view s);

// Parses `text` (the contents of `file`), throwing InputError for malformed JSON.
nlohmann::json parse_json(const std::string& text, const std::string& file);
std::string read_file(const std::string& file);

}  // namespace sparsetune::tok
