// SPDX-License-Identifier: GPL-3.0-or-later
#include "DashboardDocument.h"

#include <QUndoStack>

namespace branchline {

DashboardDocument::DashboardDocument(QObject *parent)
    : QObject(parent)
    , m_undo(new QUndoStack(this))
{
}

void DashboardDocument::load(const DashboardDefinition &definition)
{
    m_undo->clear();
    m_definition = definition;
    m_undo->setClean();
    emit loaded();
}

bool DashboardDocument::isModified() const
{
    return !m_undo->isClean();
}

void DashboardDocument::markSaved(const DashboardDefinition &saved)
{
    // The repository may have set the id or owner: keep them, keep the history.
    m_definition.id = saved.id;
    m_definition.ownerId = saved.ownerId;
    m_undo->setClean();
}

QHash<QString, QRect> DashboardDocument::layout() const
{
    QHash<QString, QRect> cells;
    for (const WidgetDefinition &w : m_definition.widgets)
        cells.insert(w.id, QRect(w.x, w.y, w.w, w.h));
    return cells;
}

QString DashboardDocument::newWidgetId() const
{
    for (int n = int(m_definition.widgets.size()) + 1;; ++n) {
        const QString id = QStringLiteral("w%1").arg(n);
        if (indexOf(id) < 0)
            return id;
    }
}

int DashboardDocument::indexOf(const QString &id) const
{
    for (int i = 0; i < m_definition.widgets.size(); ++i) {
        if (m_definition.widgets.at(i).id == id)
            return i;
    }
    return -1;
}

void DashboardDocument::insertWidget(const WidgetDefinition &widget, int index)
{
    if (index < 0 || index > m_definition.widgets.size())
        index = int(m_definition.widgets.size());
    m_definition.widgets.insert(index, widget);
    emit widgetAdded(widget.id);
}

void DashboardDocument::removeWidget(const QString &id)
{
    const int index = indexOf(id);
    if (index < 0)
        return;
    m_definition.widgets.removeAt(index);
    emit widgetRemoved(id);
}

void DashboardDocument::replaceWidget(const WidgetDefinition &widget)
{
    const int index = indexOf(widget.id);
    if (index < 0)
        return;
    m_definition.widgets[index] = widget;
    emit widgetChanged(widget.id);
}

void DashboardDocument::applyLayout(const QHash<QString, QRect> &layout)
{
    for (WidgetDefinition &w : m_definition.widgets) {
        if (!layout.contains(w.id))
            continue;
        const QRect r = layout.value(w.id);
        w.x = r.x();
        w.y = r.y();
        w.w = r.width();
        w.h = r.height();
    }
    emit layoutChanged();
}

void DashboardDocument::setName(const QString &name)
{
    m_definition.name = name;
    emit nameChanged();
}

void DashboardDocument::setFilters(const DateRange &range, const QString &branchId)
{
    m_definition.dateRange = range;
    m_definition.branchId = branchId;
    emit filtersChanged();
}

} // namespace branchline
