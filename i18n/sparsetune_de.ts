<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de_DE">
<context>
    <name>sparsetune::studio::MainWindow</name>
    <message>
        <location filename="../app/studio/main_window.cpp" line="43" />
        <source>sparsetune studio</source>
        <translation>sparsetune Studio</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="60" />
        <source>Open a model folder (Ctrl+O), drop one here, or open the built-in demo (Ctrl+D).</source>
        <translation>Öffnen Sie einen Modellordner (Strg+O), ziehen Sie einen hierher oder öffnen Sie das eingebaute Demo (Strg+D).</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="70" />
        <source>Loaded %1</source>
        <translation>%1 geladen</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="74" />
        <source>Could not open %1</source>
        <translation>%1 konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="75" />
        <source>Could not open model</source>
        <translation>Modell konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="80" />
        <location filename="../app/studio/main_window.cpp" line="88" />
        <location filename="../app/studio/main_window.cpp" line="196" />
        <source>Generate</source>
        <translation>Generieren</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="81" />
        <source>Stopped after %1 tokens (%2 tokens/s)</source>
        <translation>Nach %1 Token angehalten (%2 Token/s)</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="81" />
        <source>%1 new tokens, %2 tokens/s</source>
        <translation>%1 neue Token, %2 Token/s</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="89" />
        <location filename="../app/studio/main_window.cpp" line="90" />
        <source>Generation failed</source>
        <translation>Generierung fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="109" />
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="110" />
        <source>&amp;Open Model…</source>
        <translation>Modell ö&amp;ffnen…</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="111" />
        <source>Open a Hugging Face model folder</source>
        <translation>Hugging-Face-Modellordner öffnen</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="116" />
        <source>Open &amp;Demo Model</source>
        <translation>&amp;Demo-Modell öffnen</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="117" />
        <source>Ctrl+D</source>
        <translation>Ctrl+D</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="118" />
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="121" />
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="124" />
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="125" />
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="134" />
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="134" />
        <source>The new language is used from the next start of the studio.</source>
        <translation>Die neue Sprache gilt ab dem nächsten Start des Studios.</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="138" />
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="139" />
        <source>&amp;About sparsetune</source>
        <translation>Ü&amp;ber sparsetune</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="140" />
        <source>About sparsetune</source>
        <translation>Über sparsetune</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="141" />
        <source>&lt;b&gt;sparsetune studio&lt;/b&gt;&lt;p&gt;Sparse fine-tuning with SquareHead distillation and S2FT, and sparse inference that turns sparsity into speed.&lt;/p&gt;</source>
        <translation>&lt;b&gt;sparsetune Studio&lt;/b&gt;&lt;p&gt;Sparses Feintuning mit SquareHead-Destillation und S2FT sowie sparse Inferenz, die Sparsität in Geschwindigkeit umsetzt.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="149" />
        <source>No model loaded.</source>
        <translation>Kein Modell geladen.</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="158" />
        <source>Filter layers (e.g. mlp, layers.3, q_proj)</source>
        <translation>Schichten filtern (z. B. mlp, layers.3, q_proj)</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="183" />
        <source>Prompt</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="185" />
        <source>Type a prompt, then Ctrl+Return</source>
        <translation>Eingabe tippen, dann Strg+Eingabetaste</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="191" />
        <source>Max new tokens</source>
        <translation>Max. neue Token</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="192" />
        <source>Greedy (otherwise sample at temperature 1)</source>
        <translation>Greedy (sonst Sampling mit Temperatur 1)</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="197" />
        <source>Ctrl+Return</source>
        <translation>Ctrl+Return</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="201" />
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="214" />
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="216" />
        <source>Generating…</source>
        <translation>Generiere…</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="222" />
        <source>Loading %1…</source>
        <translation>Lade %1…</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="230" />
        <source>Demo model not found</source>
        <translation>Demo-Modell nicht gefunden</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="236" />
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 · %3 parameters (%4 M) · %5 · %6 blocks · hidden %7 · FFN %8 · heads %9 (KV %10) · vocab %11 · context %12%13</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 · %3 Parameter (%4 Mio.) · %5 · %6 Blöcke · verborgen %7 · FFN %8 · Köpfe %9 (KV %10) · Vokabular %11 · Kontext %12%13</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="249" />
        <source> · tied embeddings</source>
        <translation> · gekoppelte Einbettungen</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="253" />
        <source>%1 — sparsetune studio</source>
        <translation>%1 — sparsetune Studio</translation>
    </message>
</context>
<context>
    <name>sparsetune::studio::ModelWorker</name>
    <message>
        <location filename="../app/studio/model_worker.cpp" line="31" />
        <source>CPU only — CUDA not available: %1</source>
        <translation>Nur CPU — CUDA nicht verfügbar: %1</translation>
    </message>
    <message>
        <location filename="../app/studio/model_worker.cpp" line="50" />
        <source>Open a model first.</source>
        <translation>Öffnen Sie zuerst ein Modell.</translation>
    </message>
</context>
<context>
    <name>sparsetune::widgets::LayerTableModel</name>
    <message>
        <location filename="../widgets/layer_table_model.cpp" line="45" />
        <source>Module path</source>
        <translation>Modulpfad</translation>
    </message>
    <message>
        <location filename="../widgets/layer_table_model.cpp" line="46" />
        <source>Shape [out × in]</source>
        <translation>Form [aus × ein]</translation>
    </message>
    <message>
        <location filename="../widgets/layer_table_model.cpp" line="47" />
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <location filename="../widgets/layer_table_model.cpp" line="48" />
        <source>Sparsity</source>
        <translation>Sparsität</translation>
    </message>
</context>
<context>
    <name>sparsetune::widgets::ParameterChart</name>
    <message>
        <location filename="../widgets/parameter_chart.cpp" line="24" />
        <source>decoder block</source>
        <translation>Decoder-Block</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_chart.cpp" line="25" />
        <source>parameters (millions)</source>
        <translation>Parameter (Millionen)</translation>
    </message>
</context>
</TS>