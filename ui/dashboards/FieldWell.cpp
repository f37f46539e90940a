// SPDX-License-Identifier: GPL-3.0-or-later
#include "FieldWell.h"

#include <QDragEnterEvent>
#include <QKeyEvent>
#include <QPainter>

namespace branchline {

FieldWell::FieldWell(FieldList::Kind accepts, const QString &placeholder, QWidget *parent)
    : QListWidget(parent)
    , m_accepts(accepts)
    , m_placeholder(placeholder)
{
    setAcceptDrops(true);
    setDropIndicatorShown(true);
    setFlow(QListView::LeftToRight);
    setWrapping(true);
    setSpacing(2);
    setFixedHeight(fontMetrics().height() * 3 + 8);
}

void FieldWell::setEntries(const QStringList &labels)
{
    const int current = currentRow();
    clear();
    addItems(labels);
    if (current >= 0 && current < count())
        setCurrentRow(current);
    viewport()->update();
}

bool FieldWell::accepts(const QMimeData *payload) const
{
    const FieldList::Dragged field = FieldList::dragged(payload);
    return field.valid && field.kind == m_accepts;
}

void FieldWell::dragEnterEvent(QDragEnterEvent *event)
{
    if (accepts(event->mimeData()))
        event->acceptProposedAction();
    else
        event->ignore();
}

void FieldWell::dragMoveEvent(QDragMoveEvent *event)
{
    if (accepts(event->mimeData()))
        event->acceptProposedAction();
    else
        event->ignore();
}

void FieldWell::dropEvent(QDropEvent *event)
{
    if (!accepts(event->mimeData())) {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
    emit fieldDropped(FieldList::dragged(event->mimeData()).name);
}

void FieldWell::keyPressEvent(QKeyEvent *event)
{
    if ((event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) && currentRow() >= 0) {
        emit removeRequested(currentRow());
        return;
    }
    QListWidget::keyPressEvent(event);
}

void FieldWell::paintEvent(QPaintEvent *event)
{
    QListWidget::paintEvent(event);
    if (count() > 0)
        return;
    // An empty well says what to drop into it.
    QPainter painter(viewport());
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(viewport()->rect().adjusted(6, 0, -6, 0), Qt::AlignVCenter | Qt::TextWordWrap,
                     m_placeholder);
}

} // namespace branchline
