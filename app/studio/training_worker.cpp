#include "app/studio/training_worker.h"

#include <c10/util/Exception.h>

#include "core/store/run_store.h"
#include "core/train/stored_job.h"

namespace sparsetune::studio {

namespace {

QString describe(const std::exception& e) {
  if (const auto* c10 = dynamic_cast<const c10::Error*>(&e)) return QString::fromStdString(c10->what_without_backtrace());
  return QString::fromStdString(e.what());
}

// Forwards the one event the store does not keep.
class ProgressForwarder : public EventSink {
 public:
  ProgressForwarder(TrainingWorker& worker, int64_t run) : worker_(worker), run_(run) {}
  void on_progress(const Progress& p) override {
    Q_EMIT worker_.progress(run_, QString::fromStdString(p.phase), p.done, p.total, p.eta_seconds);
  }

 private:
  TrainingWorker& worker_;
  int64_t run_;
};

}  // namespace

void TrainingWorker::start(const QString& recipeYaml, const QString& sourceName, const QString& baseDir,
                           const QString& database, qint64 resumeRun) {
  stop_ = false;
  pause_ = false;
  busy_ = true;
  int64_t run = 0;
  try {
    const Recipe recipe = Recipe::from_yaml_string(recipeYaml.toStdString(), sourceName.toStdString(), baseDir.toStdString());
    recipe.validate();
    RunStore store(database.toStdString());
    const StoredJob job = prepare_stored_job(recipe, store, resumeRun > 0 ? std::optional<int64_t>(resumeRun) : std::nullopt);
    run = job.run_id;
    Q_EMIT started(run);
    ProgressForwarder forwarder(*this, run);
    const TrainOutcome outcome = run_stored_job(recipe, store, job, forwarder, stop_);
    QString status = QString::fromStdString(outcome.status);
    if (status == "cancelled" && pause_) {
      store.set_status(run, "paused", "paused after step " + std::to_string(outcome.steps_done) + " of " + std::to_string(outcome.total_steps));
      status = "paused";
    }
    busy_ = false;
    Q_EMIT stopped(run, status, QString::fromStdString(outcome.model_dir.string()));
  } catch (const std::exception& e) {
    busy_ = false;
    Q_EMIT failed(run, describe(e));
  }
}

}  // namespace sparsetune::studio
