// SPDX-License-Identifier: GPL-3.0-or-later
#include "DashboardView.h"

#include "DashboardCanvas.h"
#include "DashboardDocument.h"
#include "DesignerCommands.h"
#include "DrillDownDialog.h"
#include "GridGeometry.h"
#include "Headings.h"
#include "ResultView.h"
#include "TileFrame.h"
#include "Tones.h"
#include "WidgetEditor.h"
#include "WidgetPalette.h"
#include "dashboards/DataSetCatalog.h"
#include "dashboards/QueryRunner.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QScrollArea>
#include <QSplitter>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

namespace branchline {

namespace {

const RelativePeriod kRanges[] = { RelativePeriod::Last7Days,       RelativePeriod::Last30Days,
                                   RelativePeriod::Last90Days,      RelativePeriod::ThisMonth,
                                   RelativePeriod::PreviousMonth,   RelativePeriod::ThisQuarter,
                                   RelativePeriod::PreviousQuarter, RelativePeriod::ThisYear,
                                   RelativePeriod::PreviousYear };

} // namespace

DashboardView::DashboardView(QueryRunner *runner, Role role, const QList<DirectoryEntry> &branches,
                             QWidget *parent)
    : QWidget(parent)
    , m_runner(runner)
    , m_role(role)
    , m_document(new DashboardDocument(this))
    , m_canvas(new DashboardCanvas)
    , m_scroll(new QScrollArea(this))
    , m_palette(new WidgetPalette(this))
    , m_editor(new WidgetEditor(role, this))
    , m_designPanel(new QWidget(this))
    , m_name(new QLabel(this))
    , m_nameEdit(new QLineEdit(this))
    , m_range(new QComboBox(this))
    , m_branch(new QComboBox(this))
    , m_notice(new QLabel(this))
    , m_today(QDate::currentDate())
{
    setObjectName(QStringLiteral("dashboardView"));
    m_range->setObjectName(QStringLiteral("dateRange"));
    m_branch->setObjectName(QStringLiteral("branchFilter"));
    m_range->addItem(tr("All time"), QString());
    for (RelativePeriod period : kRanges)
        m_range->addItem(relativePeriodLabel(period), relativePeriodCode(period));
    m_branch->addItem(tr("All branches"), QString());
    for (const DirectoryEntry &branch : branches)
        m_branch->addItem(branch.name, branch.id);

    m_scroll->setWidget(m_canvas);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto *paletteLabel = new QLabel(tr("Widgets"), m_designPanel);
    auto *designLayout = new QVBoxLayout(m_designPanel);
    designLayout->setContentsMargins(6, 6, 6, 6);
    designLayout->addWidget(paletteLabel);
    designLayout->addWidget(m_palette);
    designLayout->addWidget(m_editor, 1);
    m_designPanel->setMinimumWidth(260);
    m_designPanel->hide();

    m_notice->setObjectName(QStringLiteral("dashboardNotice"));
    m_notice->setWordWrap(true);
    m_notice->setTextFormat(Qt::PlainText);
    m_notice->hide();

    // The designer's panel scrolls when the window is short, so no setting is cut off.
    auto *designScroll = new QScrollArea(this);
    designScroll->setWidget(m_designPanel);
    designScroll->setWidgetResizable(true);
    designScroll->setFrameShape(QFrame::NoFrame);
    designScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    designScroll->setMinimumWidth(300);
    m_designScroll = designScroll;
    designScroll->hide();
    auto *body = new QSplitter(this);
    body->addWidget(m_scroll);
    body->addWidget(designScroll);
    body->setStretchFactor(0, 1);
    body->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(buildToolbar());
    layout->addWidget(m_notice);
    layout->addWidget(body, 1);

    connect(m_document, &DashboardDocument::loaded, this, &DashboardView::rebuildTiles);
    connect(m_document, &DashboardDocument::widgetAdded, this, [this](const QString &id) {
        addTile(id);
        m_canvas->select(id);
    });
    connect(m_document, &DashboardDocument::widgetRemoved, this, [this](const QString &id) {
        m_runner->cancelSlot(id);
        m_requests.remove(id);
        m_results.remove(id);
        m_canvas->removeTile(id);
    });
    connect(m_document, &DashboardDocument::widgetChanged, this, [this](const QString &id) {
        refreshTile(id);
        run(id);
        if (m_canvas->selected() == id)
            m_editor->setWidget(m_document->widget(id));
    });
    connect(m_document, &DashboardDocument::layoutChanged, this,
            [this] { m_canvas->setLayout(m_document->layout()); });
    connect(m_document, &DashboardDocument::nameChanged, this, [this] {
        m_name->setText(m_document->definition().name);
        if (m_nameEdit->text() != m_document->definition().name)
            m_nameEdit->setText(m_document->definition().name);
    });
    connect(m_document, &DashboardDocument::filtersChanged, this, &DashboardView::runAll);
    connect(m_canvas, &DashboardCanvas::tileGeometryRequested, this,
            [this](const QString &id, const QRect &cells) {
                m_document->undoStack()->push(new PlaceWidgetCommand(m_document, id, cells));
            });
    connect(m_canvas, &DashboardCanvas::widgetTypeDropped, this,
            [this](const QString &code, const QRect &cells) {
                if (const auto type = widgetTypeFromCode(code))
                    addWidget(*type, cells);
            });
    connect(m_canvas, &DashboardCanvas::tileSelected, this,
            [this](const QString &id) { m_editor->setWidget(m_document->widget(id)); });
    connect(m_palette, &WidgetPalette::addRequested, this, [this](WidgetType type) {
        const QRect place =
                GridGeometry::freePlace(m_document->layout(), WidgetPalette::defaultSize(type));
        addWidget(type, place);
    });
    connect(m_editor, &WidgetEditor::edited, this,
            [this](const WidgetDefinition &widget, const QString &text) {
                m_document->undoStack()->push(new EditWidgetCommand(m_document, widget, text));
            });
    connect(m_runner, &QueryRunner::started, this, [this](int id, const QString &slot) {
        if (m_requests.value(slot) == id)
            if (TileFrame *tile = m_canvas->tile(slot))
                tile->setBusy(true);
    });
    connect(m_runner, &QueryRunner::finished, this, &DashboardView::showResult);
}

QWidget *DashboardView::buildToolbar()
{
    auto *bar = new QWidget(this);
    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(8, 6, 8, 6);
    makeHeading(m_name, 1.3);
    m_name->setTextFormat(Qt::PlainText);
    // Long names and branch names must not widen the whole window: they give way first.
    m_name->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_name->setMinimumWidth(80);
    for (QComboBox *combo : { m_range, m_branch }) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(8);
    }
    m_nameEdit->setObjectName(QStringLiteral("dashboardName"));
    m_nameEdit->setMaxLength(DashboardDefinition::kMaxNameLength);
    m_nameEdit->hide();
    connect(m_nameEdit, &QLineEdit::editingFinished, this, [this] {
        const QString name = m_nameEdit->text().trimmed();
        if (!name.isEmpty() && name != m_document->definition().name)
            m_document->undoStack()->push(new RenameDashboardCommand(m_document, name));
    });

    auto tool = [bar](const QString &text, const QString &name) {
        auto *button = new QToolButton(bar);
        button->setText(text);
        button->setObjectName(name);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        return button;
    };
    m_design = tool(tr("Design"), QStringLiteral("designButton"));
    m_design->setCheckable(true);
    m_undo = m_document->undoStack()->createUndoAction(this, tr("Undo"));
    m_undo->setShortcut(QKeySequence::Undo);
    m_redo = m_document->undoStack()->createRedoAction(this, tr("Redo"));
    m_redo->setShortcut(QKeySequence::Redo);
    addAction(m_undo);
    addAction(m_redo);
    m_undoButton = tool(QString(), QStringLiteral("undoButton"));
    m_undoButton->setDefaultAction(m_undo);
    m_redoButton = tool(QString(), QStringLiteral("redoButton"));
    m_redoButton->setDefaultAction(m_redo);
    m_save = tool(tr("Save"), QStringLiteral("saveButton"));
    m_save->setShortcut(QKeySequence::Save);
    m_export = tool(tr("Export"), QStringLiteral("exportDashboard"));
    m_export->setPopupMode(QToolButton::InstantPopup);
    auto *exportMenu = new QMenu(m_export);
    exportMenu->addAction(tr("Dashboard as PNG…"), this, [this] { exportDashboard(Format::Png); });
    exportMenu->addAction(tr("Dashboard as PDF…"), this, [this] { exportDashboard(Format::Pdf); });
    m_export->setMenu(exportMenu);

    layout->addWidget(m_name, 1);
    layout->addWidget(m_nameEdit, 1);
    m_range->setToolTip(tr("Period"));
    m_range->setAccessibleName(tr("Period"));
    m_branch->setToolTip(tr("Branch"));
    m_branch->setAccessibleName(tr("Branch"));
    layout->addWidget(m_range);
    layout->addWidget(m_branch);
    layout->addWidget(m_export);
    layout->addWidget(m_design);
    layout->addWidget(m_undoButton);
    layout->addWidget(m_redoButton);
    layout->addWidget(m_save);

    connect(m_range, &QComboBox::activated, this, &DashboardView::applyFilters);
    connect(m_branch, &QComboBox::activated, this, &DashboardView::applyFilters);
    connect(m_design, &QToolButton::toggled, this, &DashboardView::setEditing);
    connect(m_save, &QToolButton::clicked, this, &DashboardView::save);
    return bar;
}

void DashboardView::showDashboard(const DashboardDefinition &definition, bool readOnly)
{
    for (const QString &id : m_requests.keys())
        m_runner->cancelSlot(id);
    m_requests.clear();
    m_results.clear();
    m_readOnly = readOnly || definition.builtIn;
    setEditing(false);
    setNotice(QString());
    m_name->setText(definition.name);
    m_nameEdit->setText(definition.name);
    m_design->setEnabled(!m_readOnly);
    m_design->setToolTip(m_readOnly ? tr("Read-only: built in or shared with you") : QString());
    const QString range = relativePeriodCode(definition.dateRange.period);
    m_range->setCurrentIndex(std::max(
            0,
            m_range->findData(definition.dateRange.period == RelativePeriod::None ? QString()
                                                                                  : range)));
    m_branch->setCurrentIndex(std::max(0, m_branch->findData(definition.branchId)));
    m_document->load(definition);
}

DashboardContext DashboardView::context() const
{
    DashboardContext context;
    context.dateRange = m_document->definition().dateRange;
    context.branchId = m_document->definition().branchId;
    context.today = m_today;
    return context;
}

void DashboardView::setToday(const QDate &today)
{
    m_today = today;
}

void DashboardView::setDateRange(const DateRange &range)
{
    m_document->setFilters(range, m_document->definition().branchId);
}

void DashboardView::setBranch(const QString &branchId)
{
    m_document->setFilters(m_document->definition().dateRange, branchId);
}

void DashboardView::applyFilters()
{
    DateRange range;
    range.period = relativePeriodFromCode(m_range->currentData().toString())
                           .value_or(RelativePeriod::None);
    m_document->setFilters(range, m_branch->currentData().toString());
}

void DashboardView::setEditing(bool editing)
{
    editing = editing && !m_readOnly;
    m_editing = editing;
    if (m_design->isChecked() != editing)
        m_design->setChecked(editing);
    m_canvas->setEditable(editing);
    m_designPanel->setVisible(editing);
    m_designScroll->setVisible(editing);
    m_name->setVisible(!editing);
    m_nameEdit->setVisible(editing);
    m_undoButton->setVisible(editing);
    m_redoButton->setVisible(editing);
    m_save->setVisible(!m_readOnly);
    m_undo->setEnabled(editing && m_document->undoStack()->canUndo());
    for (TileFrame *tile : m_canvas->tiles())
        fillMenu(tile->id());
    emit editingChanged(editing);
}

void DashboardView::addWidget(WidgetType type, const QRect &cells)
{
    WidgetDefinition widget;
    widget.id = m_document->newWidgetId();
    widget.type = type;
    widget.title = widgetTypeLabel(type);
    widget.x = cells.x();
    widget.y = cells.y();
    widget.w = cells.width();
    widget.h = cells.height();
    // A new widget counts the customers until fields are dropped on it: something to see.
    widget.query.dataSet = DataSetCatalog::dataSets().value(0);
    widget.query.measures = { MeasureSpec() };
    m_document->undoStack()->push(new AddWidgetCommand(m_document, widget));
}

void DashboardView::rebuildTiles()
{
    m_canvas->clear();
    for (const WidgetDefinition &widget : m_document->definition().widgets)
        addTile(widget.id);
    m_editor->setWidget(nullptr);
    runAll();
}

void DashboardView::addTile(const QString &widgetId)
{
    const WidgetDefinition *widget = m_document->widget(widgetId);
    if (!widget)
        return;
    m_canvas->addTile(widgetId, QRect(widget->x, widget->y, widget->w, widget->h));
    refreshTile(widgetId);
    run(widgetId);
}

void DashboardView::refreshTile(const QString &widgetId)
{
    TileFrame *tile = m_canvas->tile(widgetId);
    const WidgetDefinition *widget = m_document->widget(widgetId);
    if (!tile || !widget)
        return;
    tile->setTitle(widget->title);
    fillMenu(widgetId);
}

void DashboardView::fillMenu(const QString &widgetId)
{
    TileFrame *tile = m_canvas->tile(widgetId);
    if (!tile)
        return;
    QMenu *menu = tile->menu();
    menu->clear();
    menu->addAction(tr("Export as PNG…"), this,
                    [this, widgetId] { exportWidget(widgetId, Format::Png); });
    menu->addAction(tr("Export as PDF…"), this,
                    [this, widgetId] { exportWidget(widgetId, Format::Pdf); });
    menu->addAction(tr("Export data as CSV…"), this,
                    [this, widgetId] { exportWidget(widgetId, Format::Csv); });
    menu->addAction(tr("Export data as XLSX…"), this,
                    [this, widgetId] { exportWidget(widgetId, Format::Xlsx); });
    if (m_editing) {
        menu->addSeparator();
        menu->addAction(tr("Remove widget"), this, [this, widgetId] {
            m_document->undoStack()->push(new RemoveWidgetCommand(m_document, widgetId));
        });
    }
}

void DashboardView::runAll()
{
    for (const WidgetDefinition &widget : m_document->definition().widgets)
        run(widget.id);
}

void DashboardView::run(const QString &widgetId)
{
    const WidgetDefinition *widget = m_document->widget(widgetId);
    if (!widget)
        return;
    const bool compare = widget->type == WidgetType::Kpi && widget->comparePrevious;
    m_requests.insert(widgetId, m_runner->run(widgetId, widget->query, context(), compare));
    if (TileFrame *tile = m_canvas->tile(widgetId))
        tile->setBusy(true);
}

bool DashboardView::isBusy() const
{
    for (TileFrame *tile : m_canvas->tiles()) {
        if (tile->isBusy())
            return true;
    }
    return false;
}

void DashboardView::showResult(int requestId, const QString &slot, const QueryResult &result)
{
    if (m_requests.value(slot) != requestId)
        return;
    TileFrame *tile = m_canvas->tile(slot);
    const WidgetDefinition *widget = m_document->widget(slot);
    if (!tile || !widget)
        return;
    tile->setBusy(false);
    if (result.cancelled)
        return;
    m_results.insert(slot, result);
    if (!result.ok()) {
        tile->setContent(nullptr);
        tile->setMessage(result.error);
    } else if (result.rowCount() == 0) {
        tile->setContent(nullptr);
        tile->setMessage(tr("No records in this period"));
    } else {
        tile->setMessage(QString());
        ResultView *view = ResultView::create(*widget, result, tile);
        const QString id = slot;
        connect(view, &ResultView::drillRequested, this,
                [this, id](const QVariantList &keys, const QString &what) {
                    drillDown(id, keys, what);
                });
        tile->setContent(view);
    }
    emit widgetShown(slot);
}

void DashboardView::drillDown(const QString &widgetId, const QVariantList &keys,
                              const QString &what)
{
    const WidgetDefinition *widget = m_document->widget(widgetId);
    if (!widget || m_editing)
        return;
    auto *dialog = new DrillDownDialog(m_runner, widgetId + QStringLiteral("/drill"), widget->query,
                                       context(), keys, what, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &DrillDownDialog::customerOpened, this, &DashboardView::customerOpened);
    emit drillDownOpened(dialog);
    dialog->open();
}

void DashboardView::save()
{
    const DashboardDefinition &definition = m_document->definition();
    const QString problem = definition.validate();
    if (!problem.isEmpty()) {
        setNotice(problem);
        return;
    }
    if (definition.toJsonText().size() > DashboardDefinition::kMaxJsonBytes) {
        setNotice(tr("This dashboard is too large to save; remove some widgets."));
        return;
    }
    setNotice(QString());
    emit saveRequested(definition);
}

QString DashboardView::notice() const
{
    return m_notice->isHidden() ? QString() : m_notice->text();
}

void DashboardView::setNotice(const QString &text)
{
    m_notice->setText(text);
    m_notice->setVisible(!text.isEmpty());
    Tones::setTextTone(m_notice, Tone::Error);
}

} // namespace branchline
