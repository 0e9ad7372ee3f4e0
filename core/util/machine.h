#pragma once
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

namespace sparsetune {

// What a run or a profile was measured on: host, CPU model, logical cores, memory, OS.
nlohmann::json describe_machine();

// A short stable id of a model folder's starting weights: a 64-bit FNV-1a hash (hex) over
// config.json's bytes and the names and sizes of its .safetensors files. Cheap: reads no weights.
std::string model_fingerprint(const std::filesystem::path& model_dir);

}  // namespace sparsetune
