// Precompiled header for targets that use LibTorch (see core/CMakeLists.txt).
#pragma once
#include <torch/torch.h>
