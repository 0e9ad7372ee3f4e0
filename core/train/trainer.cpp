#include "core/train/trainer.h"

#include <ATen/CPUGeneratorImpl.h>

#include <chrono>
#include <cmath>
#include <fstream>
#include <limits>

#include <nlohmann/json.hpp>

#include "core/data/dataset.h"
#include "core/distill/losses.h"
#include "core/eval/evaluator.h"
#include "core/eval/profiler.h"
#include "core/model/autocast.h"
#include "core/model/causal_lm.h"
#include "core/model/device.h"
#include "core/model/gguf_cache.h"
#include "core/prune/pruner.h"
#include "core/prune/schedule.h"
#include "core/tokenizer/tokenizer.h"
#include "core/train/batch.h"
#include "core/train/recipe_schedule.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"

namespace sparsetune {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

PruneOptions prune_options_of(const Recipe& r, double sparsity) {
  PruneOptions o;
  switch (r.pruning.method) {
    case PruningMethod::magnitude: o.method = PruneMethod::Magnitude; break;
    case PruningMethod::wanda: o.method = PruneMethod::Wanda; break;
    default: o.method = PruneMethod::SparseGPT; break;
  }
  o.sparsity = sparsity;
  if (!r.pruning.structure.unstructured()) o.nm = NMPattern{r.pruning.structure.n, r.pruning.structure.m};
  o.allocation = r.pruning.allocation == Allocation::owl ? SparsityAllocation::OWL : SparsityAllocation::Uniform;
  o.owl.outlier_threshold = r.pruning.owl.m;
  o.owl.lambda = r.pruning.owl.lambda;
  o.targets.include = r.pruning.targets;
  o.targets.ignore = r.pruning.ignore;
  o.sparsegpt_block_size = r.pruning.sparsegpt.block_size;
  o.sparsegpt_dampening = r.pruning.sparsegpt.dampening;
  return o;
}

// A random sample of the training set, drawn with the run's seed so that seeds vary the calibration
// as they vary the data order (the first examples of a file are often not representative).
std::vector<torch::Tensor> calibration_batches(const Dataset& data, const Recipe& r, const torch::Device& device) {
  std::vector<torch::Tensor> batches;
  const auto n = std::min<int64_t>(static_cast<int64_t>(data.examples.size()), r.pruning.calibration.samples);
  auto generator = at::make_generator<at::CPUGeneratorImpl>(static_cast<uint64_t>(r.training.seed));
  const auto order = torch::randperm(static_cast<int64_t>(data.examples.size()), generator, torch::kInt64);
  const int64_t* picked = order.data_ptr<int64_t>();
  for (int64_t k = 0; k < n; ++k) {
    const auto& ids = data.examples[static_cast<std::size_t>(picked[k])].ids;
    const auto len = std::min<std::size_t>(ids.size(), static_cast<std::size_t>(r.pruning.calibration.seq_len));
    std::vector<int64_t> row(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(len));
    batches.push_back(torch::tensor(row, torch::kInt64).unsqueeze(0).to(device));
  }
  return batches;
}

// Masks that keep exactly the non-zeros a model already has (method none, or schedule constant).
MaskSet masks_from_zeros(CausalLM& model, const std::vector<std::string>& paths) {
  MaskSet masks;
  for (const auto& p : paths) masks[p] = model.linear(p).weight.ne(0);
  return masks;
}

struct Checkpoint {
  int64_t step = 0;
  BatchSampler::State sampler;
};

void save_checkpoint_dir(const fs::path& dir, CausalLM& model, torch::optim::Optimizer& optimizer, const MaskSet& masks,
                         const Checkpoint& c) {
  const fs::path tmp = dir.parent_path() / (dir.filename().string() + ".tmp");
  fs::remove_all(tmp);
  fs::create_directories(tmp);
  model.save(tmp / "model");
  torch::save(optimizer, (tmp / "optimizer.pt").string());
  torch::serialize::OutputArchive archive;
  for (const auto& [path, mask] : masks) archive.write(path, mask.cpu());
  archive.save_to((tmp / "masks.pt").string());
  const nlohmann::json state = {{"step", c.step}, {"sampler_epoch", c.sampler.epoch}, {"sampler_cursor", c.sampler.cursor}};
  write_file_atomically(tmp / "state.json", [&](std::ostream& out) { out << state.dump(2) << "\n"; });
  // Swap in the new checkpoint so that one complete checkpoint exists at every moment.
  const fs::path old = dir.parent_path() / (dir.filename().string() + ".old");
  fs::remove_all(old);
  if (fs::exists(dir)) fs::rename(dir, old);
  fs::rename(tmp, dir);
  fs::remove_all(old);
}

Checkpoint read_checkpoint_state(const fs::path& dir) {
  const auto path = dir / "state.json";
  std::ifstream in(path);
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(in);
    return {j.at("step").get<int64_t>(), {j.at("sampler_epoch").get<int64_t>(), j.at("sampler_cursor").get<int64_t>()}};
  } catch (const nlohmann::json::exception& e) {
    throw InputError(path.string(), "state", std::string("unreadable checkpoint state: ") + e.what());
  }
}

class Evaluations {
 public:
  Evaluations(const Recipe& r, const Tokenizer& tokenizer, EventSink& sink, int64_t pad_id)
      : recipe_(r), tokenizer_(tokenizer), sink_(sink), pad_id_(pad_id) {
    const DatasetOptions options{r.data.format, r.data.max_length, false};
    if (!r.data.validation.empty()) validation_ = load_dataset(r.data.validation, tokenizer, options);
    const fs::path final_file = !r.data.test.empty() ? r.data.test : r.data.validation;
    if (!final_file.empty()) {
      final_ = r.data.test.empty() ? validation_ : load_dataset(final_file, tokenizer, options);
      final_name_ = r.data.test.empty() ? "validation" : "test";
      if (wants("gsm8k")) problems_ = load_task_problems(final_file, r.evaluation.samples > 0 ? r.evaluation.samples : -1);
    }
    if (!r.data.validation.empty() && wants("gsm8k"))
      validation_problems_ = load_task_problems(r.data.validation, r.evaluation.samples > 0 ? r.evaluation.samples : -1);
  }

  bool has_final() const { return !final_name_.empty(); }

  // `phase` is "dense", "oneshot" or "final" for the whole held-out split; "" during training.
  void run(CausalLM& model, int64_t step, const std::string& phase) {
    const bool during = phase.empty();
    const Dataset& data = during ? validation_ : final_;
    const auto& problems = during ? validation_problems_ : problems_;
    const std::string split = during ? "validation" : final_name_;
    const std::string prefix = during ? "" : phase + "/";
    const int64_t limit = recipe_.evaluation.samples > 0 ? recipe_.evaluation.samples : -1;
    if (wants("perplexity") && !data.examples.empty()) {
      const auto s = evaluate_held_out(model, data, std::max<int64_t>(1, recipe_.training.batch_size), pad_id_, limit);
      sink_.on_eval({step, prefix + "perplexity:" + split, "loss", s.loss});
      sink_.on_eval({step, prefix + "perplexity:" + split, "perplexity", s.perplexity});
      sink_.on_eval({step, prefix + "perplexity:" + split, "token_accuracy", s.token_accuracy});
    }
    if (wants("gsm8k") && !problems.empty()) {
      const auto s = evaluate_exact_match(model, tokenizer_, problems, recipe_.evaluation.max_new_tokens, [&](int64_t done) {
        sink_.on_progress({"eval " + prefix + split, done, static_cast<int64_t>(problems.size()), -1, ""});
      });
      sink_.on_eval({step, prefix + "gsm8k:" + split, "exact_match", s.exact_match()});
      sink_.on_eval({step, prefix + "gsm8k:" + split, "answered", static_cast<double>(s.answered) / static_cast<double>(s.problems)});
    }
  }

 private:
  bool wants(const std::string& task) const {
    return std::find(recipe_.evaluation.tasks.begin(), recipe_.evaluation.tasks.end(), task) != recipe_.evaluation.tasks.end();
  }
  const Recipe& recipe_;
  const Tokenizer& tokenizer_;
  EventSink& sink_;
  int64_t pad_id_;
  Dataset validation_, final_;
  std::string final_name_;
  std::vector<TaskProblem> problems_, validation_problems_;
};

std::vector<LayerSparsity> layer_events(CausalLM& model, const std::vector<std::string>& paths, int64_t step,
                                        const std::string& structure, double* overall) {
  const auto measured = measure_sparsity(model, paths);
  std::vector<LayerSparsity> events;
  for (const auto& m : measured) events.push_back({step, m.path, m.sparsity(), structure});
  *overall = overall_sparsity(measured);
  return events;
}

}  // namespace

TrainOutcome run_recipe(const Recipe& recipe, EventSink& sink, const std::atomic<bool>& stop, const RunOptions& options) {
  recipe.validate();
  torch::manual_seed(static_cast<uint64_t>(recipe.training.seed));
  const torch::Device device = parse_device(recipe.training.device);
  const fs::path checkpoint_dir = options.output_dir / "checkpoint";
  const bool resuming = options.resume && fs::exists(checkpoint_dir / "state.json");
  fs::create_directories(options.output_dir);

  sink.on_status("running", resuming ? "resuming from " + checkpoint_dir.string() : "");
  // A .gguf model or teacher is read from its import (made on first use).
  const fs::path student_source = model_directory(recipe.model);
  const Tokenizer tokenizer = Tokenizer::from_directory(student_source);
  const int64_t pad_id = tokenizer.eos_id().value_or(0);
  LoadOptions load;
  load.device = device;
  load.dtype = torch::kFloat32;
  auto student = CausalLM::load(resuming ? checkpoint_dir / "model" : student_source, load);
  student->set_activation_checkpointing(recipe.training.activation_checkpointing);
  // bf16 autocast: weights, AdamW state and losses stay float32 (the masks and resume need exact
  // float32 weights); matrix products run in bfloat16.
  const std::optional<torch::ScalarType> autocast =
      recipe.training.precision == Precision::bf16 ? std::optional<torch::ScalarType>(torch::kBFloat16) : std::nullopt;
  const DistillationLoss loss_fn({recipe.distillation.ce, recipe.distillation.kd, recipe.distillation.squarehead,
                                  recipe.distillation.temperature});
  std::unique_ptr<CausalLM> teacher;
  if (recipe.trains() && loss_fn.needs_teacher()) teacher = CausalLM::load(model_directory(recipe.teacher), load);

  const DatasetOptions data_options{recipe.data.format, recipe.data.max_length, recipe.data.pack};
  const Dataset train = load_dataset(recipe.data.train, tokenizer, data_options);
  if (train.examples.empty()) throw InputError(recipe.data.train.string(), "examples", "no usable training example");
  Evaluations evals(recipe, tokenizer, sink, pad_id);

  const auto targets = select_targets(student->linear_paths(), TargetSelection{recipe.pruning.targets, recipe.pruning.ignore});
  const SparsitySchedule schedule = sparsity_schedule_of(recipe);
  const bool prunes = recipe.pruning.method != PruningMethod::none && schedule.kind != SparsityScheduleKind::Constant;
  const std::string structure = recipe.pruning.structure.to_string();

  const auto per_step = static_cast<int64_t>(recipe.training.batch_size * recipe.training.grad_accum);
  const int64_t total_steps =
      recipe.training.steps > 0
          ? recipe.training.steps
          : static_cast<int64_t>(std::ceil(recipe.training.epochs * static_cast<double>(train.examples.size()) / static_cast<double>(per_step)));

  std::vector<torch::Tensor> params;
  for (auto& [name, t] : student->named_parameters()) {
    t.requires_grad_(true);
    params.push_back(t);
  }
  torch::optim::AdamW optimizer(params, torch::optim::AdamWOptions(recipe.training.lr)
                                            .betas({recipe.training.betas[0], recipe.training.betas[1]})
                                            .eps(recipe.training.eps)
                                            .weight_decay(recipe.training.weight_decay));
  BatchSampler sampler(train.examples.size(), static_cast<std::size_t>(recipe.training.batch_size),
                       static_cast<uint64_t>(recipe.training.seed));
  MaskSet masks;
  int64_t step = 0;
  double actual_sparsity = 0;
  bool pruned_once = false;

  if (resuming) {
    const Checkpoint c = read_checkpoint_state(checkpoint_dir);
    step = c.step;
    sampler.set_state(c.sampler);
    torch::load(optimizer, (checkpoint_dir / "optimizer.pt").string());
    torch::serialize::InputArchive archive;
    archive.load_from((checkpoint_dir / "masks.pt").string());
    for (const auto& path : targets) {
      torch::Tensor mask;
      if (archive.try_read(path, mask)) masks[path] = mask.to(device);
    }
    pruned_once = !masks.empty();
  } else {
    if (evals.has_final() && recipe.evaluation.before) evals.run(*student, 0, "dense");
    if (!prunes) masks = masks_from_zeros(*student, targets);
  }
  if (!masks.empty()) sink.on_layer_sparsity(layer_events(*student, targets, step, structure, &actual_sparsity));

  // A light profile: enough to chart speed against sparsity without slowing the run much.
  auto record_profile = [&](bool decode) {
    if (!recipe.evaluation.profile || masks.empty() || !device.is_cpu()) return;
    ProfileOptions o;
    o.repeats = 3;
    o.new_tokens = decode ? 16 : 0;
    sink.on_progress({"profile", 0, 1, -1, ""});
    const ModelProfile profile = profile_model(*student, o);
    if (!profile.layers.empty()) sink.on_profile(profile_records(profile));  // nothing sparse enough yet
  };

  // Prunes (or updates the masks) when the schedule says so at `at`; returns whether it did.
  auto maybe_prune = [&](int64_t at) {
    if (!prunes || !schedule.is_update_step(at)) return false;
    const double target = schedule.target(at);
    if (!pruned_once) {
      const Dataset& calib_source = train;
      auto report = prune_one_shot(*student, calibration_batches(calib_source, recipe, device), prune_options_of(recipe, target),
                                   [&](int64_t done, int64_t total, const std::string& path) {
                                     sink.on_progress({"prune", done, total, -1, path});
                                   });
      masks = std::move(report.masks);
      pruned_once = true;
    } else {
      update_masks_gradual(*student, masks, target);
    }
    apply_masks(*student, masks);
    sink.on_layer_sparsity(layer_events(*student, targets, at, structure, &actual_sparsity));
    if (schedule.kind != SparsityScheduleKind::OneShot) record_profile(false);
    return true;
  };

  if (!resuming && maybe_prune(0) && schedule.kind == SparsityScheduleKind::OneShot && evals.has_final() && recipe.evaluation.before)
    evals.run(*student, 0, "oneshot");

  const auto started = Clock::now();
  const int64_t first_step = step;
  std::string status = "finished";
  for (; step < total_steps; ++step) {
    if (stop.load()) {
      status = "cancelled";
      break;
    }
    if (step > 0) maybe_prune(step);
    const auto t0 = Clock::now();
    const double lr = learning_rate_at(step, total_steps, recipe.training.warmup_steps, recipe.training.lr, recipe.training.lr_schedule);
    for (auto& group : optimizer.param_groups()) static_cast<torch::optim::AdamWOptions&>(group.options()).lr(lr);
    optimizer.zero_grad();
    double total = 0, ce = 0, kd = 0, sh = 0;
    int64_t tokens = 0;
    for (int64_t micro = 0; micro < recipe.training.grad_accum; ++micro) {
      std::vector<const TokenizedExample*> rows;
      for (auto i : sampler.next()) rows.push_back(&train.examples[i]);
      const Batch batch = make_batch(rows, pad_id, device);
      tokens += batch.attention_mask.sum().item<int64_t>();
      const bool hidden = recipe.distillation.squarehead > 0;
      DistillationLossResult l;
      {
        // The teacher runs first and without autograd, so its hidden states are the only extra
        // memory a distillation step holds, and they go as soon as the loss has used them.
        const AutocastScope mixed(device.type(), autocast);
        ForwardOutput teacher_out;
        if (teacher) {
          torch::NoGradGuard no_grad;
          teacher_out = teacher->forward(batch.input_ids, batch.attention_mask, nullptr, hidden);
        }
        const ForwardOutput out = student->forward(batch.input_ids, batch.attention_mask, nullptr, hidden);
        l = loss_fn.compute(out, teacher ? &teacher_out : nullptr, batch.labels, batch.attention_mask);
      }
      (l.total / static_cast<double>(recipe.training.grad_accum)).backward();
      const double scale = 1.0 / static_cast<double>(recipe.training.grad_accum);
      total += l.total_value * scale;
      ce += l.ce_value * scale;
      kd += l.kd_value * scale;
      sh += l.squarehead_value * scale;
    }
    const double max_norm = recipe.training.clip_grad_norm > 0 ? recipe.training.clip_grad_norm : std::numeric_limits<double>::infinity();
    const double grad_norm = torch::nn::utils::clip_grad_norm_(params, max_norm);
    optimizer.step();
    if (!masks.empty()) apply_masks(*student, masks);
    const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();

    StepMetrics m;
    m.step = step + 1;
    m.wall_seconds = std::chrono::duration<double>(Clock::now() - started).count();
    m.values = {{"loss/total", total},       {"loss/ce", ce},           {"loss/kd", kd},
                {"loss/squarehead", sh},     {"lr", lr},                {"grad_norm", grad_norm},
                {"sparsity/actual", actual_sparsity},                   {"step_seconds", seconds},
                {"tokens_per_second", static_cast<double>(tokens) / seconds},
                {"epoch", sampler.epochs_done()}};
    if (prunes) m.values["sparsity/target"] = schedule.target(step);
    sink.on_step(m);
    const double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
    const double eta = elapsed / static_cast<double>(step + 1 - first_step) * static_cast<double>(total_steps - step - 1);
    sink.on_progress({"train", step + 1, total_steps, eta, ""});

    if (recipe.evaluation.every > 0 && (step + 1) % recipe.evaluation.every == 0 && step + 1 < total_steps) evals.run(*student, step + 1, "");
    if (recipe.training.checkpoint_every > 0 && (step + 1) % recipe.training.checkpoint_every == 0 && step + 1 < total_steps) {
      save_checkpoint_dir(checkpoint_dir, *student, optimizer, masks, {step + 1, sampler.state()});
      sink.on_artifact({"checkpoint", checkpoint_dir.string(), "", step + 1});
    }
  }

  TrainOutcome outcome;
  outcome.steps_done = step;
  outcome.total_steps = total_steps;
  if (status == "cancelled") {
    save_checkpoint_dir(checkpoint_dir, *student, optimizer, masks, {step, sampler.state()});
    sink.on_artifact({"checkpoint", checkpoint_dir.string(), "", step});
    outcome.status = status;
    outcome.model_dir = checkpoint_dir / "model";
    sink.on_status("cancelled", "stopped after step " + std::to_string(step) + " of " + std::to_string(total_steps));
    return outcome;
  }
  for (auto& p : params) p.requires_grad_(false);
  if (evals.has_final()) evals.run(*student, step, "final");
  record_profile(true);
  const fs::path model_dir = options.output_dir / "model";
  student->save(model_dir);
  copy_model_side_files(student_source, model_dir);
  sink.on_artifact({"model", model_dir.string(), "", step});
  fs::remove_all(checkpoint_dir);
  outcome.status = status;
  outcome.model_dir = model_dir;
  sink.on_status("finished", "");
  return outcome;
}

}  // namespace sparsetune
