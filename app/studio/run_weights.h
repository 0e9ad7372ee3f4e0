#pragma once
#include <QString>

#include <cstdint>

namespace sparsetune {
class RunStore;
}

namespace sparsetune::studio {

// The newest complete weights a run has written, as a model folder: its final model, else its latest
// checkpoint's model; empty when it has written none (or they were deleted).
QString newestRunWeights(RunStore& store, int64_t run);

}  // namespace sparsetune::studio
