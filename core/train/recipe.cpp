#include "core/train/recipe.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "core/util/atomic_file.h"

namespace sparsetune {
namespace {

// The shortest text that reads back as the same double.
std::string number(double value) {
  char buffer[32];
  auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
  return std::string(buffer, end);
}

// Collects check()'s problems, with the phrasing shared by many fields.
class Checker {
 public:
  explicit Checker(std::string file) : file_(std::move(file)) {}

  void bad(const std::string& field, const std::string& problem) { problems_.emplace_back(file_, field, problem); }

  // Returns whether the value passed, so dependent checks can be skipped after a failure.
  bool at_least(const std::string& field, int64_t value, int64_t min) {
    if (value >= min) return true;
    bad(field, "expected a whole number >= " + std::to_string(min) + ", got " + std::to_string(value));
    return false;
  }
  bool non_negative(const std::string& field, double value) {
    if (std::isfinite(value) && value >= 0) return true;
    bad(field, "expected a number >= 0, got " + number(value));
    return false;
  }
  bool positive(const std::string& field, double value) {
    if (std::isfinite(value) && value > 0) return true;
    bad(field, "expected a number > 0, got " + number(value));
    return false;
  }
  // value in [lo, hi)
  bool in_range(const std::string& field, double value, double lo, double hi, const std::string& note = "") {
    if (std::isfinite(value) && value >= lo && value < hi) return true;
    bad(field, "expected a number in [" + number(lo) + ", " + number(hi) + ")" + note + ", got " + number(value));
    return false;
  }

  std::vector<InputError> take() { return std::move(problems_); }

 private:
  std::string file_;
  std::vector<InputError> problems_;
};

bool is_gradual(ScheduleKind kind) {
  return kind == ScheduleKind::linear || kind == ScheduleKind::cubic || kind == ScheduleKind::points;
}

// auto | cpu | cuda | cuda:N
bool valid_device(const std::string& device) {
  if (device == "auto" || device == "cpu" || device == "cuda") return true;
  if (!device.starts_with("cuda:") || device.size() == 5) return false;
  return std::all_of(device.begin() + 5, device.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::string SparsityStructure::to_string() const {
  return unstructured() ? "unstructured" : std::to_string(n) + ":" + std::to_string(m);
}

double Recipe::final_sparsity() const {
  const auto& s = pruning.structure;
  return s.unstructured() ? pruning.sparsity : 1.0 - static_cast<double>(s.n) / s.m;
}

bool Recipe::operator==(const Recipe& o) const {
  return name == o.name && model == o.model && teacher == o.teacher && data == o.data && pruning == o.pruning &&
         distillation == o.distillation && training == o.training && evaluation == o.evaluation && output == o.output;
}

std::vector<InputError> Recipe::check() const {
  Checker c(source.empty() ? "recipe" : source);
  const auto& p = pruning;
  const auto& t = training;
  const auto& d = distillation;
  const std::string method(to_string(p.method));

  if (name.empty()) c.bad("name", "required: a name for the run");
  if (model.empty()) c.bad("model", "required: the folder of the model to start from");
  if (teacher.empty() && trains() && (d.kd > 0 || d.squarehead > 0))
    c.bad("teacher", "required when distillation.kd or distillation.squarehead is > 0: the folder of the dense teacher");

  if (data.train.empty()) c.bad("data.train", "required: the file of training and calibration examples");
  c.at_least("data.max_length", data.max_length, 1);

  // Pruning: how much, in which pattern, where.
  if (c.in_range("pruning.sparsity", p.sparsity, 0, 1)) {
    if (p.method == PruningMethod::none && p.sparsity > 0)
      c.bad("pruning.sparsity", "expected 0 when pruning.method is none (choose magnitude, wanda or sparsegpt to prune), got " +
                                    number(p.sparsity));
    if (p.method != PruningMethod::none && p.structure.unstructured() && p.sparsity == 0)
      c.bad("pruning.sparsity", "expected a number in (0, 1) for pruning.method " + method + ", got 0");
  }
  const bool n_of_m = !p.structure.unstructured();
  if (n_of_m) {
    if (p.structure.n < 1 || p.structure.n >= p.structure.m) {
      c.bad("pruning.structure", "expected N:M with 1 <= N < M, got " + p.structure.to_string());
    } else if (p.method == PruningMethod::none) {
      c.bad("pruning.structure", p.structure.to_string() + " needs a pruning method; pruning.method is none");
    } else if (p.sparsity != 0 && std::abs(p.sparsity - final_sparsity()) > 1e-9) {
      c.bad("pruning.sparsity", p.structure.to_string() + " keeps " + std::to_string(p.structure.n) + " of every " +
                                    std::to_string(p.structure.m) + " weights, so expected " +
                                    number(final_sparsity()) + " (or leave it out), got " + number(p.sparsity));
    }
  }
  if (p.allocation == Allocation::owl) {
    if (n_of_m) c.bad("pruning.allocation", "owl needs unstructured sparsity: an N:M structure fixes every layer's sparsity");
    c.positive("pruning.owl.m", p.owl.m);
    const double s = final_sparsity();
    // Layer sparsities are s + mean(D') − D'_l with D' in [0, 2·lambda]: at most 2·lambda from s.
    if (s > 0 && s < 1)
      c.in_range("pruning.owl.lambda", p.owl.lambda, 0, std::min(s, 1 - s) / 2,
                 " so that every layer's sparsity, within 2·lambda of pruning.sparsity " + number(s) + ", stays in [0, 1)");
  }
  for (std::size_t i = 0; i < p.targets.size(); ++i)
    if (p.targets[i].empty()) c.bad("pruning.targets[" + std::to_string(i) + "]", "expected a glob pattern, got an empty text");
  for (std::size_t i = 0; i < p.ignore.size(); ++i)
    if (p.ignore[i].empty()) c.bad("pruning.ignore[" + std::to_string(i) + "]", "expected a glob pattern, got an empty text");
  c.at_least("pruning.calibration.samples", p.calibration.samples, 1);
  c.at_least("pruning.calibration.seq_len", p.calibration.seq_len, 1);
  c.at_least("pruning.sparsegpt.block_size", p.sparsegpt.block_size, 1);
  c.positive("pruning.sparsegpt.dampening", p.sparsegpt.dampening);

  // Pruning: when.
  const auto& s = p.schedule;
  const std::string kind(to_string(s.kind));
  if (s.kind == ScheduleKind::constant && p.method != PruningMethod::none)
    c.bad("pruning.schedule.kind", "constant prunes nothing (it holds the zeros already in the model); with pruning.method " +
                                       method + " choose oneshot, linear, cubic or points");
  if (is_gradual(s.kind) && p.method == PruningMethod::none)
    c.bad("pruning.schedule.kind", kind + " needs a pruning method; pruning.method is none");
  if (is_gradual(s.kind) && n_of_m)
    c.bad("pruning.schedule.kind", kind + " needs unstructured sparsity: an N:M structure fixes the sparsity");
  c.at_least("pruning.schedule.start_step", s.start_step, 0);
  c.at_least("pruning.schedule.update_every", s.update_every, 1);
  // The trainer runs steps 0 … steps − 1 (and prunes at step 0 without training): a later step never comes.
  if (s.kind == ScheduleKind::oneshot && t.epochs == 0 && t.steps >= 0 && s.start_step > 0 && s.start_step >= t.steps)
    c.bad("pruning.schedule.start_step", "expected a step before training.steps (" + std::to_string(t.steps) +
                                             ") so that pruning happens, got " + std::to_string(s.start_step));
  if (s.kind == ScheduleKind::linear || s.kind == ScheduleKind::cubic) {
    if (s.end_step <= s.start_step)
      c.bad("pruning.schedule.end_step", "expected a step after start_step (" + std::to_string(s.start_step) + "), got " +
                                             std::to_string(s.end_step));
    else if (t.steps > 0 && s.end_step >= t.steps)
      c.bad("pruning.schedule.end_step", "expected a step before training.steps (" + std::to_string(t.steps) +
                                             ") so that the last mask update happens, got " + std::to_string(s.end_step));
    if (final_sparsity() > 0)  // else pruning.sparsity has been reported already
      c.in_range("pruning.schedule.initial_sparsity", s.initial_sparsity, 0, final_sparsity(), " (below pruning.sparsity)");
  }
  if (s.kind != ScheduleKind::points && !s.points.empty())
    c.bad("pruning.schedule.points", "only used with kind points; kind is " + kind);
  if (s.kind == ScheduleKind::points) {
    if (s.points.empty()) c.bad("pruning.schedule.points", "expected at least one [step, sparsity] pair");
    for (std::size_t i = 0; i < s.points.size(); ++i) {
      const std::string field = "pruning.schedule.points[" + std::to_string(i) + "]";
      const auto [step, sparsity] = s.points[i];
      if (i == 0 && step < 0) {
        c.bad(field, "expected a step >= 0, got " + std::to_string(step));
      } else if (i > 0 && step <= s.points[i - 1].first) {
        c.bad(field, "steps must increase: expected a step after " + std::to_string(s.points[i - 1].first) + ", got " +
                         std::to_string(step));
      } else if (t.steps > 0 && step > t.steps) {
        c.bad(field, "expected a step at most training.steps (" + std::to_string(t.steps) + "), got " + std::to_string(step));
      }
      if (!(std::isfinite(sparsity) && sparsity >= 0 && sparsity < 1))
        c.bad(field, "expected a sparsity in [0, 1), got " + number(sparsity));
      else if (i > 0 && sparsity < s.points[i - 1].second)
        c.bad(field, "sparsity cannot fall (pruned weights do not grow back): expected at least " +
                         number(s.points[i - 1].second) + ", got " + number(sparsity));
    }
    if (!s.points.empty() && s.points.back().second != p.sparsity)
      c.bad("pruning.schedule.points", "the last point's sparsity (" + number(s.points.back().second) +
                                           ") must equal pruning.sparsity (" + number(p.sparsity) + ")");
  }

  // Loss.
  c.non_negative("distillation.ce", d.ce);
  c.non_negative("distillation.kd", d.kd);
  c.non_negative("distillation.squarehead", d.squarehead);
  c.positive("distillation.temperature", d.temperature);
  if (trains() && !(d.ce > 0 || d.kd > 0 || d.squarehead > 0))
    c.bad("distillation", "at least one of ce, kd and squarehead must be > 0 to train");

  // Optimizer and loop.
  c.at_least("training.steps", t.steps, 0);
  if (c.non_negative("training.epochs", t.epochs) && t.epochs > 0 && t.steps > 0)
    c.bad("training.epochs", "set training.steps or training.epochs, not both");
  c.at_least("training.batch_size", t.batch_size, 1);
  c.at_least("training.grad_accum", t.grad_accum, 1);
  c.positive("training.lr", t.lr);
  if (c.at_least("training.warmup_steps", t.warmup_steps, 0) && t.steps > 0 && t.warmup_steps > t.steps)
    c.bad("training.warmup_steps",
          "expected at most training.steps (" + std::to_string(t.steps) + "), got " + std::to_string(t.warmup_steps));
  c.non_negative("training.weight_decay", t.weight_decay);
  c.in_range("training.betas[0]", t.betas[0], 0, 1);
  c.in_range("training.betas[1]", t.betas[1], 0, 1);
  c.positive("training.eps", t.eps);
  c.non_negative("training.clip_grad_norm", t.clip_grad_norm);
  c.at_least("training.seed", t.seed, 0);
  c.at_least("training.checkpoint_every", t.checkpoint_every, 0);
  if (!valid_device(t.device)) c.bad("training.device", "expected auto, cpu, cuda or cuda:N, got '" + t.device + "'");

  // Evaluation.
  const auto& e = evaluation;
  std::string known_tasks;
  for (auto task : kEvaluationTasks) {
    if (!known_tasks.empty()) known_tasks += ", ";
    known_tasks += task;
  }
  if (c.at_least("evaluation.every", e.every, 0) && e.every > 0 && data.validation.empty())
    c.bad("evaluation.every", "evaluating during training needs data.validation");
  for (std::size_t i = 0; i < e.tasks.size(); ++i)
    if (std::find(kEvaluationTasks.begin(), kEvaluationTasks.end(), e.tasks[i]) == kEvaluationTasks.end())
      c.bad("evaluation.tasks[" + std::to_string(i) + "]", "unknown task '" + e.tasks[i] + "'; expected one of " + known_tasks);
  if (!e.tasks.empty() && data.validation.empty() && data.test.empty())
    c.bad("evaluation.tasks", "need data.validation or data.test to evaluate on (or an empty list: tasks: [])");
  c.at_least("evaluation.max_new_tokens", e.max_new_tokens, 1);
  c.at_least("evaluation.samples", e.samples, 0);
  return c.take();
}

void Recipe::validate() const {
  if (auto problems = check(); !problems.empty()) throw RecipeError(std::move(problems));
}

void Recipe::save(const std::filesystem::path& path) const {
  const std::string text = to_yaml(std::filesystem::absolute(path).parent_path());
  write_file_atomically(path, [&](std::ostream& out) { out << text; });
}

RecipeError::RecipeError(std::vector<InputError> problems)
    : InputError(problems.at(0)), problems_(std::move(problems)) {
  for (const auto& p : problems_) {
    if (!message_.empty()) message_ += "\n";
    message_ += p.what();
  }
}

}  // namespace sparsetune
