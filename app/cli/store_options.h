#pragma once
#include <filesystem>

#include "app/cli/args.h"

namespace sparsetune::cli {

// --db PATH, else $SPARSETUNE_DB, else the per-user default (RunStore::default_path()).
std::filesystem::path database_path(const Args& args);

}  // namespace sparsetune::cli
