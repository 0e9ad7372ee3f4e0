#pragma once
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/util/error.h"

namespace sparsetune::cli {

// A command-line mistake: printed with the command's usage, exit code 2.
class UsageError : public Error {
 public:
  using Error::Error;
};

// GNU-style arguments for one sub-command: positionals, `--name value`, `--name=value` and flags.
// Every option must be declared, so a typo is an error rather than silently ignored.
class Args {
 public:
  Args(std::vector<std::string> argv, std::set<std::string> value_options, std::set<std::string> flags);

  const std::string& positional(std::size_t index, const char* what) const;
  std::size_t positional_count() const { return positionals_.size(); }
  bool flag(const std::string& name) const { return flags_set_.count(name) > 0; }
  std::optional<std::string> value(const std::string& name) const;
  std::string value_or(const std::string& name, const std::string& fallback) const;
  long long integer_or(const std::string& name, long long fallback, long long min, long long max) const;
  double number_or(const std::string& name, double fallback, double min, double max) const;

 private:
  std::vector<std::string> positionals_;
  std::map<std::string, std::string> values_;
  std::set<std::string> flags_set_;
};

}  // namespace sparsetune::cli
