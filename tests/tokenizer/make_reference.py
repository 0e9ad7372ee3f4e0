#!/usr/bin/env python3
"""Reference data for tokenizer_interop_tests, made with the Hugging Face `tokenizers` library.

usage: make_reference.py OUT_DIR [NAME=path/to/tokenizer.json ...]

Trains small BPE tokenizers of every kind the C++ tokenizer supports (GPT-2, RoBERTa, Llama 3,
Qwen2 and SentencePiece styles, one with subword prefix/suffix), saves them as OUT_DIR/NAME.json,
and writes OUT_DIR/expected.json: for every line of corpus.txt and every tokenizer (the trained ones
and the NAME=path ones given), the ids of encode(line) without and with special tokens, and the
decoded text of both. corpus.txt holds one case per line; \\n \\r \\t \\v \\f \\\\ \\uXXXX and
\\UXXXXXXXX stand for the characters a text file cannot hold safely.
"""
import json
import pathlib
import re
import sys

from tokenizers import (AddedToken, Regex, Tokenizer, decoders, models, normalizers,
                        pre_tokenizers, processors, trainers)

HERE = pathlib.Path(__file__).resolve().parent

LLAMA3_SPLIT = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}"
                r"| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+")
QWEN2_SPLIT = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}"
               r"| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+")

# Training text besides the corpus itself, so that the merges are those of ordinary prose.
PROSE = """\
Once upon a time there was a small village by the sea. The people of the village were fishermen,
and every morning they went out in their boats before the sun came up. They worked hard, and in the
evening they sat together, told stories and sang songs about the sea, the wind and the stars.
Machine learning models learn from data. A tokenizer turns text into numbers, the model turns
numbers into predictions, and the training loop turns predictions and labels into better weights.
Der schnelle braune Fuchs springt über den faulen Hund. Die Katze schläft auf dem Sofa.
Le renard brun rapide saute par-dessus le chien paresseux. Les enfants jouent dans le jardin.
El rápido zorro marrón salta sobre el perro perezoso. Hoy hace buen tiempo en la ciudad.
Быстрая коричневая лиса прыгает через ленивую собаку. Сегодня хорошая погода.
敏捷的棕色狐狸跳过了懒狗。今天天气很好，我们一起去学校学习中文。
素早い茶色の狐がのろまな犬を飛び越える。今日はいい天気ですね。
def train(model, data, epochs=3):\n    for epoch in range(epochs):\n        for batch in data:\n            loss = model(batch)\n            loss.backward()
int sum(const std::vector<int>& values) { int total = 0; for (int v : values) total += v; return total; }
The year 1999 was followed by 2000, then 2001, 2002 and 2003; prices rose by 3.5% to $1,234.56.
"""


def decode_escapes(line):
    def replace(match):
        escape = match.group(1)
        if escape[0] in "uU":
            return chr(int(escape[1:], 16))
        return {"n": "\n", "r": "\r", "t": "\t", "v": "\v", "f": "\f", "\\": "\\"}[escape]
    return re.sub(r"\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[nrtvf\\])", replace, line)


def read_corpus():
    text = (HERE / "corpus.txt").read_text(encoding="utf-8")
    return [decode_escapes(line) for line in text.split("\n")[:-1]]


def training_text(corpus):
    prose = [decode_escapes(line) for line in PROSE.splitlines()]
    return (prose + corpus) * 3


def byte_level_trainer(vocab_size, special_tokens):
    return trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=special_tokens, show_progress=False,
                               initial_alphabet=pre_tokenizers.ByteLevel.alphabet())


def gpt2_bytelevel(text):
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    tok.post_processor = processors.ByteLevel(trim_offsets=False)
    tok.train_from_iterator(text, byte_level_trainer(1000, ["<|endoftext|>"]))
    tok.add_tokens([AddedToken("<|fim_middle|>", special=False, normalized=False)])
    return tok


def roberta_style(text):
    tok = Tokenizer(models.BPE())
    tok.normalizer = normalizers.NFD()
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=True)
    tok.decoder = decoders.ByteLevel()
    tok.train_from_iterator(text, byte_level_trainer(800, ["<s>", "<pad>", "</s>", "<unk>"]))
    tok.add_special_tokens([AddedToken("<mask>", lstrip=True, special=True, normalized=False)])
    tok.post_processor = processors.RobertaProcessing(("</s>", tok.token_to_id("</s>")),
                                                      ("<s>", tok.token_to_id("<s>")))
    return tok


def llama3_style(text):
    tok = Tokenizer(models.BPE(ignore_merges=True))
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(LLAMA3_SPLIT), behavior="isolated", invert=False),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False),
    ])
    tok.decoder = decoders.ByteLevel()
    special = ["<|begin_of_text|>", "<|end_of_text|>", "<|start_header_id|>", "<|end_header_id|>",
               "<|eot_id|>"]
    tok.train_from_iterator(text, byte_level_trainer(1500, special))
    bos = tok.token_to_id("<|begin_of_text|>")
    tok.post_processor = processors.Sequence([
        processors.ByteLevel(trim_offsets=False),
        processors.TemplateProcessing(single="<|begin_of_text|> $A",
                                      pair="<|begin_of_text|> $A <|begin_of_text|> $B:1",
                                      special_tokens=[("<|begin_of_text|>", bos)]),
    ])
    return tok


def qwen2_style(text):
    tok = Tokenizer(models.BPE())
    tok.normalizer = normalizers.NFC()
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(QWEN2_SPLIT), behavior="isolated", invert=False),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False),
    ])
    tok.decoder = decoders.ByteLevel()
    tok.post_processor = processors.ByteLevel(trim_offsets=False)
    tok.train_from_iterator(text, byte_level_trainer(1200, ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]))
    return tok


BYTE_TOKENS = [f"<0x{b:02X}>" for b in range(256)]


def spm_llama2_style(text):
    """Llama 2 as converted from SentencePiece: the normalizer does the metaspace work."""
    tok = Tokenizer(models.BPE(unk_token="<unk>", byte_fallback=True, fuse_unk=True))
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    trainer = trainers.BpeTrainer(vocab_size=1500, special_tokens=["<unk>", "<s>", "</s>"] + BYTE_TOKENS,
                                  limit_alphabet=200, show_progress=False)
    tok.train_from_iterator(text, trainer)
    tok.pre_tokenizer = None
    tok.normalizer = normalizers.Sequence([normalizers.Prepend("▁"), normalizers.Replace(" ", "▁")])
    tok.decoder = decoders.Sequence([decoders.Replace("▁", " "), decoders.ByteFallback(), decoders.Fuse(),
                                     decoders.Strip(content=" ", left=1, right=0)])
    tok.post_processor = processors.TemplateProcessing(
        single="<s> $A", pair="<s> $A <s> $B:1", special_tokens=[("<s>", tok.token_to_id("<s>"))])
    # Byte tokens belong to the model's vocabulary, not to the added tokens (as in Llama 2).
    data = json.loads(tok.to_str())
    data["added_tokens"] = [t for t in data["added_tokens"] if t["content"] not in BYTE_TOKENS]
    return Tokenizer.from_str(json.dumps(data))


def spm_metaspace(text):
    """Metaspace pre-tokenizer (prepend_scheme "first") after Digits, unknown characters fused."""
    tok = Tokenizer(models.BPE(unk_token="<unk>", fuse_unk=True))
    tok.normalizer = normalizers.Sequence([normalizers.NFKC(), normalizers.Lowercase()])
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Digits(individual_digits=True),
        pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="first", split=True),
    ])
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="first")
    trainer = trainers.BpeTrainer(vocab_size=900, special_tokens=["<unk>", "<s>", "</s>"], limit_alphabet=120,
                                  show_progress=False)
    tok.train_from_iterator(text, trainer)
    tok.add_special_tokens([AddedToken("<mask>", lstrip=True, special=True, normalized=False)])
    tok.add_tokens([AddedToken("Hello World", single_word=True, normalized=True),
                    AddedToken("[NL]", rstrip=True, normalized=False)])
    tok.post_processor = processors.BertProcessing(("</s>", tok.token_to_id("</s>")),
                                                   ("<s>", tok.token_to_id("<s>")))
    return tok


def bpe_suffix(text):
    """Word-based BPE with a continuing-subword prefix and an end-of-word suffix, no decoder."""
    tok = Tokenizer(models.BPE(unk_token="[UNK]", continuing_subword_prefix="##", end_of_word_suffix="</w>"))
    tok.normalizer = normalizers.Sequence([
        normalizers.NFKD(), normalizers.Strip(left=True, right=True), normalizers.Replace(Regex(r"\s+"), " "),
    ])
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(r"\p{L}+|\p{N}+|[^\s\p{L}\p{N}]+"), behavior="removed", invert=True),
        pre_tokenizers.Split(Regex(r"[.,;:!?]"), behavior="merged_with_previous"),
        pre_tokenizers.Split("-", behavior="merged_with_next"),
        pre_tokenizers.Split(Regex(r"[(){}\[\]]"), behavior="contiguous"),
        pre_tokenizers.Digits(individual_digits=False),
    ])
    trainer = trainers.BpeTrainer(vocab_size=1200, special_tokens=["[UNK]", "[CLS]", "[SEP]"], limit_alphabet=300,
                                  continuing_subword_prefix="##", end_of_word_suffix="</w>", show_progress=False)
    tok.train_from_iterator(text, trainer)
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", tok.token_to_id("[CLS]")), ("[SEP]", tok.token_to_id("[SEP]"))])
    return tok


BUILDERS = [gpt2_bytelevel, roberta_style, llama3_style, qwen2_style, spm_llama2_style, spm_metaspace,
            bpe_suffix]


def expectations(tok, corpus):
    cases = []
    for line in corpus:
        ids = tok.encode(line, add_special_tokens=False).ids
        ids_special = tok.encode(line, add_special_tokens=True).ids
        cases.append({
            "ids": ids,
            "ids_special": ids_special,
            "decoded": tok.decode(ids, skip_special_tokens=True),
            "decoded_special": tok.decode(ids_special, skip_special_tokens=False),
        })
    return {"vocab_size": tok.get_vocab_size(with_added_tokens=True), "cases": cases}


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = pathlib.Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    corpus = read_corpus()
    text = training_text(corpus)
    files = {}
    for build in BUILDERS:
        path = out / f"{build.__name__}.json"
        build(text).save(str(path))
        files[build.__name__] = path
    for arg in sys.argv[2:]:
        name, _, path = arg.partition("=")
        files[name] = pathlib.Path(path)
    result = {"lines": corpus, "tokenizers": {}}
    for name, path in files.items():
        entry = expectations(Tokenizer.from_file(str(path)), corpus)
        entry["path"] = str(path)
        result["tokenizers"][name] = entry
    (out / "expected.json").write_text(json.dumps(result, ensure_ascii=True), encoding="utf-8")


if __name__ == "__main__":
    main()
