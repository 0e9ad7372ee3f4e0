#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace sparsetune {

struct JsonLine {
  std::size_t line;  // 1-based line number in the file, for error messages
  nlohmann::json value;
};

// One JSON object per line (blank lines skipped). InputError("<file>", "line N", ...) for a line that
// is not valid JSON, not an object, or not UTF-8.
std::vector<JsonLine> read_jsonl(const std::filesystem::path& path);

// The string field `name` of `record` read from line `line` of `file`; InputError naming all three
// when it is missing or not a string.
std::string string_field(const nlohmann::json& record, const std::string& name, const std::filesystem::path& file,
                         std::size_t line);

}  // namespace sparsetune
