# LibTorch from the pinned PyPI torch wheel: its CMake package lives inside the wheel.
if(NOT EXISTS "${SPARSETUNE_PYTHON}")
  message(FATAL_ERROR "No project venv at ${SPARSETUNE_PYTHON}: run scripts/setup.sh first "
                      "(or pass -DSPARSETUNE_PYTHON=/path/to/python with torch installed)")
endif()
execute_process(
  COMMAND "${SPARSETUNE_PYTHON}" -c "import torch, torch.utils; print(torch.utils.cmake_prefix_path); print(torch.__version__); print(torch.version.cuda or '')"
  OUTPUT_VARIABLE _torch_out RESULT_VARIABLE _torch_rc OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT _torch_rc EQUAL 0)
  message(FATAL_ERROR "${SPARSETUNE_PYTHON} cannot import torch: run scripts/setup.sh")
endif()
string(REPLACE "\n" ";" _torch_out "${_torch_out}")
list(GET _torch_out 0 _torch_prefix)
list(GET _torch_out 1 SPARSETUNE_TORCH_VERSION)
list(LENGTH _torch_out _n)
set(SPARSETUNE_TORCH_CUDA "")
if(_n GREATER 2)
  list(GET _torch_out 2 SPARSETUNE_TORCH_CUDA)
endif()
list(APPEND CMAKE_PREFIX_PATH "${_torch_prefix}")
message(STATUS "LibTorch ${SPARSETUNE_TORCH_VERSION} (CUDA ${SPARSETUNE_TORCH_CUDA}) from ${_torch_prefix}")
# Torch's CMake package probes the local GPU for its arch list unless told; we build for A100 and H100.
if(NOT DEFINED TORCH_CUDA_ARCH_LIST)
  set(TORCH_CUDA_ARCH_LIST "8.0;9.0")
endif()
set(CMAKE_CUDA_STANDARD 17)
set(CMAKE_CUDA_STANDARD_REQUIRED ON)
find_package(Torch REQUIRED)
separate_arguments(SPARSETUNE_TORCH_CXX_FLAGS UNIX_COMMAND "${TORCH_CXX_FLAGS}")
