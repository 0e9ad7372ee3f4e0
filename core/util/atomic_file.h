#pragma once
#include <filesystem>
#include <functional>
#include <ostream>

namespace sparsetune {

// Writes `path` through a temporary file in the same directory and renames it into place, so a
// reader never sees a half-written file and a failed write leaves the old file untouched.
void write_file_atomically(const std::filesystem::path& path, const std::function<void(std::ostream&)>& write);

}  // namespace sparsetune
