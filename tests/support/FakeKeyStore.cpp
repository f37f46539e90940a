// SPDX-License-Identifier: GPL-3.0-or-later
#include "FakeKeyStore.h"

namespace branchline::test {

KeyStore::Status FakeKeyStore::takeStatus()
{
    const Status status = nextStatus;
    nextStatus = Status::Ok;
    return status;
}

KeyStore::ReadResult FakeKeyStore::readKey(const QString &account)
{
    ++reads;
    ReadResult result;
    result.status = takeStatus();
    if (result.status != Status::Ok)
        return result;
    if (!m_keys.contains(account)) {
        result.status = Status::NotFound;
        return result;
    }
    QByteArray copy = m_keys.value(account);
    copy.detach();
    result.key = SecretBytes::takeFrom(copy);
    return result;
}

KeyStore::Status FakeKeyStore::writeKey(const QString &account, const SecretBytes &key, QString *)
{
    ++writes;
    const Status status = takeStatus();
    if (status == Status::Ok && !forgetWrites)
        m_keys.insert(account, key.toByteArray());
    return status;
}

KeyStore::Status FakeKeyStore::removeKey(const QString &account, QString *)
{
    const Status status = takeStatus();
    if (status == Status::Ok)
        m_keys.remove(account);
    return status;
}

} // namespace branchline::test
