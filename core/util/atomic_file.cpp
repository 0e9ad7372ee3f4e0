#include "core/util/atomic_file.h"

#include <unistd.h>

#include <fstream>
#include <random>

#include "core/util/error.h"

namespace sparsetune {

void write_file_atomically(const std::filesystem::path& path, const std::function<void(std::ostream&)>& write) {
  std::random_device rd;
  auto tmp = path;
  tmp += ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(rd());
  try {
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      if (!out) throw Error(path.string() + ": cannot create temporary file " + tmp.string());
      write(out);
      out.flush();
      if (!out) throw Error(path.string() + ": write failed (disk full?)");
    }
    std::filesystem::rename(tmp, path);
  } catch (...) {
    std::error_code ec;
    std::filesystem::remove(tmp, ec);
    throw;
  }
}

}  // namespace sparsetune
