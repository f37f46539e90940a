// SPDX-License-Identifier: GPL-3.0-or-later
#include "DashboardCanvas.h"

#include "GridGeometry.h"
#include "TileFrame.h"

#include <QDragEnterEvent>
#include <QMouseEvent>
#include <QPainter>

namespace branchline {

DashboardCanvas::DashboardCanvas(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("dashboardCanvas"));
    setAcceptDrops(true);
}

QString DashboardCanvas::widgetTypeMime()
{
    return QStringLiteral("application/x-branchline-dashboard-widget");
}

QMimeData *DashboardCanvas::widgetTypeData(const QString &type, const QSize &cells)
{
    auto *payload = new QMimeData;
    const QString text = type + QLatin1Char(';') + QString::number(cells.width())
            + QLatin1Char(';') + QString::number(cells.height());
    payload->setData(widgetTypeMime(), text.toUtf8());
    return payload;
}

void DashboardCanvas::setEditable(bool editable)
{
    m_editable = editable;
    for (TileFrame *tile : std::as_const(m_tiles))
        tile->setEditable(editable);
    if (!editable)
        select(QString());
    updateGeometry();
    update();
}

TileFrame *DashboardCanvas::addTile(const QString &id, const QRect &cells)
{
    if (TileFrame *existing = m_tiles.value(id))
        return existing;
    auto *tile = new TileFrame(id, this);
    tile->setEditable(m_editable);
    m_tiles.insert(id, tile);
    m_cells.insert(id, GridGeometry::clamp(cells));
    connect(tile, &TileFrame::clicked, this, [this, id] { select(id); });
    connect(tile, &TileFrame::moveDragged, this,
            [this, tile](const QPoint &topLeft) { previewMove(tile, topLeft); });
    connect(tile, &TileFrame::resizeDragged, this,
            [this, tile](const QPoint &bottomRight) { previewResize(tile, bottomRight); });
    connect(tile, &TileFrame::dragFinished, this, [this, tile] { finishDrag(tile); });
    tile->show();
    place();
    return tile;
}

void DashboardCanvas::removeTile(const QString &id)
{
    delete m_tiles.take(id);
    m_cells.remove(id);
    if (m_selected == id)
        select(QString());
    place();
}

void DashboardCanvas::clear()
{
    qDeleteAll(m_tiles);
    m_tiles.clear();
    m_cells.clear();
    m_selected.clear();
    place();
}

QList<TileFrame *> DashboardCanvas::tiles() const
{
    return m_tiles.values();
}

void DashboardCanvas::setLayout(const QHash<QString, QRect> &layout)
{
    for (auto it = layout.cbegin(); it != layout.cend(); ++it) {
        if (m_tiles.contains(it.key()))
            m_cells.insert(it.key(), GridGeometry::clamp(it.value()));
    }
    place();
}

QRect DashboardCanvas::pixelRect(const QRect &cells) const
{
    return GridGeometry(width()).pixelRect(cells);
}

void DashboardCanvas::select(const QString &id)
{
    if (m_selected == id)
        return;
    m_selected = m_tiles.contains(id) ? id : QString();
    for (TileFrame *tile : std::as_const(m_tiles))
        tile->setSelected(m_editable && tile->id() == m_selected);
    emit tileSelected(m_selected);
}

QSize DashboardCanvas::sizeHint() const
{
    // Room for two more rows while designing, to drop a widget below the last one.
    const int rows = GridGeometry::rowsUsed(m_cells) + (m_editable ? 2 : 0);
    return QSize(640, GridGeometry::heightFor(std::max(rows, 1)));
}

QSize DashboardCanvas::minimumSizeHint() const
{
    return QSize(GridGeometry::Columns * 24, sizeHint().height());
}

void DashboardCanvas::place()
{
    const GridGeometry grid(width());
    for (auto it = m_tiles.cbegin(); it != m_tiles.cend(); ++it)
        it.value()->setGeometry(grid.pixelRect(m_cells.value(it.key())));
    setMinimumHeight(sizeHint().height());
    updateGeometry();
    update();
}

void DashboardCanvas::previewMove(TileFrame *tile, const QPoint &topLeft)
{
    const QRect cells = m_cells.value(tile->id());
    m_preview = GridGeometry(width()).snapMove(topLeft, cells.size());
    // The tile follows the pointer; the outline shows where it will land.
    tile->move(topLeft);
    update();
}

void DashboardCanvas::previewResize(TileFrame *tile, const QPoint &bottomRight)
{
    const QRect cells = m_cells.value(tile->id());
    const GridGeometry grid(width());
    m_preview = grid.snapResize(cells, bottomRight);
    const QRect start = grid.pixelRect(cells);
    tile->resize(std::max(40, bottomRight.x() - start.x()), std::max(40, bottomRight.y() - start.y()));
    update();
}

void DashboardCanvas::finishDrag(TileFrame *tile)
{
    const QRect target = m_preview;
    m_preview = QRect();
    const QString id = tile->id();
    // Back to the grid first: the layout changes only if the request is taken up.
    place();
    if (!target.isNull() && target != m_cells.value(id))
        emit tileGeometryRequested(id, target);
}

void DashboardCanvas::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    place();
}

void DashboardCanvas::paintEvent(QPaintEvent *)
{
    if (!m_editable)
        return;
    QPainter painter(this);
    const GridGeometry grid(width());
    // Faint column guides while designing, so a drop lands where it is expected.
    QColor guide = palette().color(QPalette::Mid);
    guide.setAlpha(40);
    for (int column = 0; column < GridGeometry::Columns; ++column) {
        const QRect r = grid.pixelRect(QRect(column, 0, 1, 1));
        painter.fillRect(QRect(r.x(), 0, r.width(), height()), guide);
    }
    if (m_preview.isNull())
        return;
    QColor fill = palette().color(QPalette::Highlight);
    fill.setAlpha(60);
    painter.setPen(QPen(palette().color(QPalette::Highlight), 2, Qt::DashLine));
    painter.setBrush(fill);
    painter.drawRect(grid.pixelRect(m_preview));
}

void DashboardCanvas::mousePressEvent(QMouseEvent *event)
{
    // A click on empty grid clears the choice.
    select(QString());
    QWidget::mousePressEvent(event);
}

QString DashboardCanvas::droppedType(const QMimeData *payload) const
{
    if (!m_editable || !payload || !payload->hasFormat(widgetTypeMime()))
        return QString();
    return QString::fromUtf8(payload->data(widgetTypeMime())).section(QLatin1Char(';'), 0, 0);
}

QRect DashboardCanvas::dropCells(const QMimeData *payload, const QPoint &pos) const
{
    const QStringList parts = QString::fromUtf8(payload->data(widgetTypeMime())).split(QLatin1Char(';'));
    const QSize size(parts.value(1).toInt(), parts.value(2).toInt());
    const QPoint cell = GridGeometry(width()).cellAt(pos);
    return GridGeometry::clamp(QRect(cell, size));
}

void DashboardCanvas::dragEnterEvent(QDragEnterEvent *event)
{
    if (droppedType(event->mimeData()).isEmpty())
        return;
    event->acceptProposedAction();
    m_preview = dropCells(event->mimeData(), event->position().toPoint());
    update();
}

void DashboardCanvas::dragMoveEvent(QDragMoveEvent *event)
{
    if (droppedType(event->mimeData()).isEmpty())
        return;
    event->acceptProposedAction();
    m_preview = dropCells(event->mimeData(), event->position().toPoint());
    update();
}

void DashboardCanvas::dragLeaveEvent(QDragLeaveEvent *)
{
    m_preview = QRect();
    update();
}

void DashboardCanvas::dropEvent(QDropEvent *event)
{
    const QString type = droppedType(event->mimeData());
    m_preview = QRect();
    update();
    if (type.isEmpty())
        return;
    event->acceptProposedAction();
    emit widgetTypeDropped(type, dropCells(event->mimeData(), event->position().toPoint()));
}

} // namespace branchline
