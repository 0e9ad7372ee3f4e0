#include "app/cli/args.h"

#include <charconv>

namespace sparsetune::cli {

Args::Args(std::vector<std::string> argv, std::set<std::string> value_options, std::set<std::string> flags) {
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a.size() < 3 || a.rfind("--", 0) != 0) {
      positionals_.push_back(a);
      continue;
    }
    std::string name = a.substr(2);
    std::optional<std::string> inline_value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      inline_value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    if (flags.count(name)) {
      if (inline_value) throw UsageError("option --" + name + " takes no value");
      flags_set_.insert(name);
    } else if (value_options.count(name)) {
      if (inline_value) {
        values_[name] = *inline_value;
      } else {
        if (i + 1 >= argv.size()) throw UsageError("option --" + name + " needs a value");
        values_[name] = argv[++i];
      }
    } else {
      throw UsageError("unknown option --" + name);
    }
  }
}

const std::string& Args::positional(std::size_t index, const char* what) const {
  if (index >= positionals_.size()) throw UsageError(std::string("missing argument ") + what);
  return positionals_[index];
}

std::optional<std::string> Args::value(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::string Args::value_or(const std::string& name, const std::string& fallback) const {
  return value(name).value_or(fallback);
}

long long Args::integer_or(const std::string& name, long long fallback, long long min, long long max) const {
  auto v = value(name);
  if (!v) return fallback;
  long long out = 0;
  auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  if (ec != std::errc() || end != v->data() + v->size() || out < min || out > max)
    throw UsageError("--" + name + " must be an integer in [" + std::to_string(min) + ", " + std::to_string(max) +
                     "], got '" + *v + "'");
  return out;
}

double Args::number_or(const std::string& name, double fallback, double min, double max) const {
  auto v = value(name);
  if (!v) return fallback;
  double out = 0;
  auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  if (ec != std::errc() || end != v->data() + v->size() || !(out >= min && out <= max))
    throw UsageError("--" + name + " must be a number in [" + std::to_string(min) + ", " + std::to_string(max) +
                     "], got '" + *v + "'");
  return out;
}

}  // namespace sparsetune::cli
