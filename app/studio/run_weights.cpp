#include "app/studio/run_weights.h"

#include <filesystem>

#include "core/store/run_store.h"

namespace sparsetune::studio {

QString newestRunWeights(RunStore& store, int64_t run) {
  namespace fs = std::filesystem;
  const auto artifacts = store.artifacts(run);
  for (auto it = artifacts.rbegin(); it != artifacts.rend(); ++it) {
    if (it->kind == "model" && fs::exists(it->path)) return QString::fromStdString(it->path);
    if (it->kind == "checkpoint" && fs::exists(fs::path(it->path) / "model")) return QString::fromStdString((fs::path(it->path) / "model").string());
  }
  return QString();
}

}  // namespace sparsetune::studio
