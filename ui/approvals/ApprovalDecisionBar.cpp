// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApprovalDecisionBar.h"

#include "Tones.h"
#include "approvals/ApprovalCommands.h"
#include "approvals/ApprovalInbox.h"
#include "repositories/Directory.h"

#include <QAction>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace branchline {

ApprovalDecisionBar::ApprovalDecisionBar(const QSqlDatabase &db, const QString &userId,
                                         QWidget *parent)
    : QWidget(parent)
    , m_db(db)
    , m_userId(userId)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *commentLabel = new QLabel(tr("Co&mment:"), this);
    m_comment = new QPlainTextEdit(this);
    m_comment->setObjectName(QStringLiteral("comment"));
    m_comment->setPlaceholderText(tr("Required when you reject or return the request"));
    m_comment->setTabChangesFocus(true);
    m_comment->setFixedHeight(m_comment->fontMetrics().lineSpacing() * 3 + 14);
    commentLabel->setBuddy(m_comment);
    layout->addWidget(commentLabel);
    layout->addWidget(m_comment);

    auto *delegateRow = new QHBoxLayout;
    m_delegateLabel = new QLabel(tr("Delegate &to:"), this);
    m_delegateTo = new QComboBox(this);
    m_delegateTo->setObjectName(QStringLiteral("delegateTo"));
    m_delegateLabel->setBuddy(m_delegateTo);
    delegateRow->addWidget(m_delegateLabel);
    delegateRow->addWidget(m_delegateTo, 1);
    layout->addLayout(delegateRow);

    auto *buttons = new QHBoxLayout;
    const QList<QPushButton *> made{
        addButton(QStringLiteral("approve"), tr("&Approve"), tr("Approve this step"),
                  QKeySequence(Qt::CTRL | Qt::Key_Return), QStringLiteral("approve")),
        addButton(QStringLiteral("reject"), tr("&Reject"),
                  tr("Reject the request; a comment says why"),
                  QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), QStringLiteral("reject")),
        addButton(QStringLiteral("return"), tr("Re&turn"),
                  tr("Return the request to the requester to change it; a comment says what"),
                  QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B), QStringLiteral("return")),
        addButton(QStringLiteral("delegate"), tr("&Delegate"),
                  tr("Hand your place on this step to the person chosen above"),
                  QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D), QStringLiteral("delegate")),
        addButton(QStringLiteral("withdraw"), tr("&Withdraw"), tr("Take your request back"),
                  QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_W), QStringLiteral("withdraw")),
    };
    for (QPushButton *button : made)
        buttons->addWidget(button);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    // Ctrl+Enter on the keypad approves too.
    auto *keypad = new QAction(this);
    keypad->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Enter));
    keypad->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(keypad, &QAction::triggered, this, [this] { act(QStringLiteral("approve")); });
    m_actions << keypad;

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("decisionProblem"));
    m_problem->setWordWrap(true);
    Tones::setTextTone(m_problem, Tone::Error);
    layout->addWidget(m_problem);
    clear();
}

QPushButton *ApprovalDecisionBar::addButton(const QString &name, const QString &text,
                                            const QString &tip, const QKeySequence &keys,
                                            const QString &decision)
{
    auto *button = new QPushButton(text, this);
    button->setObjectName(name);
    button->setToolTip(tr("%1 (%2)").arg(tip, keys.toString(QKeySequence::NativeText)));
    connect(button, &QPushButton::clicked, this, [this, decision] { act(decision); });
    m_buttons.insert(decision, button);
    // The same as a shortcut the page adds, so it works with the list focused as well.
    auto *action = new QAction(text, this);
    action->setShortcut(keys);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(action, &QAction::triggered, this, [this, decision] { act(decision); });
    m_actions << action;
    return button;
}

void ApprovalDecisionBar::clear()
{
    m_hasItem = false;
    m_item = ApprovalItem();
    m_comment->clear();
    m_problem->clear();
    m_problem->setVisible(false);
    for (QPushButton *button : std::as_const(m_buttons))
        button->setVisible(false);
    m_delegateTo->setVisible(false);
    m_delegateLabel->setVisible(false);
    setVisible(false);
}

void ApprovalDecisionBar::setItem(const ApprovalItem &item)
{
    const bool sameRequest = m_hasItem && m_item.request.meta.id == item.request.meta.id;
    m_item = item;
    m_hasItem = true;
    if (!sameRequest) {
        m_comment->clear();
        m_problem->setVisible(false);
    }
    const ApprovalInbox inbox(m_userId);
    const bool deciding = inbox.isWaitingForMe(item);
    const bool withdrawing = inbox.canWithdraw(item);
    for (const QString &decision : { QStringLiteral("approve"), QStringLiteral("reject"),
                                     QStringLiteral("return"), QStringLiteral("delegate") })
        m_buttons.value(decision)->setVisible(deciding);
    m_buttons.value(QStringLiteral("withdraw"))->setVisible(withdrawing);
    m_delegateTo->setVisible(deciding);
    m_delegateLabel->setVisible(deciding);
    if (deciding) {
        const QString chosen = m_delegateTo->currentData().toString();
        m_delegateTo->clear();
        m_delegateTo->addItem(tr("(nobody)"), QString());
        for (const DirectoryEntry &user : Directory(m_db).users())
            if (user.id != m_userId && user.id != item.request.requesterId)
                m_delegateTo->addItem(user.name, user.id);
        m_delegateTo->setCurrentIndex(qMax(0, m_delegateTo->findData(chosen)));
    }
    setVisible(deciding || withdrawing);
}

void ApprovalDecisionBar::showProblem(const QString &message)
{
    m_problem->setText(message);
    m_problem->setVisible(!message.isEmpty());
}

void ApprovalDecisionBar::act(const QString &decision)
{
    QPushButton *button = m_buttons.value(decision);
    if (!m_hasItem || !button || !button->isVisible())
        return;
    const QString comment = m_comment->toPlainText();
    // Rejecting or returning asks for a reason first: the comment box takes the focus.
    if (comment.trimmed().isEmpty()
        && (decision == QLatin1String("reject") || decision == QLatin1String("return"))) {
        showProblem(tr("Say why in a comment when you reject or return a request."));
        m_comment->setFocus();
        return;
    }
    ApprovalCommands commands(m_db, m_userId);
    const QString id = m_item.request.meta.id;
    const SaveResult result = decision == QLatin1String("withdraw")
            ? commands.withdraw(id, comment)
            : commands.decide(id, m_item.request.currentStep, decision, comment,
                              m_delegateTo->currentData().toString());
    if (!result) {
        showProblem(result.firstMessage());
        if (!result.issues.isEmpty() && result.issues.first().field == QLatin1String("comment"))
            m_comment->setFocus();
        if (!result.issues.isEmpty() && result.issues.first().field == QLatin1String("delegate_to"))
            m_delegateTo->setFocus();
        return;
    }
    m_comment->clear();
    showProblem(QString());
    emit decided(id);
}

} // namespace branchline
