// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dashboards/DashboardDefinition.h"

#include <QHash>
#include <QObject>
#include <QRect>

class QUndoStack;

namespace branchline {

// The dashboard being looked at or designed, and its undo stack. Every change the designer
// makes is a command on the stack (DesignerCommands) that calls the setters here; views
// follow the signals, so undo and redo redraw exactly what changed.
class DashboardDocument : public QObject
{
    Q_OBJECT

public:
    explicit DashboardDocument(QObject *parent = nullptr);

    const DashboardDefinition &definition() const { return m_definition; }
    // A new dashboard to show: the undo history starts again.
    void load(const DashboardDefinition &definition);
    QUndoStack *undoStack() const { return m_undo; }
    // Whether there are changes since load() or markSaved().
    bool isModified() const;
    void markSaved(const DashboardDefinition &saved);

    const WidgetDefinition *widget(const QString &id) const { return m_definition.widget(id); }
    QHash<QString, QRect> layout() const;
    // A widget id not used yet in this dashboard.
    QString newWidgetId() const;

    // Used by the undo commands.
    void insertWidget(const WidgetDefinition &widget, int index = -1);
    void removeWidget(const QString &id);
    void replaceWidget(const WidgetDefinition &widget);
    void applyLayout(const QHash<QString, QRect> &layout);
    void setName(const QString &name);
    void setFilters(const DateRange &range, const QString &branchId);
    int indexOf(const QString &id) const;

signals:
    void loaded();
    void widgetAdded(const QString &id);
    void widgetRemoved(const QString &id);
    // The widget's query, type or title changed: redraw and run it again.
    void widgetChanged(const QString &id);
    void layoutChanged();
    void nameChanged();
    // The dashboard-wide date range or branch changed: every widget runs again.
    void filtersChanged();

private:
    DashboardDefinition m_definition;
    QUndoStack *m_undo;
};

} // namespace branchline
