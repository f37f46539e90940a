// SPDX-License-Identifier: GPL-3.0-or-later
#include "GridGeometry.h"

#include <QList>

#include <algorithm>

namespace branchline {

GridGeometry::GridGeometry(int canvasWidth)
    : m_width(std::max(canvasWidth, Columns * (Gap + 8)))
{
}

int GridGeometry::columnWidth() const
{
    return (m_width - Gap) / Columns;
}

QRect GridGeometry::pixelRect(const QRect &cells) const
{
    const int column = columnWidth();
    return QRect(Gap + cells.x() * column, Gap + cells.y() * RowHeight,
                 cells.width() * column - Gap, cells.height() * RowHeight - Gap);
}

QPoint GridGeometry::cellAt(const QPoint &pixel) const
{
    const int column = std::clamp((pixel.x() - Gap) / columnWidth(), 0, Columns - 1);
    const int row = std::max(0, (pixel.y() - Gap) / RowHeight);
    return QPoint(column, row);
}

QRect GridGeometry::snapMove(const QPoint &topLeftPixel, const QSize &size) const
{
    // Round to the nearest cell rather than the one under the corner: a widget let go a
    // little left of a line lands where it looks closest.
    const int column = columnWidth();
    const int x = (topLeftPixel.x() - Gap + column / 2) / column;
    const int y = (topLeftPixel.y() - Gap + RowHeight / 2) / RowHeight;
    return clamp(QRect(QPoint(std::max(0, x), std::max(0, y)), size));
}

QRect GridGeometry::snapResize(const QRect &cells, const QPoint &bottomRightPixel) const
{
    const int column = columnWidth();
    const int right = (bottomRightPixel.x() - Gap + column / 2) / column;
    const int bottom = (bottomRightPixel.y() - Gap + RowHeight / 2) / RowHeight;
    QRect resized = cells;
    resized.setWidth(std::clamp(right - cells.x(), 1, Columns - cells.x()));
    resized.setHeight(std::max(1, bottom - cells.y()));
    return resized;
}

int GridGeometry::heightFor(int rows)
{
    return Gap + rows * RowHeight;
}

QRect GridGeometry::clamp(const QRect &cells)
{
    const int w = std::clamp(cells.width(), 1, Columns);
    const int h = std::max(1, cells.height());
    const int x = std::clamp(cells.x(), 0, Columns - w);
    const int y = std::max(0, cells.y());
    return QRect(x, y, w, h);
}

QHash<QString, QRect> GridGeometry::settle(QHash<QString, QRect> layout, const QString &movedId,
                                           const QRect &cells)
{
    layout.insert(movedId, clamp(cells));
    // The others top to bottom: each goes down just below whatever settled one it overlaps,
    // until it overlaps none. Only downward moves, so one pass settles them all.
    QList<QString> others = layout.keys();
    others.removeAll(movedId);
    std::sort(others.begin(), others.end(), [&layout](const QString &a, const QString &b) {
        const QRect ra = layout.value(a), rb = layout.value(b);
        if (ra.y() != rb.y())
            return ra.y() < rb.y();
        return ra.x() != rb.x() ? ra.x() < rb.x() : a < b;
    });
    QList<QRect> settled{ layout.value(movedId) };
    for (const QString &id : others) {
        QRect rect = layout.value(id);
        for (bool moved = true; moved;) {
            moved = false;
            for (const QRect &fixed : settled) {
                if (rect.intersects(fixed)) {
                    rect.moveTop(fixed.bottom() + 1);
                    moved = true;
                }
            }
        }
        layout.insert(id, rect);
        settled.append(rect);
    }
    return layout;
}

QRect GridGeometry::freePlace(const QHash<QString, QRect> &layout, const QSize &size)
{
    const QSize fitted = clamp(QRect(QPoint(0, 0), size)).size();
    for (int y = 0;; ++y) {
        for (int x = 0; x + fitted.width() <= Columns; ++x) {
            const QRect candidate(QPoint(x, y), fitted);
            const bool clear = std::none_of(layout.cbegin(), layout.cend(),
                                            [&candidate](const QRect &r) {
                                                return r.intersects(candidate);
                                            });
            if (clear)
                return candidate;
        }
    }
}

int GridGeometry::rowsUsed(const QHash<QString, QRect> &layout)
{
    int rows = 0;
    for (const QRect &r : layout)
        rows = std::max(rows, r.y() + r.height());
    return rows;
}

} // namespace branchline
