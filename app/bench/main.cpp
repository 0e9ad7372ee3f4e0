// sparsetune-bench: the sparse CPU kernels (kernels/sparse_matrix.h) against the best dense baseline,
// oneDNN's matmul and LibTorch's linear, on weights larger than the last-level cache. docs/performance.md
// describes the flags, the output and the results.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/bench/dense_baselines.h"
#include "kernels/sparse_matrix.h"

namespace {

using sparsetune::kernels::SparseMatrix;
using sparsetune::kernels::ValueType;
namespace bench = sparsetune::bench;

struct Shape {
  int64_t rows, cols;
};

struct Options {
  std::vector<Shape> shapes = {{4096, 4096}, {11008, 4096}, {4096, 11008}};
  std::vector<double> sparsities = {0.5, 0.7, 0.75, 0.8, 0.9};
  std::vector<int64_t> batches = {1, 4, 16};
  ValueType type = ValueType::f32;
  int threads = 2;
  int reps = 20;
  int warmup = 3;
  bool json = false;
};

const char kUsage[] =
    "usage: sparsetune-bench [--shapes RxC,...] [--sparsity P,...] [--batch B,...] [--dtype f32|bf16|i8]\n"
    "                        [--threads N] [--reps N] [--json] [--quick]\n"
    "  --shapes    weight shapes rows x cols (default 4096x4096,11008x4096,4096x11008)\n"
    "  --sparsity  percent of zero weights (default 50,70,75,80,90)\n"
    "  --batch     activation rows (default 1,4,16)\n"
    "  --dtype     stored value type of the sparse matrix and of the dense baselines (default f32)\n"
    "  --threads   threads for every implementation (default 2)\n"
    "  --reps      timed repetitions per implementation and case, after 3 warm-up runs, the\n"
    "              implementations of a case timed in turns of one untimed and 4 timed calls\n"
    "              (default 20)\n"
    "  --json      JSON Lines on stdout: one machine record, then one record per case\n"
    "  --quick     a small smoke run: 1024x1024 and 1000x777, 50 and 90 %, batch 1 and 3, 5 reps\n"
    "SPARSETUNE_CPU_ISA=scalar|avx2|avx512 forces the sparse kernels' instruction set.\n";

[[noreturn]] void usage_error(const std::string& message) {
  std::cerr << "sparsetune-bench: " << message << "\n" << kUsage;
  std::exit(2);
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::stringstream stream(text);
  for (std::string part; std::getline(stream, part, separator);)
    if (!part.empty()) parts.push_back(part);
  return parts;
}

int64_t parse_positive(const std::string& text, const std::string& flag) {
  std::size_t used = 0;
  int64_t value = 0;
  try {
    value = std::stoll(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || value < 1) usage_error(flag + " expects positive integers, got \"" + text + "\"");
  return value;
}

Options parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage_error(flag + " needs a value");
      return argv[++i];
    };
    if (flag == "--json") {
      o.json = true;
    } else if (flag == "--quick") {
      o.shapes = {{1024, 1024}, {1000, 777}};
      o.sparsities = {0.5, 0.9};
      o.batches = {1, 3};
      o.reps = 5;
    } else if (flag == "--shapes") {
      o.shapes.clear();
      for (const std::string& s : split(value(), ',')) {
        const std::vector<std::string> dims = split(s, 'x');
        if (dims.size() != 2) usage_error("--shapes expects ROWSxCOLS, got \"" + s + "\"");
        o.shapes.push_back({parse_positive(dims[0], "--shapes"), parse_positive(dims[1], "--shapes")});
      }
    } else if (flag == "--sparsity") {
      o.sparsities.clear();
      for (const std::string& s : split(value(), ',')) {
        char* end = nullptr;
        const double percent = std::strtod(s.c_str(), &end);
        if (*end || percent < 0 || percent >= 100) usage_error("--sparsity expects percents in [0, 100), got \"" + s + "\"");
        o.sparsities.push_back(percent / 100);
      }
    } else if (flag == "--batch") {
      o.batches.clear();
      for (const std::string& s : split(value(), ',')) o.batches.push_back(parse_positive(s, "--batch"));
    } else if (flag == "--dtype") {
      try {
        o.type = sparsetune::kernels::parse_value_type(value());
      } catch (const std::invalid_argument& e) {
        usage_error(std::string("--dtype: ") + e.what());
      }
    } else if (flag == "--threads") {
      o.threads = static_cast<int>(parse_positive(value(), "--threads"));
    } else if (flag == "--reps") {
      o.reps = static_cast<int>(parse_positive(value(), "--reps"));
    } else if (flag == "--help" || flag == "-h") {
      std::cout << kUsage;
      std::exit(0);
    } else {
      usage_error("unknown flag " + flag);
    }
  }
  if (o.shapes.empty() || o.sparsities.empty() || o.batches.empty()) usage_error("empty --shapes, --sparsity or --batch");
  return o;
}

std::string read_first_line(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

struct Machine {
  std::string cpu, isa, date;
  unsigned cores = 0;
  int64_t llc_bytes = 0;  // 0: unknown
  std::vector<std::string> openmp_libraries;
};

// "36608K" -> bytes.
int64_t parse_cache_size(const std::string& text) {
  if (text.empty()) return 0;
  const int64_t number = std::atoll(text.c_str());
  const char unit = text.back();
  return unit == 'K' ? number << 10 : unit == 'M' ? number << 20 : number;
}

double load_average() {
  double load = 0;
  std::ifstream("/proc/loadavg") >> load;
  return load;
}

Machine describe_machine() {
  Machine m;
  std::ifstream cpuinfo("/proc/cpuinfo");
  for (std::string line; std::getline(cpuinfo, line);)
    if (line.rfind("model name", 0) == 0) {
      m.cpu = line.substr(line.find(':') + 2);
      break;
    }
  m.isa = sparsetune::kernels::cpu_isa();
  m.cores = std::thread::hardware_concurrency();
  m.llc_bytes = parse_cache_size(read_first_line("/sys/devices/system/cpu/cpu0/cache/index3/size"));
  // Every distinct OpenMP runtime mapped into this process (two would fight over the cores).
  std::ifstream maps("/proc/self/maps");
  std::set<std::string> libraries;
  for (std::string line; std::getline(maps, line);) {
    const std::size_t slash = line.find('/');
    if (slash != std::string::npos && (line.find("libgomp") != std::string::npos || line.find("libiomp") != std::string::npos))
      libraries.insert(line.substr(slash));
  }
  m.openmp_libraries.assign(libraries.begin(), libraries.end());
  char date[32];
  const std::time_t now = std::time(nullptr);
  std::strftime(date, sizeof(date), "%Y-%m-%d %H:%M UTC", std::gmtime(&now));
  m.date = date;
  return m;
}

struct Stats {
  double median, p25, p75, min, max;  // milliseconds
};

// One implementation of a case: how many rotated copies of its buffers it has, and one call on copy c.
struct Timed {
  int copies;
  std::function<void(int)> run;
};

// Times the implementations of one case in turns rather than one after another, so that memory bandwidth
// drifting during the case (a machine shared with other tenants) slows them alike and their ratio stays
// meaningful. Each turn gives an implementation one untimed call and then kCallsPerTurn timed ones: the
// OpenMP threads of oneDNN and LibTorch, and the sparse kernels' pool, spin for a while after a call, and an
// implementation's first call after another's would share the cores with those threads — which decoding,
// calling one implementation back to back, does not.
constexpr int kCallsPerTurn = 4;
std::vector<Stats> measure_in_turns(int warmup, int reps, const std::vector<Timed>& impls) {
  std::vector<int> call(impls.size(), 0);
  for (int i = 0; i < warmup; ++i)
    for (std::size_t k = 0; k < impls.size(); ++k) impls[k].run(call[k]++ % impls[k].copies);
  std::vector<std::vector<double>> ms(impls.size());
  for (int done = 0; done < reps; done += kCallsPerTurn)
    for (std::size_t k = 0; k < impls.size(); ++k) {
      impls[k].run(call[k]++ % impls[k].copies);
      for (int i = done; i < std::min(reps, done + kCallsPerTurn); ++i) {
        const auto start = std::chrono::steady_clock::now();
        impls[k].run(call[k]++ % impls[k].copies);
        ms[k].push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
      }
    }
  std::vector<Stats> stats;
  for (auto& times : ms) {
    std::sort(times.begin(), times.end());
    const auto at = [&](double q) { return times[static_cast<std::size_t>(std::lround(q * static_cast<double>(times.size() - 1)))]; };
    stats.push_back({at(0.5), at(0.25), at(0.75), times.front(), times.back()});
  }
  return stats;
}

nlohmann::json to_json(const std::optional<Stats>& s) {
  if (!s) return nullptr;
  return {{"median", s->median}, {"p25", s->p25}, {"p75", s->p75}, {"min", s->min}, {"max", s->max}};
}

// Enough copies that one pass over all of them reads at least twice the last-level cache.
int copies_for(int64_t bytes_per_copy, int64_t llc_bytes) {
  const int64_t llc = llc_bytes > 0 ? llc_bytes : int64_t{64} << 20;
  return static_cast<int>(std::clamp<int64_t>((2 * llc + bytes_per_copy - 1) / bytes_per_copy, 1, 256));
}

std::vector<float> random_dense(Shape s, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  std::vector<float> w(static_cast<std::size_t>(s.rows * s.cols));
  for (float& v : w) {
    v = u(rng);
    if (v == 0.0f) v = 0.5f;
  }
  return w;
}

// w with exactly round(sparsity * size) zeros at uniformly random positions (selection sampling).
std::vector<float> prune_exactly(const std::vector<float>& w, double sparsity, uint32_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<float> pruned = w;
  const auto total = static_cast<int64_t>(w.size());
  int64_t zeros_left = std::llround(sparsity * static_cast<double>(total));
  for (int64_t i = 0; i < total && zeros_left > 0; ++i)
    if (u(rng) * static_cast<double>(total - i) < static_cast<double>(zeros_left)) {
      pruned[i] = 0.0f;
      --zeros_left;
    }
  return pruned;
}

// A bitmap format stores d*b + 1 bits per element (ALGORITHMS.md §4).
double bitmap_formula_bound(double sparsity, ValueType type) {
  const double bits = 8.0 * static_cast<double>(sparsetune::kernels::value_bytes(type));
  return bits / ((1 - sparsity) * bits + 1);
}

struct DenseTimes {
  std::optional<Stats> onednn, torch;
};

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse_options(argc, argv);
  bench::set_dense_threads(o.threads);
  const Machine machine = describe_machine();
  if (o.json) {
    const nlohmann::json record = {{"record", "machine"},   {"date", machine.date},       {"cpu", machine.cpu},
                                   {"isa", machine.isa},     {"cores", machine.cores},     {"threads", o.threads},
                                   {"llc_bytes", machine.llc_bytes}, {"onednn", bench::onednn_version()},
                                   {"torch", bench::torch_version()}, {"openmp_libraries", machine.openmp_libraries},
                                   {"dtype", sparsetune::kernels::to_string(o.type)}, {"reps", o.reps},
                                   {"load1", load_average()}};
    std::cout << record.dump() << std::endl;
  } else {
    std::printf("sparsetune-bench  %s\nCPU: %s, %u cores; sparse ISA %s; %d threads; LLC %lld KiB; load %.2f\n%s, %s; OpenMP:",
                machine.date.c_str(), machine.cpu.c_str(), machine.cores, machine.isa.c_str(), o.threads,
                static_cast<long long>(machine.llc_bytes >> 10), load_average(), bench::onednn_version().c_str(),
                bench::torch_version().c_str());
    for (const std::string& library : machine.openmp_libraries) std::printf(" %s", library.c_str());
    std::printf("\ndtype %s; median of %d runs after %d warm-up runs, [p25-p75]; times in ms\n\n",
                sparsetune::kernels::to_string(o.type).c_str(), o.reps, o.warmup);
    std::printf("%-11s %4s %5s | %-20s %-20s | %-20s | %7s | %6s %7s %6s | %s\n", "shape", "sp%", "batch",
                "oneDNN", "LibTorch", "sparse", "speedup", "bound", "bitmap", "%bound", "GB/s dense/sparse");
  }

  uint32_t seed = 1;
  for (const Shape& shape : o.shapes) {
    const std::vector<float> dense = random_dense(shape, seed++);
    const int64_t dense_bytes = shape.rows * shape.cols * static_cast<int64_t>(sparsetune::kernels::value_bytes(o.type)) +
                                (o.type == ValueType::i8 ? shape.rows * 4 : 0);
    // Dense baselines per batch, kept for all sparsities of this shape and timed beside each sparse case.
    std::map<int64_t, std::unique_ptr<bench::DenseBaseline>> onednn, torch;
    std::map<int64_t, int> dense_copies;
    std::map<int64_t, std::string> why_no_onednn, why_no_torch;
    for (int64_t batch : o.batches) {
      const int64_t io_bytes = 4 * batch * (shape.rows + shape.cols);
      dense_copies[batch] = copies_for(dense_bytes + io_bytes, machine.llc_bytes);
      const bench::DenseProblem problem{&dense, shape.rows, shape.cols, batch, dense_copies[batch], o.type};
      onednn[batch] = bench::make_onednn_baseline(problem, why_no_onednn[batch]);
      torch[batch] = bench::make_torch_baseline(problem, why_no_torch[batch]);
      for (const auto* why : {&why_no_onednn[batch], &why_no_torch[batch]})
        if (!why->empty()) std::cerr << "sparsetune-bench: no dense baseline for " << shape.rows << "x" << shape.cols
                                     << " batch " << batch << ": " << *why << "\n";
    }
    for (double sparsity : o.sparsities) {
      const SparseMatrix matrix =
          SparseMatrix::from_dense(prune_exactly(dense, sparsity, seed++).data(), shape.rows, shape.cols, o.type);
      const int64_t max_batch = *std::max_element(o.batches.begin(), o.batches.end());
      const int sparse_copies = copies_for(static_cast<int64_t>(matrix.bytes()) + 4 * max_batch * (shape.rows + shape.cols),
                                           machine.llc_bytes);
      std::vector<SparseMatrix> matrices(static_cast<std::size_t>(sparse_copies), matrix);
      std::vector<std::vector<float>> inputs, outputs;
      std::mt19937 rng(seed++);
      std::uniform_real_distribution<float> u(-1.0f, 1.0f);
      for (int copy = 0; copy < sparse_copies; ++copy) {
        inputs.emplace_back(static_cast<std::size_t>(max_batch * shape.cols));
        for (float& v : inputs.back()) v = u(rng);
        outputs.emplace_back(static_cast<std::size_t>(max_batch * shape.rows));
      }
      for (int64_t batch : o.batches) {
        const int copies = dense_copies[batch];
        std::vector<Timed> impls = {{sparse_copies, [&](int c) { matrices[c].multiply(inputs[c].data(), batch, outputs[c].data(), o.threads); }}};
        if (onednn[batch]) impls.push_back({copies, [&](int c) { onednn[batch]->run(c); }});
        if (torch[batch]) impls.push_back({copies, [&](int c) { torch[batch]->run(c); }});
        const std::vector<Stats> stats = measure_in_turns(o.warmup, o.reps, impls);
        const Stats& sparse = stats[0];
        DenseTimes dense_times;
        std::size_t next = 1;
        if (onednn[batch]) dense_times.onednn = stats[next++];
        if (torch[batch]) dense_times.torch = stats[next++];
        std::optional<Stats> best;
        std::string best_name = "none";
        if (dense_times.onednn) best = dense_times.onednn, best_name = "onednn";
        if (dense_times.torch && (!best || dense_times.torch->median < best->median)) best = dense_times.torch, best_name = "torch";
        const double bound = static_cast<double>(dense_bytes) / static_cast<double>(matrix.bytes());
        const double formula = bitmap_formula_bound(sparsity, o.type);
        const double speedup = best ? best->median / sparse.median : 0.0;
        const double dense_gbps = best ? static_cast<double>(dense_bytes) / best->median / 1e6 : 0.0;
        const double sparse_gbps = static_cast<double>(matrix.bytes()) / sparse.median / 1e6;
        if (o.json) {
          const nlohmann::json record = {
              {"record", "case"},
              {"rows", shape.rows},
              {"cols", shape.cols},
              {"sparsity", sparsity},
              {"batch", batch},
              {"dtype", sparsetune::kernels::to_string(o.type)},
              {"threads", o.threads},
              {"isa", machine.isa},
              {"onednn_ms", to_json(dense_times.onednn)},
              {"torch_ms", to_json(dense_times.torch)},
              {"sparse_ms", to_json(sparse)},
              {"best_dense", best_name},
              {"speedup", best ? nlohmann::json(speedup) : nlohmann::json(nullptr)},
              {"dense_bytes", dense_bytes},
              {"sparse_bytes", matrix.bytes()},
              {"nnz", matrix.nnz()},
              {"bandwidth_bound", bound},
              {"bitmap_formula_bound", formula},
              {"fraction_of_bound", best ? nlohmann::json(speedup / bound) : nlohmann::json(nullptr)},
              {"dense_copies", copies},
              {"sparse_copies", sparse_copies},
              {"load1", load_average()}};
          std::cout << record.dump() << std::endl;
        } else {
          const auto cell = [](const std::optional<Stats>& s) {
            if (!s) return std::string("n/a");
            char text[64];
            std::snprintf(text, sizeof(text), "%.3f [%.3f-%.3f]", s->median, s->p25, s->p75);
            return std::string(text);
          };
          char shape_text[32];
          std::snprintf(shape_text, sizeof(shape_text), "%lldx%lld", static_cast<long long>(shape.rows),
                        static_cast<long long>(shape.cols));
          std::printf("%-11s %4.0f %5lld | %-20s %-20s | %-20s | %6.2fx | %6.2f %7.2f %5.0f%% | %.1f / %.1f\n",
                      shape_text, sparsity * 100, static_cast<long long>(batch), cell(dense_times.onednn).c_str(),
                      cell(dense_times.torch).c_str(), cell(sparse).c_str(), speedup, bound, formula,
                      100 * speedup / bound, dense_gbps, sparse_gbps);
          std::fflush(stdout);
        }
      }
    }
  }
  return 0;
}
