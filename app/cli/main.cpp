// sparsetune: the command-line front end. Exit codes: 0 success, 1 failure while running,
// 2 usage error, 3 invalid input (a file, field or value that is not what was expected).
#include <c10/util/Exception.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "app/cli/args.h"
#include "app/cli/commands.h"

namespace {

constexpr const char* kUsage = R"(usage: sparsetune COMMAND [ARGS]

commands:
  info MODEL [--json]                       architecture, parameters, dtype, every linear layer
  tokenize TOKENIZER_OR_MODEL --text-file F [--json] [--add-special-tokens]
                                            token ids of a UTF-8 text file
  score MODEL --text-file F [--json]        per-token negative log-likelihood and perplexity
  generate MODEL --prompt TEXT [--max-new-tokens N] [--greedy] [--temperature T]
           [--top-k K] [--top-p P] [--seed S] [--json]
                                            text continuation with a KV cache
  demo [--steps N] [--samples N] [--json]   the main job on the built-in demo: evaluate the dense
                                            teacher, prune to 75 % (SparseGPT), fine-tune with
                                            CE + SquareHead, evaluate, save the sparse model
  run RECIPE.yaml [--resume RUN] [--output DIR] [--json] [--quiet]
                                            prune, distill and fine-tune as the recipe says; Ctrl-C
                                            checkpoints, --resume continues exactly
  prune MODEL --out DIR [--method magnitude|wanda|sparsegpt] [--sparsity S] [--structure N:M]
        [--allocation uniform|owl] [--calibration DATA] [--samples N] [--seq-len N] [--json]
                                            one-shot pruning into a new model folder
  eval MODEL --data FILE [--task perplexity|gsm8k|all] [--samples N] [--max-new-tokens N]
       [--sparse-kernels f32|bf16|i8] [--json]
                                            held-out loss/perplexity/token accuracy, GSM8k exact match
  study recovery [--sparsities 0.5,0.7,0.8,0.9] [--seeds 1,2,3] [--steps 200] [--samples 200]
        [--recipe FILE] [--report FILE.md] [--no-run] [--json]
                                            the paper's recovery table on the demo task: one-shot
                                            only, CE, CE+KD, CE+SquareHead per sparsity and seed;
                                            every configuration is a run (finished ones are reused)
  profile MODEL [--threads N] [--torch-threads N] [--values f32|bf16|i8] [--batch N] [--new-tokens N] [--repeats N]
          [--min-sparsity S] [--json] [--no-store]
                                            dense vs sparse CPU latency per layer and for greedy
                                            decoding, bytes read and the bandwidth bound; stored
  sensitivity MODEL --data FILE [--sparsities 0.3,0.5,0.7,0.9] [--method magnitude|wanda] [--samples N]
              [--seq-len N] [--json] [--no-store]
                                            each linear layer pruned alone to each sparsity and the
                                            loss measured; stored for the studio's sparsity slider
  import-gguf FILE --out DIR [--dtype float32|bfloat16] [--json]
                                            a llama.cpp GGUF file (llama, qwen2, gpt2) as a Hugging
                                            Face model directory: weights dequantized, config and
                                            tokenizer rebuilt from the metadata
  runs [--json]                             every run in the database with its latest results
  show RUN [--json]                         one run: recipe, metrics, evaluations, artifacts
  report RUN [RUN...] [--html FILE] [--csv FILE]
                                            a self-contained HTML report (comparison, results,
                                            evaluations, layer sparsity, profiles, charts, recipe,
                                            machine) and/or a CSV of every logged metric

database (demo, run, study, profile, sensitivity, runs, show, report): --db PATH, else $SPARSETUNE_DB, else ~/.local/share/sparsetune/runs.sqlite

model options (info, score, generate, prune, eval, sensitivity; demo takes --device):
  --device cpu|cuda|cuda:N|auto             default cpu
  --dtype float32|bfloat16|float16          default: the checkpoint's
  --threads N                               CPU threads (default: all cores)

MODEL is a Hugging Face model directory: config.json + model.safetensors (or shards with
model.safetensors.index.json) + tokenizer.json. Architectures: llama, mistral, qwen2, qwen3, gpt2, mpt.
MODEL may also be a .gguf file: it is imported once into $XDG_CACHE_HOME/sparsetune/gguf (or
~/.cache/sparsetune/gguf; $SPARSETUNE_GGUF_CACHE overrides) and the import is reused until the file changes.
exit codes: 0 ok, 1 failure, 2 usage error, 3 invalid input, 130 run stopped (resumable)
)";

struct Command {
  const char* name;
  int (*run)(const std::vector<std::string>&);
};
constexpr Command kCommands[] = {
    {"info", sparsetune::cli::run_info},         {"tokenize", sparsetune::cli::run_tokenize},
    {"score", sparsetune::cli::run_score},       {"generate", sparsetune::cli::run_generate},
    {"demo", sparsetune::cli::run_demo},         {"run", sparsetune::cli::run_run},
    {"runs", sparsetune::cli::run_runs},         {"show", sparsetune::cli::run_show},
    {"report", sparsetune::cli::run_report},
    {"prune", sparsetune::cli::run_prune},       {"eval", sparsetune::cli::run_eval},
    {"study", sparsetune::cli::run_study},       {"profile", sparsetune::cli::run_profile},
    {"sensitivity", sparsetune::cli::run_sensitivity},
    {"import-gguf", sparsetune::cli::run_import_gguf},
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0 || std::strcmp(argv[1], "help") == 0) {
    std::fputs(kUsage, argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  if (std::strcmp(argv[1], "--version") == 0) {
    std::printf("sparsetune %s\n", SPARSETUNE_VERSION);
    return 0;
  }
  const std::string name = argv[1];
  const std::vector<std::string> rest(argv + 2, argv + argc);
  for (const auto& command : kCommands) {
    if (name != command.name) continue;
    try {
      return command.run(rest);
    } catch (const sparsetune::cli::UsageError& e) {
      std::fprintf(stderr, "sparsetune %s: %s\n\n%s", command.name, e.what(), kUsage);
      return 2;
    } catch (const sparsetune::InputError& e) {
      std::fprintf(stderr, "sparsetune %s: error: %s\n", command.name, e.what());
      return 3;
    } catch (const c10::Error& e) {
      std::fprintf(stderr, "sparsetune %s: error: %s\n", command.name, e.what_without_backtrace());
      return 1;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "sparsetune %s: error: %s\n", command.name, e.what());
      return 1;
    }
  }
  std::fprintf(stderr, "sparsetune: unknown command '%s'\n\n%s", name.c_str(), kUsage);
  return 2;
}
