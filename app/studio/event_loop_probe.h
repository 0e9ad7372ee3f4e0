#pragma once
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <vector>

namespace sparsetune::studio {

// Measures how long the UI thread's event loop is kept from running: a precise timer asks to fire
// every `interval` ms, and each firing records how late it came. A late firing is a stall the user
// feels as a frozen window.
class EventLoopProbe : public QObject {
  Q_OBJECT
 public:
  explicit EventLoopProbe(int intervalMs = 5, QObject* parent = nullptr);

  void start();
  void stop();
  // Lateness of each firing beyond the interval, in milliseconds, in the order they happened.
  const std::vector<double>& stalls() const { return stalls_; }
  // The p-th percentile (0–100) of the stalls, by nearest rank; 0 when nothing was measured.
  double percentile(double p) const;
  double maximum() const;

 private:
  void tick();

  int intervalMs_;
  QTimer timer_;
  QElapsedTimer clock_;
  qint64 lastNs_ = 0;
  std::vector<double> stalls_;
};

}  // namespace sparsetune::studio
