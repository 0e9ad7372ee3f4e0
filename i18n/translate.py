#!/usr/bin/env python3
"""Fills the studio's .ts files from the reviewed tables below after `lupdate` has added new source
texts. A source text with no entry is left 'unfinished', and the script exits 1 naming it, so a
missing translation is noticed (tests/studio checks that every message is translated).

A table value is a string, or for a message with %n (tr(text, comment, n)) a tuple of plural forms
in the order of the language's numerusform entries: German has two (one, other), Chinese one.
Each translation is checked against its source: the same placeholders (%1…, %n, %p%), the same
HTML tags, one keyboard accelerator where the source has one, shortcut strings unchanged (they are
parsed by QKeySequence), and a trailing ellipsis kept.
Messages lupdate marks vanished or obsolete (their source text is gone) are dropped, so a stale
entry can never look like a missing translation."""
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

GERMAN = {
    # Training page: curve names
    "total": "gesamt",
    "cross-entropy": "Kreuzentropie",
    "KD": "KD",
    "SquareHead": "SquareHead",
    "target": "Ziel",
    "actual": "tatsächlich",
    # Main window: pages, menus, status messages
    "sparsetune studio": "sparsetune Studio",
    "%1 — sparsetune studio": "%1 — sparsetune Studio",
    "Model": "Modell",
    "Recipe": "Rezept",
    "Training": "Training",
    "Layers": "Schichten",
    "Profile": "Profil",
    "Runs": "Läufe",
    "&File": "&Datei",
    "&Open Model…": "Modell ö&ffnen…",
    "Open a Hugging Face model folder": "Hugging-Face-Modellordner öffnen",
    "Open &Demo (Model and Recipe)": "&Demo öffnen (Modell und Rezept)",
    "Ctrl+D": "Ctrl+D",
    "Open &Recent": "&Zuletzt geöffnet",
    "Open Recipe…": "Rezept öffnen…",
    "Save Recipe As…": "Rezept speichern unter…",
    "&Export Model…": "Modell &exportieren…",
    "Ctrl+E": "Ctrl+E",
    "Save &Report…": "Be&richt speichern…",
    "Ctrl+Shift+R": "Ctrl+Shift+R",
    "&Quit": "&Beenden",
    "&Run": "&Lauf",
    "&Start": "&Starten",
    "Ctrl+R": "Ctrl+R",
    "&Pause": "&Pausieren",
    "Ctrl+P": "Ctrl+P",
    "&Cancel": "Ab&brechen",
    "Ctrl+.": "Ctrl+.",
    "Res&ume": "&Fortsetzen",
    "Ctrl+Shift+U": "Ctrl+Shift+U",
    "&View": "&Ansicht",
    "&Settings": "&Einstellungen",
    "&Language": "&Sprache",
    "Language": "Sprache",
    "The new language is used from the next start of the studio.": "Die neue Sprache gilt ab dem nächsten Start des Studios.",
    "&Help": "&Hilfe",
    "&About sparsetune": "Ü&ber sparsetune",
    "About sparsetune": "Über sparsetune",
    "<b>sparsetune studio</b><p>Sparse fine-tuning with SquareHead distillation and S2FT, and sparse inference that turns sparsity into speed.</p>":
        "<b>sparsetune Studio</b><p>Sparses Feintuning mit SquareHead-Destillation und S2FT sowie sparse Inferenz, die Sparsität in Geschwindigkeit umsetzt.</p>",
    "Run": "Lauf",
    "Open a model folder (Ctrl+O), drop one here, or open the built-in demo (Ctrl+D).":
        "Öffnen Sie einen Modellordner (Strg+O), ziehen Sie einen hierher oder öffnen Sie das eingebaute Demo (Strg+D).",
    "Loading %1…": "Lade %1…",
    "Loaded %1": "%1 geladen",
    "Could not open %1": "%1 konnte nicht geöffnet werden",
    "Could not open model": "Modell konnte nicht geöffnet werden",
    "Demo not found": "Demo nicht gefunden",
    "Demo model not found": "Demo-Modell nicht gefunden",
    "CPU only — CUDA not available: %1": "Nur CPU — CUDA nicht verfügbar: %1",
    "Open a model first.": "Öffnen Sie zuerst ein Modell.",
    "Profiling %1 with %2 threads…": "Profiling von %1 mit %2 Threads…",
    "Profiling failed": "Profiling fehlgeschlagen",
    "Run %1 finished; model written to %2": "Lauf %1 beendet; Modell nach %2 geschrieben",
    "Run %1 %2; resume continues from its checkpoint": "Lauf %1: %2; Fortsetzen setzt bei seinem Checkpoint wieder an",
    "Run %1 failed": "Lauf %1 fehlgeschlagen",
    "The run could not start": "Der Lauf konnte nicht gestartet werden",
    "Run is training": "Lauf trainiert gerade",
    "Cancel run %1 before deleting it.": "Brechen Sie Lauf %1 ab, bevor Sie ihn löschen.",
    "Could not delete run": "Lauf konnte nicht gelöscht werden",
    "Run database": "Laufdatenbank",
    "Could not open the run database": "Die Laufdatenbank konnte nicht geöffnet werden",
    "A run is training": "Ein Lauf trainiert gerade",
    "Wait for run %1 to finish, or pause it first.": "Warten Sie, bis Lauf %1 beendet ist, oder pausieren Sie ihn zuerst.",
    "The recipe cannot run yet": "Das Rezept kann noch nicht laufen",
    "starting": "startet",
    "Cannot resume": "Fortsetzen nicht möglich",
    "Run %1 is %2.": "Lauf %1 hat den Status „%2“.",
    "run %1": "Lauf %1",
    "Following run %1 (%2), started outside the studio": "Verfolge Lauf %1 (%2), außerhalb des Studios gestartet",
    "Run database: %1": "Laufdatenbank: %1",
    "run %1: %2": "Lauf %1: %2",
    "Save report": "Bericht speichern",
    "Report saved to %1": "Bericht nach %1 gespeichert",
    "Choose a run first: tick runs on the Runs page or open one.":
        "Wählen Sie zuerst einen Lauf: Haken Sie Läufe auf der Seite „Läufe“ an oder öffnen Sie einen.",
    "Pause run %1 and quit? It resumes from its checkpoint later.":
        "Lauf %1 pausieren und beenden? Er wird später bei seinem Checkpoint fortgesetzt.",

    # Model page: summary, layer table, sensitivity, generation
    "No model loaded. Open a Hugging Face model folder (Ctrl+O), drop one on the window, or open the built-in demo (Ctrl+D).":
        "Kein Modell geladen. Öffnen Sie einen Hugging-Face-Modellordner (Strg+O), ziehen Sie einen auf das Fenster oder öffnen Sie das eingebaute Demo (Strg+D).",
    "<b>%1</b><br>%2 · %3 parameters (%4 M) · %5 · %6 blocks · hidden %7 · FFN %8 · heads %9 (KV %10) · vocab %11 · context %12%13":
        "<b>%1</b><br>%2 · %3 Parameter (%4 Mio.) · %5 · %6 Blöcke · verborgen %7 · FFN %8 · Köpfe %9 (KV %10) · Vokabular %11 · Kontext %12%13",
    " · tied embeddings": " · gekoppelte Einbettungen",
    "Filter layers (e.g. mlp, layers.3, q_proj)": "Schichten filtern (z. B. mlp, layers.3, q_proj)",
    "Module path": "Modulpfad",
    "Shape [out × in]": "Form [aus × ein]",
    "Parameters": "Parameter",
    "Sparsity": "Sparsität",
    "decoder block": "Decoder-Block",
    "parameters (millions)": "Parameter (Millionen)",
    "Sensitivity": "Sensitivität",
    "Data": "Daten",
    "Text or JSONL the loss is measured on (e.g. the recipe's training data)":
        "Text oder JSONL, auf dem der Loss gemessen wird (z. B. die Trainingsdaten des Rezepts)",
    "Browse…": "Durchsuchen…",
    "Sequences": "Sequenzen",
    "How each layer is pruned for the measurement": "Pruning-Verfahren, mit dem jede Schicht für die Messung beschnitten wird",
    "Analyze": "Analysieren",
    "Data to measure the loss on": "Daten, auf denen der Loss gemessen wird",
    "Data (*.jsonl *.txt);;All files (*)": "Daten (*.jsonl *.txt);;Alle Dateien (*)",
    "%p% · %1": "%p% · %1",
    "Sensitivity analysis stored for this model": "Sensitivitätsanalyse für dieses Modell gespeichert",
    "Sensitivity analysis stopped": "Sensitivitätsanalyse angehalten",
    "Sensitivity analysis failed": "Sensitivitätsanalyse fehlgeschlagen",
    "Generate": "Generieren",
    "Prompt": "Eingabe",
    "Type a prompt, then Ctrl+Return": "Eingabe tippen, dann Strg+Eingabetaste",
    "Max new tokens": "Max. neue Token",
    "Greedy (otherwise sample at temperature 1)": "Greedy (sonst Sampling mit Temperatur 1)",
    "Ctrl+Return": "Ctrl+Return",
    "Output": "Ausgabe",
    "Stop": "Anhalten",
    "Generating…": "Generiere…",
    "Stopped after %1 tokens (%2 tokens/s)": "Nach %1 Token angehalten (%2 Token/s)",
    "%1 new tokens, %2 tokens/s": "%1 neue Token, %2 Token/s",
    "Generation failed": "Generierung fehlgeschlagen",
    "%1 sparse layers on %2 (%3 threads)": "%1 sparse Schichten auf %2 (%3 Threads)",
    "; decoding %1 → %2 tokens/s (%3×)": "; Dekodierung %1 → %2 Token/s (%3×)",

    # Recipe page and recipe editor
    "Start run": "Lauf starten",
    "Start this recipe as a new run (Ctrl+R)": "Dieses Rezept als neuen Lauf starten (Strg+R)",
    "Could not open recipe": "Rezept konnte nicht geöffnet werden",
    "recipe editor": "Rezepteditor",
    "recipe editor (%1)": "Rezepteditor (%1)",
    "Load…": "Laden…",
    "Save…": "Speichern…",
    "Open a recipe YAML file": "Rezept-YAML-Datei öffnen",
    "Save the recipe as a YAML file": "Rezept als YAML-Datei speichern",
    "…": "…",
    "Choose a folder": "Ordner wählen",
    "Choose a file": "Datei wählen",
    "Model && data": "Modell && Daten",
    "Run name": "Laufname",
    "Model folder": "Modellordner",
    "Teacher folder": "Ordner des Lehrermodells",
    "none: no distillation from a teacher": "keiner: keine Destillation von einem Lehrermodell",
    "Use the model itself as the dense teacher": "Das Modell selbst als dichtes Lehrermodell verwenden",
    "Distill from the unpruned starting model (the paper's recipe: the dense model teaches its own sparse copy)":
        "Vom unbeschnittenen Ausgangsmodell destillieren (das Rezept des Papers: Das dichte Modell lehrt seine eigene sparse Kopie)",
    "Training file": "Trainingsdatei",
    "Validation file": "Validierungsdatei",
    "optional: evaluation during training": "optional: Evaluierung während des Trainings",
    "Test file": "Testdatei",
    "optional: evaluation at the end": "optional: Evaluierung am Ende",
    "Format": "Format",
    "Max length (tokens)": "Max. Länge (Token)",
    "Pack short examples into full-length sequences": "Kurze Beispiele zu Sequenzen voller Länge packen",
    "Pruning": "Pruning",
    "Method": "Methode",
    "Target sparsity (%)": "Ziel-Sparsität (%)",
    "custom N:M": "benutzerdefiniert N:M",
    "N": "N",
    "of M": "von M",
    "Structure": "Struktur",
    "unstructured, or N:M: N weights kept in every M consecutive ones along the input dimension":
        "unstrukturiert oder N:M: Von je M aufeinanderfolgenden Gewichten entlang der Eingabedimension bleiben N erhalten",
    "Per-layer profile": "Schichtweises Profil",
    "OWL outlier threshold M": "OWL-Ausreißerschwelle M",
    "OWL lambda": "OWL-Lambda",
    "A score is an outlier above M × the layer's mean score": "Ein Score über M × dem mittleren Score der Schicht gilt als Ausreißer",
    "Layer sparsities spread over a band 2·lambda wide around the target; outlier-heavy layers are pruned less":
        "Die Sparsitäten der Schichten verteilen sich über ein 2·lambda breites Band um das Ziel; Schichten mit vielen Ausreißern werden weniger beschnitten",
    "Glob patterns over module paths, separated by commas": "Glob-Muster für Modulpfade, durch Kommas getrennt",
    "Targets": "Ziele",
    "every Linear in the decoder blocks": "jede Linear-Schicht in den Decoder-Blöcken",
    "Ignore": "Ignorieren",
    "nothing": "nichts",
    "Calibration samples": "Kalibrierungsbeispiele",
    "Calibration length (tokens)": "Kalibrierungslänge (Token)",
    "SparseGPT block size": "SparseGPT-Blockgröße",
    "SparseGPT dampening": "SparseGPT-Dämpfung",
    "Added to the Hessian's diagonal, as a share of its mean": "Wird zur Diagonale der Hesse-Matrix addiert, als Anteil ihres Mittelwerts",
    "Schedule": "Zeitplan",
    "Kind": "Art",
    "oneshot: prune at the start step, then hold; constant: hold the zeros already in the model; linear / cubic: from the initial to the target sparsity between start and end step; points: explicit steps":
        "oneshot: beim Startschritt beschneiden, dann halten; constant: die schon im Modell vorhandenen Nullen halten; linear / cubic: von der Anfangs- zur Ziel-Sparsität zwischen Start- und Endschritt; points: explizite Schritte",
    "Start step": "Startschritt",
    "End step": "Endschritt",
    "Initial sparsity (%)": "Anfangs-Sparsität (%)",
    "Update masks every (steps)": "Masken aktualisieren alle (Schritte)",
    "Step": "Schritt",
    "Sparsity (%)": "Sparsität (%)",
    "Add point": "Punkt hinzufügen",
    "Remove point": "Punkt entfernen",
    "Points": "Punkte",
    "(step, sparsity) pairs for kind points; steps increase, sparsity never falls, the last one is the target":
        "(Schritt, Sparsität)-Paare für die Art points; die Schritte steigen, die Sparsität fällt nie, das letzte Paar ist das Ziel",
    "Distillation": "Destillation",
    "Cross-entropy weight": "Gewicht der Kreuzentropie",
    "Logit KD weight": "Gewicht der Logit-KD",
    "SquareHead weight": "SquareHead-Gewicht",
    "KD temperature": "KD-Temperatur",
    "Per-layer normalized squared error between the teacher's and the student's hidden states":
        "Schichtweise normierter quadratischer Fehler zwischen den verborgenen Zuständen von Lehrer- und Schülermodell",
    "Softens both logit distributions of the KD term": "Glättet beide Logit-Verteilungen des KD-Terms",
    "Steps": "Schritte",
    "Optimizer steps; or set epochs instead. Both 0: prune and evaluate only":
        "Optimiererschritte; oder stattdessen Epochen setzen. Beide 0: nur beschneiden und evaluieren",
    "or epochs": "oder Epochen",
    "Batch size": "Batchgröße",
    "Gradient accumulation": "Gradientenakkumulation",
    "Optimizer batch = batch size × gradient accumulation": "Optimierer-Batch = Batchgröße × Gradientenakkumulation",
    "Learning rate": "Lernrate",
    "Warm-up steps": "Warm-up-Schritte",
    "LR schedule": "LR-Zeitplan",
    "Weight decay": "Weight Decay",
    "Adam β1": "Adam β1",
    "Adam β2": "Adam β2",
    "Adam ε": "Adam ε",
    "Clip gradient norm": "Gradientennorm begrenzen",
    "0: off": "0: aus",
    "Seed": "Seed",
    "Checkpoint every (steps)": "Checkpoint alle (Schritte)",
    "0: only at the end": "0: nur am Ende",
    "Precision": "Präzision",
    "Activation checkpointing (less memory, slower steps)": "Activation Checkpointing (weniger Speicher, langsamere Schritte)",
    "Device": "Gerät",
    "Evaluation": "Evaluierung",
    "Evaluate every (steps)": "Evaluieren alle (Schritte)",
    "On the validation file during training; 0: never": "Auf der Validierungsdatei während des Trainings; 0: nie",
    "Tasks": "Aufgaben",
    "Generated per problem (gsm8k)": "Pro Aufgabe generiert (gsm8k)",
    "Samples": "Beispiele",
    "Examples evaluated; 0: all": "Evaluierte Beispiele; 0: alle",
    "Also evaluate the dense and the one-shot pruned model before fine-tuning":
        "Vor dem Feintuning auch das dichte und das per One-Shot beschnittene Modell evaluieren",
    "Profile CPU speed (dense vs sparse kernels) after each mask change":
        "CPU-Geschwindigkeit (dichte gegen sparse Kernels) nach jeder Maskenänderung messen",
    "Output folder": "Ausgabeordner",
    "a folder per run next to the run database": "ein Ordner pro Lauf neben der Laufdatenbank",
    "%1 (unknown)": "%1 (unbekannt)",
    "step: expected a whole number, got '%1'": "Schritt: ganze Zahl erwartet, „%1“ erhalten",
    "sparsity: expected a number (in %), got '%1'": "Sparsität: Zahl (in %) erwartet, „%1“ erhalten",
    "auto": "automatisch",
    "cpu": "CPU",
    "CUDA is not available on this computer%1; choose auto or cpu":
        "CUDA ist auf diesem Computer nicht verfügbar%1; wählen Sie „automatisch“ oder „CPU“",
    "expected cuda:0 to cuda:%1 (the CUDA devices of this computer), got '%2'":
        "cuda:0 bis cuda:%1 erwartet (die CUDA-Geräte dieses Computers), „%2“ erhalten",
    "Ready to run": "Bereit zum Start",
    "≈ %1 optimizer steps (≈ %2 training sequences in the training file)":
        "≈ %1 Optimiererschritte (≈ %2 Trainingssequenzen in der Trainingsdatei)",
    "Steps unknown until the training file can be read": "Schrittzahl unbekannt, bis die Trainingsdatei gelesen werden kann",
    "Cannot save the recipe to %1: %2": "Das Rezept kann nicht in %1 gespeichert werden: %2",
    "CUDA is not available — training runs on the CPU.": "CUDA ist nicht verfügbar — das Training läuft auf der CPU.",
    "CUDA is not available: %1 — training runs on the CPU.": "CUDA ist nicht verfügbar: %1 — das Training läuft auf der CPU.",
    "1 problem:": "1 Problem:",
    "%1 problems:": "%1 Probleme:",
    "Load recipe": "Rezept laden",
    "Discard the unsaved changes to this recipe?": "Die ungespeicherten Änderungen an diesem Rezept verwerfen?",
    "Recipes (*.yaml *.yml);;All files (*)": "Rezepte (*.yaml *.yml);;Alle Dateien (*)",
    "Cannot load the recipe": "Das Rezept kann nicht geladen werden",
    "%1 is not a recipe this version can read.": "%1 ist kein Rezept, das diese Version lesen kann.",
    "Save recipe": "Rezept speichern",
    "Recipes (*.yaml *.yml)": "Rezepte (*.yaml *.yml)",
    "Cannot save the recipe": "Das Rezept kann nicht gespeichert werden",

    # Schedule preview
    "%1 %": "%1 %",
    "%1, one-shot to %2": "%1, One-Shot auf %2",
    "%1, %2 %3 → %4": "%1, %2 %3 → %4",
    "%1, points to %2": "%1, Punkte bis %2",
    "CE × %1": "CE × %1",
    "KD × %1 (T = %2)": "KD × %1 (T = %2)",
    "SquareHead × %1": "SquareHead × %1",
    "LR warm-up": "LR-Warm-up",
    "0 → %1": "0 → %1",
    "LR decay": "LR-Abfall",
    "target sparsity": "Ziel-Sparsität",
    "mask update": "Masken-Update",
    "learning rate": "Lernrate",
    "target sparsity (%)": "Ziel-Sparsität (%)",
    "step": "Schritt",
    "No preview: the recipe has no training steps (set training.steps).":
        "Keine Vorschau: Das Rezept hat keine Trainingsschritte (training.steps setzen).",
    "No sparsity preview: %1": "Keine Sparsitätsvorschau: %1",

    # Training page and curve plots
    "No run yet. Start one from the Recipe page (Ctrl+R), or pick one on the Runs page; a run started with `sparsetune run` appears here live.":
        "Noch kein Lauf. Starten Sie einen auf der Seite „Rezept“ (Strg+R) oder wählen Sie einen auf der Seite „Läufe“; ein mit `sparsetune run` gestarteter Lauf erscheint hier live.",
    "Pause": "Pausieren",
    "Cancel": "Abbrechen",
    "Resume": "Fortsetzen",
    "Loss components": "Loss-Komponenten",
    "loss": "Loss",
    "Sparsity of the pruned weights": "Sparsität der beschnittenen Gewichte",
    "sparsity": "Sparsität",
    "The evaluation to draw: during training on the validation split, at the end on the test split":
        "Die anzuzeigende Evaluierung: während des Trainings auf dem Validierungssplit, am Ende auf dem Testsplit",
    "Accuracy recovery": "Wiederherstellung der Genauigkeit",
    "value": "Wert",
    "<b>Run %1 · %2</b> — %3%4 · started %5 · model %6": "<b>Lauf %1 · %2</b> — %3%4 · gestartet %5 · Modell %6",
    "validation during training": "Validierung während des Trainings",
    "final (%1)": "Endwert (%1)",
    "dense teacher": "dichtes Lehrermodell",
    "one-shot pruned start": "Start nach One-Shot-Pruning",
    "ETA %1": "Restzeit %1",
    "log x": "log x",
    "log y": "log y",
    "Exponential moving average weight (debiased, as in TensorBoard)":
        "Gewicht des exponentiellen gleitenden Mittelwerts (Bias-korrigiert, wie in TensorBoard)",
    "wall time": "Wall-Clock-Zeit",
    "Fit": "Einpassen",
    "Fit the axes to the data and follow new data again": "Achsen an die Daten anpassen und wieder neuen Daten folgen",
    "Export": "Exportieren",
    "Copy CSV": "CSV kopieren",
    "Save CSV…": "CSV speichern…",
    "Smoothing": "Glättung",
    "x:": "x:",
    "wall time (s)": "Wall-Clock-Zeit (s)",
    "wall time (h:mm:ss)": "Wall-Clock-Zeit (h:mm:ss)",
    "step %1 · %2": "Schritt %1 · %2",
    "… and %n more": ("… und %n weitere", "… und %n weitere"),
    "Save CSV": "CSV speichern",
    "CSV files (*.csv)": "CSV-Dateien (*.csv)",
    "Could not write %1: %2": "%1 konnte nicht geschrieben werden: %2",

    # Layers page: sparsity heatmap and weight inspector
    "Mask update": "Masken-Update",
    "no sparsity recorded yet": "noch keine Sparsität aufgezeichnet",
    "Click a cell to see that weight's histogram and mask pattern.":
        "Klicken Sie auf eine Zelle, um Histogramm und Maskenmuster dieses Gewichts zu sehen.",
    "Reading %1 from %2…": "Lese %1 aus %2…",
    "step %1 (%2 of %3)": "Schritt %1 (%2 von %3)",
    "%1: %2 × %3, %4 % zeros": "%1: %2 × %3, %4 % Nullen",
    "Sparsity per module": "Sparsität pro Modul",
    "Sparsity per module (weights only), step %1": "Sparsität pro Modul (nur Gewichte), Schritt %1",
    "Sparsity per module (weights only): %1, step %2": "Sparsität pro Modul (nur Gewichte): %1, Schritt %2",
    "no data": "keine Daten",
    "block": "Block",
    "No pruned modules yet": "Noch keine beschnittenen Module",
    "no data yet": "noch keine Daten",
    "sparsity %1 (%2)": "Sparsität %1 (%2)",
    "step %1": "Schritt %1",
    "Logarithmic count axis": "Logarithmische Häufigkeitsachse",
    "weight value (nonzero weights)": "Gewichtswert (Nicht-Null-Gewichte)",
    "count": "Anzahl",
    "No module selected: click a cell of the sparsity heatmap.": "Kein Modul gewählt: Klicken Sie auf eine Zelle der Sparsitäts-Heatmap.",
    "%1 × %2": "%1 × %2",
    "%1 % sparse": "%1 % Sparsität",
    "%1: %2, %3.": "%1: %2, %3.",
    "Mask of the top-left %1 × %2 weights (dark = kept, white = pruned).":
        "Maske der oberen linken %1 × %2 Gewichte (dunkel = behalten, weiß = beschnitten).",
    "Every weight is zero: no histogram.": "Alle Gewichte sind null: kein Histogramm.",
    "nonzero weights": "Nicht-Null-Gewichte",

    # Sensitivity view
    "Global target sparsity": "Globale Ziel-Sparsität",
    "Values": "Werttyp",
    "Run a sensitivity analysis to see how each layer tolerates pruning.":
        "Führen Sie eine Sensitivitätsanalyse aus, um zu sehen, wie gut jede Schicht Pruning verträgt.",
    "Loss increase with only this layer pruned": "Loss-Anstieg, wenn nur diese Schicht beschnitten ist",
    "Δ loss (nats)": "Δ Loss (nats)",
    "Parameters and allocated sparsity": "Parameter und zugeteilte Sparsität",
    "parameters (M)": "Parameter (Mio.)",
    "allocated sparsity (%)": "zugeteilte Sparsität (%)",
    "Layer": "Schicht",
    "Δ loss": "Δ Loss",
    "parameters": "Parameter",
    "allocated sparsity": "zugeteilte Sparsität",
    "At %1 % of the analysed weights: predicted loss %2 (dense %3, +%4) · model %5 → %6 · bandwidth bound of the pruned layers %7× · measured with %8 pruning on %9 tokens":
        "Bei %1 % Sparsität der analysierten Gewichte: vorhergesagter Loss %2 (dicht %3, +%4) · Modell %5 → %6 · Bandbreitengrenze der beschnittenen Schichten %7× · gemessen mit %8-Pruning auf %9 Token",

    # Profile page and profile view
    "Threads": "Threads",
    "How the sparse kernels store the kept weights: float32, bfloat16, or int8 with per-row scales":
        "Wie die sparsen Kernels die behaltenen Gewichte speichern: float32, bfloat16 oder int8 mit zeilenweisen Skalen",
    "Profile now": "Jetzt messen",
    "Time every sparse layer and greedy decoding, dense against sparse, on this machine":
        "Jede sparse Schicht und das Greedy-Dekodieren auf diesem Rechner messen, dicht gegen sparse",
    "No run chosen.": "Kein Lauf gewählt.",
    "The run's model is profiled here once it has finished; profiles taken during the run are listed above.":
        "Das Modell des Laufs wird hier gemessen, sobald der Lauf beendet ist; während des Laufs erstellte Profile stehen oben.",
    "Model: %1": "Modell: %1",
    "#%1 · %2 layers · %3 % sparse · %4 · %5 threads · %6": "#%1 · %2 Schichten · %3 % Sparsität · %4 · %5 Threads · %6",
    "Run %1, profile #%2": "Lauf %1, Profil #%2",
    "CPU": "CPU",
    "GPU": "GPU",
    "ISA": "ISA",
    "Sparse values": "Sparse-Werttyp",
    "Batch": "Batch",
    "Dense baseline": "Dichte Referenz",
    "not measured": "nicht gemessen",
    "Dense tokens/s": "Dicht: Token/s",
    "Sparse tokens/s": "Sparse: Token/s",
    "%1 (bound %2)": "%1 (Grenze %2)",
    "End-to-end speedup": "End-to-End-Beschleunigung",
    "%1 over %n layer(s) (bound %2)": ("%1 über %n Schicht (Grenze %2)", "%1 über %n Schichten (Grenze %2)"),
    "Layer speedup (dense-time weighted)": "Schicht-Beschleunigung (nach dichter Laufzeit gewichtet)",
    "Sparsity of the profiled weights": "Sparsität der gemessenen Gewichte",
    "Pin as baseline": "Als Baseline anheften",
    "Clear baseline": "Baseline entfernen",
    'No profile yet: profile a sparse model ("sparsetune profile", or a run whose recipe has evaluation.profile) to see dense against sparse speed here.':
        "Noch kein Profil: Messen Sie ein sparses Modell („sparsetune profile“ oder ein Lauf, dessen Rezept evaluation.profile setzt), um hier die Geschwindigkeit dicht gegen sparse zu sehen.",
    "sparsity (%)": "Sparsität (%)",
    "speedup vs dense (log)": "Beschleunigung ggü. dicht (log)",
    "time per product (ms)": "Zeit pro Matrixprodukt (ms)",
    "%1, against baseline %2": "%1, gegen Baseline %2",
    "change": "Änderung",
    "bandwidth bound, %1 bitmap": "Bandbreitengrenze, %1-Bitmap",
    "%1: layers": "%1: Schichten",
    "%1: end-to-end decode": "%1: End-to-End-Dekodierung",
    "dense": "dicht",
    "sparse, %1": "sparse, %1",
    "sparse": "sparse",

    # Runs page, run table, recipe comparison
    "Tick runs to compare them; double-click one to open it.": "Haken Sie Läufe an, um sie zu vergleichen; ein Doppelklick öffnet einen Lauf.",
    "Open": "Öffnen",
    "Delete…": "Löschen…",
    "Ticked runs": "Angehakte Läufe",
    "Differences only": "Nur Unterschiede",
    "Delete run": "Lauf löschen",
    "Delete run %1 and everything logged for it? Its files stay on disk.":
        "Lauf %1 und alles dazu Protokollierte löschen? Seine Dateien bleiben auf dem Datenträger.",
    "run %1 · %2": "Lauf %1 · %2",
    "%1 h %2 min": "%1 h %2 min",
    "%1 min %2 s": "%1 min %2 s",
    "%1 s": "%1 s",
    "ID": "ID",
    "Name": "Name",
    "Status": "Status",
    "Created": "Erstellt",
    "Duration": "Dauer",
    "Final loss": "Finaler Loss",
    "Best loss": "Bester Loss",
    "Final sparsity": "Finale Sparsität",
    "Latest evaluation": "Letzte Evaluierung",
    "%1 final": "%1 (Endwert)",
    "%1 min": "%1 (Min.)",
    "%1 max": "%1 (Max.)",
    "%1 latest evaluation": "%1 (letzte Evaluierung)",
    "Field": "Feld",

    # Export and report dialogs
    "Export model": "Modell exportieren",
    "run %1 · %2 · %3": "Lauf %1 · %2 · %3",
    "Weights": "Gewichte",
    "Hugging Face folder (safetensors, zeros in place)": "Hugging-Face-Ordner (safetensors, Nullen direkt in den Gewichten)",
    "The compressed-tensors sparse-bitmask and the runtime's own compressed format are not written yet":
        "Das Sparse-Bitmask-Format von compressed-tensors und das eigene komprimierte Format der Laufzeitumgebung werden noch nicht geschrieben",
    "A new folder": "Ein neuer Ordner",
    "Destination": "Ziel",
    "Export to a new folder": "In einen neuen Ordner exportieren",
    "Exported to %1": "Nach %1 exportiert",
    "Export failed": "Export fehlgeschlagen",
    "No run has saved weights yet: a run writes its model when it finishes and a checkpoint when it pauses.":
        "Noch kein Lauf hat Gewichte gespeichert: Ein Lauf schreibt sein Modell, wenn er endet, und einen Checkpoint, wenn er pausiert.",
    "Choose a run with saved weights and a destination folder.": "Wählen Sie einen Lauf mit gespeicherten Gewichten und einen Zielordner.",
    "Runs: %1": "Läufe: %1",
    "HTML report (charts, tables, recipe, hardware and software)": "HTML-Bericht (Diagramme, Tabellen, Rezept, Hard- und Software)",
    "PDF report (the same, printed)": "PDF-Bericht (derselbe, gedruckt)",
    "CSV of the raw metrics": "CSV der Rohmetriken",
    "File": "Datei",
    "Could not save the report": "Der Bericht konnte nicht gespeichert werden",
    "Choose a file to write.": "Wählen Sie eine Datei zum Schreiben.",
    "cannot rename %1 to %2": "%1 kann nicht in %2 umbenannt werden",
}

CHINESE = {
    # Training page: curve names
    "total": "总计",
    "cross-entropy": "交叉熵",
    "KD": "KD",
    "SquareHead": "SquareHead",
    "target": "目标",
    "actual": "实际",
    # Main window: pages, menus, status messages
    "sparsetune studio": "sparsetune 工作室",
    "%1 — sparsetune studio": "%1 — sparsetune 工作室",
    "Model": "模型",
    "Recipe": "配方",
    "Training": "训练",
    "Layers": "层",
    "Profile": "性能分析",
    "Runs": "运行记录",
    "&File": "文件(&F)",
    "&Open Model…": "打开模型(&O)…",
    "Open a Hugging Face model folder": "打开 Hugging Face 模型文件夹",
    "Open &Demo (Model and Recipe)": "打开演示（模型和配方）(&D)",
    "Ctrl+D": "Ctrl+D",
    "Open &Recent": "最近打开(&R)",
    "Open Recipe…": "打开配方…",
    "Save Recipe As…": "配方另存为…",
    "&Export Model…": "导出模型(&E)…",
    "Ctrl+E": "Ctrl+E",
    "Save &Report…": "保存报告(&R)…",
    "Ctrl+Shift+R": "Ctrl+Shift+R",
    "&Quit": "退出(&Q)",
    "&Run": "运行(&R)",
    "&Start": "开始(&S)",
    "Ctrl+R": "Ctrl+R",
    "&Pause": "暂停(&P)",
    "Ctrl+P": "Ctrl+P",
    "&Cancel": "取消(&C)",
    "Ctrl+.": "Ctrl+.",
    "Res&ume": "继续(&U)",
    "Ctrl+Shift+U": "Ctrl+Shift+U",
    "&View": "视图(&V)",
    "&Settings": "设置(&S)",
    "&Language": "语言(&L)",
    "Language": "语言",
    "The new language is used from the next start of the studio.": "新语言将在下次启动工作室时生效。",
    "&Help": "帮助(&H)",
    "&About sparsetune": "关于 sparsetune(&A)",
    "About sparsetune": "关于 sparsetune",
    "<b>sparsetune studio</b><p>Sparse fine-tuning with SquareHead distillation and S2FT, and sparse inference that turns sparsity into speed.</p>":
        "<b>sparsetune 工作室</b><p>基于 SquareHead 蒸馏与 S2FT 的稀疏微调，以及把稀疏度转化为速度的稀疏推理。</p>",
    "Run": "运行",
    "Open a model folder (Ctrl+O), drop one here, or open the built-in demo (Ctrl+D).":
        "打开模型文件夹（Ctrl+O），或将文件夹拖放到此处，或打开内置演示（Ctrl+D）。",
    "Loading %1…": "正在加载 %1…",
    "Loaded %1": "已加载 %1",
    "Could not open %1": "无法打开 %1",
    "Could not open model": "无法打开模型",
    "Demo not found": "未找到演示",
    "Demo model not found": "未找到演示模型",
    "CPU only — CUDA not available: %1": "仅 CPU — CUDA 不可用：%1",
    "Open a model first.": "请先打开一个模型。",
    "Profiling %1 with %2 threads…": "正在使用 %2 个线程分析 %1 的性能…",
    "Profiling failed": "性能分析失败",
    "Run %1 finished; model written to %2": "运行 %1 已完成；模型已写入 %2",
    "Run %1 %2; resume continues from its checkpoint": "运行 %1：%2；继续时将从其检查点恢复",
    "Run %1 failed": "运行 %1 失败",
    "The run could not start": "运行无法启动",
    "Run is training": "运行正在训练",
    "Cancel run %1 before deleting it.": "请先取消运行 %1，再将其删除。",
    "Could not delete run": "无法删除运行",
    "Run database": "运行数据库",
    "Could not open the run database": "无法打开运行数据库",
    "A run is training": "有运行正在训练",
    "Wait for run %1 to finish, or pause it first.": "请等待运行 %1 完成，或先将其暂停。",
    "The recipe cannot run yet": "该配方尚无法运行",
    "starting": "正在启动",
    "Cannot resume": "无法继续",
    "Run %1 is %2.": "运行 %1 的状态为 %2。",
    "run %1": "运行 %1",
    "Following run %1 (%2), started outside the studio": "正在跟踪运行 %1（%2），该运行在工作室外启动",
    "Run database: %1": "运行数据库：%1",
    "run %1: %2": "运行 %1：%2",
    "Save report": "保存报告",
    "Report saved to %1": "报告已保存到 %1",
    "Choose a run first: tick runs on the Runs page or open one.": "请先选择运行：在“运行记录”页勾选运行，或打开一个运行。",
    "Pause run %1 and quit? It resumes from its checkpoint later.": "暂停运行 %1 并退出？之后可从其检查点继续。",

    # Model page: summary, layer table, sensitivity, generation
    "No model loaded. Open a Hugging Face model folder (Ctrl+O), drop one on the window, or open the built-in demo (Ctrl+D).":
        "尚未加载模型。请打开 Hugging Face 模型文件夹（Ctrl+O），将其拖放到窗口上，或打开内置演示（Ctrl+D）。",
    "<b>%1</b><br>%2 · %3 parameters (%4 M) · %5 · %6 blocks · hidden %7 · FFN %8 · heads %9 (KV %10) · vocab %11 · context %12%13":
        "<b>%1</b><br>%2 · %3 个参数（%4 M）· %5 · %6 个块 · 隐藏维度 %7 · FFN %8 · 注意力头 %9（KV %10）· 词表 %11 · 上下文 %12%13",
    " · tied embeddings": " · 共享嵌入",
    "Filter layers (e.g. mlp, layers.3, q_proj)": "筛选层（例如 mlp、layers.3、q_proj）",
    "Module path": "模块路径",
    "Shape [out × in]": "形状 [输出 × 输入]",
    "Parameters": "参数量",
    "Sparsity": "稀疏度",
    "decoder block": "解码器块",
    "parameters (millions)": "参数量（百万）",
    "Sensitivity": "敏感度",
    "Data": "数据",
    "Text or JSONL the loss is measured on (e.g. the recipe's training data)": "用于测量损失的文本或 JSONL（例如配方的训练数据）",
    "Browse…": "浏览…",
    "Sequences": "序列数",
    "How each layer is pruned for the measurement": "测量时对每一层采用的剪枝方法",
    "Analyze": "分析",
    "Data to measure the loss on": "用于测量损失的数据",
    "Data (*.jsonl *.txt);;All files (*)": "数据 (*.jsonl *.txt);;所有文件 (*)",
    "%p% · %1": "%p% · %1",
    "Sensitivity analysis stored for this model": "已为该模型保存敏感度分析",
    "Sensitivity analysis stopped": "敏感度分析已停止",
    "Sensitivity analysis failed": "敏感度分析失败",
    "Generate": "生成",
    "Prompt": "提示词",
    "Type a prompt, then Ctrl+Return": "输入提示词，然后按 Ctrl+回车",
    "Max new tokens": "最大新词元数",
    "Greedy (otherwise sample at temperature 1)": "贪心解码（否则以温度 1 采样）",
    "Ctrl+Return": "Ctrl+Return",
    "Output": "输出",
    "Stop": "停止",
    "Generating…": "正在生成…",
    "Stopped after %1 tokens (%2 tokens/s)": "已在 %1 个词元后停止（%2 词元/秒）",
    "%1 new tokens, %2 tokens/s": "%1 个新词元，%2 词元/秒",
    "Generation failed": "生成失败",
    "%1 sparse layers on %2 (%3 threads)": "%2 上的 %1 个稀疏层（%3 个线程）",
    "; decoding %1 → %2 tokens/s (%3×)": "；解码 %1 → %2 词元/秒（%3×）",

    # Recipe page and recipe editor
    "Start run": "开始运行",
    "Start this recipe as a new run (Ctrl+R)": "以此配方开始新的运行（Ctrl+R）",
    "Could not open recipe": "无法打开配方",
    "recipe editor": "配方编辑器",
    "recipe editor (%1)": "配方编辑器（%1）",
    "Load…": "加载…",
    "Save…": "保存…",
    "Open a recipe YAML file": "打开配方 YAML 文件",
    "Save the recipe as a YAML file": "将配方保存为 YAML 文件",
    "…": "…",
    "Choose a folder": "选择文件夹",
    "Choose a file": "选择文件",
    "Model && data": "模型与数据",
    "Run name": "运行名称",
    "Model folder": "模型文件夹",
    "Teacher folder": "教师模型文件夹",
    "none: no distillation from a teacher": "无：不从教师模型蒸馏",
    "Use the model itself as the dense teacher": "使用模型本身作为稠密教师模型",
    "Distill from the unpruned starting model (the paper's recipe: the dense model teaches its own sparse copy)":
        "从未剪枝的初始模型蒸馏（论文中的配方：稠密模型指导其自身的稀疏副本）",
    "Training file": "训练文件",
    "Validation file": "验证文件",
    "optional: evaluation during training": "可选：训练期间评估",
    "Test file": "测试文件",
    "optional: evaluation at the end": "可选：结束时评估",
    "Format": "格式",
    "Max length (tokens)": "最大长度（词元）",
    "Pack short examples into full-length sequences": "将短样本打包为满长度序列",
    "Pruning": "剪枝",
    "Method": "方法",
    "Target sparsity (%)": "目标稀疏度 (%)",
    "custom N:M": "自定义 N:M",
    "N": "N",
    "of M": "/ M",
    "Structure": "结构",
    "unstructured, or N:M: N weights kept in every M consecutive ones along the input dimension":
        "非结构化，或 N:M：沿输入维度每 M 个连续权重中保留 N 个",
    "Per-layer profile": "逐层稀疏分布",
    "OWL outlier threshold M": "OWL 离群阈值 M",
    "OWL lambda": "OWL lambda",
    "A score is an outlier above M × the layer's mean score": "分数高于该层平均分数的 M 倍即视为离群值",
    "Layer sparsities spread over a band 2·lambda wide around the target; outlier-heavy layers are pruned less":
        "各层稀疏度分布在以目标为中心、宽为 2·lambda 的区间内；离群值多的层剪枝较少",
    "Glob patterns over module paths, separated by commas": "匹配模块路径的 Glob 模式，以逗号分隔",
    "Targets": "目标",
    "every Linear in the decoder blocks": "解码器块中的所有 Linear 层",
    "Ignore": "忽略",
    "nothing": "无",
    "Calibration samples": "校准样本数",
    "Calibration length (tokens)": "校准长度（词元）",
    "SparseGPT block size": "SparseGPT 块大小",
    "SparseGPT dampening": "SparseGPT 阻尼",
    "Added to the Hessian's diagonal, as a share of its mean": "加到 Hessian 矩阵的对角线上，以其均值的比例表示",
    "Schedule": "调度",
    "Kind": "类型",
    "oneshot: prune at the start step, then hold; constant: hold the zeros already in the model; linear / cubic: from the initial to the target sparsity between start and end step; points: explicit steps":
        "oneshot：在起始步剪枝，之后保持；constant：保持模型中已有的零值；linear / cubic：在起始步与结束步之间从初始稀疏度过渡到目标稀疏度；points：显式指定各步",
    "Start step": "起始步",
    "End step": "结束步",
    "Initial sparsity (%)": "初始稀疏度 (%)",
    "Update masks every (steps)": "掩码更新间隔（步）",
    "Step": "步",
    "Sparsity (%)": "稀疏度 (%)",
    "Add point": "添加点",
    "Remove point": "删除点",
    "Points": "点",
    "(step, sparsity) pairs for kind points; steps increase, sparsity never falls, the last one is the target":
        "类型为 points 时使用的（步，稀疏度）对；步数递增，稀疏度不下降，最后一对为目标",
    "Distillation": "蒸馏",
    "Cross-entropy weight": "交叉熵权重",
    "Logit KD weight": "Logit KD 权重",
    "SquareHead weight": "SquareHead 权重",
    "KD temperature": "KD 温度",
    "Per-layer normalized squared error between the teacher's and the student's hidden states":
        "教师模型与学生模型隐藏状态之间逐层归一化的平方误差",
    "Softens both logit distributions of the KD term": "软化 KD 项中的两个 logit 分布",
    "Steps": "步数",
    "Optimizer steps; or set epochs instead. Both 0: prune and evaluate only": "优化器步数；也可改为设置轮数。两者均为 0：仅剪枝和评估",
    "or epochs": "或轮数",
    "Batch size": "批大小",
    "Gradient accumulation": "梯度累积",
    "Optimizer batch = batch size × gradient accumulation": "优化器批量 = 批大小 × 梯度累积",
    "Learning rate": "学习率",
    "Warm-up steps": "预热步数",
    "LR schedule": "学习率调度",
    "Weight decay": "权重衰减",
    "Adam β1": "Adam β1",
    "Adam β2": "Adam β2",
    "Adam ε": "Adam ε",
    "Clip gradient norm": "梯度范数裁剪",
    "0: off": "0：关闭",
    "Seed": "随机种子",
    "Checkpoint every (steps)": "检查点间隔（步）",
    "0: only at the end": "0：仅在结束时",
    "Precision": "精度",
    "Activation checkpointing (less memory, slower steps)": "激活检查点（占用内存更少，每步更慢）",
    "Device": "设备",
    "Evaluation": "评估",
    "Evaluate every (steps)": "评估间隔（步）",
    "On the validation file during training; 0: never": "训练期间在验证文件上进行；0：从不",
    "Tasks": "任务",
    "Generated per problem (gsm8k)": "每道题最多生成的词元数（gsm8k）",
    "Samples": "样本数",
    "Examples evaluated; 0: all": "参与评估的样本数；0：全部",
    "Also evaluate the dense and the one-shot pruned model before fine-tuning": "微调前同时评估稠密模型和一次性剪枝后的模型",
    "Profile CPU speed (dense vs sparse kernels) after each mask change": "每次掩码变化后分析 CPU 速度（稠密与稀疏内核对比）",
    "Output folder": "输出文件夹",
    "a folder per run next to the run database": "每个运行一个文件夹，位于运行数据库旁",
    "%1 (unknown)": "%1（未知）",
    "step: expected a whole number, got '%1'": "步：应为整数，实际为“%1”",
    "sparsity: expected a number (in %), got '%1'": "稀疏度：应为数字（单位 %），实际为“%1”",
    "auto": "自动",
    "cpu": "CPU",
    "CUDA is not available on this computer%1; choose auto or cpu": "此计算机上 CUDA 不可用%1；请选择“自动”或“CPU”",
    "expected cuda:0 to cuda:%1 (the CUDA devices of this computer), got '%2'":
        "应为 cuda:0 至 cuda:%1（此计算机的 CUDA 设备），实际为“%2”",
    "Ready to run": "可以运行",
    "≈ %1 optimizer steps (≈ %2 training sequences in the training file)": "≈ %1 个优化器步（训练文件中 ≈ %2 条训练序列）",
    "Steps unknown until the training file can be read": "在能够读取训练文件之前，步数未知",
    "Cannot save the recipe to %1: %2": "无法将配方保存到 %1：%2",
    "CUDA is not available — training runs on the CPU.": "CUDA 不可用 — 训练将在 CPU 上进行。",
    "CUDA is not available: %1 — training runs on the CPU.": "CUDA 不可用：%1 — 训练将在 CPU 上进行。",
    "1 problem:": "1 个问题：",
    "%1 problems:": "%1 个问题：",
    "Load recipe": "加载配方",
    "Discard the unsaved changes to this recipe?": "放弃对此配方未保存的更改？",
    "Recipes (*.yaml *.yml);;All files (*)": "配方 (*.yaml *.yml);;所有文件 (*)",
    "Cannot load the recipe": "无法加载配方",
    "%1 is not a recipe this version can read.": "%1 不是此版本能够读取的配方。",
    "Save recipe": "保存配方",
    "Recipes (*.yaml *.yml)": "配方 (*.yaml *.yml)",
    "Cannot save the recipe": "无法保存配方",

    # Schedule preview
    "%1 %": "%1%",
    "%1, one-shot to %2": "%1，一次性剪枝至 %2",
    "%1, %2 %3 → %4": "%1，%2 %3 → %4",
    "%1, points to %2": "%1，按点至 %2",
    "CE × %1": "CE × %1",
    "KD × %1 (T = %2)": "KD × %1（T = %2）",
    "SquareHead × %1": "SquareHead × %1",
    "LR warm-up": "学习率预热",
    "0 → %1": "0 → %1",
    "LR decay": "学习率衰减",
    "target sparsity": "目标稀疏度",
    "mask update": "掩码更新",
    "learning rate": "学习率",
    "target sparsity (%)": "目标稀疏度 (%)",
    "step": "步",
    "No preview: the recipe has no training steps (set training.steps).": "无预览：配方没有训练步（请设置 training.steps）。",
    "No sparsity preview: %1": "无稀疏度预览：%1",

    # Training page and curve plots
    "No run yet. Start one from the Recipe page (Ctrl+R), or pick one on the Runs page; a run started with `sparsetune run` appears here live.":
        "尚无运行。请在“配方”页开始一个运行（Ctrl+R），或在“运行记录”页选择一个；用 `sparsetune run` 启动的运行会实时显示在这里。",
    "Pause": "暂停",
    "Cancel": "取消",
    "Resume": "继续",
    "Loss components": "损失分量",
    "loss": "损失",
    "Sparsity of the pruned weights": "剪枝权重的稀疏度",
    "sparsity": "稀疏度",
    "The evaluation to draw: during training on the validation split, at the end on the test split":
        "要绘制的评估：训练期间在验证集上，结束时在测试集上",
    "Accuracy recovery": "准确率恢复",
    "value": "数值",
    "<b>Run %1 · %2</b> — %3%4 · started %5 · model %6": "<b>运行 %1 · %2</b> — %3%4 · 开始于 %5 · 模型 %6",
    "validation during training": "训练期间验证",
    "final (%1)": "最终（%1）",
    "dense teacher": "稠密教师模型",
    "one-shot pruned start": "一次性剪枝后的起点",
    "ETA %1": "预计剩余 %1",
    "log x": "对数 x",
    "log y": "对数 y",
    "Exponential moving average weight (debiased, as in TensorBoard)": "指数移动平均权重（去偏，与 TensorBoard 相同）",
    "wall time": "墙钟时间",
    "Fit": "自适应",
    "Fit the axes to the data and follow new data again": "使坐标轴适应数据，并重新跟随新数据",
    "Export": "导出",
    "Copy CSV": "复制 CSV",
    "Save CSV…": "保存 CSV…",
    "Smoothing": "平滑",
    "x:": "x：",
    "wall time (s)": "墙钟时间（秒）",
    "wall time (h:mm:ss)": "墙钟时间（h:mm:ss）",
    "step %1 · %2": "第 %1 步 · %2",
    "… and %n more": ("… 另有 %n 条",),
    "Save CSV": "保存 CSV",
    "CSV files (*.csv)": "CSV 文件 (*.csv)",
    "Could not write %1: %2": "无法写入 %1：%2",

    # Layers page: sparsity heatmap and weight inspector
    "Mask update": "掩码更新",
    "no sparsity recorded yet": "尚未记录稀疏度",
    "Click a cell to see that weight's histogram and mask pattern.": "点击一个单元格，查看该权重的直方图和掩码模式。",
    "Reading %1 from %2…": "正在从 %2 读取 %1…",
    "step %1 (%2 of %3)": "第 %1 步（%2/%3）",
    "%1: %2 × %3, %4 % zeros": "%1：%2 × %3，%4% 为零",
    "Sparsity per module": "各模块稀疏度",
    "Sparsity per module (weights only), step %1": "各模块稀疏度（仅权重），第 %1 步",
    "Sparsity per module (weights only): %1, step %2": "各模块稀疏度（仅权重）：%1，第 %2 步",
    "no data": "无数据",
    "block": "块",
    "No pruned modules yet": "尚无已剪枝的模块",
    "no data yet": "暂无数据",
    "sparsity %1 (%2)": "稀疏度 %1（%2）",
    "step %1": "第 %1 步",
    "Logarithmic count axis": "对数计数轴",
    "weight value (nonzero weights)": "权重值（非零权重）",
    "count": "计数",
    "No module selected: click a cell of the sparsity heatmap.": "未选择模块：请点击稀疏度热力图中的一个单元格。",
    "%1 × %2": "%1 × %2",
    "%1 % sparse": "稀疏度 %1%",
    "%1: %2, %3.": "%1：%2，%3。",
    "Mask of the top-left %1 × %2 weights (dark = kept, white = pruned).": "左上角 %1 × %2 个权重的掩码（深色 = 保留，白色 = 剪除）。",
    "Every weight is zero: no histogram.": "所有权重均为零：无直方图。",
    "nonzero weights": "非零权重",

    # Sensitivity view
    "Global target sparsity": "全局目标稀疏度",
    "Values": "数值类型",
    "Run a sensitivity analysis to see how each layer tolerates pruning.": "运行敏感度分析，查看每一层对剪枝的耐受程度。",
    "Loss increase with only this layer pruned": "仅剪枝该层时的损失增量",
    "Δ loss (nats)": "Δ 损失（nats）",
    "Parameters and allocated sparsity": "参数量与分配的稀疏度",
    "parameters (M)": "参数量（百万）",
    "allocated sparsity (%)": "分配的稀疏度 (%)",
    "Layer": "层",
    "Δ loss": "Δ 损失",
    "parameters": "参数量",
    "allocated sparsity": "分配的稀疏度",
    "At %1 % of the analysed weights: predicted loss %2 (dense %3, +%4) · model %5 → %6 · bandwidth bound of the pruned layers %7× · measured with %8 pruning on %9 tokens":
        "已分析权重稀疏度为 %1% 时：预测损失 %2（稠密 %3，+%4）· 模型 %5 → %6 · 剪枝层的带宽上限 %7× · 以 %8 剪枝在 %9 个词元上测得",

    # Profile page and profile view
    "Threads": "线程数",
    "How the sparse kernels store the kept weights: float32, bfloat16, or int8 with per-row scales":
        "稀疏内核存储保留权重的方式：float32、bfloat16，或带逐行缩放因子的 int8",
    "Profile now": "立即分析",
    "Time every sparse layer and greedy decoding, dense against sparse, on this machine": "在本机上对每个稀疏层和贪心解码计时，对比稠密与稀疏",
    "No run chosen.": "未选择运行。",
    "The run's model is profiled here once it has finished; profiles taken during the run are listed above.":
        "运行结束后，将在此分析其模型的性能；运行期间采集的性能分析列在上方。",
    "Model: %1": "模型：%1",
    "#%1 · %2 layers · %3 % sparse · %4 · %5 threads · %6": "#%1 · %2 层 · 稀疏度 %3% · %4 · %5 个线程 · %6",
    "Run %1, profile #%2": "运行 %1，性能分析 #%2",
    "CPU": "CPU",
    "GPU": "GPU",
    "ISA": "指令集",
    "Sparse values": "稀疏值类型",
    "Batch": "批大小",
    "Dense baseline": "稠密基准实现",
    "not measured": "未测量",
    "Dense tokens/s": "稠密 词元/秒",
    "Sparse tokens/s": "稀疏 词元/秒",
    "%1 (bound %2)": "%1（上限 %2）",
    "End-to-end speedup": "端到端加速比",
    "%1 over %n layer(s) (bound %2)": ("%1，共 %n 层（上限 %2）",),
    "Layer speedup (dense-time weighted)": "层加速比（按稠密耗时加权）",
    "Sparsity of the profiled weights": "所分析权重的稀疏度",
    "Pin as baseline": "固定为基线",
    "Clear baseline": "清除基线",
    'No profile yet: profile a sparse model ("sparsetune profile", or a run whose recipe has evaluation.profile) to see dense against sparse speed here.':
        "尚无性能分析：对稀疏模型进行性能分析（“sparsetune profile”，或配方中设置了 evaluation.profile 的运行），即可在此对比稠密与稀疏的速度。",
    "sparsity (%)": "稀疏度 (%)",
    "speedup vs dense (log)": "相对稠密的加速比（对数）",
    "time per product (ms)": "每次矩阵乘耗时 (ms)",
    "%1, against baseline %2": "%1，对比基线 %2",
    "change": "变化",
    "bandwidth bound, %1 bitmap": "带宽上限，%1 位图",
    "%1: layers": "%1：层",
    "%1: end-to-end decode": "%1：端到端解码",
    "dense": "稠密",
    "sparse, %1": "稀疏，%1",
    "sparse": "稀疏",

    # Runs page, run table, recipe comparison
    "Tick runs to compare them; double-click one to open it.": "勾选运行以进行比较；双击可打开运行。",
    "Open": "打开",
    "Delete…": "删除…",
    "Ticked runs": "已勾选的运行",
    "Differences only": "仅显示差异",
    "Delete run": "删除运行",
    "Delete run %1 and everything logged for it? Its files stay on disk.": "删除运行 %1 及其全部记录？其文件仍保留在磁盘上。",
    "run %1 · %2": "运行 %1 · %2",
    "%1 h %2 min": "%1 小时 %2 分",
    "%1 min %2 s": "%1 分 %2 秒",
    "%1 s": "%1 秒",
    "ID": "ID",
    "Name": "名称",
    "Status": "状态",
    "Created": "创建时间",
    "Duration": "时长",
    "Final loss": "最终损失",
    "Best loss": "最佳损失",
    "Final sparsity": "最终稀疏度",
    "Latest evaluation": "最近评估",
    "%1 final": "%1 最终值",
    "%1 min": "%1 最小值",
    "%1 max": "%1 最大值",
    "%1 latest evaluation": "%1 最近评估",
    "Field": "字段",

    # Export and report dialogs
    "Export model": "导出模型",
    "run %1 · %2 · %3": "运行 %1 · %2 · %3",
    "Weights": "权重",
    "Hugging Face folder (safetensors, zeros in place)": "Hugging Face 文件夹（safetensors，零值直接保存在权重中）",
    "The compressed-tensors sparse-bitmask and the runtime's own compressed format are not written yet":
        "尚不支持写出 compressed-tensors 的 sparse-bitmask 格式和运行时自身的压缩格式",
    "A new folder": "一个新文件夹",
    "Destination": "目标位置",
    "Export to a new folder": "导出到新文件夹",
    "Exported to %1": "已导出到 %1",
    "Export failed": "导出失败",
    "No run has saved weights yet: a run writes its model when it finishes and a checkpoint when it pauses.":
        "尚无运行保存过权重：运行在结束时写出模型，在暂停时写出检查点。",
    "Choose a run with saved weights and a destination folder.": "请选择一个已保存权重的运行和一个目标文件夹。",
    "Runs: %1": "运行：%1",
    "HTML report (charts, tables, recipe, hardware and software)": "HTML 报告（图表、表格、配方、硬件与软件）",
    "PDF report (the same, printed)": "PDF 报告（内容相同，打印版）",
    "CSV of the raw metrics": "原始指标 CSV",
    "File": "文件",
    "Could not save the report": "无法保存报告",
    "Choose a file to write.": "请选择要写入的文件。",
    "cannot rename %1 to %2": "无法将 %1 重命名为 %2",
}

PLACEHOLDER = re.compile(r"%(?:\d+|n|p%)")
HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
SHORTCUT = re.compile(r"(?:Ctrl|Shift|Alt|Meta)(?:\+\S+)+")
GONE = ("vanished", "obsolete")


def accelerators(text: str) -> int:
    return text.replace("&&", "").count("&")


def check(source: str, translation: str) -> list:
    """What is wrong with one translation (form) of source; empty when nothing is."""
    problems = []
    if not translation:
        problems.append("empty translation")
    if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(translation)):
        problems.append("placeholders differ")
    if HTML_TAG.findall(source) != HTML_TAG.findall(translation):
        problems.append("HTML tags differ")
    if accelerators(source) != accelerators(translation):
        problems.append("accelerator (&) missing or doubled")
    if SHORTCUT.fullmatch(source) and translation != source:
        problems.append("a shortcut string must stay as QKeySequence reads it")
    if source.endswith("…") and not translation.endswith("…"):
        problems.append("trailing ellipsis lost")
    return problems


def fill(ts_path: Path, table: dict) -> tuple:
    """Translates every current message of ts_path from table and drops vanished ones; returns the
    untranslated sources, the invalid translations, and the table's keys that were used."""
    tree = ET.parse(ts_path)
    root = tree.getroot()
    missing, invalid, used = [], [], set()
    for context in list(root.iter("context")):
        for message in list(context.iter("message")):
            translation = message.find("translation")
            if translation.get("type") in GONE:
                context.remove(message)
                continue
            source = message.findtext("source")
            forms = translation.findall("numerusform")
            value = table.get(source)
            if message.get("numerus") == "yes":
                ok = isinstance(value, tuple) and len(value) == len(forms)
                texts = list(value) if ok else []
            else:
                ok = isinstance(value, str)
                texts = [value] if ok else []
            problems = [p for text in texts for p in check(source, text)]
            if value is None or not ok or problems:
                translation.set("type", "unfinished")
                if value is None:
                    missing.append(source)
                else:
                    invalid.append(f"{source!r}: " + ("; ".join(problems) or f"needs {len(forms) or 1} form(s)"))
                continue
            used.add(source)
            translation.attrib.pop("type", None)
            if forms:
                for form, text in zip(forms, texts):
                    form.text = text
            else:
                translation.text = texts[0]
        if context.find("message") is None:
            root.remove(context)
    # Laid out and escaped as lupdate writes it (contexts unindented, no space before "/>", &apos;), so a round of
    # update_translations + translate.py changes only the lines whose content changed.
    ET.indent(root, space="    ")
    text = ET.tostring(root, encoding="unicode").replace(" />", "/>")
    text = re.sub(r">[^<]*<", lambda m: m.group(0).replace("'", "&apos;").replace('"', "&quot;"), text)
    lines = text.split("\n")
    body = "\n".join(line[4:] if line.startswith("    ") else line for line in lines)
    ts_path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")
    return missing, invalid, used


if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    problems = []
    for name, table in (("sparsetune_de.ts", GERMAN), ("sparsetune_zh_CN.ts", CHINESE)):
        missing, invalid, used = fill(here / name, table)
        problems += [f"{name}: untranslated {s!r}" for s in missing]
        problems += [f"{name}: invalid {s}" for s in invalid]
        unused = sorted(set(table) - used)
        if unused:
            print(f"{name}: entries no source text uses any more (remove them):\n  " + "\n  ".join(map(repr, unused)), file=sys.stderr)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        sys.exit(1)
