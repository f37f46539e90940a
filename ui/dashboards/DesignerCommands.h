// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dashboards/DashboardDefinition.h"
#include "dashboards/QuerySpec.h"

#include <QHash>
#include <QRect>
#include <QUndoCommand>

namespace branchline {

class DashboardDocument;

// The designer's changes as undoable commands over a DashboardDocument.

// A widget dropped from the palette; what it lands on is pushed down.
class AddWidgetCommand : public QUndoCommand
{
public:
    AddWidgetCommand(DashboardDocument *document, const WidgetDefinition &widget);
    void redo() override;
    void undo() override;

private:
    DashboardDocument *m_document;
    WidgetDefinition m_widget;
    QHash<QString, QRect> m_before;
    QHash<QString, QRect> m_after;
};

class RemoveWidgetCommand : public QUndoCommand
{
public:
    RemoveWidgetCommand(DashboardDocument *document, const QString &widgetId);
    void redo() override;
    void undo() override;

private:
    DashboardDocument *m_document;
    WidgetDefinition m_widget;
    int m_index = -1;
};

// A widget moved or resized to `cells`; what it lands on is pushed down.
class PlaceWidgetCommand : public QUndoCommand
{
public:
    PlaceWidgetCommand(DashboardDocument *document, const QString &widgetId, const QRect &cells);
    void redo() override;
    void undo() override;

private:
    DashboardDocument *m_document;
    QHash<QString, QRect> m_before;
    QHash<QString, QRect> m_after;
};

// A widget's type, title, query or comparison changed. Consecutive title edits of one
// widget merge into one step, so undo does not go back a letter at a time.
class EditWidgetCommand : public QUndoCommand
{
public:
    EditWidgetCommand(DashboardDocument *document, const WidgetDefinition &after,
                      const QString &text);
    void redo() override;
    void undo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

private:
    DashboardDocument *m_document;
    WidgetDefinition m_before;
    WidgetDefinition m_after;
    bool m_titleOnly = false;
};

class RenameDashboardCommand : public QUndoCommand
{
public:
    RenameDashboardCommand(DashboardDocument *document, const QString &name);
    void redo() override;
    void undo() override;

private:
    DashboardDocument *m_document;
    QString m_before;
    QString m_after;
};

} // namespace branchline
