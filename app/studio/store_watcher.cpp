#include "app/studio/store_watcher.h"

#include "core/store/run_store.h"

namespace sparsetune::studio {

StoreWatcher::StoreWatcher(QObject* parent) : QObject(parent) {
  timer_.setInterval(250);
  connect(&timer_, &QTimer::timeout, this, &StoreWatcher::poll);
}

StoreWatcher::~StoreWatcher() = default;

bool StoreWatcher::open(const QString& path) {
  timer_.stop();
  store_.reset();
  path_ = path;
  try {
    store_ = std::make_unique<RunStore>(path.toStdString());
    error_.clear();
  } catch (const std::exception& e) {
    error_ = QString::fromStdString(e.what());
    return false;
  }
  lastVersion_ = store_->data_version();
  timer_.start();
  Q_EMIT changed();
  return true;
}

void StoreWatcher::poll() {
  try {
    const long long version = store_->data_version();
    if (version == lastVersion_) return;
    lastVersion_ = version;
  } catch (const std::exception& e) {
    error_ = QString::fromStdString(e.what());
    return;
  }
  Q_EMIT changed();
}

}  // namespace sparsetune::studio
