#!/usr/bin/env python3
"""Fills the studio's .ts files from the reviewed tables below after `lupdate` has added new source
texts. A source text with no entry is left 'unfinished', and the script exits 1 naming it, so a
missing translation is noticed (tests/studio checks that every message is translated)."""
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

GERMAN = {
    "Module path": "Modulpfad",
    "Shape [out × in]": "Form [aus × ein]",
    "Parameters": "Parameter",
    "Sparsity": "Sparsität",
    "sparsetune studio": "sparsetune Studio",
    "Open a model folder (Ctrl+O), drop one here, or open the built-in demo (Ctrl+D).":
        "Öffnen Sie einen Modellordner (Strg+O), ziehen Sie einen hierher oder öffnen Sie das eingebaute Demo (Strg+D).",
    "Loaded %1": "%1 geladen",
    "Could not open %1": "%1 konnte nicht geöffnet werden",
    "Could not open model": "Modell konnte nicht geöffnet werden",
    "Generate": "Generieren",
    "Stopped after %1 tokens (%2 tokens/s)": "Nach %1 Token angehalten (%2 Token/s)",
    "%1 new tokens, %2 tokens/s": "%1 neue Token, %2 Token/s",
    "Generation failed": "Generierung fehlgeschlagen",
    "&File": "&Datei",
    "&Open Model…": "Modell ö&ffnen…",
    "Open a Hugging Face model folder": "Hugging-Face-Modellordner öffnen",
    "Open &Demo Model": "&Demo-Modell öffnen",
    "Ctrl+D": "Ctrl+D",
    "Open &Recent": "&Zuletzt geöffnet",
    "&Quit": "&Beenden",
    "&Help": "&Hilfe",
    "&About sparsetune": "Ü&ber sparsetune",
    "About sparsetune": "Über sparsetune",
    "<b>sparsetune studio</b><p>Sparse fine-tuning with SquareHead distillation and S2FT, and sparse inference that turns sparsity into speed.</p>":
        "<b>sparsetune Studio</b><p>Sparses Feintuning mit SquareHead-Destillation und S2FT sowie sparse Inferenz, die Sparsität in Geschwindigkeit umsetzt.</p>",
    "No model loaded.": "Kein Modell geladen.",
    "Filter layers (e.g. mlp, layers.3, q_proj)": "Schichten filtern (z. B. mlp, layers.3, q_proj)",
    "Prompt": "Eingabe",
    "Type a prompt, then Ctrl+Return": "Eingabe tippen, dann Strg+Eingabetaste",
    "Max new tokens": "Max. neue Token",
    "Greedy (otherwise sample at temperature 1)": "Greedy (sonst Sampling mit Temperatur 1)",
    "Ctrl+Return": "Ctrl+Return",
    "Output": "Ausgabe",
    "Stop": "Anhalten",
    "Generating…": "Generiere…",
    "Loading %1…": "Lade %1…",
    "Demo model not found": "Demo-Modell nicht gefunden",
    "<b>%1</b><br>%2 · %3 parameters (%4 M) · %5 · %6 blocks · hidden %7 · FFN %8 · heads %9 (KV %10) · vocab %11 · context %12%13":
        "<b>%1</b><br>%2 · %3 Parameter (%4 Mio.) · %5 · %6 Blöcke · verborgen %7 · FFN %8 · Köpfe %9 (KV %10) · Vokabular %11 · Kontext %12%13",
    " · tied embeddings": " · gekoppelte Einbettungen",
    "%1 — sparsetune studio": "%1 — sparsetune Studio",
    "CPU only — CUDA not available: %1": "Nur CPU — CUDA nicht verfügbar: %1",
    "Open a model first.": "Öffnen Sie zuerst ein Modell.",
    "decoder block": "Decoder-Block",
    "parameters (millions)": "Parameter (Millionen)",
    "&Settings": "&Einstellungen",
    "&Language": "&Sprache",
    "Language": "Sprache",
    "The new language is used from the next start of the studio.": "Die neue Sprache gilt ab dem nächsten Start des Studios.",
}

CHINESE = {
    "Module path": "模块路径",
    "Shape [out × in]": "形状 [输出 × 输入]",
    "Parameters": "参数量",
    "Sparsity": "稀疏度",
    "sparsetune studio": "sparsetune 工作室",
    "Open a model folder (Ctrl+O), drop one here, or open the built-in demo (Ctrl+D).":
        "打开模型文件夹（Ctrl+O），或将文件夹拖放到此处，或打开内置演示（Ctrl+D）。",
    "Loaded %1": "已加载 %1",
    "Could not open %1": "无法打开 %1",
    "Could not open model": "无法打开模型",
    "Generate": "生成",
    "Stopped after %1 tokens (%2 tokens/s)": "已在 %1 个词元后停止（%2 词元/秒）",
    "%1 new tokens, %2 tokens/s": "%1 个新词元，%2 词元/秒",
    "Generation failed": "生成失败",
    "&File": "文件(&F)",
    "&Open Model…": "打开模型(&O)…",
    "Open a Hugging Face model folder": "打开 Hugging Face 模型文件夹",
    "Open &Demo Model": "打开演示模型(&D)",
    "Ctrl+D": "Ctrl+D",
    "Open &Recent": "最近打开(&R)",
    "&Quit": "退出(&Q)",
    "&Help": "帮助(&H)",
    "&About sparsetune": "关于 sparsetune(&A)",
    "About sparsetune": "关于 sparsetune",
    "<b>sparsetune studio</b><p>Sparse fine-tuning with SquareHead distillation and S2FT, and sparse inference that turns sparsity into speed.</p>":
        "<b>sparsetune 工作室</b><p>基于 SquareHead 蒸馏与 S2FT 的稀疏微调，以及把稀疏度转化为速度的稀疏推理。</p>",
    "No model loaded.": "尚未加载模型。",
    "Filter layers (e.g. mlp, layers.3, q_proj)": "筛选层（例如 mlp、layers.3、q_proj）",
    "Prompt": "提示词",
    "Type a prompt, then Ctrl+Return": "输入提示词，然后按 Ctrl+回车",
    "Max new tokens": "最大新词元数",
    "Greedy (otherwise sample at temperature 1)": "贪心解码（否则以温度 1 采样）",
    "Ctrl+Return": "Ctrl+Return",
    "Output": "输出",
    "Stop": "停止",
    "Generating…": "正在生成…",
    "Loading %1…": "正在加载 %1…",
    "Demo model not found": "未找到演示模型",
    "<b>%1</b><br>%2 · %3 parameters (%4 M) · %5 · %6 blocks · hidden %7 · FFN %8 · heads %9 (KV %10) · vocab %11 · context %12%13":
        "<b>%1</b><br>%2 · %3 个参数（%4 M）· %5 · %6 个块 · 隐藏维度 %7 · FFN %8 · 注意力头 %9（KV %10）· 词表 %11 · 上下文 %12%13",
    " · tied embeddings": " · 共享嵌入",
    "%1 — sparsetune studio": "%1 — sparsetune 工作室",
    "CPU only — CUDA not available: %1": "仅 CPU — CUDA 不可用：%1",
    "Open a model first.": "请先打开一个模型。",
    "decoder block": "解码器块",
    "parameters (millions)": "参数量（百万）",
    "&Settings": "设置(&S)",
    "&Language": "语言(&L)",
    "Language": "语言",
    "The new language is used from the next start of the studio.": "新语言将在下次启动工作室时生效。",
}


def fill(ts_path: Path, table: dict) -> list:
    tree = ET.parse(ts_path)
    missing = []
    for message in tree.getroot().iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        if source in table:
            translation.text = table[source]
            translation.attrib.pop("type", None)
        else:
            translation.set("type", "unfinished")
            missing.append(source)
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    return missing


if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    problems = []
    for name, table in (("sparsetune_de.ts", GERMAN), ("sparsetune_zh_CN.ts", CHINESE)):
        problems += [f"{name}: {s!r}" for s in fill(here / name, table)]
    if problems:
        print("untranslated:\n  " + "\n  ".join(problems), file=sys.stderr)
        sys.exit(1)
