"""Creates tiny random checkpoints with Hugging Face transformers and their reference outputs.

Usage: make_reference_models.py OUT_DIR

For every case OUT_DIR/<case>/ holds the checkpoint (save_pretrained, safetensors) and
OUT_DIR/<case>/reference.safetensors the model's outputs on a fixed batch:
  input_ids, attention_mask  [3, 12]: row 0 unpadded, row 1 left-padded by 3, row 2 right-padded by 4
  logits                     [3, 12, vocab] float32
  hidden_states              [layers, 3, 12, hidden] float32 (output_hidden_states[1:])
  prompt0 / generated0       row 0 and its greedy continuation (20 tokens)
  prompt1 / generated1       the real tokens of row 1 and their greedy continuation
  nll0                       -log p(token[i+1] | tokens[..i]) along row 0, float64
Positions follow the attention mask (cumsum - 1), as transformers' generate computes them.
"""

import sys
from pathlib import Path

import torch
import transformers
from safetensors.torch import save_file

VOCAB = 96
SEQ = 12
NEW_TOKENS = 20


def configs():
    common = dict(vocab_size=VOCAB, bos_token_id=None, eos_token_id=None, pad_token_id=None)
    llama_like = dict(common, hidden_size=64, intermediate_size=128, num_hidden_layers=2, num_attention_heads=4,
                      max_position_embeddings=128, rms_norm_eps=1e-6)
    return {
        # Grouped-query attention, untied head.
        "llama": transformers.LlamaConfig(**llama_like, num_key_value_heads=2, tie_word_embeddings=False),
        # Llama 3.1 RoPE scaling (a short original context so all three frequency bands occur), tied
        # embeddings, o_proj and MLP biases.
        "llama3": transformers.LlamaConfig(
            **llama_like, num_key_value_heads=1, tie_word_embeddings=True, attention_bias=True, mlp_bias=True,
            rope_parameters={"rope_type": "llama3", "rope_theta": 500000.0, "factor": 8.0, "low_freq_factor": 1.0,
                             "high_freq_factor": 4.0, "original_max_position_embeddings": 16}),
        # A window of 4 on 12 tokens.
        "mistral": transformers.MistralConfig(**llama_like, num_key_value_heads=1, sliding_window=4,
                                              tie_word_embeddings=False),
        # q/k/v biases; layer 0 full attention, layer 1 a window of 5.
        "qwen2": transformers.Qwen2Config(**llama_like, num_key_value_heads=2, tie_word_embeddings=True,
                                          use_sliding_window=True, sliding_window=5, max_window_layers=1),
        # q/k RMSNorm and head_dim 24 != 64 / 4.
        "qwen3": transformers.Qwen3Config(**llama_like, num_key_value_heads=2, head_dim=24, tie_word_embeddings=False),
        "gpt2": transformers.GPT2Config(**common, n_embd=64, n_layer=2, n_head=4, n_positions=64),
        # 6 heads (not a power of two: the interleaved ALiBi slopes) and clipped q/k/v.
        "mpt": transformers.MptConfig(**common, d_model=96, n_heads=6, n_layers=2, max_seq_len=64,
                                      attn_config={"clip_qkv": 3.0}),
    }


def randomize(model, seed):
    """Weights large enough that logits are far from uniform and greedy choices are not near-ties."""
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            noise = torch.randn(p.shape, generator=generator)
            if p.dim() == 1 and name.endswith("weight"):  # norms
                p.copy_(1.0 + 0.1 * noise)
            elif name.endswith("bias"):
                p.copy_(0.1 * noise)
            else:
                p.copy_(0.2 * noise)


def batch():
    generator = torch.Generator().manual_seed(1234)
    ids = torch.randint(1, VOCAB, (3, SEQ), generator=generator)
    mask = torch.ones(3, SEQ, dtype=torch.long)
    mask[1, :3] = 0
    mask[2, SEQ - 4:] = 0
    ids[mask == 0] = 0
    return ids, mask


def run(model, ids, mask):
    kwargs = dict(input_ids=ids, attention_mask=mask, output_hidden_states=True)
    if model.config.model_type != "mpt":  # ALiBi needs no positions
        kwargs["position_ids"] = (mask.cumsum(-1) - 1).clamp(min=0)
    with torch.no_grad():
        out = model(**kwargs)
    hidden = torch.stack([h.float() for h in out.hidden_states[1:]])
    return out.logits.float(), hidden


def greedy(model, prompt):
    with torch.no_grad():
        out = model.generate(input_ids=prompt[None], attention_mask=torch.ones_like(prompt)[None], do_sample=False,
                             max_new_tokens=NEW_TOKENS, min_new_tokens=NEW_TOKENS, eos_token_id=None, pad_token_id=0)
    return out[0, prompt.numel():].clone()


def write_case(model, directory, ids, mask):
    model.save_pretrained(directory)
    # Outputs of the checkpoint as from_pretrained loads it: an in-memory model.to(bfloat16) would
    # also round the rotary inv_freq buffer, which a loaded checkpoint computes in float32.
    model = transformers.AutoModelForCausalLM.from_pretrained(directory).eval()
    logits, hidden = run(model, ids, mask)
    prompt0 = ids[0].clone()
    prompt1 = ids[1][mask[1] == 1].clone()
    nll0 = -torch.log_softmax(logits[0].double(), -1)[:-1].gather(1, ids[0, 1:, None]).squeeze(1)
    save_file({
        "input_ids": ids, "attention_mask": mask, "logits": logits.contiguous(), "hidden_states": hidden.contiguous(),
        "prompt0": prompt0, "generated0": greedy(model, prompt0),
        "prompt1": prompt1, "generated1": greedy(model, prompt1), "nll0": nll0.contiguous(),
    }, str(directory / "reference.safetensors"))


def main():
    transformers.utils.logging.disable_progress_bar()
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    ids, mask = batch()
    for seed, (name, config) in enumerate(configs().items()):
        torch.manual_seed(seed)
        model = transformers.AutoModelForCausalLM.from_config(config).eval()
        randomize(model, seed)
        write_case(model, out / name, ids, mask)
        if name in ("llama", "mpt"):  # the same weights rounded to bfloat16
            write_case(model.to(torch.bfloat16), out / f"{name}_bf16", ids, mask)


if __name__ == "__main__":
    main()
