<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>sparsetune::studio::ExportDialog</name>
    <message>
        <location filename="../app/studio/export_dialog.cpp" line="43"/>
        <source>Export model</source>
        <translation>Modell exportieren</translation>
    </message>
    <message>
        <location filename="../app/studio/export_dialog.cpp" line="49"/>
        <source>run %1 · %2 · %3</source>
        <translation>Lauf %1 · %2 · %3</translation>
    </message>
    <message>
        <location filename="../app/studio/export_dialog.cpp" line="53"/>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <location filename="../app/studio/export_dialog.cpp" line="56"/>
        <source>Weights</source>
        <translation>Gewichte</translation>
    </message>
    <message>
        <location filename="../app/studio/export_dialog.cpp" line="58"/>
        <source>Hugging Face folder (safetensors, zeros in place)</source>
        <translation>Hugging-Face-Ordner (safetensors, Nullen direkt in den Gewichten)</translation>
    </message>
    <message>
        <location filename="../app/studio/export_dialog.cpp" line="59"/>
        <source>The compressed-tensors sparse-bitmask and the runtime&apos;s own compressed format are not written yet</source>
        <translation>Das Sparse-Bitmask-Format von compressed-tensors und das eigene komprimierte Format der Laufzeitumgebung werden noch nicht geschrieben</translation>
    </message>
    <message>
        <location filename="../app/studio/export_dialog.cpp" line="60"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../app/studio/export_dialog.cpp" line="63"/>
        <source>A new folder</source>
        <translation>Ein neuer Ordner</translation>
    </message>
    <message>
        <location filename="../app/studio/export_dialog.cpp" line="65"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../app/studio/export_dialog.cpp" line="67"/>
        <source>Destination</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <location filename="../app/studio/export_dialog.cpp" line="74"/>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <location filename="../app/studio/export_dialog.cpp" line="79"/>
        <source>Export to a new folder</source>
        <translation>In einen neuen Ordner exportieren</translation>
    </message>
    <message>
        <location filename="../app/studio/export_dialog.cpp" line="92"/>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../app/studio/export_dialog.cpp" line="99"/>
        <source>No run has saved weights yet: a run writes its model when it finishes and a checkpoint when it pauses.</source>
        <translation>Noch kein Lauf hat Gewichte gespeichert: Ein Lauf schreibt sein Modell, wenn er endet, und einen Checkpoint, wenn er pausiert.</translation>
    </message>
    <message>
        <location filename="../app/studio/export_dialog.cpp" line="116"/>
        <source>Choose a run with saved weights and a destination folder.</source>
        <translation>Wählen Sie einen Lauf mit gespeicherten Gewichten und einen Zielordner.</translation>
    </message>
</context>
<context>
    <name>sparsetune::studio::LayersPage</name>
    <message>
        <location filename="../app/studio/layers_page.cpp" line="19"/>
        <source>Mask update</source>
        <translation>Masken-Update</translation>
    </message>
    <message>
        <location filename="../app/studio/layers_page.cpp" line="23"/>
        <location filename="../app/studio/layers_page.cpp" line="80"/>
        <source>no sparsity recorded yet</source>
        <translation>noch keine Sparsität aufgezeichnet</translation>
    </message>
    <message>
        <location filename="../app/studio/layers_page.cpp" line="31"/>
        <source>Click a cell to see that weight&apos;s histogram and mask pattern.</source>
        <translation>Klicken Sie auf eine Zelle, um Histogramm und Maskenmuster dieses Gewichts zu sehen.</translation>
    </message>
    <message>
        <location filename="../app/studio/layers_page.cpp" line="50"/>
        <location filename="../app/studio/layers_page.cpp" line="89"/>
        <source>Reading %1 from %2…</source>
        <translation>Lese %1 aus %2…</translation>
    </message>
    <message>
        <location filename="../app/studio/layers_page.cpp" line="92"/>
        <source>step %1 (%2 of %3)</source>
        <translation>Schritt %1 (%2 von %3)</translation>
    </message>
    <message>
        <location filename="../app/studio/layers_page.cpp" line="102"/>
        <source>%1: %2 × %3, %4 % zeros</source>
        <translation>%1: %2 × %3, %4 % Nullen</translation>
    </message>
</context>
<context>
    <name>sparsetune::studio::MainWindow</name>
    <message>
        <location filename="../app/studio/main_window.cpp" line="49"/>
        <source>sparsetune studio</source>
        <translation>sparsetune Studio</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="67"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="67"/>
        <source>Recipe</source>
        <translation>Rezept</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="68"/>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="68"/>
        <source>Layers</source>
        <translation>Schichten</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="69"/>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="69"/>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="93"/>
        <source>Open a model folder (Ctrl+O), drop one here, or open the built-in demo (Ctrl+D).</source>
        <translation>Öffnen Sie einen Modellordner (Strg+O), ziehen Sie einen hierher oder öffnen Sie das eingebaute Demo (Strg+D).</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="117"/>
        <source>Loaded %1</source>
        <translation>%1 geladen</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="121"/>
        <source>Could not open %1</source>
        <translation>%1 konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="122"/>
        <source>Could not open model</source>
        <translation>Modell konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="130"/>
        <source>Profiling %1 with %2 threads…</source>
        <translation>Profiling von %1 mit %2 Threads…</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="140"/>
        <source>Profiling failed</source>
        <translation>Profiling fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="159"/>
        <source>Run %1 finished; model written to %2</source>
        <translation>Lauf %1 beendet; Modell nach %2 geschrieben</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="160"/>
        <source>Run %1 %2; resume continues from its checkpoint</source>
        <translation>Lauf %1: %2; Fortsetzen setzt bei seinem Checkpoint wieder an</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="167"/>
        <source>Run %1 failed</source>
        <translation>Lauf %1 fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="167"/>
        <source>The run could not start</source>
        <translation>Der Lauf konnte nicht gestartet werden</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="184"/>
        <source>Run is training</source>
        <translation>Lauf trainiert gerade</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="184"/>
        <source>Cancel run %1 before deleting it.</source>
        <translation>Brechen Sie Lauf %1 ab, bevor Sie ihn löschen.</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="190"/>
        <source>Could not delete run</source>
        <translation>Lauf konnte nicht gelöscht werden</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="203"/>
        <source>Run database</source>
        <translation>Laufdatenbank</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="207"/>
        <source>Could not open the run database</source>
        <translation>Die Laufdatenbank konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="243"/>
        <source>Open &amp;Demo (Model and Recipe)</source>
        <translation>&amp;Demo öffnen (Modell und Rezept)</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="236"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="237"/>
        <source>&amp;Open Model…</source>
        <translation>Modell ö&amp;ffnen…</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="238"/>
        <source>Open a Hugging Face model folder</source>
        <translation>Hugging-Face-Modellordner öffnen</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="244"/>
        <source>Ctrl+D</source>
        <translation>Ctrl+D</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="245"/>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="248"/>
        <source>Open Recipe…</source>
        <translation>Rezept öffnen…</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="249"/>
        <source>Save Recipe As…</source>
        <translation>Rezept speichern unter…</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="251"/>
        <source>&amp;Export Model…</source>
        <translation>Modell &amp;exportieren…</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="251"/>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="252"/>
        <source>Save &amp;Report…</source>
        <translation>Be&amp;richt speichern…</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="252"/>
        <source>Ctrl+Shift+R</source>
        <translation>Ctrl+Shift+R</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="254"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="257"/>
        <source>&amp;Run</source>
        <translation>&amp;Lauf</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="258"/>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="259"/>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="260"/>
        <source>&amp;Pause</source>
        <translation>&amp;Pausieren</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="261"/>
        <source>Ctrl+P</source>
        <translation>Ctrl+P</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="262"/>
        <source>&amp;Cancel</source>
        <translation>Ab&amp;brechen</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="263"/>
        <source>Ctrl+.</source>
        <translation>Ctrl+.</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="264"/>
        <source>Res&amp;ume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="265"/>
        <source>Ctrl+Shift+U</source>
        <translation>Ctrl+Shift+U</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="267"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="273"/>
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="274"/>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="283"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="283"/>
        <source>The new language is used from the next start of the studio.</source>
        <translation>Die neue Sprache gilt ab dem nächsten Start des Studios.</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="287"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="288"/>
        <source>&amp;About sparsetune</source>
        <translation>Ü&amp;ber sparsetune</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="289"/>
        <source>About sparsetune</source>
        <translation>Über sparsetune</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="290"/>
        <source>&lt;b&gt;sparsetune studio&lt;/b&gt;&lt;p&gt;Sparse fine-tuning with SquareHead distillation and S2FT, and sparse inference that turns sparsity into speed.&lt;/p&gt;</source>
        <translation>&lt;b&gt;sparsetune Studio&lt;/b&gt;&lt;p&gt;Sparses Feintuning mit SquareHead-Destillation und S2FT sowie sparse Inferenz, die Sparsität in Geschwindigkeit umsetzt.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="294"/>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="327"/>
        <source>Demo not found</source>
        <translation>Demo nicht gefunden</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="335"/>
        <location filename="../app/studio/main_window.cpp" line="496"/>
        <source>A run is training</source>
        <translation>Ein Lauf trainiert gerade</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="335"/>
        <source>Wait for run %1 to finish, or pause it first.</source>
        <translation>Warten Sie, bis Lauf %1 beendet ist, oder pausieren Sie ihn zuerst.</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="341"/>
        <source>The recipe cannot run yet</source>
        <translation>Das Rezept kann noch nicht laufen</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="346"/>
        <source>starting</source>
        <translation>startet</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="366"/>
        <location filename="../app/studio/main_window.cpp" line="370"/>
        <source>Cannot resume</source>
        <translation>Fortsetzen nicht möglich</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="370"/>
        <source>Run %1 is %2.</source>
        <translation>Lauf %1 hat den Status „%2“.</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="377"/>
        <source>run %1</source>
        <translation>Lauf %1</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="407"/>
        <source>Following run %1 (%2), started outside the studio</source>
        <translation>Verfolge Lauf %1 (%2), außerhalb des Studios gestartet</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="416"/>
        <source>Run database: %1</source>
        <translation>Laufdatenbank: %1</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="437"/>
        <source>run %1: %2</source>
        <translation>Lauf %1: %2</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="443"/>
        <source>Exported to %1</source>
        <translation>Nach %1 exportiert</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="452"/>
        <source>Save report</source>
        <translation>Bericht speichern</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="452"/>
        <source>Choose a run first: tick runs on the Runs page or open one.</source>
        <translation>Wählen Sie zuerst einen Lauf: Haken Sie Läufe auf der Seite „Läufe“ an oder öffnen Sie einen.</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="456"/>
        <source>Report saved to %1</source>
        <translation>Bericht nach %1 gespeichert</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="497"/>
        <source>Pause run %1 and quit? It resumes from its checkpoint later.</source>
        <translation>Lauf %1 pausieren und beenden? Er wird später bei seinem Checkpoint fortgesetzt.</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="311"/>
        <source>Loading %1…</source>
        <translation>Lade %1…</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="319"/>
        <source>Demo model not found</source>
        <translation>Demo-Modell nicht gefunden</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="116"/>
        <source>%1 — sparsetune studio</source>
        <translation>%1 — sparsetune Studio</translation>
    </message>
</context>
<context>
    <name>sparsetune::studio::ModelPage</name>
    <message>
        <location filename="../app/studio/model_page.cpp" line="49"/>
        <source>No model loaded. Open a Hugging Face model folder (Ctrl+O), drop one on the window, or open the built-in demo (Ctrl+D).</source>
        <translation>Kein Modell geladen. Öffnen Sie einen Hugging-Face-Modellordner (Strg+O), ziehen Sie einen auf das Fenster oder öffnen Sie das eingebaute Demo (Strg+D).</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="56"/>
        <source>Layers</source>
        <translation>Schichten</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="57"/>
        <source>Sensitivity</source>
        <translation>Sensitivität</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="58"/>
        <location filename="../app/studio/model_page.cpp" line="64"/>
        <location filename="../app/studio/model_page.cpp" line="72"/>
        <location filename="../app/studio/model_page.cpp" line="217"/>
        <source>Generate</source>
        <translation>Generieren</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="65"/>
        <source>Stopped after %1 tokens (%2 tokens/s)</source>
        <translation>Nach %1 Token angehalten (%2 Token/s)</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="65"/>
        <source>%1 new tokens, %2 tokens/s</source>
        <translation>%1 neue Token, %2 Token/s</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="73"/>
        <location filename="../app/studio/model_page.cpp" line="74"/>
        <source>Generation failed</source>
        <translation>Generierung fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="87"/>
        <source>Filter layers (e.g. mlp, layers.3, q_proj)</source>
        <translation>Schichten filtern (z. B. mlp, layers.3, q_proj)</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="117"/>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="119"/>
        <source>Text or JSONL the loss is measured on (e.g. the recipe&apos;s training data)</source>
        <translation>Text oder JSONL, auf dem der Loss gemessen wird (z. B. die Trainingsdaten des Rezepts)</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="121"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="123"/>
        <source>Sequences</source>
        <translation>Sequenzen</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="130"/>
        <source>How each layer is pruned for the measurement</source>
        <translation>Pruning-Verfahren, mit dem jede Schicht für die Messung beschnitten wird</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="132"/>
        <location filename="../app/studio/model_page.cpp" line="160"/>
        <source>Analyze</source>
        <translation>Analysieren</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="143"/>
        <source>Data to measure the loss on</source>
        <translation>Daten, auf denen der Loss gemessen wird</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="144"/>
        <source>Data (*.jsonl *.txt);;All files (*)</source>
        <translation>Daten (*.jsonl *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="156"/>
        <source>%p% · %1</source>
        <translation>%p% · %1</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="166"/>
        <source>Sensitivity analysis stored for this model</source>
        <translation>Sensitivitätsanalyse für dieses Modell gespeichert</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="171"/>
        <source>Sensitivity analysis stopped</source>
        <translation>Sensitivitätsanalyse angehalten</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="172"/>
        <source>Sensitivity analysis failed</source>
        <translation>Sensitivitätsanalyse fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="181"/>
        <location filename="../app/studio/model_page.cpp" line="235"/>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="204"/>
        <source>Prompt</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="206"/>
        <source>Type a prompt, then Ctrl+Return</source>
        <translation>Eingabe tippen, dann Strg+Eingabetaste</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="212"/>
        <source>Max new tokens</source>
        <translation>Max. neue Token</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="213"/>
        <source>Greedy (otherwise sample at temperature 1)</source>
        <translation>Greedy (sonst Sampling mit Temperatur 1)</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="218"/>
        <source>Ctrl+Return</source>
        <translation>Ctrl+Return</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="222"/>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="237"/>
        <source>Generating…</source>
        <translation>Generiere…</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="246"/>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 · %3 parameters (%4 M) · %5 · %6 blocks · hidden %7 · FFN %8 · heads %9 (KV %10) · vocab %11 · context %12%13</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 · %3 Parameter (%4 Mio.) · %5 · %6 Blöcke · verborgen %7 · FFN %8 · Köpfe %9 (KV %10) · Vokabular %11 · Kontext %12%13</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="259"/>
        <source> · tied embeddings</source>
        <translation> · gekoppelte Einbettungen</translation>
    </message>
</context>
<context>
    <name>sparsetune::studio::ModelWorker</name>
    <message>
        <location filename="../app/studio/model_worker.cpp" line="42"/>
        <source>CPU only — CUDA not available: %1</source>
        <translation>Nur CPU — CUDA nicht verfügbar: %1</translation>
    </message>
    <message>
        <location filename="../app/studio/model_worker.cpp" line="62"/>
        <location filename="../app/studio/model_worker.cpp" line="131"/>
        <source>Open a model first.</source>
        <translation>Öffnen Sie zuerst ein Modell.</translation>
    </message>
    <message>
        <location filename="../app/studio/model_worker.cpp" line="116"/>
        <source>%1 sparse layers on %2 (%3 threads)</source>
        <translation>%1 sparse Schichten auf %2 (%3 Threads)</translation>
    </message>
    <message>
        <location filename="../app/studio/model_worker.cpp" line="118"/>
        <source>; decoding %1 → %2 tokens/s (%3×)</source>
        <translation>; Dekodierung %1 → %2 Token/s (%3×)</translation>
    </message>
</context>
<context>
    <name>sparsetune::studio::ProfilePage</name>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="37"/>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="42"/>
        <source>Threads</source>
        <translation>Threads</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="47"/>
        <source>Values</source>
        <translation>Werttyp</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="50"/>
        <source>How the sparse kernels store the kept weights: float32, bfloat16, or int8 with per-row scales</source>
        <translation>Wie die sparsen Kernels die behaltenen Gewichte speichern: float32, bfloat16 oder int8 mit zeilenweisen Skalen</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="52"/>
        <source>Profile now</source>
        <translation>Jetzt messen</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="53"/>
        <source>Time every sparse layer and greedy decoding, dense against sparse, on this machine</source>
        <translation>Jede sparse Schicht und das Greedy-Dekodieren auf diesem Rechner messen, dicht gegen sparse</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="58"/>
        <source>No run chosen.</source>
        <translation>Kein Lauf gewählt.</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="91"/>
        <source>The run&apos;s model is profiled here once it has finished; profiles taken during the run are listed above.</source>
        <translation>Das Modell des Laufs wird hier gemessen, sobald der Lauf beendet ist; während des Laufs erstellte Profile stehen oben.</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="92"/>
        <source>Model: %1</source>
        <translation>Modell: %1</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="108"/>
        <source>#%1 · %2 layers · %3 % sparse · %4 · %5 threads · %6</source>
        <translation>#%1 · %2 Schichten · %3 % Sparsität · %4 · %5 Threads · %6</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="126"/>
        <source>Run %1, profile #%2</source>
        <translation>Lauf %1, Profil #%2</translation>
    </message>
</context>
<context>
    <name>sparsetune::studio::RecipePage</name>
    <message>
        <location filename="../app/studio/recipe_page.cpp" line="24"/>
        <source>Start run</source>
        <translation>Lauf starten</translation>
    </message>
    <message>
        <location filename="../app/studio/recipe_page.cpp" line="25"/>
        <source>Start this recipe as a new run (Ctrl+R)</source>
        <translation>Dieses Rezept als neuen Lauf starten (Strg+R)</translation>
    </message>
    <message>
        <location filename="../app/studio/recipe_page.cpp" line="40"/>
        <source>Could not open recipe</source>
        <translation>Rezept konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <location filename="../app/studio/recipe_page.cpp" line="72"/>
        <source>recipe editor</source>
        <translation>Rezepteditor</translation>
    </message>
    <message>
        <location filename="../app/studio/recipe_page.cpp" line="72"/>
        <source>recipe editor (%1)</source>
        <translation>Rezepteditor (%1)</translation>
    </message>
</context>
<context>
    <name>sparsetune::studio::ReportDialog</name>
    <message>
        <location filename="../app/studio/report_dialog.cpp" line="60"/>
        <location filename="../app/studio/report_dialog.cpp" line="87"/>
        <source>Save report</source>
        <translation>Bericht speichern</translation>
    </message>
    <message>
        <location filename="../app/studio/report_dialog.cpp" line="64"/>
        <source>Runs: %1</source>
        <translation>Läufe: %1</translation>
    </message>
    <message>
        <location filename="../app/studio/report_dialog.cpp" line="67"/>
        <source>HTML report (charts, tables, recipe, hardware and software)</source>
        <translation>HTML-Bericht (Diagramme, Tabellen, Rezept, Hard- und Software)</translation>
    </message>
    <message>
        <location filename="../app/studio/report_dialog.cpp" line="68"/>
        <source>PDF report (the same, printed)</source>
        <translation>PDF-Bericht (derselbe, gedruckt)</translation>
    </message>
    <message>
        <location filename="../app/studio/report_dialog.cpp" line="69"/>
        <source>CSV of the raw metrics</source>
        <translation>CSV der Rohmetriken</translation>
    </message>
    <message>
        <location filename="../app/studio/report_dialog.cpp" line="70"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../app/studio/report_dialog.cpp" line="75"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../app/studio/report_dialog.cpp" line="77"/>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location filename="../app/studio/report_dialog.cpp" line="96"/>
        <source>Could not save the report</source>
        <translation>Der Bericht konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <location filename="../app/studio/report_dialog.cpp" line="104"/>
        <source>Choose a file to write.</source>
        <translation>Wählen Sie eine Datei zum Schreiben.</translation>
    </message>
    <message>
        <location filename="../app/studio/report_dialog.cpp" line="124"/>
        <source>cannot rename %1 to %2</source>
        <translation>%1 kann nicht in %2 umbenannt werden</translation>
    </message>
</context>
<context>
    <name>sparsetune::studio::RunsPage</name>
    <message>
        <location filename="../app/studio/runs_page.cpp" line="27"/>
        <source>Tick runs to compare them; double-click one to open it.</source>
        <translation>Haken Sie Läufe an, um sie zu vergleichen; ein Doppelklick öffnet einen Lauf.</translation>
    </message>
    <message>
        <location filename="../app/studio/runs_page.cpp" line="28"/>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <location filename="../app/studio/runs_page.cpp" line="29"/>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <location filename="../app/studio/runs_page.cpp" line="30"/>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <location filename="../app/studio/runs_page.cpp" line="57"/>
        <source>Ticked runs</source>
        <translation>Angehakte Läufe</translation>
    </message>
    <message>
        <location filename="../app/studio/runs_page.cpp" line="58"/>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <location filename="../app/studio/runs_page.cpp" line="58"/>
        <source>value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location filename="../app/studio/runs_page.cpp" line="63"/>
        <source>Differences only</source>
        <translation>Nur Unterschiede</translation>
    </message>
    <message>
        <location filename="../app/studio/runs_page.cpp" line="97"/>
        <source>Delete run</source>
        <translation>Lauf löschen</translation>
    </message>
    <message>
        <location filename="../app/studio/runs_page.cpp" line="97"/>
        <source>Delete run %1 and everything logged for it? Its files stay on disk.</source>
        <translation>Lauf %1 und alles dazu Protokollierte löschen? Seine Dateien bleiben auf dem Datenträger.</translation>
    </message>
    <message>
        <location filename="../app/studio/runs_page.cpp" line="132"/>
        <source>run %1 · %2</source>
        <translation>Lauf %1 · %2</translation>
    </message>
</context>
<context>
    <name>sparsetune::studio::TrainingPage</name>
    <message>
        <location filename="../app/studio/training_page.cpp" line="41"/>
        <source>No run yet. Start one from the Recipe page (Ctrl+R), or pick one on the Runs page; a run started with `sparsetune run` appears here live.</source>
        <translation>Noch kein Lauf. Starten Sie einen auf der Seite „Rezept“ (Strg+R) oder wählen Sie einen auf der Seite „Läufe“; ein mit `sparsetune run` gestarteter Lauf erscheint hier live.</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="47"/>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="48"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="49"/>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="69"/>
        <source>Loss components</source>
        <translation>Loss-Komponenten</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="70"/>
        <location filename="../app/studio/training_page.cpp" line="75"/>
        <location filename="../app/studio/training_page.cpp" line="85"/>
        <location filename="../app/studio/training_page.cpp" line="91"/>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="70"/>
        <source>loss</source>
        <translation>Loss</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="74"/>
        <source>Sparsity of the pruned weights</source>
        <translation>Sparsität der beschnittenen Gewichte</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="75"/>
        <source>sparsity</source>
        <translation>Sparsität</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="81"/>
        <source>The evaluation to draw: during training on the validation split, at the end on the test split</source>
        <translation>Die anzuzeigende Evaluierung: während des Trainings auf dem Validierungssplit, am Ende auf dem Testsplit</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="84"/>
        <source>Accuracy recovery</source>
        <translation>Wiederherstellung der Genauigkeit</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="85"/>
        <source>value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="90"/>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="34"/>
        <location filename="../app/studio/training_page.cpp" line="91"/>
        <source>learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="28"/>
        <source>total</source>
        <translation>gesamt</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="29"/>
        <source>cross-entropy</source>
        <translation>Kreuzentropie</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="30"/>
        <source>KD</source>
        <translation>KD</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="31"/>
        <source>SquareHead</source>
        <translation>SquareHead</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="32"/>
        <source>target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="33"/>
        <source>actual</source>
        <translation>tatsächlich</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="125"/>
        <source>&lt;b&gt;Run %1 · %2&lt;/b&gt; — %3%4 · started %5 · model %6</source>
        <translation>&lt;b&gt;Lauf %1 · %2&lt;/b&gt; — %3%4 · gestartet %5 · Modell %6</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="209"/>
        <source>validation during training</source>
        <translation>Validierung während des Trainings</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="213"/>
        <source>final (%1)</source>
        <translation>Endwert (%1)</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="218"/>
        <source>dense teacher</source>
        <translation>dichtes Lehrermodell</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="219"/>
        <source>one-shot pruned start</source>
        <translation>Start nach One-Shot-Pruning</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="226"/>
        <source>ETA %1</source>
        <translation>Restzeit %1</translation>
    </message>
</context>
<context>
    <name>sparsetune::widgets::CurvePlot</name>
    <message>
        <location filename="../widgets/curve_plot.cpp" line="118"/>
        <source>log x</source>
        <translation>log x</translation>
    </message>
    <message>
        <location filename="../widgets/curve_plot.cpp" line="119"/>
        <source>log y</source>
        <translation>log y</translation>
    </message>
    <message>
        <location filename="../widgets/curve_plot.cpp" line="130"/>
        <source>Exponential moving average weight (debiased, as in TensorBoard)</source>
        <translation>Gewicht des exponentiellen gleitenden Mittelwerts (Bias-korrigiert, wie in TensorBoard)</translation>
    </message>
    <message>
        <location filename="../widgets/curve_plot.cpp" line="133"/>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <location filename="../widgets/curve_plot.cpp" line="134"/>
        <source>wall time</source>
        <translation>Wall-Clock-Zeit</translation>
    </message>
    <message>
        <location filename="../widgets/curve_plot.cpp" line="136"/>
        <location filename="../widgets/curve_plot.cpp" line="642"/>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <location filename="../widgets/curve_plot.cpp" line="137"/>
        <source>Fit the axes to the data and follow new data again</source>
        <translation>Achsen an die Daten anpassen und wieder neuen Daten folgen</translation>
    </message>
    <message>
        <location filename="../widgets/curve_plot.cpp" line="139"/>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <location filename="../widgets/curve_plot.cpp" line="142"/>
        <location filename="../widgets/curve_plot.cpp" line="644"/>
        <source>Copy CSV</source>
        <translation>CSV kopieren</translation>
    </message>
    <message>
        <location filename="../widgets/curve_plot.cpp" line="143"/>
        <location filename="../widgets/curve_plot.cpp" line="645"/>
        <source>Save CSV…</source>
        <translation>CSV speichern…</translation>
    </message>
    <message>
        <location filename="../widgets/curve_plot.cpp" line="147"/>
        <source>Smoothing</source>
        <translation>Glättung</translation>
    </message>
    <message>
        <location filename="../widgets/curve_plot.cpp" line="154"/>
        <source>x:</source>
        <translation>x:</translation>
    </message>
    <message>
        <location filename="../widgets/curve_plot.cpp" line="454"/>
        <source>wall time (s)</source>
        <translation>Wall-Clock-Zeit (s)</translation>
    </message>
    <message>
        <location filename="../widgets/curve_plot.cpp" line="454"/>
        <source>wall time (h:mm:ss)</source>
        <translation>Wall-Clock-Zeit (h:mm:ss)</translation>
    </message>
    <message>
        <location filename="../widgets/curve_plot.cpp" line="579"/>
        <source>step %1 · %2</source>
        <translation>Schritt %1 · %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/curve_plot.cpp" line="593"/>
        <source>… and %n more</source>
        <translation>
            <numerusform>… und %n weitere</numerusform>
            <numerusform>… und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/curve_plot.cpp" line="656"/>
        <location filename="../widgets/curve_plot.cpp" line="660"/>
        <source>Save CSV</source>
        <translation>CSV speichern</translation>
    </message>
    <message>
        <location filename="../widgets/curve_plot.cpp" line="656"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location filename="../widgets/curve_plot.cpp" line="660"/>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>sparsetune::widgets::LayerTableModel</name>
    <message>
        <location filename="../widgets/layer_table_model.cpp" line="45"/>
        <source>Module path</source>
        <translation>Modulpfad</translation>
    </message>
    <message>
        <location filename="../widgets/layer_table_model.cpp" line="46"/>
        <source>Shape [out × in]</source>
        <translation>Form [aus × ein]</translation>
    </message>
    <message>
        <location filename="../widgets/layer_table_model.cpp" line="47"/>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <location filename="../widgets/layer_table_model.cpp" line="48"/>
        <source>Sparsity</source>
        <translation>Sparsität</translation>
    </message>
</context>
<context>
    <name>sparsetune::widgets::ParameterChart</name>
    <message>
        <location filename="../widgets/parameter_chart.cpp" line="24"/>
        <source>decoder block</source>
        <translation>Decoder-Block</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_chart.cpp" line="25"/>
        <source>parameters (millions)</source>
        <translation>Parameter (Millionen)</translation>
    </message>
</context>
<context>
    <name>sparsetune::widgets::ProfileView</name>
    <message>
        <location filename="../widgets/profile_view.cpp" line="50"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="51"/>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="52"/>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="72"/>
        <source>ISA</source>
        <translation>ISA</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="74"/>
        <source>Threads</source>
        <translation>Threads</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="75"/>
        <source>Sparse values</source>
        <translation>Sparse-Werttyp</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="76"/>
        <source>Batch</source>
        <translation>Batch</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="77"/>
        <source>Dense baseline</source>
        <translation>Dichte Referenz</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="79"/>
        <source>not measured</source>
        <translation>nicht gemessen</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="83"/>
        <source>Dense tokens/s</source>
        <translation>Dicht: Token/s</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="85"/>
        <source>Sparse tokens/s</source>
        <translation>Sparse: Token/s</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="88"/>
        <source>%1 (bound %2)</source>
        <translation>%1 (Grenze %2)</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="91"/>
        <source>End-to-end speedup</source>
        <translation>End-to-End-Beschleunigung</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/profile_view.cpp" line="93"/>
        <source>%1 over %n layer(s) (bound %2)</source>
        <translation>
            <numerusform>%1 über %n Schicht (Grenze %2)</numerusform>
            <numerusform>%1 über %n Schichten (Grenze %2)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="97"/>
        <source>Layer speedup (dense-time weighted)</source>
        <translation>Schicht-Beschleunigung (nach dichter Laufzeit gewichtet)</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="101"/>
        <source>Sparsity of the profiled weights</source>
        <translation>Sparsität der gemessenen Gewichte</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="200"/>
        <source>Pin as baseline</source>
        <translation>Als Baseline anheften</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="201"/>
        <source>Clear baseline</source>
        <translation>Baseline entfernen</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="210"/>
        <source>No profile yet: profile a sparse model (&quot;sparsetune profile&quot;, or a run whose recipe has evaluation.profile) to see dense against sparse speed here.</source>
        <translation>Noch kein Profil: Messen Sie ein sparses Modell („sparsetune profile“ oder ein Lauf, dessen Rezept evaluation.profile setzt), um hier die Geschwindigkeit dicht gegen sparse zu sehen.</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="237"/>
        <source>sparsity (%)</source>
        <translation>Sparsität (%)</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="238"/>
        <source>speedup vs dense (log)</source>
        <translation>Beschleunigung ggü. dicht (log)</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="246"/>
        <source>time per product (ms)</source>
        <translation>Zeit pro Matrixprodukt (ms)</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="314"/>
        <source>%1, against baseline %2</source>
        <translation>%1, gegen Baseline %2</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="340"/>
        <source>change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="379"/>
        <source>bandwidth bound, %1 bitmap</source>
        <translation>Bandbreitengrenze, %1-Bitmap</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="384"/>
        <source>%1: layers</source>
        <translation>%1: Schichten</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="385"/>
        <source>%1: end-to-end decode</source>
        <translation>%1: End-to-End-Dekodierung</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="426"/>
        <source>dense</source>
        <translation>dicht</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="427"/>
        <location filename="../widgets/profile_view.cpp" line="428"/>
        <source>sparse, %1</source>
        <translation>sparse, %1</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="427"/>
        <source>sparse</source>
        <translation>sparse</translation>
    </message>
</context>
<context>
    <name>sparsetune::widgets::RecipeDiffModel</name>
    <message>
        <location filename="../widgets/recipe_diff_model.cpp" line="80"/>
        <source>%1 final</source>
        <translation>%1 (Endwert)</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_diff_model.cpp" line="81"/>
        <source>%1 min</source>
        <translation>%1 (Min.)</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_diff_model.cpp" line="82"/>
        <source>%1 max</source>
        <translation>%1 (Max.)</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_diff_model.cpp" line="100"/>
        <source>%1 latest evaluation</source>
        <translation>%1 (letzte Evaluierung)</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_diff_model.cpp" line="130"/>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_diff_model.cpp" line="134"/>
        <source>run %1</source>
        <translation>Lauf %1</translation>
    </message>
</context>
<context>
    <name>sparsetune::widgets::RecipeEditor</name>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="179"/>
        <source>Load…</source>
        <translation>Laden…</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="180"/>
        <source>Save…</source>
        <translation>Speichern…</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="181"/>
        <source>Open a recipe YAML file</source>
        <translation>Rezept-YAML-Datei öffnen</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="182"/>
        <source>Save the recipe as a YAML file</source>
        <translation>Rezept als YAML-Datei speichern</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="339"/>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="340"/>
        <source>Choose a folder</source>
        <translation>Ordner wählen</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="340"/>
        <source>Choose a file</source>
        <translation>Datei wählen</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="346"/>
        <source>Data (*.jsonl *.txt);;All files (*)</source>
        <translation>Daten (*.jsonl *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="383"/>
        <source>Model &amp;&amp; data</source>
        <translation>Modell &amp;&amp; Daten</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="385"/>
        <source>Run name</source>
        <translation>Laufname</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="386"/>
        <source>Model folder</source>
        <translation>Modellordner</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="388"/>
        <source>Teacher folder</source>
        <translation>Ordner des Lehrermodells</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="390"/>
        <source>none: no distillation from a teacher</source>
        <translation>keiner: keine Destillation von einem Lehrermodell</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="391"/>
        <source>Use the model itself as the dense teacher</source>
        <translation>Das Modell selbst als dichtes Lehrermodell verwenden</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="392"/>
        <source>Distill from the unpruned starting model (the paper&apos;s recipe: the dense model teaches its own sparse copy)</source>
        <translation>Vom unbeschnittenen Ausgangsmodell destillieren (das Rezept des Papers: Das dichte Modell lehrt seine eigene sparse Kopie)</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="404"/>
        <source>Training file</source>
        <translation>Trainingsdatei</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="406"/>
        <source>Validation file</source>
        <translation>Validierungsdatei</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="408"/>
        <source>optional: evaluation during training</source>
        <translation>optional: Evaluierung während des Trainings</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="409"/>
        <source>Test file</source>
        <translation>Testdatei</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="411"/>
        <source>optional: evaluation at the end</source>
        <translation>optional: Evaluierung am Ende</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="412"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="414"/>
        <source>Max length (tokens)</source>
        <translation>Max. Länge (Token)</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="416"/>
        <source>Pack short examples into full-length sequences</source>
        <translation>Kurze Beispiele zu Sequenzen voller Länge packen</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="422"/>
        <source>Pruning</source>
        <translation>Pruning</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="424"/>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="426"/>
        <source>Target sparsity (%)</source>
        <translation>Ziel-Sparsität (%)</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="433"/>
        <source>custom N:M</source>
        <translation>benutzerdefiniert N:M</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="444"/>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="446"/>
        <source>of M</source>
        <translation>von M</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="449"/>
        <source>Structure</source>
        <translation>Struktur</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="450"/>
        <source>unstructured, or N:M: N weights kept in every M consecutive ones along the input dimension</source>
        <translation>unstrukturiert oder N:M: Von je M aufeinanderfolgenden Gewichten entlang der Eingabedimension bleiben N erhalten</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="477"/>
        <source>Per-layer profile</source>
        <translation>Schichtweises Profil</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="479"/>
        <source>OWL outlier threshold M</source>
        <translation>OWL-Ausreißerschwelle M</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="481"/>
        <source>OWL lambda</source>
        <translation>OWL-Lambda</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="484"/>
        <source>A score is an outlier above M × the layer&apos;s mean score</source>
        <translation>Ein Score über M × dem mittleren Score der Schicht gilt als Ausreißer</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="486"/>
        <source>Layer sparsities spread over a band 2·lambda wide around the target; outlier-heavy layers are pruned less</source>
        <translation>Die Sparsitäten der Schichten verteilen sich über ein 2·lambda breites Band um das Ziel; Schichten mit vielen Ausreißern werden weniger beschnitten</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="499"/>
        <source>Glob patterns over module paths, separated by commas</source>
        <translation>Glob-Muster für Modulpfade, durch Kommas getrennt</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="501"/>
        <source>Targets</source>
        <translation>Ziele</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="503"/>
        <source>every Linear in the decoder blocks</source>
        <translation>jede Linear-Schicht in den Decoder-Blöcken</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="504"/>
        <source>Ignore</source>
        <translation>Ignorieren</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="505"/>
        <source>nothing</source>
        <translation>nichts</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="507"/>
        <source>Calibration samples</source>
        <translation>Kalibrierungsbeispiele</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="509"/>
        <source>Calibration length (tokens)</source>
        <translation>Kalibrierungslänge (Token)</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="511"/>
        <source>SparseGPT block size</source>
        <translation>SparseGPT-Blockgröße</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="513"/>
        <source>SparseGPT dampening</source>
        <translation>SparseGPT-Dämpfung</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="516"/>
        <source>Added to the Hessian&apos;s diagonal, as a share of its mean</source>
        <translation>Wird zur Diagonale der Hesse-Matrix addiert, als Anteil ihres Mittelwerts</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="521"/>
        <source>Schedule</source>
        <translation>Zeitplan</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="523"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="526"/>
        <source>oneshot: prune at the start step, then hold; constant: hold the zeros already in the model; linear / cubic: from the initial to the target sparsity between start and end step; points: explicit steps</source>
        <translation>oneshot: beim Startschritt beschneiden, dann halten; constant: die schon im Modell vorhandenen Nullen halten; linear / cubic: von der Anfangs- zur Ziel-Sparsität zwischen Start- und Endschritt; points: explizite Schritte</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="528"/>
        <source>Start step</source>
        <translation>Startschritt</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="530"/>
        <source>End step</source>
        <translation>Endschritt</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="532"/>
        <source>Initial sparsity (%)</source>
        <translation>Anfangs-Sparsität (%)</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="535"/>
        <source>Update masks every (steps)</source>
        <translation>Masken aktualisieren alle (Schritte)</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="539"/>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="539"/>
        <source>Sparsity (%)</source>
        <translation>Sparsität (%)</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="547"/>
        <source>Add point</source>
        <translation>Punkt hinzufügen</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="548"/>
        <source>Remove point</source>
        <translation>Punkt entfernen</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="581"/>
        <source>Points</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="582"/>
        <source>(step, sparsity) pairs for kind points; steps increase, sparsity never falls, the last one is the target</source>
        <translation>(Schritt, Sparsität)-Paare für die Art points; die Schritte steigen, die Sparsität fällt nie, das letzte Paar ist das Ziel</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="589"/>
        <source>Distillation</source>
        <translation>Destillation</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="593"/>
        <source>Cross-entropy weight</source>
        <translation>Gewicht der Kreuzentropie</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="595"/>
        <source>Logit KD weight</source>
        <translation>Gewicht der Logit-KD</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="597"/>
        <source>SquareHead weight</source>
        <translation>SquareHead-Gewicht</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="599"/>
        <source>KD temperature</source>
        <translation>KD-Temperatur</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="602"/>
        <source>Per-layer normalized squared error between the teacher&apos;s and the student&apos;s hidden states</source>
        <translation>Schichtweise normierter quadratischer Fehler zwischen den verborgenen Zuständen von Lehrer- und Schülermodell</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="603"/>
        <source>Softens both logit distributions of the KD term</source>
        <translation>Glättet beide Logit-Verteilungen des KD-Terms</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="608"/>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="610"/>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="611"/>
        <source>Optimizer steps; or set epochs instead. Both 0: prune and evaluate only</source>
        <translation>Optimiererschritte; oder stattdessen Epochen setzen. Beide 0: nur beschneiden und evaluieren</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="612"/>
        <source>or epochs</source>
        <translation>oder Epochen</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="616"/>
        <source>Batch size</source>
        <translation>Batchgröße</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="618"/>
        <source>Gradient accumulation</source>
        <translation>Gradientenakkumulation</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="620"/>
        <source>Optimizer batch = batch size × gradient accumulation</source>
        <translation>Optimierer-Batch = Batchgröße × Gradientenakkumulation</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="621"/>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="623"/>
        <source>Warm-up steps</source>
        <translation>Warm-up-Schritte</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="625"/>
        <source>LR schedule</source>
        <translation>LR-Zeitplan</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="627"/>
        <source>Weight decay</source>
        <translation>Weight Decay</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="630"/>
        <source>Adam β1</source>
        <translation>Adam β1</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="632"/>
        <source>Adam β2</source>
        <translation>Adam β2</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="634"/>
        <source>Adam ε</source>
        <translation>Adam ε</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="636"/>
        <source>Clip gradient norm</source>
        <translation>Gradientennorm begrenzen</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="638"/>
        <source>0: off</source>
        <translation>0: aus</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="639"/>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="640"/>
        <source>Checkpoint every (steps)</source>
        <translation>Checkpoint alle (Schritte)</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="642"/>
        <source>0: only at the end</source>
        <translation>0: nur am Ende</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="643"/>
        <source>Precision</source>
        <translation>Präzision</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="645"/>
        <source>Activation checkpointing (less memory, slower steps)</source>
        <translation>Activation Checkpointing (weniger Speicher, langsamere Schritte)</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="654"/>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="664"/>
        <source>Evaluation</source>
        <translation>Evaluierung</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="666"/>
        <source>Evaluate every (steps)</source>
        <translation>Evaluieren alle (Schritte)</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="668"/>
        <source>On the validation file during training; 0: never</source>
        <translation>Auf der Validierungsdatei während des Trainings; 0: nie</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="672"/>
        <source>Tasks</source>
        <translation>Aufgaben</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="674"/>
        <source>Max new tokens</source>
        <translation>Max. neue Token</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="676"/>
        <source>Generated per problem (gsm8k)</source>
        <translation>Pro Aufgabe generiert (gsm8k)</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="677"/>
        <source>Samples</source>
        <translation>Beispiele</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="678"/>
        <source>Examples evaluated; 0: all</source>
        <translation>Evaluierte Beispiele; 0: alle</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="679"/>
        <source>Also evaluate the dense and the one-shot pruned model before fine-tuning</source>
        <translation>Vor dem Feintuning auch das dichte und das per One-Shot beschnittene Modell evaluieren</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="681"/>
        <source>Profile CPU speed (dense vs sparse kernels) after each mask change</source>
        <translation>CPU-Geschwindigkeit (dichte gegen sparse Kernels) nach jeder Maskenänderung messen</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="687"/>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="689"/>
        <source>Output folder</source>
        <translation>Ausgabeordner</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="691"/>
        <source>a folder per run next to the run database</source>
        <translation>ein Ordner pro Lauf neben der Laufdatenbank</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="736"/>
        <source>%1 (unknown)</source>
        <translation>%1 (unbekannt)</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="771"/>
        <source>step: expected a whole number, got &apos;%1&apos;</source>
        <translation>Schritt: ganze Zahl erwartet, „%1“ erhalten</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="774"/>
        <source>sparsity: expected a number (in %), got &apos;%1&apos;</source>
        <translation>Sparsität: Zahl (in %) erwartet, „%1“ erhalten</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="784"/>
        <source>auto</source>
        <translation>automatisch</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="785"/>
        <source>cpu</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="820"/>
        <source>CUDA is not available on this computer%1; choose auto or cpu</source>
        <translation>CUDA ist auf diesem Computer nicht verfügbar%1; wählen Sie „automatisch“ oder „CPU“</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="825"/>
        <source>expected cuda:0 to cuda:%1 (the CUDA devices of this computer), got &apos;%2&apos;</source>
        <translation>cuda:0 bis cuda:%1 erwartet (die CUDA-Geräte dieses Computers), „%2“ erhalten</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="877"/>
        <location filename="../widgets/recipe_editor.cpp" line="1015"/>
        <source>Ready to run</source>
        <translation>Bereit zum Start</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="925"/>
        <source>≈ %1 optimizer steps (≈ %2 training sequences in the training file)</source>
        <translation>≈ %1 Optimiererschritte (≈ %2 Trainingssequenzen in der Trainingsdatei)</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="928"/>
        <source>Steps unknown until the training file can be read</source>
        <translation>Schrittzahl unbekannt, bis die Trainingsdatei gelesen werden kann</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="967"/>
        <source>Cannot save the recipe to %1: %2</source>
        <translation>Das Rezept kann nicht in %1 gespeichert werden: %2</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="985"/>
        <source>CUDA is not available — training runs on the CPU.</source>
        <translation>CUDA ist nicht verfügbar — das Training läuft auf der CPU.</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="986"/>
        <source>CUDA is not available: %1 — training runs on the CPU.</source>
        <translation>CUDA ist nicht verfügbar: %1 — das Training läuft auf der CPU.</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="998"/>
        <source>1 problem:</source>
        <translation>1 Problem:</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="998"/>
        <source>%1 problems:</source>
        <translation>%1 Probleme:</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="1031"/>
        <location filename="../widgets/recipe_editor.cpp" line="1034"/>
        <source>Load recipe</source>
        <translation>Rezept laden</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="1031"/>
        <source>Discard the unsaved changes to this recipe?</source>
        <translation>Die ungespeicherten Änderungen an diesem Rezept verwerfen?</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="1034"/>
        <source>Recipes (*.yaml *.yml);;All files (*)</source>
        <translation>Rezepte (*.yaml *.yml);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="1038"/>
        <source>Cannot load the recipe</source>
        <translation>Das Rezept kann nicht geladen werden</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="1038"/>
        <source>%1 is not a recipe this version can read.</source>
        <translation>%1 ist kein Rezept, das diese Version lesen kann.</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="1048"/>
        <source>Save recipe</source>
        <translation>Rezept speichern</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="1048"/>
        <source>Recipes (*.yaml *.yml)</source>
        <translation>Rezepte (*.yaml *.yml)</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="1055"/>
        <source>Cannot save the recipe</source>
        <translation>Das Rezept kann nicht gespeichert werden</translation>
    </message>
</context>
<context>
    <name>sparsetune::widgets::RunTableModel</name>
    <message>
        <location filename="../widgets/run_table_model.cpp" line="71"/>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location filename="../widgets/run_table_model.cpp" line="72"/>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <location filename="../widgets/run_table_model.cpp" line="73"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../widgets/run_table_model.cpp" line="230"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../widgets/run_table_model.cpp" line="231"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../widgets/run_table_model.cpp" line="232"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../widgets/run_table_model.cpp" line="233"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location filename="../widgets/run_table_model.cpp" line="234"/>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <location filename="../widgets/run_table_model.cpp" line="235"/>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <location filename="../widgets/run_table_model.cpp" line="236"/>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <location filename="../widgets/run_table_model.cpp" line="237"/>
        <source>Final loss</source>
        <translation>Finaler Loss</translation>
    </message>
    <message>
        <location filename="../widgets/run_table_model.cpp" line="238"/>
        <source>Best loss</source>
        <translation>Bester Loss</translation>
    </message>
    <message>
        <location filename="../widgets/run_table_model.cpp" line="239"/>
        <source>Final sparsity</source>
        <translation>Finale Sparsität</translation>
    </message>
    <message>
        <location filename="../widgets/run_table_model.cpp" line="240"/>
        <source>Latest evaluation</source>
        <translation>Letzte Evaluierung</translation>
    </message>
</context>
<context>
    <name>sparsetune::widgets::SchedulePreview</name>
    <message>
        <location filename="../widgets/schedule_preview.cpp" line="25"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location filename="../widgets/schedule_preview.cpp" line="78"/>
        <location filename="../widgets/schedule_preview.cpp" line="84"/>
        <location filename="../widgets/schedule_preview.cpp" line="91"/>
        <location filename="../widgets/schedule_preview.cpp" line="156"/>
        <source>Pruning</source>
        <translation>Pruning</translation>
    </message>
    <message>
        <location filename="../widgets/schedule_preview.cpp" line="79"/>
        <source>%1, one-shot to %2</source>
        <translation>%1, One-Shot auf %2</translation>
    </message>
    <message>
        <location filename="../widgets/schedule_preview.cpp" line="85"/>
        <source>%1, %2 %3 → %4</source>
        <translation>%1, %2 %3 → %4</translation>
    </message>
    <message>
        <location filename="../widgets/schedule_preview.cpp" line="92"/>
        <source>%1, points to %2</source>
        <translation>%1, Punkte bis %2</translation>
    </message>
    <message>
        <location filename="../widgets/schedule_preview.cpp" line="103"/>
        <source>CE × %1</source>
        <translation>CE × %1</translation>
    </message>
    <message>
        <location filename="../widgets/schedule_preview.cpp" line="104"/>
        <source>KD × %1 (T = %2)</source>
        <translation>KD × %1 (T = %2)</translation>
    </message>
    <message>
        <location filename="../widgets/schedule_preview.cpp" line="105"/>
        <source>SquareHead × %1</source>
        <translation>SquareHead × %1</translation>
    </message>
    <message>
        <location filename="../widgets/schedule_preview.cpp" line="106"/>
        <location filename="../widgets/schedule_preview.cpp" line="157"/>
        <source>Distillation</source>
        <translation>Destillation</translation>
    </message>
    <message>
        <location filename="../widgets/schedule_preview.cpp" line="112"/>
        <location filename="../widgets/schedule_preview.cpp" line="158"/>
        <source>LR warm-up</source>
        <translation>LR-Warm-up</translation>
    </message>
    <message>
        <location filename="../widgets/schedule_preview.cpp" line="112"/>
        <source>0 → %1</source>
        <translation>0 → %1</translation>
    </message>
    <message>
        <location filename="../widgets/schedule_preview.cpp" line="115"/>
        <location filename="../widgets/schedule_preview.cpp" line="159"/>
        <source>LR decay</source>
        <translation>LR-Abfall</translation>
    </message>
    <message>
        <location filename="../widgets/schedule_preview.cpp" line="129"/>
        <source>target sparsity</source>
        <translation>Ziel-Sparsität</translation>
    </message>
    <message>
        <location filename="../widgets/schedule_preview.cpp" line="132"/>
        <source>mask update</source>
        <translation>Masken-Update</translation>
    </message>
    <message>
        <location filename="../widgets/schedule_preview.cpp" line="137"/>
        <location filename="../widgets/schedule_preview.cpp" line="142"/>
        <source>learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <location filename="../widgets/schedule_preview.cpp" line="140"/>
        <source>target sparsity (%)</source>
        <translation>Ziel-Sparsität (%)</translation>
    </message>
    <message>
        <location filename="../widgets/schedule_preview.cpp" line="163"/>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <location filename="../widgets/schedule_preview.cpp" line="188"/>
        <source>No preview: the recipe has no training steps (set training.steps).</source>
        <translation>Keine Vorschau: Das Rezept hat keine Trainingsschritte (training.steps setzen).</translation>
    </message>
    <message>
        <location filename="../widgets/schedule_preview.cpp" line="210"/>
        <source>No sparsity preview: %1</source>
        <translation>Keine Sparsitätsvorschau: %1</translation>
    </message>
</context>
<context>
    <name>sparsetune::widgets::SensitivityView</name>
    <message>
        <location filename="../widgets/sensitivity_view.cpp" line="40"/>
        <source>Global target sparsity</source>
        <translation>Globale Ziel-Sparsität</translation>
    </message>
    <message>
        <location filename="../widgets/sensitivity_view.cpp" line="49"/>
        <source>Values</source>
        <translation>Werttyp</translation>
    </message>
    <message>
        <location filename="../widgets/sensitivity_view.cpp" line="54"/>
        <source>Run a sensitivity analysis to see how each layer tolerates pruning.</source>
        <translation>Führen Sie eine Sensitivitätsanalyse aus, um zu sehen, wie gut jede Schicht Pruning verträgt.</translation>
    </message>
    <message>
        <location filename="../widgets/sensitivity_view.cpp" line="63"/>
        <source>Loss increase with only this layer pruned</source>
        <translation>Loss-Anstieg, wenn nur diese Schicht beschnitten ist</translation>
    </message>
    <message>
        <location filename="../widgets/sensitivity_view.cpp" line="66"/>
        <source>Δ loss (nats)</source>
        <translation>Δ Loss (nats)</translation>
    </message>
    <message>
        <location filename="../widgets/sensitivity_view.cpp" line="71"/>
        <source>Parameters and allocated sparsity</source>
        <translation>Parameter und zugeteilte Sparsität</translation>
    </message>
    <message>
        <location filename="../widgets/sensitivity_view.cpp" line="72"/>
        <source>parameters (M)</source>
        <translation>Parameter (Mio.)</translation>
    </message>
    <message>
        <location filename="../widgets/sensitivity_view.cpp" line="74"/>
        <source>allocated sparsity (%)</source>
        <translation>zugeteilte Sparsität (%)</translation>
    </message>
    <message>
        <location filename="../widgets/sensitivity_view.cpp" line="80"/>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <location filename="../widgets/sensitivity_view.cpp" line="80"/>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <location filename="../widgets/sensitivity_view.cpp" line="80"/>
        <source>Sparsity</source>
        <translation>Sparsität</translation>
    </message>
    <message>
        <location filename="../widgets/sensitivity_view.cpp" line="80"/>
        <source>Δ loss</source>
        <translation>Δ Loss</translation>
    </message>
    <message>
        <location filename="../widgets/sensitivity_view.cpp" line="128"/>
        <source>%1 % sparse</source>
        <translation>%1 % Sparsität</translation>
    </message>
    <message>
        <location filename="../widgets/sensitivity_view.cpp" line="144"/>
        <source>parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <location filename="../widgets/sensitivity_view.cpp" line="155"/>
        <source>allocated sparsity</source>
        <translation>zugeteilte Sparsität</translation>
    </message>
    <message>
        <location filename="../widgets/sensitivity_view.cpp" line="207"/>
        <source>At %1 % of the analysed weights: predicted loss %2 (dense %3, +%4) · model %5 → %6 · bandwidth bound of the pruned layers %7× · measured with %8 pruning on %9 tokens</source>
        <translation>Bei %1 % Sparsität der analysierten Gewichte: vorhergesagter Loss %2 (dicht %3, +%4) · Modell %5 → %6 · Bandbreitengrenze der beschnittenen Schichten %7× · gemessen mit %8-Pruning auf %9 Token</translation>
    </message>
</context>
<context>
    <name>sparsetune::widgets::SparsityHeatmap</name>
    <message>
        <location filename="../widgets/sparsity_heatmap.cpp" line="43"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location filename="../widgets/sparsity_heatmap.cpp" line="119"/>
        <source>Sparsity per module</source>
        <translation>Sparsität pro Modul</translation>
    </message>
    <message>
        <location filename="../widgets/sparsity_heatmap.cpp" line="128"/>
        <source>Sparsity per module (weights only), step %1</source>
        <translation>Sparsität pro Modul (nur Gewichte), Schritt %1</translation>
    </message>
    <message>
        <location filename="../widgets/sparsity_heatmap.cpp" line="129"/>
        <source>Sparsity per module (weights only): %1, step %2</source>
        <translation>Sparsität pro Modul (nur Gewichte): %1, Schritt %2</translation>
    </message>
    <message>
        <location filename="../widgets/sparsity_heatmap.cpp" line="140"/>
        <location filename="../widgets/sparsity_heatmap.cpp" line="265"/>
        <source>no data</source>
        <translation>keine Daten</translation>
    </message>
    <message>
        <location filename="../widgets/sparsity_heatmap.cpp" line="142"/>
        <source>block</source>
        <translation>Block</translation>
    </message>
    <message>
        <location filename="../widgets/sparsity_heatmap.cpp" line="207"/>
        <source>No pruned modules yet</source>
        <translation>Noch keine beschnittenen Module</translation>
    </message>
    <message>
        <location filename="../widgets/sparsity_heatmap.cpp" line="281"/>
        <source>no data yet</source>
        <translation>noch keine Daten</translation>
    </message>
    <message>
        <location filename="../widgets/sparsity_heatmap.cpp" line="283"/>
        <source>sparsity %1 (%2)</source>
        <translation>Sparsität %1 (%2)</translation>
    </message>
    <message>
        <location filename="../widgets/sparsity_heatmap.cpp" line="284"/>
        <source>step %1</source>
        <translation>Schritt %1</translation>
    </message>
</context>
<context>
    <name>sparsetune::widgets::WeightInspector</name>
    <message>
        <location filename="../widgets/weight_inspector.cpp" line="51"/>
        <source>Logarithmic count axis</source>
        <translation>Logarithmische Häufigkeitsachse</translation>
    </message>
    <message>
        <location filename="../widgets/weight_inspector.cpp" line="55"/>
        <source>weight value (nonzero weights)</source>
        <translation>Gewichtswert (Nicht-Null-Gewichte)</translation>
    </message>
    <message>
        <location filename="../widgets/weight_inspector.cpp" line="56"/>
        <source>count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <location filename="../widgets/weight_inspector.cpp" line="75"/>
        <source>No module selected: click a cell of the sparsity heatmap.</source>
        <translation>Kein Modul gewählt: Klicken Sie auf eine Zelle der Sparsitäts-Heatmap.</translation>
    </message>
    <message>
        <location filename="../widgets/weight_inspector.cpp" line="84"/>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <location filename="../widgets/weight_inspector.cpp" line="85"/>
        <source>%1 % sparse</source>
        <translation>%1 % Sparsität</translation>
    </message>
    <message>
        <location filename="../widgets/weight_inspector.cpp" line="86"/>
        <source>%1: %2, %3.</source>
        <translation>%1: %2, %3.</translation>
    </message>
    <message>
        <location filename="../widgets/weight_inspector.cpp" line="88"/>
        <source>Mask of the top-left %1 × %2 weights (dark = kept, white = pruned).</source>
        <translation>Maske der oberen linken %1 × %2 Gewichte (dunkel = behalten, weiß = beschnitten).</translation>
    </message>
    <message>
        <location filename="../widgets/weight_inspector.cpp" line="91"/>
        <source>Every weight is zero: no histogram.</source>
        <translation>Alle Gewichte sind null: kein Histogramm.</translation>
    </message>
    <message>
        <location filename="../widgets/weight_inspector.cpp" line="98"/>
        <source>nonzero weights</source>
        <translation>Nicht-Null-Gewichte</translation>
    </message>
</context>
</TS>
