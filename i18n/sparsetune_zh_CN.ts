<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>sparsetune::studio::ExportDialog</name>
    <message>
        <location filename="../app/studio/export_dialog.cpp" line="43"/>
        <source>Export model</source>
        <translation>导出模型</translation>
    </message>
    <message>
        <location filename="../app/studio/export_dialog.cpp" line="49"/>
        <source>run %1 · %2 · %3</source>
        <translation>运行 %1 · %2 · %3</translation>
    </message>
    <message>
        <location filename="../app/studio/export_dialog.cpp" line="53"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../app/studio/export_dialog.cpp" line="56"/>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <location filename="../app/studio/export_dialog.cpp" line="58"/>
        <source>Hugging Face folder (safetensors, zeros in place)</source>
        <translation>Hugging Face 文件夹（safetensors，零值直接保存在权重中）</translation>
    </message>
    <message>
        <location filename="../app/studio/export_dialog.cpp" line="59"/>
        <source>The compressed-tensors sparse-bitmask and the runtime&apos;s own compressed format are not written yet</source>
        <translation>尚不支持写出 compressed-tensors 的 sparse-bitmask 格式和运行时自身的压缩格式</translation>
    </message>
    <message>
        <location filename="../app/studio/export_dialog.cpp" line="60"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../app/studio/export_dialog.cpp" line="63"/>
        <source>A new folder</source>
        <translation>一个新文件夹</translation>
    </message>
    <message>
        <location filename="../app/studio/export_dialog.cpp" line="65"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../app/studio/export_dialog.cpp" line="67"/>
        <source>Destination</source>
        <translation>目标位置</translation>
    </message>
    <message>
        <location filename="../app/studio/export_dialog.cpp" line="74"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../app/studio/export_dialog.cpp" line="79"/>
        <source>Export to a new folder</source>
        <translation>导出到新文件夹</translation>
    </message>
    <message>
        <location filename="../app/studio/export_dialog.cpp" line="92"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location filename="../app/studio/export_dialog.cpp" line="99"/>
        <source>No run has saved weights yet: a run writes its model when it finishes and a checkpoint when it pauses.</source>
        <translation>尚无运行保存过权重：运行在结束时写出模型，在暂停时写出检查点。</translation>
    </message>
    <message>
        <location filename="../app/studio/export_dialog.cpp" line="116"/>
        <source>Choose a run with saved weights and a destination folder.</source>
        <translation>请选择一个已保存权重的运行和一个目标文件夹。</translation>
    </message>
</context>
<context>
    <name>sparsetune::studio::LayersPage</name>
    <message>
        <location filename="../app/studio/layers_page.cpp" line="19"/>
        <source>Mask update</source>
        <translation>掩码更新</translation>
    </message>
    <message>
        <location filename="../app/studio/layers_page.cpp" line="23"/>
        <location filename="../app/studio/layers_page.cpp" line="80"/>
        <source>no sparsity recorded yet</source>
        <translation>尚未记录稀疏度</translation>
    </message>
    <message>
        <location filename="../app/studio/layers_page.cpp" line="31"/>
        <source>Click a cell to see that weight&apos;s histogram and mask pattern.</source>
        <translation>点击一个单元格，查看该权重的直方图和掩码模式。</translation>
    </message>
    <message>
        <location filename="../app/studio/layers_page.cpp" line="50"/>
        <location filename="../app/studio/layers_page.cpp" line="89"/>
        <source>Reading %1 from %2…</source>
        <translation>正在从 %2 读取 %1…</translation>
    </message>
    <message>
        <location filename="../app/studio/layers_page.cpp" line="92"/>
        <source>step %1 (%2 of %3)</source>
        <translation>第 %1 步（%2/%3）</translation>
    </message>
    <message>
        <location filename="../app/studio/layers_page.cpp" line="102"/>
        <source>%1: %2 × %3, %4 % zeros</source>
        <translation>%1：%2 × %3，%4% 为零</translation>
    </message>
</context>
<context>
    <name>sparsetune::studio::MainWindow</name>
    <message>
        <location filename="../app/studio/main_window.cpp" line="49"/>
        <source>sparsetune studio</source>
        <translation>sparsetune 工作室</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="67"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="67"/>
        <source>Recipe</source>
        <translation>配方</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="68"/>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="68"/>
        <source>Layers</source>
        <translation>层</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="69"/>
        <source>Profile</source>
        <translation>性能分析</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="69"/>
        <source>Runs</source>
        <translation>运行记录</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="93"/>
        <source>Open a model folder (Ctrl+O), drop one here, or open the built-in demo (Ctrl+D).</source>
        <translation>打开模型文件夹（Ctrl+O），或将文件夹拖放到此处，或打开内置演示（Ctrl+D）。</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="117"/>
        <source>Loaded %1</source>
        <translation>已加载 %1</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="121"/>
        <source>Could not open %1</source>
        <translation>无法打开 %1</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="122"/>
        <source>Could not open model</source>
        <translation>无法打开模型</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="130"/>
        <source>Profiling %1 with %2 threads…</source>
        <translation>正在使用 %2 个线程分析 %1 的性能…</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="140"/>
        <source>Profiling failed</source>
        <translation>性能分析失败</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="159"/>
        <source>Run %1 finished; model written to %2</source>
        <translation>运行 %1 已完成；模型已写入 %2</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="160"/>
        <source>Run %1 %2; resume continues from its checkpoint</source>
        <translation>运行 %1：%2；继续时将从其检查点恢复</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="167"/>
        <source>Run %1 failed</source>
        <translation>运行 %1 失败</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="167"/>
        <source>The run could not start</source>
        <translation>运行无法启动</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="184"/>
        <source>Run is training</source>
        <translation>运行正在训练</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="184"/>
        <source>Cancel run %1 before deleting it.</source>
        <translation>请先取消运行 %1，再将其删除。</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="190"/>
        <source>Could not delete run</source>
        <translation>无法删除运行</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="203"/>
        <source>Run database</source>
        <translation>运行数据库</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="207"/>
        <source>Could not open the run database</source>
        <translation>无法打开运行数据库</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="243"/>
        <source>Open &amp;Demo (Model and Recipe)</source>
        <translation>打开演示（模型和配方）(&amp;D)</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="236"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="237"/>
        <source>&amp;Open Model…</source>
        <translation>打开模型(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="238"/>
        <source>Open a Hugging Face model folder</source>
        <translation>打开 Hugging Face 模型文件夹</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="244"/>
        <source>Ctrl+D</source>
        <translation>Ctrl+D</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="245"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="248"/>
        <source>Open Recipe…</source>
        <translation>打开配方…</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="249"/>
        <source>Save Recipe As…</source>
        <translation>配方另存为…</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="251"/>
        <source>&amp;Export Model…</source>
        <translation>导出模型(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="251"/>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="252"/>
        <source>Save &amp;Report…</source>
        <translation>保存报告(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="252"/>
        <source>Ctrl+Shift+R</source>
        <translation>Ctrl+Shift+R</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="254"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="257"/>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="258"/>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="259"/>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="260"/>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="261"/>
        <source>Ctrl+P</source>
        <translation>Ctrl+P</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="262"/>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="263"/>
        <source>Ctrl+.</source>
        <translation>Ctrl+.</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="264"/>
        <source>Res&amp;ume</source>
        <translation>继续(&amp;U)</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="265"/>
        <source>Ctrl+Shift+U</source>
        <translation>Ctrl+Shift+U</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="267"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="273"/>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="274"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="283"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="283"/>
        <source>The new language is used from the next start of the studio.</source>
        <translation>新语言将在下次启动工作室时生效。</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="287"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="288"/>
        <source>&amp;About sparsetune</source>
        <translation>关于 sparsetune(&amp;A)</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="289"/>
        <source>About sparsetune</source>
        <translation>关于 sparsetune</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="290"/>
        <source>&lt;b&gt;sparsetune studio&lt;/b&gt;&lt;p&gt;Sparse fine-tuning with SquareHead distillation and S2FT, and sparse inference that turns sparsity into speed.&lt;/p&gt;</source>
        <translation>&lt;b&gt;sparsetune 工作室&lt;/b&gt;&lt;p&gt;基于 SquareHead 蒸馏与 S2FT 的稀疏微调，以及把稀疏度转化为速度的稀疏推理。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="294"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="327"/>
        <source>Demo not found</source>
        <translation>未找到演示</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="335"/>
        <location filename="../app/studio/main_window.cpp" line="496"/>
        <source>A run is training</source>
        <translation>有运行正在训练</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="335"/>
        <source>Wait for run %1 to finish, or pause it first.</source>
        <translation>请等待运行 %1 完成，或先将其暂停。</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="341"/>
        <source>The recipe cannot run yet</source>
        <translation>该配方尚无法运行</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="346"/>
        <source>starting</source>
        <translation>正在启动</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="366"/>
        <location filename="../app/studio/main_window.cpp" line="370"/>
        <source>Cannot resume</source>
        <translation>无法继续</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="370"/>
        <source>Run %1 is %2.</source>
        <translation>运行 %1 的状态为 %2。</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="377"/>
        <source>run %1</source>
        <translation>运行 %1</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="407"/>
        <source>Following run %1 (%2), started outside the studio</source>
        <translation>正在跟踪运行 %1（%2），该运行在工作室外启动</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="416"/>
        <source>Run database: %1</source>
        <translation>运行数据库：%1</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="437"/>
        <source>run %1: %2</source>
        <translation>运行 %1：%2</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="443"/>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="452"/>
        <source>Save report</source>
        <translation>保存报告</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="452"/>
        <source>Choose a run first: tick runs on the Runs page or open one.</source>
        <translation>请先选择运行：在“运行记录”页勾选运行，或打开一个运行。</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="456"/>
        <source>Report saved to %1</source>
        <translation>报告已保存到 %1</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="497"/>
        <source>Pause run %1 and quit? It resumes from its checkpoint later.</source>
        <translation>暂停运行 %1 并退出？之后可从其检查点继续。</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="311"/>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="319"/>
        <source>Demo model not found</source>
        <translation>未找到演示模型</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="116"/>
        <source>%1 — sparsetune studio</source>
        <translation>%1 — sparsetune 工作室</translation>
    </message>
</context>
<context>
    <name>sparsetune::studio::ModelPage</name>
    <message>
        <location filename="../app/studio/model_page.cpp" line="49"/>
        <source>No model loaded. Open a Hugging Face model folder (Ctrl+O), drop one on the window, or open the built-in demo (Ctrl+D).</source>
        <translation>尚未加载模型。请打开 Hugging Face 模型文件夹（Ctrl+O），将其拖放到窗口上，或打开内置演示（Ctrl+D）。</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="56"/>
        <source>Layers</source>
        <translation>层</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="57"/>
        <source>Sensitivity</source>
        <translation>敏感度</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="58"/>
        <location filename="../app/studio/model_page.cpp" line="64"/>
        <location filename="../app/studio/model_page.cpp" line="72"/>
        <location filename="../app/studio/model_page.cpp" line="217"/>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="65"/>
        <source>Stopped after %1 tokens (%2 tokens/s)</source>
        <translation>已在 %1 个词元后停止（%2 词元/秒）</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="65"/>
        <source>%1 new tokens, %2 tokens/s</source>
        <translation>%1 个新词元，%2 词元/秒</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="73"/>
        <location filename="../app/studio/model_page.cpp" line="74"/>
        <source>Generation failed</source>
        <translation>生成失败</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="87"/>
        <source>Filter layers (e.g. mlp, layers.3, q_proj)</source>
        <translation>筛选层（例如 mlp、layers.3、q_proj）</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="117"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="119"/>
        <source>Text or JSONL the loss is measured on (e.g. the recipe&apos;s training data)</source>
        <translation>用于测量损失的文本或 JSONL（例如配方的训练数据）</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="121"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="123"/>
        <source>Sequences</source>
        <translation>序列数</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="130"/>
        <source>How each layer is pruned for the measurement</source>
        <translation>测量时对每一层采用的剪枝方法</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="132"/>
        <location filename="../app/studio/model_page.cpp" line="160"/>
        <source>Analyze</source>
        <translation>分析</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="143"/>
        <source>Data to measure the loss on</source>
        <translation>用于测量损失的数据</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="144"/>
        <source>Data (*.jsonl *.txt);;All files (*)</source>
        <translation>数据 (*.jsonl *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="156"/>
        <source>%p% · %1</source>
        <translation>%p% · %1</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="166"/>
        <source>Sensitivity analysis stored for this model</source>
        <translation>已为该模型保存敏感度分析</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="171"/>
        <source>Sensitivity analysis stopped</source>
        <translation>敏感度分析已停止</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="172"/>
        <source>Sensitivity analysis failed</source>
        <translation>敏感度分析失败</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="181"/>
        <location filename="../app/studio/model_page.cpp" line="235"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="204"/>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="206"/>
        <source>Type a prompt, then Ctrl+Return</source>
        <translation>输入提示词，然后按 Ctrl+回车</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="212"/>
        <source>Max new tokens</source>
        <translation>最大新词元数</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="213"/>
        <source>Greedy (otherwise sample at temperature 1)</source>
        <translation>贪心解码（否则以温度 1 采样）</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="218"/>
        <source>Ctrl+Return</source>
        <translation>Ctrl+Return</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="222"/>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="237"/>
        <source>Generating…</source>
        <translation>正在生成…</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="246"/>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 · %3 parameters (%4 M) · %5 · %6 blocks · hidden %7 · FFN %8 · heads %9 (KV %10) · vocab %11 · context %12%13</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 · %3 个参数（%4 M）· %5 · %6 个块 · 隐藏维度 %7 · FFN %8 · 注意力头 %9（KV %10）· 词表 %11 · 上下文 %12%13</translation>
    </message>
    <message>
        <location filename="../app/studio/model_page.cpp" line="259"/>
        <source> · tied embeddings</source>
        <translation> · 共享嵌入</translation>
    </message>
</context>
<context>
    <name>sparsetune::studio::ModelWorker</name>
    <message>
        <location filename="../app/studio/model_worker.cpp" line="42"/>
        <source>CPU only — CUDA not available: %1</source>
        <translation>仅 CPU — CUDA 不可用：%1</translation>
    </message>
    <message>
        <location filename="../app/studio/model_worker.cpp" line="62"/>
        <location filename="../app/studio/model_worker.cpp" line="131"/>
        <source>Open a model first.</source>
        <translation>请先打开一个模型。</translation>
    </message>
    <message>
        <location filename="../app/studio/model_worker.cpp" line="116"/>
        <source>%1 sparse layers on %2 (%3 threads)</source>
        <translation>%2 上的 %1 个稀疏层（%3 个线程）</translation>
    </message>
    <message>
        <location filename="../app/studio/model_worker.cpp" line="118"/>
        <source>; decoding %1 → %2 tokens/s (%3×)</source>
        <translation>；解码 %1 → %2 词元/秒（%3×）</translation>
    </message>
</context>
<context>
    <name>sparsetune::studio::ProfilePage</name>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="37"/>
        <source>Profile</source>
        <translation>性能分析</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="42"/>
        <source>Threads</source>
        <translation>线程数</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="47"/>
        <source>Values</source>
        <translation>数值类型</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="50"/>
        <source>How the sparse kernels store the kept weights: float32, bfloat16, or int8 with per-row scales</source>
        <translation>稀疏内核存储保留权重的方式：float32、bfloat16，或带逐行缩放因子的 int8</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="52"/>
        <source>Profile now</source>
        <translation>立即分析</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="53"/>
        <source>Time every sparse layer and greedy decoding, dense against sparse, on this machine</source>
        <translation>在本机上对每个稀疏层和贪心解码计时，对比稠密与稀疏</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="58"/>
        <source>No run chosen.</source>
        <translation>未选择运行。</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="91"/>
        <source>The run&apos;s model is profiled here once it has finished; profiles taken during the run are listed above.</source>
        <translation>运行结束后，将在此分析其模型的性能；运行期间采集的性能分析列在上方。</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="92"/>
        <source>Model: %1</source>
        <translation>模型：%1</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="108"/>
        <source>#%1 · %2 layers · %3 % sparse · %4 · %5 threads · %6</source>
        <translation>#%1 · %2 层 · 稀疏度 %3% · %4 · %5 个线程 · %6</translation>
    </message>
    <message>
        <location filename="../app/studio/profile_page.cpp" line="126"/>
        <source>Run %1, profile #%2</source>
        <translation>运行 %1，性能分析 #%2</translation>
    </message>
</context>
<context>
    <name>sparsetune::studio::RecipePage</name>
    <message>
        <location filename="../app/studio/recipe_page.cpp" line="24"/>
        <source>Start run</source>
        <translation>开始运行</translation>
    </message>
    <message>
        <location filename="../app/studio/recipe_page.cpp" line="25"/>
        <source>Start this recipe as a new run (Ctrl+R)</source>
        <translation>以此配方开始新的运行（Ctrl+R）</translation>
    </message>
    <message>
        <location filename="../app/studio/recipe_page.cpp" line="40"/>
        <source>Could not open recipe</source>
        <translation>无法打开配方</translation>
    </message>
    <message>
        <location filename="../app/studio/recipe_page.cpp" line="72"/>
        <source>recipe editor</source>
        <translation>配方编辑器</translation>
    </message>
    <message>
        <location filename="../app/studio/recipe_page.cpp" line="72"/>
        <source>recipe editor (%1)</source>
        <translation>配方编辑器（%1）</translation>
    </message>
</context>
<context>
    <name>sparsetune::studio::ReportDialog</name>
    <message>
        <location filename="../app/studio/report_dialog.cpp" line="60"/>
        <location filename="../app/studio/report_dialog.cpp" line="87"/>
        <source>Save report</source>
        <translation>保存报告</translation>
    </message>
    <message>
        <location filename="../app/studio/report_dialog.cpp" line="64"/>
        <source>Runs: %1</source>
        <translation>运行：%1</translation>
    </message>
    <message>
        <location filename="../app/studio/report_dialog.cpp" line="67"/>
        <source>HTML report (charts, tables, recipe, hardware and software)</source>
        <translation>HTML 报告（图表、表格、配方、硬件与软件）</translation>
    </message>
    <message>
        <location filename="../app/studio/report_dialog.cpp" line="68"/>
        <source>PDF report (the same, printed)</source>
        <translation>PDF 报告（内容相同，打印版）</translation>
    </message>
    <message>
        <location filename="../app/studio/report_dialog.cpp" line="69"/>
        <source>CSV of the raw metrics</source>
        <translation>原始指标 CSV</translation>
    </message>
    <message>
        <location filename="../app/studio/report_dialog.cpp" line="70"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../app/studio/report_dialog.cpp" line="75"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../app/studio/report_dialog.cpp" line="77"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../app/studio/report_dialog.cpp" line="96"/>
        <source>Could not save the report</source>
        <translation>无法保存报告</translation>
    </message>
    <message>
        <location filename="../app/studio/report_dialog.cpp" line="104"/>
        <source>Choose a file to write.</source>
        <translation>请选择要写入的文件。</translation>
    </message>
    <message>
        <location filename="../app/studio/report_dialog.cpp" line="124"/>
        <source>cannot rename %1 to %2</source>
        <translation>无法将 %1 重命名为 %2</translation>
    </message>
</context>
<context>
    <name>sparsetune::studio::RunsPage</name>
    <message>
        <location filename="../app/studio/runs_page.cpp" line="27"/>
        <source>Tick runs to compare them; double-click one to open it.</source>
        <translation>勾选运行以进行比较；双击可打开运行。</translation>
    </message>
    <message>
        <location filename="../app/studio/runs_page.cpp" line="28"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../app/studio/runs_page.cpp" line="29"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../app/studio/runs_page.cpp" line="30"/>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location filename="../app/studio/runs_page.cpp" line="57"/>
        <source>Ticked runs</source>
        <translation>已勾选的运行</translation>
    </message>
    <message>
        <location filename="../app/studio/runs_page.cpp" line="58"/>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location filename="../app/studio/runs_page.cpp" line="58"/>
        <source>value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../app/studio/runs_page.cpp" line="63"/>
        <source>Differences only</source>
        <translation>仅显示差异</translation>
    </message>
    <message>
        <location filename="../app/studio/runs_page.cpp" line="97"/>
        <source>Delete run</source>
        <translation>删除运行</translation>
    </message>
    <message>
        <location filename="../app/studio/runs_page.cpp" line="97"/>
        <source>Delete run %1 and everything logged for it? Its files stay on disk.</source>
        <translation>删除运行 %1 及其全部记录？其文件仍保留在磁盘上。</translation>
    </message>
    <message>
        <location filename="../app/studio/runs_page.cpp" line="132"/>
        <source>run %1 · %2</source>
        <translation>运行 %1 · %2</translation>
    </message>
</context>
<context>
    <name>sparsetune::studio::TrainingPage</name>
    <message>
        <location filename="../app/studio/training_page.cpp" line="41"/>
        <source>No run yet. Start one from the Recipe page (Ctrl+R), or pick one on the Runs page; a run started with `sparsetune run` appears here live.</source>
        <translation>尚无运行。请在“配方”页开始一个运行（Ctrl+R），或在“运行记录”页选择一个；用 `sparsetune run` 启动的运行会实时显示在这里。</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="47"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="48"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="49"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="69"/>
        <source>Loss components</source>
        <translation>损失分量</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="70"/>
        <location filename="../app/studio/training_page.cpp" line="75"/>
        <location filename="../app/studio/training_page.cpp" line="85"/>
        <location filename="../app/studio/training_page.cpp" line="91"/>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="70"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="74"/>
        <source>Sparsity of the pruned weights</source>
        <translation>剪枝权重的稀疏度</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="75"/>
        <source>sparsity</source>
        <translation>稀疏度</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="81"/>
        <source>The evaluation to draw: during training on the validation split, at the end on the test split</source>
        <translation>要绘制的评估：训练期间在验证集上，结束时在测试集上</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="84"/>
        <source>Accuracy recovery</source>
        <translation>准确率恢复</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="85"/>
        <source>value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="90"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="34"/>
        <location filename="../app/studio/training_page.cpp" line="91"/>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="28"/>
        <source>total</source>
        <translation>总计</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="29"/>
        <source>cross-entropy</source>
        <translation>交叉熵</translation>
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
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="33"/>
        <source>actual</source>
        <translation>实际</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="125"/>
        <source>&lt;b&gt;Run %1 · %2&lt;/b&gt; — %3%4 · started %5 · model %6</source>
        <translation>&lt;b&gt;运行 %1 · %2&lt;/b&gt; — %3%4 · 开始于 %5 · 模型 %6</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="209"/>
        <source>validation during training</source>
        <translation>训练期间验证</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="213"/>
        <source>final (%1)</source>
        <translation>最终（%1）</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="218"/>
        <source>dense teacher</source>
        <translation>稠密教师模型</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="219"/>
        <source>one-shot pruned start</source>
        <translation>一次性剪枝后的起点</translation>
    </message>
    <message>
        <location filename="../app/studio/training_page.cpp" line="226"/>
        <source>ETA %1</source>
        <translation>预计剩余 %1</translation>
    </message>
</context>
<context>
    <name>sparsetune::widgets::CurvePlot</name>
    <message>
        <location filename="../widgets/curve_plot.cpp" line="118"/>
        <source>log x</source>
        <translation>对数 x</translation>
    </message>
    <message>
        <location filename="../widgets/curve_plot.cpp" line="119"/>
        <source>log y</source>
        <translation>对数 y</translation>
    </message>
    <message>
        <location filename="../widgets/curve_plot.cpp" line="130"/>
        <source>Exponential moving average weight (debiased, as in TensorBoard)</source>
        <translation>指数移动平均权重（去偏，与 TensorBoard 相同）</translation>
    </message>
    <message>
        <location filename="../widgets/curve_plot.cpp" line="133"/>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location filename="../widgets/curve_plot.cpp" line="134"/>
        <source>wall time</source>
        <translation>墙钟时间</translation>
    </message>
    <message>
        <location filename="../widgets/curve_plot.cpp" line="136"/>
        <location filename="../widgets/curve_plot.cpp" line="642"/>
        <source>Fit</source>
        <translation>自适应</translation>
    </message>
    <message>
        <location filename="../widgets/curve_plot.cpp" line="137"/>
        <source>Fit the axes to the data and follow new data again</source>
        <translation>使坐标轴适应数据，并重新跟随新数据</translation>
    </message>
    <message>
        <location filename="../widgets/curve_plot.cpp" line="139"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../widgets/curve_plot.cpp" line="142"/>
        <location filename="../widgets/curve_plot.cpp" line="644"/>
        <source>Copy CSV</source>
        <translation>复制 CSV</translation>
    </message>
    <message>
        <location filename="../widgets/curve_plot.cpp" line="143"/>
        <location filename="../widgets/curve_plot.cpp" line="645"/>
        <source>Save CSV…</source>
        <translation>保存 CSV…</translation>
    </message>
    <message>
        <location filename="../widgets/curve_plot.cpp" line="147"/>
        <source>Smoothing</source>
        <translation>平滑</translation>
    </message>
    <message>
        <location filename="../widgets/curve_plot.cpp" line="154"/>
        <source>x:</source>
        <translation>x：</translation>
    </message>
    <message>
        <location filename="../widgets/curve_plot.cpp" line="454"/>
        <source>wall time (s)</source>
        <translation>墙钟时间（秒）</translation>
    </message>
    <message>
        <location filename="../widgets/curve_plot.cpp" line="454"/>
        <source>wall time (h:mm:ss)</source>
        <translation>墙钟时间（h:mm:ss）</translation>
    </message>
    <message>
        <location filename="../widgets/curve_plot.cpp" line="579"/>
        <source>step %1 · %2</source>
        <translation>第 %1 步 · %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/curve_plot.cpp" line="593"/>
        <source>… and %n more</source>
        <translation>
            <numerusform>… 另有 %n 条</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/curve_plot.cpp" line="656"/>
        <location filename="../widgets/curve_plot.cpp" line="660"/>
        <source>Save CSV</source>
        <translation>保存 CSV</translation>
    </message>
    <message>
        <location filename="../widgets/curve_plot.cpp" line="656"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../widgets/curve_plot.cpp" line="660"/>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>sparsetune::widgets::LayerTableModel</name>
    <message>
        <location filename="../widgets/layer_table_model.cpp" line="45"/>
        <source>Module path</source>
        <translation>模块路径</translation>
    </message>
    <message>
        <location filename="../widgets/layer_table_model.cpp" line="46"/>
        <source>Shape [out × in]</source>
        <translation>形状 [输出 × 输入]</translation>
    </message>
    <message>
        <location filename="../widgets/layer_table_model.cpp" line="47"/>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <location filename="../widgets/layer_table_model.cpp" line="48"/>
        <source>Sparsity</source>
        <translation>稀疏度</translation>
    </message>
</context>
<context>
    <name>sparsetune::widgets::ParameterChart</name>
    <message>
        <location filename="../widgets/parameter_chart.cpp" line="24"/>
        <source>decoder block</source>
        <translation>解码器块</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_chart.cpp" line="25"/>
        <source>parameters (millions)</source>
        <translation>参数量（百万）</translation>
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
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="72"/>
        <source>ISA</source>
        <translation>指令集</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="74"/>
        <source>Threads</source>
        <translation>线程数</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="75"/>
        <source>Sparse values</source>
        <translation>稀疏值类型</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="76"/>
        <source>Batch</source>
        <translation>批大小</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="77"/>
        <source>Dense baseline</source>
        <translation>稠密基准实现</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="79"/>
        <source>not measured</source>
        <translation>未测量</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="83"/>
        <source>Dense tokens/s</source>
        <translation>稠密 词元/秒</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="85"/>
        <source>Sparse tokens/s</source>
        <translation>稀疏 词元/秒</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="88"/>
        <source>%1 (bound %2)</source>
        <translation>%1（上限 %2）</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="91"/>
        <source>End-to-end speedup</source>
        <translation>端到端加速比</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/profile_view.cpp" line="93"/>
        <source>%1 over %n layer(s) (bound %2)</source>
        <translation>
            <numerusform>%1，共 %n 层（上限 %2）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="97"/>
        <source>Layer speedup (dense-time weighted)</source>
        <translation>层加速比（按稠密耗时加权）</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="101"/>
        <source>Sparsity of the profiled weights</source>
        <translation>所分析权重的稀疏度</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="200"/>
        <source>Pin as baseline</source>
        <translation>固定为基线</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="201"/>
        <source>Clear baseline</source>
        <translation>清除基线</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="210"/>
        <source>No profile yet: profile a sparse model (&quot;sparsetune profile&quot;, or a run whose recipe has evaluation.profile) to see dense against sparse speed here.</source>
        <translation>尚无性能分析：对稀疏模型进行性能分析（“sparsetune profile”，或配方中设置了 evaluation.profile 的运行），即可在此对比稠密与稀疏的速度。</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="237"/>
        <source>sparsity (%)</source>
        <translation>稀疏度 (%)</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="238"/>
        <source>speedup vs dense (log)</source>
        <translation>相对稠密的加速比（对数）</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="246"/>
        <source>time per product (ms)</source>
        <translation>每次矩阵乘耗时 (ms)</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="314"/>
        <source>%1, against baseline %2</source>
        <translation>%1，对比基线 %2</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="340"/>
        <source>change</source>
        <translation>变化</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="379"/>
        <source>bandwidth bound, %1 bitmap</source>
        <translation>带宽上限，%1 位图</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="384"/>
        <source>%1: layers</source>
        <translation>%1：层</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="385"/>
        <source>%1: end-to-end decode</source>
        <translation>%1：端到端解码</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="426"/>
        <source>dense</source>
        <translation>稠密</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="427"/>
        <location filename="../widgets/profile_view.cpp" line="428"/>
        <source>sparse, %1</source>
        <translation>稀疏，%1</translation>
    </message>
    <message>
        <location filename="../widgets/profile_view.cpp" line="427"/>
        <source>sparse</source>
        <translation>稀疏</translation>
    </message>
</context>
<context>
    <name>sparsetune::widgets::RecipeDiffModel</name>
    <message>
        <location filename="../widgets/recipe_diff_model.cpp" line="80"/>
        <source>%1 final</source>
        <translation>%1 最终值</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_diff_model.cpp" line="81"/>
        <source>%1 min</source>
        <translation>%1 最小值</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_diff_model.cpp" line="82"/>
        <source>%1 max</source>
        <translation>%1 最大值</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_diff_model.cpp" line="100"/>
        <source>%1 latest evaluation</source>
        <translation>%1 最近评估</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_diff_model.cpp" line="130"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_diff_model.cpp" line="134"/>
        <source>run %1</source>
        <translation>运行 %1</translation>
    </message>
</context>
<context>
    <name>sparsetune::widgets::RecipeEditor</name>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="179"/>
        <source>Load…</source>
        <translation>加载…</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="180"/>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="181"/>
        <source>Open a recipe YAML file</source>
        <translation>打开配方 YAML 文件</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="182"/>
        <source>Save the recipe as a YAML file</source>
        <translation>将配方保存为 YAML 文件</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="339"/>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="340"/>
        <source>Choose a folder</source>
        <translation>选择文件夹</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="340"/>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="346"/>
        <source>Data (*.jsonl *.txt);;All files (*)</source>
        <translation>数据 (*.jsonl *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="383"/>
        <source>Model &amp;&amp; data</source>
        <translation>模型与数据</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="385"/>
        <source>Run name</source>
        <translation>运行名称</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="386"/>
        <source>Model folder</source>
        <translation>模型文件夹</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="388"/>
        <source>Teacher folder</source>
        <translation>教师模型文件夹</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="390"/>
        <source>none: no distillation from a teacher</source>
        <translation>无：不从教师模型蒸馏</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="391"/>
        <source>Use the model itself as the dense teacher</source>
        <translation>使用模型本身作为稠密教师模型</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="392"/>
        <source>Distill from the unpruned starting model (the paper&apos;s recipe: the dense model teaches its own sparse copy)</source>
        <translation>从未剪枝的初始模型蒸馏（论文中的配方：稠密模型指导其自身的稀疏副本）</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="404"/>
        <source>Training file</source>
        <translation>训练文件</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="406"/>
        <source>Validation file</source>
        <translation>验证文件</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="408"/>
        <source>optional: evaluation during training</source>
        <translation>可选：训练期间评估</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="409"/>
        <source>Test file</source>
        <translation>测试文件</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="411"/>
        <source>optional: evaluation at the end</source>
        <translation>可选：结束时评估</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="412"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="414"/>
        <source>Max length (tokens)</source>
        <translation>最大长度（词元）</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="416"/>
        <source>Pack short examples into full-length sequences</source>
        <translation>将短样本打包为满长度序列</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="422"/>
        <source>Pruning</source>
        <translation>剪枝</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="424"/>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="426"/>
        <source>Target sparsity (%)</source>
        <translation>目标稀疏度 (%)</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="433"/>
        <source>custom N:M</source>
        <translation>自定义 N:M</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="444"/>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="446"/>
        <source>of M</source>
        <translation>/ M</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="449"/>
        <source>Structure</source>
        <translation>结构</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="450"/>
        <source>unstructured, or N:M: N weights kept in every M consecutive ones along the input dimension</source>
        <translation>非结构化，或 N:M：沿输入维度每 M 个连续权重中保留 N 个</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="477"/>
        <source>Per-layer profile</source>
        <translation>逐层稀疏分布</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="479"/>
        <source>OWL outlier threshold M</source>
        <translation>OWL 离群阈值 M</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="481"/>
        <source>OWL lambda</source>
        <translation>OWL lambda</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="484"/>
        <source>A score is an outlier above M × the layer&apos;s mean score</source>
        <translation>分数高于该层平均分数的 M 倍即视为离群值</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="486"/>
        <source>Layer sparsities spread over a band 2·lambda wide around the target; outlier-heavy layers are pruned less</source>
        <translation>各层稀疏度分布在以目标为中心、宽为 2·lambda 的区间内；离群值多的层剪枝较少</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="499"/>
        <source>Glob patterns over module paths, separated by commas</source>
        <translation>匹配模块路径的 Glob 模式，以逗号分隔</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="501"/>
        <source>Targets</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="503"/>
        <source>every Linear in the decoder blocks</source>
        <translation>解码器块中的所有 Linear 层</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="504"/>
        <source>Ignore</source>
        <translation>忽略</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="505"/>
        <source>nothing</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="507"/>
        <source>Calibration samples</source>
        <translation>校准样本数</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="509"/>
        <source>Calibration length (tokens)</source>
        <translation>校准长度（词元）</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="511"/>
        <source>SparseGPT block size</source>
        <translation>SparseGPT 块大小</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="513"/>
        <source>SparseGPT dampening</source>
        <translation>SparseGPT 阻尼</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="516"/>
        <source>Added to the Hessian&apos;s diagonal, as a share of its mean</source>
        <translation>加到 Hessian 矩阵的对角线上，以其均值的比例表示</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="521"/>
        <source>Schedule</source>
        <translation>调度</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="523"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="526"/>
        <source>oneshot: prune at the start step, then hold; constant: hold the zeros already in the model; linear / cubic: from the initial to the target sparsity between start and end step; points: explicit steps</source>
        <translation>oneshot：在起始步剪枝，之后保持；constant：保持模型中已有的零值；linear / cubic：在起始步与结束步之间从初始稀疏度过渡到目标稀疏度；points：显式指定各步</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="528"/>
        <source>Start step</source>
        <translation>起始步</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="530"/>
        <source>End step</source>
        <translation>结束步</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="532"/>
        <source>Initial sparsity (%)</source>
        <translation>初始稀疏度 (%)</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="535"/>
        <source>Update masks every (steps)</source>
        <translation>掩码更新间隔（步）</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="539"/>
        <source>Step</source>
        <translation>步</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="539"/>
        <source>Sparsity (%)</source>
        <translation>稀疏度 (%)</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="547"/>
        <source>Add point</source>
        <translation>添加点</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="548"/>
        <source>Remove point</source>
        <translation>删除点</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="581"/>
        <source>Points</source>
        <translation>点</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="582"/>
        <source>(step, sparsity) pairs for kind points; steps increase, sparsity never falls, the last one is the target</source>
        <translation>类型为 points 时使用的（步，稀疏度）对；步数递增，稀疏度不下降，最后一对为目标</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="589"/>
        <source>Distillation</source>
        <translation>蒸馏</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="593"/>
        <source>Cross-entropy weight</source>
        <translation>交叉熵权重</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="595"/>
        <source>Logit KD weight</source>
        <translation>Logit KD 权重</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="597"/>
        <source>SquareHead weight</source>
        <translation>SquareHead 权重</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="599"/>
        <source>KD temperature</source>
        <translation>KD 温度</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="602"/>
        <source>Per-layer normalized squared error between the teacher&apos;s and the student&apos;s hidden states</source>
        <translation>教师模型与学生模型隐藏状态之间逐层归一化的平方误差</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="603"/>
        <source>Softens both logit distributions of the KD term</source>
        <translation>软化 KD 项中的两个 logit 分布</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="608"/>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="610"/>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="611"/>
        <source>Optimizer steps; or set epochs instead. Both 0: prune and evaluate only</source>
        <translation>优化器步数；也可改为设置轮数。两者均为 0：仅剪枝和评估</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="612"/>
        <source>or epochs</source>
        <translation>或轮数</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="616"/>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="618"/>
        <source>Gradient accumulation</source>
        <translation>梯度累积</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="620"/>
        <source>Optimizer batch = batch size × gradient accumulation</source>
        <translation>优化器批量 = 批大小 × 梯度累积</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="621"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="623"/>
        <source>Warm-up steps</source>
        <translation>预热步数</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="625"/>
        <source>LR schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="627"/>
        <source>Weight decay</source>
        <translation>权重衰减</translation>
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
        <translation>梯度范数裁剪</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="638"/>
        <source>0: off</source>
        <translation>0：关闭</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="639"/>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="640"/>
        <source>Checkpoint every (steps)</source>
        <translation>检查点间隔（步）</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="642"/>
        <source>0: only at the end</source>
        <translation>0：仅在结束时</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="643"/>
        <source>Precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="645"/>
        <source>Activation checkpointing (less memory, slower steps)</source>
        <translation>激活检查点（占用内存更少，每步更慢）</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="654"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="664"/>
        <source>Evaluation</source>
        <translation>评估</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="666"/>
        <source>Evaluate every (steps)</source>
        <translation>评估间隔（步）</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="668"/>
        <source>On the validation file during training; 0: never</source>
        <translation>训练期间在验证文件上进行；0：从不</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="672"/>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="674"/>
        <source>Max new tokens</source>
        <translation>最大新词元数</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="676"/>
        <source>Generated per problem (gsm8k)</source>
        <translation>每道题最多生成的词元数（gsm8k）</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="677"/>
        <source>Samples</source>
        <translation>样本数</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="678"/>
        <source>Examples evaluated; 0: all</source>
        <translation>参与评估的样本数；0：全部</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="679"/>
        <source>Also evaluate the dense and the one-shot pruned model before fine-tuning</source>
        <translation>微调前同时评估稠密模型和一次性剪枝后的模型</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="681"/>
        <source>Profile CPU speed (dense vs sparse kernels) after each mask change</source>
        <translation>每次掩码变化后分析 CPU 速度（稠密与稀疏内核对比）</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="687"/>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="689"/>
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="691"/>
        <source>a folder per run next to the run database</source>
        <translation>每个运行一个文件夹，位于运行数据库旁</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="736"/>
        <source>%1 (unknown)</source>
        <translation>%1（未知）</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="771"/>
        <source>step: expected a whole number, got &apos;%1&apos;</source>
        <translation>步：应为整数，实际为“%1”</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="774"/>
        <source>sparsity: expected a number (in %), got &apos;%1&apos;</source>
        <translation>稀疏度：应为数字（单位 %），实际为“%1”</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="784"/>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="785"/>
        <source>cpu</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="820"/>
        <source>CUDA is not available on this computer%1; choose auto or cpu</source>
        <translation>此计算机上 CUDA 不可用%1；请选择“自动”或“CPU”</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="825"/>
        <source>expected cuda:0 to cuda:%1 (the CUDA devices of this computer), got &apos;%2&apos;</source>
        <translation>应为 cuda:0 至 cuda:%1（此计算机的 CUDA 设备），实际为“%2”</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="877"/>
        <location filename="../widgets/recipe_editor.cpp" line="1015"/>
        <source>Ready to run</source>
        <translation>可以运行</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="925"/>
        <source>≈ %1 optimizer steps (≈ %2 training sequences in the training file)</source>
        <translation>≈ %1 个优化器步（训练文件中 ≈ %2 条训练序列）</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="928"/>
        <source>Steps unknown until the training file can be read</source>
        <translation>在能够读取训练文件之前，步数未知</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="967"/>
        <source>Cannot save the recipe to %1: %2</source>
        <translation>无法将配方保存到 %1：%2</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="985"/>
        <source>CUDA is not available — training runs on the CPU.</source>
        <translation>CUDA 不可用 — 训练将在 CPU 上进行。</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="986"/>
        <source>CUDA is not available: %1 — training runs on the CPU.</source>
        <translation>CUDA 不可用：%1 — 训练将在 CPU 上进行。</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="998"/>
        <source>1 problem:</source>
        <translation>1 个问题：</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="998"/>
        <source>%1 problems:</source>
        <translation>%1 个问题：</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="1031"/>
        <location filename="../widgets/recipe_editor.cpp" line="1034"/>
        <source>Load recipe</source>
        <translation>加载配方</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="1031"/>
        <source>Discard the unsaved changes to this recipe?</source>
        <translation>放弃对此配方未保存的更改？</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="1034"/>
        <source>Recipes (*.yaml *.yml);;All files (*)</source>
        <translation>配方 (*.yaml *.yml);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="1038"/>
        <source>Cannot load the recipe</source>
        <translation>无法加载配方</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="1038"/>
        <source>%1 is not a recipe this version can read.</source>
        <translation>%1 不是此版本能够读取的配方。</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="1048"/>
        <source>Save recipe</source>
        <translation>保存配方</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="1048"/>
        <source>Recipes (*.yaml *.yml)</source>
        <translation>配方 (*.yaml *.yml)</translation>
    </message>
    <message>
        <location filename="../widgets/recipe_editor.cpp" line="1055"/>
        <source>Cannot save the recipe</source>
        <translation>无法保存配方</translation>
    </message>
</context>
<context>
    <name>sparsetune::widgets::RunTableModel</name>
    <message>
        <location filename="../widgets/run_table_model.cpp" line="71"/>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <location filename="../widgets/run_table_model.cpp" line="72"/>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <location filename="../widgets/run_table_model.cpp" line="73"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location filename="../widgets/run_table_model.cpp" line="230"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../widgets/run_table_model.cpp" line="231"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../widgets/run_table_model.cpp" line="232"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../widgets/run_table_model.cpp" line="233"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../widgets/run_table_model.cpp" line="234"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location filename="../widgets/run_table_model.cpp" line="235"/>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../widgets/run_table_model.cpp" line="236"/>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <location filename="../widgets/run_table_model.cpp" line="237"/>
        <source>Final loss</source>
        <translation>最终损失</translation>
    </message>
    <message>
        <location filename="../widgets/run_table_model.cpp" line="238"/>
        <source>Best loss</source>
        <translation>最佳损失</translation>
    </message>
    <message>
        <location filename="../widgets/run_table_model.cpp" line="239"/>
        <source>Final sparsity</source>
        <translation>最终稀疏度</translation>
    </message>
    <message>
        <location filename="../widgets/run_table_model.cpp" line="240"/>
        <source>Latest evaluation</source>
        <translation>最近评估</translation>
    </message>
</context>
<context>
    <name>sparsetune::widgets::SchedulePreview</name>
    <message>
        <location filename="../widgets/schedule_preview.cpp" line="25"/>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
    <message>
        <location filename="../widgets/schedule_preview.cpp" line="78"/>
        <location filename="../widgets/schedule_preview.cpp" line="84"/>
        <location filename="../widgets/schedule_preview.cpp" line="91"/>
        <location filename="../widgets/schedule_preview.cpp" line="156"/>
        <source>Pruning</source>
        <translation>剪枝</translation>
    </message>
    <message>
        <location filename="../widgets/schedule_preview.cpp" line="79"/>
        <source>%1, one-shot to %2</source>
        <translation>%1，一次性剪枝至 %2</translation>
    </message>
    <message>
        <location filename="../widgets/schedule_preview.cpp" line="85"/>
        <source>%1, %2 %3 → %4</source>
        <translation>%1，%2 %3 → %4</translation>
    </message>
    <message>
        <location filename="../widgets/schedule_preview.cpp" line="92"/>
        <source>%1, points to %2</source>
        <translation>%1，按点至 %2</translation>
    </message>
    <message>
        <location filename="../widgets/schedule_preview.cpp" line="103"/>
        <source>CE × %1</source>
        <translation>CE × %1</translation>
    </message>
    <message>
        <location filename="../widgets/schedule_preview.cpp" line="104"/>
        <source>KD × %1 (T = %2)</source>
        <translation>KD × %1（T = %2）</translation>
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
        <translation>蒸馏</translation>
    </message>
    <message>
        <location filename="../widgets/schedule_preview.cpp" line="112"/>
        <location filename="../widgets/schedule_preview.cpp" line="158"/>
        <source>LR warm-up</source>
        <translation>学习率预热</translation>
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
        <translation>学习率衰减</translation>
    </message>
    <message>
        <location filename="../widgets/schedule_preview.cpp" line="129"/>
        <source>target sparsity</source>
        <translation>目标稀疏度</translation>
    </message>
    <message>
        <location filename="../widgets/schedule_preview.cpp" line="132"/>
        <source>mask update</source>
        <translation>掩码更新</translation>
    </message>
    <message>
        <location filename="../widgets/schedule_preview.cpp" line="137"/>
        <location filename="../widgets/schedule_preview.cpp" line="142"/>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../widgets/schedule_preview.cpp" line="140"/>
        <source>target sparsity (%)</source>
        <translation>目标稀疏度 (%)</translation>
    </message>
    <message>
        <location filename="../widgets/schedule_preview.cpp" line="163"/>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location filename="../widgets/schedule_preview.cpp" line="188"/>
        <source>No preview: the recipe has no training steps (set training.steps).</source>
        <translation>无预览：配方没有训练步（请设置 training.steps）。</translation>
    </message>
    <message>
        <location filename="../widgets/schedule_preview.cpp" line="210"/>
        <source>No sparsity preview: %1</source>
        <translation>无稀疏度预览：%1</translation>
    </message>
</context>
<context>
    <name>sparsetune::widgets::SensitivityView</name>
    <message>
        <location filename="../widgets/sensitivity_view.cpp" line="40"/>
        <source>Global target sparsity</source>
        <translation>全局目标稀疏度</translation>
    </message>
    <message>
        <location filename="../widgets/sensitivity_view.cpp" line="49"/>
        <source>Values</source>
        <translation>数值类型</translation>
    </message>
    <message>
        <location filename="../widgets/sensitivity_view.cpp" line="54"/>
        <source>Run a sensitivity analysis to see how each layer tolerates pruning.</source>
        <translation>运行敏感度分析，查看每一层对剪枝的耐受程度。</translation>
    </message>
    <message>
        <location filename="../widgets/sensitivity_view.cpp" line="63"/>
        <source>Loss increase with only this layer pruned</source>
        <translation>仅剪枝该层时的损失增量</translation>
    </message>
    <message>
        <location filename="../widgets/sensitivity_view.cpp" line="66"/>
        <source>Δ loss (nats)</source>
        <translation>Δ 损失（nats）</translation>
    </message>
    <message>
        <location filename="../widgets/sensitivity_view.cpp" line="71"/>
        <source>Parameters and allocated sparsity</source>
        <translation>参数量与分配的稀疏度</translation>
    </message>
    <message>
        <location filename="../widgets/sensitivity_view.cpp" line="72"/>
        <source>parameters (M)</source>
        <translation>参数量（百万）</translation>
    </message>
    <message>
        <location filename="../widgets/sensitivity_view.cpp" line="74"/>
        <source>allocated sparsity (%)</source>
        <translation>分配的稀疏度 (%)</translation>
    </message>
    <message>
        <location filename="../widgets/sensitivity_view.cpp" line="80"/>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <location filename="../widgets/sensitivity_view.cpp" line="80"/>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <location filename="../widgets/sensitivity_view.cpp" line="80"/>
        <source>Sparsity</source>
        <translation>稀疏度</translation>
    </message>
    <message>
        <location filename="../widgets/sensitivity_view.cpp" line="80"/>
        <source>Δ loss</source>
        <translation>Δ 损失</translation>
    </message>
    <message>
        <location filename="../widgets/sensitivity_view.cpp" line="128"/>
        <source>%1 % sparse</source>
        <translation>稀疏度 %1%</translation>
    </message>
    <message>
        <location filename="../widgets/sensitivity_view.cpp" line="144"/>
        <source>parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <location filename="../widgets/sensitivity_view.cpp" line="155"/>
        <source>allocated sparsity</source>
        <translation>分配的稀疏度</translation>
    </message>
    <message>
        <location filename="../widgets/sensitivity_view.cpp" line="207"/>
        <source>At %1 % of the analysed weights: predicted loss %2 (dense %3, +%4) · model %5 → %6 · bandwidth bound of the pruned layers %7× · measured with %8 pruning on %9 tokens</source>
        <translation>已分析权重稀疏度为 %1% 时：预测损失 %2（稠密 %3，+%4）· 模型 %5 → %6 · 剪枝层的带宽上限 %7× · 以 %8 剪枝在 %9 个词元上测得</translation>
    </message>
</context>
<context>
    <name>sparsetune::widgets::SparsityHeatmap</name>
    <message>
        <location filename="../widgets/sparsity_heatmap.cpp" line="43"/>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
    <message>
        <location filename="../widgets/sparsity_heatmap.cpp" line="119"/>
        <source>Sparsity per module</source>
        <translation>各模块稀疏度</translation>
    </message>
    <message>
        <location filename="../widgets/sparsity_heatmap.cpp" line="128"/>
        <source>Sparsity per module (weights only), step %1</source>
        <translation>各模块稀疏度（仅权重），第 %1 步</translation>
    </message>
    <message>
        <location filename="../widgets/sparsity_heatmap.cpp" line="129"/>
        <source>Sparsity per module (weights only): %1, step %2</source>
        <translation>各模块稀疏度（仅权重）：%1，第 %2 步</translation>
    </message>
    <message>
        <location filename="../widgets/sparsity_heatmap.cpp" line="140"/>
        <location filename="../widgets/sparsity_heatmap.cpp" line="265"/>
        <source>no data</source>
        <translation>无数据</translation>
    </message>
    <message>
        <location filename="../widgets/sparsity_heatmap.cpp" line="142"/>
        <source>block</source>
        <translation>块</translation>
    </message>
    <message>
        <location filename="../widgets/sparsity_heatmap.cpp" line="207"/>
        <source>No pruned modules yet</source>
        <translation>尚无已剪枝的模块</translation>
    </message>
    <message>
        <location filename="../widgets/sparsity_heatmap.cpp" line="281"/>
        <source>no data yet</source>
        <translation>暂无数据</translation>
    </message>
    <message>
        <location filename="../widgets/sparsity_heatmap.cpp" line="283"/>
        <source>sparsity %1 (%2)</source>
        <translation>稀疏度 %1（%2）</translation>
    </message>
    <message>
        <location filename="../widgets/sparsity_heatmap.cpp" line="284"/>
        <source>step %1</source>
        <translation>第 %1 步</translation>
    </message>
</context>
<context>
    <name>sparsetune::widgets::WeightInspector</name>
    <message>
        <location filename="../widgets/weight_inspector.cpp" line="51"/>
        <source>Logarithmic count axis</source>
        <translation>对数计数轴</translation>
    </message>
    <message>
        <location filename="../widgets/weight_inspector.cpp" line="55"/>
        <source>weight value (nonzero weights)</source>
        <translation>权重值（非零权重）</translation>
    </message>
    <message>
        <location filename="../widgets/weight_inspector.cpp" line="56"/>
        <source>count</source>
        <translation>计数</translation>
    </message>
    <message>
        <location filename="../widgets/weight_inspector.cpp" line="75"/>
        <source>No module selected: click a cell of the sparsity heatmap.</source>
        <translation>未选择模块：请点击稀疏度热力图中的一个单元格。</translation>
    </message>
    <message>
        <location filename="../widgets/weight_inspector.cpp" line="84"/>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <location filename="../widgets/weight_inspector.cpp" line="85"/>
        <source>%1 % sparse</source>
        <translation>稀疏度 %1%</translation>
    </message>
    <message>
        <location filename="../widgets/weight_inspector.cpp" line="86"/>
        <source>%1: %2, %3.</source>
        <translation>%1：%2，%3。</translation>
    </message>
    <message>
        <location filename="../widgets/weight_inspector.cpp" line="88"/>
        <source>Mask of the top-left %1 × %2 weights (dark = kept, white = pruned).</source>
        <translation>左上角 %1 × %2 个权重的掩码（深色 = 保留，白色 = 剪除）。</translation>
    </message>
    <message>
        <location filename="../widgets/weight_inspector.cpp" line="91"/>
        <source>Every weight is zero: no histogram.</source>
        <translation>所有权重均为零：无直方图。</translation>
    </message>
    <message>
        <location filename="../widgets/weight_inspector.cpp" line="98"/>
        <source>nonzero weights</source>
        <translation>非零权重</translation>
    </message>
</context>
</TS>
