#!/usr/bin/env python3
"""Evaluate the sparsetune demo teacher on the held-out test split.

Metrics (written to <model>/eval.json):
  exact_match             greedy generation (HF generate, do_sample=False, at most 64 new tokens, stopping at
                          <|endoftext|> or at the newline after the '####' line); the number after '####'
                          must equal the reference answer
  answer_token_accuracy   teacher-forced next-token accuracy over the completion tokens (incl. the final
                          <|endoftext|>)
  completion_loss         mean cross-entropy (nats/token) over the same tokens
plus exact match per number of steps and per template, and the share of outputs that contain '####'.

Usage:
  .venv/bin/python resources/demo/evaluate_teacher.py [--model resources/demo/model] [--split test]
"""
import argparse
import collections
import json
import os
import sys
import time

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from train_teacher import (EOT, completion_loss_and_acc, encode_rows, extract_answer,  # noqa: E402
                           greedy_generate, read_jsonl)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default=os.path.join(HERE, "model"))
    ap.add_argument("--data", default=os.path.join(HERE, "data"))
    ap.add_argument("--split", default="test")
    ap.add_argument("--limit", type=int, default=0, help="evaluate only the first N problems")
    ap.add_argument("--batch_size", type=int, default=100)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--out", default=None, help="default: <model>/eval.json (only for the full test split)")
    ap.add_argument("--show", type=int, default=5, help="print this many wrong answers")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)

    from tokenizers import Tokenizer
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from transformers import logging as hf_logging
    hf_logging.set_verbosity_error()

    rows = read_jsonl(os.path.join(args.data, f"{args.split}.jsonl"))
    if args.limit:
        rows = rows[:args.limit]
    tok = Tokenizer.from_file(os.path.join(args.model, "tokenizer.json"))
    eot_id = tok.token_to_id(EOT)
    model = AutoModelForCausalLM.from_pretrained(args.model, dtype=torch.float32)
    model.eval()
    n_params = sum(p.numel() for p in model.parameters())

    # the HF tokenizer files must load and agree with the raw tokenizer
    hf_tok = AutoTokenizer.from_pretrained(args.model)
    assert hf_tok.eos_token_id == eot_id and hf_tok.bos_token_id == eot_id and hf_tok.pad_token_id == eot_id
    for r in rows[:20]:
        assert hf_tok(r["prompt"], add_special_tokens=False)["input_ids"] == tok.encode(r["prompt"]).ids

    t0 = time.time()
    data = encode_rows(tok, rows, eot_id)
    loss, acc = completion_loss_and_acc(model, data, eot_id, args.batch_size)
    t1 = time.time()
    gens = greedy_generate(model, tok, [r["prompt"] for r in rows], eot_id, max_new_tokens=64,
                           batch_size=args.batch_size)
    t2 = time.time()

    ok = [extract_answer(g) == str(r["answer"]) for g, r in zip(gens, rows)]
    by_steps, by_tpl = collections.defaultdict(list), collections.defaultdict(list)
    for o, r in zip(ok, rows):
        by_steps[r["completion"].count("=")].append(o)
        by_tpl[r["template"]].append(o)
    res = {
        "model": os.path.relpath(args.model, os.getcwd()),
        "split": args.split,
        "n": len(rows),
        "params": n_params,
        "exact_match": sum(ok) / len(ok),
        "answer_token_accuracy": acc,
        "completion_loss": loss,
        "has_answer_line": sum(extract_answer(g) is not None for g in gens) / len(gens),
        "exact_match_by_steps": {str(k): round(sum(v) / len(v), 4) for k, v in sorted(by_steps.items())},
        "exact_match_by_template": {k: round(sum(v) / len(v), 4) for k, v in sorted(by_tpl.items())},
        "decoding": "greedy (do_sample=False), max_new_tokens=64, stop at <|endoftext|> or end of the #### line",
        "eval_seconds": {"loss_and_token_accuracy": round(t1 - t0, 1), "generation": round(t2 - t1, 1)},
        "threads": args.threads,
    }
    print(json.dumps({k: v for k, v in res.items() if k != "exact_match_by_template"}, indent=2))
    worst = sorted(res["exact_match_by_template"].items(), key=lambda kv: kv[1])[:5]
    print("weakest templates:", worst)
    shown = 0
    for g, r, o in zip(gens, rows, ok):
        if not o and shown < args.show:
            print(f"--- {r['template']}\n{r['prompt']}\n  gold: {r['completion']!r}\n  got:  {g!r}")
            shown += 1
    out = args.out or (os.path.join(args.model, "eval.json") if args.split == "test" and not args.limit else None)
    if out:
        with open(out, "w") as f:
            json.dump(res, f, indent=2)
        print(f"wrote {out}")


if __name__ == "__main__":
    main()
