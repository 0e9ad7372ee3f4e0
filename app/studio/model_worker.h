#pragma once
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

#include "core/model/model_summary.h"

namespace sparsetune {
class CausalLM;
class Tokenizer;
}  // namespace sparsetune

Q_DECLARE_METATYPE(sparsetune::ModelSummary)

namespace sparsetune::studio {

// Owns the model and its tokenizer on a worker thread (move it to a QThread); the UI talks to it
// only through queued signals carrying plain values, so the window never blocks on LibTorch.
class ModelWorker : public QObject {
  Q_OBJECT
 public:
  ModelWorker();
  ~ModelWorker() override;
  // Safe from any thread: asks a running generation to stop after its current token.
  void requestStop() { stop_ = true; }

 public Q_SLOTS:
  void probeDevices();
  void loadModel(const QString& directory);
  void generate(const QString& prompt, int maxNewTokens, bool greedy);

 Q_SIGNALS:
  void devicesProbed(const QString& description, bool cudaAvailable);
  void modelLoaded(const sparsetune::ModelSummary& summary);
  void loadFailed(const QString& directory, const QString& message);
  void textGenerated(const QString& completionSoFar);
  void generationFinished(int newTokens, double tokensPerSecond, bool stopped);
  void generationFailed(const QString& message);

 private:
  std::unique_ptr<CausalLM> model_;
  std::unique_ptr<Tokenizer> tokenizer_;
  std::atomic<bool> stop_{false};
};

}  // namespace sparsetune::studio
