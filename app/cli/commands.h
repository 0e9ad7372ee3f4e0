#pragma once
#include <string>
#include <vector>

namespace sparsetune::cli {

// Each command takes its own arguments (after the command name) and returns the process exit code.
// Errors are thrown: UsageError (exit 2), InputError (exit 3), anything else (exit 1).
int run_info(const std::vector<std::string>& argv);
int run_tokenize(const std::vector<std::string>& argv);
int run_score(const std::vector<std::string>& argv);
int run_generate(const std::vector<std::string>& argv);
int run_demo(const std::vector<std::string>& argv);
int run_run(const std::vector<std::string>& argv);
int run_prune(const std::vector<std::string>& argv);
int run_eval(const std::vector<std::string>& argv);
int run_runs(const std::vector<std::string>& argv);
int run_show(const std::vector<std::string>& argv);
int run_report(const std::vector<std::string>& argv);
int run_study(const std::vector<std::string>& argv);
int run_profile(const std::vector<std::string>& argv);
int run_sensitivity(const std::vector<std::string>& argv);
int run_import_gguf(const std::vector<std::string>& argv);

}  // namespace sparsetune::cli
