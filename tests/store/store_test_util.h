// Helpers shared by the store tests.
#pragma once
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <string>

#include "core/util/error.h"

namespace sparsetune::test {

// An empty directory named after the running test, under the build tree.
inline std::filesystem::path fresh_dir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  auto dir = std::filesystem::path(SPARSETUNE_TEST_TMP) / (std::string(info->test_suite_name()) + "." + info->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// Runs `f`, which must throw an InputError, and returns it.
inline InputError input_error(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e;
  }
  ADD_FAILURE() << "expected an InputError";
  return InputError("", "", "");
}

// Runs `f`, which must throw an Error that is not an InputError, and returns its message.
inline std::string plain_error(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    ADD_FAILURE() << "expected an Error that is not an InputError, got: " << e.what();
    return "";
  } catch (const Error& e) {
    return e.what();
  }
  ADD_FAILURE() << "expected an Error";
  return "";
}

}  // namespace sparsetune::test
