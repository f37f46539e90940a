<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AboutBox</name>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Branch configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Branch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Branchline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The offline, encrypted CRM for payment institutions and lenders.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free software under the GNU General Public License, version 3 or later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Branchline</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Accounts</name>
    <message>
        <source>A branch needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The branch could not be added: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A user needs a login name and a display name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password does not meet the password policy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password could not be hashed (out of memory).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user %1 could not be added: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no user with the login %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ActivityJson</name>
    <message>
        <source>There is no activity %1 that you may see.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The timeline is append-only: an activity is never changed or deleted. Add a new one to correct it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An activity is written in its author&apos;s name only: author_id must be your own user id, or left out.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Api</name>
    <message>
        <source>The field &quot;%1&quot; is required and must be a non-empty string.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This session has already ended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in first: the request has no valid access token, or it has expired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database does not answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only an administrator may end a user&apos;s sessions on a device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The X-Api-Key header is missing or does not name an active integration.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sync events come over a WebSocket only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field &quot;%1&quot; is too long: at most %2 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sessions could not be ended. Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ApprovalCommands</name>
    <message>
        <source>A decision is approve, reject, return or delegate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This request is not on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody decides their own request: you made this one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This step no longer waits for a decision; look at the request as it is now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your decision on this step is already waiting to be sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are not an approver of this step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say why in a comment when you reject or return a request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>A comment is at most %n characters.</source>
        <translation>
            <numerusform>A comment is at most %n character.</numerusform>
            <numerusform>A comment is at most %n characters.</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose whom to delegate to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delegate to someone other than yourself and the requester.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is already an approver of this step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the requester can withdraw a request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This request can no longer be withdrawn.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This customer is no longer on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This customer already has an open request of this kind: wait for its decision or withdraw it first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ApprovalMessages</name>
    <message>
        <source>There is no active approval flow &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer of this request does not exist or is outside your scope.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give a reason for the request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not something a request is made with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This kind of request may propose only %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a whole number from %2 to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request proposes nothing that differs from the customer as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a merchant that is a prospect or being onboarded can be onboarded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This request is for merchants only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credit limits are for borrowers only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A limit increase must be higher than the current limit (%1 fen).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This merchant is already terminated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A KYC exception sets the KYC status to verified or in_progress.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This customer already has an open request of this kind: decide or withdraw it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody can decide the step &quot;%1&quot; of this request: ask an administrator to check the flow and the branch&apos;s staff.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer of this request was deleted: it can only be rejected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer&apos;s %1 changed since this request was made: reject or return it so it is asked again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no approval request that you may see with this id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A decision is approve, reject, return, delegate or withdraw.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody decides their own request: you made this one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the requester can withdraw a request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The requester withdrew this request; your decision was not recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This request was already approved; your decision was not recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This request was already rejected; your decision was not recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This request was returned to the requester; it can be decided again once they resubmit it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This request has no step %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 already approved this step; your decision was not recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 already rejected this request; your decision was not recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 already returned this request to the requester; your decision was not recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You already decided this step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are not an approver of this step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You delegated this step to %1, who decides it now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are no longer an approver of this step: your role or branch changed after it was given to you. Your decision was not recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, who delegated this step to you, is no longer an approver of it, so neither are you. Your decision was not recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say why in a comment when you reject or return a request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delegate to an active user other than yourself and the requester.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is already an approver of this step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approval steps change only through decisions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A decision is final: it cannot be changed or deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A request changes only through decisions, or by its requester once it was returned (the proposed values and the reason).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A comment or reason is at most %1 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only an administrator may manage approval flows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no approval flow &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no version %2 of the approval flow &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The flow names the user %1, who does not exist or is disabled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the flow as {&quot;definition&quot;: {...}, &quot;activate&quot;: true|false}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer would not be valid after this change: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ApprovalNotices</name>
    <message>
        <source>Waiting for your approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 for %2, asked by %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 for %2, by %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 for %2, by %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ApprovalProposal</name>
    <message>
        <source>A %1 request does not apply to this customer as it is now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give a reason for the request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter at least one new fee rate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A fee rate is more than 0 % and at most 10 %.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a credit limit above ¥0 and at most ¥10,000,000,000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A limit increase must be higher than the current limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A KYC exception sets the KYC status to verified or in progress.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request proposes nothing that differs from the customer as it is.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ApprovalText</name>
    <message>
        <source>Fee rate change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merchant onboarding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merchant termination</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credit approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credit limit increase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KYC exception</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delegated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Countersign: every approver must approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Countersign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or-sign: the first approval decides the step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or-sign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not reached yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for a decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another approver already decided this step; your decision was not recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You already decided this step on another computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You no longer hold the role that made you an approver of this step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request was withdrawn; your decision was not recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request was already decided; your decision was not recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request was returned to the requester; your decision was not recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are not an approver of this step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody decides their own request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused it (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — decision pending sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — refused: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue since %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditAnchor</name>
    <message>
        <source>The head of the audit trail (audit_head) is missing: the trail was tampered with. Run branchline-server verify-audit.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditCommands</name>
    <message>
        <source>Made audit key %1 in the key folder %2. Back the folder up apart from the database: without it the audit trail cannot be verified or written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--anchor takes the line branchline-server audit anchor printed (or a log line holding it): branchline-audit-anchor seq=N mac=&lt;64 hex digits&gt; at=&lt;time&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit trail is broken at entry %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The audit trail is intact: %n entries checked.</source>
        <translation>
            <numerusform>The audit trail is intact: %n entry checked.</numerusform>
            <numerusform>The audit trail is intact: %n entries checked.</numerusform>
        </translation>
    </message>
    <message>
        <source>Entries 1 to %1 are from before the trail was keyed: they are checked as SHA-256 links, which anyone can recompute, and are vouched for by the first keyed entry after them or, until there is one, only by an anchor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It still holds entry %1 as the anchor recorded it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Made audit key %1 in the key folder %2; new audit entries are made with it. Keep the older key files: the entries made with them are checked with them. Other instances take up the new key at their next audit entry; they must share this key folder.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditKeys</name>
    <message>
        <source>No key folder is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit trail is kept with audit key %1, but the key folder %2 holds no audit key: the folder is missing or was moved. Restore it from its backup, or set key_dir (--key-dir) to where it is. A new key is not made, for the trail could not be verified across it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit trail is kept with audit key %1, but the key folder %2 holds audit keys only up to %3: it is an old copy. Every instance needs the same key folder, with every key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No audit key is loaded, so there is none to rotate.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditLog</name>
    <message>
        <source>The audit trail cannot be written: no audit key is loaded (the key folder is missing or holds no audit key). Nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit trail cannot be written: it is kept with audit key %1, which is not in the key folder %2. Every instance needs the same key folder. %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit trail cannot be written: its head (audit_head) is missing, so the trail was tampered with. Run branchline-server verify-audit.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditVerifier</name>
    <message>
        <source>The audit trail cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1 was changed after it was written: a field the server always fills is NULL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1 is missing: the trail jumps from %2 to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1 was added after the newest entry the head records (%2): it was not written by the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The head of the audit trail (the audit_head table) is gone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1 does not follow the entry before it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1 has no MAC, but the entries before it have one: it was not written by the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1 was changed after it was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1 was made with audit key %2, older than key %3 of the entry before it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1 was made with audit key %2, which entry %3 retired for key %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1 was made with audit key %2, which is not in the key folder %3: restore the key file audit-%2.key from its backup (old audit keys are needed to check the entries made with them).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1 does not match its MAC under audit key %2, and no entry made with that key does: the key file audit-%2.key in %3 is not the key they were made with (a wrong or replaced file), or every one of them was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1, which sealed the entries from before the audit trail was keyed (1 to %2), does not match its MAC: those entries or this one were changed after it was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1 was changed after it was written: its MAC does not match.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The head of the audit trail (audit_head), which records entry %1 as the newest, was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entries %1 to %2 were removed from the end: the head records entry %2 as the newest, but the trail ends at entry %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The head of the audit trail does not match entry %1, the newest: the trail or its head was rewritten.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entries %1 to %2 are missing: the anchor records entry %2, but the trail ends at entry %3. Entries were cut off the end and the head rewound.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1 is not the entry the anchor recorded (its MAC or time differs): the trail was cut back and written again from there.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Authenticator</name>
    <message>
        <source>The login name or the password is wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account is disabled. Ask your administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session has ended; please sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field &quot;%1&quot; is too long: at most %2 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field &quot;device_id&quot; must name this device; it is blank.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field &quot;login&quot; is blank.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server could not complete the sign-in. Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Too many failed sign-ins. Try again in %n second(s).</source>
        <translation>
            <numerusform>Too many failed sign-ins. Try again in %n second.</numerusform>
            <numerusform>Too many failed sign-ins. Try again in %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BuiltInDashboards</name>
    <message>
        <source>My pipeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open leads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversion rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average score of open leads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leads by stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leads by channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New leads by week, last 90 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My activities by week, last 90 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done, last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completion rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks due by week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open tasks by priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My merchants&apos; volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transactions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refunds per yuan of volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume by month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top 10 merchants by volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Branch volume by month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merchants with volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chargebacks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume by month and branch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Branches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Onboarding funnel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New leads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead conversion rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers by status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KYC status by branch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New customers by month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leads by channel and stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activities by month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approvals waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for a decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average hours to a decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most rounds of one request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting by flow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests by status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests by branch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Risk levels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers by risk level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Risk levels by branch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume by risk level, this year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chargebacks by risk level, this year</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClientAddress</name>
    <message>
        <source>&quot;%1&quot; is neither an IP address nor a network such as 10.20.0.0/24</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>Branchline: the offline-first, encrypted CRM for payment institutions and lenders.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this help and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the version and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use this language for the interface: zh_CN or en.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit on its own after this many milliseconds (smoke tests, screenshots).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>milliseconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown language &quot;%1&quot;: use zh_CN or en.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--quit-after needs a whole number of milliseconds above 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot;. Run branchline --help to see the options.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to the server at this address (https://…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>url</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start as this user: the account kept on this computer, or a new sign-in with the password from --password-stdin or BRANCHLINE_PASSWORD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the password of --user from the first line of standard input (scripts, tests). Without it, the BRANCHLINE_PASSWORD environment variable is used when set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--server needs an address that starts with https:// or http://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--password-stdin needs --user: whose password is it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in, finish the first sync, print what the local store holds and quit: exit status 0 when all of that worked (installation checks). Gives up after two minutes unless --quit-after says otherwise.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictResolution</name>
    <message>
        <source>The resolution could not be saved on this computer. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This field may not be empty.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictText</name>
    <message>
        <source>Replaced by your edit on another computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replaced by a newer edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replaced by %1&apos;s newer edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sensitive field changed meanwhile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edited and deleted at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused by the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No longer yours to edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone else</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You changed the same field on another computer too, and that newer value stands. The older value is kept here: keep it to apply it again, leave the newer one, or write a merged value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 changed the same field after your edit was made, and the newer value stands. Your value is kept here: keep yours to apply it again, keep theirs to leave it, or write a merged value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This field changes only through an approval or a checked command, and it had changed since you made your edit, so your edit was not applied. Look at the current value, then ask again if it is still needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record was edited on one side and deleted on the other. Keep yours to apply your side again, or keep theirs to accept the other.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused this edit: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record was reassigned or left your branch while your edit waited to be sent, so it could not be sent. Your value is kept here; pass it on to the record&apos;s new owner if it still matters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept yours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept theirs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, waiting to be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 (not on this computer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the record, or the customer it belongs to, is not in your book any more (reassigned, moved to another branch or deleted), or the owner or branch chosen is outside yours. Nothing was changed on the server; your edit is kept here. Ask your manager if it should be yours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>calls, visits and notes cannot be changed or deleted once saved. Log a new entry instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>your role may not change this here. Fields such as fee rates, credit limits and risk level change through an approval.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the owner chosen cannot take this record: the account is disabled, their role cannot own it, or their branch is outside yours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a field is longer than allowed. Shorten it and save again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>some fields need correcting. Open the record, correct them and save again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no reason was given. Nothing was changed on the server.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactJson</name>
    <message>
        <source>There is no contact %1 that you may see.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts are deleted by the people who look after the customer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomerJson</name>
    <message>
        <source>There is no customer %1 that you may see.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Risk officers review customers; they do not delete them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomerScopedKind</name>
    <message>
        <source>There is no record %1 that you may see.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardDefinition</name>
    <message>
        <source>Key figure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bar chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stacked bar chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pie chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Donut chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pivot table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This dashboard was saved by a newer Branchline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dashboard&apos;s sharing is not understood.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A dashboard holds at most %1 widgets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dashboard is larger than %1 KiB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dashboard&apos;s definition is damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the dashboard a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A dashboard&apos;s name is at most %1 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dashboard is shared with an unknown role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every widget needs its own id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A widget&apos;s title is at most %1 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” does not fit on the grid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” overlaps another widget.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key figure “%1” cannot have a dimension.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A widget is not understood.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardFields</name>
    <message>
        <source>A dashboard&apos;s name must be text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dashboard&apos;s layout is not readable (not a JSON object).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A dashboard&apos;s share list must be a list of texts.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardRepository</name>
    <message>
        <source>The dashboard&apos;s layout cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A built-in dashboard cannot be changed; save a copy of it instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This dashboard is shared with you read-only; only its owner can change it. Save a copy to make it yours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This dashboard is shared with you read-only; only its owner can delete it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardRules</name>
    <message>
        <source>The dashboard&apos;s layout is too large to save (%1 KiB; at most %2 KiB).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dashboard&apos;s layout has no list of widgets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A dashboard holds at most %1 widgets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A widget of the dashboard&apos;s layout has no type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dashboard&apos;s layout is not readable (not a JSON object).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A dashboard needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A dashboard&apos;s name has at most %1 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A dashboard is shared with at most %1 roles and %1 branches.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A branch manager shares dashboards with branches; only an administrator shares them with roles.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can share a dashboard only with your branch and the branches below it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only an administrator or a branch manager may share a dashboard.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardSyncTable</name>
    <message>
        <source>This dashboard is shared with you read-only; only its owner can change it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardWriter</name>
    <message>
        <source>A new dashboard needs its layout.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DataSetCatalog</name>
    <message>
        <source>Count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lowest %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Highest %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settlement accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Converted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Related to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records concerned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attachment size (bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Author</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requested by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approval flow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hours to decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rounds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merchant volumes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merchant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transactions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chargebacks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merchants</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>The %1 database driver is not installed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder %1 cannot be created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database %1 cannot be opened: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DatabaseUrl</name>
    <message>
        <source>The database URL is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PostgreSQL URL is not valid: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PostgreSQL URL names no database: add it after the host, as in postgresql://user@host/branchline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown database &quot;%1&quot;: use a file path, sqlite://&lt;path&gt; or postgresql://user@host/database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The SQLite URL names no file.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DemoSeeder</name>
    <message>
        <source>Demo organisation created: %1 users in %2 branches, %3 customers. Every demo user&apos;s password is the one given; sign in as admin, risk, zj.manager or zj.rep1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DesignerCommands</name>
    <message>
        <source>Add widget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove widget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move or resize widget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename dashboard</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DueBuckets</name>
    <message>
        <source>Overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tomorrow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Later this week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No due date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed today</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DueText</name>
    <message>
        <source>Tomorrow %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yesterday %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>weekday and time</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>date and time</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FieldLabels</name>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monthly volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KYC checklist item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legal name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unified social credit code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resident ID number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Industry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MCC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Branch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Risk level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KYC status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Primary contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product interest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Converted to customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settlement account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Debit card fee rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credit card fee rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QR code fee rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credit limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whole record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n field(s) changed</source>
        <translation>
            <numerusform>%n field changed</numerusform>
            <numerusform>%n fields changed</numerusform>
        </translation>
    </message>
    <message>
        <source>(hidden)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Related record kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Related record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Author</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attachment size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attachment checksum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Installed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transactions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chargebacks</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FlowCondition</name>
    <message>
        <source>%1: a condition is a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: conditions are nested too deeply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; takes a non-empty list of conditions and nothing else.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;not&quot; takes one condition and nothing else.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: a comparison has &quot;fact&quot; (record.&lt;field&gt;, proposed.&lt;field&gt; or delta.&lt;field&gt;), &quot;op&quot; and &quot;value&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a comparison (eq, ne, gt, gte, lt, lte, in, not_in).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the value does not suit &quot;%2&quot; (a list for in and not_in, a number for gt, gte, lt and lte).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FlowDefinition</name>
    <message>
        <source>%1: &quot;%2&quot; is not a role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;from&quot; is own, parent, region, head_office or anywhere.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;users&quot; lists user ids.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;field&quot; names a field of the record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: an approver rule is role, manager, users or record_field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;escalate&quot; is {&quot;to&quot;: &quot;parent_role&quot;, &quot;role&quot;: ...} or {&quot;to&quot;: &quot;user&quot;, &quot;user&quot;: ...}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A flow code is lower-case letters, digits and underscores.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The flow needs a name in English and in Chinese ({&quot;en&quot;: ..., &quot;zh_CN&quot;: ...}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flows are about customers for now (&quot;record&quot;: &quot;customers&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;effect&quot; is one of activate_merchant, set_fee_rates, set_credit_limit, raise_credit_limit, terminate_merchant, kyc_exception.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A flow has from 1 to %1 steps.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every step has its own key: lower-case letters, digits and underscores (&quot;%1&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the step needs a name in English and in Chinese.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;mode&quot; is any (or-sign) or all (countersign).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the step needs at least one approver rule.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;due_hours&quot; is a whole number from 0 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: a step that escalates needs a due time.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HttpRequest</name>
    <message>
        <source>The request body is not valid JSON: %1 at byte %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request body must be a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HttpServer</name>
    <message>
        <source>The request body is larger than the %1 bytes this server accepts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request headers are too large.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request is not valid HTTP/1.1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The TLS certificate or key cannot be used: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IP address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot listen on %1 port %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is stopping.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in first: the request has no valid access token, or it has expired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max_connections is %1, but this process may open only %2 files (RLIMIT_NOFILE), %3 of them kept for the server itself: at most %4 connections. Raise the limit (LimitNOFILE= in the systemd unit, ulimit -n) to allow more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This server reads request bodies sent whole or with Transfer-Encoding: chunked, nothing else.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IdentifierCheck</name>
    <message>
        <source>The unified social credit code is empty; enter the 18 characters printed on the business licence.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The unified social credit code has %n character(s) but needs 18; check for missing or extra characters.</source>
        <translation>
            <numerusform>The unified social credit code has %n character but needs 18; check for missing or extra characters.</numerusform>
            <numerusform>The unified social credit code has %n characters but needs 18; check for missing or extra characters.</numerusform>
        </translation>
    </message>
    <message>
        <source>The unified social credit code cannot contain &quot;%1&quot;; it uses only digits and capital letters other than I, O, S, V and Z.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last character of the unified social credit code should be %1; check the code for typing errors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Characters 9 to 17 of the unified social credit code are not a valid organisation code (character 17 should be %1); check the code for typing errors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Characters 3 to 8 of the unified social credit code are the registering authority&apos;s region code and must be digits, not &quot;%1&quot;; check the code for typing errors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A unified social credit code cannot start with &quot;%1&quot;; the first character names the registering authority (1 to 9, A, N or Y). Check the code for typing errors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The unified social credit code is not valid; check it for typing errors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The resident ID number is empty; enter the 18 characters printed on the ID card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is an old 15-digit ID number; only the 18-digit number is accepted. Ask the customer for the number on their current ID card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The resident ID number has %n character(s) but needs 18; check for missing or extra digits.</source>
        <translation>
            <numerusform>The resident ID number has %n character but needs 18; check for missing or extra digits.</numerusform>
            <numerusform>The resident ID number has %n characters but needs 18; check for missing or extra digits.</numerusform>
        </translation>
    </message>
    <message>
        <source>The last character of the resident ID number should be %1; check the number for typing errors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A resident ID number cannot start with %1, which is not a province code; check the first digits for typing errors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Digits 7 to 14 of the resident ID number (%1) are not a possible date of birth; check them for typing errors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The resident ID number is not valid; check it for typing errors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mobile number is empty; enter an 11-digit mainland China mobile number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The mobile number has %n digit(s) but a mainland China mobile number has 11; check for missing or extra digits.</source>
        <translation>
            <numerusform>The mobile number has %n digit but a mainland China mobile number has 11; check for missing or extra digits.</numerusform>
            <numerusform>The mobile number has %n digits but a mainland China mobile number has 11; check for missing or extra digits.</numerusform>
        </translation>
    </message>
    <message>
        <source>The mobile number cannot contain &quot;%1&quot;; use digits, optionally with +86, spaces or dashes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only mainland China mobile numbers (+86) can be entered here; keep a number from another country in the notes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A mainland China mobile number starts with 13 to 19, after an optional +86, not with &quot;%1&quot;; check the number for typing errors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mobile number is not valid; check it for typing errors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The resident ID number cannot contain &quot;%1&quot;: it is 17 digits followed by a digit or X.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Integrations</name>
    <message>
        <source>Unknown scope &quot;%1&quot;: use transactions and/or leads.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An integration needs a name and at least one scope.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The integration could not be added: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This integration may not deliver transaction data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The body needs an &quot;aggregates&quot; array.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most %1 aggregates per request; split the batch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No customer_id, and credit_code is not valid: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No merchant matches this row.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;day&quot; must be a date (yyyy-MM-dd) and not in the future.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amounts and counts must be whole numbers of 0 or more (amounts in fen); volume_fen and tx_count are required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This integration may not deliver leads.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a lead field, or its value is not text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a lead source.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeyRing</name>
    <message>
        <source>Cannot create the key folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key folder %1 may be read by other users; allow only the service user (chmod 700).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key file %1 may be read by other users; allow only the service user (chmod 600).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the key file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key file %1 is damaged: a key is exactly %2 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the key file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KycItemJson</name>
    <message>
        <source>Checklist items are not deleted; a risk officer rejects one instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer and the item of a checklist entry never change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This checklist entry&apos;s id does not match its customer and item.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KycRules</name>
    <message>
        <source>Business licence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resident ID card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legal representative&apos;s ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settlement account proof</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Beneficial owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sanctions and PEP screening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A KYC item does not go back to missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a risk officer verifies or rejects a KYC item.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This item is already verified; only a risk officer can change it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Risk officers verify or reject; the customer&apos;s rep submits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your role may not change the KYC checklist.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LeadConversion</name>
    <message>
        <source>Your role may not convert leads into customers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This lead was converted into a customer already.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LeadJson</name>
    <message>
        <source>There is no lead %1 that you may see.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the sales staff who work leads delete them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A converted lead keeps the customer it was converted into.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LeadRepository</name>
    <message>
        <source>This lead was converted into a customer; it stays converted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To mark a lead as converted, convert it into a customer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say why the lead was lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lost on %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LocalJournal</name>
    <message>
        <source>The server no longer lets you see this record, so it refused your edit. Your edit is kept here; ask your manager if the record should be yours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused this edit. It is kept here; correct it and save it again, or ask your manager.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MccCatalog</name>
    <message>
        <source>Commuter transport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taxis and ride hailing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Freight and trucking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Courier services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Travel agencies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Telecom equipment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Utilities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computers and software</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stationery and office supplies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uniforms and workwear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Home supply warehouses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hardware stores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Department stores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Variety stores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>General merchandise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grocery stores and supermarkets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confectionery stores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bakeries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Specialty food stores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service stations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Women&apos;s clothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Family clothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shoe stores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Furniture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Household appliances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Electronics stores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restaurants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bars and tea houses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fast food</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pharmacies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sporting goods</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Book stores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jewellery and watches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Toys and games</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cosmetics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Florists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pet shops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hotels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Beauty and barber shops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Health and beauty spas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Car repair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Car washes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cinemas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clubs and gyms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Doctors and clinics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dentists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hospitals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Education and training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Child care</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MerchantEnums</name>
    <message>
        <source>POS terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smart POS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QR code stand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Soft POS (phone)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Faulty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retrieved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MerchantVolumeJson</name>
    <message>
        <source>Monthly volumes are summed from the transaction system&apos;s figures; they are not changed here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Migrator</name>
    <message>
        <source>The local store could not be backed up before its upgrade (is the disk full?). It was not changed; free some space and try again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PasswordPolicy</name>
    <message numerus="yes">
        <source>Use at least %n characters.</source>
        <translation>
            <numerusform>Use at least %n character.</numerusform>
            <numerusform>Use at least %n characters.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Mix at least three of: lower case, upper case, digits and other characters, or use a passphrase of %n characters or more.</source>
        <translation>
            <numerusform>Mix at least three of: lower case, upper case, digits and other characters, or use a passphrase of %n character or more.</numerusform>
            <numerusform>Mix at least three of: lower case, upper case, digits and other characters, or use a passphrase of %n characters or more.</numerusform>
        </translation>
    </message>
    <message>
        <source>The password must not contain the login name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This password is on the list of the most common passwords.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PiiLookups</name>
    <message>
        <source>Your role may not search by a full &quot;%1&quot;: a match would show personal data you may not see unmasked. Search by name instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>You have searched by a full identifier %n times in the last hour, the most allowed. Search by name, or try again later.</source>
        <translation>
            <numerusform>You have searched by a full identifier %n time in the last hour, the most allowed. Search by name, or try again later.</numerusform>
            <numerusform>You have searched by a full identifier %n times in the last hour, the most allowed. Search by name, or try again later.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PiiRekey</name>
    <message>
        <source>No key folder is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data key %1 made in %2; instances sharing the folder encrypt with it within %3 seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key folder has no data key %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pass %1: %2 values moved to data key %3; looking again for values written meanwhile under an older key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting until every instance encrypts with data key %1, then looking once more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No personal data is left under a data key older than %1 (%2 values re-encrypted in %3 passes).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PiiUpgrade</name>
    <message>
        <source>No key folder is open, so personal data can be neither stored nor read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database holds encrypted personal data, but the key folder %1 has no data key. Restore the folder from its backup (its data-N.key and index-N.key files), or set key_dir (--key-dir) to where it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database&apos;s personal data is encrypted under data key %1, which is not in the key folder %2. Restore data-%1.key from the folder&apos;s backup, or set key_dir (--key-dir) to the folder that has it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keys in the key folder %1 are not the ones this database&apos;s personal data was encrypted with (data key %2 does not open the database&apos;s key check). Set key_dir (--key-dir) to this database&apos;s key folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database&apos;s personal data is indexed, but the key folder %1 has no index key. Restore index-1.key from the folder&apos;s backup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The index key in the key folder %1 is not the one this database&apos;s lookups were made with. Restore the folder&apos;s index key from its backup.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PiiVault</name>
    <message>
        <source>The key folder %1 holds no data key, so personal data cannot be stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.%2 of record %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The personal data in %1 is not encrypted: it was written around the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The personal data in %1 is encrypted under data key %2, which is not in the key folder %3. Restore data-%2.key from the key folder&apos;s backup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The personal data in %1 does not decrypt with data key %2 of the key folder %3: the value was changed or copied from elsewhere, or data-%2.key is not the key it was encrypted with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key folder %1 holds no index key, so personal data cannot be indexed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key folder %1 is gone; the keys read before stay in use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key folder cannot be read again (%1); the keys read before stay in use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 key %2 is missing from the key folder %3; the keys read before stay in use.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueryCompiler</name>
    <message>
        <source>The data set “%1” does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a dimension or a measure to see figures.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field “%1” is not available to you here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The query sorts by a column it does not have.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a date range to compare with the previous period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a measure to compare with the previous period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The clicked figure does not belong to this widget.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A date filter needs dates written as yyyy-MM-dd.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This filter does not apply to a date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A ratio divides two simple measures.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The measure “%1” is not available to you here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” cannot be aggregated that way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a date can be grouped by day, week, month or quarter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monthly figures cannot be grouped by day or week.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a date can be filtered by a period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a person can be filtered by who is signed in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A filter is not understood.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QuerySpec</name>
    <message>
        <source>The date range is not a valid range of days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The query names no data set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The query has more dimensions, measures or filters than a widget can show.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A dimension is not understood.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The query sorts by a column it does not have.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The number of rows to keep must be between 1 and %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A ratio divides two simple measures.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A measure names an unknown field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A measure has an unknown aggregate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A measure&apos;s field or title is too long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A filter is not understood.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A filter lists more than %1 values.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A filter value is neither text nor a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A filter names an unknown period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A filter has no value to compare with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distinct count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ratio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom dates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This quarter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous quarter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous year</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordEnums</name>
    <message>
        <source>Merchant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Individual borrower</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Corporate borrower</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prospect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Onboarding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terminated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medium risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prohibited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KYC not started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KYC in progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KYC verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KYC expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KYC rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call centre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qualified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Converted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Normal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Document</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordForms</name>
    <message>
        <source>Identity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compliance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not rated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assignment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No branch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags and notes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordService</name>
    <message>
        <source>The record has fields to correct.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; changes only through an approval or by the role responsible for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your role may not change &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not personal data that can be revealed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your role may not see &quot;%1&quot; unmasked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say why you need to see this personal data; the reason is recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>limit must be a whole number from 1 to 200.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You may not create it for that owner or branch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You may not move it outside your scope.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sort is name or -updated_at.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server could not store or read the data. Nothing was changed; try again later, and tell your administrator if it persists.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordValidator</name>
    <message numerus="yes">
        <source>This text is too long: at most %n characters.</source>
        <translation>
            <numerusform>This text is too long: at most %n character.</numerusform>
            <numerusform>This text is too long: at most %n characters.</numerusform>
        </translation>
    </message>
    <message>
        <source>This is not an email address; it should look like name@example.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the customer&apos;s legal name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the resident ID number: it is required from onboarding on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An individual borrower has no unified social credit code; clear this field or change the kind of customer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the unified social credit code: it is required from onboarding on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A merchant category code (MCC) has exactly 4 digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A contact must belong to a customer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the contact&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the lead&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The score is a number from 0 to 100.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter what has to be done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reminder must come before the task is due.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the record this task is about.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An activity must belong to a customer, contact or lead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write what happened: a subject or a few words.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the document.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a mobile number or an email address, so the lead can be reached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To mark a lead as converted, convert it into a customer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It must belong to a customer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the terminal&apos;s serial number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This text is too long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A terminal cannot be used before it was installed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A month is written yyyy-MM.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amounts and counts are never negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say why the item is rejected, so the rep knows what to bring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This lead was converted into a customer; it stays converted.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultLabels</name>
    <message>
        <source>(empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Week of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Q%2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <source>Sales rep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Branch manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Risk and compliance officer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Router</name>
    <message>
        <source>The server could not complete the request. It has been logged; try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not allowed here; use %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is nothing at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personal data stored on the server cannot be decrypted with the server&apos;s keys. An administrator must restore the key folder; the server log names the record and the key.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SchemaJson</name>
    <message>
        <source>&quot;%1&quot; is not a field of the records in &quot;%2&quot; that can be set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field &quot;%1&quot; has a value of the wrong type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid value for &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServeCommand</name>
    <message>
        <source>Branchline server on %1://%2:%3, data in %4. Stop with Ctrl+C.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configuration read from %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerCli</name>
    <message>
        <source>Branchline server administration.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this help and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the version and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>url</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user&apos;s login name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display name of a user or branch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sales_rep, branch_manager, risk_officer or admin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user&apos;s branch id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The parent branch id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>head_office, region or branch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The branch&apos;s city.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>city</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>address:port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>serve: PEM certificate chain; HTTPS only when given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>serve: PEM private key of the certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database %1 is ready (schema %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown role &quot;%1&quot;: use sales_rep, branch_manager, risk_officer or admin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User %1 added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User %1 disabled; their sessions have ended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;. Run branchline-server --help to see the commands.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seed-demo: how many customers to create.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seed-demo: the random seed, for the same data again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--customers and --seed take whole numbers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This database already has users; seed-demo only fills an empty one. Use a new --database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo password does not meet the password policy:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>integration add: transactions and/or leads, comma-separated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Integration %1 added. Its API key, shown this once only (the server keeps only a hash):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seed-demo: how many timeline entries to create (default: two per customer).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The config file (default: $BRANCHLINE_SERVER_CONF, else /etc/branchline/server.conf when it exists). Options given here win over it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the data lives: a file path, sqlite://&lt;path&gt; or postgresql://user@host/database (default: ./branchline-data/branchline.db).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>serve: address and port to listen on (default: 127.0.0.1:8080).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>serve: how many requests run side by side (default: 4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>serve (the default) | init | seed-demo | branch add | user add | user list | user disable | integration add | integration revoke | integration list | verify-audit | audit anchor | audit rotate-key | keys rotate | keys reencrypt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder of the keys kept out of the database (default: &quot;keys&quot; beside the SQLite file).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>verify-audit: also check that the trail still holds the entry of this line from audit anchor (or the log).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data key %1 is the only one in use. Keep the older key files as long as backups made before now are kept: they need them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no active integration named &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Integration %1 revoked: its API key no longer works.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>revoked %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerConfig</name>
    <message>
        <source>takes a whole number from %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not a valid URL (postgresql://user:password@host:port/database or a file path)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>takes address:port, for example 0.0.0.0:8443 or [::]:8443</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>takes one of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot read %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the config file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:%2: expected a line of the form key = value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:%2: unknown key &quot;%3&quot;; the keys are: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:%2: %3 is set twice (first on line %4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: a TLS certificate and its key come together; set both tls_cert and tls_key (or --tls-cert and --tls-key), or neither</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerMigrator</name>
    <message>
        <source>The database was written by a newer Branchline server (schema %1; this server knows up to %2). It was not changed; upgrade the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s migration %1 is missing (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Migration %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database could not be backed up before its upgrade (is the disk full?). It was not changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s migration %1 cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusBarNotifier</name>
    <message>
        <source>Reminder: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reminder: %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoreError</name>
    <message>
        <source>The local store could not be unlocked: the key is wrong, or the file is damaged. The file was not changed. If you typed a passphrase, try again; otherwise restore the store from its backup or sign in again to rebuild it from the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local store is damaged (part of the file is missing or fails its integrity check). The file was not changed. Restore it from its backup, or sign in again to rebuild it from the server; edits not yet synced are in the backup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local store file is empty, probably cut short by a crash or a full disk. It was left as it is. Restore it from its backup or sign in again to rebuild it from the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file is a database, but not a Branchline store. It was not changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This local store was written by a newer version of Branchline, which this version cannot read. The file was not changed. Install the newer version to open it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disk is full. Nothing was saved and nothing was lost; free some space and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local store is in use by another Branchline window or program. Close it and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local store may not be read or written here. Check the permissions of its folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key of the local store is not available: the system keychain did not answer or does not hold it. Unlock your keychain (or log in to your desktop session) and try again. The store was not changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading or writing the local store failed (input/output error). Check the disk; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local store reported an unexpected error. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no local store here yet. Sign in to create one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This record no longer exists on this computer: it was deleted, or you no longer have access to it. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoreKeyProvider</name>
    <message>
        <source>The system keychain refused to keep the key of the new local store. Allow Branchline to use the keychain and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keychain no longer holds the key of this local store, so it cannot be opened. The file was not changed. Remove the account from this computer and sign in again to rebuild the store from the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key could not be removed from the system keychain. Unlock the keychain and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No passphrase was given, so the local store stays locked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The passphrase must have at least %n characters.</source>
        <translation>
            <numerusform>The passphrase must have at least %n character.</numerusform>
            <numerusform>The passphrase must have at least %n characters.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncClient</name>
    <message>
        <source>The server answered with status %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server could not be reached: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s answer was incomplete or damaged.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncCommand</name>
    <message>
        <source>Sync one Branchline account&apos;s encrypted store with the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The login to sign in with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records per page (default 1000).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rounds to try before giving up (default 5).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No progress line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--server, --user and --store are required.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server address must start with http:// or https://.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in failed: %1
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source><byte value="xd"/>%1: %2, %3 KiB   </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
rows pulled: %1, removed: %2, mutations pushed: %3, conflicts: %4, purged: %5, pages: %6, retries: %7, %8 KiB, %9 s
</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncMarks</name>
    <message>
        <source>Waiting to sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused by the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved on this computer; it goes to the server with the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused this: %1
It is kept under Conflicts, where you can correct it and send it again or set it aside.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncProtocol</name>
    <message>
        <source>A list was expected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A change names no known record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A change is malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A mutation result is malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client id is missing or not a UUID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The page size must be between 1 and %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The acknowledged mutation number is malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s page is malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The page&apos;s checksum does not match its contents.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A mutation is malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most %1 mutations may be sent at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s push answer is malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync protocol version %1 is not supported here (%2 to %3 are).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record schema version %1 is not supported here (%2 to %3 are).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first mutation number is malformed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncService</name>
    <message>
        <source>This record does not exist or is outside your data scope.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A different record already has this id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record was deleted on the server while you were editing it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record was changed on the server after the version you deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; was changed on the server since your edit was made; a person has to decide which value stands.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your value of &quot;%1&quot; was replaced by a later edit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The edit was refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The edit would move the record outside your data scope.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This kind of record cannot be changed from a client.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This conflict has already been resolved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A conflict is resolved with &quot;mine&quot;, &quot;theirs&quot; or &quot;merged&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This device id belongs to another user. Sign in again on this computer to sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown table.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncStore</name>
    <message>
        <source>This record was removed from your access before your edit reached the server. Your edit is kept here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose whether to keep your value, the other value, or a merged value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A merged resolution needs the merged value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This conflict is no longer on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This conflict has already been resolved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A record from the server does not fit this computer&apos;s store; sync stopped before applying it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TaskJson</name>
    <message>
        <source>There is no task %1 that you may see.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks are deleted by the people who work them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TaskRowText</name>
    <message>
        <source>%1 (%2)</source>
        <comment>a contact (their customer)</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead: %1, %2</source>
        <comment>lead: name, company</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed on this computer; waiting for the server to confirm.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TerminalJson</name>
    <message>
        <source>Terminals come from the acquiring system; they are not changed here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrustedCertificates</name>
    <message>
        <source>The CA certificate %1 named by the branch configuration cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file %1 named as the CA certificate holds no PEM certificate.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WidgetExporter</name>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your role may not export this widget&apos;s data: it groups by a field you do not see in full.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your role may not export this widget&apos;s data: it measures a field you do not see in full.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WriteGate</name>
    <message>
        <source>The record has fields to correct.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You may not create it for that owner or branch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You may not move it outside your scope.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&quot;%1&quot; is too long: at most %n characters.</source>
        <translation>
            <numerusform>&quot;%1&quot; is too long: at most %n character.</numerusform>
            <numerusform>&quot;%1&quot; is too long: at most %n characters.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This text is too long: at most %n characters.</source>
        <translation>
            <numerusform>This text is too long: at most %n character.</numerusform>
            <numerusform>This text is too long: at most %n characters.</numerusform>
        </translation>
    </message>
    <message>
        <source>This change may not set &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; changes only through an approval or by the role responsible for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your role may not change &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The owner must be an active user whose role may own this record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an active sales rep or manager.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The owner works outside your branches: you may hand records only to people in your branch and the branches below it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose someone in your branches.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::ActivityTimelineModel</name>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::ApprovalDecisionBar</name>
    <message>
        <source>Co&amp;mment:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required when you reject or return the request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delegate &amp;to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve this step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject the request; a comment says why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;turn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return the request to the requester to change it; a comment says what</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delegate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand your place on this step to the person chosen above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Withdraw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take your request back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(nobody)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say why in a comment when you reject or return a request.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::ApprovalDetail</name>
    <message>
        <source>Pick a request on the left to see what it asks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proposed change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · asked by %2 on %3 · %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused by the server: %1 Nothing else changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your decision (%1) is saved on this computer: decision pending sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved on this computer; the request goes to the server with the next sync, which finds its approvers.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::ApprovalListModel</name>
    <message>
        <source>Refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision pending sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requested by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where it stands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asked</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::ApprovalTimelineModel</name>
    <message>
        <source>User %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delegated to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (for %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (by %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::ApprovalsPage</name>
    <message>
        <source>All requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search customer or requester (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for me (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requested by me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alt+%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No request waiting for you matches the filter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is waiting for your decision.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None of your requests matches the filter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You have not asked for anything yet. Ask for a fee change, onboarding or a credit limit from a customer&apos;s 360° view.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No decided request matches the filter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests you decided, and finished ones, are kept here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved on this computer; it goes to the server with the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::ChartResultView</name>
    <message>
        <source>¥</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::ConflictDetail</name>
    <message>
        <source>Pick a conflict on the left to compare the values.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before your edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep &amp;yours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply your value again (Alt+Y)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Merged value:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use merged value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not known on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value that stands (your other computer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value that stands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value that stands (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep &amp;theirs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave the value that stands (Alt+T)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark as read; nothing changes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::ConflictListModel</name>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::ConflictsPage</name>
    <message>
        <source>Show &amp;resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No conflicts. When someone else&apos;s edit meets yours, both values are kept here and nothing is lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Conflicts (%n to resolve)</source>
        <translation>
            <numerusform>Conflicts (%n to resolve)</numerusform>
            <numerusform>Conflicts (%n to resolve)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>branchline::ContactListModel</name>
    <message>
        <source>Primary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::ConvertLeadDialog</name>
    <message>
        <source>Convert lead into a customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check what the lead told us and complete it. %1 becomes a customer and the lead is marked converted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As on the business licence or ID card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>18 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — type the full number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mainland mobile number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>4 digits, e.g. 5812</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legal name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unified social credit code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resident ID number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MCC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer is saved as a prospect. Both changes are kept on this computer and reach the server with the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Convert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix the marked fields; nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::CustomerApprovalsPanel</name>
    <message>
        <source>Request a &amp;change…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask for a fee change, onboarding, a credit limit or another approval for this customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click or press Enter to open the request in Approvals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No approval requests for this customer yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::CustomerFilterBar</name>
    <message>
        <source>All kinds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any risk level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any KYC status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All branches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All owners</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::CustomerHeader</name>
    <message>
        <source>Changed on this computer; waiting for the server to confirm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Risk level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KYC status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Branch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Risk not rated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unassigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No branch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the server</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::CustomerListModel</name>
    <message>
        <source>Not rated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Risk level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KYC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Branch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed on this computer; waiting for the server to confirm.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::CustomerListPage</name>
    <message>
        <source>Search names, addresses and notes, or a full ID, credit code or mobile number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changed here, waiting for the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New customer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved &quot;%1&quot; without the search text: an ID, credit code or mobile number is personal information and is not kept in settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved the filter &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted the filter &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save current filter…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of this filter:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting… %1 so far</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::CustomerProfileForm</name>
    <message>
        <source>Separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a new value to replace the current one; leave it empty to keep it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merchant detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Borrower detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loan applications and repayment schedules are not on this computer yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fee rates and terminals are on the Merchant tab, the monthly volume on the Volume tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The credit limit is on the Borrower tab; loans and repayment schedules are not on this computer yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::CustomerTimelinePanel</name>
    <message>
        <source>What happened? Press Enter to log it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::CustomerView</name>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This customer is no longer on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No changes to save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was saved: fix the marked fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved on this computer; it goes to the server with the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You have unsaved changes: press Ctrl+S to save them, or Esc again to throw them away.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request saved on this computer; it goes to the server with the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks</source>
        <comment>the open tasks tab</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::DashboardView</name>
    <message>
        <source>All time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All branches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Widgets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Design</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dashboard as PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dashboard as PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Branch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only: built in or shared with you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export as PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export as PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export data as CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export data as XLSX…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove widget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No records in this period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This dashboard is too large to save; remove some widgets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG pictures (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This widget has no data to export yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::DashboardsPage</name>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new, empty dashboard of your own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A copy of this dashboard that you can change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let roles or branches see this dashboard, read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My dashboards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting to sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared with me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save or undo the changes to this dashboard first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy of %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::DrillDownDialog</name>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding the records…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The first %n records; narrow the dashboard&apos;s filters to see the rest.</source>
        <translation>
            <numerusform>The first %n record; narrow the dashboard&apos;s filters to see the rest.</numerusform>
            <numerusform>The first %n records; narrow the dashboard&apos;s filters to see the rest.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n record</numerusform>
            <numerusform>%n records</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>branchline::FieldList</name>
    <message>
        <source>Drag a field onto the widget&apos;s axes, values or filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dimensions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measures</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::FirstSyncPage</name>
    <message>
        <source>Copying your data to this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records received:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data received:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time so far:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time left:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can stop now: the next start continues where it stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as %1 on %2. The customers, leads and tasks you may see are copied once and kept encrypted; later starts open at once, even offline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not answer (%1). Trying again by itself…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not known yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>about %n second(s)</source>
        <translation>
            <numerusform>about %n second</numerusform>
            <numerusform>about %n seconds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n minute(s)</source>
        <translation>
            <numerusform>about %n minute</numerusform>
            <numerusform>about %n minutes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>branchline::KpiView</name>
    <message>
        <source>No data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No previous period to compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No change from the previous period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>▲ %1 % up on the previous period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>▼ %1 % down on the previous period</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::KycChecklistModel</name>
    <message>
        <source>Saved on this computer; waiting for the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::KycChecklistPanel</name>
    <message>
        <source>Note: why it is rejected, or what was checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note: what was handed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark submitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reps hand documents in; risk officers verify them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an item in the list first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved on this computer; it goes to the server with the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verified: %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::LeadBoard</name>
    <message>
        <source>Drop a lead here to convert it into a customer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No leads here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::LeadCardDelegate</name>
    <message>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::LeadColumnModel</name>
    <message>
        <source>Score %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interested in: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved on this computer; waiting for the server.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::LeadListModel</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::LeadsPage</name>
    <message>
        <source>changed here, waiting for the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search names, companies, cities and notes, or a full mobile number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find leads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Board</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Convert into customer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make the selected lead a customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your role may not convert leads: the lead&apos;s sales rep does.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your role may not convert leads into customers: the lead&apos;s sales rep does.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This lead was converted into a customer already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::LostRaceNotice</name>
    <message>
        <source>Apply mine again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your change to %1 of %2 was replaced by your newer edit on another computer. The older value is kept in the conflict journal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>someone else</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your change to %1 of %2 was replaced by a newer edit by %3. Your value is kept in the conflict journal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n of your changes were replaced by newer edits of the same fields. Your values are kept in the conflict journal.</source>
        <translation>
            <numerusform>%n of your changes was replaced by a newer edit of the same field. Your value is kept in the conflict journal.</numerusform>
            <numerusform>%n of your changes were replaced by newer edits of the same fields. Your values are kept in the conflict journal.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>branchline::LostReasonDialog</name>
    <message>
        <source>Lead lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why was %1 lost?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chose another provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fees too high</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume too small</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not eligible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not be reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No longer interested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a reason or type your own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reason is added to the lead&apos;s notes with today&apos;s date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark as lost</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::MainWindow</name>
    <message>
        <source>Branchline — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dashboards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove this account from this computer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove %1&apos;s data and keys from this computer? Signing in again downloads everything anew.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n edit(s) have not reached the server yet and will be lost.</source>
        <translation>
            <numerusform>%n edit has not reached the server yet and will be lost.</numerusform>
            <numerusform>%n edits have not reached the server yet and will be lost.</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) waiting for your decision</source>
        <translation>
            <numerusform>%n request waiting for your decision</numerusform>
            <numerusform>%n requests waiting for your decision</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n approval update(s) for you</source>
        <translation>
            <numerusform>%n approval update for you</numerusform>
            <numerusform>%n approval updates for you</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Branchline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local store is not open.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::MerchantPanel</name>
    <message>
        <source>Not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MCC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Debit card fee rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credit card fee rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QR code fee rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credit limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settlement account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These terms change only through an approval.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terminals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merchant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Borrower</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <comment>MCC and what it stands for</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None granted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not on file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No terminals placed yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 taking payments</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::MerchantTabs</name>
    <message>
        <source>Volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KYC</source>
        <comment>the KYC checklist&apos;s tab</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::MerchantVolumeModel</name>
    <message>
        <source>MMM yyyy</source>
        <comment>a month in the volume table and chart</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transactions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chargebacks</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::NewCustomerDialog</name>
    <message>
        <source>New customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As on the business licence or ID card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>18 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mainland mobile number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>4 digits, e.g. 5812</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legal name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unified social credit code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resident ID number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MCC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer is saved as a prospect owned by you. Identity papers are needed from onboarding on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix the marked fields; nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::PassphraseDialog</name>
    <message>
        <source>Choose a passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock the local store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer has no system keychain, so the data of %1 is encrypted with a passphrase you choose. Nobody can recover it: if it is forgotten, the data on this computer must be rebuilt from the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the passphrase of %1 to open its data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That passphrase did not unlock the data of %1. Check the keyboard layout and Caps Lock, and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Repeat it:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Use at least %n characters.</source>
        <translation>
            <numerusform>Use at least %n character.</numerusform>
            <numerusform>Use at least %n characters.</numerusform>
        </translation>
    </message>
    <message>
        <source>The two passphrases are not the same yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::PiiReveal</name>
    <message>
        <source>Showing the full value needs the server: it asks for your reason and records it in the audit trail. You are offline, so the value stays masked until you are connected again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing the full value needs a signed-in session: the server asks for your reason and records it in the audit trail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You typed a new value for “%1”. Save it or clear the field first: revealing shows the value the server has.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown for: %1. Masked again at %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mask the full value again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reveal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the full value</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::QueryRunner</name>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::QueryRunnerCore</name>
    <message>
        <source>The local store is not open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The figures could not be read from the local store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::ReminderController</name>
    <message numerus="yes">
        <source>%n task(s) need your attention</source>
        <translation>
            <numerusform>%n task needs your attention</numerusform>
            <numerusform>%n tasks need your attention</numerusform>
        </translation>
    </message>
    <message>
        <source>Overdue since %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::RequestChangeDialog</name>
    <message>
        <source>Request a change — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Request:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Once approved, the merchant becomes active.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Once approved, the merchant is terminated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rea&amp;son (required):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send for approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New rates in percent; leave a rate empty to keep it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>now %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credit &amp;limit (yuan):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set KYC status to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: enter the rate in percent with at most four decimals, like 0.38.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the credit limit in yuan, like 300000 or 300000.50.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::RescheduleDialog</name>
    <message>
        <source>Reschedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When is “%1” due now?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tomorrow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2 %3 %4</source>
        <comment>quick choice name, weekday, date, time</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That time has passed. Pick a time later than now.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::RevealReasonDialog</name>
    <message>
        <source>Show personal data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The full value is shown only with a reason. The server records who saw it, when and why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a common reason…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify the customer&apos;s identity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call the customer back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KYC or due diligence review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prepare contract or onboarding documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handle the customer&apos;s request or complaint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why do you need to see it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Common reasons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give a reason: it is recorded in the audit trail with your name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say a little more: a reason needs at least %1 letters or digits.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::Session</name>
    <message>
        <source>The login name or the password is wrong. Check Caps Lock and the keyboard layout.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many wrong passwords: this account is locked for a while. The server says: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account is disabled. Ask your administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server cannot be reached. Check the address and the network connection. (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the sign-in: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in did not finish. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out, but the system keychain would not remove the saved session. Unlock the keychain and sign out again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file %1 could not be deleted. Close other programs that use it and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data was deleted, but the system keychain still holds an entry of this account. Remove &quot;%1&quot; there by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out, but the saved session could not be removed from the local store. Sign out again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are not signed in, so the value stays masked.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::SettingsDialog</name>
    <message>
        <source>Preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the system (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set by your branch&apos;s IT for this computer; ask them to change it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The window changes language at once; what you were working on stays open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interface &amp;language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer you have open has edits that are not saved. Save or discard them first, then change the language.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::ShareDashboardDialog</name>
    <message>
        <source>Share “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The people you share with see this dashboard read-only, with their own data: each sees only the records they may see.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everyone in these roles:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everyone in these branches and those below them:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::SignInController</name>
    <message>
        <source>Sign in as %1 here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::SignInDialog</name>
    <message>
        <source>Sign in to Branchline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the account your branch gave you. Your data is kept on this computer, encrypted, so you can also work offline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Server address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Login name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set by your branch&apos;s IT; ask them to change it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Getting your data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the server&apos;s address, for example https://crm.example.cn.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::SqlCipherDriver</name>
    <message>
        <source>The local store could not be unlocked: the key is wrong, or the file is damaged or is not a Branchline store. The file was not changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disk is full. The change was not saved and nothing was lost; free some space and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local store is busy in another window or program. Try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local store may not be written here. Check the permissions of its folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local store file could not be opened. Check that its folder exists and that you may write to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading or writing the local store failed (input/output error). Check the disk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The change breaks a rule of the store (for example a duplicate key) and was not saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No key was given for the local store; it is never opened without encryption.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local store is not open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exactly one SQL statement can be prepared at a time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The query is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The statement expects %1 values but %2 were given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A value of type %1 cannot be stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No statement was prepared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local store is damaged. The file was not changed; restore it from its backup or sign in again to rebuild it from the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out of memory while using the local store. Close other programs and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local store reported an unexpected error and nothing was saved. Try again, and tell IT support if it happens again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::StartupFlow</name>
    <message>
        <source>The key of the data on this computer is gone from the system keychain, so the data cannot be opened. Signing in rebuilds it from the server; edits that were not sent yet are lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your password to sign in again. The data on this computer is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your session on the server has ended. Enter your password to continue syncing; your work on this computer is kept.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::StatusPanel</name>
    <message>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send your edits and fetch the latest (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>○ Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to the server; edits are sent at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working offline: edits are kept on this computer and sent when the server can be reached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>%n minute ago</numerusform>
            <numerusform>%n minutes ago</numerusform>
        </translation>
    </message>
    <message>
        <source>Synced %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All edits sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n edit(s) waiting to be sent</source>
        <translation>
            <numerusform>%n edit waiting to be sent</numerusform>
            <numerusform>%n edits waiting to be sent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n conflict</numerusform>
            <numerusform>%n conflicts</numerusform>
        </translation>
    </message>
    <message>
        <source>Edits that met another edit on the server: review them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::TaskActions</name>
    <message>
        <source>Complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tomorrow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a date and time…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reschedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the task to another day (Ctrl+T tomorrow, Ctrl+Shift+T next week, Ctrl+E a date and time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>action (its shortcut)</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>complete “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reopen “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reschedule “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This task is not about a customer on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::TaskAgendaModel</name>
    <message>
        <source>%1 (%2)</source>
        <comment>group name (number of tasks)</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer or lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::TaskListModel</name>
    <message>
        <source>No due date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::TasksPage</name>
    <message>
        <source>My tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to do: no open tasks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changed here, waiting for the server</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::TerminalListModel</name>
    <message>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Installed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last payment</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::TileFrame</name>
    <message>
        <source>Export and other actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actions for %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::TrayIcon</name>
    <message>
        <source>&amp;Open Branchline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::VolumeChart</name>
    <message>
        <source>Volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>¥ thousand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MMM</source>
        <comment>a month under a bar</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MMM yy</source>
        <comment>a month under a bar, with its year</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::VolumePanel</name>
    <message>
        <source>No figures from the transaction system yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 – %2: volume %3 · transactions %4 · refunds %5 of the volume · chargebacks %6</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::WidgetEditor</name>
    <message>
        <source>Drop dimensions here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop measures here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop fields to filter by here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare with the previous period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Values, separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Axes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Option</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename widget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change widget type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change data set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove dimension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove measure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change top N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change comparison</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add dimension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add measure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change measure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change date grouping</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::WidgetPalette</name>
    <message>
        <source>Drag a widget onto the grid, or double-click to add it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::sync::SyncEngine</name>
    <message>
        <source>Sync was cancelled; it resumes where it stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not take every change yet (%1); sync retries.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server acknowledged no change; sync retries.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server no longer sends %1 of the %2 records on this computer. Nothing was deleted; confirm to remove them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sending changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>first download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>receiving changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>removing records no longer shared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>building the search index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting to retry</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branchline::sync::SyncWorkerCore</name>
    <message>
        <source>The local store is not open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request was cancelled; the value stays masked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The value stays masked. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server needs a longer reason before it shows personal data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your session with the server has ended: sign in again to see the full value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your role may not see this personal data unmasked, so it stays masked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server does not allow you to see this: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server has no such customer for you: it may not have reached the server yet, or it is no longer in your scope.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server could not show the full value: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are not signed in to the server, so the value stays masked.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Branchline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Branch configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smoke test failed: not signed in, or the first sync did not finish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smoke test failed: the local store cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>signed in as %1 at %2; %n customer(s) in the encrypted local store</source>
        <translation>
            <numerusform>signed in as %1 at %2; %n customer in the encrypted local store</numerusform>
            <numerusform>signed in as %1 at %2; %n customers in the encrypted local store</numerusform>
        </translation>
    </message>
</context>
</TS>
