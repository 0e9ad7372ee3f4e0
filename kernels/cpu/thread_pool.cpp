#include "kernels/thread_pool.h"

#include <chrono>

namespace sparsetune::kernels {

namespace {

// Spins until done() or for ThreadPool::kSpin, whichever comes first; true when done() became true.
template <typename Done>
bool spin_until(Done done) {
  const auto deadline = std::chrono::steady_clock::now() + ThreadPool::kSpin;
  while (true) {
    for (int i = 0; i < 64; ++i) {
      if (done()) return true;
      __builtin_ia32_pause();
    }
    if (std::chrono::steady_clock::now() >= deadline) return false;
    // Lets a runnable thread that shares this core (LibTorch's, say) go first.
    std::this_thread::yield();
  }
}

}  // namespace

ThreadPool::~ThreadPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  work_ready_.notify_all();
  for (std::thread& worker : workers_) worker.join();
}

ThreadPool& ThreadPool::shared() {
  static ThreadPool pool;
  return pool;
}

void ThreadPool::run(int parts, const std::function<void(int)>& task) {
  if (parts <= 1) {
    task(0);
    return;
  }
  std::lock_guard run_lock(run_mutex_);
  {
    std::lock_guard lock(mutex_);
    while (static_cast<int>(workers_.size()) < parts - 1) {
      const int part = static_cast<int>(workers_.size()) + 1;
      workers_.emplace_back([this, part] { worker_loop(part); });
    }
    task_ = &task;
    parts_ = parts;
    unfinished_.store(parts - 1);
    generation_.fetch_add(1);
  }
  work_ready_.notify_all();
  task(0);
  if (!spin_until([this] { return unfinished_.load(std::memory_order_acquire) == 0; })) {
    std::unique_lock lock(mutex_);
    work_done_.wait(lock, [this] { return unfinished_.load() == 0; });
  }
  std::lock_guard lock(mutex_);
  task_ = nullptr;
}

void ThreadPool::worker_loop(int part) {
  uint64_t seen_generation = 0;
  {
    // A worker started during a run must not skip that run.
    std::lock_guard lock(mutex_);
    seen_generation = generation_.load() - 1;
  }
  while (true) {
    spin_until([&] { return stopping_.load(std::memory_order_relaxed) ||
                            generation_.load(std::memory_order_relaxed) != seen_generation; });
    std::unique_lock lock(mutex_);
    work_ready_.wait(lock, [&] { return stopping_.load() || generation_.load() != seen_generation; });
    if (stopping_) return;
    seen_generation = generation_.load();
    if (part >= parts_) continue;
    const std::function<void(int)>* task = task_;
    lock.unlock();
    (*task)(part);
    if (unfinished_.fetch_sub(1, std::memory_order_acq_rel) == 1) {
      // Under the lock, so a caller that has just stopped spinning cannot miss this between its check and
      // its sleep.
      lock.lock();
      work_done_.notify_one();
    }
  }
}

}  // namespace sparsetune::kernels
