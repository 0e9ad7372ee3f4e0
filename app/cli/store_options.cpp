#include "app/cli/store_options.h"

#include "core/store/run_store.h"

namespace sparsetune::cli {

std::filesystem::path database_path(const Args& args) {
  if (auto db = args.value("db")) return *db;
  return RunStore::default_path();
}

}  // namespace sparsetune::cli
