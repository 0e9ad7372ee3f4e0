#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace sparsetune::kernels {

// A small persistent pool for the CPU kernels. Not OpenMP on purpose: LibTorch's wheel ships its own
// libgomp, and two OpenMP runtimes in one process fight over the cores.
//
// Waking a sleeping thread goes through the kernel and, in a virtual machine, through the hypervisor: tens
// of microseconds, as long as a whole product of a small model's layer. Decoding calls the kernels every few
// microseconds, so a worker first spins for kSpin after its part (yielding its core to any other runnable
// thread) and only then sleeps; the caller waits for the workers the same way. This pays only while no other
// runtime spins on the same cores: LibTorch's OpenMP threads do, after each of its parallel regions, so the
// sparse decode path runs LibTorch's own operations on one thread (SingleThreadedTorch).
class ThreadPool {
 public:
  static constexpr std::chrono::microseconds kSpin{100};

  ThreadPool() = default;
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  // Runs task(part) for every part in [0, parts): part 0 on the calling thread, the others on pool threads
  // (started on first need and kept). Returns when all parts are done. Calls from several threads run one
  // after another, so a task must not call run() itself; it must not throw either.
  void run(int parts, const std::function<void(int)>& task);

  // The pool SparseMatrix::multiply uses.
  static ThreadPool& shared();

 private:
  void worker_loop(int part);

  std::mutex run_mutex_;  // one run at a time
  std::mutex mutex_;      // guards task_, parts_ and the sleeps; generation_ and unfinished_ are also spun on
  std::condition_variable work_ready_, work_done_;
  std::vector<std::thread> workers_;  // worker i runs part i + 1
  const std::function<void(int)>* task_ = nullptr;
  int parts_ = 0;
  std::atomic<int> unfinished_{0};
  std::atomic<uint64_t> generation_{0};
  std::atomic<bool> stopping_{false};
};

}  // namespace sparsetune::kernels
