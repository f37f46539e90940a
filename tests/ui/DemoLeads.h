// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DemoData.h"
#include "StoreFixture.h"
#include "repositories/LeadConversion.h"
#include "repositories/LeadRepository.h"

#include <QSqlQuery>

namespace branchline::test {

// A pipeline for the leads board on top of the demo book: leads in every status, from
// every channel, owned by the book's reps, one of them converted into a customer, all
// confirmed by the server except the last one, which was just moved on this computer and
// shows the pending marker. Returns the ids by name.
inline QHash<QString, QString> addDemoLeads(const QSqlDatabase &db, const DemoBook &book)
{
    struct Row
    {
        const char *name;
        const char *company;
        LeadStatus status;
        int score;
        const char *city;
        bool li; // owned by 李静 rather than 王磊
    };
    const Row rows[] = {
        { "陈志强", "杭州鑫源便利店", LeadStatus::New, 35, "杭州", false },
        { "刘芳", "瑞丰服装商行", LeadStatus::New, 58, "杭州", true },
        { "赵敏", "", LeadStatus::New, 22, "绍兴", false },
        { "黄伟", "嘉禾餐饮管理有限公司", LeadStatus::New, 74, "杭州", false },
        { "周洋", "恒泰汽车维修", LeadStatus::Contacted, 61, "杭州", true },
        { "吴艳", "华信医药连锁", LeadStatus::Contacted, 47, "湖州", false },
        { "张杰", "宏达物流", LeadStatus::Contacted, 30, "杭州", false },
        { "杨超", "天成酒店", LeadStatus::Qualified, 88, "杭州", false },
        { "李明", "金桥电子产品商行", LeadStatus::Qualified, 69, "嘉兴", true },
        { "孙海燕", "永安便利店", LeadStatus::Lost, 18, "杭州", false },
        { "郑涛", "东方餐饮", LeadStatus::Lost, 40, "宁波", true },
        { "钱进", "钱塘茶餐厅", LeadStatus::Qualified, 91, "杭州", false },
        { "马建华", "新锐服装", LeadStatus::New, 52, "杭州", false },
    };
    static const LeadSource sources[] = { LeadSource::WebForm, LeadSource::Referral,
                                          LeadSource::Partner, LeadSource::Event,
                                          LeadSource::CallCentre, LeadSource::WalkIn };
    QHash<QString, QString> ids;
    LeadRepository leads(db);
    int serial = 0;
    for (const Row &row : rows) {
        Lead lead;
        lead.name = QString::fromUtf8(row.name);
        lead.company = QString::fromUtf8(row.company);
        lead.phone = QStringLiteral("1390571%1").arg(serial, 4, 10, QLatin1Char('0'));
        lead.source = sources[serial % 6];
        lead.status = row.status;
        lead.score = row.score;
        lead.ownerId = row.li ? book.repLi : book.repWang;
        lead.branchId = book.hangzhouBranch;
        lead.productInterest = QStringLiteral("扫码收款");
        lead.city = QString::fromUtf8(row.city);
        if (row.status == LeadStatus::Lost)
            lead.notes = QStringLiteral("2026-03-02 流失：已选择其他收单机构");
        ++serial;
        if (leads.insert(lead))
            ids.insert(lead.name, lead.meta.id);
    }
    // Older changes further down each column, as weeks of work leave them.
    QSqlQuery spread(db);
    spread.exec(QStringLiteral("UPDATE leads SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', "
                               "'now', '-' || (local_id * 173 % 20000) || ' minutes')"));
    LeadConversion conversion(db, Role::SalesRep, book.repWang);
    const QString converted = ids.value(QStringLiteral("钱进"));
    Customer customer = conversion.draft(*leads.find(converted));
    customer.creditCode = validCreditCode(8808);
    conversion.convert(converted, customer);
    confirmAllEdits(db);
    // One move made here and not yet confirmed.
    leads.moveTo(ids.value(QStringLiteral("马建华")), LeadStatus::Contacted);
    return ids;
}

} // namespace branchline::test
