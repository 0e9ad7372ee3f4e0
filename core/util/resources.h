#pragma once
#include <filesystem>

namespace sparsetune {

// The folder holding the built-in demo and other data files: $SPARSETUNE_RESOURCES when set, else the
// source tree's resources/ (for builds run in place), else <prefix>/share/sparsetune next to an
// installed executable. Throws Error naming the places it looked when none exists.
std::filesystem::path resource_dir();
std::filesystem::path demo_model_dir();
std::filesystem::path demo_data_dir();

}  // namespace sparsetune
