#pragma once
#include <string>

namespace sparsetune::widgets {

// The memory-bandwidth bound on a batch-1 sparse product's speedup over the dense float32 weight
// (ALGORITHMS.md §4): decoding reads every weight once, so the speedup is at most dense bytes /
// sparse bytes. The kernels' bitmap format (kernels/sparse_matrix.h) stores one mask bit per weight
// plus the kept values (4 bytes f32, 2 bytes bf16, 1 byte i8), so with density d = 1 − sparsity and
// value width b bits the bound is 32 / (d·b + 1). Tile headers (one byte per 256 columns) and the i8
// row scales cost under 1 % and are left out, as in the design table. The dense side is always
// float32 because that is what the profiler's dense baseline reads. 0 for an unknown value type.
double bitmap_speedup_bound(double sparsity, const std::string& value_type);

}  // namespace sparsetune::widgets
