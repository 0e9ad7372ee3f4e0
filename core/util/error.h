#pragma once
#include <stdexcept>
#include <string>

namespace sparsetune {

// Base of every error the core throws on purpose.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Untrusted input (model file, tokenizer, dataset, recipe, text) that is not what we expected.
// The message always reads "<file>: <field>: <what was expected / what is wrong>", so a user
// can find the exact place to fix.
class InputError : public Error {
 public:
  InputError(std::string file, std::string field, std::string problem);
  const std::string& file() const { return file_; }
  const std::string& field() const { return field_; }
  const std::string& problem() const { return problem_; }

 private:
  std::string file_, field_, problem_;
};

}  // namespace sparsetune
