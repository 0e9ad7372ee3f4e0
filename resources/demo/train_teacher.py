#!/usr/bin/env python3
"""Train the sparsetune demo teacher: a byte-level BPE tokenizer and a small dense Llama model.

Reads resources/demo/data/{train,validation}.jsonl (made by make_task.py) and writes, into --out:
  tokenizer.json, tokenizer_config.json, special_tokens_map.json   the tokenizer
  config.json, generation_config.json, model.safetensors            LlamaForCausalLM, fp32
  training_args.json                                                 every setting used + measured timings
  training_log.jsonl                                                 loss / lr / throughput vs step, evals

Each training sequence is  <|endoftext|> prompt completion <|endoftext|>;  the loss is taken on the
completion tokens and the final <|endoftext|> only (--loss_on all also trains on the prompt).

Reproduce the committed model (CPU, one thread):
  .venv/bin/python resources/demo/train_teacher.py
Quick throughput check of a configuration without training:
  .venv/bin/python resources/demo/train_teacher.py --bench 20
"""
import argparse
import json
import math
import os
import random
import sys
import time

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
EOT = "<|endoftext|>"
# Llama 3's pre-tokenizer regex, except that every digit is its own piece (\p{N} instead of \p{N}{1,3}).
SPLIT_REGEX = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*"
               r"|\s*[\r\n]+|\s+(?!\S)|\s+")


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=os.path.join(HERE, "data"))
    ap.add_argument("--out", default=os.path.join(HERE, "model"))
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--threads", type=int, default=1, help="torch.set_num_threads")
    # tokenizer
    ap.add_argument("--vocab_size", type=int, default=512)
    # model
    ap.add_argument("--hidden", type=int, default=192)
    ap.add_argument("--layers", type=int, default=4)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--kv_heads", type=int, default=2)
    ap.add_argument("--intermediate", type=int, default=512)
    ap.add_argument("--max_positions", type=int, default=256)
    ap.add_argument("--rope_theta", type=float, default=10000.0)
    # optimisation
    ap.add_argument("--steps", type=int, default=3000)
    ap.add_argument("--batch_size", type=int, default=64)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--min_lr_ratio", type=float, default=0.05, help="cosine decays to lr*ratio")
    ap.add_argument("--warmup", type=int, default=200)
    ap.add_argument("--weight_decay", type=float, default=0.05)
    ap.add_argument("--beta2", type=float, default=0.98)
    ap.add_argument("--grad_clip", type=float, default=1.0)
    ap.add_argument("--loss_on", choices=["completion", "all"], default="completion")
    # logging / evaluation during training
    ap.add_argument("--log_every", type=int, default=50)
    ap.add_argument("--eval_every", type=int, default=500)
    ap.add_argument("--eval_em_n", type=int, default=200, help="validation problems for greedy EM")
    ap.add_argument("--bench", type=int, default=0, help="only time this many steps, save nothing")
    ap.add_argument("--max_train", type=int, default=0, help="use only the first N training problems")
    return ap.parse_args(argv)


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


# ------------------------------------------------------------------------------------------------
# Tokenizer
# ------------------------------------------------------------------------------------------------
def train_tokenizer(texts, vocab_size):
    from tokenizers import Regex, Tokenizer, decoders, models, pre_tokenizers, processors, trainers

    tok = Tokenizer(models.BPE(unk_token=None, byte_fallback=False))
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(SPLIT_REGEX), behavior="isolated", invert=False),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False),
    ])
    tok.decoder = decoders.ByteLevel()
    # Every sequence starts with EOT (the GPT-2 convention): the post-processor puts it there, so
    # transformers' tokenizer(prompt) and sparsetune feed the model what it was trained on.
    tok.post_processor = processors.TemplateProcessing(single=f"{EOT} $A", pair=f"{EOT} $A {EOT} $B",
                                                       special_tokens=[(EOT, 0)])
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, min_frequency=2, special_tokens=[EOT],
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
    tok.train_from_iterator(texts, trainer=trainer)
    return tok


def save_tokenizer(tok, out):
    tok.save(os.path.join(out, "tokenizer.json"))
    cfg = {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "bos_token": EOT, "eos_token": EOT, "pad_token": EOT, "unk_token": None,
        "add_bos_token": False, "add_eos_token": False, "clean_up_tokenization_spaces": False,
        "model_max_length": 256,
    }
    with open(os.path.join(out, "tokenizer_config.json"), "w") as f:
        json.dump(cfg, f, indent=2)
    with open(os.path.join(out, "special_tokens_map.json"), "w") as f:
        json.dump({"bos_token": EOT, "eos_token": EOT, "pad_token": EOT}, f, indent=2)


# ------------------------------------------------------------------------------------------------
# Data
# ------------------------------------------------------------------------------------------------
def encode_rows(tok, rows, eot_id):
    """Return a list of (ids, first_target_position) with ids = EOT prompt completion EOT."""
    out = []
    p_enc = tok.encode_batch([r["prompt"] for r in rows], add_special_tokens=False)
    c_enc = tok.encode_batch([r["completion"] for r in rows], add_special_tokens=False)
    for p, c in zip(p_enc, c_enc):
        ids = [eot_id] + p.ids + c.ids + [eot_id]
        out.append((ids, 1 + len(p.ids)))
    return out


def make_batch(examples, eot_id, loss_on):
    L = max(len(ids) for ids, _ in examples)
    B = len(examples)
    input_ids = torch.full((B, L), eot_id, dtype=torch.long)
    attn = torch.zeros((B, L), dtype=torch.long)
    labels = torch.full((B, L), -100, dtype=torch.long)
    for i, (ids, start) in enumerate(examples):
        n = len(ids)
        input_ids[i, :n] = torch.tensor(ids)
        attn[i, :n] = 1
        s = start if loss_on == "completion" else 1
        labels[i, s:n] = torch.tensor(ids[s:n])
    return input_ids, attn, labels


class Batches:
    """Endless length-grouped random batches (less padding), reshuffled every epoch."""

    def __init__(self, data, batch_size, seed):
        self.data, self.bs, self.rng = data, batch_size, random.Random(seed)
        self.queue, self.epoch = [], 0

    def _refill(self):
        idx = list(range(len(self.data)))
        self.rng.shuffle(idx)
        chunk = self.bs * 32
        batches = []
        for i in range(0, len(idx), chunk):
            part = sorted(idx[i:i + chunk], key=lambda j: len(self.data[j][0]))
            batches += [part[k:k + self.bs] for k in range(0, len(part), self.bs) if len(part[k:k + self.bs]) == self.bs]
        self.rng.shuffle(batches)
        self.queue = batches
        self.epoch += 1

    def next(self):
        if not self.queue:
            self._refill()
        return [self.data[j] for j in self.queue.pop()]


# ------------------------------------------------------------------------------------------------
# Evaluation helpers (shared with evaluate_teacher.py)
# ------------------------------------------------------------------------------------------------
def extract_answer(text):
    """The number after the first '####', or None."""
    import re
    i = text.find("####")
    if i < 0:
        return None
    m = re.match(r"\s*(-?[\d,]+)", text[i + 4:])
    return m.group(1).replace(",", "") if m else None


@torch.no_grad()
def greedy_generate(model, tok, prompts, eot_id, max_new_tokens=64, batch_size=100):
    """Batched greedy decoding with HF generate (left padding); stops at EOT or at the newline that
    ends the '####' line.  Returns the decoded completions (without the prompt)."""
    model.eval()
    outs = []
    nl_ids = set(i for t, i in tok.get_vocab().items() if "\u010a" in t)  # byte-level tokens holding '\n'
    for b in range(0, len(prompts), batch_size):
        chunk = prompts[b:b + batch_size]
        enc = [[eot_id] + e.ids for e in tok.encode_batch(chunk, add_special_tokens=False)]
        L = max(map(len, enc))
        ids = torch.full((len(enc), L), eot_id, dtype=torch.long)
        att = torch.zeros((len(enc), L), dtype=torch.long)
        for i, e in enumerate(enc):
            ids[i, L - len(e):] = torch.tensor(e)
            att[i, L - len(e):] = 1
        gen = model.generate(input_ids=ids, attention_mask=att, do_sample=False, max_new_tokens=max_new_tokens,
                             eos_token_id=eot_id, pad_token_id=eot_id,
                             stopping_criteria=_stop_after_answer_line(tok, nl_ids, L))
        for row in gen[:, L:].tolist():
            if eot_id in row:
                row = row[:row.index(eot_id)]
            text = tok.decode(row)
            j = text.find("####")
            if j >= 0 and "\n" in text[j:]:
                text = text[:j + text[j:].index("\n")]
            outs.append(text)
    return outs


def _stop_after_answer_line(tok, nl_ids, prompt_len):
    from transformers import StoppingCriteria, StoppingCriteriaList

    class AnswerLineDone(StoppingCriteria):
        def __call__(self, input_ids, scores, **kw):
            done = []
            for row in input_ids[:, prompt_len:].tolist():
                text = tok.decode(row)
                j = text.find("####")
                done.append(j >= 0 and "\n" in text[j:])
            return torch.tensor(done, dtype=torch.bool)

    return StoppingCriteriaList([AnswerLineDone()])


@torch.no_grad()
def completion_loss_and_acc(model, data, eot_id, batch_size=100):
    """Mean CE over completion tokens (incl. final EOT) and next-token (answer-token) accuracy."""
    model.eval()
    tot_loss, tot_tok, tot_ok = 0.0, 0, 0
    for b in range(0, len(data), batch_size):
        ids, att, lab = make_batch(data[b:b + batch_size], eot_id, "completion")
        logits = model(input_ids=ids, attention_mask=att).logits[:, :-1]
        tgt = lab[:, 1:]
        mask = tgt != -100
        lp = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.size(-1)), tgt.reshape(-1),
                                               ignore_index=-100, reduction="sum")
        tot_loss += lp.item()
        tot_tok += mask.sum().item()
        tot_ok += ((logits.argmax(-1) == tgt) & mask).sum().item()
    return tot_loss / tot_tok, tot_ok / tot_tok


# ------------------------------------------------------------------------------------------------
def main(argv=None):
    args = parse_args(argv)
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    from transformers import LlamaConfig, LlamaForCausalLM
    from transformers import logging as hf_logging
    hf_logging.set_verbosity_error()

    t_start = time.time()
    train_rows = read_jsonl(os.path.join(args.data, "train.jsonl"))
    if args.max_train:
        train_rows = train_rows[:args.max_train]
    val_rows = read_jsonl(os.path.join(args.data, "validation.jsonl"))

    tok = train_tokenizer((r["prompt"] + r["completion"] for r in train_rows), args.vocab_size)
    eot_id = tok.token_to_id(EOT)
    train = encode_rows(tok, train_rows, eot_id)
    val = encode_rows(tok, val_rows, eot_id)
    lens = [len(x[0]) for x in train]
    ctoks = sum(len(x[0]) - x[1] for x in train)
    print(f"tokenizer: vocab {tok.get_vocab_size()}, eot id {eot_id}; train {len(train)} seqs, "
          f"mean len {sum(lens) / len(lens):.1f}, max {max(lens)}, completion tokens/epoch {ctoks}", flush=True)
    assert max(lens) <= args.max_positions

    cfg = LlamaConfig(
        vocab_size=tok.get_vocab_size(), hidden_size=args.hidden, intermediate_size=args.intermediate,
        num_hidden_layers=args.layers, num_attention_heads=args.heads, num_key_value_heads=args.kv_heads,
        max_position_embeddings=args.max_positions, rms_norm_eps=1e-5, rope_theta=args.rope_theta,
        tie_word_embeddings=True, bos_token_id=eot_id, eos_token_id=eot_id, pad_token_id=eot_id,
        attention_bias=False, mlp_bias=False, hidden_act="silu", initializer_range=0.02,
        torch_dtype="float32",
    )
    model = LlamaForCausalLM(cfg).float()
    n_params = sum(p.numel() for p in model.parameters())
    print(f"model: {n_params / 1e6:.3f} M parameters ({args.layers} layers, hidden {args.hidden}, "
          f"intermediate {args.intermediate}, heads {args.heads}/{args.kv_heads})", flush=True)

    decay = [p for n, p in model.named_parameters() if p.dim() >= 2]
    no_decay = [p for n, p in model.named_parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": args.weight_decay},
                             {"params": no_decay, "weight_decay": 0.0}],
                            lr=args.lr, betas=(0.9, args.beta2), eps=1e-8)
    total = args.bench or args.steps

    def lr_at(step):  # step is 0-based
        if step < args.warmup:
            return args.lr * (step + 1) / args.warmup
        p = (step - args.warmup) / max(1, total - args.warmup)
        return args.lr * (args.min_lr_ratio + (1 - args.min_lr_ratio) * 0.5 * (1 + math.cos(math.pi * p)))

    batches = Batches(train, args.batch_size, args.seed)
    if not args.bench:
        os.makedirs(args.out, exist_ok=True)
        logf = open(os.path.join(args.out, "training_log.jsonl"), "w")
    t0 = time.time()
    tokens_seen = 0
    run_loss, run_n = 0.0, 0
    train_time = 0.0
    for step in range(total):
        model.train()
        ids, att, lab = make_batch(batches.next(), eot_id, args.loss_on)
        for g in opt.param_groups:
            g["lr"] = lr_at(step)
        ts = time.time()
        loss = model(input_ids=ids, attention_mask=att, labels=lab).loss
        opt.zero_grad(set_to_none=True)
        loss.backward()
        gn = torch.nn.utils.clip_grad_norm_(model.parameters(), args.grad_clip)
        opt.step()
        train_time += time.time() - ts
        tokens_seen += int(att.sum())
        run_loss += loss.item()
        run_n += 1
        if (step + 1) % args.log_every == 0 or step == 0 or step + 1 == total:
            el = time.time() - t0
            rec = {"step": step + 1, "loss": run_loss / run_n, "lr": lr_at(step), "grad_norm": float(gn),
                   "epoch": batches.epoch, "tokens": tokens_seen, "elapsed_s": round(el, 1),
                   "tok_per_s": round(tokens_seen / max(train_time, 1e-9))}
            eta = el / (step + 1) * (total - step - 1)
            print(f"step {step + 1:6d}/{total} loss {rec['loss']:.4f} lr {rec['lr']:.2e} gn {rec['grad_norm']:.2f} "
                  f"ep {batches.epoch} {rec['tok_per_s']} tok/s elapsed {el / 60:.1f} min eta {eta / 60:.1f} min",
                  flush=True)
            if not args.bench:
                logf.write(json.dumps(rec) + "\n")
                logf.flush()
            run_loss, run_n = 0.0, 0
        if not args.bench and ((step + 1) % args.eval_every == 0 or step + 1 == total):
            te = time.time()
            vloss, vacc = completion_loss_and_acc(model, val, eot_id)
            sub = val_rows[:args.eval_em_n]
            gens = greedy_generate(model, tok, [r["prompt"] for r in sub], eot_id)
            em = sum(extract_answer(g) == str(r["answer"]) for g, r in zip(gens, sub)) / len(sub)
            rec = {"step": step + 1, "val_completion_loss": vloss, "val_token_acc": vacc,
                   f"val_em_{len(sub)}": em, "eval_s": round(time.time() - te, 1)}
            print(f"  eval step {step + 1}: val loss {vloss:.4f} token acc {vacc:.4f} EM({len(sub)}) {em:.3f} "
                  f"[{rec['eval_s']} s]", flush=True)
            logf.write(json.dumps(rec) + "\n")
            logf.flush()
            t0 += time.time() - te  # keep eval time out of the ETA

    wall = time.time() - t_start
    if args.bench:
        print(f"bench: {tokens_seen / train_time:.0f} tok/s, {train_time / total:.3f} s/step", flush=True)
        return
    logf.close()
    model.generation_config.do_sample = False
    model.generation_config.max_new_tokens = 64
    model.generation_config.bos_token_id = eot_id
    model.generation_config.eos_token_id = eot_id
    model.generation_config.pad_token_id = eot_id
    model.save_pretrained(args.out, safe_serialization=True)
    save_tokenizer(tok, args.out)
    info = dict(vars(args))
    info["data"] = os.path.relpath(args.data, os.getcwd())
    info["out"] = os.path.relpath(args.out, os.getcwd())
    info.update({
        "n_params": n_params, "vocab_size_actual": tok.get_vocab_size(), "train_sequences": len(train),
        "train_tokens_seen": tokens_seen, "epochs_seen": batches.epoch,
        "train_step_time_s": round(train_time, 1), "total_wall_time_s": round(wall, 1),
        "machine": f"{os.cpu_count()} CPU cores, torch threads {args.threads}", "torch": torch.__version__,
        "command": "python " + " ".join([os.path.relpath(sys.argv[0])] + sys.argv[1:]),
    })
    with open(os.path.join(args.out, "training_args.json"), "w") as f:
        json.dump(info, f, indent=2)
    print(f"saved to {args.out}; wall time {wall / 60:.1f} min", flush=True)


if __name__ == "__main__":
    main()
