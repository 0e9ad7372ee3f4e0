#include "core/model/gguf_dequantize.h"

#include <array>
#include <bit>
#include <cmath>
#include <cstring>

#include "core/util/error.h"

// Bit-exactness with the reference needs each multiply and add rounded on its own: the build uses
// ISO C++ (CMAKE_CXX_EXTENSIONS OFF), where GCC does not contract a * b + c into a fused multiply-add.
namespace sparsetune {

namespace {

constexpr std::array<GgmlType, 11> kDequantizable{GgmlType::F32,  GgmlType::F16,  GgmlType::BF16, GgmlType::Q8_0,
                                                   GgmlType::Q4_0, GgmlType::Q4_1, GgmlType::Q5_0, GgmlType::Q5_1,
                                                   GgmlType::Q4_K, GgmlType::Q5_K, GgmlType::Q6_K};
constexpr int64_t kQK = 32;    // elements per block of Q4_0 .. Q8_0
constexpr int64_t kQK_K = 256;  // elements per super-block of the K-quants

uint8_t byte_at(const std::byte* p, int64_t i) { return static_cast<uint8_t>(p[i]); }

float half_at(const std::byte* p) {
  uint16_t bits;
  std::memcpy(&bits, p, 2);
  return half_to_float(bits);
}

void row_f32(const std::byte* src, float* dst, int64_t n) { std::memcpy(dst, src, static_cast<std::size_t>(n) * 4); }

void row_f16(const std::byte* src, float* dst, int64_t n) {
  for (int64_t i = 0; i < n; ++i) dst[i] = half_at(src + 2 * i);
}

void row_bf16(const std::byte* src, float* dst, int64_t n) {
  for (int64_t i = 0; i < n; ++i) {
    uint16_t bits;
    std::memcpy(&bits, src + 2 * i, 2);
    dst[i] = std::bit_cast<float>(static_cast<uint32_t>(bits) << 16);
  }
}

// Q8_0: float16 scale d, 32 int8 quants; x = q * d.
void row_q8_0(const std::byte* src, float* dst, int64_t n) {
  for (int64_t b = 0; b < n / kQK; ++b, src += 34, dst += kQK) {
    const float d = half_at(src);
    for (int64_t j = 0; j < kQK; ++j) dst[j] = static_cast<float>(static_cast<int8_t>(byte_at(src, 2 + j))) * d;
  }
}

// Q4_0: scale d, 16 bytes of nibbles (low nibbles are elements 0-15, high nibbles 16-31); x = (q - 8) * d.
void row_q4_0(const std::byte* src, float* dst, int64_t n) {
  for (int64_t b = 0; b < n / kQK; ++b, src += 18, dst += kQK) {
    const float d = half_at(src);
    for (int64_t j = 0; j < kQK / 2; ++j) {
      const uint8_t q = byte_at(src, 2 + j);
      dst[j] = static_cast<float>((q & 0x0F) - 8) * d;
      dst[j + kQK / 2] = static_cast<float>((q >> 4) - 8) * d;
    }
  }
}

// Q4_1: scale d, minimum m, nibbles as Q4_0; x = q * d + m.
void row_q4_1(const std::byte* src, float* dst, int64_t n) {
  for (int64_t b = 0; b < n / kQK; ++b, src += 20, dst += kQK) {
    const float d = half_at(src);
    const float m = half_at(src + 2);
    for (int64_t j = 0; j < kQK / 2; ++j) {
      const uint8_t q = byte_at(src, 4 + j);
      dst[j] = static_cast<float>(q & 0x0F) * d + m;
      dst[j + kQK / 2] = static_cast<float>(q >> 4) * d + m;
    }
  }
}

// The fifth bit of element j of a Q5 block: bit j of the little-endian 32-bit qh.
uint32_t fifth_bits(const std::byte* p) {
  uint32_t qh;
  std::memcpy(&qh, p, 4);
  return qh;
}

// Q5_0: scale d, 32 high bits, nibbles as Q4_0; x = (q - 16) * d.
void row_q5_0(const std::byte* src, float* dst, int64_t n) {
  for (int64_t b = 0; b < n / kQK; ++b, src += 22, dst += kQK) {
    const float d = half_at(src);
    const uint32_t qh = fifth_bits(src + 2);
    for (int64_t j = 0; j < kQK / 2; ++j) {
      const uint8_t q = byte_at(src, 6 + j);
      const int lo = (q & 0x0F) | static_cast<int>(((qh >> j) & 1) << 4);
      const int hi = (q >> 4) | static_cast<int>(((qh >> (j + 16)) & 1) << 4);
      dst[j] = static_cast<float>(lo - 16) * d;
      dst[j + kQK / 2] = static_cast<float>(hi - 16) * d;
    }
  }
}

// Q5_1: scale d, minimum m, high bits and nibbles as Q5_0; x = q * d + m.
void row_q5_1(const std::byte* src, float* dst, int64_t n) {
  for (int64_t b = 0; b < n / kQK; ++b, src += 24, dst += kQK) {
    const float d = half_at(src);
    const float m = half_at(src + 2);
    const uint32_t qh = fifth_bits(src + 4);
    for (int64_t j = 0; j < kQK / 2; ++j) {
      const uint8_t q = byte_at(src, 8 + j);
      const int lo = (q & 0x0F) | static_cast<int>(((qh >> j) & 1) << 4);
      const int hi = (q >> 4) | static_cast<int>(((qh >> (j + 16)) & 1) << 4);
      dst[j] = static_cast<float>(lo) * d + m;
      dst[j + kQK / 2] = static_cast<float>(hi) * d + m;
    }
  }
}

// The 6-bit scale and minimum of sub-block j (0-7) of a Q4_K/Q5_K super-block, packed in 12 bytes:
// bytes 0-3 hold the scales of 0-3 and bytes 4-7 their minimums in their low 6 bits; sub-blocks 4-7
// take their low 4 bits from bytes 8-11 and their top 2 bits from the spare bits of bytes 0-7.
void scale_min_k4(int j, const std::byte* q, uint8_t& scale, uint8_t& min) {
  if (j < 4) {
    scale = byte_at(q, j) & 63;
    min = byte_at(q, j + 4) & 63;
  } else {
    scale = static_cast<uint8_t>((byte_at(q, j + 4) & 0x0F) | ((byte_at(q, j - 4) >> 6) << 4));
    min = static_cast<uint8_t>((byte_at(q, j + 4) >> 4) | ((byte_at(q, j) >> 6) << 4));
  }
}

// Q4_K: d, dmin, 12 bytes of scales, 128 bytes of nibbles. Eight sub-blocks of 32; each 32 bytes hold
// two sub-blocks (low nibbles, then high nibbles); x = (d * scale) * q - (dmin * min).
void row_q4_k(const std::byte* src, float* dst, int64_t n) {
  for (int64_t b = 0; b < n / kQK_K; ++b, src += 144) {
    const float d = half_at(src);
    const float dmin = half_at(src + 2);
    const std::byte* scales = src + 4;
    const std::byte* q = src + 16;
    for (int j = 0; j < 8; j += 2, q += 32) {
      uint8_t sc, m;
      scale_min_k4(j, scales, sc, m);
      const float d1 = d * static_cast<float>(sc), m1 = dmin * static_cast<float>(m);
      scale_min_k4(j + 1, scales, sc, m);
      const float d2 = d * static_cast<float>(sc), m2 = dmin * static_cast<float>(m);
      for (int l = 0; l < 32; ++l) *dst++ = d1 * static_cast<float>(byte_at(q, l) & 0x0F) - m1;
      for (int l = 0; l < 32; ++l) *dst++ = d2 * static_cast<float>(byte_at(q, l) >> 4) - m2;
    }
  }
}

// Q5_K: as Q4_K with 32 more bytes qh before the nibbles: bit j of qh[l] is the fifth bit of element
// l of sub-block j.
void row_q5_k(const std::byte* src, float* dst, int64_t n) {
  for (int64_t b = 0; b < n / kQK_K; ++b, src += 176) {
    const float d = half_at(src);
    const float dmin = half_at(src + 2);
    const std::byte* scales = src + 4;
    const std::byte* qh = src + 16;
    const std::byte* q = src + 48;
    for (int j = 0; j < 8; j += 2, q += 32) {
      uint8_t sc, m;
      scale_min_k4(j, scales, sc, m);
      const float d1 = d * static_cast<float>(sc), m1 = dmin * static_cast<float>(m);
      scale_min_k4(j + 1, scales, sc, m);
      const float d2 = d * static_cast<float>(sc), m2 = dmin * static_cast<float>(m);
      for (int l = 0; l < 32; ++l) {
        const int high = (byte_at(qh, l) >> j) & 1;
        *dst++ = d1 * static_cast<float>((byte_at(q, l) & 0x0F) + 16 * high) - m1;
      }
      for (int l = 0; l < 32; ++l) {
        const int high = (byte_at(qh, l) >> (j + 1)) & 1;
        *dst++ = d2 * static_cast<float>((byte_at(q, l) >> 4) + 16 * high) - m2;
      }
    }
  }
}

// Q6_K: 128 bytes of low nibbles ql, 64 bytes of 2-bit high parts qh, 16 int8 scales, d. Each half
// of 128 elements takes 64 bytes of ql and 32 of qh: element l + 32 * k (k = 0..3) has its low 4 bits
// from ql[l] (k = 0, 2: low/high nibble) or ql[l + 32] (k = 1, 3) and its high 2 bits from bits 2k of
// qh[l]; x = (d * scale[element / 16]) * (q - 32).
void row_q6_k(const std::byte* src, float* dst, int64_t n) {
  for (int64_t b = 0; b < n / kQK_K; ++b, src += 210) {
    const float d = half_at(src + 208);
    const std::byte* ql = src;
    const std::byte* qh = src + 128;
    const std::byte* scales = src + 192;
    for (int half = 0; half < 2; ++half, ql += 64, qh += 32, scales += 8, dst += 128) {
      for (int l = 0; l < 32; ++l) {
        const uint8_t h = byte_at(qh, l);
        const int q1 = ((byte_at(ql, l) & 0x0F) | ((h & 3) << 4)) - 32;
        const int q2 = ((byte_at(ql, l + 32) & 0x0F) | (((h >> 2) & 3) << 4)) - 32;
        const int q3 = ((byte_at(ql, l) >> 4) | (((h >> 4) & 3) << 4)) - 32;
        const int q4 = ((byte_at(ql, l + 32) >> 4) | (((h >> 6) & 3) << 4)) - 32;
        const int is = l / 16;
        const auto scale = [&](int k) { return d * static_cast<float>(static_cast<int8_t>(byte_at(scales, is + k))); };
        dst[l] = scale(0) * static_cast<float>(q1);
        dst[l + 32] = scale(2) * static_cast<float>(q2);
        dst[l + 64] = scale(4) * static_cast<float>(q3);
        dst[l + 96] = scale(6) * static_cast<float>(q4);
      }
    }
  }
}

}  // namespace

float half_to_float(uint16_t h) {
  const uint32_t sign = static_cast<uint32_t>(h & 0x8000) << 16;
  const uint32_t exponent = (h >> 10) & 0x1F;
  const uint32_t mantissa = h & 0x3FF;
  if (exponent == 0x1F) return std::bit_cast<float>(sign | 0x7F800000u | (mantissa << 13));  // inf, NaN (payload kept)
  if (exponent != 0) return std::bit_cast<float>(sign | ((exponent + 112) << 23) | (mantissa << 13));
  // Zero or subnormal: mantissa * 2^-24, exact in float32.
  return std::bit_cast<float>(sign | std::bit_cast<uint32_t>(std::ldexp(static_cast<float>(mantissa), -24)));
}

uint16_t float_to_bfloat16(float value) {
  const uint32_t bits = std::bit_cast<uint32_t>(value);
  if ((bits & 0x7FFFFFFFu) > 0x7F800000u) return 0x7FC0;  // torch's one NaN
  return static_cast<uint16_t>((bits + 0x7FFFu + ((bits >> 16) & 1)) >> 16);
}

bool can_dequantize(GgmlType type) {
  for (GgmlType t : kDequantizable) {
    if (t == type) return true;
  }
  return false;
}

std::string dequantizable_types() {
  std::string names;
  for (GgmlType t : kDequantizable) names += (names.empty() ? "" : ", ") + ggml_type_name(t);
  return names;
}

void dequantize_row(GgmlType type, const std::byte* src, float* dst, int64_t n) {
  if (n % ggml_block_size(type) != 0)
    throw Error("dequantize_row: " + std::to_string(n) + " values are not whole " + ggml_type_name(type) + " blocks");
  switch (type) {
    case GgmlType::F32: return row_f32(src, dst, n);
    case GgmlType::F16: return row_f16(src, dst, n);
    case GgmlType::BF16: return row_bf16(src, dst, n);
    case GgmlType::Q8_0: return row_q8_0(src, dst, n);
    case GgmlType::Q4_0: return row_q4_0(src, dst, n);
    case GgmlType::Q4_1: return row_q4_1(src, dst, n);
    case GgmlType::Q5_0: return row_q5_0(src, dst, n);
    case GgmlType::Q5_1: return row_q5_1(src, dst, n);
    case GgmlType::Q4_K: return row_q4_k(src, dst, n);
    case GgmlType::Q5_K: return row_q5_k(src, dst, n);
    case GgmlType::Q6_K: return row_q6_k(src, dst, n);
    default: throw Error("dequantize_row: " + ggml_type_name(type) + " is not supported");
  }
}

void dequantize(const GgufFile& file, const GgufTensor& tensor, std::span<float> out) {
  if (!can_dequantize(tensor.type))
    throw InputError(file.path().string(), tensor.name,
                     "type " + ggml_type_name(tensor.type) + " cannot be converted; supported: " + dequantizable_types());
  if (out.size() != static_cast<std::size_t>(tensor.numel))
    throw Error(tensor.name + ": dequantize into " + std::to_string(out.size()) + " floats, the tensor has " +
                std::to_string(tensor.numel));
  dequantize_row(tensor.type, file.data(tensor), out.data(), tensor.numel);
}

}  // namespace sparsetune
