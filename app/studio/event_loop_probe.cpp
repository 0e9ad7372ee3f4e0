#include "app/studio/event_loop_probe.h"

#include <algorithm>
#include <cmath>

namespace sparsetune::studio {

EventLoopProbe::EventLoopProbe(int intervalMs, QObject* parent) : QObject(parent), intervalMs_(intervalMs) {
  timer_.setTimerType(Qt::PreciseTimer);
  timer_.setInterval(intervalMs_);
  connect(&timer_, &QTimer::timeout, this, &EventLoopProbe::tick);
}

void EventLoopProbe::start() {
  stalls_.clear();
  clock_.start();
  lastNs_ = clock_.nsecsElapsed();
  timer_.start();
}

void EventLoopProbe::stop() { timer_.stop(); }

void EventLoopProbe::tick() {
  const qint64 now = clock_.nsecsElapsed();
  const double elapsedMs = static_cast<double>(now - lastNs_) / 1e6;
  lastNs_ = now;
  stalls_.push_back(std::max(0.0, elapsedMs - intervalMs_));
}

double EventLoopProbe::percentile(double p) const {
  if (stalls_.empty()) return 0;
  std::vector<double> sorted = stalls_;
  std::sort(sorted.begin(), sorted.end());
  const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

double EventLoopProbe::maximum() const { return stalls_.empty() ? 0 : *std::max_element(stalls_.begin(), stalls_.end()); }

}  // namespace sparsetune::studio
