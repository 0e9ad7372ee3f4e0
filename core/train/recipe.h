// Recipe: the single description of a sparse fine-tuning job. The CLI loads it from a YAML file, the
// studio edits the same struct, the run store keeps its YAML with every run, and Trainer::run takes it.
// recipes/README.md documents every field, its default and its allowed values.
#pragma once
#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/util/error.h"

namespace sparsetune {

// YAML: auto | prompt_completion | text | gsm8k | gsm8k_no_calculator (GSM8K's {"question", "answer"}
// records with or without their "<<48/2=24>>" calculator annotations)
enum class DataFormat { auto_detect, prompt_completion, text, gsm8k, gsm8k_no_calculator };
enum class PruningMethod { none, magnitude, wanda, sparsegpt };
enum class Allocation { uniform, owl };
enum class ScheduleKind { oneshot, constant, linear, cubic, points };
enum class LrSchedule { linear, cosine, constant };
enum class Precision { fp32, bf16 };

// The names of each enum's values in YAML, in the order the studio offers them.
template <class E>
struct EnumName {
  E value;
  std::string_view name;
};
inline constexpr EnumName<DataFormat> kDataFormats[] = {
    {DataFormat::auto_detect, "auto"}, {DataFormat::prompt_completion, "prompt_completion"}, {DataFormat::text, "text"},
    {DataFormat::gsm8k, "gsm8k"},      {DataFormat::gsm8k_no_calculator, "gsm8k_no_calculator"}};
inline constexpr EnumName<PruningMethod> kPruningMethods[] = {{PruningMethod::none, "none"},
                                                               {PruningMethod::magnitude, "magnitude"},
                                                               {PruningMethod::wanda, "wanda"},
                                                               {PruningMethod::sparsegpt, "sparsegpt"}};
inline constexpr EnumName<Allocation> kAllocations[] = {{Allocation::uniform, "uniform"}, {Allocation::owl, "owl"}};
inline constexpr EnumName<ScheduleKind> kScheduleKinds[] = {{ScheduleKind::oneshot, "oneshot"},
                                                             {ScheduleKind::constant, "constant"},
                                                             {ScheduleKind::linear, "linear"},
                                                             {ScheduleKind::cubic, "cubic"},
                                                             {ScheduleKind::points, "points"}};
inline constexpr EnumName<LrSchedule> kLrSchedules[] = {
    {LrSchedule::linear, "linear"}, {LrSchedule::cosine, "cosine"}, {LrSchedule::constant, "constant"}};
inline constexpr EnumName<Precision> kPrecisions[] = {{Precision::fp32, "fp32"}, {Precision::bf16, "bf16"}};

// The table of an enum type, picked by overload: enum_names(PruningMethod{}).
constexpr const auto& enum_names(DataFormat) { return kDataFormats; }
constexpr const auto& enum_names(PruningMethod) { return kPruningMethods; }
constexpr const auto& enum_names(Allocation) { return kAllocations; }
constexpr const auto& enum_names(ScheduleKind) { return kScheduleKinds; }
constexpr const auto& enum_names(LrSchedule) { return kLrSchedules; }
constexpr const auto& enum_names(Precision) { return kPrecisions; }

// The YAML name of an enum value.
template <class E>
constexpr std::string_view to_string(E value)
  requires requires { enum_names(value); }
{
  for (const auto& n : enum_names(value))
    if (n.value == value) return n.name;
  return "?";  // only for a value cast from an integer outside the enum
}

// Unstructured (n = m = 0), or N:M: n weights kept in every m consecutive ones along the input dimension.
struct SparsityStructure {
  int n = 0;
  int m = 0;
  bool unstructured() const { return m == 0; }
  std::string to_string() const;  // "unstructured" or "2:4"
  bool operator==(const SparsityStructure&) const = default;
};

// The evaluation tasks the trainer knows.
inline constexpr std::array<std::string_view, 2> kEvaluationTasks = {"perplexity", "gsm8k"};

struct Recipe {
  struct Data {
    std::filesystem::path train;       // JSONL (prompt/completion or text records) or plain .txt
    std::filesystem::path validation;  // optional: evaluation during training
    std::filesystem::path test;        // optional: evaluation at the end
    DataFormat format = DataFormat::auto_detect;
    int64_t max_length = 512;  // tokens per sequence
    bool pack = false;         // concatenate short examples into full-length sequences
    bool operator==(const Data&) const = default;
  };
  struct Owl {
    double m = 5;          // a score is an outlier above m × the layer's mean score
    double lambda = 0.08;  // scores rescaled to [0, 2·lambda]: layer sparsities spread over a band that wide
    bool operator==(const Owl&) const = default;
  };
  struct Calibration {
    int64_t samples = 128;  // sequences from data.train
    int64_t seq_len = 256;
    bool operator==(const Calibration&) const = default;
  };
  struct SparseGpt {
    int64_t block_size = 128;  // columns per OBS update block
    double dampening = 0.01;   // λ added to the Hessian's diagonal, as a share of its mean
    bool operator==(const SparseGpt&) const = default;
  };
  // When the mask is computed. oneshot: prune to `sparsity` at start_step (0: before training), then
  // hold; constant: prune nothing, hold the zeros already in the model; linear / cubic: from
  // initial_sparsity at start_step to `sparsity` at end_step, masks recomputed every update_every
  // steps; points: explicit (step, sparsity) pairs, the last one at `sparsity`.
  struct Schedule {
    ScheduleKind kind = ScheduleKind::oneshot;
    int64_t start_step = 0;
    int64_t end_step = 0;
    double initial_sparsity = 0;
    int64_t update_every = 10;
    std::vector<std::pair<int64_t, double>> points;
    bool operator==(const Schedule&) const = default;
  };
  struct Pruning {
    PruningMethod method = PruningMethod::none;  // none: the model's zeros (if any) stay as a fixed mask
    double sparsity = 0;  // the final share of zeros in the targeted weights; implied by an N:M structure
    SparsityStructure structure;
    Allocation allocation = Allocation::uniform;
    Owl owl;
    std::vector<std::string> targets;             // glob patterns over module paths; empty: every Linear in the decoder blocks
    std::vector<std::string> ignore = {"lm_head"};  // glob patterns never pruned
    Calibration calibration;
    SparseGpt sparsegpt;
    Schedule schedule;
    bool operator==(const Pruning&) const = default;
  };
  // Loss = ce·CE + kd·KD + squarehead·SquareHead (ALGORITHMS.md §1).
  struct Distillation {
    double ce = 1;
    double kd = 0;
    double squarehead = 1;
    double temperature = 1;  // of the logit KD term
    bool operator==(const Distillation&) const = default;
  };
  // AdamW with the paper's settings as defaults. steps and epochs both 0: no fine-tuning (prune and
  // evaluate only).
  struct Training {
    int64_t steps = 0;
    double epochs = 0;  // instead of steps
    int64_t batch_size = 8;
    int64_t grad_accum = 4;  // optimizer batch = batch_size × grad_accum
    double lr = 1e-4;
    int64_t warmup_steps = 20;
    LrSchedule lr_schedule = LrSchedule::linear;
    double weight_decay = 0;
    std::array<double, 2> betas = {0.9, 0.999};
    double eps = 1e-8;
    double clip_grad_norm = 0;  // 0: off
    int64_t seed = 0;
    int64_t checkpoint_every = 0;  // steps; 0: only at the end
    Precision precision = Precision::fp32;
    bool activation_checkpointing = false;
    std::string device = "auto";  // auto | cpu | cuda | cuda:N
    bool operator==(const Training&) const = default;
  };
  // During training on data.validation (every `every` steps, 0: never); at the end on data.test, or on
  // data.validation when there is no test set.
  struct Evaluation {
    int64_t every = 0;
    std::vector<std::string> tasks = {"perplexity"};  // from kEvaluationTasks
    int64_t max_new_tokens = 256;                     // generated per problem (gsm8k)
    int64_t samples = 0;                              // examples evaluated; 0: all
    bool before = true;  // also evaluate the dense model and the one-shot pruned one before fine-tuning
    bool profile = true;  // CPU speed profile (dense vs sparse kernels) after each mask change and at the end
    bool operator==(const Evaluation&) const = default;
  };
  struct Output {
    std::filesystem::path dir;  // checkpoints and exports; empty: a folder per run next to the run database
    bool operator==(const Output&) const = default;
  };

  std::string name;
  std::filesystem::path model;    // the Hugging Face model folder the student starts from
  std::filesystem::path teacher;  // dense teacher folder; empty: none (then kd and squarehead must be 0)
  Data data;
  Pruning pruning;
  Distillation distillation;
  Training training;
  Evaluation evaluation;
  Output output;

  // Where the recipe came from ("recipe" when built in code), named in every error. Not part of the
  // job, so operator== ignores it.
  std::string source;

  // Reads a recipe; relative paths in it are resolved against the file's folder. Throws RecipeError
  // listing every problem of form (YAML syntax with line and column, unknown or duplicate keys with
  // the allowed ones, values of the wrong type, unknown names). Does not validate(): the studio opens
  // a recipe with bad values so the user can fix them.
  static Recipe from_yaml_file(const std::filesystem::path& path);
  // The same from text; `source_name` names it in errors, relative paths are resolved against
  // `base_dir` unless it is empty.
  static Recipe from_yaml_string(const std::string& text, const std::string& source_name,
                                 const std::filesystem::path& base_dir = {});
  // Every field, defaults included. Absolute paths are written relative to `relative_to` unless it is
  // empty, so that from_yaml_string(to_yaml(d), name, d) == *this.
  std::string to_yaml(const std::filesystem::path& relative_to = {}) const;
  // Writes to_yaml (paths relative to the file's folder) to `path` atomically.
  void save(const std::filesystem::path& path) const;

  // One InputError(source, "<field>", "<what was expected, what it is>") per bad field; empty when
  // the recipe can run. Files are not opened here: their loaders check them when the job starts.
  std::vector<InputError> check() const;
  // Throws RecipeError with check()'s problems, if any.
  void validate() const;

  // Whether the job fine-tunes (steps or epochs > 0).
  bool trains() const { return training.steps > 0 || training.epochs > 0; }
  // pruning.sparsity, or 1 − N/M for an N:M structure.
  double final_sparsity() const;

  bool operator==(const Recipe& other) const;
};

// Every problem found in a recipe. file(), field() and problem() are those of the first; what() lists
// all of them, one "file: field: problem" per line; problems() gives each, for the studio to mark.
class RecipeError : public InputError {
 public:
  explicit RecipeError(std::vector<InputError> problems);
  const std::vector<InputError>& problems() const { return problems_; }
  const char* what() const noexcept override { return message_.c_str(); }

 private:
  std::vector<InputError> problems_;
  std::string message_;
};

}  // namespace sparsetune
