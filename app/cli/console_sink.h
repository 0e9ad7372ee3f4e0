#pragma once
#include <chrono>
#include <string>

#include "core/train/events.h"

namespace sparsetune::cli {

// Human-readable progress on stderr: one rewritten line with step, losses, lr and ETA; evaluations
// and status changes on lines of their own. With `quiet`, only evaluations and status.
class ConsoleSink : public EventSink {
 public:
  explicit ConsoleSink(bool quiet) : quiet_(quiet) {}
  void on_step(const StepMetrics& m) override;
  void on_progress(const Progress& p) override;
  void on_eval(const EvalResult& e) override;
  void on_layer_sparsity(const std::vector<LayerSparsity>& layers) override;
  void on_status(const std::string& status, const std::string& message) override;

 private:
  void end_line();
  bool quiet_;
  bool open_line_ = false;
  std::string last_step_;
  std::chrono::steady_clock::time_point last_print_{};
};

std::string format_duration(double seconds);

}  // namespace sparsetune::cli
