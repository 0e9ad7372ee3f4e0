// What a running job reports: plain value structs, never tensors, so every consumer (the run store,
// the studio's worker, the CLI's progress line) can be built and tested without LibTorch.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace sparsetune {

// Scalars of one optimizer step. Names used by the trainer: "loss/total", "loss/ce", "loss/kd",
// "loss/squarehead", "lr", "sparsity/target", "sparsity/actual", "grad_norm", "tokens_per_second".
struct StepMetrics {
  int64_t step = 0;
  double wall_seconds = 0;  // since the run started
  std::map<std::string, double> values;
  bool operator==(const StepMetrics&) const = default;
};

// Sparsity of one pruned module after a mask update at `step`.
struct LayerSparsity {
  int64_t step = 0;
  std::string module_path;  // Hugging Face module path, e.g. "model.layers.3.mlp.down_proj"
  double sparsity = 0;      // share of zeros in the weight, [0, 1]
  std::string structure;    // "unstructured", "2:4", ...
  bool operator==(const LayerSparsity&) const = default;
};

struct EvalResult {
  int64_t step = 0;
  std::string task;    // "perplexity", "gsm8k"
  std::string metric;  // "perplexity", "exact_match"
  double value = 0;
  bool operator==(const EvalResult&) const = default;
};

// One timing of a layer (or of the whole model) dense against sparse.
struct ProfileRecord {
  std::string device;    // "cpu: AMD EPYC 7B13 (avx2)", "cuda: NVIDIA H100"
  std::string layer;     // module path or "model"
  std::string shape;     // "4096x11008"
  int64_t batch = 1;
  double dense_ms = 0;
  double sparse_ms = 0;
  std::string baseline;  // the dense implementation measured against: "onednn", "libtorch", "cublas"
  double bound = 0;      // the memory-bandwidth bound on the speedup for this format and sparsity
  double sparsity = 0;
  double dense_bytes = 0;   // weight bytes one product (a layer) or one decoded token (the model) reads
  double sparse_bytes = 0;
  int64_t threads = 0;      // CPU threads; 0 on a GPU
  std::string value_type;   // of the sparse values: "f32", "bf16", "i8"
  bool operator==(const ProfileRecord&) const = default;
};

// Where a long phase stands; transient (shown, not stored).
struct Progress {
  std::string phase;  // "calibrating", "pruning", "training", "evaluating", "exporting"
  int64_t done = 0;
  int64_t total = 0;
  double eta_seconds = 0;
  std::string message;
  bool operator==(const Progress&) const = default;
};

// A file the run produced.
struct Artifact {
  std::string kind;  // checkpoint | export | report | model
  std::string path;
  std::string sha256;
  int64_t step = 0;
  bool operator==(const Artifact&) const = default;
};

// Receives a job's events on the job's thread. Every method does nothing by default, so a sink
// overrides only what it shows or keeps.
class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual void on_step(const StepMetrics&) {}
  virtual void on_layer_sparsity(const std::vector<LayerSparsity>&) {}
  virtual void on_eval(const EvalResult&) {}
  virtual void on_profile(const std::vector<ProfileRecord>&) {}
  virtual void on_progress(const Progress&) {}
  virtual void on_artifact(const Artifact&) {}
  // status: created | running | paused | cancelled | failed | finished; message says why (the error
  // text of a failed run, for instance).
  virtual void on_status(const std::string& status, const std::string& message) {}
};

// Forwards every event to several sinks in the order given (the store first, then the UI, say).
// It does not own them: they must outlive it.
class FanOutSink : public EventSink {
 public:
  FanOutSink() = default;
  explicit FanOutSink(std::vector<EventSink*> sinks) : sinks_(std::move(sinks)) {}
  void add(EventSink& sink) { sinks_.push_back(&sink); }

  void on_step(const StepMetrics& e) override {
    for (auto* s : sinks_) s->on_step(e);
  }
  void on_layer_sparsity(const std::vector<LayerSparsity>& e) override {
    for (auto* s : sinks_) s->on_layer_sparsity(e);
  }
  void on_eval(const EvalResult& e) override {
    for (auto* s : sinks_) s->on_eval(e);
  }
  void on_profile(const std::vector<ProfileRecord>& e) override {
    for (auto* s : sinks_) s->on_profile(e);
  }
  void on_progress(const Progress& e) override {
    for (auto* s : sinks_) s->on_progress(e);
  }
  void on_artifact(const Artifact& e) override {
    for (auto* s : sinks_) s->on_artifact(e);
  }
  void on_status(const std::string& status, const std::string& message) override {
    for (auto* s : sinks_) s->on_status(status, message);
  }

 private:
  std::vector<EventSink*> sinks_;
};

}  // namespace sparsetune
