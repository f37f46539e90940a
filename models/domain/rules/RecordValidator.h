// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/rules/FieldIssue.h"

#include <QCoreApplication>

namespace branchline {

struct Customer;
struct Contact;
struct Lead;
struct Task;
struct Activity;
struct Terminal;
struct MerchantVolume;
struct KycItem;

// The rules a record must meet before it is saved, on the client and on the server alike.
// normalize() puts identifiers in their stored form (upper case, bare phone digits);
// validate() lists every problem at once so a form can mark all fields together.
class RecordValidator
{
    Q_DECLARE_TR_FUNCTIONS(RecordValidator)

public:
    static void normalize(Customer &customer);
    static void normalize(Contact &contact);
    static void normalize(Lead &lead);
    static void normalize(Task &task);
    static void normalize(Activity &activity);
    // The merchant detail (MerchantValidation.cpp).
    static void normalize(Terminal &terminal);
    static void normalize(MerchantVolume &volume);
    static void normalize(KycItem &item);

    static FieldIssues validate(const Customer &customer);
    static FieldIssues validate(const Contact &contact);
    static FieldIssues validate(const Lead &lead);
    static FieldIssues validate(const Task &task);
    static FieldIssues validate(const Activity &activity);
    static FieldIssues validate(const Terminal &terminal);
    static FieldIssues validate(const MerchantVolume &volume);
    static FieldIssues validate(const KycItem &item);

    static constexpr int maxNameLength = 200;
    static constexpr int maxTextLength = 20000;
};

} // namespace branchline
