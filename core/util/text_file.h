#pragma once
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace sparsetune {

// Byte offset of the first invalid UTF-8 sequence (overlong forms, surrogates and code points past
// U+10FFFF are invalid), or nullopt when `text` is valid.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

// Reads a whole text file; InputError(path, "utf-8", "invalid UTF-8 at byte N (line L, column C)")
// when it is not valid UTF-8, InputError(path, "file", ...) when it cannot be read.
std::string read_text_file(const std::filesystem::path& path);

}  // namespace sparsetune
