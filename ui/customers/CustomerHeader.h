// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Tones.h"

#include <QWidget>

#include <optional>

class QLabel;

namespace branchline {

struct Customer;

// The top of the 360° view: the customer's name and, as small tags, kind, status, risk
// level, KYC status, owner and branch, plus the pending marker while an edit made here
// waits for the server.
class CustomerHeader : public QWidget
{
    Q_OBJECT

public:
    explicit CustomerHeader(QWidget *parent = nullptr);

    void setCustomer(const Customer &customer, const QString &ownerName, const QString &branchName,
                     bool pending);

protected:
    void changeEvent(QEvent *event) override;

private:
    QLabel *tag(const QString &objectName);
    void showRiskTone();

    QLabel *m_name = nullptr;
    QWidget *m_pending = nullptr;
    QLabel *m_kind = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_risk = nullptr;
    QLabel *m_kyc = nullptr;
    QLabel *m_owner = nullptr;
    QLabel *m_branch = nullptr;
    std::optional<Tone> m_riskTone;
};

} // namespace branchline
