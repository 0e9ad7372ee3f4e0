// Recipe ⇄ YAML. Loading is strict: every key must be known (a typo is reported, with the allowed keys
// and a suggestion, rather than silently leaving a default in place), every value must have its type,
// and all such problems are reported together.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <optional>
#include <set>
#include <utility>

#include "core/train/recipe.h"
#include "core/util/text_file.h"

namespace sparsetune {
namespace {

// " (line L, column C)", 1-based, for a node read from text.
std::string where(const YAML::Node& node) {
  const auto mark = node.Mark();
  if (mark.is_null()) return "";
  return " (line " + std::to_string(mark.line + 1) + ", column " + std::to_string(mark.column + 1) + ")";
}

// What a node is, for "expected X, got Y".
std::string describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Null:
      return "nothing";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a mapping";
    default:
      return "'" + node.Scalar() + "'";
  }
}

std::optional<double> to_double(const YAML::Node& node) {
  if (!node.IsScalar()) return std::nullopt;
  std::string_view text = node.Scalar();
  // YAML spells the non-finite numbers .inf, -.inf and .nan (also .Inf, .INF, ...).
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  if (lower == ".inf" || lower == "+.inf") return HUGE_VAL;
  if (lower == "-.inf") return -HUGE_VAL;
  if (lower == ".nan") return std::nan("");
  if (text.starts_with('+')) text.remove_prefix(1);  // from_chars takes no '+'
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

std::optional<int64_t> to_int64(const YAML::Node& node) {
  if (!node.IsScalar()) return std::nullopt;
  std::string_view text = node.Scalar();
  if (text.starts_with('+')) text.remove_prefix(1);
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// Converts nodes into recipe fields, collecting a problem for each one that does not fit (the field
// keeps its default then).
class Loader {
 public:
  Loader(std::string file, std::filesystem::path base_dir) : file_(std::move(file)), base_dir_(std::move(base_dir)) {}

  void bad(const std::string& field, const YAML::Node& node, const std::string& problem) {
    problems_.emplace_back(file_, field, problem + where(node));
  }
  std::vector<InputError>& problems() { return problems_; }

  void read(const YAML::Node& node, const std::string& field, std::string& out) {
    if (node.IsNull())
      out.clear();
    else if (node.IsScalar())
      out = node.Scalar();
    else
      bad(field, node, "expected text, got " + describe(node));
  }

  // Relative paths are taken from the recipe's folder, so a recipe travels with its data.
  void read(const YAML::Node& node, const std::string& field, std::filesystem::path& out) {
    std::string text;
    read(node, field, text);
    out = text;
    if (!out.empty() && out.is_relative() && !base_dir_.empty()) out = (base_dir_ / out).lexically_normal();
  }

  void read(const YAML::Node& node, const std::string& field, double& out) {
    if (auto value = to_double(node))
      out = *value;
    else
      bad(field, node, "expected a number, got " + describe(node));
  }

  void read(const YAML::Node& node, const std::string& field, int64_t& out) {
    if (auto value = to_int64(node))
      out = *value;
    else
      bad(field, node, "expected a whole number, got " + describe(node));
  }

  // YAML 1.2's booleans only: yes/no/on/off are text there, and reading them as booleans is a
  // well-known source of surprises.
  void read(const YAML::Node& node, const std::string& field, bool& out) {
    const std::string text = node.IsScalar() ? node.Scalar() : "";
    if (text == "true" || text == "True" || text == "TRUE")
      out = true;
    else if (text == "false" || text == "False" || text == "FALSE")
      out = false;
    else
      bad(field, node, "expected true or false, got " + describe(node));
  }

  template <class E>
    requires std::is_enum_v<E>
  void read(const YAML::Node& node, const std::string& field, E& out) {
    std::string allowed;
    for (const auto& n : enum_names(E{})) {
      if (node.IsScalar() && node.Scalar() == n.name) {
        out = n.value;
        return;
      }
      if (!allowed.empty()) allowed += ", ";
      allowed += n.name;
    }
    bad(field, node, "expected one of " + allowed + ", got " + describe(node));
  }

  void read(const YAML::Node& node, const std::string& field, SparsityStructure& out) {
    if (node.IsScalar() && node.Scalar() == "unstructured") {
      out = {};
      return;
    }
    if (node.IsScalar()) {
      const std::string& text = node.Scalar();
      const auto colon = text.find(':');
      int n = 0, m = 0;
      if (colon != std::string::npos) {
        auto first = std::from_chars(text.data(), text.data() + colon, n);
        auto second = std::from_chars(text.data() + colon + 1, text.data() + text.size(), m);
        if (first.ec == std::errc() && first.ptr == text.data() + colon && second.ec == std::errc() &&
            second.ptr == text.data() + text.size() && m > 0) {
          out = {n, m};
          return;
        }
      }
    }
    bad(field, node, "expected unstructured or N:M such as \"2:4\" or \"4:8\", got " + describe(node));
  }

  void read(const YAML::Node& node, const std::string& field, std::vector<std::string>& out) {
    if (node.IsNull()) {
      out.clear();
      return;
    }
    if (!node.IsSequence()) {
      bad(field, node, "expected a list such as [a, b], got " + describe(node));
      return;
    }
    std::vector<std::string> items;
    for (std::size_t i = 0; i < node.size(); ++i) {
      if (!node[i].IsScalar()) {
        bad(field + "[" + std::to_string(i) + "]", node[i], "expected text, got " + describe(node[i]));
        return;
      }
      items.push_back(node[i].Scalar());
    }
    out = std::move(items);
  }

  void read(const YAML::Node& node, const std::string& field, std::array<double, 2>& out) {
    std::optional<double> first, second;
    if (node.IsSequence() && node.size() == 2) {
      first = to_double(node[0]);
      second = to_double(node[1]);
    }
    if (first && second)
      out = {*first, *second};
    else
      bad(field, node, "expected a list of two numbers such as [0.9, 0.999], got " + describe(node));
  }

  void read(const YAML::Node& node, const std::string& field, std::vector<std::pair<int64_t, double>>& out) {
    if (node.IsNull()) {
      out.clear();
      return;
    }
    if (!node.IsSequence()) {
      bad(field, node, "expected a list of [step, sparsity] pairs, got " + describe(node));
      return;
    }
    std::vector<std::pair<int64_t, double>> points;
    for (std::size_t i = 0; i < node.size(); ++i) {
      const YAML::Node pair = node[i];
      std::optional<int64_t> step;
      std::optional<double> sparsity;
      if (pair.IsSequence() && pair.size() == 2) {
        step = to_int64(pair[0]);
        sparsity = to_double(pair[1]);
      }
      if (!step || !sparsity) {
        bad(field + "[" + std::to_string(i) + "]", pair,
            "expected a [step, sparsity] pair such as [100, 0.5], got " + describe(pair));
        return;
      }
      points.emplace_back(*step, *sparsity);
    }
    out = std::move(points);
  }

 private:
  std::string file_;
  std::filesystem::path base_dir_;
  std::vector<InputError> problems_;
};

// The fields of one YAML mapping. Each read names a key it allows; done() then reports every key
// that was not read, so the allowed list can never drift from what is read.
class Fields {
 public:
  Fields(Loader& loader, const YAML::Node& node, std::string path) : loader_(loader), path_(std::move(path)) {
    if (!node || node.IsNull()) return;  // the group was left out: defaults
    if (!node.IsMap()) {
      loader_.bad(path_, node, "expected a mapping of fields, got " + describe(node));
      return;
    }
    node_ = node;
    // yaml-cpp keeps both entries of a repeated key and reads the first; the second is a mistake.
    std::set<std::string> seen;
    for (const auto& entry : node_) {
      if (entry.first.IsScalar() && !seen.insert(entry.first.Scalar()).second)
        loader_.bad(field(entry.first.Scalar()), entry.first, "duplicate key; each key may appear once");
    }
  }

  template <class T>
  Fields& operator()(const char* key, T& out) {
    allowed_.push_back(key);
    // Looked up through a const node: yaml-cpp's non-const operator[] would add the key.
    if (node_.IsMap())
      if (const YAML::Node child = std::as_const(node_)[key]) loader_.read(child, field(key), out);
    return *this;
  }

  // A nested mapping.
  Fields group(const char* key) {
    allowed_.push_back(key);
    return Fields(loader_, node_.IsMap() ? std::as_const(node_)[key] : YAML::Node(), field(key));
  }

  void done() {
    if (!node_.IsMap()) return;
    std::string allowed;
    for (const auto& key : allowed_) {
      if (!allowed.empty()) allowed += ", ";
      allowed += key;
    }
    for (const auto& entry : node_) {
      const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : "?";
      if (std::find(allowed_.begin(), allowed_.end(), key) != allowed_.end()) continue;
      std::string suggestion;
      std::size_t best = 3;  // suggest only a key at most 2 edits away
      for (const auto& candidate : allowed_) {
        if (auto d = edit_distance(key, candidate); d < best) {
          best = d;
          suggestion = " (did you mean '" + candidate + "'?)";
        }
      }
      loader_.bad(field(key), entry.first, "unknown key" + suggestion + "; allowed here: " + allowed);
    }
  }

 private:
  std::string field(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }

  Loader& loader_;
  YAML::Node node_;
  std::string path_;
  std::vector<std::string> allowed_;
};

// Fills `r` from the document's top-level mapping; the field names here are the recipe's YAML schema.
void read_recipe(Loader& loader, const YAML::Node& root, Recipe& r) {
  Fields top(loader, root, "");
  top("name", r.name)("model", r.model)("teacher", r.teacher);

  auto data = top.group("data");
  data("train", r.data.train)("validation", r.data.validation)("test", r.data.test)("format", r.data.format)(
      "max_length", r.data.max_length)("pack", r.data.pack);
  data.done();

  auto& p = r.pruning;
  auto pruning = top.group("pruning");
  pruning("method", p.method)("sparsity", p.sparsity)("structure", p.structure)("allocation", p.allocation);
  auto owl = pruning.group("owl");
  owl("m", p.owl.m)("lambda", p.owl.lambda);
  owl.done();
  pruning("targets", p.targets)("ignore", p.ignore);
  auto calibration = pruning.group("calibration");
  calibration("samples", p.calibration.samples)("seq_len", p.calibration.seq_len);
  calibration.done();
  auto sparsegpt = pruning.group("sparsegpt");
  sparsegpt("block_size", p.sparsegpt.block_size)("dampening", p.sparsegpt.dampening);
  sparsegpt.done();
  auto schedule = pruning.group("schedule");
  schedule("kind", p.schedule.kind)("start_step", p.schedule.start_step)("end_step", p.schedule.end_step)(
      "initial_sparsity", p.schedule.initial_sparsity)("update_every", p.schedule.update_every)("points",
                                                                                                p.schedule.points);
  schedule.done();
  pruning.done();

  auto& d = r.distillation;
  auto distillation = top.group("distillation");
  distillation("ce", d.ce)("kd", d.kd)("squarehead", d.squarehead)("temperature", d.temperature);
  distillation.done();

  auto& t = r.training;
  auto training = top.group("training");
  training("steps", t.steps)("epochs", t.epochs)("batch_size", t.batch_size)("grad_accum", t.grad_accum)("lr", t.lr)(
      "warmup_steps", t.warmup_steps)("lr_schedule", t.lr_schedule)("weight_decay", t.weight_decay)("betas", t.betas)(
      "eps", t.eps)("clip_grad_norm", t.clip_grad_norm)("seed", t.seed)("checkpoint_every", t.checkpoint_every)(
      "precision", t.precision)("activation_checkpointing", t.activation_checkpointing)("device", t.device);
  training.done();

  auto& e = r.evaluation;
  auto evaluation = top.group("evaluation");
  evaluation("every", e.every)("tasks", e.tasks)("max_new_tokens", e.max_new_tokens)("samples", e.samples)("before", e.before)(
      "profile", e.profile);
  evaluation.done();

  auto output = top.group("output");
  output("dir", r.output.dir);
  output.done();
  top.done();
}

// Numbers as the shortest text that reads back as the same double, non-finite ones in YAML's spelling.
std::string yaml_number(double value) {
  if (std::isnan(value)) return ".nan";
  if (std::isinf(value)) return value > 0 ? ".inf" : "-.inf";
  char buffer[32];
  auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
  return std::string(buffer, end);
}

class Writer {
 public:
  explicit Writer(std::filesystem::path relative_to) : relative_to_(std::move(relative_to)) {
    out_ << YAML::BeginMap;
  }

  Writer& operator()(const char* key, const std::string& value) { return put(key, value); }
  Writer& operator()(const char* key, double value) { return put(key, yaml_number(value)); }
  Writer& operator()(const char* key, int64_t value) { return put(key, value); }
  Writer& operator()(const char* key, bool value) { return put(key, value ? "true" : "false"); }
  template <class E>
    requires std::is_enum_v<E>
  Writer& operator()(const char* key, E value) {
    return put(key, std::string(to_string(value)));
  }
  Writer& operator()(const char* key, const std::filesystem::path& value) {
    auto path = value;
    if (!relative_to_.empty() && path.is_absolute()) {
      if (auto relative = path.lexically_relative(relative_to_); !relative.empty()) path = relative;
    }
    return put(key, path.string());
  }
  Writer& operator()(const char* key, const SparsityStructure& value) {
    if (value.unstructured()) return put(key, value.to_string());
    // Quoted: YAML 1.1 readers (PyYAML) take a plain 2:4 for the base-60 number 124.
    out_ << YAML::Key << key << YAML::Value << YAML::DoubleQuoted << value.to_string();
    return *this;
  }
  Writer& operator()(const char* key, const std::vector<std::string>& value) {
    out_ << YAML::Key << key << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (const auto& item : value) out_ << item;
    out_ << YAML::EndSeq;
    return *this;
  }
  Writer& operator()(const char* key, const std::array<double, 2>& value) {
    out_ << YAML::Key << key << YAML::Value << YAML::Flow << YAML::BeginSeq << yaml_number(value[0])
         << yaml_number(value[1]) << YAML::EndSeq;
    return *this;
  }
  Writer& operator()(const char* key, const std::vector<std::pair<int64_t, double>>& value) {
    out_ << YAML::Key << key << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (const auto& [step, sparsity] : value)
      out_ << YAML::Flow << YAML::BeginSeq << step << yaml_number(sparsity) << YAML::EndSeq;
    out_ << YAML::EndSeq;
    return *this;
  }
  Writer& begin(const char* key) {
    out_ << YAML::Key << key << YAML::Value << YAML::BeginMap;
    return *this;
  }
  Writer& end() {
    out_ << YAML::EndMap;
    return *this;
  }
  std::string text() {
    out_ << YAML::EndMap;
    return std::string(out_.c_str()) + "\n";
  }

 private:
  template <class T>
  Writer& put(const char* key, const T& value) {
    out_ << YAML::Key << key << YAML::Value << value;
    return *this;
  }

  std::filesystem::path relative_to_;
  YAML::Emitter out_;
};

}  // namespace

Recipe Recipe::from_yaml_file(const std::filesystem::path& path) {
  return from_yaml_string(read_text_file(path), path.string(), std::filesystem::absolute(path).parent_path());
}

Recipe Recipe::from_yaml_string(const std::string& text, const std::string& source_name,
                                const std::filesystem::path& base_dir) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw RecipeError({InputError(source_name,
                                  "line " + std::to_string(e.mark.line + 1) + ", column " + std::to_string(e.mark.column + 1),
                                  "YAML syntax error: " + e.msg)});
  }
  if (!root.IsMap())
    throw RecipeError({InputError(source_name, "recipe",
                                  "expected a mapping of fields (name: ..., model: ..., ...), got " + describe(root))});
  Recipe recipe;
  recipe.source = source_name;
  Loader loader(source_name, base_dir);
  read_recipe(loader, root, recipe);
  if (!loader.problems().empty()) throw RecipeError(std::move(loader.problems()));
  return recipe;
}

std::string Recipe::to_yaml(const std::filesystem::path& relative_to) const {
  Writer w(relative_to);
  w("name", name)("model", model)("teacher", teacher);
  w.begin("data")("train", data.train)("validation", data.validation)("test", data.test)("format", data.format)(
      "max_length", data.max_length)("pack", data.pack);
  w.end();

  const auto& p = pruning;
  w.begin("pruning")("method", p.method)("sparsity", p.sparsity)("structure", p.structure)("allocation", p.allocation);
  w.begin("owl")("m", p.owl.m)("lambda", p.owl.lambda).end();
  w("targets", p.targets)("ignore", p.ignore);
  w.begin("calibration")("samples", p.calibration.samples)("seq_len", p.calibration.seq_len).end();
  w.begin("sparsegpt")("block_size", p.sparsegpt.block_size)("dampening", p.sparsegpt.dampening).end();
  w.begin("schedule")("kind", p.schedule.kind)("start_step", p.schedule.start_step)("end_step", p.schedule.end_step)(
      "initial_sparsity", p.schedule.initial_sparsity)("update_every", p.schedule.update_every)("points",
                                                                                                p.schedule.points);
  w.end().end();

  const auto& d = distillation;
  w.begin("distillation")("ce", d.ce)("kd", d.kd)("squarehead", d.squarehead)("temperature", d.temperature).end();

  const auto& t = training;
  w.begin("training")("steps", t.steps)("epochs", t.epochs)("batch_size", t.batch_size)("grad_accum", t.grad_accum)(
      "lr", t.lr)("warmup_steps", t.warmup_steps)("lr_schedule", t.lr_schedule)("weight_decay", t.weight_decay)(
      "betas", t.betas)("eps", t.eps)("clip_grad_norm", t.clip_grad_norm)("seed", t.seed)(
      "checkpoint_every", t.checkpoint_every)("precision", t.precision)(
      "activation_checkpointing", t.activation_checkpointing)("device", t.device);
  w.end();

  const auto& e = evaluation;
  w.begin("evaluation")("every", e.every)("tasks", e.tasks)("max_new_tokens", e.max_new_tokens)("samples", e.samples)(
      "before", e.before)("profile", e.profile);
  w.end();
  w.begin("output")("dir", output.dir).end();
  return w.text();
}

}  // namespace sparsetune
