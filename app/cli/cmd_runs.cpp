#include <charconv>
#include <cstdio>
#include <ctime>
#include <iostream>

#include <nlohmann/json.hpp>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "app/cli/store_options.h"
#include "core/store/run_store.h"

namespace sparsetune::cli {

namespace {
std::string local_time(double seconds) {
  const auto t = static_cast<std::time_t>(seconds);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M", std::localtime(&t));
  return buf;
}

nlohmann::json eval_json(const EvalResult& e) {
  return {{"step", e.step}, {"task", e.task}, {"metric", e.metric}, {"value", e.value}};
}
}  // namespace

int run_runs(const std::vector<std::string>& argv) {
  Args args(argv, {"db"}, {"json"});
  RunStore store(database_path(args));
  const auto runs = store.list_runs({"loss/total", "sparsity/actual"});
  if (args.flag("json")) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : runs) {
      nlohmann::json evals = nlohmann::json::array();
      for (const auto& e : r.latest_evals) evals.push_back(eval_json(e));
      out.push_back({{"id", r.run.id}, {"name", r.run.name}, {"status", r.run.status}, {"created_at", r.run.created_at},
                     {"model", r.run.model_path}, {"evals", evals}});
    }
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  std::printf("%-5s %-24s %-10s %-17s %8s %9s  %s\n", "id", "name", "status", "created", "steps", "sparsity", "latest evals");
  for (const auto& r : runs) {
    auto metric = [&](const char* name) -> const MetricSummary* {
      auto it = r.metrics.find(name);
      return it == r.metrics.end() ? nullptr : &it->second;
    };
    std::string evals;
    for (const auto& e : r.latest_evals)
      if (e.metric == "exact_match" || e.metric == "loss") evals += e.task + " " + e.metric + "=" + std::to_string(e.value).substr(0, 6) + "  ";
    const auto* loss = metric("loss/total");
    const auto* sparsity = metric("sparsity/actual");
    std::printf("%-5lld %-24.24s %-10s %-17s %8lld %8.1f%%  %s\n", static_cast<long long>(r.run.id), r.run.name.c_str(),
                r.run.status.c_str(), local_time(r.run.created_at).c_str(), static_cast<long long>(loss ? loss->last_step : 0),
                sparsity ? 100.0 * sparsity->last : 0.0, evals.c_str());
  }
  return 0;
}

int run_show(const std::vector<std::string>& argv) {
  Args args(argv, {"db"}, {"json"});
  RunStore store(database_path(args));
  const std::string& run_arg = args.positional(0, "RUN (a run id from `sparsetune runs`)");
  int64_t id = 0;
  const auto [end, ec] = std::from_chars(run_arg.data(), run_arg.data() + run_arg.size(), id);
  if (ec != std::errc() || end != run_arg.data() + run_arg.size() || id < 1)
    throw UsageError("RUN must be a run id (a positive integer) from `sparsetune runs`, got '" + run_arg + "'");
  const RunInfo info = store.get_run(id);
  nlohmann::json metrics = nlohmann::json::object();
  for (const auto& [name, s] : store.metric_summaries(id))
    metrics[name] = {{"count", s.count}, {"last_step", s.last_step}, {"last", s.last}, {"min", s.min}, {"max", s.max}};
  nlohmann::json evals = nlohmann::json::array();
  for (const auto& e : store.evals(id)) evals.push_back(eval_json(e));
  nlohmann::json artifacts = nlohmann::json::array();
  for (const auto& a : store.artifacts(id)) artifacts.push_back({{"kind", a.kind}, {"path", a.path}, {"step", a.step}});
  nlohmann::json out = {{"id", info.id},
                        {"name", info.name},
                        {"status", info.status},
                        {"message", info.message},
                        {"model", info.model_path},
                        {"model_fingerprint", info.model_fingerprint},
                        {"created_at", info.created_at},
                        {"machine", nlohmann::json::parse(info.machine_json, nullptr, false)},
                        {"recipe_yaml", info.recipe_yaml},
                        {"metrics", metrics},
                        {"evals", evals},
                        {"artifacts", artifacts}};
  if (args.flag("json")) {
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  std::printf("run %lld  %s  [%s]%s%s\n  model %s\n", static_cast<long long>(info.id), info.name.c_str(), info.status.c_str(),
              info.message.empty() ? "" : " ", info.message.c_str(), info.model_path.c_str());
  for (const auto& e : evals)
    std::printf("  eval step %-6lld %-32s %-16s %.4f\n", static_cast<long long>(e["step"].get<int64_t>()),
                e["task"].get<std::string>().c_str(), e["metric"].get<std::string>().c_str(), e["value"].get<double>());
  for (const auto& [name, s] : metrics.items())
    std::printf("  %-22s last %.5g (step %lld), min %.5g, max %.5g\n", name.c_str(), s["last"].get<double>(),
                static_cast<long long>(s["last_step"].get<int64_t>()), s["min"].get<double>(), s["max"].get<double>());
  for (const auto& a : artifacts) std::printf("  %-10s %s\n", a["kind"].get<std::string>().c_str(), a["path"].get<std::string>().c_str());
  return 0;
}

}  // namespace sparsetune::cli
