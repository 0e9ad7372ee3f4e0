#pragma once
#include <cstddef>
#include <filesystem>
#include <memory>

namespace sparsetune {

// A whole file mapped copy-on-write: pages are read lazily from the page cache (never read twice),
// and writes through data() (e.g. pruning in place) stay private to this process.
class MappedFile {
 public:
  static std::shared_ptr<MappedFile> open(const std::filesystem::path& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  std::byte* data() { return data_; }
  const std::byte* data() const { return data_; }
  std::size_t size() const { return size_; }
  const std::filesystem::path& path() const { return path_; }

 private:
  MappedFile(std::filesystem::path path, std::byte* data, std::size_t size);
  std::filesystem::path path_;
  std::byte* data_;
  std::size_t size_;
};

}  // namespace sparsetune
