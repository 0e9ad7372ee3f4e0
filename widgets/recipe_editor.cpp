#include "widgets/recipe_editor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFrame>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QStyle>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>
#include <cmath>
#include <optional>

namespace sparsetune::widgets {
namespace {

QString fromStd(std::string_view text) { return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())); }
QString fromPath(const std::filesystem::path& path) { return QString::fromStdU16String(path.u16string()); }
std::filesystem::path toPath(const QString& text) { return std::filesystem::path(text.toStdU16String()); }

int clampToInt(int64_t value) { return static_cast<int>(std::clamp<int64_t>(value, INT_MIN + 1, INT_MAX)); }

// Numbers in the user's locale, or in C notation (a "." decimal point) as written in YAML.
std::optional<double> parseNumber(const QLocale& locale, const QString& text) {
  bool ok = false;
  double value = locale.toDouble(text.trimmed(), &ok);
  if (!ok) value = QLocale::c().toDouble(text.trimmed(), &ok);
  return ok ? std::optional(value) : std::nullopt;
}
std::optional<int64_t> parseWholeNumber(const QLocale& locale, const QString& text) {
  bool ok = false;
  int64_t value = locale.toLongLong(text.trimmed(), &ok);
  if (!ok) value = QLocale::c().toLongLong(text.trimmed(), &ok);
  return ok ? std::optional(value) : std::nullopt;
}

QString numberText(const QLocale& base, double value, int significantDigits) {
  QLocale locale = base;
  locale.setNumberOptions(QLocale::OmitGroupSeparator | QLocale::OmitLeadingZeroInExponent);
  return locale.toString(value, 'g', significantDigits > 0 ? significantDigits : QLocale::FloatingPointShortest);
}

QString wholeNumberText(const QLocale& base, int64_t value) {
  QLocale locale = base;
  locale.setNumberOptions(QLocale::OmitGroupSeparator);
  return locale.toString(static_cast<qlonglong>(value));
}

// A spin box for values such as 1e-4 or 1e-8: shows the shortest text that reads back as the same
// number and takes scientific notation. Its range is wide on purpose: out-of-range values are
// reported by Recipe::check() with a message instead of being silently clamped.
class NumberSpinBox : public QDoubleSpinBox {
 public:
  // significantDigits 0: as many as the value needs.
  explicit NumberSpinBox(int significantDigits) : digits_(significantDigits) {
    setDecimals(323);  // no rounding: the text shows the value itself
    setRange(-1e15, 1e15);
    setKeyboardTracking(true);
  }

  QValidator::State validate(QString& input, int& pos) const override {
    const QString text = input.trimmed();
    if (text.isEmpty()) return QValidator::Intermediate;
    if (parseNumber(locale(), text)) return QValidator::Acceptable;
    if (parseNumber(locale(), text + QLatin1Char('0'))) return QValidator::Intermediate;  // "-", "1e", "0."
    return QValidator::Invalid;
  }
  double valueFromText(const QString& text) const override { return parseNumber(locale(), text).value_or(0); }
  QString textFromValue(double value) const override { return numberText(locale(), value, digits_); }
  void fixup(QString&) const override {}

 private:
  int digits_;
};

template <class E>
QStringList enumItems() {
  QStringList items;
  for (const auto& n : enum_names(E{})) items << fromStd(n.name);
  return items;
}

template <class E>
int enumIndex(E value) {
  const auto& names = enum_names(E{});
  for (std::size_t i = 0; i < std::size(names); ++i)
    if (names[i].value == value) return static_cast<int>(i);
  return -1;
}

// The structures the combo box offers before "custom N:M".
constexpr SparsityStructure kPresetStructures[] = {{0, 0}, {2, 4}, {4, 8}};
constexpr int kCustomStructure = static_cast<int>(std::size(kPresetStructures));

constexpr qint64 kEstimateBytes = 16 << 20;
constexpr double kBytesPerToken = 4;

// A frame around each field's editor, red while the field has a problem. The frame, not the editor,
// carries the border: a styled border on a spin box or combo box would replace its native arrows.
const char* const kProblemStyle =
    "QFrame#problemFrame { border: 1px solid transparent; border-radius: 3px; }"
    "QFrame#problemFrame[problem=\"true\"] { border-color: #c62828; }";

}  // namespace

QString editorFieldOf(const QString& checkedField) {
  static const QRegularExpression index(QStringLiteral("\\[\\d+\\]$"));
  if (checkedField.startsWith(QLatin1String("training.betas["))) return checkedField;
  QString field = checkedField;
  return field.remove(index);
}

std::vector<std::string> splitPatterns(const QString& text) {
  std::vector<std::string> patterns;
  if (text.trimmed().isEmpty()) return patterns;
  for (const QString& part : text.split(QLatin1Char(','))) patterns.push_back(part.trimmed().toStdString());
  return patterns;
}

QString joinPatterns(const std::vector<std::string>& patterns) {
  QStringList parts;
  for (const auto& p : patterns) parts << fromStd(p);
  return parts.join(QLatin1String(", "));
}

int64_t stepsForEpochs(double epochs, int64_t examples, int64_t batchSize, int64_t gradAccum) {
  if (!(epochs > 0) || !std::isfinite(epochs) || examples <= 0 || batchSize <= 0 || gradAccum <= 0) return 0;
  return static_cast<int64_t>(std::ceil(epochs * static_cast<double>(examples) / static_cast<double>(batchSize * gradAccum)));
}

int64_t estimateTrainingSequences(const QString& path, int64_t maxLength, bool pack) {
  QFile file(path);
  if (path.isEmpty() || maxLength <= 0 || !file.open(QIODevice::ReadOnly)) return 0;
  const qint64 size = file.size();
  if (size <= 0) return 0;
  // The trainer reads plain text, and packs JSONL records, into max_length windows.
  if (pack || !path.endsWith(QLatin1String(".jsonl"))) {
    const double tokens = static_cast<double>(size) / kBytesPerToken;
    return std::max<int64_t>(1, static_cast<int64_t>(std::ceil(tokens / static_cast<double>(maxLength))));
  }
  const QByteArray head = file.read(kEstimateBytes);
  int64_t records = 0;
  bool lineHasText = false;
  for (char c : head) {
    if (c == '\n') {
      records += lineHasText ? 1 : 0;
      lineHasText = false;
    } else if (c != ' ' && c != '\t' && c != '\r') {
      lineHasText = true;
    }
  }
  if (head.size() == size) return records + (lineHasText ? 1 : 0);
  return static_cast<int64_t>(std::llround(static_cast<double>(records) * static_cast<double>(size) / static_cast<double>(head.size())));
}

RecipeEditor::RecipeEditor(QWidget* parent) : QWidget(parent) {
  auto* loadButton = new QPushButton(tr("Load…"));
  auto* saveButton = new QPushButton(tr("Save…"));
  loadButton->setToolTip(tr("Open a recipe YAML file"));
  saveButton->setToolTip(tr("Save the recipe as a YAML file"));
  connect(loadButton, &QPushButton::clicked, this, &RecipeEditor::chooseAndLoad);
  connect(saveButton, &QPushButton::clicked, this, &RecipeEditor::chooseAndSave);
  fileLabel_ = new QLabel;
  fileLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* bar = new QHBoxLayout;
  bar->addWidget(loadButton);
  bar->addWidget(saveButton);
  bar->addWidget(fileLabel_, 1);

  auto* form = new QWidget;
  form->setStyleSheet(QString::fromLatin1(kProblemStyle));
  auto* groups = new QVBoxLayout(form);
  groups->addWidget(buildModelGroup());
  groups->addWidget(buildPruningGroup());
  groups->addWidget(buildScheduleGroup());
  groups->addWidget(buildDistillationGroup());
  groups->addWidget(buildTrainingGroup());
  groups->addWidget(buildEvaluationGroup());
  groups->addWidget(buildOutputGroup());
  groups->addStretch(1);
  scroll_ = new QScrollArea;
  scroll_->setWidgetResizable(true);
  scroll_->setWidget(form);
  scroll_->setMinimumWidth(form->sizeHint().width() + 24);

  previewArea_ = new QWidget;
  auto* previewLayout = new QVBoxLayout(previewArea_);
  previewLayout->setContentsMargins(0, 0, 0, 0);
  summary_ = new QLabel;
  summary_->setWordWrap(true);
  summary_->setTextFormat(Qt::RichText);
  summary_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
  connect(summary_, &QLabel::linkActivated, this, &RecipeEditor::revealField);
  auto* summaryScroll = new QScrollArea;
  summaryScroll->setWidgetResizable(true);
  summaryScroll->setFrameShape(QFrame::NoFrame);
  summaryScroll->setWidget(summary_);
  summaryScroll->setMinimumHeight(150);
  summaryScroll->setMaximumHeight(240);
  auto* side = new QWidget;
  auto* sideLayout = new QVBoxLayout(side);
  sideLayout->setContentsMargins(0, 0, 0, 0);
  sideLayout->addWidget(previewArea_, 1);
  sideLayout->addWidget(summaryScroll);

  auto* splitter = new QSplitter(Qt::Horizontal);
  splitter->addWidget(scroll_);
  splitter->addWidget(side);
  splitter->setStretchFactor(0, 0);
  splitter->setStretchFactor(1, 1);
  splitter->setChildrenCollapsible(false);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(bar);
  layout->addWidget(splitter, 1);

  showRecipe();
  refresh();
}

// ---- Bound fields --------------------------------------------------------------------------------

QLabel* RecipeEditor::registerField(const QString& field, QWidget* editor, QWidget* frame, const QString& help) {
  auto* icon = new QLabel;
  icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(16, 16));
  QSizePolicy policy = icon->sizePolicy();
  policy.setRetainSizeWhenHidden(true);
  icon->setSizePolicy(policy);
  icon->hide();
  editor->setProperty("problem", false);
  if (frame) frame->setProperty("problem", false);
  fields_[field] = Field{editor, frame, icon, help};
  return icon;
}

void RecipeEditor::addRow(QFormLayout* form, const QString& label, const QString& field, QWidget* editor,
                          const QString& help, QWidget* marked) {
  auto* frame = new QFrame;
  frame->setObjectName(QStringLiteral("problemFrame"));
  auto* framed = new QHBoxLayout(frame);
  framed->setContentsMargins(1, 1, 1, 1);
  framed->addWidget(editor);
  auto* row = new QWidget;
  auto* layout = new QHBoxLayout(row);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(frame, 1);
  layout->addWidget(registerField(field, marked ? marked : editor, frame, help));
  form->addRow(label, row);
}

QSpinBox* RecipeEditor::addInt(QFormLayout* form, const QString& label, const QString& field,
                               std::function<int64_t&(Recipe&)> ref) {
  auto* spin = new QSpinBox;
  // Wide on purpose: a value check() rejects is shown with its reason instead of being clamped.
  spin->setRange(-999'999'999, 999'999'999);
  connect(spin, &QSpinBox::valueChanged, this, [this, ref](int value) {
    if (showing_) return;
    ref(recipe_) = value;
    edited();
  });
  showers_.push_back([this, spin, ref] { spin->setValue(clampToInt(ref(recipe_))); });
  addRow(form, label, field, spin);
  return spin;
}

QDoubleSpinBox* RecipeEditor::addNumber(QFormLayout* form, const QString& label, const QString& field,
                                        std::function<double&(Recipe&)> ref, double scale) {
  // Percentages show 10 significant digits, so that 0.57 · 100 reads "57".
  auto* spin = new NumberSpinBox(scale == 1 ? 0 : 10);
  spin->setSingleStep(0.1);
  connect(spin, &QDoubleSpinBox::valueChanged, this, [this, ref, scale](double value) {
    if (showing_) return;
    ref(recipe_) = value / scale;
    edited();
  });
  showers_.push_back([this, spin, ref, scale] { spin->setValue(ref(recipe_) * scale); });
  addRow(form, label, field, spin);
  return spin;
}

QCheckBox* RecipeEditor::addBool(QFormLayout* form, const QString& text, const QString& field,
                                 std::function<bool&(Recipe&)> ref) {
  auto* check = new QCheckBox(text);
  connect(check, &QCheckBox::toggled, this, [this, ref](bool on) {
    if (showing_) return;
    ref(recipe_) = on;
    edited();
  });
  showers_.push_back([this, check, ref] { check->setChecked(ref(recipe_)); });
  addRow(form, QString(), field, check);
  return check;
}

QLineEdit* RecipeEditor::addText(QFormLayout* form, const QString& label, const QString& field,
                                 std::function<std::string&(Recipe&)> ref) {
  auto* edit = new QLineEdit;
  connect(edit, &QLineEdit::textChanged, this, [this, ref](const QString& text) {
    if (showing_) return;
    ref(recipe_) = text.toStdString();
    edited();
  });
  showers_.push_back([this, edit, ref] { edit->setText(fromStd(ref(recipe_))); });
  addRow(form, label, field, edit);
  return edit;
}

QLineEdit* RecipeEditor::addPath(QFormLayout* form, const QString& label, const QString& field,
                                 std::function<std::filesystem::path&(Recipe&)> ref, PathKind kind) {
  auto* edit = new QLineEdit;
  connect(edit, &QLineEdit::textChanged, this, [this, ref](const QString& text) {
    if (showing_) return;
    ref(recipe_) = toPath(text);
    edited();
  });
  showers_.push_back([this, edit, ref] { edit->setText(fromPath(ref(recipe_))); });
  auto* browse = new QToolButton;
  browse->setText(tr("…"));
  browse->setToolTip(kind == PathKind::folder ? tr("Choose a folder") : tr("Choose a file"));
  connect(browse, &QToolButton::clicked, this, [this, edit, kind, label] {
    const QString start = edit->text().isEmpty() ? QFileInfo(currentFile_).absolutePath() : edit->text();
    const QString chosen =
        kind == PathKind::folder
            ? QFileDialog::getExistingDirectory(this, label, start)
            : QFileDialog::getOpenFileName(this, label, start, tr("Data (*.jsonl *.txt);;All files (*)"));
    if (!chosen.isEmpty()) edit->setText(chosen);
  });
  auto* row = new QWidget;
  auto* layout = new QHBoxLayout(row);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(edit, 1);
  layout->addWidget(browse);
  addRow(form, label, field, row, {}, edit);
  return edit;
}

QComboBox* RecipeEditor::addChoice(QFormLayout* form, const QString& label, const QString& field, const QStringList& items,
                                   std::function<int(Recipe&)> get, std::function<void(Recipe&, int)> set) {
  auto* combo = new QComboBox;
  combo->addItems(items);
  connect(combo, &QComboBox::currentIndexChanged, this, [this, set](int index) {
    if (showing_ || index < 0) return;
    set(recipe_, index);
    edited();
  });
  showers_.push_back([this, combo, get] { combo->setCurrentIndex(get(recipe_)); });
  addRow(form, label, field, combo);
  return combo;
}

template <class E>
QComboBox* RecipeEditor::addEnum(QFormLayout* form, const QString& label, const QString& field,
                                 std::function<E&(Recipe&)> ref) {
  return addChoice(
      form, label, field, enumItems<E>(), [ref](Recipe& r) { return enumIndex(ref(r)); },
      [ref](Recipe& r, int index) { ref(r) = enum_names(E{})[index].value; });
}

// ---- Form groups ----------------------------------------------------------------------------------

QWidget* RecipeEditor::buildModelGroup() {
  auto* box = new QGroupBox(tr("Model && data"));
  auto* form = new QFormLayout(box);
  addText(form, tr("Run name"), QStringLiteral("name"), [](Recipe& r) -> std::string& { return r.name; });
  addPath(form, tr("Model folder"), QStringLiteral("model"),
                            [](Recipe& r) -> std::filesystem::path& { return r.model; }, PathKind::folder);
  teacherEdit_ = addPath(form, tr("Teacher folder"), QStringLiteral("teacher"),
                         [](Recipe& r) -> std::filesystem::path& { return r.teacher; }, PathKind::folder);
  teacherEdit_->setPlaceholderText(tr("none: no distillation from a teacher"));
  teacherIsModel_ = new QCheckBox(tr("Use the model itself as the dense teacher"));
  teacherIsModel_->setToolTip(tr("Distill from the unpruned starting model (the paper's recipe: the dense model teaches its own sparse copy)"));
  form->addRow(QString(), teacherIsModel_);
  connect(teacherIsModel_, &QCheckBox::toggled, this, [this](bool on) {
    teacherEdit_->setEnabled(!on);
    if (!showing_) edited();  // edited() copies the model folder into the teacher while this is on
  });
  showers_.push_back([this] {
    const bool same = !recipe_.model.empty() && recipe_.teacher == recipe_.model;
    teacherIsModel_->setChecked(same);
    teacherEdit_->setEnabled(!same);
  });

  addPath(form, tr("Training file"), QStringLiteral("data.train"),
          [](Recipe& r) -> std::filesystem::path& { return r.data.train; }, PathKind::dataFile);
  addPath(form, tr("Validation file"), QStringLiteral("data.validation"),
          [](Recipe& r) -> std::filesystem::path& { return r.data.validation; }, PathKind::dataFile)
      ->setPlaceholderText(tr("optional: evaluation during training"));
  addPath(form, tr("Test file"), QStringLiteral("data.test"),
          [](Recipe& r) -> std::filesystem::path& { return r.data.test; }, PathKind::dataFile)
      ->setPlaceholderText(tr("optional: evaluation at the end"));
  addEnum<DataFormat>(form, tr("Format"), QStringLiteral("data.format"),
                      [](Recipe& r) -> DataFormat& { return r.data.format; });
  addInt(form, tr("Max length (tokens)"), QStringLiteral("data.max_length"),
         [](Recipe& r) -> int64_t& { return r.data.max_length; });
  addBool(form, tr("Pack short examples into full-length sequences"), QStringLiteral("data.pack"),
          [](Recipe& r) -> bool& { return r.data.pack; });
  return box;
}

QWidget* RecipeEditor::buildPruningGroup() {
  auto* box = new QGroupBox(tr("Pruning"));
  auto* form = new QFormLayout(box);
  addEnum<PruningMethod>(form, tr("Method"), QStringLiteral("pruning.method"),
                         [](Recipe& r) -> PruningMethod& { return r.pruning.method; });
  sparsitySpin_ = addNumber(form, tr("Target sparsity (%)"), QStringLiteral("pruning.sparsity"),
                            [](Recipe& r) -> double& { return r.pruning.sparsity; }, 100);
  sparsitySpin_->setSingleStep(5);

  // Structure: presets, or custom N:M with its own two spin boxes.
  structureCombo_ = new QComboBox;
  for (const auto& s : kPresetStructures) structureCombo_->addItem(fromStd(s.to_string()));
  structureCombo_->addItem(tr("custom N:M"));
  structureN_ = new QSpinBox;
  structureM_ = new QSpinBox;
  structureN_->setRange(0, 1024);
  structureM_->setRange(1, 1024);  // M = 0 would mean unstructured
  structureN_->setValue(2);
  structureM_->setValue(4);
  auto* structureRow = new QWidget;
  auto* structureLayout = new QHBoxLayout(structureRow);
  structureLayout->setContentsMargins(0, 0, 0, 0);
  structureLayout->addWidget(structureCombo_);
  structureLayout->addWidget(new QLabel(tr("N")));
  structureLayout->addWidget(structureN_);
  structureLayout->addWidget(new QLabel(tr("of M")));
  structureLayout->addWidget(structureM_);
  structureLayout->addStretch(1);
  addRow(form, tr("Structure"), QStringLiteral("pruning.structure"), structureRow,
         tr("unstructured, or N:M: N weights kept in every M consecutive ones along the input dimension"));
  const auto readStructure = [this] {
    if (showing_) return;
    const int index = structureCombo_->currentIndex();
    recipe_.pruning.structure =
        index < kCustomStructure ? kPresetStructures[index] : SparsityStructure{structureN_->value(), structureM_->value()};
    // An N:M structure implies the sparsity; show it rather than leave a contradiction.
    if (!recipe_.pruning.structure.unstructured() && recipe_.pruning.structure.n < recipe_.pruning.structure.m) {
      recipe_.pruning.sparsity = recipe_.final_sparsity();
      const QSignalBlocker block(sparsitySpin_);
      sparsitySpin_->setValue(recipe_.pruning.sparsity * 100);
    }
    // Presets show their N and M; only custom lets them be edited.
    const QSignalBlocker blockN(structureN_), blockM(structureM_);
    if (!recipe_.pruning.structure.unstructured()) {
      structureN_->setValue(recipe_.pruning.structure.n);
      structureM_->setValue(recipe_.pruning.structure.m);
    }
    structureN_->setEnabled(index == kCustomStructure);
    structureM_->setEnabled(index == kCustomStructure);
    edited();
  };
  connect(structureCombo_, &QComboBox::currentIndexChanged, this, readStructure);
  connect(structureN_, &QSpinBox::valueChanged, this, readStructure);
  connect(structureM_, &QSpinBox::valueChanged, this, readStructure);
  showers_.push_back([this] { showStructure(); });

  addEnum<Allocation>(form, tr("Per-layer profile"), QStringLiteral("pruning.allocation"),
                      [](Recipe& r) -> Allocation& { return r.pruning.allocation; });
  owlFields_[0] = addNumber(form, tr("OWL outlier threshold M"), QStringLiteral("pruning.owl.m"),
                            [](Recipe& r) -> double& { return r.pruning.owl.m; });
  owlFields_[1] = addNumber(form, tr("OWL lambda"), QStringLiteral("pruning.owl.lambda"),
                            [](Recipe& r) -> double& { return r.pruning.owl.lambda; });
  static_cast<QDoubleSpinBox*>(owlFields_[1])->setSingleStep(0.01);
  fields_[QStringLiteral("pruning.owl.m")].help = tr("A score is an outlier above M × the layer's mean score");
  fields_[QStringLiteral("pruning.owl.lambda")].help =
      tr("Layer sparsities spread over a band 2·lambda wide around the target; outlier-heavy layers are pruned less");

  // The list fields are line edits of comma-separated glob patterns.
  const auto addPatterns = [this, form](const QString& label, const QString& field,
                                        std::function<std::vector<std::string>&(Recipe&)> ref, const QString& placeholder) {
    auto* edit = new QLineEdit;
    edit->setPlaceholderText(placeholder);
    connect(edit, &QLineEdit::textChanged, this, [this, ref](const QString& text) {
      if (showing_) return;
      ref(recipe_) = splitPatterns(text);
      edited();
    });
    showers_.push_back([this, edit, ref] { edit->setText(joinPatterns(ref(recipe_))); });
    addRow(form, label, field, edit, tr("Glob patterns over module paths, separated by commas"));
  };
  addPatterns(tr("Targets"), QStringLiteral("pruning.targets"),
              [](Recipe& r) -> std::vector<std::string>& { return r.pruning.targets; },
              tr("every Linear in the decoder blocks"));
  addPatterns(tr("Ignore"), QStringLiteral("pruning.ignore"),
              [](Recipe& r) -> std::vector<std::string>& { return r.pruning.ignore; }, tr("nothing"));

  addInt(form, tr("Calibration samples"), QStringLiteral("pruning.calibration.samples"),
         [](Recipe& r) -> int64_t& { return r.pruning.calibration.samples; });
  addInt(form, tr("Calibration length (tokens)"), QStringLiteral("pruning.calibration.seq_len"),
         [](Recipe& r) -> int64_t& { return r.pruning.calibration.seq_len; });
  addInt(form, tr("SparseGPT block size"), QStringLiteral("pruning.sparsegpt.block_size"),
         [](Recipe& r) -> int64_t& { return r.pruning.sparsegpt.block_size; });
  addNumber(form, tr("SparseGPT dampening"), QStringLiteral("pruning.sparsegpt.dampening"),
            [](Recipe& r) -> double& { return r.pruning.sparsegpt.dampening; })
      ->setSingleStep(0.01);
  fields_[QStringLiteral("pruning.sparsegpt.dampening")].help = tr("Added to the Hessian's diagonal, as a share of its mean");
  return box;
}

QWidget* RecipeEditor::buildScheduleGroup() {
  auto* box = new QGroupBox(tr("Schedule"));
  auto* form = new QFormLayout(box);
  addEnum<ScheduleKind>(form, tr("Kind"), QStringLiteral("pruning.schedule.kind"),
                        [](Recipe& r) -> ScheduleKind& { return r.pruning.schedule.kind; });
  fields_[QStringLiteral("pruning.schedule.kind")].help =
      tr("oneshot: prune at the start step, then hold; constant: hold the zeros already in the model; "
         "linear / cubic: from the initial to the target sparsity between start and end step; points: explicit steps");
  addInt(form, tr("Start step"), QStringLiteral("pruning.schedule.start_step"),
         [](Recipe& r) -> int64_t& { return r.pruning.schedule.start_step; });
  gradualFields_[0] = addInt(form, tr("End step"), QStringLiteral("pruning.schedule.end_step"),
                             [](Recipe& r) -> int64_t& { return r.pruning.schedule.end_step; });
  gradualFields_[1] = addNumber(form, tr("Initial sparsity (%)"), QStringLiteral("pruning.schedule.initial_sparsity"),
                                [](Recipe& r) -> double& { return r.pruning.schedule.initial_sparsity; }, 100);
  static_cast<QDoubleSpinBox*>(gradualFields_[1])->setSingleStep(5);
  addInt(form, tr("Update masks every (steps)"), QStringLiteral("pruning.schedule.update_every"),
         [](Recipe& r) -> int64_t& { return r.pruning.schedule.update_every; });

  pointsTable_ = new QTableWidget(0, 2);
  pointsTable_->setHorizontalHeaderLabels({tr("Step"), tr("Sparsity (%)")});
  pointsTable_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  pointsTable_->setSelectionBehavior(QAbstractItemView::SelectRows);
  pointsTable_->setMinimumHeight(110);
  pointsTable_->setMaximumHeight(170);
  connect(pointsTable_, &QTableWidget::itemChanged, this, [this] {
    if (!showing_) readPoints();
  });
  auto* addPoint = new QPushButton(tr("Add point"));
  auto* removePoint = new QPushButton(tr("Remove point"));
  connect(addPoint, &QPushButton::clicked, this, [this] {
    // The new point continues the last one (or starts at the start step) at the target sparsity;
    // the user edits it from there.
    const auto& s = recipe_.pruning.schedule;
    const int64_t step = s.points.empty() ? s.start_step : s.points.back().first + std::max<int64_t>(1, s.update_every);
    const int row = pointsTable_->rowCount();
    {
      const QSignalBlocker block(pointsTable_);
      pointsTable_->insertRow(row);
      pointsTable_->setItem(row, 0, new QTableWidgetItem(wholeNumberText(locale(), step)));
      pointsTable_->setItem(row, 1, new QTableWidgetItem(numberText(locale(), recipe_.pruning.sparsity * 100, 10)));
    }
    readPoints();
  });
  connect(removePoint, &QPushButton::clicked, this, [this] {
    if (pointsTable_->rowCount() == 0) return;
    const int row = pointsTable_->currentRow() >= 0 ? pointsTable_->currentRow() : pointsTable_->rowCount() - 1;
    {
      const QSignalBlocker block(pointsTable_);
      pointsTable_->removeRow(row);
    }
    readPoints();
  });
  auto* points = new QWidget;
  auto* pointsLayout = new QVBoxLayout(points);
  pointsLayout->setContentsMargins(0, 0, 0, 0);
  pointsLayout->addWidget(pointsTable_);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(addPoint);
  buttons->addWidget(removePoint);
  buttons->addStretch(1);
  pointsLayout->addLayout(buttons);
  addRow(form, tr("Points"), QStringLiteral("pruning.schedule.points"), points,
         tr("(step, sparsity) pairs for kind points; steps increase, sparsity never falls, the last one is the target"),
         pointsTable_);
  showers_.push_back([this] { showPoints(); });
  return box;
}

QWidget* RecipeEditor::buildDistillationGroup() {
  auto* box = new QGroupBox(tr("Distillation"));
  auto* form = new QFormLayout(box);
  // check() reports "distillation" itself when no loss term is on.
  form->addRow(registerField(QStringLiteral("distillation"), box, nullptr));
  addNumber(form, tr("Cross-entropy weight"), QStringLiteral("distillation.ce"),
            [](Recipe& r) -> double& { return r.distillation.ce; });
  addNumber(form, tr("Logit KD weight"), QStringLiteral("distillation.kd"),
            [](Recipe& r) -> double& { return r.distillation.kd; });
  addNumber(form, tr("SquareHead weight"), QStringLiteral("distillation.squarehead"),
            [](Recipe& r) -> double& { return r.distillation.squarehead; });
  addNumber(form, tr("KD temperature"), QStringLiteral("distillation.temperature"),
            [](Recipe& r) -> double& { return r.distillation.temperature; });
  fields_[QStringLiteral("distillation.squarehead")].help =
      tr("Per-layer normalized squared error between the teacher's and the student's hidden states");
  fields_[QStringLiteral("distillation.temperature")].help = tr("Softens both logit distributions of the KD term");
  return box;
}

QWidget* RecipeEditor::buildTrainingGroup() {
  auto* box = new QGroupBox(tr("Training"));
  auto* form = new QFormLayout(box);
  addInt(form, tr("Steps"), QStringLiteral("training.steps"), [](Recipe& r) -> int64_t& { return r.training.steps; });
  fields_[QStringLiteral("training.steps")].help = tr("Optimizer steps; or set epochs instead. Both 0: prune and evaluate only");
  addNumber(form, tr("or epochs"), QStringLiteral("training.epochs"), [](Recipe& r) -> double& { return r.training.epochs; });
  stepEstimate_ = new QLabel;
  stepEstimate_->setWordWrap(true);
  form->addRow(QString(), stepEstimate_);
  addInt(form, tr("Batch size"), QStringLiteral("training.batch_size"),
         [](Recipe& r) -> int64_t& { return r.training.batch_size; });
  addInt(form, tr("Gradient accumulation"), QStringLiteral("training.grad_accum"),
         [](Recipe& r) -> int64_t& { return r.training.grad_accum; });
  fields_[QStringLiteral("training.grad_accum")].help = tr("Optimizer batch = batch size × gradient accumulation");
  addNumber(form, tr("Learning rate"), QStringLiteral("training.lr"), [](Recipe& r) -> double& { return r.training.lr; })
      ->setSingleStep(1e-5);
  addInt(form, tr("Warm-up steps"), QStringLiteral("training.warmup_steps"),
         [](Recipe& r) -> int64_t& { return r.training.warmup_steps; });
  addEnum<LrSchedule>(form, tr("LR schedule"), QStringLiteral("training.lr_schedule"),
                      [](Recipe& r) -> LrSchedule& { return r.training.lr_schedule; });
  addNumber(form, tr("Weight decay"), QStringLiteral("training.weight_decay"),
            [](Recipe& r) -> double& { return r.training.weight_decay; })
      ->setSingleStep(0.01);
  addNumber(form, tr("Adam β1"), QStringLiteral("training.betas[0]"), [](Recipe& r) -> double& { return r.training.betas[0]; })
      ->setSingleStep(0.001);
  addNumber(form, tr("Adam β2"), QStringLiteral("training.betas[1]"), [](Recipe& r) -> double& { return r.training.betas[1]; })
      ->setSingleStep(0.001);
  addNumber(form, tr("Adam ε"), QStringLiteral("training.eps"), [](Recipe& r) -> double& { return r.training.eps; })
      ->setSingleStep(1e-9);
  addNumber(form, tr("Clip gradient norm"), QStringLiteral("training.clip_grad_norm"),
            [](Recipe& r) -> double& { return r.training.clip_grad_norm; });
  fields_[QStringLiteral("training.clip_grad_norm")].help = tr("0: off");
  addInt(form, tr("Seed"), QStringLiteral("training.seed"), [](Recipe& r) -> int64_t& { return r.training.seed; });
  addInt(form, tr("Checkpoint every (steps)"), QStringLiteral("training.checkpoint_every"),
         [](Recipe& r) -> int64_t& { return r.training.checkpoint_every; });
  fields_[QStringLiteral("training.checkpoint_every")].help = tr("0: only at the end");
  addEnum<Precision>(form, tr("Precision"), QStringLiteral("training.precision"),
                     [](Recipe& r) -> Precision& { return r.training.precision; });
  addBool(form, tr("Activation checkpointing (less memory, slower steps)"), QStringLiteral("training.activation_checkpointing"),
          [](Recipe& r) -> bool& { return r.training.activation_checkpointing; });

  deviceCombo_ = new QComboBox;
  connect(deviceCombo_, &QComboBox::currentIndexChanged, this, [this](int index) {
    if (showing_ || index < 0) return;
    recipe_.training.device = deviceCombo_->itemData(index).toString().toStdString();
    edited();
  });
  addRow(form, tr("Device"), QStringLiteral("training.device"), deviceCombo_);
  deviceMessage_ = new QLabel;
  deviceMessage_->setWordWrap(true);
  deviceMessage_->hide();
  form->addRow(QString(), deviceMessage_);
  showers_.push_back([this] { showDevices(); });
  return box;
}

QWidget* RecipeEditor::buildEvaluationGroup() {
  auto* box = new QGroupBox(tr("Evaluation"));
  auto* form = new QFormLayout(box);
  addInt(form, tr("Evaluate every (steps)"), QStringLiteral("evaluation.every"),
         [](Recipe& r) -> int64_t& { return r.evaluation.every; });
  fields_[QStringLiteral("evaluation.every")].help = tr("On the validation file during training; 0: never");
  auto* tasks = new QWidget;
  tasksLayout_ = new QHBoxLayout(tasks);
  tasksLayout_->setContentsMargins(0, 0, 0, 0);
  addRow(form, tr("Tasks"), QStringLiteral("evaluation.tasks"), tasks);
  showers_.push_back([this] { showTasks(); });
  addInt(form, tr("Max new tokens"), QStringLiteral("evaluation.max_new_tokens"),
         [](Recipe& r) -> int64_t& { return r.evaluation.max_new_tokens; });
  fields_[QStringLiteral("evaluation.max_new_tokens")].help = tr("Generated per problem (gsm8k)");
  addInt(form, tr("Samples"), QStringLiteral("evaluation.samples"), [](Recipe& r) -> int64_t& { return r.evaluation.samples; });
  fields_[QStringLiteral("evaluation.samples")].help = tr("Examples evaluated; 0: all");
  addBool(form, tr("Also evaluate the dense and the one-shot pruned model before fine-tuning"),
          QStringLiteral("evaluation.before"), [](Recipe& r) -> bool& { return r.evaluation.before; });
  addBool(form, tr("Profile CPU speed (dense vs sparse kernels) after each mask change"), QStringLiteral("evaluation.profile"),
          [](Recipe& r) -> bool& { return r.evaluation.profile; });
  return box;
}

QWidget* RecipeEditor::buildOutputGroup() {
  auto* box = new QGroupBox(tr("Output"));
  auto* form = new QFormLayout(box);
  addPath(form, tr("Output folder"), QStringLiteral("output.dir"),
          [](Recipe& r) -> std::filesystem::path& { return r.output.dir; }, PathKind::folder)
      ->setPlaceholderText(tr("a folder per run next to the run database"));
  return box;
}

// ---- Showing the recipe ----------------------------------------------------------------------------

void RecipeEditor::showRecipe() {
  showing_ = true;
  for (const auto& show : showers_) show();
  showing_ = false;
}

void RecipeEditor::showStructure() {
  const auto& s = recipe_.pruning.structure;
  int index = kCustomStructure;
  for (int i = 0; i < kCustomStructure; ++i)
    if (kPresetStructures[i] == s) index = i;
  structureCombo_->setCurrentIndex(index);
  if (!s.unstructured()) {
    structureN_->setValue(s.n);
    structureM_->setValue(s.m);
  }
  structureN_->setEnabled(index == kCustomStructure);
  structureM_->setEnabled(index == kCustomStructure);
}

void RecipeEditor::showTasks() {
  for (auto* check : taskChecks_) delete check;
  taskChecks_.clear();
  const auto& chosen = recipe_.evaluation.tasks;
  const auto add = [this](const QString& text, const QString& task, bool checked) {
    auto* check = new QCheckBox(text);
    check->setProperty("task", task);
    check->setChecked(checked);
    connect(check, &QCheckBox::toggled, this, [this] {
      if (!showing_) readTasks();
    });
    tasksLayout_->insertWidget(static_cast<int>(taskChecks_.size()), check);
    taskChecks_.push_back(check);
  };
  for (auto task : kEvaluationTasks)
    add(fromStd(task), fromStd(task), std::find(chosen.begin(), chosen.end(), task) != chosen.end());
  // Unknown names stay visible (and can be unticked to remove them) rather than vanish unseen.
  for (const auto& task : chosen)
    if (std::find(kEvaluationTasks.begin(), kEvaluationTasks.end(), task) == kEvaluationTasks.end())
      add(tr("%1 (unknown)").arg(fromStd(task)), fromStd(task), true);
  if (tasksLayout_->count() == static_cast<int>(taskChecks_.size())) tasksLayout_->addStretch(1);
}

void RecipeEditor::readTasks() {
  std::vector<std::string> tasks;
  for (auto* check : taskChecks_)
    if (check->isChecked()) tasks.push_back(check->property("task").toString().toStdString());
  recipe_.evaluation.tasks = std::move(tasks);
  edited();
}

void RecipeEditor::showPoints() {
  pointProblems_.clear();
  const auto& points = recipe_.pruning.schedule.points;
  pointsTable_->setRowCount(static_cast<int>(points.size()));
  for (std::size_t i = 0; i < points.size(); ++i) {
    const int row = static_cast<int>(i);
    pointsTable_->setItem(row, 0, new QTableWidgetItem(wholeNumberText(locale(), points[i].first)));
    pointsTable_->setItem(row, 1, new QTableWidgetItem(numberText(locale(), points[i].second * 100, 10)));
  }
}

void RecipeEditor::readPoints() {
  pointProblems_.clear();
  const std::string source = recipe_.source.empty() ? "recipe" : recipe_.source;
  std::vector<std::pair<int64_t, double>> points;
  for (int row = 0; row < pointsTable_->rowCount(); ++row) {
    const QString field = QStringLiteral("pruning.schedule.points[%1]").arg(row);
    const QString stepText = pointsTable_->item(row, 0) ? pointsTable_->item(row, 0)->text() : QString();
    const QString sparsityText = pointsTable_->item(row, 1) ? pointsTable_->item(row, 1)->text() : QString();
    const auto step = parseWholeNumber(locale(), stepText);
    const auto percent = parseNumber(locale(), sparsityText);
    if (!step)
      pointProblems_.emplace_back(source, field.toStdString(),
                                  tr("step: expected a whole number, got '%1'").arg(stepText).toStdString());
    if (!percent)
      pointProblems_.emplace_back(source, field.toStdString(),
                                  tr("sparsity: expected a number (in %), got '%1'").arg(sparsityText).toStdString());
    if (step && percent) points.emplace_back(*step, *percent / 100);
  }
  // A cell that is not a number keeps the last good points in the recipe; the cell is marked.
  if (pointProblems_.empty()) recipe_.pruning.schedule.points = std::move(points);
  edited();
}

void RecipeEditor::showDevices() {
  deviceCombo_->clear();
  deviceCombo_->addItem(tr("auto"), QStringLiteral("auto"));
  deviceCombo_->addItem(tr("cpu"), QStringLiteral("cpu"));
  for (int i = 0; i < cudaNames_.size(); ++i)
    deviceCombo_->addItem(QStringLiteral("cuda:%1 — %2").arg(i).arg(cudaNames_[i]), QStringLiteral("cuda:%1").arg(i));
  const QString device = fromStd(recipe_.training.device);
  int index = deviceCombo_->findData(device);
  if (index < 0) {
    // A device from the file that this computer does not offer: shown as it is, and reported.
    deviceCombo_->addItem(device, device);
    index = deviceCombo_->count() - 1;
  }
  deviceCombo_->setCurrentIndex(index);
}

// ---- Editing and checking ----------------------------------------------------------------------

void RecipeEditor::edited() {
  if (teacherIsModel_->isChecked() && recipe_.teacher != recipe_.model) {
    recipe_.teacher = recipe_.model;
    showing_ = true;
    teacherEdit_->setText(fromPath(recipe_.teacher));
    showing_ = false;
  }
  modified_ = true;
  refresh();
}

void RecipeEditor::refresh() {
  problems_ = recipe_.check();
  problems_.insert(problems_.end(), pointProblems_.begin(), pointProblems_.end());
  const auto& device = recipe_.training.device;
  if (devicesKnown_ && device.starts_with("cuda")) {
    const std::string source = recipe_.source.empty() ? "recipe" : recipe_.source;
    if (cudaNames_.isEmpty()) {
      const QString why = cudaUnavailableReason_.isEmpty() ? QString() : QStringLiteral(": ") + cudaUnavailableReason_;
      problems_.emplace_back(source, "training.device",
                             tr("CUDA is not available on this computer%1; choose auto or cpu").arg(why).toStdString());
    } else if (device.size() > 5) {
      const int index = QString::fromStdString(device.substr(5)).toInt();
      if (index >= cudaNames_.size())
        problems_.emplace_back(source, "training.device",
                               tr("expected cuda:0 to cuda:%1 (the CUDA devices of this computer), got '%2'")
                                   .arg(cudaNames_.size() - 1)
                                   .arg(fromStd(device))
                                   .toStdString());
    }
  }
  markProblems();
  updateEnabledFields();
  updateStepEstimate();
  Q_EMIT recipeChanged(recipe_, problems_.empty());
}

void RecipeEditor::markProblems() {
  std::map<QString, QStringList> messages;
  for (const auto& p : problems_) {
    const QString field = fromStd(p.field());
    messages[editorFieldOf(field)] << field + QStringLiteral(": ") + fromStd(p.problem());
  }
  for (auto& [name, field] : fields_) {
    const auto found = messages.find(name);
    const bool problem = found != messages.end();
    const QString tip = problem ? found->second.join(QLatin1Char('\n'))
                                : (field.help.isEmpty() ? name : name + QStringLiteral(": ") + field.help);
    field.editor->setToolTip(tip);
    field.icon->setToolTip(tip);
    field.icon->setVisible(problem);
    field.editor->setProperty("problem", problem);
    if (field.frame && field.frame->property("problem").toBool() != problem) {
      field.frame->setProperty("problem", problem);
      field.frame->style()->unpolish(field.frame);
      field.frame->style()->polish(field.frame);
      field.frame->update();
    }
  }
  // The rows of the points table with a problem.
  const QString pointsPrefix = QStringLiteral("pruning.schedule.points[");
  std::vector<bool> badRows(static_cast<std::size_t>(pointsTable_->rowCount()), false);
  for (const auto& p : problems_) {
    const QString field = fromStd(p.field());
    if (!field.startsWith(pointsPrefix)) continue;
    const int row = field.mid(pointsPrefix.size()).chopped(1).toInt();
    if (row >= 0 && row < pointsTable_->rowCount()) badRows[static_cast<std::size_t>(row)] = true;
  }
  {
    const QSignalBlocker block(pointsTable_);
    for (int row = 0; row < pointsTable_->rowCount(); ++row)
      for (int column = 0; column < 2; ++column)
        if (auto* item = pointsTable_->item(row, column))
          item->setBackground(badRows[static_cast<std::size_t>(row)] ? QBrush(QColor(0xff, 0xcd, 0xd2)) : QBrush());
  }

  if (problems_.empty()) {
    summary_->setText(QStringLiteral("<b>%1</b>").arg(tr("Ready to run").toHtmlEscaped()));
    return;
  }
  QString html = QStringLiteral("<b>%1</b>").arg(problemCount().toHtmlEscaped());
  for (const auto& p : problems_) {
    const QString field = fromStd(p.field());
    html += QStringLiteral("<br>• <a href=\"%1\">%2</a>: %3")
                .arg(editorFieldOf(field).toHtmlEscaped(), field.toHtmlEscaped(), fromStd(p.problem()).toHtmlEscaped());
  }
  summary_->setText(html);
}

void RecipeEditor::updateEnabledFields() {
  const bool owl = recipe_.pruning.allocation == Allocation::owl;
  for (auto* w : owlFields_) w->setEnabled(owl || w->property("problem").toBool());
  const auto kind = recipe_.pruning.schedule.kind;
  const bool gradual = kind == ScheduleKind::linear || kind == ScheduleKind::cubic;
  for (auto* w : gradualFields_) w->setEnabled(gradual || w->property("problem").toBool());
}

int64_t RecipeEditor::estimatedSequences() const {
  const QString path = fromPath(recipe_.data.train);
  const QFileInfo info(path);
  const QString key = QStringLiteral("%1|%2|%3|%4|%5")
                          .arg(path)
                          .arg(info.size())
                          .arg(info.lastModified().toMSecsSinceEpoch())
                          .arg(recipe_.data.max_length)
                          .arg(recipe_.data.pack);
  if (key != estimate_.key) estimate_ = {key, estimateTrainingSequences(path, recipe_.data.max_length, recipe_.data.pack)};
  return estimate_.sequences;
}

int64_t RecipeEditor::previewTotalSteps() const {
  const auto& t = recipe_.training;
  if (t.steps > 0) return t.steps;
  if (!(t.epochs > 0)) return 0;
  return stepsForEpochs(t.epochs, estimatedSequences(), t.batch_size, t.grad_accum);
}

void RecipeEditor::updateStepEstimate() {
  const auto& t = recipe_.training;
  if (!(t.epochs > 0) || t.steps > 0) {
    stepEstimate_->hide();
    return;
  }
  const int64_t sequences = estimatedSequences();
  stepEstimate_->setText(sequences > 0
                             ? tr("≈ %1 optimizer steps (≈ %2 training sequences in the training file)")
                                   .arg(previewTotalSteps())
                                   .arg(sequences)
                             : tr("Steps unknown until the training file can be read"));
  stepEstimate_->show();
}

void RecipeEditor::revealField(const QString& field) {
  const auto found = fields_.find(field);
  if (found == fields_.end()) return;
  scroll_->ensureWidgetVisible(found->second.editor);
  found->second.editor->setFocus();
}

// ---- Public API --------------------------------------------------------------------------------

void RecipeEditor::setRecipe(const Recipe& recipe) {
  recipe_ = recipe;
  showRecipe();
  modified_ = false;
  refresh();
}

bool RecipeEditor::loadFile(const QString& path, QString* error) {
  try {
    Recipe recipe = Recipe::from_yaml_file(toPath(path));
    currentFile_ = path;
    fileLabel_->setText(QDir::toNativeSeparators(path));
    setRecipe(recipe);
    return true;
  } catch (const std::exception& e) {
    // RecipeError lists every problem, each with the file's name; a file that cannot be read is
    // named by its InputError.
    if (error) *error = QString::fromUtf8(e.what());
    return false;
  }
}

bool RecipeEditor::saveFile(const QString& path, QString* error) {
  try {
    recipe_.save(toPath(path));
  } catch (const std::exception& e) {
    if (error) *error = tr("Cannot save the recipe to %1: %2").arg(path, QString::fromUtf8(e.what()));
    return false;
  }
  currentFile_ = path;
  fileLabel_->setText(QDir::toNativeSeparators(path));
  modified_ = false;
  return true;
}

void RecipeEditor::setDevices(const QStringList& cudaDeviceNames, const QString& cudaUnavailableReason) {
  devicesKnown_ = true;
  cudaNames_ = cudaDeviceNames;
  cudaUnavailableReason_ = cudaUnavailableReason;
  showing_ = true;
  showDevices();
  showing_ = false;
  if (cudaNames_.isEmpty()) {
    deviceMessage_->setText(cudaUnavailableReason_.isEmpty()
                                ? tr("CUDA is not available — training runs on the CPU.")
                                : tr("CUDA is not available: %1 — training runs on the CPU.").arg(cudaUnavailableReason_));
    deviceMessage_->show();
  } else {
    deviceMessage_->clear();
    deviceMessage_->hide();
  }
  refresh();
}

QString RecipeEditor::deviceMessage() const { return deviceMessage_->isHidden() ? QString() : deviceMessage_->text(); }

QString RecipeEditor::problemCount() const {
  return problems_.size() == 1 ? tr("1 problem:") : tr("%1 problems:").arg(problems_.size());
}

QStringList RecipeEditor::problemFields() const {
  QStringList fields;
  for (const auto& p : problems_)
    if (const QString field = fromStd(p.field()); !fields.contains(field)) fields << field;
  return fields;
}

QStringList RecipeEditor::problems() const {
  QStringList lines;
  for (const auto& p : problems_) lines << fromStd(p.field()) + QStringLiteral(": ") + fromStd(p.problem());
  return lines;
}

QString RecipeEditor::summaryText() const {
  if (problems_.empty()) return tr("Ready to run");
  return problemCount() + QLatin1Char(' ') + problems().join(QStringLiteral("; "));
}

QWidget* RecipeEditor::fieldWidget(const QString& fieldName) const {
  const auto found = fields_.find(fieldName);
  return found == fields_.end() ? nullptr : found->second.editor;
}

bool RecipeEditor::isFieldMarked(const QString& fieldName) const {
  const QWidget* widget = fieldWidget(fieldName);
  return widget && widget->property("problem").toBool();
}

void RecipeEditor::chooseAndLoad() {
  if (modified_ &&
      QMessageBox::question(this, tr("Load recipe"), tr("Discard the unsaved changes to this recipe?")) != QMessageBox::Yes)
    return;
  const QString start = currentFile_.isEmpty() ? QString() : QFileInfo(currentFile_).absolutePath();
  const QString path = QFileDialog::getOpenFileName(this, tr("Load recipe"), start, tr("Recipes (*.yaml *.yml);;All files (*)"));
  if (path.isEmpty()) return;
  QString error;
  if (!loadFile(path, &error)) {
    QMessageBox box(QMessageBox::Warning, tr("Cannot load the recipe"), tr("%1 is not a recipe this version can read.").arg(path),
                    QMessageBox::Ok, this);
    box.setInformativeText(error);
    box.exec();
    return;
  }
  Q_EMIT fileLoaded(path);
}

void RecipeEditor::chooseAndSave() {
  QFileDialog dialog(this, tr("Save recipe"), currentFile_, tr("Recipes (*.yaml *.yml)"));
  dialog.setAcceptMode(QFileDialog::AcceptSave);
  dialog.setDefaultSuffix(QStringLiteral("yaml"));
  if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty()) return;
  const QString path = dialog.selectedFiles().front();
  QString error;
  if (!saveFile(path, &error)) {
    QMessageBox::warning(this, tr("Cannot save the recipe"), error);
    return;
  }
  Q_EMIT fileSaved(path);
}

}  // namespace sparsetune::widgets
