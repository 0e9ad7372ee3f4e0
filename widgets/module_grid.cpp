#include "widgets/module_grid.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <set>
#include <string_view>

namespace sparsetune::widgets {

namespace {

// The containers of the decoder blocks: model.layers.N (Llama, Qwen, Mistral), transformer.h.N
// (GPT-2), transformer.blocks.N (MPT).
constexpr std::array<std::string_view, 3> kBlockContainers = {"layers", "h", "blocks"};

// Llama-family kinds drop their attention / MLP container: the projection names are unique on their
// own. GPT-2's c_proj exists in both attn and mlp, and MPT's up/down_proj sit in "ffn", so theirs stay.
constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kShortKinds = {{
    {"self_attn.q_proj", "q_proj"},
    {"self_attn.k_proj", "k_proj"},
    {"self_attn.v_proj", "v_proj"},
    {"self_attn.o_proj", "o_proj"},
    {"mlp.gate_proj", "gate_proj"},
    {"mlp.up_proj", "up_proj"},
    {"mlp.down_proj", "down_proj"},
}};

// Attention first, then the MLP, each in the order the forward pass uses them.
constexpr std::array<std::string_view, 15> kCanonicalKinds = {
    "q_proj",    "k_proj",  "v_proj",    "o_proj",   "attn.c_attn", "attn.c_proj", "attn.Wqkv",     "attn.out_proj",
    "gate_proj", "up_proj", "down_proj", "mlp.c_fc", "mlp.c_proj",  "ffn.up_proj", "ffn.down_proj",
};

std::vector<std::string_view> split_dots(std::string_view path) {
  std::vector<std::string_view> parts;
  std::size_t begin = 0;
  while (true) {
    const std::size_t dot = path.find('.', begin);
    parts.push_back(path.substr(begin, dot == std::string_view::npos ? std::string_view::npos : dot - begin));
    if (dot == std::string_view::npos) return parts;
    begin = dot + 1;
  }
}

bool parse_index(std::string_view text, int& value) {
  if (text.empty()) return false;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size() && value >= 0;
}

std::size_t canonical_rank(const std::string& kind) {
  return static_cast<std::size_t>(std::find(kCanonicalKinds.begin(), kCanonicalKinds.end(), kind) - kCanonicalKinds.begin());
}

}  // namespace

ModulePlace module_place(const std::string& module_path) {
  const auto parts = split_dots(module_path);
  for (std::size_t i = 0; i + 2 < parts.size(); ++i) {
    int block = 0;
    if (std::find(kBlockContainers.begin(), kBlockContainers.end(), parts[i]) == kBlockContainers.end() ||
        !parse_index(parts[i + 1], block))
      continue;
    std::string kind(parts[i + 2]);
    for (std::size_t j = i + 3; j < parts.size(); ++j) kind.append(".").append(parts[j]);
    for (const auto& [long_kind, short_kind] : kShortKinds)
      if (kind == long_kind) kind = short_kind;
    return {block, kind};
  }
  return {-1, ""};
}

ModuleGrid layout_modules(const std::vector<std::string>& module_paths) {
  std::set<int> blocks;
  std::vector<std::string> kinds_seen;  // first-seen order, each once
  std::vector<std::string> outside;     // paths outside any block, each once
  for (const auto& path : module_paths) {
    const ModulePlace place = module_place(path);
    if (place.block < 0) {
      if (std::find(outside.begin(), outside.end(), path) == outside.end()) outside.push_back(path);
      continue;
    }
    blocks.insert(place.block);
    if (std::find(kinds_seen.begin(), kinds_seen.end(), place.kind) == kinds_seen.end()) kinds_seen.push_back(place.kind);
  }

  ModuleGrid grid;
  grid.kinds = kinds_seen;
  // Stable: unknown kinds share the rank past the canonical list and keep their first-seen order.
  std::stable_sort(grid.kinds.begin(), grid.kinds.end(),
                   [](const std::string& a, const std::string& b) { return canonical_rank(a) < canonical_rank(b); });

  std::map<int, int> row_of_block;
  for (int block : blocks) {
    row_of_block[block] = static_cast<int>(grid.blocks.size());
    grid.blocks.push_back(block);
    grid.row_labels.push_back(std::to_string(block));
  }
  for (const auto& path : outside) {
    grid.cell_of[path] = {static_cast<int>(grid.blocks.size()), 0};
    grid.blocks.push_back(-1);
    grid.row_labels.push_back(path);
  }
  for (const auto& path : module_paths) {
    const ModulePlace place = module_place(path);
    if (place.block < 0) continue;
    const auto col = std::find(grid.kinds.begin(), grid.kinds.end(), place.kind) - grid.kinds.begin();
    grid.cell_of[path] = {row_of_block.at(place.block), static_cast<int>(col)};
  }
  return grid;
}

}  // namespace sparsetune::widgets
