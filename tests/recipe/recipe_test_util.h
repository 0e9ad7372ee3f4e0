// Helpers shared by the recipe tests.
#pragma once
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

#include "core/train/recipe.h"

namespace sparsetune::test {

// An empty directory named after the running test, under the build tree.
inline std::filesystem::path fresh_dir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = std::string(info->test_suite_name()) + "." + info->name();
  for (auto& c : name)
    if (c == '/') c = '_';  // parameterized test names contain '/'
  auto dir = std::filesystem::path(SPARSETUNE_TEST_TMP) / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline void write_file(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  ASSERT_TRUE(out.good()) << path;
}

// Runs `f`, which must throw a RecipeError, and returns it.
inline RecipeError recipe_error(const std::function<void()>& f) {
  try {
    f();
  } catch (const RecipeError& e) {
    return e;
  }
  ADD_FAILURE() << "expected a RecipeError";
  return RecipeError({InputError("", "", "")});
}

// The one problem that loading `yaml` (named "test.yaml") reports.
inline InputError load_problem(const std::string& yaml) {
  auto e = recipe_error([&] { Recipe::from_yaml_string(yaml, "test.yaml"); });
  EXPECT_EQ(e.problems().size(), 1u) << e.what();
  return e.problems().at(0);
}

}  // namespace sparsetune::test
