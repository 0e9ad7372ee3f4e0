#include "widgets/recipe_diff.h"

#include <yaml-cpp/yaml.h>

#include <map>
#include <utility>

namespace sparsetune::widgets {

namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;  // in document order

// A node written on one line: scalars as written, sequences as "[a, b]", maps as "{k: v}".
std::string inline_text(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Scalar: return node.Scalar();
    case YAML::NodeType::Sequence: {
      std::string text = "[";
      for (std::size_t i = 0; i < node.size(); ++i) {
        if (i > 0) text.append(", ");
        text.append(inline_text(node[i]));
      }
      return text.append("]");
    }
    case YAML::NodeType::Map: {
      std::string text = "{";
      bool first = true;
      for (const auto& entry : node) {
        if (!first) text.append(", ");
        first = false;
        text.append(inline_text(entry.first)).append(": ").append(inline_text(entry.second));
      }
      return text.append("}");
    }
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined: return "";
  }
  return "";
}

// Maps become dotted paths down to their leaves; every other node is one field.
void flatten(const YAML::Node& node, const std::string& path, Fields& fields) {
  if (node.IsMap() && node.size() > 0) {
    for (const auto& entry : node) {
      std::string child = path;
      if (!child.empty()) child.append(".");
      child.append(entry.first.Scalar());
      flatten(entry.second, child, fields);
    }
    return;
  }
  fields.emplace_back(path, inline_text(node));
}

Fields fields_of(const std::string& yaml) {
  Fields fields;
  try {
    const YAML::Node root = YAML::Load(yaml);
    if (!root.IsNull()) flatten(root, "", fields);
  } catch (const YAML::Exception& e) {
    fields = {{"(yaml error)", e.what()}};
  }
  return fields;
}

}  // namespace

std::vector<RecipeDiffRow> recipe_differences(const std::vector<std::string>& recipe_yamls) {
  std::vector<RecipeDiffRow> rows;
  std::map<std::string, std::size_t> row_of;
  for (std::size_t recipe = 0; recipe < recipe_yamls.size(); ++recipe) {
    for (auto& [field, value] : fields_of(recipe_yamls[recipe])) {
      auto [it, added] = row_of.try_emplace(field, rows.size());
      if (added) rows.push_back({field, std::vector<std::string>(recipe_yamls.size(), kMissingValue), false});
      rows[it->second].values[recipe] = std::move(value);
    }
  }
  for (auto& row : rows)
    for (const auto& value : row.values)
      if (value != row.values.front()) row.differs = true;
  return rows;
}

}  // namespace sparsetune::widgets
