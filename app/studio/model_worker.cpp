#include "app/studio/model_worker.h"

#include <c10/util/Exception.h>

#include <chrono>

#include "core/data/dataset.h"
#include "core/model/causal_lm.h"
#include "core/model/device.h"
#include "core/model/generation.h"
#include "core/tokenizer/tokenizer.h"

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
    Q_EMIT devicesProbed(QString::fromStdString(describe_device(torch::Device(torch::kCUDA, 0))), true);
  } else {
    Q_EMIT devicesProbed(tr("CPU only — CUDA not available: %1").arg(QString::fromStdString(why)), false);
  }
}

void ModelWorker::loadModel(const QString& directory) {
  try {
    auto tokenizer = std::make_unique<Tokenizer>(Tokenizer::from_directory(directory.toStdString()));
    auto model = CausalLM::load(directory.toStdString());
    const ModelSummary summary = summarize(*model, directory.toStdString());
    model_ = std::move(model);
    tokenizer_ = std::move(tokenizer);
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

}  // namespace sparsetune::studio
