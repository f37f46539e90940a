// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Authenticator.h"
#include "core/DataScope.h"
#include "domain/rules/FieldIssue.h"

#include <QJsonObject>
#include <QStringList>

namespace branchline::server {

// Which way a write reached the server. Every one of them ends in the WriteGate; the channel
// decides only what the gate may take on trust.
enum class WriteChannel {
    Api, // a person through the REST API
    Sync, // a person's offline edit, pushed by their client
    Resolution, // a person deciding a conflict of the journal
    Approval, // the effect of an approval its flow has decided (a command)
    Integration, // another system through its API key (a command)
    System, // the server's own derived data (monthly volumes from the transaction feed)
};

// Who writes, and with what authority.
struct WriteActor
{
    Caller caller;
    DataScope scope;
    WriteChannel channel = WriteChannel::Api;
    // Fields a command may set whatever the caller's role may edit: an approval's effect
    // (fee rates, a credit limit), an integration's delivery. Empty for a person's own edit,
    // which the field permissions alone decide.
    QStringList commandFields;
    // A command's authority comes from its flow or its API key, not from a person's scope:
    // scope is not checked, but the command may still not move the record (owner, branch).
    bool command() const
    {
        return channel == WriteChannel::Approval || channel == WriteChannel::Integration
                || channel == WriteChannel::System;
    }
    // The audit entry's action instead of record.create/update/delete, and facts for its
    // detail (the approval request behind a write).
    QString auditAction;
    QJsonObject auditDetail;
    // Written as part of a batch that is audited as a whole (a transaction feed).
    bool auditedByBatch = false;
};

// Why the gate refused a write, as the API answers it: an HTTP status, a stable code and a
// translated message (and the fields to correct, for an invalid record).
struct WriteRefusal
{
    int status = 403;
    QString code;
    QString message;
    FieldIssues issues;
};

QString channelName(WriteChannel channel);

} // namespace branchline::server
