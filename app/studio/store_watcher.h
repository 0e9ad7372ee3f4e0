#pragma once
#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>

namespace sparsetune {
class RunStore;
}

namespace sparsetune::studio {

// The studio's read connection to the run database. It polls SQLite's data_version (a cheap pragma)
// and signals `changed` only when some other connection — the studio's training worker or a
// `sparsetune run` on the command line — has committed, so pages re-read only then. That is how a run
// started from the CLI shows up live.
class StoreWatcher : public QObject {
  Q_OBJECT
 public:
  explicit StoreWatcher(QObject* parent = nullptr);
  ~StoreWatcher() override;

  // Opens (creating if needed) the database; on failure `store()` is null and `error()` says why.
  bool open(const QString& path);
  RunStore* store() const { return store_.get(); }
  QString path() const { return path_; }
  QString error() const { return error_; }
  void setInterval(int milliseconds) { timer_.setInterval(milliseconds); }

 Q_SIGNALS:
  void changed();

 private:
  void poll();

  std::unique_ptr<RunStore> store_;
  QString path_;
  QString error_;
  QTimer timer_;
  long long lastVersion_ = -1;
};

}  // namespace sparsetune::studio
