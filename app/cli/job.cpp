#include "app/cli/job.h"

#include <csignal>
#include <cstdio>

#include "app/cli/console_sink.h"

namespace sparsetune::cli {

namespace {
std::atomic<bool> g_stop{false};
extern "C" void request_stop(int) { g_stop = true; }
}  // namespace

JobResult run_job(const Recipe& recipe, RunStore& store, std::optional<int64_t> resume_run,
                  const std::filesystem::path& output, bool quiet) {
  const StoredJob job = prepare_stored_job(recipe, store, resume_run, output);
  JobResult result;
  result.database = store.path();
  result.run_id = job.run_id;
  ConsoleSink console(quiet);
  if (!quiet)
    std::fprintf(stderr, "run %lld → %s (database %s)\n", static_cast<long long>(job.run_id), job.output_dir.string().c_str(),
                 store.path().string().c_str());
  g_stop = false;
  std::signal(SIGINT, request_stop);
  std::signal(SIGTERM, request_stop);
  result.outcome = run_stored_job(recipe, store, job, console, g_stop);
  return result;
}

}  // namespace sparsetune::cli
