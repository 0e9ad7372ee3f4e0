#pragma once
#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>

#include "core/model/model_summary.h"
#include "widgets/weight_sample.h"

namespace sparsetune {
class CausalLM;
class Tokenizer;
}  // namespace sparsetune

Q_DECLARE_METATYPE(sparsetune::ModelSummary)
Q_DECLARE_METATYPE(sparsetune::widgets::WeightSample)

namespace sparsetune::studio {

// Owns the opened model and its tokenizer on a worker thread (move it to a QThread); the UI talks to
// it only through queued signals carrying plain values, so the window never blocks on LibTorch. It
// also does the model-sized side jobs: weight inspection, speed profiles and sensitivity analysis.
class ModelWorker : public QObject {
  Q_OBJECT
 public:
  ModelWorker();
  ~ModelWorker() override;
  // Safe from any thread: asks a running generation (or analysis) to stop after its current step.
  void requestStop() { stop_ = true; }

 public Q_SLOTS:
  void probeDevices();
  void loadModel(const QString& directory);
  void generate(const QString& prompt, int maxNewTokens, bool greedy);
  // Reads `modulePath`.weight from the model folder (not the opened model: a run's saved weights).
  void inspectWeight(const QString& modelDir, const QString& modulePath);
  // Profiles the model in `modelDir` on the CPU and stores the records in `database` under `run`.
  void profileModel(const QString& modelDir, const QString& database, qint64 run, int threads, const QString& values);
  // Prunes each Linear of the opened model alone at each of `sparsities` and measures the loss on
  // the first `samples` sequences of `dataFile`; the analysis is stored in `database` under the
  // model's fingerprint and sent as JSON (sensitivity_to_json). requestStop() cancels it.
  void analyzeSensitivity(const QString& dataFile, const QString& database, const QList<double>& sparsities, int samples,
                          const QString& method);

 Q_SIGNALS:
  // gpus: "cuda:N — <name>" for each CUDA device; empty with the reason in `description` otherwise.
  void devicesProbed(const QString& description, bool cudaAvailable, const QStringList& gpus);
  void modelLoaded(const sparsetune::ModelSummary& summary);
  void loadFailed(const QString& directory, const QString& message);
  void textGenerated(const QString& completionSoFar);
  void generationFinished(int newTokens, double tokensPerSecond, bool stopped);
  void generationFailed(const QString& message);
  void weightInspected(const sparsetune::widgets::WeightSample& sample);
  void weightFailed(const QString& message);
  void profileFinished(const QString& summary);
  void profileFailed(const QString& message);
  void sensitivityProgress(qint64 done, qint64 total, const QString& layer);
  void sensitivityReady(const QString& analysisJson);
  void sensitivityFailed(const QString& message);

 private:
  std::unique_ptr<CausalLM> model_;
  std::unique_ptr<Tokenizer> tokenizer_;
  std::string modelDir_;
  std::atomic<bool> stop_{false};
};

}  // namespace sparsetune::studio
