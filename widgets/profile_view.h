#pragma once
#include <QString>
#include <QWidget>

#include <cstdint>
#include <string>
#include <vector>

#include "core/train/events.h"

class QCPBarsGroup;
class QCustomPlot;
class QGridLayout;
class QLabel;
class QPushButton;
class QStackedWidget;

namespace sparsetune::widgets {

// What the summary card of a profile shows, computed from its records alone.
struct ProfileSummary {
  std::string device;     // as recorded: "cpu: Intel Xeon Gold 6338 (avx512)", "cuda: NVIDIA H100"
  std::string kind;       // "cpu", "cuda"; empty when the device names none
  std::string processor;  // the device without its kind and ISA: "Intel Xeon Gold 6338"
  std::string isa;        // the ISA in the device's trailing parentheses: "avx512"; empty when none
  int64_t threads = 0;
  std::string value_type;  // "f32", "bf16", "i8"
  int64_t batch = 1;
  std::string baseline;  // the dense implementation measured against: "libtorch", ...
  // End-to-end greedy decoding (the "model" record), when the profile has it.
  bool has_decode = false;
  double dense_tokens_per_second = 0;
  double sparse_tokens_per_second = 0;
  double decode_speedup = 0;  // dense ms / sparse ms per token
  double decode_bound = 0;    // the weight-bytes bound the profiler recorded for decoding
  double model_sparsity = 0;  // of all profiled weights
  // The layer records.
  int64_t layers = 0;
  // Σ dense ms / Σ sparse ms: the layers' speedups averaged with dense time as the weight (a harmonic
  // mean), i.e. how much faster all the layers' products are together.
  double layer_speedup = 0;
  double layer_bound = 0;  // Σ dense bytes / Σ sparse bytes over the layers
};

ProfileSummary summarize_profile(const std::vector<ProfileRecord>& records);

// "model.layers.12.self_attn.q_proj" → "12.self_attn.q_proj": the path from the block index on, so
// the labels of a per-layer chart stay short; a path without a block index is kept as it is.
QString shortLayerName(const QString& path);

// A speed profile, coarse to fine (UX.md item 6): a summary card (device, ISA, threads, values, batch,
// end-to-end tokens/s dense and sparse, speedups), each layer's dense against sparse time, and the
// layers' speedup against their sparsity beside the bandwidth bound of the bitmap format on a log
// axis. Any profile can be pinned as a baseline: the card then gives the change against it, the
// scatter shows its layers in a second colour and the bars its sparse times.
class ProfileView : public QWidget {
  Q_OBJECT
 public:
  explicit ProfileView(QWidget* parent = nullptr);

  void setProfile(const std::vector<ProfileRecord>& records, const QString& title);
  // Pins the profile shown now as the baseline (the "Pin as baseline" button does the same).
  void pinBaseline();
  void setBaseline(const std::vector<ProfileRecord>& records, const QString& title);
  void clearBaseline();
  bool hasBaseline() const { return !baseline_.empty(); }
  QString baselineTitle() const { return baseline_title_; }

  // For tests and reports: the card as text, one "label: value" line per row (with " | baseline |
  // change" when a baseline is pinned), or the empty-profile message.
  QString summaryText() const;
  bool showsMessage() const;
  QCustomPlot* layerPlot() const { return layer_plot_; }
  QCustomPlot* speedupPlot() const { return speedup_plot_; }
  QPushButton* pinButton() const { return pin_button_; }

 Q_SIGNALS:
  void baselineChanged();

 private:
  void refresh();
  void fillCard();
  void fillLayerPlot();
  void fillSpeedupPlot();

  std::vector<ProfileRecord> records_;
  QString title_;
  std::vector<ProfileRecord> baseline_;
  QString baseline_title_;

  QStackedWidget* pages_;
  QLabel* message_;
  QLabel* title_label_;
  QPushButton* pin_button_;
  QPushButton* clear_button_;
  QGridLayout* card_;
  QCustomPlot* speedup_plot_;
  QCustomPlot* layer_plot_;
  QCPBarsGroup* layer_bars_;  // dense, sparse and baseline bars side by side per layer
};

}  // namespace sparsetune::widgets
