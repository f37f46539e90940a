// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dashboards/DashboardDefinition.h"
#include "dashboards/QueryCompiler.h"
#include "dashboards/QueryResult.h"
#include "repositories/Directory.h"
#include "domain/rules/Role.h"

#include <QHash>
#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QScrollArea;
class QToolButton;

namespace branchline {

class DashboardCanvas;
class DashboardDocument;
class DrillDownDialog;
class QueryRunner;
class WidgetEditor;
class WidgetPalette;

// One dashboard: its widgets on the 12-column grid, each drawn from its query's result
// (run off the GUI thread by the QueryRunner, a busy bar while it runs), the dashboard-wide
// date range and branch, drill-down into the records, exports, and — for a dashboard of
// one's own — the designer: palette, field wells, move and resize, undo and redo, save.
class DashboardView : public QWidget
{
    Q_OBJECT

public:
    enum class Format { Png, Pdf, Csv, Xlsx };

    DashboardView(QueryRunner *runner, Role role, const QList<DirectoryEntry> &branches,
                  QWidget *parent = nullptr);

    // Shows a dashboard; a read-only one (built in, or shared with me) cannot be designed.
    void showDashboard(const DashboardDefinition &definition, bool readOnly);
    bool isReadOnly() const { return m_readOnly; }
    DashboardDocument *document() const { return m_document; }
    DashboardCanvas *canvas() const { return m_canvas; }
    WidgetPalette *palette() const { return m_palette; }
    WidgetEditor *editor() const { return m_editor; }
    DashboardContext context() const;
    // What relative periods count from (tests pin it).
    void setToday(const QDate &today);
    void setDateRange(const DateRange &range);
    void setBranch(const QString &branchId);

    void setEditing(bool editing);
    bool isEditing() const { return m_editing; }
    // The last result of a widget; empty before it arrived.
    QueryResult resultOf(const QString &widgetId) const { return m_results.value(widgetId); }
    // Whether any widget's query is still running.
    bool isBusy() const;
    // What the bar under the toolbar says (a refused export, a save problem); empty if none.
    QString notice() const;

    // Asks where (FileChooser) and writes; false with notice() set when it could not.
    bool exportWidget(const QString &widgetId, Format format);
    bool exportDashboard(Format format);
    // Adds a widget of `type` at `cells` through the undo stack.
    void addWidget(WidgetType type, const QRect &cells);
    void setNotice(const QString &text);

signals:
    void saveRequested(const branchline::DashboardDefinition &definition);
    void customerOpened(const QString &customerId);
    void drillDownOpened(branchline::DrillDownDialog *dialog);
    // A widget's result arrived and is drawn.
    void widgetShown(const QString &widgetId);
    void editingChanged(bool editing);

private:
    QWidget *buildToolbar();
    void rebuildTiles();
    void addTile(const QString &widgetId);
    void refreshTile(const QString &widgetId);
    void runAll();
    void run(const QString &widgetId);
    void showResult(int requestId, const QString &slot, const QueryResult &result);
    void drillDown(const QString &widgetId, const QVariantList &keys, const QString &what);
    void fillMenu(const QString &widgetId);
    void applyFilters();
    void save();

    QueryRunner *m_runner;
    Role m_role;
    DashboardDocument *m_document;
    DashboardCanvas *m_canvas;
    QScrollArea *m_scroll;
    WidgetPalette *m_palette;
    WidgetEditor *m_editor;
    QWidget *m_designPanel;
    QWidget *m_designScroll = nullptr;
    QLabel *m_name;
    QLineEdit *m_nameEdit;
    QComboBox *m_range;
    QComboBox *m_branch;
    QToolButton *m_design;
    QAction *m_undo;
    QAction *m_redo;
    QToolButton *m_undoButton;
    QToolButton *m_redoButton;
    QToolButton *m_save;
    QToolButton *m_export;
    QLabel *m_notice;
    bool m_readOnly = true;
    bool m_editing = false;
    QDate m_today;
    QHash<QString, QueryResult> m_results;
    QHash<QString, int> m_requests; // widget id → request it waits for
};

} // namespace branchline
