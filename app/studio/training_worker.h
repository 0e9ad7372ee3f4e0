#pragma once
#include <QObject>
#include <QString>

#include <atomic>

namespace sparsetune::studio {

// Runs recipes as runs in the store on its own thread (move it to a QThread): the same
// prepare_stored_job / run_stored_job the CLI's `sparsetune run` uses, so the database cannot tell
// them apart. Metrics, sparsities, evaluations and profiles reach the window through the store; only
// the transient progress and the outcome come as queued signals carrying plain values.
class TrainingWorker : public QObject {
  Q_OBJECT
 public:
  // Safe from any thread: the run stops after its current step and writes a checkpoint. A paused run
  // is marked "paused" rather than "cancelled"; either one continues with start(…, resumeRun).
  void requestStop(bool pause) {
    pause_ = pause;
    stop_ = true;
  }
  bool busy() const { return busy_; }

 public Q_SLOTS:
  // `recipeYaml` is read with relative paths resolved against `baseDir`; resumeRun 0 makes a new run.
  void start(const QString& recipeYaml, const QString& sourceName, const QString& baseDir, const QString& database,
             qint64 resumeRun);

 Q_SIGNALS:
  void started(qint64 run);
  void progress(qint64 run, const QString& phase, qint64 done, qint64 total, double etaSeconds);
  // status: finished | cancelled | paused
  void stopped(qint64 run, const QString& status, const QString& modelDir);
  // run is 0 when the recipe or database was refused before a run existed.
  void failed(qint64 run, const QString& message);

 private:
  std::atomic<bool> stop_{false};
  std::atomic<bool> pause_{false};
  std::atomic<bool> busy_{false};
};

}  // namespace sparsetune::studio
