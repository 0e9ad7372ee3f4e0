#include "app/studio/model_worker.h"

#include <c10/util/Exception.h>
#include <torch/cuda.h>

#include <chrono>

#include "core/data/dataset.h"
#include "core/eval/profiler.h"
#include "core/eval/sensitivity.h"
#include "core/model/checkpoint.h"
#include "core/model/causal_lm.h"
#include "core/model/device.h"
#include "core/model/generation.h"
#include "core/store/run_store.h"
#include "core/tokenizer/tokenizer.h"
#include "core/util/error.h"
#include "core/util/machine.h"

namespace sparsetune::studio {

namespace {
struct Stopped {};

QString describe(const std::exception& e) {
  if (const auto* c10 = dynamic_cast<const c10::Error*>(&e)) return QString::fromStdString(c10->what_without_backtrace());
  return QString::fromStdString(e.what());
}
}  // namespace

ModelWorker::ModelWorker() = default;
ModelWorker::~ModelWorker() = default;

void ModelWorker::probeDevices() {
  const std::string why = cuda_unavailable_reason();
  if (why.empty()) {
    QStringList gpus;
    for (int i = 0; i < static_cast<int>(torch::cuda::device_count()); ++i)
      gpus << QStringLiteral("cuda:%1 — %2").arg(i).arg(QString::fromStdString(describe_device(torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(i)))));
    Q_EMIT devicesProbed(QString::fromStdString(describe_device(torch::Device(torch::kCUDA, 0))), true, gpus);
  } else {
    Q_EMIT devicesProbed(tr("CPU only — CUDA not available: %1").arg(QString::fromStdString(why)), false, {});
  }
}

void ModelWorker::loadModel(const QString& directory) {
  try {
    auto tokenizer = std::make_unique<Tokenizer>(Tokenizer::from_directory(directory.toStdString()));
    auto model = CausalLM::load(directory.toStdString());
    const ModelSummary summary = summarize(*model, directory.toStdString());
    model_ = std::move(model);
    tokenizer_ = std::move(tokenizer);
    modelDir_ = directory.toStdString();
    Q_EMIT modelLoaded(summary);
  } catch (const std::exception& e) {
    Q_EMIT loadFailed(directory, describe(e));
  }
}

void ModelWorker::generate(const QString& prompt, int maxNewTokens, bool greedy) {
  if (!model_) {
    Q_EMIT generationFailed(tr("Open a model first."));
    return;
  }
  stop_ = false;
  try {
    const auto p32 = encode_prompt(*tokenizer_, prompt.toStdString());
    std::vector<int64_t> ids(p32.begin(), p32.end());
    GenerationOptions options;
    options.greedy = greedy;
    options.max_new_tokens =
        std::max<int64_t>(1, std::min<int64_t>(maxNewTokens, model_->config().max_position_embeddings - static_cast<int64_t>(ids.size())));
    std::vector<int32_t> produced;
    const auto start = std::chrono::steady_clock::now();
    bool stopped = false;
    try {
      sparsetune::generate(*model_, ids, options, [&](int64_t id) {
        produced.push_back(static_cast<int32_t>(id));
        Q_EMIT textGenerated(QString::fromStdString(tokenizer_->decode(produced)));
        if (stop_) throw Stopped{};
      });
    } catch (const Stopped&) {
      stopped = true;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    Q_EMIT generationFinished(static_cast<int>(produced.size()), seconds > 0 ? produced.size() / seconds : 0.0, stopped);
  } catch (const std::exception& e) {
    Q_EMIT generationFailed(describe(e));
  }
}

void ModelWorker::inspectWeight(const QString& modelDir, const QString& modulePath) {
  try {
    const WeightStore weights = WeightStore::open(modelDir.toStdString());
    const torch::Tensor w = weights.get(modulePath.toStdString() + ".weight").to(torch::kFloat32).contiguous();
    if (w.dim() != 2) throw InputError(modelDir.toStdString(), modulePath.toStdString() + ".weight", "expected a 2-D weight");
    // GPT-2's Conv1D stores [in, out]; the inspector shows every weight as [out, in].
    const bool conv1d = weights.contains("transformer.h.0.attn.c_attn.weight");
    const torch::Tensor m = conv1d ? w.t().contiguous() : w;
    Q_EMIT weightInspected(widgets::make_weight_sample(modulePath.toStdString(), m.size(0), m.size(1), m.data_ptr<float>(), 64, 96));
  } catch (const std::exception& e) {
    Q_EMIT weightFailed(describe(e));
  }
}

void ModelWorker::profileModel(const QString& modelDir, const QString& database, qint64 run, int threads, const QString& values) {
  try {
    auto model = CausalLM::load(modelDir.toStdString());
    ProfileOptions options;
    options.threads = threads;
    options.values = kernels::parse_value_type(values.toStdString());
    const ModelProfile profile = profile_model(*model, options);
    RunStore store(database.toStdString());
    const RunInfo info = store.get_run(run);
    store.add_profiles(run, info.model_fingerprint, profile_records(profile));
    QString summary = tr("%1 sparse layers on %2 (%3 threads)").arg(profile.layers.size()).arg(QString::fromStdString(profile.device)).arg(profile.threads);
    if (profile.decode.tokens > 0 && profile.decode.sparse_ms_per_token > 0)
      summary += tr("; decoding %1 → %2 tokens/s (%3×)")
                     .arg(1000.0 / profile.decode.dense_ms_per_token, 0, 'f', 1)
                     .arg(1000.0 / profile.decode.sparse_ms_per_token, 0, 'f', 1)
                     .arg(profile.decode.dense_ms_per_token / profile.decode.sparse_ms_per_token, 0, 'f', 2);
    Q_EMIT profileFinished(summary);
  } catch (const std::exception& e) {
    Q_EMIT profileFailed(describe(e));
  }
}

void ModelWorker::analyzeSensitivity(const QString& dataFile, const QString& database, const QList<double>& sparsities, int samples,
                                     const QString& method) {
  if (!model_) {
    Q_EMIT sensitivityFailed(tr("Open a model first."));
    return;
  }
  stop_ = false;
  try {
    SensitivityOptions options;
    options.sparsities.assign(sparsities.begin(), sparsities.end());
    options.samples = samples;
    options.method = method == "wanda" ? SensitivityMethod::Wanda : SensitivityMethod::Magnitude;
    const Dataset data = load_dataset(dataFile.toStdString(), *tokenizer_, {DataFormat::auto_detect, options.seq_len, false});
    const auto calibration = sensitivity_batches(data, options.samples, options.seq_len);
    if (calibration.empty()) throw InputError(dataFile.toStdString(), "examples", "no sequence with a target token to measure the loss on");
    const SensitivityAnalysis analysis = analyze_sensitivity(
        *model_, calibration, options,
        [this](int64_t done, int64_t total, const std::string& path) { Q_EMIT sensitivityProgress(done, total, QString::fromStdString(path)); },
        stop_);
    RunStore(database.toStdString()).add_sensitivity(model_fingerprint(modelDir_), analysis);
    Q_EMIT sensitivityReady(QString::fromStdString(sensitivity_to_json(analysis)));
  } catch (const std::exception& e) {
    Q_EMIT sensitivityFailed(describe(e));
  }
}

}  // namespace sparsetune::studio
