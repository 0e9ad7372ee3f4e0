#include "core/prune/sparsity_allocation.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

#include <nlohmann/json.hpp>

#include "core/util/error.h"

namespace sparsetune {
namespace {

struct Point {
  double sparsity;
  double increase;
};

void check_layer(const LayerSensitivity& layer) {
  if (layer.sparsities.empty() || layer.sparsities.size() != layer.loss.size())
    throw Error("sensitivity of " + layer.module_path + ": needs as many losses as sparsities, and at least one");
  for (std::size_t i = 0; i < layer.sparsities.size(); ++i) {
    const double s = layer.sparsities[i];
    if (!(s >= 0.0 && s < 1.0) || (i > 0 && s <= layer.sparsities[i - 1]))
      throw Error("sensitivity of " + layer.module_path + ": sparsities must ascend within [0, 1)");
  }
}

// The monotone measured curve with (0, 0) in front (unless 0 itself was measured).
std::vector<Point> monotone_curve(const LayerSensitivity& layer, double dense_loss) {
  check_layer(layer);
  std::vector<Point> points;
  if (layer.sparsities.front() > 0.0) points.push_back({0.0, 0.0});
  double highest = 0.0;
  for (std::size_t i = 0; i < layer.sparsities.size(); ++i) {
    // A NaN loss (a diverged forward) is taken as no information, not as the highest loss.
    if (std::isfinite(layer.loss[i])) highest = std::max(highest, layer.loss[i] - dense_loss);
    points.push_back({layer.sparsities[i], highest});
  }
  return points;
}

double interpolate(const std::vector<Point>& points, double sparsity) {
  if (points.size() == 1) return points[0].increase;
  std::size_t i = 1;
  while (i + 1 < points.size() && points[i].sparsity < sparsity) ++i;
  // Segment [i-1, i]; past the last point this extends the last segment.
  const Point& a = points[i - 1];
  const Point& b = points[i];
  const double t = (sparsity - a.sparsity) / (b.sparsity - a.sparsity);
  return std::max(0.0, a.increase + t * (b.increase - a.increase));
}

// The curve on [0, upper]: its points up to `upper` and the interpolated point at `upper`.
std::vector<Point> clipped_curve(const std::vector<Point>& points, double upper) {
  std::vector<Point> clipped;
  for (const auto& p : points)
    if (p.sparsity < upper) clipped.push_back(p);
  clipped.push_back({upper, interpolate(points, upper)});
  return clipped;
}

// Lower convex envelope (Andrew's monotone chain); collinear points are dropped, so consecutive
// segments have strictly rising slopes.
std::vector<Point> lower_hull(const std::vector<Point>& points) {
  std::vector<Point> hull;
  for (const auto& p : points) {
    while (hull.size() >= 2) {
      const Point& a = hull[hull.size() - 2];
      const Point& b = hull.back();
      const double cross = (b.sparsity - a.sparsity) * (p.increase - a.increase) - (b.increase - a.increase) * (p.sparsity - a.sparsity);
      if (cross > 0) break;
      hull.pop_back();
    }
    hull.push_back(p);
  }
  return hull;
}

struct Segment {
  double cost;       // loss increase per pruned weight
  std::size_t layer;
  std::size_t index;  // position within the layer's envelope, so a layer's segments fill in order
  double width;      // sparsity the segment spans
  double weights;    // width · parameters
};

// Not kernels::value_bytes: sparsetune_base does not link the kernels, only uses their format.
double stored_value_bytes(kernels::ValueType values) {
  switch (values) {
    case kernels::ValueType::f32:
      return 4.0;
    case kernels::ValueType::bf16:
      return 2.0;
    case kernels::ValueType::i8:
      return 1.0;
  }
  throw Error("unknown sparse value type");
}

// One tile of n columns holding k non-zeros (docs/performance.md, "Format").
double tile_bytes(int64_t n, double k, double value_size) {
  const double bitmap_bytes = static_cast<double>((n + 7) / 8);
  if (k > static_cast<double>((n + 15) / 16)) return 1.0 + bitmap_bytes + k * value_size;
  return 1.0 + k + k * value_size;
}

constexpr double kDenseValueBytes = 4.0;  // float32, what the CPU runtime computes dense layers in

double loss_from_json(const nlohmann::json& value) {
  return value.is_null() ? std::numeric_limits<double>::quiet_NaN() : value.get<double>();
}

}  // namespace

std::string sensitivity_to_json(const SensitivityAnalysis& analysis) {
  nlohmann::json layers = nlohmann::json::array();
  for (const auto& l : analysis.layers) {
    nlohmann::json loss = nlohmann::json::array();
    for (const double v : l.loss) loss.push_back(std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr));
    layers.push_back({{"module_path", l.module_path}, {"parameters", l.parameters}, {"out_features", l.out_features},
                      {"in_features", l.in_features}, {"sparsities", l.sparsities}, {"loss", loss}});
  }
  return nlohmann::json{{"method", analysis.method}, {"dense_loss", analysis.dense_loss},
                        {"model_parameters", analysis.model_parameters}, {"tokens", analysis.tokens}, {"layers", layers}}
      .dump();
}

SensitivityAnalysis sensitivity_from_json(const std::string& json) {
  try {
    const auto j = nlohmann::json::parse(json);
    SensitivityAnalysis analysis;
    analysis.method = j.at("method").get<std::string>();
    analysis.dense_loss = j.at("dense_loss").get<double>();
    analysis.model_parameters = j.at("model_parameters").get<int64_t>();
    analysis.tokens = j.at("tokens").get<int64_t>();
    for (const auto& l : j.at("layers")) {
      LayerSensitivity layer;
      layer.module_path = l.at("module_path").get<std::string>();
      layer.parameters = l.at("parameters").get<int64_t>();
      layer.out_features = l.at("out_features").get<int64_t>();
      layer.in_features = l.at("in_features").get<int64_t>();
      layer.sparsities = l.at("sparsities").get<std::vector<double>>();
      for (const auto& v : l.at("loss")) layer.loss.push_back(loss_from_json(v));
      analysis.layers.push_back(std::move(layer));
    }
    return analysis;
  } catch (const nlohmann::json::exception& e) {
    throw Error(std::string("sensitivity analysis JSON: ") + e.what());
  }
}

double predicted_loss_increase(const LayerSensitivity& layer, double dense_loss, double sparsity) {
  return interpolate(monotone_curve(layer, dense_loss), sparsity);
}

std::vector<double> allocate_sparsity(const SensitivityAnalysis& analysis, double target, double max_layer_sparsity) {
  if (!(max_layer_sparsity >= 0.0 && max_layer_sparsity < 1.0))
    throw Error("sparsity allocation: the largest layer sparsity must lie in [0, 1)");
  if (!(target >= 0.0 && target <= max_layer_sparsity))
    throw Error("sparsity allocation: the target sparsity must lie in [0, " + std::to_string(max_layer_sparsity) + "]");

  const std::size_t count = analysis.layers.size();
  std::vector<Segment> segments;
  double total_weights = 0;
  for (std::size_t l = 0; l < count; ++l) {
    const auto& layer = analysis.layers[l];
    const auto hull = lower_hull(clipped_curve(monotone_curve(layer, analysis.dense_loss), max_layer_sparsity));
    if (layer.parameters <= 0) continue;
    const double n = static_cast<double>(layer.parameters);
    total_weights += n;
    for (std::size_t i = 1; i < hull.size(); ++i) {
      const double width = hull[i].sparsity - hull[i - 1].sparsity;
      if (width <= 0) continue;
      segments.push_back({(hull[i].increase - hull[i - 1].increase) / (width * n), l, i, width, width * n});
    }
  }
  std::sort(segments.begin(), segments.end(), [](const Segment& a, const Segment& b) {
    return std::tie(a.cost, a.layer, a.index) < std::tie(b.cost, b.layer, b.index);
  });

  std::vector<double> sparsities(count, 0.0);
  double budget = target * total_weights;  // weights still to prune
  for (std::size_t first = 0; first < segments.size() && budget > 0;) {
    // Segments as cheap as the first (to rounding) are one group, filled by the same fraction.
    const double tolerance = 1e-12 * std::max(1.0, std::abs(segments[first].cost));
    std::size_t end = first;
    double capacity = 0;
    while (end < segments.size() && segments[end].cost - segments[first].cost <= tolerance) capacity += segments[end++].weights;
    const double fraction = std::min(1.0, budget / capacity);
    for (std::size_t i = first; i < end; ++i) sparsities[segments[i].layer] += fraction * segments[i].width;
    budget -= fraction * capacity;
    first = end;
  }
  for (auto& s : sparsities) s = std::clamp(s, 0.0, max_layer_sparsity);
  return sparsities;
}

double sparse_weight_bytes(int64_t out_features, int64_t in_features, double sparsity, kernels::ValueType values) {
  const double b = stored_value_bytes(values);
  const double density = 1.0 - sparsity;
  const int64_t tile = kernels::SparseMatrix::kTileCols;
  const int64_t full_tiles = in_features / tile, rest = in_features % tile;
  double row = static_cast<double>(full_tiles) * tile_bytes(tile, density * static_cast<double>(tile), b);
  if (rest > 0) row += tile_bytes(rest, density * static_cast<double>(rest), b);
  double bytes = static_cast<double>(out_features) * row;
  if (values == kernels::ValueType::i8) bytes += 4.0 * static_cast<double>(out_features);  // one f32 scale per row
  return bytes;
}

AllocationEstimate estimate_allocation(const SensitivityAnalysis& analysis, const std::vector<double>& sparsities,
                                       kernels::ValueType values) {
  if (sparsities.size() != analysis.layers.size())
    throw Error("allocation estimate: " + std::to_string(sparsities.size()) + " sparsities for " +
                std::to_string(analysis.layers.size()) + " layers");
  AllocationEstimate estimate;
  estimate.predicted_loss = analysis.dense_loss;
  double layer_dense = 0, layer_sparse = 0;
  int64_t analysed = 0;
  for (std::size_t l = 0; l < sparsities.size(); ++l) {
    const auto& layer = analysis.layers[l];
    estimate.predicted_loss += predicted_loss_increase(layer, analysis.dense_loss, sparsities[l]);
    const double dense = kDenseValueBytes * static_cast<double>(layer.parameters);
    layer_dense += dense;
    layer_sparse += std::min(dense, sparse_weight_bytes(layer.out_features, layer.in_features, sparsities[l], values));
    analysed += layer.parameters;
  }
  // A model size below the analysed layers' (not recorded) counts as nothing besides them.
  const double others = kDenseValueBytes * static_cast<double>(std::max<int64_t>(0, analysis.model_parameters - analysed));
  estimate.dense_bytes = static_cast<int64_t>(std::llround(others + layer_dense));
  estimate.sparse_bytes = static_cast<int64_t>(std::llround(others + layer_sparse));
  estimate.speedup_bound = layer_sparse > 0 ? layer_dense / layer_sparse : 1.0;
  return estimate;
}

}  // namespace sparsetune
