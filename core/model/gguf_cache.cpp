#include "core/model/gguf_cache.h"

#include <sys/stat.h>

#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cctype>
#include <cstring>
#include <string>

#include "core/model/gguf_import.h"
#include "core/util/error.h"

namespace sparsetune {

namespace {

namespace fs = std::filesystem;

// Bumped when an import of the same file would come out differently, so old imports are not reused.
constexpr const char* kImportVersion = "1";

uint64_t fnv1a(std::string_view text, uint64_t hash = 14695981039346656037ull) {
  for (unsigned char c : text) hash = (hash ^ c) * 1099511628211ull;
  return hash;
}

std::string hex(uint64_t v) {
  char s[17];
  std::snprintf(s, sizeof s, "%016" PRIx64, v);
  return s;
}

bool is_gguf(const fs::path& path) {
  std::string ext = path.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".gguf";
}

}  // namespace

fs::path gguf_cache_root() {
  if (const char* dir = std::getenv("SPARSETUNE_GGUF_CACHE"); dir != nullptr && *dir != '\0') return dir;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg != '\0')
    return fs::path(xdg) / "sparsetune" / "gguf";
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0')
    throw Error("cannot place the GGUF import cache: neither SPARSETUNE_GGUF_CACHE, XDG_CACHE_HOME nor HOME is set");
  return fs::path(home) / ".cache" / "sparsetune" / "gguf";
}

fs::path model_directory(const fs::path& model) {
  if (!is_gguf(model) || fs::is_directory(model)) return model;
  struct stat st {};
  if (::stat(model.c_str(), &st) != 0)
    throw InputError(model.string(), "file", std::string("cannot open: ") + std::strerror(errno));
  const std::string path = fs::absolute(model).lexically_normal().string();
  const std::string stem = model.stem().string();
  const std::string path_key = hex(fnv1a(path));
  const std::string content_key =
      hex(fnv1a(std::to_string(st.st_size) + ":" + std::to_string(st.st_mtim.tv_sec) + "." +
                std::to_string(st.st_mtim.tv_nsec) + ":" + kImportVersion));
  const fs::path root = gguf_cache_root();
  const std::string prefix = stem + "-" + path_key + "-";
  const fs::path dir = root / (prefix + content_key);
  if (fs::is_regular_file(dir / "config.json")) return dir;

  fs::create_directories(root);
  try {
    import_gguf(model, dir);
  } catch (const Error&) {
    // Another process may have finished the same import first.
    if (!fs::is_regular_file(dir / "config.json")) throw;
  }
  // Imports of an earlier version of this file are stale now.
  for (const auto& entry : fs::directory_iterator(root)) {
    const std::string name = entry.path().filename().string();
    if (name != dir.filename().string() && name.rfind(prefix, 0) == 0 && name.find(".tmp-") == std::string::npos) {
      std::error_code ec;
      fs::remove_all(entry.path(), ec);
    }
  }
  return dir;
}

}  // namespace sparsetune
