// SPDX-License-Identifier: GPL-3.0-or-later
#include "DesignerCommands.h"

#include "DashboardDocument.h"
#include "GridGeometry.h"

#include <QCoreApplication>

namespace branchline {

AddWidgetCommand::AddWidgetCommand(DashboardDocument *document, const WidgetDefinition &widget)
    : QUndoCommand(QCoreApplication::translate("DesignerCommands", "Add widget"))
    , m_document(document)
    , m_widget(widget)
    , m_before(document->layout())
{
    const QRect cells = GridGeometry::clamp(QRect(widget.x, widget.y, widget.w, widget.h));
    m_after = GridGeometry::settle(m_before, widget.id, cells);
    m_widget.x = cells.x();
    m_widget.y = cells.y();
    m_widget.w = cells.width();
    m_widget.h = cells.height();
}

void AddWidgetCommand::redo()
{
    m_document->insertWidget(m_widget);
    m_document->applyLayout(m_after);
}

void AddWidgetCommand::undo()
{
    m_document->removeWidget(m_widget.id);
    m_document->applyLayout(m_before);
}

RemoveWidgetCommand::RemoveWidgetCommand(DashboardDocument *document, const QString &widgetId)
    : QUndoCommand(QCoreApplication::translate("DesignerCommands", "Remove widget"))
    , m_document(document)
    , m_index(document->indexOf(widgetId))
{
    if (const WidgetDefinition *widget = document->widget(widgetId))
        m_widget = *widget;
}

void RemoveWidgetCommand::redo()
{
    m_document->removeWidget(m_widget.id);
}

void RemoveWidgetCommand::undo()
{
    m_document->insertWidget(m_widget, m_index);
}

PlaceWidgetCommand::PlaceWidgetCommand(DashboardDocument *document, const QString &widgetId,
                                       const QRect &cells)
    : QUndoCommand(QCoreApplication::translate("DesignerCommands", "Move or resize widget"))
    , m_document(document)
    , m_before(document->layout())
    , m_after(GridGeometry::settle(m_before, widgetId, cells))
{
}

void PlaceWidgetCommand::redo()
{
    m_document->applyLayout(m_after);
}

void PlaceWidgetCommand::undo()
{
    m_document->applyLayout(m_before);
}

EditWidgetCommand::EditWidgetCommand(DashboardDocument *document, const WidgetDefinition &after,
                                     const QString &text)
    : QUndoCommand(text)
    , m_document(document)
    , m_after(after)
{
    if (const WidgetDefinition *before = document->widget(after.id))
        m_before = *before;
    WidgetDefinition sameButTitle = m_before;
    sameButTitle.title = after.title;
    m_titleOnly = sameButTitle.type == after.type && sameButTitle.query == after.query
            && sameButTitle.comparePrevious == after.comparePrevious;
}

void EditWidgetCommand::redo()
{
    m_document->replaceWidget(m_after);
}

void EditWidgetCommand::undo()
{
    m_document->replaceWidget(m_before);
}

int EditWidgetCommand::id() const
{
    return m_titleOnly ? 7001 : -1;
}

bool EditWidgetCommand::mergeWith(const QUndoCommand *other)
{
    const auto *next = dynamic_cast<const EditWidgetCommand *>(other);
    if (!next || !next->m_titleOnly || next->m_after.id != m_after.id)
        return false;
    m_after = next->m_after;
    return true;
}

RenameDashboardCommand::RenameDashboardCommand(DashboardDocument *document, const QString &name)
    : QUndoCommand(QCoreApplication::translate("DesignerCommands", "Rename dashboard"))
    , m_document(document)
    , m_before(document->definition().name)
    , m_after(name)
{
}

void RenameDashboardCommand::redo()
{
    m_document->setName(m_after);
}

void RenameDashboardCommand::undo()
{
    m_document->setName(m_before);
}

} // namespace branchline
