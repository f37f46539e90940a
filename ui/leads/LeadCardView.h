// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/records/RecordEnums.h"

#include <QListView>

#include <functional>

class QDrag;

namespace branchline {

// One column of the leads board: cards of one status that can be dragged to another column.
// A drop is reported by cardDropped() once the drag is over, never inside it, because the
// board may then ask a question (why the lead was lost, the customer it becomes).
class LeadCardView : public QListView
{
    Q_OBJECT

public:
    explicit LeadCardView(LeadStatus status, QWidget *parent = nullptr);

    LeadStatus status() const { return m_status; }
    // What an empty column says instead of showing nothing.
    void setEmptyText(const QString &text);

    // Whether cards from other columns may be dropped here.
    void setAcceptsCards(bool accepts);
    bool acceptsCards() const { return m_acceptsCards; }

    // How a drag started from a card is carried out: QDrag::exec() unless set. The
    // offscreen platform of the GUI tests carries no drag at all, so a test sets a runner
    // that delivers the drag's own data to a column with real drag-enter, drag-move and
    // drop events: the card is still picked up by the mouse and dropped by dropEvent().
    // An empty runner restores QDrag::exec().
    using DragRunner = std::function<Qt::DropAction(QDrag *drag)>;
    static void setDragRunner(DragRunner runner);

signals:
    void cardDropped(const QString &leadId, LeadStatus from, LeadStatus to);

protected:
    void startDrag(Qt::DropActions supportedActions) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dragLeaveEvent(QDragLeaveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    bool accepts(const QMimeData *payload) const;
    void setDropHighlight(bool on);
    QPixmap cardPixmap(const QModelIndex &index) const;

    LeadStatus m_status;
    QString m_emptyText;
    bool m_acceptsCards = false;
    bool m_dropHighlight = false;
};

} // namespace branchline
