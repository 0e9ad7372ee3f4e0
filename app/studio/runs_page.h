#pragma once
#include <QWidget>

#include <cstdint>
#include <vector>

class QCheckBox;
class QComboBox;
class QPushButton;
class QTableView;

namespace sparsetune {
class RunStore;
}
namespace sparsetune::widgets {
class CurvePlot;
class RecipeDiffModel;
class RunTableModel;
}  // namespace sparsetune::widgets

namespace sparsetune::studio {

// Every run in the database with its status and key results; ticked runs are overlaid on one chart
// (a colour per run) and compared in a recipe table that can show only the fields that differ, with
// best and final values.
class RunsPage : public QWidget {
  Q_OBJECT
 public:
  explicit RunsPage(QWidget* parent = nullptr);

  void refresh(RunStore& store);
  std::vector<int64_t> checkedRuns() const;
  widgets::RunTableModel* runModel() const { return runModel_; }
  widgets::RecipeDiffModel* diffModel() const { return diffModel_; }
  widgets::CurvePlot* overlay() const { return overlay_; }
  QComboBox* metricChoice() const { return metricChoice_; }
  QTableView* table() const { return table_; }

 Q_SIGNALS:
  void openRequested(qint64 run);
  void resumeRequested(qint64 run);
  void deleteRequested(qint64 run);

 private:
  void compare();
  qint64 selectedRun() const;

  RunStore* store_ = nullptr;
  widgets::RunTableModel* runModel_;
  widgets::RecipeDiffModel* diffModel_;
  QTableView* table_;
  QTableView* diffTable_;
  QCheckBox* differencesOnly_;
  QComboBox* metricChoice_;
  widgets::CurvePlot* overlay_;
  QPushButton* open_;
  QPushButton* resume_;
  QPushButton* delete_;
};

}  // namespace sparsetune::studio
