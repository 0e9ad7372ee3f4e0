#pragma once
#include <nlohmann/json.hpp>

#include "core/model/gguf_file.h"

namespace sparsetune {

// The tokenizer files of a Hugging Face model directory, built from a GGUF file's tokenizer.ggml.*.
struct GgufTokenizerFiles {
  nlohmann::json tokenizer;         // tokenizer.json, the `tokenizers` format
  nlohmann::json tokenizer_config;  // tokenizer_config.json
};

// The tokenizer transformers builds from the same file (AutoTokenizer.from_pretrained(dir,
// gguf_file=...)), component for component, so token ids are the same:
//  - tokenizer.ggml.model "gpt2": byte-level BPE with the file's merges; tokens outside the byte
//    alphabet respelled through it; the split regex of tokenizer.ggml.pre where transformers knows one
//    (the llama3, qwen2, qwen35, tekken and gpt-4o families), else GPT-2's ByteLevel regex;
//  - "llama": SentencePiece-style BPE with byte fallback, Metaspace (prepend_scheme "first"); merges
//    from the file or, where it has none, derived from the vocabulary and tokenizer.ggml.scores as
//    transformers' generate_merges does;
//  - added tokens: control tokens (token_type 3) and the bos/eos/unknown/padding tokens special,
//    user-defined ones (4) plain;
//  - the post-processor adds the bos/eos tokens as tokenizer.ggml.add_bos_token / add_eos_token say
//    (add_bos_token defaults to true for "llama", false otherwise); tokenizer_config.json has both
//    flags, the bos/eos/unk/pad tokens and tokenizer.chat_template.
// InputError(file, key, ...) for an unsupported tokenizer model, a token id out of range, arrays of
// different lengths, a merge whose tokens are not in the vocabulary.
GgufTokenizerFiles gguf_tokenizer(const GgufFile& file);

}  // namespace sparsetune
