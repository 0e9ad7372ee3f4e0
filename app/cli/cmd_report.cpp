#include <charconv>
#include <cstdio>
#include <filesystem>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "app/cli/store_options.h"
#include "core/report/run_report.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"

namespace sparsetune::cli {

namespace {
int64_t run_id(const std::string& text) {
  int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id < 1)
    throw UsageError("RUN must be a run id (a positive integer) from `sparsetune runs`, got '" + text + "'");
  return id;
}
}  // namespace

int run_report(const std::vector<std::string>& argv) {
  Args args(argv, {"db", "html", "csv"}, {});
  const auto html_path = args.value("html");
  const auto csv_path = args.value("csv");
  if (!html_path && !csv_path) throw UsageError("say what to write: --html FILE, --csv FILE or both");
  args.positional(0, "RUN (a run id from `sparsetune runs`)");
  std::vector<int64_t> runs;
  for (std::size_t i = 0; i < args.positional_count(); ++i) runs.push_back(run_id(args.positional(i, "RUN")));

  // Opening a missing database would create an empty one: say that it is not there instead.
  const std::filesystem::path db = database_path(args);
  if (!std::filesystem::exists(db)) throw InputError(db.string(), "database", "no such file");
  RunStore store(db);
  for (int64_t run : runs) store.get_run(run);  // an unknown run fails before anything is written

  if (html_path) {
    ReportOptions options;
    options.generated_by = SPARSETUNE_VERSION;
    const std::string html = run_report_html(store, runs, options);
    write_file_atomically(*html_path, [&](std::ostream& out) { out << html; });
    std::printf("wrote %s\n", html_path->c_str());
  }
  if (csv_path) {
    const std::string csv = run_metrics_csv(store, runs);
    write_file_atomically(*csv_path, [&](std::ostream& out) { out << csv; });
    std::printf("wrote %s\n", csv_path->c_str());
  }
  return 0;
}

}  // namespace sparsetune::cli
