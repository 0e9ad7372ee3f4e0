#include "core/data/jsonl.h"

#include <sstream>

#include "core/util/error.h"
#include "core/util/text_file.h"

namespace sparsetune {

std::vector<JsonLine> read_jsonl(const std::filesystem::path& path) {
  const std::string text = read_text_file(path);
  std::vector<JsonLine> records;
  std::istringstream in(text);
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    nlohmann::json record;
    try {
      record = nlohmann::json::parse(line);
    } catch (const nlohmann::json::parse_error& e) {
      throw InputError(path.string(), "line " + std::to_string(number), std::string("invalid JSON: ") + e.what());
    }
    if (!record.is_object())
      throw InputError(path.string(), "line " + std::to_string(number), "expected a JSON object, got " + std::string(record.type_name()));
    records.push_back({number, std::move(record)});
  }
  return records;
}

std::string string_field(const nlohmann::json& record, const std::string& name, const std::filesystem::path& file,
                         std::size_t line) {
  auto it = record.find(name);
  if (it == record.end() || !it->is_string())
    throw InputError(file.string(), "line " + std::to_string(line) + ": " + name,
                     it == record.end() ? "missing; expected a string" : "expected a string, got " + std::string(it->type_name()));
  return it->get<std::string>();
}

}  // namespace sparsetune
