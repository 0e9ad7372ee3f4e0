#pragma once
#include <string>
#include <vector>

namespace sparsetune::widgets {

// One field of the recipes being compared, with its value in each (in the order given).
struct RecipeDiffRow {
  std::string field;                // dotted path: "pruning.schedule.kind"
  std::vector<std::string> values;  // one per recipe; kMissingValue where a recipe lacks the field
  bool differs = false;             // not every recipe has the same value
};

// Shown for a field a recipe does not have.
inline constexpr const char* kMissingValue = "—";

// Flattens each recipe's YAML into dotted field paths (a sequence becomes one value, "[a, b]", a
// nested one "[[0, 0.5], [100, 0.7]]") and lines them up: the fields in the first recipe's order,
// then those only later recipes have, in their order. A recipe that is not valid YAML has one field,
// "(yaml error)", holding the parser's message.
std::vector<RecipeDiffRow> recipe_differences(const std::vector<std::string>& recipe_yamls);

}  // namespace sparsetune::widgets
