// SPDX-License-Identifier: GPL-3.0-or-later
#include "LeadCardView.h"

#include "itemmodels/LeadColumnModel.h"

#include <QDrag>
#include <QDragEnterEvent>
#include <QMimeData>
#include <QPainter>

namespace branchline {

namespace {

LeadCardView::DragRunner &dragRunner()
{
    static LeadCardView::DragRunner runner;
    return runner;
}

} // namespace

LeadCardView::LeadCardView(LeadStatus status, QWidget *parent)
    : QListView(parent)
    , m_status(status)
{
    setObjectName(QStringLiteral("column_") + RecordEnums::code(status));
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Every card has the same height: a long column is never measured row by row.
    setUniformItemSizes(true);
    setDragDropMode(QAbstractItemView::DragDrop);
    setDefaultDropAction(Qt::MoveAction);
    setDropIndicatorShown(false);
    setDragEnabled(true); // the model says which cards may move (the viewer's role)
    setAcceptsCards(false);
    setFrameShape(QFrame::NoFrame);
    viewport()->setBackgroundRole(QPalette::Window);
}

void LeadCardView::setDragRunner(DragRunner runner)
{
    dragRunner() = std::move(runner);
}

void LeadCardView::setEmptyText(const QString &text)
{
    m_emptyText = text;
    viewport()->update();
}

void LeadCardView::setAcceptsCards(bool accepts)
{
    m_acceptsCards = accepts;
    setAcceptDrops(accepts);
    viewport()->setAcceptDrops(accepts);
}

QPixmap LeadCardView::cardPixmap(const QModelIndex &index) const
{
    const QRect rect = visualRect(index);
    const qreal ratio = devicePixelRatioF();
    QPixmap pixmap(rect.size() * ratio);
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    option.rect = QRect(QPoint(0, 0), rect.size());
    option.state |= QStyle::State_Selected;
    itemDelegateForIndex(index)->paint(&painter, option, index);
    return pixmap;
}

void LeadCardView::startDrag(Qt::DropActions)
{
    const QModelIndex index = currentIndex();
    if (!index.isValid() || !(model()->flags(index) & Qt::ItemIsDragEnabled))
        return;
    QMimeData *payload = model()->mimeData({ index });
    if (!payload)
        return;
    auto *drag = new QDrag(this);
    drag->setMimeData(payload);
    const QPixmap pixmap = cardPixmap(index);
    drag->setPixmap(pixmap);
    drag->setHotSpot(QPoint(int(pixmap.deviceIndependentSize().width() / 2), 12));
    if (dragRunner()) {
        dragRunner()(drag);
        drag->deleteLater();
        return;
    }
    drag->exec(Qt::MoveAction, Qt::MoveAction);
}

bool LeadCardView::accepts(const QMimeData *payload) const
{
    if (!m_acceptsCards)
        return false;
    const LeadColumnModel::DraggedLead lead = LeadColumnModel::draggedLead(payload);
    return !lead.id.isEmpty() && lead.from != m_status;
}

void LeadCardView::setDropHighlight(bool on)
{
    if (m_dropHighlight == on)
        return;
    m_dropHighlight = on;
    viewport()->update();
}

void LeadCardView::dragEnterEvent(QDragEnterEvent *event)
{
    if (!accepts(event->mimeData())) {
        event->ignore();
        return;
    }
    event->setDropAction(Qt::MoveAction);
    event->accept();
    setDropHighlight(true);
}

void LeadCardView::dragMoveEvent(QDragMoveEvent *event)
{
    // The whole column is one target: where in it the card lands does not matter, the
    // column sorts its cards itself.
    if (!accepts(event->mimeData())) {
        event->ignore();
        return;
    }
    event->setDropAction(Qt::MoveAction);
    event->accept();
}

void LeadCardView::dragLeaveEvent(QDragLeaveEvent *event)
{
    setDropHighlight(false);
    event->accept();
}

void LeadCardView::dropEvent(QDropEvent *event)
{
    setDropHighlight(false);
    if (!accepts(event->mimeData())) {
        event->ignore();
        return;
    }
    const LeadColumnModel::DraggedLead lead = LeadColumnModel::draggedLead(event->mimeData());
    event->setDropAction(Qt::MoveAction);
    event->accept();
    // On some platforms the drag's own event loop is still running: a dialog opened now
    // would open inside it. Report the drop once the drag is over.
    QMetaObject::invokeMethod(
            this, [this, lead] { emit cardDropped(lead.id, lead.from, m_status); },
            Qt::QueuedConnection);
}

void LeadCardView::paintEvent(QPaintEvent *event)
{
    QListView::paintEvent(event);
    QPainter painter(viewport());
    if (model() && model()->rowCount() == 0 && !m_emptyText.isEmpty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        const int side = fontMetrics().height();
        painter.drawText(viewport()->rect().adjusted(side, side, -side, -side),
                         Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, m_emptyText);
    }
    if (!m_dropHighlight)
        return;
    painter.setRenderHint(QPainter::Antialiasing);
    QPen pen(palette().color(QPalette::Highlight), 2.0, Qt::DashLine);
    painter.setPen(pen);
    painter.drawRoundedRect(QRectF(viewport()->rect()).adjusted(2, 2, -2, -2), 6, 6);
}

} // namespace branchline
