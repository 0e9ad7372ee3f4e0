#include "app/cli/console_sink.h"

#include <cstdio>

namespace sparsetune::cli {

std::string format_duration(double seconds) {
  if (seconds < 0) return "?";
  const auto s = static_cast<long long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof(buf), "%lldh%02lldm", s / 3600, (s / 60) % 60);
  else
    std::snprintf(buf, sizeof(buf), "%lldm%02llds", s / 60, s % 60);
  return buf;
}

void ConsoleSink::end_line() {
  if (open_line_) std::fputc('\n', stderr);
  open_line_ = false;
}

void ConsoleSink::on_step(const StepMetrics& m) {
  auto get = [&](const char* name) {
    auto it = m.values.find(name);
    return it == m.values.end() ? 0.0 : it->second;
  };
  char buf[256];
  std::snprintf(buf, sizeof(buf), "loss %.4f (ce %.4f kd %.4f sh %.4f) lr %.2e sparsity %.1f%%", get("loss/total"),
                get("loss/ce"), get("loss/kd"), get("loss/squarehead"), get("lr"), 100.0 * get("sparsity/actual"));
  last_step_ = buf;
}

void ConsoleSink::on_progress(const Progress& p) {
  if (quiet_) return;
  const auto now = std::chrono::steady_clock::now();
  // At most ~10 redraws a second: a terminal is slower than a small model's training step.
  if (p.done != p.total && now - last_print_ < std::chrono::milliseconds(100)) return;
  last_print_ = now;
  std::string line = p.phase + " " + std::to_string(p.done) + "/" + std::to_string(p.total);
  if (p.eta_seconds >= 0) line += " ETA " + format_duration(p.eta_seconds);
  if (p.phase == "train") line += "  " + last_step_;
  if (!p.message.empty()) line += "  " + p.message;
  std::fprintf(stderr, "\r\033[K%s", line.c_str());
  std::fflush(stderr);
  open_line_ = true;
}

void ConsoleSink::on_eval(const EvalResult& e) {
  end_line();
  std::fprintf(stderr, "eval step %lld  %-32s %-16s %.4f\n", static_cast<long long>(e.step), e.task.c_str(), e.metric.c_str(), e.value);
}

void ConsoleSink::on_layer_sparsity(const std::vector<LayerSparsity>& layers) {
  if (layers.empty()) return;
  double sum = 0;
  for (const auto& l : layers) sum += l.sparsity;
  end_line();
  std::fprintf(stderr, "masks at step %lld: %zu layers, mean sparsity %.1f%% (%s)\n", static_cast<long long>(layers.front().step),
               layers.size(), 100.0 * sum / static_cast<double>(layers.size()), layers.front().structure.c_str());
}

void ConsoleSink::on_status(const std::string& status, const std::string& message) {
  end_line();
  std::fprintf(stderr, "run %s%s%s\n", status.c_str(), message.empty() ? "" : ": ", message.c_str());
}

}  // namespace sparsetune::cli
