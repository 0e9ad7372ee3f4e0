#include "kernels/thread_pool.h"

namespace sparsetune::kernels {

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
    unfinished_ = parts - 1;
    ++generation_;
  }
  work_ready_.notify_all();
  task(0);
  std::unique_lock lock(mutex_);
  work_done_.wait(lock, [this] { return unfinished_ == 0; });
  task_ = nullptr;
}

void ThreadPool::worker_loop(int part) {
  uint64_t seen_generation = 0;
  {
    // A worker started during a run must not skip that run.
    std::lock_guard lock(mutex_);
    seen_generation = generation_ - 1;
  }
  while (true) {
    std::unique_lock lock(mutex_);
    work_ready_.wait(lock, [&] { return stopping_ || generation_ != seen_generation; });
    if (stopping_) return;
    seen_generation = generation_;
    if (part >= parts_) continue;
    const std::function<void(int)>* task = task_;
    lock.unlock();
    (*task)(part);
    lock.lock();
    if (--unfinished_ == 0) work_done_.notify_one();
  }
}

}  // namespace sparsetune::kernels
