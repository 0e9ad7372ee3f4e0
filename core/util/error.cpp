#include "core/util/error.h"

namespace sparsetune {

InputError::InputError(std::string file, std::string field, std::string problem)
    : Error(file + ": " + field + ": " + problem),
      file_(std::move(file)),
      field_(std::move(field)),
      problem_(std::move(problem)) {}

}  // namespace sparsetune
