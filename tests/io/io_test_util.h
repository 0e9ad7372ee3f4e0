// Helpers shared by the io tests: fresh temporary directories, raw files, InputError messages.
#pragma once
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/util/error.h"

namespace sparsetune::test {

// Deletes a directory tree. Not std::filesystem::remove_all: libtorch.so exports its own copy of it,
// built against a newer libstdc++, and that copy calls a symbol GCC 12's runtime lacks (a null
// function) as soon as the directory is not empty.
inline void remove_tree(const std::filesystem::path& path) {
  if (std::filesystem::is_directory(std::filesystem::symlink_status(path))) {
    for (const auto& entry : std::filesystem::directory_iterator(path)) remove_tree(entry.path());
  }
  std::filesystem::remove(path);
}

// An empty directory named after the running test, under the build tree.
inline std::filesystem::path fresh_dir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  auto dir = std::filesystem::path(SPARSETUNE_TEST_TMP) / (std::string(info->test_suite_name()) + "." + info->name());
  remove_tree(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline void write_file(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  ASSERT_TRUE(out.good()) << path;
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// A safetensors file byte by byte: the 8-byte little-endian header length, the header, the data.
inline std::string safetensors_bytes(const std::string& header, const std::string& data) {
  uint64_t n = header.size();
  std::string bytes(8, '\0');
  std::memcpy(bytes.data(), &n, 8);
  return bytes + header + data;
}

// The message of the InputError `f` throws; a test failure (and "") when it throws nothing or
// something else.
template <class F>
std::string input_error(F&& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "expected an InputError, got: " << e.what();
    return {};
  }
  ADD_FAILURE() << "expected an InputError, nothing was thrown";
  return {};
}

}  // namespace sparsetune::test
