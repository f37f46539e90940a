// SPDX-License-Identifier: GPL-3.0-or-later
#include "TileFrame.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QProgressBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace branchline {

namespace {

// The resize grip: three short diagonal strokes, as window corners have.
class ResizeGrip : public QWidget
{
public:
    explicit ResizeGrip(QWidget *parent)
        : QWidget(parent)
    {
        setFixedSize(14, 14);
        setCursor(Qt::SizeFDiagCursor);
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        painter.setPen(QPen(palette().color(QPalette::Mid), 1.5));
        for (int i = 4; i <= 12; i += 4)
            painter.drawLine(width() - i, height() - 2, width() - 2, height() - i);
    }
};

} // namespace

TileFrame::TileFrame(const QString &id, QWidget *parent)
    : QFrame(parent)
    , m_id(id)
{
    setObjectName(QStringLiteral("tile_") + id);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
    setFrameShape(QFrame::StyledPanel);

    m_header = new QWidget(this);
    m_header->setObjectName(QStringLiteral("tileHeader"));
    m_title = new QLabel(m_header);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setTextFormat(Qt::PlainText);
    m_menuButton = new QToolButton(m_header);
    m_menuButton->setObjectName(QStringLiteral("tileMenu"));
    m_menuButton->setText(QStringLiteral("⋯"));
    m_menuButton->setToolTip(tr("Export and other actions"));
    m_menuButton->setAutoRaise(true);
    m_menuButton->setPopupMode(QToolButton::InstantPopup);
    // The dots already say "menu": no arrow beside them.
    m_menuButton->setStyleSheet(QStringLiteral("QToolButton::menu-indicator { image: none; }"));
    m_menu = new QMenu(m_menuButton);
    m_menuButton->setMenu(m_menu);
    auto *headerLayout = new QHBoxLayout(m_header);
    headerLayout->setContentsMargins(8, 4, 2, 0);
    headerLayout->addWidget(m_title, 1);
    headerLayout->addWidget(m_menuButton);

    m_busy = new QProgressBar(this);
    m_busy->setObjectName(QStringLiteral("tileBusy"));
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->setFixedHeight(3);
    m_busy->setAccessibleName(tr("Loading"));
    m_busy->hide();
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("tileMessage"));
    m_message->setWordWrap(true);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setTextFormat(Qt::PlainText);
    m_message->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(1, 1, 1, 1);
    layout->setSpacing(0);
    layout->addWidget(m_header);
    layout->addWidget(m_busy);
    m_body = new QVBoxLayout;
    m_body->setContentsMargins(6, 2, 6, 6);
    m_body->addWidget(m_message, 1);
    layout->addLayout(m_body, 1);

    m_grip = new ResizeGrip(this);
    m_grip->setObjectName(QStringLiteral("tileGrip"));
    m_grip->hide();
    m_header->installEventFilter(this);
    m_title->installEventFilter(this);
    m_grip->installEventFilter(this);
}

void TileFrame::setTitle(const QString &title)
{
    m_title->setText(title);
    m_menuButton->setAccessibleName(tr("Actions for %1").arg(title));
}

QString TileFrame::title() const
{
    return m_title->text();
}

void TileFrame::setContent(QWidget *content)
{
    if (m_content)
        m_content->deleteLater();
    m_content = content;
    if (content) {
        content->setParent(this);
        m_body->addWidget(content, 1);
        content->setVisible(m_message->isHidden());
    }
    m_grip->raise();
}

void TileFrame::setBusy(bool busy)
{
    m_busy->setVisible(busy);
}

bool TileFrame::isBusy() const
{
    return !m_busy->isHidden();
}

void TileFrame::setMessage(const QString &message)
{
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
    if (m_content)
        m_content->setVisible(message.isEmpty());
}

QString TileFrame::message() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

void TileFrame::setEditable(bool editable)
{
    m_editable = editable;
    m_grip->setVisible(editable);
    m_header->setCursor(editable ? Qt::SizeAllCursor : Qt::ArrowCursor);
    m_grip->move(width() - m_grip->width() - 1, height() - m_grip->height() - 1);
    m_grip->raise();
}

void TileFrame::setSelected(bool selected)
{
    m_selected = selected;
    update();
}

bool TileFrame::eventFilter(QObject *watched, QEvent *event)
{
    const bool fromGrip = watched == m_grip;
    if (!m_editable || (!fromGrip && watched != m_header && watched != m_title))
        return QFrame::eventFilter(watched, event);
    auto *mouse = dynamic_cast<QMouseEvent *>(event);
    if (!mouse)
        return QFrame::eventFilter(watched, event);
    const QPoint inParent = mapToParent(mapFromGlobal(mouse->globalPosition().toPoint()));
    switch (event->type()) {
    case QEvent::MouseButtonPress:
        if (mouse->button() != Qt::LeftButton)
            break;
        emit clicked();
        m_drag = fromGrip ? Drag::Resize : Drag::Move;
        m_pressOffset = fromGrip ? geometry().bottomRight() - inParent : inParent - pos();
        raise();
        return true;
    case QEvent::MouseMove:
        if (m_drag == Drag::Move)
            emit moveDragged(inParent - m_pressOffset);
        else if (m_drag == Drag::Resize)
            emit resizeDragged(inParent + m_pressOffset);
        return m_drag != Drag::None;
    case QEvent::MouseButtonRelease:
        if (m_drag == Drag::None)
            break;
        m_drag = Drag::None;
        emit dragFinished();
        return true;
    default:
        break;
    }
    return QFrame::eventFilter(watched, event);
}

void TileFrame::resizeEvent(QResizeEvent *event)
{
    QFrame::resizeEvent(event);
    m_grip->move(width() - m_grip->width() - 1, height() - m_grip->height() - 1);
    m_grip->raise();
}

void TileFrame::mousePressEvent(QMouseEvent *event)
{
    // A click anywhere on the tile chooses it for the field wells.
    if (event->button() == Qt::LeftButton)
        emit clicked();
    QFrame::mousePressEvent(event);
}

void TileFrame::paintEvent(QPaintEvent *event)
{
    QFrame::paintEvent(event);
    if (!m_selected)
        return;
    QPainter painter(this);
    painter.setPen(QPen(palette().color(QPalette::Highlight), 2));
    painter.drawRect(rect().adjusted(1, 1, -1, -1));
}

} // namespace branchline
