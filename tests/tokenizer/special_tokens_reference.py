#!/usr/bin/env python3
"""Reference ids for special_tokens_interop_tests: what transformers feeds a model for a text.

usage: special_tokens_reference.py TEXTS.json OUT.json DIR [DIR ...]

For every model directory (tokenizer.json, maybe tokenizer_config.json), the ids of
AutoTokenizer.from_pretrained(DIR)(text)["input_ids"] for every text, as {DIR: [[ids], ...]}.
"""
import json
import pathlib
import sys

from transformers import AutoTokenizer
from transformers import logging as hf_logging


def main():
    hf_logging.set_verbosity_error()
    texts = json.loads(pathlib.Path(sys.argv[1]).read_text(encoding="utf-8"))
    result = {}
    for directory in sys.argv[3:]:
        tokenizer = AutoTokenizer.from_pretrained(directory)
        result[directory] = [tokenizer(text)["input_ids"] for text in texts]
    pathlib.Path(sys.argv[2]).write_text(json.dumps(result), encoding="utf-8")


if __name__ == "__main__":
    main()
