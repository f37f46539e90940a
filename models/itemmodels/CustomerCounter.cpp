// SPDX-License-Identifier: GPL-3.0-or-later
#include "CustomerCounter.h"

#include <QElapsedTimer>
#include <QTimer>

namespace branchline {

CustomerCounter::CustomerCounter(const QSqlDatabase &db, QObject *parent)
    : QObject(parent)
    , m_repository(db)
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    m_timer->setInterval(0);
    connect(m_timer, &QTimer::timeout, this, &CustomerCounter::countTurn);
}

void CustomerCounter::start(const CustomerFilter &filter)
{
    m_filter = filter;
    // A search text is the full-text index or, for an exact identifier, one index probe
    // per slice: either way the slice's length is not what it costs.
    m_bySearch = !filter.text.trimmed().isEmpty();
    m_after = 0;
    m_counted = 0;
    m_total = -1;
    m_timer->stop();
    countTurn();
}

void CustomerCounter::cancel()
{
    m_timer->stop();
}

bool CustomerCounter::isCounting() const
{
    return m_timer->isActive();
}

void CustomerCounter::countTurn()
{
    QElapsedTimer clock;
    clock.start();
    do {
        StoreError error;
        const CustomerRepository::CountSlice slice = m_repository.countSlice(
                m_filter, m_after, m_bySearch ? m_searchSliceRows : m_sliceRows, &error);
        if (error.isError()) {
            emit failed(error.message);
            return;
        }
        m_counted += slice.rows;
        m_after = slice.next;
        if (slice.done) {
            m_total = m_counted;
            emit finished(m_total);
            return;
        }
    } while (clock.elapsed() < m_budgetMs);
    emit progress(m_counted);
    m_timer->start(); // the next turn, after whatever else is waiting (keys, paints)
}

} // namespace branchline
