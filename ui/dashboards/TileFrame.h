// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFrame>
#include <QPoint>

class QLabel;
class QMenu;
class QProgressBar;
class QToolButton;
class QVBoxLayout;

namespace branchline {

// One widget of a dashboard on the grid: a title bar (its handle for moving), the chart or
// table, a thin busy bar while its query runs, a menu (exports, remove) and, when the
// dashboard is being designed, a grip at the bottom-right corner for resizing. It only
// reports the pointer; DashboardCanvas turns that into grid cells.
class TileFrame : public QFrame
{
    Q_OBJECT

public:
    explicit TileFrame(const QString &id, QWidget *parent = nullptr);

    QString id() const { return m_id; }
    void setTitle(const QString &title);
    QString title() const;
    // Replaces what the tile shows; the old content is deleted.
    void setContent(QWidget *content);
    QWidget *content() const { return m_content; }
    void setBusy(bool busy);
    bool isBusy() const;
    // A line in place of the content, e.g. why the query failed; empty hides it.
    void setMessage(const QString &message);
    QString message() const;
    void setEditable(bool editable);
    void setSelected(bool selected);
    bool isSelected() const { return m_selected; }
    QMenu *menu() const { return m_menu; }

    // Where the pointer grabs the tile to move it, and the resize grip (for tests).
    QWidget *handle() const { return m_header; }
    QWidget *grip() const { return m_grip; }

signals:
    void clicked();
    // The tile's top-left (moving) or bottom-right (resizing) in the parent's coordinates,
    // while the mouse drags it; then the end of the drag.
    void moveDragged(const QPoint &topLeft);
    void resizeDragged(const QPoint &bottomRight);
    void dragFinished();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    enum class Drag { None, Move, Resize };

    QString m_id;
    QWidget *m_header = nullptr;
    QLabel *m_title = nullptr;
    QToolButton *m_menuButton = nullptr;
    QMenu *m_menu = nullptr;
    QProgressBar *m_busy = nullptr;
    QLabel *m_message = nullptr;
    QVBoxLayout *m_body = nullptr;
    QWidget *m_content = nullptr;
    QWidget *m_grip = nullptr;
    bool m_editable = false;
    bool m_selected = false;
    Drag m_drag = Drag::None;
    QPoint m_pressOffset; // pointer to the tile's corner being dragged, at the press
};

} // namespace branchline
