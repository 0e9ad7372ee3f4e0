#pragma once
#include <QColor>
#include <QSharedPointer>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <memory>
#include <vector>

#include "core/store/run_store.h"

class QCheckBox;
class QComboBox;
class QCPAxisTicker;
class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QCPTextElement;
class QCustomPlot;
class QLabel;
class QMouseEvent;
class QSlider;
class QTimer;

namespace sparsetune::widgets {

// A training curve chart the way TensorBoard users expect it: each series drawn raw (faint) behind
// its debiased-EMA smoothed line, a smoothing slider, true log axes, step or wall-time x-axis,
// auto-fit while data arrives live (until the user zooms or drags; Fit or a double click resumes
// it), a hover read-out, horizontal reference lines, a legend that toggles series, and CSV export.
//
// Data changes are cheap: they update the graphs and schedule one coalesced redraw ~40 ms later, so a
// training run can append a point per step without the chart redrawing per point.
class CurvePlot : public QWidget {
  Q_OBJECT
 public:
  explicit CurvePlot(QWidget* parent = nullptr);
  ~CurvePlot() override;

  // Creates the series, or gives an existing one a new label and colour.
  void setSeries(const QString& key, const QString& label, const QColor& color);
  // Adds points after the series' existing ones. A key not set before becomes a series labelled by
  // the key in the next palette colour.
  void appendPoints(const QString& key, const std::vector<MetricPoint>& points);
  // Replaces the series' points (creating the series like appendPoints does).
  void setPoints(const QString& key, const std::vector<MetricPoint>& points);
  void removeSeries(const QString& key);
  // Removes every series and reference line and resumes auto-fit.
  void clear();
  QStringList seriesKeys() const;  // in the order they were created
  // Hidden series stay in the legend (greyed) and the CSV but are not drawn, fitted or read out.
  void setSeriesVisible(const QString& key, bool visible);
  bool isSeriesVisible(const QString& key) const;
  // A dot on every point of the series: for sparse data such as evaluations, where a lone value would
  // otherwise draw nothing.
  void setSeriesMarkers(const QString& key, bool markers);

  // A horizontal dashed line at y with its label at the right end, e.g. "dense teacher". Setting an
  // existing key moves and relabels it. Auto-fit keeps the lines in view. On a log y-axis a line at
  // y ≤ 0 is not drawn.
  void setReferenceLine(const QString& key, const QString& label, double y, const QColor& color);
  void clearReferenceLines();
  QStringList referenceLineKeys() const;

  void setTitle(const QString& title);
  // x is the label in step mode; in wall-time mode the x-axis says "wall time".
  void setAxisLabels(const QString& x, const QString& y);

  // The EMA weight, clamped to [0, 0.999]; 0 draws the raw values.
  void setSmoothing(double weight);
  double smoothing() const { return smoothing_; }
  // True log axes; points at or below 0 on a log axis are left out, never clamped.
  void setLogX(bool log);
  bool logX() const { return log_x_; }
  void setLogY(bool log);
  bool logY() const { return log_y_; }
  // x = MetricPoint::wall_seconds (seconds since the run started) instead of the step.
  void setXAxisWallTime(bool wall_time);
  bool xAxisWallTime() const { return wall_time_x_; }

  // Fits the axes to the visible data and reference lines and resumes auto-fit.
  void fit();
  bool autoFit() const { return auto_fit_; }

  // The smoothed values of every point of the series, in order (empty for an unknown key).
  std::vector<double> smoothedValues(const QString& key) const;
  // What hovering at x (an x-axis coordinate) shows: the nearest point's step (and wall time), then
  // "label: smoothed (raw)" for at most 4 visible series at that step. Empty when nothing is drawn.
  QString readoutAt(double x) const;
  // Every point of every series: series,step,wall_seconds,value,smoothed, with a header line.
  QString toCsv() const;
  // Puts toCsv() on the clipboard (toolbar "Export" menu and context menu).
  void copyCsv();

  QCustomPlot* plot() const { return plot_; }
  QCPGraph* rawGraph(const QString& key) const;
  QCPGraph* smoothedGraph(const QString& key) const;
  // How many coalesced redraws have happened.
  int replotCount() const { return replot_count_; }

  static constexpr int kReplotDelayMs = 40;
  static constexpr int kMaxReadoutSeries = 4;

 Q_SIGNALS:
  // Emitted when the smoothing weight changes (slider or setSmoothing), so pages can keep several
  // charts on one smoothing.
  void smoothingChanged(double weight);

 private:
  struct Series;
  struct ReferenceLine;

  Series* find(const QString& key) const;
  Series& findOrCreate(const QString& key);
  void resmooth(Series& series);
  void rebuildGraphs(Series& series);
  void addToGraphs(Series& series, std::size_t first);
  void styleSeries(Series& series);
  void updateLegend();
  void updateReferenceLine(ReferenceLine& line);
  void updateXAxis();
  void updateYAxis();
  void scheduleReplot();
  void replotNow();
  void fitAxes();
  void showReadout(QMouseEvent* event);
  void showContextMenu(const QPoint& pos);
  void saveCsv();
  void onLegendClick(QCPGraph* graph);
  double keyOf(const MetricPoint& point) const;

  QCustomPlot* plot_;
  QSlider* smoothing_slider_;
  QLabel* smoothing_label_;
  QCheckBox* log_x_box_;
  QCheckBox* log_y_box_;
  QComboBox* x_axis_box_;
  QTimer* replot_timer_;
  QCPTextElement* title_ = nullptr;
  QSharedPointer<QCPAxisTicker> linear_ticker_x_, linear_ticker_y_, log_ticker_x_, log_ticker_y_, time_ticker_;
  std::vector<std::unique_ptr<Series>> series_;
  std::vector<std::unique_ptr<ReferenceLine>> reference_lines_;
  QString x_label_, y_label_;
  double smoothing_ = 0.6;  // TensorBoard's default
  bool log_x_ = false;
  bool log_y_ = false;
  bool wall_time_x_ = false;
  bool auto_fit_ = true;
  int replot_count_ = 0;
  int next_colour_ = 0;
};

}  // namespace sparsetune::widgets
