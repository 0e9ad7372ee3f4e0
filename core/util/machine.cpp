#include "core/util/machine.h"

#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <vector>

namespace sparsetune {

namespace {
std::string cpuinfo_field(const std::string& key) {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(key, 0) == 0)
      if (auto colon = line.find(':'); colon != std::string::npos) return line.substr(line.find_first_not_of(" \t", colon + 1));
  return "";
}

void fnv1a(uint64_t& h, const std::string& bytes) {
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
}

// "L1d 32K, L1i 32K, L2 1024K, L3 36608K" from sysfs; empty where the kernel does not say.
std::string cache_sizes() {
  std::string out;
  for (int index = 0; index < 8; ++index) {
    const std::string dir = "/sys/devices/system/cpu/cpu0/cache/index" + std::to_string(index) + "/";
    std::ifstream level_file(dir + "level"), type_file(dir + "type"), size_file(dir + "size");
    std::string level, type, size;
    if (!(level_file >> level) || !(type_file >> type) || !(size_file >> size)) break;
    const std::string suffix = type == "Data" ? "d" : type == "Instruction" ? "i" : "";
    out += (out.empty() ? "" : ", ") + ("L" + level + suffix + " " + size);
  }
  return out;
}
}  // namespace

nlohmann::json describe_machine() {
  utsname u{};
  uname(&u);
  const std::string flags = cpuinfo_field("flags");
  std::string isa = "x86-64";
  for (const char* f : {"avx2", "fma", "avx512f", "avx512_vnni", "avx512_bf16", "amx_tile"})
    if (flags.find(std::string(" ") + f) != std::string::npos) isa += std::string(" ") + f;
  const long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGE_SIZE);
  return {{"host", u.nodename},
          {"os", std::string(u.sysname) + " " + u.release},
          {"cpu", cpuinfo_field("model name")},
          {"isa", isa},
          {"logical_cores", sysconf(_SC_NPROCESSORS_ONLN)},
          {"caches", cache_sizes()},
          {"memory_gib", static_cast<double>(pages) * static_cast<double>(page) / (1024.0 * 1024 * 1024)}};
}

std::string model_fingerprint(const std::filesystem::path& model_dir) {
  uint64_t h = 1469598103934665603ull;
  std::ifstream config(model_dir / "config.json", std::ios::binary);
  fnv1a(h, std::string((std::istreambuf_iterator<char>(config)), std::istreambuf_iterator<char>()));
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(model_dir, ec))
    if (entry.path().extension() == ".safetensors")
      files.push_back(entry.path().filename().string() + ":" + std::to_string(entry.file_size(ec)));
  std::sort(files.begin(), files.end());
  for (const auto& f : files) fnv1a(h, f);
  char hex[17];
  std::snprintf(hex, sizeof(hex), "%016llx", static_cast<unsigned long long>(h));
  return hex;
}

}  // namespace sparsetune
