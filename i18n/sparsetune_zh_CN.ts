<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>sparsetune::studio::MainWindow</name>
    <message>
        <location filename="../app/studio/main_window.cpp" line="43" />
        <source>sparsetune studio</source>
        <translation>sparsetune 工作室</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="60" />
        <source>Open a model folder (Ctrl+O), drop one here, or open the built-in demo (Ctrl+D).</source>
        <translation>打开模型文件夹（Ctrl+O），或将文件夹拖放到此处，或打开内置演示（Ctrl+D）。</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="70" />
        <source>Loaded %1</source>
        <translation>已加载 %1</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="74" />
        <source>Could not open %1</source>
        <translation>无法打开 %1</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="75" />
        <source>Could not open model</source>
        <translation>无法打开模型</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="80" />
        <location filename="../app/studio/main_window.cpp" line="88" />
        <location filename="../app/studio/main_window.cpp" line="196" />
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="81" />
        <source>Stopped after %1 tokens (%2 tokens/s)</source>
        <translation>已在 %1 个词元后停止（%2 词元/秒）</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="81" />
        <source>%1 new tokens, %2 tokens/s</source>
        <translation>%1 个新词元，%2 词元/秒</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="89" />
        <location filename="../app/studio/main_window.cpp" line="90" />
        <source>Generation failed</source>
        <translation>生成失败</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="109" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="110" />
        <source>&amp;Open Model…</source>
        <translation>打开模型(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="111" />
        <source>Open a Hugging Face model folder</source>
        <translation>打开 Hugging Face 模型文件夹</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="116" />
        <source>Open &amp;Demo Model</source>
        <translation>打开演示模型(&amp;D)</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="117" />
        <source>Ctrl+D</source>
        <translation>Ctrl+D</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="118" />
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="121" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="124" />
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="125" />
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="134" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="134" />
        <source>The new language is used from the next start of the studio.</source>
        <translation>新语言将在下次启动工作室时生效。</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="138" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="139" />
        <source>&amp;About sparsetune</source>
        <translation>关于 sparsetune(&amp;A)</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="140" />
        <source>About sparsetune</source>
        <translation>关于 sparsetune</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="141" />
        <source>&lt;b&gt;sparsetune studio&lt;/b&gt;&lt;p&gt;Sparse fine-tuning with SquareHead distillation and S2FT, and sparse inference that turns sparsity into speed.&lt;/p&gt;</source>
        <translation>&lt;b&gt;sparsetune 工作室&lt;/b&gt;&lt;p&gt;基于 SquareHead 蒸馏与 S2FT 的稀疏微调，以及把稀疏度转化为速度的稀疏推理。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="149" />
        <source>No model loaded.</source>
        <translation>尚未加载模型。</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="158" />
        <source>Filter layers (e.g. mlp, layers.3, q_proj)</source>
        <translation>筛选层（例如 mlp、layers.3、q_proj）</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="183" />
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="185" />
        <source>Type a prompt, then Ctrl+Return</source>
        <translation>输入提示词，然后按 Ctrl+回车</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="191" />
        <source>Max new tokens</source>
        <translation>最大新词元数</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="192" />
        <source>Greedy (otherwise sample at temperature 1)</source>
        <translation>贪心解码（否则以温度 1 采样）</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="197" />
        <source>Ctrl+Return</source>
        <translation>Ctrl+Return</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="201" />
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="214" />
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="216" />
        <source>Generating…</source>
        <translation>正在生成…</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="222" />
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="230" />
        <source>Demo model not found</source>
        <translation>未找到演示模型</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="236" />
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 · %3 parameters (%4 M) · %5 · %6 blocks · hidden %7 · FFN %8 · heads %9 (KV %10) · vocab %11 · context %12%13</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 · %3 个参数（%4 M）· %5 · %6 个块 · 隐藏维度 %7 · FFN %8 · 注意力头 %9（KV %10）· 词表 %11 · 上下文 %12%13</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="249" />
        <source> · tied embeddings</source>
        <translation> · 共享嵌入</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="253" />
        <source>%1 — sparsetune studio</source>
        <translation>%1 — sparsetune 工作室</translation>
    </message>
</context>
<context>
    <name>sparsetune::studio::ModelWorker</name>
    <message>
        <location filename="../app/studio/model_worker.cpp" line="31" />
        <source>CPU only — CUDA not available: %1</source>
        <translation>仅 CPU — CUDA 不可用：%1</translation>
    </message>
    <message>
        <location filename="../app/studio/model_worker.cpp" line="50" />
        <source>Open a model first.</source>
        <translation>请先打开一个模型。</translation>
    </message>
</context>
<context>
    <name>sparsetune::widgets::LayerTableModel</name>
    <message>
        <location filename="../widgets/layer_table_model.cpp" line="45" />
        <source>Module path</source>
        <translation>模块路径</translation>
    </message>
    <message>
        <location filename="../widgets/layer_table_model.cpp" line="46" />
        <source>Shape [out × in]</source>
        <translation>形状 [输出 × 输入]</translation>
    </message>
    <message>
        <location filename="../widgets/layer_table_model.cpp" line="47" />
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <location filename="../widgets/layer_table_model.cpp" line="48" />
        <source>Sparsity</source>
        <translation>稀疏度</translation>
    </message>
</context>
<context>
    <name>sparsetune::widgets::ParameterChart</name>
    <message>
        <location filename="../widgets/parameter_chart.cpp" line="24" />
        <source>decoder block</source>
        <translation>解码器块</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_chart.cpp" line="25" />
        <source>parameters (millions)</source>
        <translation>参数量（百万）</translation>
    </message>
</context>
</TS>