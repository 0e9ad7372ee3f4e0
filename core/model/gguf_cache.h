#pragma once
#include <filesystem>

namespace sparsetune {

// Where imported GGUF files are kept: $SPARSETUNE_GGUF_CACHE, else $XDG_CACHE_HOME/sparsetune/gguf,
// else ~/.cache/sparsetune/gguf.
std::filesystem::path gguf_cache_root();

// The model directory to load for `model`: `model` itself unless it is a .gguf file; for a .gguf
// file its float32 import (import_gguf) in the cache, made on first use. An import is named after the
// file and keyed by its absolute path, size and modification time, so it is reused until the file
// changes; then the stale import of the same path is removed and a new one made. Two processes
// importing the same file at once both succeed (the second rename finds the first one's directory).
std::filesystem::path model_directory(const std::filesystem::path& model);

}  // namespace sparsetune
