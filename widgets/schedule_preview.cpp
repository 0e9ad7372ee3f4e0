#include "widgets/schedule_preview.h"

#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <set>
#include <string_view>

#include "core/train/recipe_schedule.h"
#include "core/util/error.h"

namespace sparsetune::widgets {

namespace {

// Curves are drawn from at most this many steps (plus the steps around every jump), so a long run's
// preview redraws as fast as a short one's while the user types.
constexpr int64_t kMaxCurveSamples = 4000;

const QColor kSparsityColour(31, 119, 180);
const QColor kLrColour(255, 127, 14);
const QColor kDistillationColour(44, 160, 44);

QString percent(double share) { return SchedulePreview::tr("%1 %").arg(share * 100.0, 0, 'g', 3); }
QString weight(double w) { return QString::number(w, 'g', 3); }
QString text_of(std::string_view name) { return QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size())); }

bool prunes(const Recipe& recipe) {
  return recipe.pruning.method != PruningMethod::none && recipe.pruning.schedule.kind != ScheduleKind::constant;
}

// Every `stride`-th step of [0, total], plus the step before and at each breakpoint so one-shot jumps
// and the warm-up's end are drawn where they happen.
std::vector<int64_t> curve_steps(int64_t total, const std::vector<int64_t>& breakpoints) {
  std::set<int64_t> steps;
  const int64_t stride = std::max<int64_t>(1, (total + kMaxCurveSamples - 1) / kMaxCurveSamples);
  for (int64_t t = 0; t < total; t += stride) steps.insert(t);
  steps.insert(total);
  for (int64_t b : breakpoints)
    for (int64_t t : {b - 1, b})
      if (t >= 0 && t <= total) steps.insert(t);
  return {steps.begin(), steps.end()};
}

// The y coordinate of a lane's centre in the timeline.
double lane_y(ScheduleLane lane) {
  switch (lane) {
    case ScheduleLane::pruning: return 4;
    case ScheduleLane::distillation: return 3;
    case ScheduleLane::lr_warmup: return 2;
    case ScheduleLane::lr_decay: return 1;
  }
  return 0;
}

QColor lane_colour(ScheduleLane lane) {
  switch (lane) {
    case ScheduleLane::pruning: return kSparsityColour;
    case ScheduleLane::distillation: return kDistillationColour;
    case ScheduleLane::lr_warmup:
    case ScheduleLane::lr_decay: return kLrColour;
  }
  return Qt::gray;
}

}  // namespace

std::vector<SchedulePhase> schedule_phases(const Recipe& recipe, int64_t totalSteps) {
  std::vector<SchedulePhase> phases;
  const auto& schedule = recipe.pruning.schedule;
  if (prunes(recipe)) {
    QString detail = text_of(to_string(recipe.pruning.method));
    if (!recipe.pruning.structure.unstructured()) detail += QLatin1Char(' ') + QString::fromStdString(recipe.pruning.structure.to_string());
    const QString kind = text_of(to_string(schedule.kind));
    switch (schedule.kind) {
      case ScheduleKind::oneshot:
        phases.push_back({SchedulePreview::tr("Pruning"), schedule.start_step, schedule.start_step,
                          SchedulePreview::tr("%1, one-shot to %2").arg(detail, percent(recipe.final_sparsity())),
                          ScheduleLane::pruning});
        break;
      case ScheduleKind::linear:
      case ScheduleKind::cubic:
        phases.push_back({SchedulePreview::tr("Pruning"), schedule.start_step, schedule.end_step,
                          SchedulePreview::tr("%1, %2 %3 → %4")
                              .arg(detail, kind, percent(schedule.initial_sparsity), percent(recipe.final_sparsity())),
                          ScheduleLane::pruning});
        break;
      case ScheduleKind::points:
        if (!schedule.points.empty())
          phases.push_back({SchedulePreview::tr("Pruning"), schedule.points.front().first, schedule.points.back().first,
                            SchedulePreview::tr("%1, points to %2").arg(detail, percent(schedule.points.back().second)),
                            ScheduleLane::pruning});
        break;
      case ScheduleKind::constant: break;
    }
  }
  if (totalSteps <= 0) return phases;

  const auto& d = recipe.distillation;
  if (d.kd > 0 || d.squarehead > 0) {
    QStringList terms;
    if (d.ce > 0) terms << SchedulePreview::tr("CE × %1").arg(weight(d.ce));
    if (d.kd > 0) terms << SchedulePreview::tr("KD × %1 (T = %2)").arg(weight(d.kd), weight(d.temperature));
    if (d.squarehead > 0) terms << SchedulePreview::tr("SquareHead × %1").arg(weight(d.squarehead));
    phases.push_back({SchedulePreview::tr("Distillation"), 0, totalSteps, terms.join(QStringLiteral(", ")),
                      ScheduleLane::distillation});
  }
  const auto& t = recipe.training;
  const int64_t warmup_end = std::clamp<int64_t>(t.warmup_steps, 0, totalSteps);
  if (warmup_end > 0)
    phases.push_back({SchedulePreview::tr("LR warm-up"), 0, warmup_end, SchedulePreview::tr("0 → %1").arg(weight(t.lr)),
                      ScheduleLane::lr_warmup});
  if (warmup_end < totalSteps)
    phases.push_back({SchedulePreview::tr("LR decay"), warmup_end, totalSteps, text_of(to_string(t.lr_schedule)),
                      ScheduleLane::lr_decay});
  return phases;
}

SchedulePreview::SchedulePreview(QWidget* parent)
    : QWidget(parent), plot_(new QCustomPlot(this)), timeline_(new QCPAxisRect(plot_)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(plot_);
  setMinimumHeight(320);

  QCPAxisRect* curves = plot_->axisRect();
  sparsity_ = plot_->addGraph(curves->axis(QCPAxis::atBottom), curves->axis(QCPAxis::atLeft));
  sparsity_->setName(tr("target sparsity"));
  sparsity_->setPen(QPen(kSparsityColour, 2));
  updates_ = plot_->addGraph(curves->axis(QCPAxis::atBottom), curves->axis(QCPAxis::atLeft));
  updates_->setName(tr("mask update"));
  updates_->setLineStyle(QCPGraph::lsNone);
  updates_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, kSparsityColour.darker(140), 5));
  plot_->yAxis2->setVisible(true);
  lr_ = plot_->addGraph(curves->axis(QCPAxis::atBottom), plot_->yAxis2);
  lr_->setName(tr("learning rate"));
  lr_->setPen(QPen(kLrColour, 1.5, Qt::DashLine));

  plot_->yAxis->setLabel(tr("target sparsity (%)"));
  plot_->yAxis->setRange(0, 100);
  plot_->yAxis2->setLabel(tr("learning rate"));
  plot_->yAxis2->setNumberFormat(QStringLiteral("gb"));
  plot_->yAxis2->setNumberPrecision(2);

  // The timeline sits under the curves and shares their step axis; the margin group keeps both
  // plot areas exactly above each other whatever the tick labels' widths.
  plot_->plotLayout()->addElement(1, 0, timeline_);
  plot_->plotLayout()->setRowStretchFactor(0, 3);
  plot_->plotLayout()->setRowStretchFactor(1, 1.3);
  timeline_->setMinimumSize(0, 100);
  auto* margins = new QCPMarginGroup(plot_);
  curves->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
  timeline_->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
  QSharedPointer<QCPAxisTickerText> lanes(new QCPAxisTickerText);
  lanes->addTick(lane_y(ScheduleLane::pruning), tr("Pruning"));
  lanes->addTick(lane_y(ScheduleLane::distillation), tr("Distillation"));
  lanes->addTick(lane_y(ScheduleLane::lr_warmup), tr("LR warm-up"));
  lanes->addTick(lane_y(ScheduleLane::lr_decay), tr("LR decay"));
  timeline_->axis(QCPAxis::atLeft)->setTicker(lanes);
  timeline_->axis(QCPAxis::atLeft)->setRange(0.4, 4.6);
  timeline_->axis(QCPAxis::atLeft)->grid()->setVisible(false);
  timeline_->axis(QCPAxis::atBottom)->setLabel(tr("step"));

  plot_->legend->setVisible(true);
  plot_->legend->setFillOrder(QCPLegend::foColumnsFirst);
  plot_->legend->setBorderPen(Qt::NoPen);
  plot_->plotLayout()->insertRow(0);
  plot_->plotLayout()->addElement(0, 0, plot_->legend);
  plot_->plotLayout()->setRowStretchFactor(0, 0.001);
}

void SchedulePreview::setRecipe(const Recipe& recipe, int64_t totalSteps) {
  plot_->clearItems();
  sparsity_->data()->clear();
  updates_->data()->clear();
  lr_->data()->clear();
  problem_.clear();
  phases_ = schedule_phases(recipe, totalSteps);

  const int64_t x_end = std::max<int64_t>(totalSteps, 1);
  // A little room left of step 0 and right of the end, so events there stay visible beside the axes.
  const double margin = static_cast<double>(x_end) / 100.0;
  plot_->xAxis->setRange(-margin, static_cast<double>(x_end) + margin);
  timeline_->axis(QCPAxis::atBottom)->setRange(-margin, static_cast<double>(x_end) + margin);
  drawTimeline(x_end);
  if (totalSteps <= 0) {
    showProblem(tr("No preview: the recipe has no training steps (set training.steps)."));
    return;
  }

  const auto& training = recipe.training;
  const SparsitySchedule schedule = sparsity_schedule_of(recipe);
  std::vector<int64_t> breakpoints = {schedule.start_step, schedule.end_step, training.warmup_steps};
  for (const auto& point : schedule.points) breakpoints.push_back(point.step);
  const std::vector<int64_t> steps = curve_steps(totalSteps, breakpoints);

  QVector<double> x, lr;
  for (int64_t t : steps) {
    x << static_cast<double>(t);
    lr << learning_rate_at(t, totalSteps, training.warmup_steps, training.lr, training.lr_schedule);
  }
  lr_->setData(x, lr, true);
  const double lr_top = *std::max_element(lr.begin(), lr.end());
  plot_->yAxis2->setRange(0, lr_top > 0 ? lr_top * 1.1 : 1.0);

  try {
    schedule.validate();
  } catch (const Error& e) {
    showProblem(tr("No sparsity preview: %1").arg(QString::fromStdString(e.what())));
    return;
  }
  QVector<double> sparsity;
  for (int64_t t : steps) sparsity << schedule.target(t) * 100.0;
  sparsity_->setData(x, sparsity, true);

  // The trainer updates the masks at the start of steps 0 … total − 1, and only when it prunes.
  if (prunes(recipe)) {
    QVector<double> update_steps, update_values;
    for (int64_t t = 0; t < totalSteps; ++t) {
      if (!schedule.is_update_step(t)) continue;
      update_steps << static_cast<double>(t);
      update_values << schedule.target(t) * 100.0;
    }
    updates_->setData(update_steps, update_values, true);
  }
  plot_->replot();
}

void SchedulePreview::showProblem(const QString& problem) {
  problem_ = problem;
  auto* text = new QCPItemText(plot_);
  text->setClipAxisRect(plot_->axisRect());
  text->position->setType(QCPItemPosition::ptAxisRectRatio);
  text->position->setAxisRect(plot_->axisRect());
  text->position->setCoords(0.5, 0.5);
  text->setPositionAlignment(Qt::AlignCenter);
  text->setTextAlignment(Qt::AlignCenter);
  text->setText(problem);
  plot_->replot();
}

void SchedulePreview::drawTimeline(int64_t totalSteps) {
  QCPAxis* x = timeline_->axis(QCPAxis::atBottom);
  QCPAxis* y = timeline_->axis(QCPAxis::atLeft);
  const auto place = [&](QCPItemPosition* position, double step, double lane) {
    position->setAxes(x, y);
    position->setCoords(step, lane);
  };
  for (const auto& phase : phases_) {
    const double lane = lane_y(phase.lane);
    const QColor colour = lane_colour(phase.lane);
    if (phase.end > phase.start) {
      auto* span = new QCPItemRect(plot_);
      span->setClipAxisRect(timeline_);
      place(span->topLeft, static_cast<double>(phase.start), lane + 0.3);
      place(span->bottomRight, static_cast<double>(phase.end), lane - 0.3);
      span->setPen(QPen(colour.darker(120)));
      QColor fill = colour;
      fill.setAlpha(90);
      span->setBrush(fill);
    } else {
      auto* marker = new QCPItemLine(plot_);
      marker->setClipAxisRect(timeline_);
      place(marker->start, static_cast<double>(phase.start), lane - 0.4);
      place(marker->end, static_cast<double>(phase.start), lane + 0.4);
      marker->setPen(QPen(colour, 3));
    }
    auto* label = new QCPItemText(plot_);
    label->setClipAxisRect(timeline_);
    // Labels start at the phase, unless it begins in the right half: then they end there.
    const bool right_half = static_cast<double>(phase.start) > 0.5 * static_cast<double>(totalSteps);
    place(label->position, static_cast<double>(phase.start), lane);
    label->setPositionAlignment((right_half ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    label->setPadding(QMargins(6, 0, 6, 0));
    label->setText(phase.detail);
  }
}

}  // namespace sparsetune::widgets
