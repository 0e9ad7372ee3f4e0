#include "core/tokenizer/json_field.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "core/tokenizer/utf8.h"
#include "core/util/error.h"

namespace sparsetune::tok {

JsonField::JsonField(const nlohmann::json& value, const std::string& file, std::string path)
    : value_(&value), file_(&file), path_(std::move(path)) {}

void JsonField::fail(const std::string& problem) const {
  throw InputError(*file_, path_.empty() ? "(root)" : path_, problem);
}

void JsonField::expect(bool ok, const char* expected) const {
  if (!ok) fail(std::string("expected ") + expected + ", got " + value_->type_name());
}

void JsonField::expect_object() const { expect(value_->is_object(), "an object"); }

JsonField JsonField::at(std::string_view key) const {
  expect_object();
  const auto it = value_->find(key);
  const std::string child = path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  if (it == value_->end()) throw InputError(*file_, child, "missing");
  return JsonField(*it, *file_, child);
}

std::optional<JsonField> JsonField::find(std::string_view key) const {
  expect_object();
  const auto it = value_->find(key);
  if (it == value_->end() || it->is_null()) return std::nullopt;
  return at(key);
}

JsonField JsonField::at(std::size_t index) const {
  expect(value_->is_array(), "an array");
  return JsonField((*value_)[index], *file_, path_ + "[" + std::to_string(index) + "]");
}

std::size_t JsonField::array_size() const {
  expect(value_->is_array(), "an array");
  return value_->size();
}

std::string JsonField::string() const {
  expect(value_->is_string(), "a string");
  return value_->get<std::string>();
}

char32_t JsonField::character() const {
  const std::string s = string();
  if (s.empty() || utf8_length(s[0]) != s.size()) {
    fail("expected a single character, got " + in_quotes(s));
  }
  return first_code_point(s);
}

bool JsonField::boolean() const {
  expect(value_->is_boolean(), "true or false");
  return value_->get<bool>();
}

std::optional<bool> JsonField::optional_boolean(std::string_view key) const {
  const auto field = find(key);
  if (!field) return std::nullopt;
  return field->boolean();
}

int32_t JsonField::token_id() const {
  const bool ok =
      value_->is_number_unsigned() || (value_->is_number_integer() && value_->get<int64_t>() >= 0);
  expect(ok, "a non-negative integer");
  const auto id = value_->get<uint64_t>();
  if (id > static_cast<uint64_t>(std::numeric_limits<int32_t>::max())) {
    fail("token id " + std::to_string(id) + " is out of range (at most 2147483647)");
  }
  return static_cast<int32_t>(id);
}

std::size_t JsonField::count() const {
  const bool ok =
      value_->is_number_unsigned() || (value_->is_number_integer() && value_->get<int64_t>() >= 0);
  expect(ok, "a non-negative integer");
  return value_->get<std::size_t>();
}

std::string JsonField::type() const { return at("type").string(); }

std::string in_quotes(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out += '"';
  out += s;
  out += '"';
  return out;
}

std::string read_file(const std::string& file) {
  // Opening a directory succeeds and reading it yields nothing, which would read as bad JSON.
  std::error_code ignored;
  if (std::filesystem::is_directory(file, ignored)) {
    throw InputError(file, "(file)", "is a directory");
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(file, "(file)", std::string("cannot be read: ") + std::strerror(errno));
  std::ostringstream contents;
  contents << in.rdbuf();
  return std::move(contents).str();
}

nlohmann::json parse_json(const std::string& text, const std::string& file) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    // nlohmann's message starts with an internal tag ("[json.exception.parse_error.101] ").
    std::string message = e.what();
    if (const auto tag_end = message.find("] "); tag_end != std::string::npos) {
      message.erase(0, tag_end + 2);
    }
    throw InputError(file, "(json)", "malformed JSON: " + message);
  }
}

}  // namespace sparsetune::tok
