"""The Python half of io_interop_tests: the reference libraries write files for the C++ side to
read, and check the files the C++ side writes. Exit status 0 means every check passed.

  reference DIR        write DIR/reference.safetensors with safetensors.torch and describe its
                       tensors (dtype, shape, bytes, values) in DIR/reference.json
  check_rewrite DIR    DIR/ours.safetensors (the C++ rewrite of the reference file) must load in
                       safetensors.torch with the same tensors and metadata; DIR/ours_pt.safetensors
                       (the same with metadata {"format": "pt"}) must be byte-identical to what
                       safetensors.torch writes (with more metadata keys their order is random there)
  make_models DIR      save a tiny random model of each family with transformers to DIR/<family>/orig
  check_models DIR     DIR/<family>/resaved (sharded by the C++ side) and DIR/<family>/rebuilt (its
                       config.json written from scratch) must load in transformers with no missing or
                       unexpected weights, the same state_dict, config and logits as the original
"""
import json
import pathlib
import sys

import torch
from safetensors import safe_open
from safetensors.torch import load_file, save, save_file

METADATA = {"format": "pt", "producer": "io_interop_tests", "unicode": "\u00e9\u4e2d"}


def reference_tensors():
    g = torch.Generator().manual_seed(0)
    floats = torch.randn(3, 5, generator=g) * 100
    tensors = {
        "f32": floats,
        "f16": floats.to(torch.float16),
        "bf16": floats.to(torch.bfloat16),
        "f64": floats.double() / 7,
        "f8_e4m3": (floats / 10).to(torch.float8_e4m3fn),
        "f8_e5m2": (floats / 10).to(torch.float8_e5m2),
        "i8": torch.randint(-128, 128, (7,), generator=g, dtype=torch.int8),
        "u8": torch.randint(0, 256, (2, 3), generator=g).to(torch.uint8),
        "i16": torch.randint(-30000, 30000, (5,), generator=g).to(torch.int16),
        "u16": torch.randint(0, 60000, (3,), generator=g).to(torch.uint16),
        "i32": torch.randint(-(2**31), 2**31 - 1, (4, 1), generator=g).to(torch.int32),
        "u32": torch.randint(0, 2**31, (3,), generator=g).to(torch.uint32),
        "i64": torch.randint(-(2**40), 2**40, (2, 2), generator=g),
        "u64": torch.randint(0, 2**40, (3,), generator=g).to(torch.uint64),
        "bool": torch.rand(9, generator=g) > 0.5,
        "scalar": torch.tensor(3.5),
        "empty": torch.empty(0, 4),
        "empty_bf16": torch.empty(2, 0, dtype=torch.bfloat16),
        "model.layers.0.self_attn.q_proj.weight": floats[:2].clone(),
    }
    return tensors


SAFETENSORS_DTYPE = {
    torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16", torch.float64: "F64",
    torch.float8_e4m3fn: "F8_E4M3", torch.float8_e5m2: "F8_E5M2", torch.int8: "I8", torch.uint8: "U8",
    torch.int16: "I16", torch.uint16: "U16", torch.int32: "I32", torch.uint32: "U32", torch.int64: "I64",
    torch.uint64: "U64", torch.bool: "BOOL",
}


def tensor_bytes(t):
    return t.contiguous().reshape(-1).view(torch.uint8).numpy().tobytes() if t.numel() else b""


def reference(out):
    tensors = reference_tensors()
    save_file(tensors, str(out / "reference.safetensors"), metadata=METADATA)
    description = {
        name: {
            "dtype": SAFETENSORS_DTYPE[t.dtype],
            "shape": list(t.shape),
            "hex": tensor_bytes(t).hex(),
            "values": t.to(torch.float64).flatten().tolist(),
        }
        for name, t in tensors.items()
    }
    (out / "reference.json").write_text(json.dumps({"metadata": METADATA, "tensors": description}))


def check_rewrite(out):
    ok = True
    expected = reference_tensors()
    loaded = load_file(str(out / "ours.safetensors"))
    if sorted(loaded) != sorted(expected):
        print(f"tensor names differ: {sorted(loaded)} vs {sorted(expected)}")
        ok = False
    for name, t in expected.items():
        got = loaded.get(name)
        if got is None:
            continue
        if got.dtype != t.dtype or got.shape != t.shape or tensor_bytes(got) != tensor_bytes(t):
            print(f"{name}: got {got.dtype} {tuple(got.shape)}, expected {t.dtype} {tuple(t.shape)} (or bytes differ)")
            ok = False
    with safe_open(str(out / "ours.safetensors"), framework="pt") as f:
        if f.metadata() != METADATA:
            print(f"metadata {f.metadata()} != {METADATA}")
            ok = False
    ours = (out / "ours_pt.safetensors").read_bytes()
    theirs = save(expected, metadata={"format": "pt"})
    if ours != theirs:
        n = next((i for i, (a, b) in enumerate(zip(ours, theirs)) if a != b), min(len(ours), len(theirs)))
        print(f"files differ from byte {n} (sizes {len(ours)} and {len(theirs)}): "
              f"ours {ours[max(0, n - 40):n + 40]!r} reference {theirs[max(0, n - 40):n + 40]!r}")
        ok = False
    return ok


def family_configs():
    from transformers import (GPT2Config, LlamaConfig, MistralConfig, MptConfig, Qwen2Config, Qwen3Config)
    common = dict(vocab_size=96, hidden_size=48, intermediate_size=80, num_hidden_layers=2, num_attention_heads=4)
    return {
        "llama": (LlamaConfig(**common, num_key_value_heads=2, attention_bias=True, mlp_bias=True,
                              max_position_embeddings=256,
                              rope_parameters={"rope_type": "llama3", "rope_theta": 500000.0, "factor": 8.0,
                                               "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                                               "original_max_position_embeddings": 64}), torch.bfloat16),
        "mistral": (MistralConfig(**common, num_key_value_heads=2, head_dim=16, sliding_window=8), torch.float32),
        "qwen2": (Qwen2Config(**common, num_key_value_heads=2, tie_word_embeddings=True), torch.float16),
        "qwen3": (Qwen3Config(**common, num_key_value_heads=2, head_dim=16, rms_norm_eps=1e-5), torch.float32),
        "gpt2": (GPT2Config(vocab_size=96, n_embd=48, n_layer=2, n_head=4, n_positions=64, bos_token_id=0,
                            eos_token_id=0), torch.float32),
        "mpt": (MptConfig(vocab_size=96, d_model=48, n_layers=2, n_heads=4, max_seq_len=64,
                          attn_config={"clip_qkv": 8.0, "alibi_bias_max": 8}), torch.float32),
    }


def make_models(out):
    from transformers import AutoModelForCausalLM
    for i, (family, (config, dtype)) in enumerate(family_configs().items()):
        torch.manual_seed(i)
        model = AutoModelForCausalLM.from_config(config).to(dtype).eval()
        with torch.no_grad():  # non-trivial norms and biases, so a swapped tensor shows
            for p in model.parameters():
                p.add_(torch.randn_like(p) * 0.05)
        model.save_pretrained(out / family / "orig")


def same_config_value(key, a, b, config):
    # Written out in full by our side where transformers keeps None for "the default".
    return a == b or (key == "n_inner" and a is None and b == 4 * config.n_embd)


def check_model(family, orig, path, ids):
    from transformers import AutoModelForCausalLM
    ok = True
    new, info = AutoModelForCausalLM.from_pretrained(path, output_loading_info=True)
    new.eval()
    problems = {k: v for k, v in info.items() if v}
    if problems:
        print(f"{path}: loading info {problems}")
        ok = False
    a, b = orig.state_dict(), new.state_dict()
    if a.keys() != b.keys():
        print(f"{path}: state_dict keys differ: {sorted(a.keys() ^ b.keys())}")
        ok = False
    for k in a.keys() & b.keys():
        if a[k].dtype != b[k].dtype or not torch.equal(a[k], b[k]):
            print(f"{path}: {k} differs")
            ok = False
    ca, cb = orig.config.to_dict(), new.config.to_dict()
    for k in ca.keys() - {"_name_or_path", "transformers_version"}:
        if not same_config_value(k, ca[k], cb.get(k, "<absent>"), orig.config):
            print(f"{path}: config {k}: {ca[k]!r} became {cb.get(k, '<absent>')!r}")
            ok = False
    with torch.no_grad():
        if not torch.equal(orig(ids).logits, new(ids).logits):
            print(f"{path}: logits differ")
            ok = False
    return ok


def check_models(out):
    from transformers import AutoModelForCausalLM
    ok = True
    ids = torch.randint(0, 96, (2, 12), generator=torch.Generator().manual_seed(1))
    for family in family_configs():
        if not (out / family / "resaved" / "model.safetensors.index.json").exists():
            print(f"{family}: resaved checkpoint is not sharded")
            ok = False
        orig = AutoModelForCausalLM.from_pretrained(out / family / "orig").eval()
        for variant in ("resaved", "rebuilt"):
            ok = check_model(family, orig, out / family / variant, ids) and ok
        print(f"{family}: checked")
    return ok


def main():
    command, out = sys.argv[1], pathlib.Path(sys.argv[2])
    if command == "reference":
        reference(out)
        return 0
    if command == "make_models":
        make_models(out)
        return 0
    if command == "check_rewrite":
        return 0 if check_rewrite(out) else 1
    if command == "check_models":
        return 0 if check_models(out) else 1
    print(f"unknown command {command}")
    return 2


if __name__ == "__main__":
    sys.exit(main())
