// SPDX-License-Identifier: GPL-3.0-or-later
#include "WidgetPalette.h"

#include "DashboardCanvas.h"
#include "DragHook.h"

namespace branchline {

namespace {

const WidgetType allTypes[] = { WidgetType::Kpi,  WidgetType::Bar,   WidgetType::StackedBar,
                                WidgetType::Line, WidgetType::Area,  WidgetType::Pie,
                                WidgetType::Donut, WidgetType::Table, WidgetType::Pivot };

} // namespace

WidgetPalette::WidgetPalette(QWidget *parent)
    : QListWidget(parent)
{
    setObjectName(QStringLiteral("widgetPalette"));
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
    setToolTip(tr("Drag a widget onto the grid, or double-click to add it"));
    for (WidgetType type : allTypes) {
        auto *item = new QListWidgetItem(widgetTypeLabel(type), this);
        item->setData(Qt::UserRole, widgetTypeCode(type));
    }
    setCurrentRow(0);
    connect(this, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        if (const auto type = widgetTypeFromCode(item->data(Qt::UserRole).toString()))
            emit addRequested(*type);
    });
    setFixedHeight(sizeHintForRow(0) * int(std::size(allTypes)) + 2 * frameWidth() + 4);
}

QSize WidgetPalette::defaultSize(WidgetType type)
{
    switch (type) {
    case WidgetType::Kpi:
        return QSize(3, 2);
    case WidgetType::Table:
    case WidgetType::Pivot:
        return QSize(6, 4);
    default:
        return QSize(4, 4);
    }
}

QListWidgetItem *WidgetPalette::itemFor(WidgetType type) const
{
    for (int i = 0; i < count(); ++i) {
        if (item(i)->data(Qt::UserRole).toString() == widgetTypeCode(type))
            return item(i);
    }
    return nullptr;
}

void WidgetPalette::startDrag(Qt::DropActions)
{
    const QListWidgetItem *current = currentItem();
    const auto type = current ? widgetTypeFromCode(current->data(Qt::UserRole).toString())
                              : std::nullopt;
    if (!type)
        return;
    auto *drag = new QDrag(this);
    drag->setMimeData(DashboardCanvas::widgetTypeData(widgetTypeCode(*type), defaultSize(*type)));
    DragHook::run(drag);
}

} // namespace branchline
