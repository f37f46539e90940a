// SPDX-License-Identifier: GPL-3.0-or-later
#include "LeadBoard.h"

#include "LeadCardDelegate.h"
#include "LeadCardView.h"
#include "itemmodels/LeadColumnModel.h"
#include "repositories/LeadConversion.h"
#include "domain/rules/FieldPolicy.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace branchline {

LeadBoard::LeadBoard(const QSqlDatabase &db, Role viewer, QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("LeadBoard"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    for (const LeadStatus status : RecordEnums::all<LeadStatus>())
        layout->addWidget(buildColumn(status, db, viewer), 1);
    refresh();
}

QWidget *LeadBoard::buildColumn(LeadStatus status, const QSqlDatabase &db, Role viewer)
{
    const bool mayMove = FieldPolicy::permission(viewer, RecordType::Lead, QStringLiteral("status"))
            == FieldPermission::Editable;
    auto *frame = new QFrame(this);
    frame->setFrameShape(QFrame::StyledPanel);
    frame->setBackgroundRole(QPalette::Window);
    auto *layout = new QVBoxLayout(frame);
    layout->setContentsMargins(4, 6, 4, 4);
    layout->setSpacing(4);

    auto *header = new QLabel(frame);
    header->setObjectName(QStringLiteral("header_") + RecordEnums::code(status));
    header->setTextFormat(Qt::RichText);
    header->setContentsMargins(6, 0, 6, 0);
    layout->addWidget(header);
    m_headers.insert(status, header);

    auto *model = new LeadColumnModel(db, status, viewer, this);
    auto *view = new LeadCardView(status, frame);
    view->setModel(model);
    view->setItemDelegate(new LeadCardDelegate(view));
    view->setDragEnabled(mayMove);
    // A converted lead does not move on: only conversion brings a card into that column.
    view->setAcceptsCards(status == LeadStatus::Converted ? LeadConversion::mayConvert(viewer)
                                                          : mayMove);
    view->setEmptyText(status == LeadStatus::Converted && view->acceptsCards()
                               ? tr("Drop a lead here to convert it into a customer.")
                               : tr("No leads here."));
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    layout->addWidget(view, 1);
    m_models.insert(status, model);
    m_views.insert(status, view);

    connect(model, &LeadColumnModel::totalCountChanged, this, [this, status] { showCount(status); });
    connect(view, &LeadCardView::cardDropped, this, &LeadBoard::cardDropped);
    connect(view, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        emit leadActivated(index.data(LeadColumnModel::IdRole).toString());
    });
    connect(view, &QWidget::customContextMenuRequested, this, [this, view](const QPoint &pos) {
        const QModelIndex index = view->indexAt(pos);
        if (!index.isValid())
            return;
        view->setCurrentIndex(index);
        emit menuRequested(index.data(LeadColumnModel::IdRole).toString(),
                           view->viewport()->mapToGlobal(pos));
    });
    connect(view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this, status] { onSelectionChanged(status); });
    showCount(status);
    return frame;
}

void LeadBoard::showCount(LeadStatus status)
{
    const qint64 total = m_models.value(status)->totalCount();
    const QString count = total < 0 ? QStringLiteral("–") : QLocale().toString(total);
    m_headers.value(status)->setText(
            QStringLiteral("<b>%1</b>&nbsp;&nbsp;<span style=\"color:%2\">%3</span>")
                    .arg(RecordEnums::label(status).toHtmlEscaped(),
                         palette().color(QPalette::PlaceholderText).name(), count));
}

void LeadBoard::onSelectionChanged(LeadStatus status)
{
    // One card is selected on the whole board, so "the selected lead" means one lead.
    if (m_views.value(status)->selectionModel()->hasSelection())
        for (auto it = m_views.cbegin(); it != m_views.cend(); ++it)
            if (it.key() != status)
                it.value()->clearSelection();
    const QString id = currentLeadId();
    if (id == m_current)
        return;
    m_current = id;
    emit currentLeadChanged(id);
}

QString LeadBoard::currentLeadId() const
{
    for (LeadCardView *view : m_views) {
        const QModelIndexList selected = view->selectionModel()->selectedIndexes();
        if (!selected.isEmpty())
            return selected.first().data(LeadColumnModel::IdRole).toString();
    }
    return QString();
}

void LeadBoard::selectLead(const QString &leadId)
{
    for (auto it = m_models.cbegin(); it != m_models.cend(); ++it) {
        const int row = it.value()->rowOf(leadId);
        if (row < 0)
            continue;
        LeadCardView *view = m_views.value(it.key());
        view->setCurrentIndex(it.value()->index(row, 0));
        view->scrollTo(view->currentIndex());
        return;
    }
}

void LeadBoard::setFilter(const LeadFilter &filter)
{
    for (LeadColumnModel *model : std::as_const(m_models))
        model->setFilter(filter);
    if (currentLeadId().isEmpty() && !m_current.isEmpty()) {
        m_current.clear();
        emit currentLeadChanged(QString());
    }
}

void LeadBoard::refresh()
{
    // The selection survives a reload: a card that moved stays selected in its new column.
    const QString selected = currentLeadId();
    for (LeadColumnModel *model : std::as_const(m_models))
        model->reload();
    if (!selected.isEmpty())
        selectLead(selected);
    if (currentLeadId() != m_current) {
        m_current = currentLeadId();
        emit currentLeadChanged(m_current);
    }
}

} // namespace branchline
