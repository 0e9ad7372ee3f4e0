// oneDNN's dense baseline, built without LibTorch's include paths (see torch_baseline.cpp).
#include <cmath>

#include "app/bench/dense_baselines.h"

#ifdef SPARSETUNE_HAVE_DNNL
#include <oneapi/dnnl/dnnl.hpp>
#endif

namespace sparsetune::bench {

#ifdef SPARSETUNE_HAVE_DNNL
namespace {

class OneDnnBaseline : public DenseBaseline {
 public:
  explicit OneDnnBaseline(const DenseProblem& p) : engine_(dnnl::engine::kind::cpu, 0), stream_(engine_) {
    using dt = dnnl::memory::data_type;
    using tag = dnnl::memory::format_tag;
    // f32: f32 x f32; bf16: bf16 x bf16; i8: u8 activations x s8 weights with per-output-channel scales.
    const dt src_type = p.type == kernels::ValueType::f32 ? dt::f32 : p.type == kernels::ValueType::bf16 ? dt::bf16 : dt::u8;
    const dt weight_type = p.type == kernels::ValueType::f32 ? dt::f32 : p.type == kernels::ValueType::bf16 ? dt::bf16 : dt::s8;
    const dnnl::memory::desc src_md({p.batch, p.cols}, src_type, tag::ab);
    const dnnl::memory::desc weights_any({p.cols, p.rows}, weight_type, tag::any);
    const dnnl::memory::desc dst_md({p.batch, p.rows}, dt::f32, tag::ab);
    dnnl::primitive_attr attr;
    std::vector<int8_t> q;
    std::vector<float> scales;
    if (p.type == kernels::ValueType::i8) {
      quantize_rows(*p.weights, p.rows, p.cols, q, scales);
      attr.set_output_scales(1 << 1, scales);
    }
    const dnnl::matmul::primitive_desc pd(dnnl::matmul::desc(src_md, weights_any, dst_md), attr, engine_);
    matmul_ = dnnl::matmul(pd);
    // W is [rows, cols] row-major, i.e. the [cols, rows] weights in "ba" order; reordered once per copy into
    // the layout the primitive chose.
    const void* user_weights = p.type == kernels::ValueType::i8 ? static_cast<const void*>(q.data()) : p.weights->data();
    const dnnl::memory::desc user_weights_md({p.cols, p.rows}, p.type == kernels::ValueType::i8 ? dt::s8 : dt::f32, tag::ba);
    dnnl::memory user_w(user_weights_md, engine_, const_cast<void*>(user_weights));
    for (int copy = 0; copy < p.copies; ++copy) {
      dnnl::memory w(pd.weights_desc(), engine_);
      dnnl::reorder(user_w, w).execute(stream_, user_w, w);
      weights_.push_back(w);
      const std::vector<float> x = random_activations(p.batch * p.cols, 1000 + copy);
      dnnl::memory user_x({{p.batch, p.cols}, dt::f32, tag::ab}, engine_, const_cast<float*>(x.data()));
      dnnl::memory src(src_md, engine_);
      if (p.type == kernels::ValueType::i8) {
        // Activations as u8 around 128; their values do not change the speed of the product.
        auto* bytes = static_cast<uint8_t*>(src.get_data_handle());
        for (std::size_t i = 0; i < x.size(); ++i) bytes[i] = static_cast<uint8_t>(128 + std::lround(x[i] * 127));
      } else {
        dnnl::reorder(user_x, src).execute(stream_, user_x, src);
      }
      sources_.push_back(src);
      destinations_.emplace_back(dst_md, engine_);
    }
    stream_.wait();
  }
  void run(int copy) override {
    matmul_.execute(stream_, {{DNNL_ARG_SRC, sources_[copy]}, {DNNL_ARG_WEIGHTS, weights_[copy]},
                              {DNNL_ARG_DST, destinations_[copy]}});
    stream_.wait();
  }

 private:
  dnnl::engine engine_;
  dnnl::stream stream_;
  dnnl::matmul matmul_;
  std::vector<dnnl::memory> weights_, sources_, destinations_;
};
}  // namespace
#endif

std::unique_ptr<DenseBaseline> make_onednn_baseline(const DenseProblem& problem, std::string& why_not) {
#ifdef SPARSETUNE_HAVE_DNNL
  try {
    return std::make_unique<OneDnnBaseline>(problem);
  } catch (const dnnl::error& e) {
    why_not = std::string("oneDNN: ") + e.what();
    return nullptr;
  }
#else
  why_not = "oneDNN: not found at build time (install libdnnl-dev)";
  return nullptr;
#endif
}

std::string onednn_version() {
#ifdef SPARSETUNE_HAVE_DNNL
  const dnnl_version_t* v = dnnl::version();
  return "oneDNN " + std::to_string(v->major) + "." + std::to_string(v->minor) + "." + std::to_string(v->patch);
#else
  return "oneDNN not built";
#endif
}

}  // namespace sparsetune::bench
