#include "core/util/resources.h"

#include <unistd.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "core/util/error.h"

namespace sparsetune {

namespace {
std::filesystem::path executable_dir() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path() : exe.parent_path();
}
}  // namespace

std::filesystem::path resource_dir() {
  std::vector<std::filesystem::path> candidates;
  if (const char* env = std::getenv("SPARSETUNE_RESOURCES"); env != nullptr && *env != '\0') candidates.emplace_back(env);
  candidates.emplace_back(SPARSETUNE_SOURCE_RESOURCE_DIR);
  if (auto exe = executable_dir(); !exe.empty()) candidates.push_back(exe.parent_path() / "share" / "sparsetune");
  std::string looked;
  for (const auto& dir : candidates) {
    if (std::filesystem::is_directory(dir / "demo")) return dir;
    looked += (looked.empty() ? "" : ", ") + dir.string();
  }
  throw Error("cannot find sparsetune's resources (looked in " + looked + "); set SPARSETUNE_RESOURCES");
}

std::filesystem::path demo_model_dir() { return resource_dir() / "demo" / "model"; }
std::filesystem::path demo_data_dir() { return resource_dir() / "demo" / "data"; }

}  // namespace sparsetune
