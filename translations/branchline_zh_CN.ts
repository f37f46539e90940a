<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutBox</name>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Qt</source>
        <translation>Qt</translation>
    </message>
    <message>
        <source>Signed in as</source>
        <translation>当前用户</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Branch configuration</source>
        <translation>网点配置</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>网点</translation>
    </message>
    <message>
        <source>none on this computer</source>
        <translation>本机没有</translation>
    </message>
    <message>
        <source>Branchline</source>
        <translation>Branchline</translation>
    </message>
    <message>
        <source>The offline, encrypted CRM for payment institutions and lenders.</source>
        <translation>面向支付机构与网络小贷、离线可用的加密客户管理系统。</translation>
    </message>
    <message>
        <source>Free software under the GNU General Public License, version 3 or later.</source>
        <translation>自由软件，按 GNU 通用公共许可证第 3 版或更高版本授权。</translation>
    </message>
    <message>
        <source>About Branchline</source>
        <translation>关于 Branchline</translation>
    </message>
</context>
<context>
    <name>Accounts</name>
    <message>
        <source>A branch needs a name.</source>
        <translation>网点必须填写名称。</translation>
    </message>
    <message>
        <source>The branch could not be added: %1</source>
        <translation>无法添加网点：%1</translation>
    </message>
    <message>
        <source>A user needs a login name and a display name.</source>
        <translation>用户必须填写登录名和显示名称。</translation>
    </message>
    <message>
        <source>The password does not meet the password policy.</source>
        <translation>密码不符合密码策略。</translation>
    </message>
    <message>
        <source>The password could not be hashed (out of memory).</source>
        <translation>无法计算密码哈希（内存不足）。</translation>
    </message>
    <message>
        <source>The user %1 could not be added: %2</source>
        <translation>无法添加用户 %1：%2</translation>
    </message>
    <message>
        <source>There is no user with the login %1.</source>
        <translation>不存在登录名为 %1 的用户。</translation>
    </message>
</context>
<context>
    <name>ActivityJson</name>
    <message>
        <source>There is no activity %1 that you may see.</source>
        <translation>没有您有权查看的活动 %1。</translation>
    </message>
    <message>
        <source>The timeline is append-only: an activity is never changed or deleted. Add a new one to correct it.</source>
        <translation>时间线只能追加：活动一经记录便不能修改或删除。如需更正，请新增一条。</translation>
    </message>
    <message>
        <source>An activity is written in its author&apos;s name only: author_id must be your own user id, or left out.</source>
        <translation>活动记录只能以作者本人的名义写入：author_id 必须是您自己的用户 ID，或不填写。</translation>
    </message>
</context>
<context>
    <name>Api</name>
    <message>
        <source>The field &quot;%1&quot; is required and must be a non-empty string.</source>
        <translation>字段“%1”为必填项，且必须是非空字符串。</translation>
    </message>
    <message>
        <source>This session has already ended.</source>
        <translation>此会话已结束。</translation>
    </message>
    <message>
        <source>Sign in first: the request has no valid access token, or it has expired.</source>
        <translation>请先登录：请求中没有有效的访问令牌，或访问令牌已过期。</translation>
    </message>
    <message>
        <source>The database does not answer.</source>
        <translation>数据库没有响应。</translation>
    </message>
    <message>
        <source>Only an administrator may end a user&apos;s sessions on a device.</source>
        <translation>只有系统管理员才能结束用户在某台设备上的会话。</translation>
    </message>
    <message>
        <source>The X-Api-Key header is missing or does not name an active integration.</source>
        <translation>缺少 X-Api-Key 请求头，或其值不对应任何有效的集成。</translation>
    </message>
    <message>
        <source>The sync events come over a WebSocket only.</source>
        <translation>同步事件只能通过 WebSocket 接收。</translation>
    </message>
    <message>
        <source>The field &quot;%1&quot; is too long: at most %2 characters.</source>
        <translation>字段“%1”过长：最多 %2 个字符。</translation>
    </message>
    <message>
        <source>The sessions could not be ended. Try again later.</source>
        <translation>无法结束会话。请稍后重试。</translation>
    </message>
</context>
<context>
    <name>ApprovalCommands</name>
    <message>
        <source>A decision is approve, reject, return or delegate.</source>
        <translation>审批决定只能是同意、驳回、退回或转交。</translation>
    </message>
    <message>
        <source>This request is not on this computer.</source>
        <translation>本机上没有这条申请。</translation>
    </message>
    <message>
        <source>Nobody decides their own request: you made this one.</source>
        <translation>不能审批自己发起的申请：这条是您发起的。</translation>
    </message>
    <message>
        <source>This step no longer waits for a decision; look at the request as it is now.</source>
        <translation>此环节已不再等待审批，请查看申请的最新状态。</translation>
    </message>
    <message>
        <source>Your decision on this step is already waiting to be sent.</source>
        <translation>您对此环节的审批已在等待发送。</translation>
    </message>
    <message>
        <source>You are not an approver of this step.</source>
        <translation>您不是此环节的审批人。</translation>
    </message>
    <message>
        <source>Say why in a comment when you reject or return a request.</source>
        <translation>驳回或退回申请时请在意见中说明原因。</translation>
    </message>
    <message numerus="yes">
        <source>A comment is at most %n characters.</source>
        <translation>
            <numerusform>意见最多 %n 个字。</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose whom to delegate to.</source>
        <translation>请选择转交给谁。</translation>
    </message>
    <message>
        <source>Delegate to someone other than yourself and the requester.</source>
        <translation>请转交给您和申请人以外的人。</translation>
    </message>
    <message>
        <source>%1 is already an approver of this step.</source>
        <translation>%1 已是此环节的审批人。</translation>
    </message>
    <message>
        <source>Only the requester can withdraw a request.</source>
        <translation>只有申请人可以撤回申请。</translation>
    </message>
    <message>
        <source>This request can no longer be withdrawn.</source>
        <translation>此申请已不能撤回。</translation>
    </message>
    <message>
        <source>This customer is no longer on this computer.</source>
        <translation>本机上已没有此客户。</translation>
    </message>
    <message>
        <source>This customer already has an open request of this kind: wait for its decision or withdraw it first.</source>
        <translation>此客户已有同类申请在审批中：请等待结果或先撤回。</translation>
    </message>
</context>
<context>
    <name>ApprovalMessages</name>
    <message>
        <source>There is no active approval flow &quot;%1&quot;.</source>
        <translation>没有已启用的审批流程“%1”。</translation>
    </message>
    <message>
        <source>The customer of this request does not exist or is outside your scope.</source>
        <translation>此申请的客户不存在，或不在您的数据范围内。</translation>
    </message>
    <message>
        <source>Give a reason for the request.</source>
        <translation>请填写申请原因。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not something a request is made with.</source>
        <translation>“%1”不是申请中可以包含的内容。</translation>
    </message>
    <message>
        <source>This kind of request may propose only %1.</source>
        <translation>此类申请只能提议以下内容：%1。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a whole number from %2 to %3.</source>
        <translation>“%1”必须是 %2 至 %3 之间的整数。</translation>
    </message>
    <message>
        <source>The request proposes nothing that differs from the customer as it is.</source>
        <translation>申请提议的内容与客户当前的信息没有任何不同。</translation>
    </message>
    <message>
        <source>Only a merchant that is a prospect or being onboarded can be onboarded.</source>
        <translation>只有处于“潜在客户”或“入网中”状态的商户才能办理入网。</translation>
    </message>
    <message>
        <source>This request is for merchants only.</source>
        <translation>此类申请仅适用于商户。</translation>
    </message>
    <message>
        <source>Credit limits are for borrowers only.</source>
        <translation>授信额度仅适用于借款人。</translation>
    </message>
    <message>
        <source>A limit increase must be higher than the current limit (%1 fen).</source>
        <translation>提额后的额度必须高于当前额度（%1 分）。</translation>
    </message>
    <message>
        <source>This merchant is already terminated.</source>
        <translation>该商户已终止。</translation>
    </message>
    <message>
        <source>A KYC exception sets the KYC status to verified or in_progress.</source>
        <translation>尽调例外只能将尽调状态设为 verified 或 in_progress。</translation>
    </message>
    <message>
        <source>This customer already has an open request of this kind: decide or withdraw it first.</source>
        <translation>该客户已有一个同类的未完结申请：请先审批或撤回该申请。</translation>
    </message>
    <message>
        <source>Nobody can decide the step &quot;%1&quot; of this request: ask an administrator to check the flow and the branch&apos;s staff.</source>
        <translation>此申请的步骤“%1”没有人可以审批：请联系系统管理员检查审批流程和网点的人员配置。</translation>
    </message>
    <message>
        <source>The customer of this request was deleted: it can only be rejected.</source>
        <translation>此申请的客户已被删除：该申请只能驳回。</translation>
    </message>
    <message>
        <source>The customer&apos;s %1 changed since this request was made: reject or return it so it is asked again.</source>
        <translation>自提交此申请以来，客户的 %1 已发生变更：请驳回或退回该申请，以便重新申请。</translation>
    </message>
    <message>
        <source>There is no approval request that you may see with this id.</source>
        <translation>没有此 ID 对应的、您有权查看的审批申请。</translation>
    </message>
    <message>
        <source>A decision is approve, reject, return, delegate or withdraw.</source>
        <translation>审批操作只能是 approve（同意）、reject（驳回）、return（退回）、delegate（转交）或 withdraw（撤回）。</translation>
    </message>
    <message>
        <source>Nobody decides their own request: you made this one.</source>
        <translation>任何人都不能审批自己的申请：此申请由您发起。</translation>
    </message>
    <message>
        <source>Only the requester can withdraw a request.</source>
        <translation>只有申请人才能撤回申请。</translation>
    </message>
    <message>
        <source>The requester withdrew this request; your decision was not recorded.</source>
        <translation>申请人已撤回此申请；您的审批操作未被记录。</translation>
    </message>
    <message>
        <source>This request was already approved; your decision was not recorded.</source>
        <translation>此申请已被同意；您的审批操作未被记录。</translation>
    </message>
    <message>
        <source>This request was already rejected; your decision was not recorded.</source>
        <translation>此申请已被驳回；您的审批操作未被记录。</translation>
    </message>
    <message>
        <source>This request was returned to the requester; it can be decided again once they resubmit it.</source>
        <translation>此申请已退回申请人；申请人重新提交后才能再次审批。</translation>
    </message>
    <message>
        <source>This request has no step %1.</source>
        <translation>此申请没有第 %1 步。</translation>
    </message>
    <message>
        <source>%1 already approved this step; your decision was not recorded.</source>
        <translation>%1 已同意此步骤；您的审批操作未被记录。</translation>
    </message>
    <message>
        <source>%1 already rejected this request; your decision was not recorded.</source>
        <translation>%1 已驳回此申请；您的审批操作未被记录。</translation>
    </message>
    <message>
        <source>%1 already returned this request to the requester; your decision was not recorded.</source>
        <translation>%1 已将此申请退回申请人；您的审批操作未被记录。</translation>
    </message>
    <message>
        <source>You already decided this step.</source>
        <translation>您已审批过此步骤。</translation>
    </message>
    <message>
        <source>You are not an approver of this step.</source>
        <translation>您不是此步骤的审批人。</translation>
    </message>
    <message>
        <source>You delegated this step to %1, who decides it now.</source>
        <translation>您已将此步骤转交给 %1，现由其审批。</translation>
    </message>
    <message>
        <source>You are no longer an approver of this step: your role or branch changed after it was given to you. Your decision was not recorded.</source>
        <translation>您已不再是此步骤的审批人：此步骤分配给您之后，您的角色或网点发生了变更。您的审批操作未被记录。</translation>
    </message>
    <message>
        <source>%1, who delegated this step to you, is no longer an approver of it, so neither are you. Your decision was not recorded.</source>
        <translation>将此步骤转交给您的 %1 已不再是其审批人，因此您也不再是。您的审批操作未被记录。</translation>
    </message>
    <message>
        <source>Say why in a comment when you reject or return a request.</source>
        <translation>驳回或退回申请时，请在审批意见中说明原因。</translation>
    </message>
    <message>
        <source>Delegate to an active user other than yourself and the requester.</source>
        <translation>请转交给您本人和申请人以外的、未停用的用户。</translation>
    </message>
    <message>
        <source>%1 is already an approver of this step.</source>
        <translation>%1 已是此步骤的审批人。</translation>
    </message>
    <message>
        <source>Approval steps change only through decisions.</source>
        <translation>审批步骤只能通过审批操作变更。</translation>
    </message>
    <message>
        <source>A decision is final: it cannot be changed or deleted.</source>
        <translation>审批操作一经记录即为最终结果：不能修改或删除。</translation>
    </message>
    <message>
        <source>A request changes only through decisions, or by its requester once it was returned (the proposed values and the reason).</source>
        <translation>申请只能通过审批操作变更；申请被退回后，申请人可以修改提议的值和申请原因。</translation>
    </message>
    <message>
        <source>A comment or reason is at most %1 characters.</source>
        <translation>审批意见或原因最多 %1 个字符。</translation>
    </message>
    <message>
        <source>Only an administrator may manage approval flows.</source>
        <translation>只有系统管理员才能管理审批流程。</translation>
    </message>
    <message>
        <source>There is no approval flow &quot;%1&quot;.</source>
        <translation>不存在审批流程“%1”。</translation>
    </message>
    <message>
        <source>There is no version %2 of the approval flow &quot;%1&quot;.</source>
        <translation>审批流程“%1”没有版本 %2。</translation>
    </message>
    <message>
        <source>The flow names the user %1, who does not exist or is disabled.</source>
        <translation>流程中指定的用户 %1 不存在或已停用。</translation>
    </message>
    <message>
        <source>Send the flow as {&quot;definition&quot;: {...}, &quot;activate&quot;: true|false}.</source>
        <translation>请按 {&quot;definition&quot;: {...}, &quot;activate&quot;: true|false} 的格式发送流程。</translation>
    </message>
    <message>
        <source>The customer would not be valid after this change: %1</source>
        <translation>此变更会使客户信息无效：%1</translation>
    </message>
</context>
<context>
    <name>ApprovalNotices</name>
    <message>
        <source>Waiting for your approval</source>
        <translation>待您审批</translation>
    </message>
    <message>
        <source>%1 for %2, asked by %3</source>
        <translation>%2 的%1，由 %3 发起</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 for %2, by %3</source>
        <translation>%2 的申请已%1，审批人 %3</translation>
    </message>
    <message>
        <source>%1 for %2, by %3: %4</source>
        <translation>%2 的申请已%1，审批人 %3：%4</translation>
    </message>
</context>
<context>
    <name>ApprovalProposal</name>
    <message>
        <source>A %1 request does not apply to this customer as it is now.</source>
        <translation>此客户当前状态不适用“%1”申请。</translation>
    </message>
    <message>
        <source>Give a reason for the request.</source>
        <translation>请填写申请理由。</translation>
    </message>
    <message>
        <source>Enter at least one new fee rate.</source>
        <translation>请至少填写一项新费率。</translation>
    </message>
    <message>
        <source>A fee rate is more than 0 % and at most 10 %.</source>
        <translation>费率须大于 0% 且不超过 10%。</translation>
    </message>
    <message>
        <source>Enter a credit limit above ¥0 and at most ¥10,000,000,000.</source>
        <translation>请输入大于 ¥0 且不超过 ¥10,000,000,000 的授信额度。</translation>
    </message>
    <message>
        <source>A limit increase must be higher than the current limit.</source>
        <translation>提额后的额度须高于当前额度。</translation>
    </message>
    <message>
        <source>A KYC exception sets the KYC status to verified or in progress.</source>
        <translation>尽调例外只能将尽调状态设为已核验或尽调中。</translation>
    </message>
    <message>
        <source>The request proposes nothing that differs from the customer as it is.</source>
        <translation>申请内容与客户当前信息没有差别。</translation>
    </message>
</context>
<context>
    <name>ApprovalText</name>
    <message>
        <source>Fee rate change</source>
        <translation>费率调整</translation>
    </message>
    <message>
        <source>Merchant onboarding</source>
        <translation>商户入网</translation>
    </message>
    <message>
        <source>Merchant termination</source>
        <translation>商户解约</translation>
    </message>
    <message>
        <source>Credit approval</source>
        <translation>授信审批</translation>
    </message>
    <message>
        <source>Credit limit increase</source>
        <translation>提额审批</translation>
    </message>
    <message>
        <source>KYC exception</source>
        <translation>尽调例外审批</translation>
    </message>
    <message>
        <source>In approval</source>
        <translation>审批中</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已同意</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>待审批</translation>
    </message>
    <message>
        <source>Delegated</source>
        <translation>已转交</translation>
    </message>
    <message>
        <source>Countersign: every approver must approve</source>
        <translation>会签：所有审批人都须同意</translation>
    </message>
    <message>
        <source>Countersign</source>
        <translation>会签</translation>
    </message>
    <message>
        <source>Or-sign: the first approval decides the step</source>
        <translation>或签：第一位审批人同意即通过此环节</translation>
    </message>
    <message>
        <source>Or-sign</source>
        <translation>或签</translation>
    </message>
    <message>
        <source>Not reached yet</source>
        <translation>尚未开始</translation>
    </message>
    <message>
        <source>Waiting for a decision</source>
        <translation>等待审批</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Step %1</source>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <source>Another approver already decided this step; your decision was not recorded.</source>
        <translation>其他审批人已处理此环节，您的审批未被记录。</translation>
    </message>
    <message>
        <source>You already decided this step on another computer.</source>
        <translation>您已在另一台电脑上处理过此环节。</translation>
    </message>
    <message>
        <source>You no longer hold the role that made you an approver of this step.</source>
        <translation>您已不再担任使您成为此环节审批人的角色。</translation>
    </message>
    <message>
        <source>The request was withdrawn; your decision was not recorded.</source>
        <translation>申请已撤回，您的审批未被记录。</translation>
    </message>
    <message>
        <source>The request was already decided; your decision was not recorded.</source>
        <translation>申请已审批完毕，您的审批未被记录。</translation>
    </message>
    <message>
        <source>The request was returned to the requester; your decision was not recorded.</source>
        <translation>申请已退回申请人，您的审批未被记录。</translation>
    </message>
    <message>
        <source>You are not an approver of this step.</source>
        <translation>您不是此环节的审批人。</translation>
    </message>
    <message>
        <source>Nobody decides their own request.</source>
        <translation>不能审批自己发起的申请。</translation>
    </message>
    <message>
        <source>The server refused it (%1).</source>
        <translation>服务器拒绝了此操作（%1）。</translation>
    </message>
    <message>
        <source>%1 — decision pending sync</source>
        <translation>%1 — 审批待同步</translation>
    </message>
    <message>
        <source>%1 — refused: %2</source>
        <translation>%1 — 被拒绝：%2</translation>
    </message>
    <message>
        <source>Overdue since %1</source>
        <translation>自 %1 起已逾期</translation>
    </message>
    <message>
        <source>Due %1</source>
        <translation>%1 到期</translation>
    </message>
</context>
<context>
    <name>AuditAnchor</name>
    <message>
        <source>The head of the audit trail (audit_head) is missing: the trail was tampered with. Run branchline-server verify-audit.</source>
        <translation>审计日志的头记录（audit_head）缺失：审计日志已被篡改。请运行 branchline-server verify-audit。</translation>
    </message>
</context>
<context>
    <name>AuditCommands</name>
    <message>
        <source>Made audit key %1 in the key folder %2. Back the folder up apart from the database: without it the audit trail cannot be verified or written.</source>
        <translation>已在密钥目录 %2 中生成审计密钥 %1。请将该目录与数据库分开备份：没有它，审计日志将无法校验，也无法写入。</translation>
    </message>
    <message>
        <source>--anchor takes the line branchline-server audit anchor printed (or a log line holding it): branchline-audit-anchor seq=N mac=&lt;64 hex digits&gt; at=&lt;time&gt;.</source>
        <translation>--anchor 的参数为 branchline-server audit anchor 输出的那一行（或包含该行的日志行）：branchline-audit-anchor seq=N mac=&lt;64 位十六进制数&gt; at=&lt;时间&gt;。</translation>
    </message>
    <message>
        <source>The audit trail is broken at entry %1: %2</source>
        <translation>审计日志在条目 %1 处校验失败：%2</translation>
    </message>
    <message numerus="yes">
        <source>The audit trail is intact: %n entries checked.</source>
        <translation>
            <numerusform>审计日志完整：已检查 %n 个条目。</numerusform>
        </translation>
    </message>
    <message>
        <source>Entries 1 to %1 are from before the trail was keyed: they are checked as SHA-256 links, which anyone can recompute, and are vouched for by the first keyed entry after them or, until there is one, only by an anchor.</source>
        <translation>条目 1 至 %1 写于审计日志启用密钥之前：这些条目仅按 SHA-256 链接校验（任何人都能重新计算），其可信性由其后第一个带密钥的条目担保；在出现这样的条目之前，只能由锚点担保。</translation>
    </message>
    <message>
        <source>It still holds entry %1 as the anchor recorded it.</source>
        <translation>审计日志中仍有条目 %1，且与锚点记载的一致。</translation>
    </message>
    <message>
        <source>Made audit key %1 in the key folder %2; new audit entries are made with it. Keep the older key files: the entries made with them are checked with them. Other instances take up the new key at their next audit entry; they must share this key folder.</source>
        <translation>已在密钥目录 %2 中生成审计密钥 %1；新的审计条目将使用该密钥。请保留旧的密钥文件：用旧密钥写入的条目需要用它们校验。其他实例会在写入下一条审计条目时改用新密钥；它们必须共用此密钥目录。</translation>
    </message>
</context>
<context>
    <name>AuditKeys</name>
    <message>
        <source>No key folder is open.</source>
        <translation>未打开任何密钥目录。</translation>
    </message>
    <message>
        <source>The audit trail is kept with audit key %1, but the key folder %2 holds no audit key: the folder is missing or was moved. Restore it from its backup, or set key_dir (--key-dir) to where it is. A new key is not made, for the trail could not be verified across it.</source>
        <translation>审计日志使用审计密钥 %1，但密钥目录 %2 中没有任何审计密钥：该目录缺失或已被移动。请从备份恢复该目录，或将 key_dir（--key-dir）设为其所在位置。系统不会生成新密钥，否则审计日志将无法跨新旧密钥连续校验。</translation>
    </message>
    <message>
        <source>The audit trail is kept with audit key %1, but the key folder %2 holds audit keys only up to %3: it is an old copy. Every instance needs the same key folder, with every key.</source>
        <translation>审计日志使用审计密钥 %1，但密钥目录 %2 中的审计密钥只到 %3：这是一份旧副本。所有实例都必须使用同一个包含全部密钥的密钥目录。</translation>
    </message>
    <message>
        <source>No audit key is loaded, so there is none to rotate.</source>
        <translation>未加载审计密钥，因此没有可轮换的密钥。</translation>
    </message>
</context>
<context>
    <name>AuditLog</name>
    <message>
        <source>The audit trail cannot be written: no audit key is loaded (the key folder is missing or holds no audit key). Nothing was saved.</source>
        <translation>无法写入审计日志：未加载审计密钥（密钥目录缺失，或其中没有审计密钥）。未保存任何内容。</translation>
    </message>
    <message>
        <source>The audit trail cannot be written: it is kept with audit key %1, which is not in the key folder %2. Every instance needs the same key folder. %3</source>
        <translation>无法写入审计日志：审计日志使用审计密钥 %1，但该密钥不在密钥目录 %2 中。所有实例都必须使用同一个密钥目录。%3</translation>
    </message>
    <message>
        <source>The audit trail cannot be written: its head (audit_head) is missing, so the trail was tampered with. Run branchline-server verify-audit.</source>
        <translation>无法写入审计日志：其头记录（audit_head）缺失，说明审计日志已被篡改。请运行 branchline-server verify-audit。</translation>
    </message>
</context>
<context>
    <name>AuditVerifier</name>
    <message>
        <source>The audit trail cannot be read: %1</source>
        <translation>无法读取审计日志：%1</translation>
    </message>
    <message>
        <source>Entry %1 was changed after it was written: a field the server always fills is NULL.</source>
        <translation>条目 %1 在写入后被修改过：一个服务器始终会填写的字段为 NULL。</translation>
    </message>
    <message>
        <source>Entry %1 is missing: the trail jumps from %2 to %3.</source>
        <translation>缺少条目 %1：审计日志从 %2 直接跳到了 %3。</translation>
    </message>
    <message>
        <source>Entry %1 was added after the newest entry the head records (%2): it was not written by the server.</source>
        <translation>条目 %1 是在头记录所记载的最新条目（%2）之后添加的：它不是由服务器写入的。</translation>
    </message>
    <message>
        <source>The head of the audit trail (the audit_head table) is gone.</source>
        <translation>审计日志的头记录（audit_head 表）已不存在。</translation>
    </message>
    <message>
        <source>Entry %1 does not follow the entry before it.</source>
        <translation>条目 %1 与前一条目无法衔接。</translation>
    </message>
    <message>
        <source>Entry %1 has no MAC, but the entries before it have one: it was not written by the server.</source>
        <translation>条目 %1 没有 MAC，而它之前的条目都有：它不是由服务器写入的。</translation>
    </message>
    <message>
        <source>Entry %1 was changed after it was written.</source>
        <translation>条目 %1 在写入后被修改过。</translation>
    </message>
    <message>
        <source>Entry %1 was made with audit key %2, older than key %3 of the entry before it.</source>
        <translation>条目 %1 使用审计密钥 %2 写入，该密钥比前一条目使用的密钥 %3 更旧。</translation>
    </message>
    <message>
        <source>Entry %1 was made with audit key %2, which entry %3 retired for key %4.</source>
        <translation>条目 %1 使用审计密钥 %2 写入，但该密钥已在条目 %3 处停用，由密钥 %4 取代。</translation>
    </message>
    <message>
        <source>Entry %1 was made with audit key %2, which is not in the key folder %3: restore the key file audit-%2.key from its backup (old audit keys are needed to check the entries made with them).</source>
        <translation>条目 %1 使用审计密钥 %2 写入，但该密钥不在密钥目录 %3 中：请从备份恢复密钥文件 audit-%2.key（校验用旧审计密钥写入的条目需要这些旧密钥）。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Entry %1 does not match its MAC under audit key %2, and no entry made with that key does: the key file audit-%2.key in %3 is not the key they were made with (a wrong or replaced file), or every one of them was changed.</source>
        <translation>条目 %1 与其在审计密钥 %2 下的 MAC 不符，且用该密钥写入的条目无一相符：%3 中的密钥文件 audit-%2.key 并非写入这些条目时使用的密钥（文件有误或已被替换），或者这些条目全部被修改过。</translation>
    </message>
    <message>
        <source>Entry %1, which sealed the entries from before the audit trail was keyed (1 to %2), does not match its MAC: those entries or this one were changed after it was written.</source>
        <translation>条目 %1 封存了审计日志启用密钥之前的条目（1 至 %2），但与其 MAC 不符：在它写入之后，这些条目或它本身被修改过。</translation>
    </message>
    <message>
        <source>Entry %1 was changed after it was written: its MAC does not match.</source>
        <translation>条目 %1 在写入后被修改过：其 MAC 不符。</translation>
    </message>
    <message>
        <source>The head of the audit trail (audit_head), which records entry %1 as the newest, was deleted.</source>
        <translation>审计日志的头记录（audit_head）已被删除，该记录记载的最新条目为 %1。</translation>
    </message>
    <message>
        <source>Entries %1 to %2 were removed from the end: the head records entry %2 as the newest, but the trail ends at entry %3.</source>
        <translation>末尾的条目 %1 至 %2 已被删除：头记录记载的最新条目为 %2，但审计日志止于条目 %3。</translation>
    </message>
    <message>
        <source>The head of the audit trail does not match entry %1, the newest: the trail or its head was rewritten.</source>
        <translation>审计日志的头记录与最新条目 %1 不符：审计日志或其头记录已被改写。</translation>
    </message>
    <message>
        <source>Entries %1 to %2 are missing: the anchor records entry %2, but the trail ends at entry %3. Entries were cut off the end and the head rewound.</source>
        <translation>缺少条目 %1 至 %2：锚点记载了条目 %2，但审计日志止于条目 %3。末尾的条目被截去，头记录也被回退。</translation>
    </message>
    <message>
        <source>Entry %1 is not the entry the anchor recorded (its MAC or time differs): the trail was cut back and written again from there.</source>
        <translation>条目 %1 与锚点记载的条目不一致（MAC 或时间不同）：审计日志被截回到此处后又重新写入。</translation>
    </message>
</context>
<context>
    <name>Authenticator</name>
    <message>
        <source>The login name or the password is wrong.</source>
        <translation>登录名或密码错误。</translation>
    </message>
    <message>
        <source>This account is disabled. Ask your administrator.</source>
        <translation>此账户已停用。请联系管理员。</translation>
    </message>
    <message>
        <source>The session has ended; please sign in again.</source>
        <translation>会话已结束；请重新登录。</translation>
    </message>
    <message>
        <source>The field &quot;%1&quot; is too long: at most %2 characters.</source>
        <translation>字段“%1”过长：最多 %2 个字符。</translation>
    </message>
    <message>
        <source>The field &quot;device_id&quot; must name this device; it is blank.</source>
        <translation>字段“device_id”须填写本设备的标识，当前为空。</translation>
    </message>
    <message>
        <source>The field &quot;login&quot; is blank.</source>
        <translation>字段“login”为空。</translation>
    </message>
    <message>
        <source>The server could not complete the sign-in. Try again later.</source>
        <translation>服务器无法完成登录。请稍后重试。</translation>
    </message>
    <message numerus="yes">
        <source>Too many failed sign-ins. Try again in %n second(s).</source>
        <translation>
            <numerusform>登录失败次数过多。请在 %n 秒后重试。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BuiltInDashboards</name>
    <message>
        <source>My pipeline</source>
        <translation>我的销售漏斗</translation>
    </message>
    <message>
        <source>Open leads</source>
        <translation>进行中的线索</translation>
    </message>
    <message>
        <source>Conversion rate</source>
        <translation>转化率</translation>
    </message>
    <message>
        <source>Average score of open leads</source>
        <translation>进行中线索的平均评分</translation>
    </message>
    <message>
        <source>Leads by stage</source>
        <translation>各阶段线索</translation>
    </message>
    <message>
        <source>Leads by channel</source>
        <translation>各渠道线索</translation>
    </message>
    <message>
        <source>New leads by week, last 90 days</source>
        <translation>近 90 天每周新增线索</translation>
    </message>
    <message>
        <source>My activities by week, last 90 days</source>
        <translation>近 90 天我每周的跟进</translation>
    </message>
    <message>
        <source>My tasks</source>
        <translation>我的任务</translation>
    </message>
    <message>
        <source>Open tasks</source>
        <translation>未完成任务</translation>
    </message>
    <message>
        <source>Done, last 30 days</source>
        <translation>近 30 天已完成</translation>
    </message>
    <message>
        <source>Completion rate</source>
        <translation>完成率</translation>
    </message>
    <message>
        <source>Tasks due by week</source>
        <translation>每周到期任务</translation>
    </message>
    <message>
        <source>Open tasks by priority</source>
        <translation>各优先级未完成任务</translation>
    </message>
    <message>
        <source>My merchants&apos; volume</source>
        <translation>我的商户交易额</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>交易额</translation>
    </message>
    <message>
        <source>Transactions</source>
        <translation>交易笔数</translation>
    </message>
    <message>
        <source>Refunds per yuan of volume</source>
        <translation>每元交易额的退款</translation>
    </message>
    <message>
        <source>Volume by month</source>
        <translation>月度交易额</translation>
    </message>
    <message>
        <source>Top 10 merchants by volume</source>
        <translation>交易额前 10 名商户</translation>
    </message>
    <message>
        <source>Branch volume by month</source>
        <translation>网点月度交易额</translation>
    </message>
    <message>
        <source>Merchants with volume</source>
        <translation>有交易的商户</translation>
    </message>
    <message>
        <source>Chargebacks</source>
        <translation>拒付笔数</translation>
    </message>
    <message>
        <source>Volume by month and branch</source>
        <translation>各网点月度交易额</translation>
    </message>
    <message>
        <source>Branches</source>
        <translation>网点</translation>
    </message>
    <message>
        <source>Onboarding funnel</source>
        <translation>入网漏斗</translation>
    </message>
    <message>
        <source>New leads</source>
        <translation>新增线索</translation>
    </message>
    <message>
        <source>Lead conversion rate</source>
        <translation>线索转化率</translation>
    </message>
    <message>
        <source>New customers</source>
        <translation>新增客户</translation>
    </message>
    <message>
        <source>Customers by status</source>
        <translation>各状态客户</translation>
    </message>
    <message>
        <source>KYC status by branch</source>
        <translation>各网点尽调状态</translation>
    </message>
    <message>
        <source>New customers by month</source>
        <translation>每月新增客户</translation>
    </message>
    <message>
        <source>Leads by channel and stage</source>
        <translation>各渠道各阶段线索</translation>
    </message>
    <message>
        <source>Activities by month</source>
        <translation>每月跟进记录</translation>
    </message>
    <message>
        <source>Approvals waiting</source>
        <translation>待审批</translation>
    </message>
    <message>
        <source>Waiting for a decision</source>
        <translation>等待审批</translation>
    </message>
    <message>
        <source>Average hours to a decision</source>
        <translation>平均审批用时（小时）</translation>
    </message>
    <message>
        <source>Most rounds of one request</source>
        <translation>单个申请最多轮次</translation>
    </message>
    <message>
        <source>Waiting by flow</source>
        <translation>各流程待审批</translation>
    </message>
    <message>
        <source>Requests by status</source>
        <translation>各状态申请</translation>
    </message>
    <message>
        <source>Requests by branch</source>
        <translation>各网点申请</translation>
    </message>
    <message>
        <source>Risk levels</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <source>Customers by risk level</source>
        <translation>各风险等级客户</translation>
    </message>
    <message>
        <source>Risk levels by branch</source>
        <translation>各网点风险等级</translation>
    </message>
    <message>
        <source>Volume by risk level, this year</source>
        <translation>今年各风险等级交易额</translation>
    </message>
    <message>
        <source>Chargebacks by risk level, this year</source>
        <translation>今年各风险等级拒付笔数</translation>
    </message>
</context>
<context>
    <name>ClientAddress</name>
    <message>
        <source>&quot;%1&quot; is neither an IP address nor a network such as 10.20.0.0/24</source>
        <translation>“%1”既不是 IP 地址，也不是 10.20.0.0/24 这样的网段</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>Branchline: the offline-first, encrypted CRM for payment institutions and lenders.</source>
        <translation>Branchline：面向支付机构和网络贷款机构的客户关系管理（CRM）系统，离线优先，数据加密。</translation>
    </message>
    <message>
        <source>Show this help and exit.</source>
        <translation>显示此帮助并退出。</translation>
    </message>
    <message>
        <source>Show the version and exit.</source>
        <translation>显示版本号并退出。</translation>
    </message>
    <message>
        <source>Use this language for the interface: zh_CN or en.</source>
        <translation>指定界面语言：zh_CN 或 en。</translation>
    </message>
    <message>
        <source>language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Quit on its own after this many milliseconds (smoke tests, screenshots).</source>
        <translation>在指定的毫秒数后自动退出（用于冒烟测试、截图）。</translation>
    </message>
    <message>
        <source>milliseconds</source>
        <translation>毫秒数</translation>
    </message>
    <message>
        <source>Unknown language &quot;%1&quot;: use zh_CN or en.</source>
        <translation>未知语言“%1”：请使用 zh_CN 或 en。</translation>
    </message>
    <message>
        <source>--quit-after needs a whole number of milliseconds above 0.</source>
        <translation>--quit-after 需要一个大于 0 的整数（毫秒）。</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot;. Run branchline --help to see the options.</source>
        <translation>无法识别的参数“%1”。运行 branchline --help 查看可用选项。</translation>
    </message>
    <message>
        <source>Sign in to the server at this address (https://…).</source>
        <translation>登录到此地址的服务器（https://…）。</translation>
    </message>
    <message>
        <source>url</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Start as this user: the account kept on this computer, or a new sign-in with the password from --password-stdin or BRANCHLINE_PASSWORD.</source>
        <translation>以此用户启动：使用本机已保存的账户；若没有，则用 --password-stdin 或 BRANCHLINE_PASSWORD 提供的密码重新登录。</translation>
    </message>
    <message>
        <source>login</source>
        <translation>登录名</translation>
    </message>
    <message>
        <source>Read the password of --user from the first line of standard input (scripts, tests). Without it, the BRANCHLINE_PASSWORD environment variable is used when set.</source>
        <translation>从标准输入的第一行读取 --user 的密码（用于脚本、测试）。未指定此项时，若设置了环境变量 BRANCHLINE_PASSWORD，则使用该变量。</translation>
    </message>
    <message>
        <source>--server needs an address that starts with https:// or http://.</source>
        <translation>--server 需要以 https:// 或 http:// 开头的地址。</translation>
    </message>
    <message>
        <source>--password-stdin needs --user: whose password is it?</source>
        <translation>--password-stdin 需要同时指定 --user：这是哪个用户的密码？</translation>
    </message>
    <message>
        <source>Sign in, finish the first sync, print what the local store holds and quit: exit status 0 when all of that worked (installation checks). Gives up after two minutes unless --quit-after says otherwise.</source>
        <translation>登录、完成首次同步、输出本地库中的内容后退出：全部成功时退出码为 0（用于安装检查）。除非 --quit-after 另有指定，两分钟后放弃。</translation>
    </message>
</context>
<context>
    <name>ConflictResolution</name>
    <message>
        <source>The resolution could not be saved on this computer. Nothing was changed.</source>
        <translation>无法在本机保存处理结果，未做任何修改。</translation>
    </message>
    <message>
        <source>Enter a whole number.</source>
        <translation>请输入整数。</translation>
    </message>
    <message>
        <source>This field may not be empty.</source>
        <translation>此字段不能为空。</translation>
    </message>
</context>
<context>
    <name>ConflictText</name>
    <message>
        <source>Replaced by your edit on another computer</source>
        <translation>已被您在另一台电脑上的修改替换</translation>
    </message>
    <message>
        <source>Replaced by a newer edit</source>
        <translation>已被较新的修改替换</translation>
    </message>
    <message>
        <source>Replaced by %1&apos;s newer edit</source>
        <translation>已被%1较新的修改替换</translation>
    </message>
    <message>
        <source>Sensitive field changed meanwhile</source>
        <translation>敏感字段已在此期间变更</translation>
    </message>
    <message>
        <source>Edited and deleted at once</source>
        <translation>同时被修改和删除</translation>
    </message>
    <message>
        <source>Refused by the server</source>
        <translation>被服务器拒绝</translation>
    </message>
    <message>
        <source>No longer yours to edit</source>
        <translation>已无权修改</translation>
    </message>
    <message>
        <source>Someone else</source>
        <translation>其他人</translation>
    </message>
    <message>
        <source>You changed the same field on another computer too, and that newer value stands. The older value is kept here: keep it to apply it again, leave the newer one, or write a merged value.</source>
        <translation>您在另一台电脑上也修改了同一字段，以那次较新的值为准。较早的值保存在这里：可以重新应用它、保留较新的值，或填写合并后的值。</translation>
    </message>
    <message>
        <source>%1 changed the same field after your edit was made, and the newer value stands. Your value is kept here: keep yours to apply it again, keep theirs to leave it, or write a merged value.</source>
        <translation>%1 在您之后修改了同一字段，以较新的值为准。您的值保存在这里：可以保留您的值重新应用、保留对方的值，或填写合并后的值。</translation>
    </message>
    <message>
        <source>This field changes only through an approval or a checked command, and it had changed since you made your edit, so your edit was not applied. Look at the current value, then ask again if it is still needed.</source>
        <translation>该字段只能通过审批或校验过的操作修改，且在您修改之后已有变更，因此您的修改未被应用。请查看当前值，如仍需要请重新申请。</translation>
    </message>
    <message>
        <source>The record was edited on one side and deleted on the other. Keep yours to apply your side again, or keep theirs to accept the other.</source>
        <translation>该记录一方被修改、另一方被删除。保留您的值可重新应用您这一方，保留对方的值则接受另一方。</translation>
    </message>
    <message>
        <source>The server refused this edit: %1</source>
        <translation>服务器拒绝了此修改：%1</translation>
    </message>
    <message>
        <source>The record was reassigned or left your branch while your edit waited to be sent, so it could not be sent. Your value is kept here; pass it on to the record&apos;s new owner if it still matters.</source>
        <translation>在您的修改等待上传期间，该记录已转给他人或离开了您的网点，因此无法上传。您的值保存在这里；如仍有必要，请转告记录的新负责人。</translation>
    </message>
    <message>
        <source>Kept yours</source>
        <translation>已保留您的值</translation>
    </message>
    <message>
        <source>Kept theirs</source>
        <translation>已保留对方的值</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>已合并</translation>
    </message>
    <message>
        <source>%1, waiting to be sent</source>
        <translation>%1，等待上传</translation>
    </message>
    <message>
        <source>%1 %2 (not on this computer)</source>
        <translation>%1 %2（不在本机）</translation>
    </message>
    <message>
        <source>the record, or the customer it belongs to, is not in your book any more (reassigned, moved to another branch or deleted), or the owner or branch chosen is outside yours. Nothing was changed on the server; your edit is kept here. Ask your manager if it should be yours.</source>
        <translation>该记录或其所属客户已不在您的名下（已转交、调至其他网点或已删除），或所选负责人、网点不在您的权限范围内。服务器上未作任何改动；您的修改保留在本机。如该记录应归您负责，请联系主管。</translation>
    </message>
    <message>
        <source>calls, visits and notes cannot be changed or deleted once saved. Log a new entry instead.</source>
        <translation>电话、拜访和备注一经保存便不能修改或删除。请另记一条。</translation>
    </message>
    <message>
        <source>your role may not change this here. Fields such as fee rates, credit limits and risk level change through an approval.</source>
        <translation>您的角色无权在此修改该内容。费率、授信额度和风险等级等字段须通过审批变更。</translation>
    </message>
    <message>
        <source>the owner chosen cannot take this record: the account is disabled, their role cannot own it, or their branch is outside yours.</source>
        <translation>所选负责人无法接手该记录：账号已停用、其角色不能负责此类记录，或其网点不在您的权限范围内。</translation>
    </message>
    <message>
        <source>a field is longer than allowed. Shorten it and save again.</source>
        <translation>有字段超出长度上限。请缩短后重新保存。</translation>
    </message>
    <message>
        <source>some fields need correcting. Open the record, correct them and save again.</source>
        <translation>有字段需要更正。请打开该记录，更正后重新保存。</translation>
    </message>
    <message>
        <source>no reason was given. Nothing was changed on the server.</source>
        <translation>服务器未说明原因。服务器上未作任何改动。</translation>
    </message>
</context>
<context>
    <name>ContactJson</name>
    <message>
        <source>There is no contact %1 that you may see.</source>
        <translation>没有您有权查看的联系人 %1。</translation>
    </message>
    <message>
        <source>Contacts are deleted by the people who look after the customer.</source>
        <translation>联系人由负责该客户的人员删除。</translation>
    </message>
</context>
<context>
    <name>CustomerJson</name>
    <message>
        <source>There is no customer %1 that you may see.</source>
        <translation>没有您有权查看的客户 %1。</translation>
    </message>
    <message>
        <source>Risk officers review customers; they do not delete them.</source>
        <translation>风控合规专员负责审查客户，不能删除客户。</translation>
    </message>
</context>
<context>
    <name>CustomerScopedKind</name>
    <message>
        <source>There is no record %1 that you may see.</source>
        <translation>不存在您有权查看的记录 %1。</translation>
    </message>
</context>
<context>
    <name>DashboardDefinition</name>
    <message>
        <source>Key figure</source>
        <translation>关键指标</translation>
    </message>
    <message>
        <source>Bar chart</source>
        <translation>柱状图</translation>
    </message>
    <message>
        <source>Stacked bar chart</source>
        <translation>堆叠柱状图</translation>
    </message>
    <message>
        <source>Line chart</source>
        <translation>折线图</translation>
    </message>
    <message>
        <source>Area chart</source>
        <translation>面积图</translation>
    </message>
    <message>
        <source>Pie chart</source>
        <translation>饼图</translation>
    </message>
    <message>
        <source>Donut chart</source>
        <translation>环形图</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>表格</translation>
    </message>
    <message>
        <source>Pivot table</source>
        <translation>透视表</translation>
    </message>
    <message>
        <source>This dashboard was saved by a newer Branchline.</source>
        <translation>此仪表盘由更新版本的 Branchline 保存。</translation>
    </message>
    <message>
        <source>The dashboard&apos;s sharing is not understood.</source>
        <translation>无法识别此仪表盘的共享设置。</translation>
    </message>
    <message>
        <source>A dashboard holds at most %1 widgets.</source>
        <translation>一个仪表盘最多包含 %1 个组件。</translation>
    </message>
    <message>
        <source>The dashboard is larger than %1 KiB.</source>
        <translation>仪表盘超过 %1 KiB。</translation>
    </message>
    <message>
        <source>The dashboard&apos;s definition is damaged.</source>
        <translation>仪表盘定义已损坏。</translation>
    </message>
    <message>
        <source>Give the dashboard a name.</source>
        <translation>请为仪表盘命名。</translation>
    </message>
    <message>
        <source>A dashboard&apos;s name is at most %1 characters.</source>
        <translation>仪表盘名称最多 %1 个字符。</translation>
    </message>
    <message>
        <source>The dashboard is shared with an unknown role.</source>
        <translation>仪表盘共享给了未知角色。</translation>
    </message>
    <message>
        <source>Every widget needs its own id.</source>
        <translation>每个组件都需要唯一的标识。</translation>
    </message>
    <message>
        <source>A widget&apos;s title is at most %1 characters.</source>
        <translation>组件标题最多 %1 个字符。</translation>
    </message>
    <message>
        <source>“%1” does not fit on the grid.</source>
        <translation>“%1”超出了网格范围。</translation>
    </message>
    <message>
        <source>“%1” overlaps another widget.</source>
        <translation>“%1”与其他组件重叠。</translation>
    </message>
    <message>
        <source>The key figure “%1” cannot have a dimension.</source>
        <translation>关键指标“%1”不能有维度。</translation>
    </message>
    <message>
        <source>A widget is not understood.</source>
        <translation>无法识别某个组件。</translation>
    </message>
</context>
<context>
    <name>DashboardFields</name>
    <message>
        <source>A dashboard&apos;s name must be text.</source>
        <translation>仪表盘名称必须是文本。</translation>
    </message>
    <message>
        <source>The dashboard&apos;s layout is not readable (not a JSON object).</source>
        <translation>无法读取仪表盘布局（不是 JSON 对象）。</translation>
    </message>
    <message>
        <source>A dashboard&apos;s share list must be a list of texts.</source>
        <translation>仪表盘的共享列表必须是文本列表。</translation>
    </message>
</context>
<context>
    <name>DashboardRepository</name>
    <message>
        <source>The dashboard&apos;s layout cannot be read.</source>
        <translation>无法读取仪表盘布局。</translation>
    </message>
    <message>
        <source>A built-in dashboard cannot be changed; save a copy of it instead.</source>
        <translation>内置仪表盘不能修改，请另存一份副本。</translation>
    </message>
    <message>
        <source>This dashboard is shared with you read-only; only its owner can change it. Save a copy to make it yours.</source>
        <translation>此仪表盘以只读方式共享给您，只有其所有者可以修改。另存一份副本即可归您所有。</translation>
    </message>
    <message>
        <source>This dashboard is shared with you read-only; only its owner can delete it.</source>
        <translation>此仪表盘以只读方式共享给您，只有其所有者可以删除。</translation>
    </message>
</context>
<context>
    <name>DashboardRules</name>
    <message>
        <source>The dashboard&apos;s layout is too large to save (%1 KiB; at most %2 KiB).</source>
        <translation>仪表盘布局过大，无法保存（%1 KiB，最多 %2 KiB）。</translation>
    </message>
    <message>
        <source>The dashboard&apos;s layout has no list of widgets.</source>
        <translation>仪表盘布局中没有组件列表。</translation>
    </message>
    <message>
        <source>A dashboard holds at most %1 widgets.</source>
        <translation>一个仪表盘最多包含 %1 个组件。</translation>
    </message>
    <message>
        <source>A widget of the dashboard&apos;s layout has no type.</source>
        <translation>仪表盘布局中有组件缺少类型。</translation>
    </message>
    <message>
        <source>The dashboard&apos;s layout is not readable (not a JSON object).</source>
        <translation>无法读取仪表盘布局（不是 JSON 对象）。</translation>
    </message>
    <message>
        <source>A dashboard needs a name.</source>
        <translation>仪表盘需要名称。</translation>
    </message>
    <message>
        <source>A dashboard&apos;s name has at most %1 characters.</source>
        <translation>仪表盘名称最多 %1 个字符。</translation>
    </message>
    <message>
        <source>A dashboard is shared with at most %1 roles and %1 branches.</source>
        <translation>一个仪表盘最多共享给 %1 个角色和 %1 个网点。</translation>
    </message>
    <message>
        <source>“%1” is not a role.</source>
        <translation>“%1”不是角色。</translation>
    </message>
    <message>
        <source>A branch manager shares dashboards with branches; only an administrator shares them with roles.</source>
        <translation>网点负责人只能将仪表盘共享给网点；只有管理员可以共享给角色。</translation>
    </message>
    <message>
        <source>You can share a dashboard only with your branch and the branches below it.</source>
        <translation>只能将仪表盘共享给您所在的网点及其下级网点。</translation>
    </message>
    <message>
        <source>Only an administrator or a branch manager may share a dashboard.</source>
        <translation>只有管理员或网点负责人可以共享仪表盘。</translation>
    </message>
</context>
<context>
    <name>DashboardSyncTable</name>
    <message>
        <source>This dashboard is shared with you read-only; only its owner can change it.</source>
        <translation>此仪表盘以只读方式共享给您，只有其所有者可以修改。</translation>
    </message>
</context>
<context>
    <name>DashboardWriter</name>
    <message>
        <source>A new dashboard needs its layout.</source>
        <translation>新仪表盘需要布局。</translation>
    </message>
</context>
<context>
    <name>DataSetCatalog</name>
    <message>
        <source>Count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Total %1</source>
        <translation>%1合计</translation>
    </message>
    <message>
        <source>Average %1</source>
        <translation>%1平均值</translation>
    </message>
    <message>
        <source>Lowest %1</source>
        <translation>%1最小值</translation>
    </message>
    <message>
        <source>Highest %1</source>
        <translation>%1最大值</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Reps</source>
        <translation>客户经理数</translation>
    </message>
    <message>
        <source>Settlement accounts</source>
        <translation>结算账户数</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>线索</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Converted</source>
        <translation>已转化</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Related to</source>
        <translation>关联对象</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Records concerned</source>
        <translation>涉及记录数</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>跟进记录</translation>
    </message>
    <message>
        <source>Attachment size (bytes)</source>
        <translation>附件大小（字节）</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation>审批</translation>
    </message>
    <message>
        <source>Requested by</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>Approval flow</source>
        <translation>审批流程</translation>
    </message>
    <message>
        <source>Date requested</source>
        <translation>申请日期</translation>
    </message>
    <message>
        <source>Hours to decision</source>
        <translation>审批用时（小时）</translation>
    </message>
    <message>
        <source>Rounds</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Merchant volumes</source>
        <translation>商户交易量</translation>
    </message>
    <message>
        <source>Merchant</source>
        <translation>商户</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>交易额</translation>
    </message>
    <message>
        <source>Transactions</source>
        <translation>交易笔数</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>退款金额</translation>
    </message>
    <message>
        <source>Chargebacks</source>
        <translation>拒付笔数</translation>
    </message>
    <message>
        <source>Merchants</source>
        <translation>商户</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>The %1 database driver is not installed.</source>
        <translation>未安装 %1 数据库驱动。</translation>
    </message>
    <message>
        <source>The folder %1 cannot be created.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
    <message>
        <source>The database %1 cannot be opened: %2</source>
        <translation>无法打开数据库 %1：%2</translation>
    </message>
</context>
<context>
    <name>DatabaseUrl</name>
    <message>
        <source>The database URL is empty.</source>
        <translation>数据库 URL 为空。</translation>
    </message>
    <message>
        <source>The PostgreSQL URL is not valid: %1</source>
        <translation>PostgreSQL URL 无效：%1</translation>
    </message>
    <message>
        <source>The PostgreSQL URL names no database: add it after the host, as in postgresql://user@host/branchline.</source>
        <translation>PostgreSQL URL 中未指定数据库：请在主机名之后加上数据库名，例如 postgresql://user@host/branchline。</translation>
    </message>
    <message>
        <source>Unknown database &quot;%1&quot;: use a file path, sqlite://&lt;path&gt; or postgresql://user@host/database.</source>
        <translation>未知数据库“%1”：请使用文件路径、sqlite://&lt;path&gt; 或 postgresql://user@host/database。</translation>
    </message>
    <message>
        <source>The SQLite URL names no file.</source>
        <translation>SQLite URL 中未指定文件。</translation>
    </message>
</context>
<context>
    <name>DemoSeeder</name>
    <message>
        <source>Demo organisation created: %1 users in %2 branches, %3 customers. Every demo user&apos;s password is the one given; sign in as admin, risk, zj.manager or zj.rep1.</source>
        <translation>演示机构已创建：%2 个网点中共 %1 名用户，%3 个客户。所有演示用户的密码均为所提供的密码；可用 admin、risk、zj.manager 或 zj.rep1 登录。</translation>
    </message>
</context>
<context>
    <name>DesignerCommands</name>
    <message>
        <source>Add widget</source>
        <translation>添加组件</translation>
    </message>
    <message>
        <source>Remove widget</source>
        <translation>删除组件</translation>
    </message>
    <message>
        <source>Move or resize widget</source>
        <translation>移动或调整组件大小</translation>
    </message>
    <message>
        <source>Rename dashboard</source>
        <translation>重命名仪表盘</translation>
    </message>
</context>
<context>
    <name>DueBuckets</name>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Tomorrow</source>
        <translation>明天</translation>
    </message>
    <message>
        <source>Later this week</source>
        <translation>本周稍后</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>以后</translation>
    </message>
    <message>
        <source>No due date</source>
        <translation>无截止日期</translation>
    </message>
    <message>
        <source>Completed today</source>
        <translation>今天已完成</translation>
    </message>
</context>
<context>
    <name>DueText</name>
    <message>
        <source>Tomorrow %1</source>
        <translation>明天 %1</translation>
    </message>
    <message>
        <source>Yesterday %1</source>
        <translation>昨天 %1</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>weekday and time</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>date and time</comment>
        <translation>%1 %2</translation>
    </message>
</context>
<context>
    <name>FieldLabels</name>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>线索</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>终端</translation>
    </message>
    <message>
        <source>Monthly volume</source>
        <translation>月交易额</translation>
    </message>
    <message>
        <source>KYC checklist item</source>
        <translation>尽调清单项</translation>
    </message>
    <message>
        <source>Legal name</source>
        <translation>法定名称</translation>
    </message>
    <message>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Resident ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>MCC</source>
        <translation>商户类别码（MCC）</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>网点</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Risk level</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <source>KYC status</source>
        <translation>KYC 状态</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Primary contact</source>
        <translation>主要联系人</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Product interest</source>
        <translation>意向产品</translation>
    </message>
    <message>
        <source>Converted to customer</source>
        <translation>已转为客户</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>提醒</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>完成时间</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>正文</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>尽调项</translation>
    </message>
    <message>
        <source>Changed by</source>
        <translation>修改人</translation>
    </message>
    <message>
        <source>Settlement account</source>
        <translation>结算账户</translation>
    </message>
    <message>
        <source>Debit card fee rate</source>
        <translation>借记卡费率</translation>
    </message>
    <message>
        <source>Credit card fee rate</source>
        <translation>贷记卡费率</translation>
    </message>
    <message>
        <source>QR code fee rate</source>
        <translation>扫码费率</translation>
    </message>
    <message>
        <source>Credit limit</source>
        <translation>授信额度</translation>
    </message>
    <message>
        <source>Customer kind</source>
        <translation>客户类型</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Whole record</source>
        <translation>整条记录</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message numerus="yes">
        <source>%n field(s) changed</source>
        <translation>
            <numerusform>%n 个字段有修改</numerusform>
        </translation>
    </message>
    <message>
        <source>(hidden)</source>
        <translation>（已隐藏）</translation>
    </message>
    <message>
        <source>Related record kind</source>
        <translation>关联记录类型</translation>
    </message>
    <message>
        <source>Related record</source>
        <translation>关联记录</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Attachment size</source>
        <translation>附件大小</translation>
    </message>
    <message>
        <source>Attachment checksum</source>
        <translation>附件校验值</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>序列号</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>安装日期</translation>
    </message>
    <message>
        <source>Last active</source>
        <translation>最近交易日</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>交易额</translation>
    </message>
    <message>
        <source>Transactions</source>
        <translation>交易笔数</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>退款金额</translation>
    </message>
    <message>
        <source>Chargebacks</source>
        <translation>拒付笔数</translation>
    </message>
</context>
<context>
    <name>FlowCondition</name>
    <message>
        <source>%1: a condition is a JSON object.</source>
        <translation>%1：条件必须是 JSON 对象。</translation>
    </message>
    <message>
        <source>%1: conditions are nested too deeply.</source>
        <translation>%1：条件嵌套层级过深。</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; takes a non-empty list of conditions and nothing else.</source>
        <translation>%1：“%2”只接受一个非空的条件列表，不能包含其他内容。</translation>
    </message>
    <message>
        <source>%1: &quot;not&quot; takes one condition and nothing else.</source>
        <translation>%1：“not”只接受一个条件，不能包含其他内容。</translation>
    </message>
    <message>
        <source>%1: a comparison has &quot;fact&quot; (record.&lt;field&gt;, proposed.&lt;field&gt; or delta.&lt;field&gt;), &quot;op&quot; and &quot;value&quot;.</source>
        <translation>%1：比较条件须包含“fact”（record.&lt;field&gt;、proposed.&lt;field&gt; 或 delta.&lt;field&gt;）、“op”和“value”。</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a comparison (eq, ne, gt, gte, lt, lte, in, not_in).</source>
        <translation>%1：“%2”不是比较运算符（eq、ne、gt、gte、lt、lte、in、not_in）。</translation>
    </message>
    <message>
        <source>%1: the value does not suit &quot;%2&quot; (a list for in and not_in, a number for gt, gte, lt and lte).</source>
        <translation>%1：该值不适用于“%2”（in 和 not_in 需要列表，gt、gte、lt 和 lte 需要数字）。</translation>
    </message>
</context>
<context>
    <name>FlowDefinition</name>
    <message>
        <source>%1: &quot;%2&quot; is not a role.</source>
        <translation>%1：“%2”不是有效的角色。</translation>
    </message>
    <message>
        <source>%1: &quot;from&quot; is own, parent, region, head_office or anywhere.</source>
        <translation>%1：“from”只能是 own、parent、region、head_office 或 anywhere。</translation>
    </message>
    <message>
        <source>%1: &quot;users&quot; lists user ids.</source>
        <translation>%1：“users”应列出用户 ID。</translation>
    </message>
    <message>
        <source>%1: &quot;field&quot; names a field of the record.</source>
        <translation>%1：“field”应为记录中的字段名。</translation>
    </message>
    <message>
        <source>%1: an approver rule is role, manager, users or record_field.</source>
        <translation>%1：审批人规则只能是 role、manager、users 或 record_field。</translation>
    </message>
    <message>
        <source>%1: &quot;escalate&quot; is {&quot;to&quot;: &quot;parent_role&quot;, &quot;role&quot;: ...} or {&quot;to&quot;: &quot;user&quot;, &quot;user&quot;: ...}.</source>
        <translation>%1：“escalate”的格式应为 {&quot;to&quot;: &quot;parent_role&quot;, &quot;role&quot;: ...} 或 {&quot;to&quot;: &quot;user&quot;, &quot;user&quot;: ...}。</translation>
    </message>
    <message>
        <source>A flow code is lower-case letters, digits and underscores.</source>
        <translation>流程代码只能由小写字母、数字和下划线组成。</translation>
    </message>
    <message>
        <source>The flow needs a name in English and in Chinese ({&quot;en&quot;: ..., &quot;zh_CN&quot;: ...}).</source>
        <translation>流程需要英文和中文名称（{&quot;en&quot;: ..., &quot;zh_CN&quot;: ...}）。</translation>
    </message>
    <message>
        <source>Flows are about customers for now (&quot;record&quot;: &quot;customers&quot;).</source>
        <translation>目前流程仅适用于客户（&quot;record&quot;: &quot;customers&quot;）。</translation>
    </message>
    <message>
        <source>&quot;effect&quot; is one of activate_merchant, set_fee_rates, set_credit_limit, raise_credit_limit, terminate_merchant, kyc_exception.</source>
        <translation>“effect”必须是以下之一：activate_merchant、set_fee_rates、set_credit_limit、raise_credit_limit、terminate_merchant、kyc_exception。</translation>
    </message>
    <message>
        <source>A flow has from 1 to %1 steps.</source>
        <translation>流程须包含 1 至 %1 个步骤。</translation>
    </message>
    <message>
        <source>Step &quot;%1&quot;</source>
        <translation>步骤“%1”</translation>
    </message>
    <message>
        <source>Every step has its own key: lower-case letters, digits and underscores (&quot;%1&quot;).</source>
        <translation>每个步骤都须有唯一的键，由小写字母、数字和下划线组成（“%1”）。</translation>
    </message>
    <message>
        <source>%1: the step needs a name in English and in Chinese.</source>
        <translation>%1：步骤需要英文和中文名称。</translation>
    </message>
    <message>
        <source>%1: &quot;mode&quot; is any (or-sign) or all (countersign).</source>
        <translation>%1：“mode”只能是 any（或签）或 all（会签）。</translation>
    </message>
    <message>
        <source>%1: the step needs at least one approver rule.</source>
        <translation>%1：步骤至少需要一条审批人规则。</translation>
    </message>
    <message>
        <source>%1: &quot;due_hours&quot; is a whole number from 0 to %2.</source>
        <translation>%1：“due_hours”必须是 0 至 %2 之间的整数。</translation>
    </message>
    <message>
        <source>%1: a step that escalates needs a due time.</source>
        <translation>%1：设置了超时升级的步骤需要截止时间。</translation>
    </message>
</context>
<context>
    <name>HttpRequest</name>
    <message>
        <source>The request body is not valid JSON: %1 at byte %2.</source>
        <translation>请求体不是有效的 JSON：%1（位于第 %2 字节）。</translation>
    </message>
    <message>
        <source>The request body must be a JSON object.</source>
        <translation>请求体必须是 JSON 对象。</translation>
    </message>
</context>
<context>
    <name>HttpServer</name>
    <message>
        <source>The request body is larger than the %1 bytes this server accepts.</source>
        <translation>请求体超过了此服务器可接受的上限（%1 字节）。</translation>
    </message>
    <message>
        <source>The request headers are too large.</source>
        <translation>请求头过大。</translation>
    </message>
    <message>
        <source>The request is not valid HTTP/1.1.</source>
        <translation>该请求不是有效的 HTTP/1.1 请求。</translation>
    </message>
    <message>
        <source>The TLS certificate or key cannot be used: %1</source>
        <translation>无法使用该 TLS 证书或私钥：%1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IP address.</source>
        <translation>“%1”不是 IP 地址。</translation>
    </message>
    <message>
        <source>Cannot listen on %1 port %2: %3</source>
        <translation>无法在 %1 的 %2 端口上监听：%3</translation>
    </message>
    <message>
        <source>The server is stopping.</source>
        <translation>服务器正在停止。</translation>
    </message>
    <message>
        <source>Sign in first: the request has no valid access token, or it has expired.</source>
        <translation>请先登录：请求中没有有效的访问令牌，或访问令牌已过期。</translation>
    </message>
    <message>
        <source>max_connections is %1, but this process may open only %2 files (RLIMIT_NOFILE), %3 of them kept for the server itself: at most %4 connections. Raise the limit (LimitNOFILE= in the systemd unit, ulimit -n) to allow more.</source>
        <translation>max_connections 为 %1，但此进程最多只能打开 %2 个文件（RLIMIT_NOFILE），其中 %3 个留给服务器自身使用：最多只能有 %4 个连接。如需更多连接，请提高该限制（systemd 单元中的 LimitNOFILE=，或 ulimit -n）。</translation>
    </message>
    <message>
        <source>This server reads request bodies sent whole or with Transfer-Encoding: chunked, nothing else.</source>
        <translation>本服务器只接受整体发送或使用 Transfer-Encoding: chunked 发送的请求体，不支持其他方式。</translation>
    </message>
</context>
<context>
    <name>IdentifierCheck</name>
    <message>
        <source>The unified social credit code is empty; enter the 18 characters printed on the business licence.</source>
        <translation>统一社会信用代码为空；请输入营业执照上印有的 18 位代码。</translation>
    </message>
    <message numerus="yes">
        <source>The unified social credit code has %n character(s) but needs 18; check for missing or extra characters.</source>
        <translation>
            <numerusform>统一社会信用代码当前为 %n 位，应为 18 位；请检查是否有漏输或多输的字符。</numerusform>
        </translation>
    </message>
    <message>
        <source>The unified social credit code cannot contain &quot;%1&quot;; it uses only digits and capital letters other than I, O, S, V and Z.</source>
        <translation>统一社会信用代码不能包含“%1”；代码仅由数字和除 I、O、S、V、Z 以外的大写字母组成。</translation>
    </message>
    <message>
        <source>The last character of the unified social credit code should be %1; check the code for typing errors.</source>
        <translation>统一社会信用代码的最后一位应为 %1；请检查代码是否输错。</translation>
    </message>
    <message>
        <source>Characters 9 to 17 of the unified social credit code are not a valid organisation code (character 17 should be %1); check the code for typing errors.</source>
        <translation>统一社会信用代码的第 9 至 17 位不是有效的组织机构代码（第 17 位应为 %1）；请检查代码是否输错。</translation>
    </message>
    <message>
        <source>Characters 3 to 8 of the unified social credit code are the registering authority&apos;s region code and must be digits, not &quot;%1&quot;; check the code for typing errors.</source>
        <translation>统一社会信用代码的第 3 至 8 位是登记管理机关行政区划码，只能是数字，不能是“%1”；请检查代码是否输错。</translation>
    </message>
    <message>
        <source>A unified social credit code cannot start with &quot;%1&quot;; the first character names the registering authority (1 to 9, A, N or Y). Check the code for typing errors.</source>
        <translation>统一社会信用代码不能以“%1”开头；首位是登记管理部门代码（1 至 9、A、N 或 Y）。请检查代码是否输错。</translation>
    </message>
    <message>
        <source>The unified social credit code is not valid; check it for typing errors.</source>
        <translation>统一社会信用代码无效；请检查是否输错。</translation>
    </message>
    <message>
        <source>The resident ID number is empty; enter the 18 characters printed on the ID card.</source>
        <translation>身份证号为空；请输入身份证上印有的 18 位号码。</translation>
    </message>
    <message>
        <source>This is an old 15-digit ID number; only the 18-digit number is accepted. Ask the customer for the number on their current ID card.</source>
        <translation>这是 15 位的旧身份证号码，系统只接受 18 位号码。请向客户索取其现用身份证上的号码。</translation>
    </message>
    <message numerus="yes">
        <source>The resident ID number has %n character(s) but needs 18; check for missing or extra digits.</source>
        <translation>
            <numerusform>身份证号当前为 %n 位，应为 18 位；请检查是否有漏输或多输的数字。</numerusform>
        </translation>
    </message>
    <message>
        <source>The last character of the resident ID number should be %1; check the number for typing errors.</source>
        <translation>身份证号的最后一位应为 %1；请检查号码是否输错。</translation>
    </message>
    <message>
        <source>A resident ID number cannot start with %1, which is not a province code; check the first digits for typing errors.</source>
        <translation>身份证号不能以 %1 开头（这不是有效的省级行政区划代码）；请检查前几位数字是否输错。</translation>
    </message>
    <message>
        <source>Digits 7 to 14 of the resident ID number (%1) are not a possible date of birth; check them for typing errors.</source>
        <translation>身份证号的第 7 至 14 位（%1）不是有效的出生日期；请检查这几位是否输错。</translation>
    </message>
    <message>
        <source>The resident ID number is not valid; check it for typing errors.</source>
        <translation>身份证号无效；请检查是否输错。</translation>
    </message>
    <message>
        <source>The mobile number is empty; enter an 11-digit mainland China mobile number.</source>
        <translation>手机号为空；请输入 11 位中国大陆手机号。</translation>
    </message>
    <message numerus="yes">
        <source>The mobile number has %n digit(s) but a mainland China mobile number has 11; check for missing or extra digits.</source>
        <translation>
            <numerusform>手机号当前为 %n 位，而中国大陆手机号应为 11 位；请检查是否有漏输或多输的数字。</numerusform>
        </translation>
    </message>
    <message>
        <source>The mobile number cannot contain &quot;%1&quot;; use digits, optionally with +86, spaces or dashes.</source>
        <translation>手机号不能包含“%1”；请输入数字，可带 +86、空格或短横线。</translation>
    </message>
    <message>
        <source>Only mainland China mobile numbers (+86) can be entered here; keep a number from another country in the notes.</source>
        <translation>此处只能填写中国大陆手机号（+86）；其他国家或地区的号码请记在备注中。</translation>
    </message>
    <message>
        <source>A mainland China mobile number starts with 13 to 19, after an optional +86, not with &quot;%1&quot;; check the number for typing errors.</source>
        <translation>中国大陆手机号（可带 +86 前缀）以 13 至 19 开头，不能以“%1”开头；请检查号码是否输错。</translation>
    </message>
    <message>
        <source>The mobile number is not valid; check it for typing errors.</source>
        <translation>手机号无效；请检查是否输错。</translation>
    </message>
    <message>
        <source>The resident ID number cannot contain &quot;%1&quot;: it is 17 digits followed by a digit or X.</source>
        <translation>身份证号中不能包含“%1”：身份证号由 17 位数字加 1 位数字或 X 组成。</translation>
    </message>
</context>
<context>
    <name>Integrations</name>
    <message>
        <source>Unknown scope &quot;%1&quot;: use transactions and/or leads.</source>
        <translation>未知的权限范围“%1”：请使用 transactions 和/或 leads。</translation>
    </message>
    <message>
        <source>An integration needs a name and at least one scope.</source>
        <translation>集成需要名称和至少一个权限范围。</translation>
    </message>
    <message>
        <source>The integration could not be added: %1</source>
        <translation>无法添加该集成：%1</translation>
    </message>
    <message>
        <source>This integration may not deliver transaction data.</source>
        <translation>该集成无权提交交易数据。</translation>
    </message>
    <message>
        <source>The body needs an &quot;aggregates&quot; array.</source>
        <translation>请求体需要一个“aggregates”数组。</translation>
    </message>
    <message>
        <source>At most %1 aggregates per request; split the batch.</source>
        <translation>每个请求最多 %1 条汇总数据；请拆分批次。</translation>
    </message>
    <message>
        <source>No customer_id, and credit_code is not valid: %1</source>
        <translation>没有 customer_id，且 credit_code 无效：%1</translation>
    </message>
    <message>
        <source>No merchant matches this row.</source>
        <translation>没有与此行匹配的商户。</translation>
    </message>
    <message>
        <source>&quot;day&quot; must be a date (yyyy-MM-dd) and not in the future.</source>
        <translation>“day”必须是日期（yyyy-MM-dd），且不能是将来的日期。</translation>
    </message>
    <message>
        <source>Amounts and counts must be whole numbers of 0 or more (amounts in fen); volume_fen and tx_count are required.</source>
        <translation>金额和笔数必须是大于等于 0 的整数（金额以分计）；volume_fen 和 tx_count 为必填项。</translation>
    </message>
    <message>
        <source>This integration may not deliver leads.</source>
        <translation>该集成无权提交线索。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a lead field, or its value is not text.</source>
        <translation>“%1”不是线索字段，或其值不是文本。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a lead source.</source>
        <translation>“%1”不是有效的线索来源。</translation>
    </message>
</context>
<context>
    <name>KeyRing</name>
    <message>
        <source>Cannot create the key folder %1.</source>
        <translation>无法创建密钥目录 %1。</translation>
    </message>
    <message>
        <source>The key folder %1 may be read by other users; allow only the service user (chmod 700).</source>
        <translation>密钥目录 %1 可被其他用户读取；请只允许服务用户访问（chmod 700）。</translation>
    </message>
    <message>
        <source>The key file %1 may be read by other users; allow only the service user (chmod 600).</source>
        <translation>密钥文件 %1 可被其他用户读取；请只允许服务用户访问（chmod 600）。</translation>
    </message>
    <message>
        <source>Cannot read the key file %1: %2</source>
        <translation>无法读取密钥文件 %1：%2</translation>
    </message>
    <message>
        <source>The key file %1 is damaged: a key is exactly %2 bytes.</source>
        <translation>密钥文件 %1 已损坏：密钥长度应恰好为 %2 字节。</translation>
    </message>
    <message>
        <source>Cannot write the key file %1: %2</source>
        <translation>无法写入密钥文件 %1：%2</translation>
    </message>
</context>
<context>
    <name>KycItemJson</name>
    <message>
        <source>Checklist items are not deleted; a risk officer rejects one instead.</source>
        <translation>尽调清单项不能删除；如有问题，由风控合规专员驳回。</translation>
    </message>
    <message>
        <source>The customer and the item of a checklist entry never change.</source>
        <translation>尽调清单条目的客户和尽调项不能更改。</translation>
    </message>
    <message>
        <source>This checklist entry&apos;s id does not match its customer and item.</source>
        <translation>此尽调清单条目的 ID 与其客户和尽调项不符。</translation>
    </message>
</context>
<context>
    <name>KycRules</name>
    <message>
        <source>Business licence</source>
        <translation>营业执照</translation>
    </message>
    <message>
        <source>Resident ID card</source>
        <translation>居民身份证</translation>
    </message>
    <message>
        <source>Legal representative&apos;s ID</source>
        <translation>法定代表人身份证件</translation>
    </message>
    <message>
        <source>Settlement account proof</source>
        <translation>结算账户证明</translation>
    </message>
    <message>
        <source>Site visit</source>
        <translation>实地走访</translation>
    </message>
    <message>
        <source>Beneficial owner</source>
        <translation>受益所有人</translation>
    </message>
    <message>
        <source>Sanctions and PEP screening</source>
        <translation>制裁名单及政治公众人物（PEP）筛查</translation>
    </message>
    <message>
        <source>A KYC item does not go back to missing.</source>
        <translation>尽调项不能退回“未提交”状态。</translation>
    </message>
    <message>
        <source>Only a risk officer verifies or rejects a KYC item.</source>
        <translation>只有风控合规专员才能核验或驳回尽调项。</translation>
    </message>
    <message>
        <source>This item is already verified; only a risk officer can change it.</source>
        <translation>此项已核验；只有风控合规专员才能更改。</translation>
    </message>
    <message>
        <source>Risk officers verify or reject; the customer&apos;s rep submits.</source>
        <translation>风控合规专员负责核验或驳回；由客户的客户经理提交。</translation>
    </message>
    <message>
        <source>Your role may not change the KYC checklist.</source>
        <translation>您的角色无权修改尽调清单。</translation>
    </message>
</context>
<context>
    <name>LeadConversion</name>
    <message>
        <source>Your role may not convert leads into customers.</source>
        <translation>您的角色不能将线索转为客户。</translation>
    </message>
    <message>
        <source>This lead was converted into a customer already.</source>
        <translation>该线索已转为客户。</translation>
    </message>
</context>
<context>
    <name>LeadJson</name>
    <message>
        <source>There is no lead %1 that you may see.</source>
        <translation>没有您有权查看的线索 %1。</translation>
    </message>
    <message>
        <source>Only the sales staff who work leads delete them.</source>
        <translation>只有跟进线索的销售人员才能删除线索。</translation>
    </message>
    <message>
        <source>A converted lead keeps the customer it was converted into.</source>
        <translation>已转化的线索始终关联其转化后的客户。</translation>
    </message>
</context>
<context>
    <name>LeadRepository</name>
    <message>
        <source>This lead was converted into a customer; it stays converted.</source>
        <translation>该线索已转为客户，状态保持为已转化。</translation>
    </message>
    <message>
        <source>To mark a lead as converted, convert it into a customer.</source>
        <translation>要将线索标为已转化，请将其转为客户。</translation>
    </message>
    <message>
        <source>Say why the lead was lost.</source>
        <translation>请说明线索流失的原因。</translation>
    </message>
    <message>
        <source>Lost on %1: %2</source>
        <translation>%1 流失：%2</translation>
    </message>
</context>
<context>
    <name>LocalJournal</name>
    <message>
        <source>The server no longer lets you see this record, so it refused your edit. Your edit is kept here; ask your manager if the record should be yours.</source>
        <translation>您已无权查看此记录，因此服务器拒绝了您的修改。您的修改保存在这里；如果此记录应由您负责，请联系您的上级。</translation>
    </message>
    <message>
        <source>The server refused this edit. It is kept here; correct it and save it again, or ask your manager.</source>
        <translation>服务器拒绝了此修改。修改保存在这里；请更正后重新保存，或联系您的上级。</translation>
    </message>
</context>
<context>
    <name>MccCatalog</name>
    <message>
        <source>Commuter transport</source>
        <translation>城市通勤客运</translation>
    </message>
    <message>
        <source>Taxis and ride hailing</source>
        <translation>出租车及网约车</translation>
    </message>
    <message>
        <source>Freight and trucking</source>
        <translation>公路货运</translation>
    </message>
    <message>
        <source>Courier services</source>
        <translation>快递服务</translation>
    </message>
    <message>
        <source>Travel agencies</source>
        <translation>旅行社</translation>
    </message>
    <message>
        <source>Telecom equipment</source>
        <translation>通信设备</translation>
    </message>
    <message>
        <source>Utilities</source>
        <translation>公用事业</translation>
    </message>
    <message>
        <source>Computers and software</source>
        <translation>计算机及软件</translation>
    </message>
    <message>
        <source>Stationery and office supplies</source>
        <translation>文具及办公用品</translation>
    </message>
    <message>
        <source>Uniforms and workwear</source>
        <translation>制服及工作服</translation>
    </message>
    <message>
        <source>Home supply warehouses</source>
        <translation>家居建材仓储店</translation>
    </message>
    <message>
        <source>Hardware stores</source>
        <translation>五金店</translation>
    </message>
    <message>
        <source>Department stores</source>
        <translation>百货商店</translation>
    </message>
    <message>
        <source>Variety stores</source>
        <translation>小商品店</translation>
    </message>
    <message>
        <source>General merchandise</source>
        <translation>综合商品零售</translation>
    </message>
    <message>
        <source>Grocery stores and supermarkets</source>
        <translation>超市及食杂店</translation>
    </message>
    <message>
        <source>Confectionery stores</source>
        <translation>糖果零食店</translation>
    </message>
    <message>
        <source>Bakeries</source>
        <translation>烘焙店</translation>
    </message>
    <message>
        <source>Specialty food stores</source>
        <translation>食品专卖店</translation>
    </message>
    <message>
        <source>Service stations</source>
        <translation>加油站</translation>
    </message>
    <message>
        <source>Women&apos;s clothing</source>
        <translation>女装</translation>
    </message>
    <message>
        <source>Family clothing</source>
        <translation>家庭服装</translation>
    </message>
    <message>
        <source>Shoe stores</source>
        <translation>鞋店</translation>
    </message>
    <message>
        <source>Furniture</source>
        <translation>家具</translation>
    </message>
    <message>
        <source>Household appliances</source>
        <translation>家用电器</translation>
    </message>
    <message>
        <source>Electronics stores</source>
        <translation>电子产品商店</translation>
    </message>
    <message>
        <source>Restaurants</source>
        <translation>餐厅</translation>
    </message>
    <message>
        <source>Bars and tea houses</source>
        <translation>酒吧及茶馆</translation>
    </message>
    <message>
        <source>Fast food</source>
        <translation>快餐</translation>
    </message>
    <message>
        <source>Pharmacies</source>
        <translation>药店</translation>
    </message>
    <message>
        <source>Sporting goods</source>
        <translation>体育用品</translation>
    </message>
    <message>
        <source>Book stores</source>
        <translation>书店</translation>
    </message>
    <message>
        <source>Jewellery and watches</source>
        <translation>珠宝及钟表</translation>
    </message>
    <message>
        <source>Toys and games</source>
        <translation>玩具及游戏</translation>
    </message>
    <message>
        <source>Cosmetics</source>
        <translation>化妆品</translation>
    </message>
    <message>
        <source>Florists</source>
        <translation>花店</translation>
    </message>
    <message>
        <source>Pet shops</source>
        <translation>宠物店</translation>
    </message>
    <message>
        <source>Hotels</source>
        <translation>酒店</translation>
    </message>
    <message>
        <source>Beauty and barber shops</source>
        <translation>美容美发</translation>
    </message>
    <message>
        <source>Health and beauty spas</source>
        <translation>水疗及美容养生</translation>
    </message>
    <message>
        <source>Car repair</source>
        <translation>汽车维修</translation>
    </message>
    <message>
        <source>Car washes</source>
        <translation>洗车</translation>
    </message>
    <message>
        <source>Cinemas</source>
        <translation>电影院</translation>
    </message>
    <message>
        <source>Clubs and gyms</source>
        <translation>俱乐部及健身房</translation>
    </message>
    <message>
        <source>Doctors and clinics</source>
        <translation>诊所</translation>
    </message>
    <message>
        <source>Dentists</source>
        <translation>牙科诊所</translation>
    </message>
    <message>
        <source>Hospitals</source>
        <translation>医院</translation>
    </message>
    <message>
        <source>Schools</source>
        <translation>学校</translation>
    </message>
    <message>
        <source>Education and training</source>
        <translation>教育培训</translation>
    </message>
    <message>
        <source>Child care</source>
        <translation>托育服务</translation>
    </message>
</context>
<context>
    <name>MerchantEnums</name>
    <message>
        <source>POS terminal</source>
        <translation>POS 终端</translation>
    </message>
    <message>
        <source>Smart POS</source>
        <translation>智能 POS</translation>
    </message>
    <message>
        <source>QR code stand</source>
        <translation>二维码台牌</translation>
    </message>
    <message>
        <source>Soft POS (phone)</source>
        <translation>软 POS（手机）</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>在用</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Faulty</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>Retrieved</source>
        <translation>已回收</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>未提交</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>已核验</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
</context>
<context>
    <name>MerchantVolumeJson</name>
    <message>
        <source>Monthly volumes are summed from the transaction system&apos;s figures; they are not changed here.</source>
        <translation>月交易额由交易系统的数据汇总而来，不能在此修改。</translation>
    </message>
</context>
<context>
    <name>Migrator</name>
    <message>
        <source>The local store could not be backed up before its upgrade (is the disk full?). It was not changed; free some space and try again.</source>
        <translation>升级前未能备份本地数据库（磁盘是否已满？）。本地数据库未作任何改动；请释放部分磁盘空间后重试。</translation>
    </message>
</context>
<context>
    <name>PasswordPolicy</name>
    <message numerus="yes">
        <source>Use at least %n characters.</source>
        <translation>
            <numerusform>密码至少需要 %n 个字符。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Mix at least three of: lower case, upper case, digits and other characters, or use a passphrase of %n characters or more.</source>
        <translation>
            <numerusform>请至少混合使用以下四类字符中的三类：小写字母、大写字母、数字、其他字符；或使用不少于 %n 个字符的口令。</numerusform>
        </translation>
    </message>
    <message>
        <source>The password must not contain the login name.</source>
        <translation>密码中不得包含登录名。</translation>
    </message>
    <message>
        <source>This password is on the list of the most common passwords.</source>
        <translation>此密码位于最常用密码列表中。</translation>
    </message>
</context>
<context>
    <name>PiiLookups</name>
    <message>
        <source>Your role may not search by a full &quot;%1&quot;: a match would show personal data you may not see unmasked. Search by name instead.</source>
        <translation>您的角色无权按完整的“%1”搜索：搜索结果会显示您无权查看明文的个人信息。请改为按名称搜索。</translation>
    </message>
    <message numerus="yes">
        <source>You have searched by a full identifier %n times in the last hour, the most allowed. Search by name, or try again later.</source>
        <translation>
            <numerusform>您在过去一小时内已按完整的证件号码或手机号搜索 %n 次，已达上限。请按名称搜索，或稍后重试。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PiiRekey</name>
    <message>
        <source>No key folder is open.</source>
        <translation>未打开任何密钥目录。</translation>
    </message>
    <message>
        <source>Data key %1 made in %2; instances sharing the folder encrypt with it within %3 seconds.</source>
        <translation>已在 %2 中生成数据密钥 %1；共用该目录的实例将在 %3 秒内改用它加密。</translation>
    </message>
    <message>
        <source>The key folder has no data key %1.</source>
        <translation>密钥目录中没有数据密钥 %1。</translation>
    </message>
    <message>
        <source>Pass %1: %2 values moved to data key %3; looking again for values written meanwhile under an older key.</source>
        <translation>第 %1 轮：已将 %2 个值改用数据密钥 %3 加密；正在再次查找期间以旧密钥写入的值。</translation>
    </message>
    <message>
        <source>Waiting until every instance encrypts with data key %1, then looking once more.</source>
        <translation>正在等待所有实例改用数据密钥 %1 加密，之后再查找一次。</translation>
    </message>
    <message>
        <source>No personal data is left under a data key older than %1 (%2 values re-encrypted in %3 passes).</source>
        <translation>已没有以早于 %1 的数据密钥加密的个人信息（共 %3 轮，重新加密了 %2 个值）。</translation>
    </message>
</context>
<context>
    <name>PiiUpgrade</name>
    <message>
        <source>No key folder is open, so personal data can be neither stored nor read.</source>
        <translation>未打开任何密钥目录，因此既无法存储也无法读取个人信息。</translation>
    </message>
    <message>
        <source>The database holds encrypted personal data, but the key folder %1 has no data key. Restore the folder from its backup (its data-N.key and index-N.key files), or set key_dir (--key-dir) to where it is.</source>
        <translation>数据库中有加密的个人信息，但密钥目录 %1 中没有数据密钥。请从备份恢复该目录（其中的 data-N.key 和 index-N.key 文件），或将 key_dir（--key-dir）设为其所在位置。</translation>
    </message>
    <message>
        <source>The database&apos;s personal data is encrypted under data key %1, which is not in the key folder %2. Restore data-%1.key from the folder&apos;s backup, or set key_dir (--key-dir) to the folder that has it.</source>
        <translation>数据库中的个人信息以数据密钥 %1 加密，但该密钥不在密钥目录 %2 中。请从该目录的备份中恢复 data-%1.key，或将 key_dir（--key-dir）设为包含该文件的目录。</translation>
    </message>
    <message>
        <source>The keys in the key folder %1 are not the ones this database&apos;s personal data was encrypted with (data key %2 does not open the database&apos;s key check). Set key_dir (--key-dir) to this database&apos;s key folder.</source>
        <translation>密钥目录 %1 中的密钥不是加密此数据库个人信息时所用的密钥（数据密钥 %2 未能通过数据库的密钥校验）。请将 key_dir（--key-dir）设为此数据库对应的密钥目录。</translation>
    </message>
    <message>
        <source>The database&apos;s personal data is indexed, but the key folder %1 has no index key. Restore index-1.key from the folder&apos;s backup.</source>
        <translation>数据库中的个人信息已建立索引，但密钥目录 %1 中没有索引密钥。请从该目录的备份中恢复 index-1.key。</translation>
    </message>
    <message>
        <source>The index key in the key folder %1 is not the one this database&apos;s lookups were made with. Restore the folder&apos;s index key from its backup.</source>
        <translation>密钥目录 %1 中的索引密钥不是建立此数据库查询索引时所用的密钥。请从备份恢复该目录的索引密钥。</translation>
    </message>
</context>
<context>
    <name>PiiVault</name>
    <message>
        <source>The key folder %1 holds no data key, so personal data cannot be stored.</source>
        <translation>密钥目录 %1 中没有数据密钥，因此无法存储个人信息。</translation>
    </message>
    <message>
        <source>%1.%2 of record %3</source>
        <translation>记录 %3 的 %1.%2</translation>
    </message>
    <message>
        <source>The personal data in %1 is not encrypted: it was written around the server.</source>
        <translation>%1 中的个人信息未加密：它是绕过服务器写入的。</translation>
    </message>
    <message>
        <source>The personal data in %1 is encrypted under data key %2, which is not in the key folder %3. Restore data-%2.key from the key folder&apos;s backup.</source>
        <translation>%1 中的个人信息以数据密钥 %2 加密，但该密钥不在密钥目录 %3 中。请从密钥目录的备份中恢复 data-%2.key。</translation>
    </message>
    <message>
        <source>The personal data in %1 does not decrypt with data key %2 of the key folder %3: the value was changed or copied from elsewhere, or data-%2.key is not the key it was encrypted with.</source>
        <translation>%1 中的个人信息无法用密钥目录 %3 中的数据密钥 %2 解密：该值被修改过或是从别处复制而来，或者 data-%2.key 并非加密它时所用的密钥。</translation>
    </message>
    <message>
        <source>The key folder %1 holds no index key, so personal data cannot be indexed.</source>
        <translation>密钥目录 %1 中没有索引密钥，因此无法为个人信息建立索引。</translation>
    </message>
    <message>
        <source>The key folder %1 is gone; the keys read before stay in use.</source>
        <translation>密钥目录 %1 已不存在；继续使用此前读取的密钥。</translation>
    </message>
    <message>
        <source>The key folder cannot be read again (%1); the keys read before stay in use.</source>
        <translation>无法重新读取密钥目录（%1）；继续使用此前读取的密钥。</translation>
    </message>
    <message>
        <source>The %1 key %2 is missing from the key folder %3; the keys read before stay in use.</source>
        <translation>密钥目录 %3 中缺少 %1 密钥 %2；继续使用此前读取的密钥。</translation>
    </message>
</context>
<context>
    <name>QueryCompiler</name>
    <message>
        <source>The data set “%1” does not exist.</source>
        <translation>数据集“%1”不存在。</translation>
    </message>
    <message>
        <source>Add a dimension or a measure to see figures.</source>
        <translation>请添加维度或指标以查看数据。</translation>
    </message>
    <message>
        <source>The field “%1” is not available to you here.</source>
        <translation>您在此处无法使用字段“%1”。</translation>
    </message>
    <message>
        <source>The query sorts by a column it does not have.</source>
        <translation>查询按一个不存在的列排序。</translation>
    </message>
    <message>
        <source>Pick a date range to compare with the previous period.</source>
        <translation>请选择日期范围，以便与上一期间比较。</translation>
    </message>
    <message>
        <source>Add a measure to compare with the previous period.</source>
        <translation>请添加指标，以便与上一期间比较。</translation>
    </message>
    <message>
        <source>The clicked figure does not belong to this widget.</source>
        <translation>点击的数据不属于此组件。</translation>
    </message>
    <message>
        <source>A date filter needs dates written as yyyy-MM-dd.</source>
        <translation>日期筛选的日期须写成 yyyy-MM-dd。</translation>
    </message>
    <message>
        <source>This filter does not apply to a date.</source>
        <translation>此筛选不适用于日期。</translation>
    </message>
    <message>
        <source>A ratio divides two simple measures.</source>
        <translation>比率只能由两个简单指标相除。</translation>
    </message>
    <message>
        <source>The measure “%1” is not available to you here.</source>
        <translation>您在此处无法使用指标“%1”。</translation>
    </message>
    <message>
        <source>“%1” cannot be aggregated that way.</source>
        <translation>“%1”不能这样汇总。</translation>
    </message>
    <message>
        <source>Only a date can be grouped by day, week, month or quarter.</source>
        <translation>只有日期可以按日、周、月或季度分组。</translation>
    </message>
    <message>
        <source>Monthly figures cannot be grouped by day or week.</source>
        <translation>月度数据不能按日或周分组。</translation>
    </message>
    <message>
        <source>Only a date can be filtered by a period.</source>
        <translation>只有日期可以按期间筛选。</translation>
    </message>
    <message>
        <source>Only a person can be filtered by who is signed in.</source>
        <translation>只有人员字段可以按当前登录用户筛选。</translation>
    </message>
    <message>
        <source>A filter is not understood.</source>
        <translation>无法识别某个筛选条件。</translation>
    </message>
</context>
<context>
    <name>QuerySpec</name>
    <message>
        <source>The date range is not a valid range of days.</source>
        <translation>日期范围无效。</translation>
    </message>
    <message>
        <source>The query names no data set.</source>
        <translation>查询未指定数据集。</translation>
    </message>
    <message>
        <source>The query has more dimensions, measures or filters than a widget can show.</source>
        <translation>查询的维度、指标或筛选超出组件能显示的数量。</translation>
    </message>
    <message>
        <source>A dimension is not understood.</source>
        <translation>无法识别某个维度。</translation>
    </message>
    <message>
        <source>The query sorts by a column it does not have.</source>
        <translation>查询按一个不存在的列排序。</translation>
    </message>
    <message>
        <source>The number of rows to keep must be between 1 and %1.</source>
        <translation>保留的行数须在 1 到 %1 之间。</translation>
    </message>
    <message>
        <source>A ratio divides two simple measures.</source>
        <translation>比率只能由两个简单指标相除。</translation>
    </message>
    <message>
        <source>A measure names an unknown field.</source>
        <translation>某个指标引用了未知字段。</translation>
    </message>
    <message>
        <source>A measure has an unknown aggregate.</source>
        <translation>某个指标的汇总方式未知。</translation>
    </message>
    <message>
        <source>A measure&apos;s field or title is too long.</source>
        <translation>某个指标的字段或标题过长。</translation>
    </message>
    <message>
        <source>A filter is not understood.</source>
        <translation>无法识别某个筛选条件。</translation>
    </message>
    <message>
        <source>A filter lists more than %1 values.</source>
        <translation>某个筛选条件列出了超过 %1 个值。</translation>
    </message>
    <message>
        <source>A filter value is neither text nor a number.</source>
        <translation>某个筛选值既不是文本也不是数字。</translation>
    </message>
    <message>
        <source>A filter names an unknown period.</source>
        <translation>某个筛选条件引用了未知期间。</translation>
    </message>
    <message>
        <source>A filter has no value to compare with.</source>
        <translation>某个筛选条件没有可比较的值。</translation>
    </message>
    <message>
        <source>As recorded</source>
        <translation>按记录</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Distinct count</source>
        <translation>去重计数</translation>
    </message>
    <message>
        <source>Sum</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>平均值</translation>
    </message>
    <message>
        <source>Minimum</source>
        <translation>最小值</translation>
    </message>
    <message>
        <source>Maximum</source>
        <translation>最大值</translation>
    </message>
    <message>
        <source>Ratio</source>
        <translation>比率</translation>
    </message>
    <message>
        <source>Custom dates</source>
        <translation>自定义日期</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>近 7 天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>近 30 天</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>近 90 天</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>Previous month</source>
        <translation>上月</translation>
    </message>
    <message>
        <source>This quarter</source>
        <translation>本季度</translation>
    </message>
    <message>
        <source>Previous quarter</source>
        <translation>上季度</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>今年</translation>
    </message>
    <message>
        <source>Previous year</source>
        <translation>去年</translation>
    </message>
</context>
<context>
    <name>RecordEnums</name>
    <message>
        <source>Merchant</source>
        <translation>商户</translation>
    </message>
    <message>
        <source>Individual borrower</source>
        <translation>个人借款人</translation>
    </message>
    <message>
        <source>Corporate borrower</source>
        <translation>企业借款人</translation>
    </message>
    <message>
        <source>Prospect</source>
        <translation>潜在客户</translation>
    </message>
    <message>
        <source>Onboarding</source>
        <translation>入网中</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Terminated</source>
        <translation>已终止</translation>
    </message>
    <message>
        <source>Low risk</source>
        <translation>低风险</translation>
    </message>
    <message>
        <source>Medium risk</source>
        <translation>中风险</translation>
    </message>
    <message>
        <source>High risk</source>
        <translation>高风险</translation>
    </message>
    <message>
        <source>Prohibited</source>
        <translation>禁止准入</translation>
    </message>
    <message>
        <source>KYC not started</source>
        <translation>尽调未开始</translation>
    </message>
    <message>
        <source>KYC in progress</source>
        <translation>尽调中</translation>
    </message>
    <message>
        <source>KYC verified</source>
        <translation>尽调已通过</translation>
    </message>
    <message>
        <source>KYC expired</source>
        <translation>尽调已过期</translation>
    </message>
    <message>
        <source>KYC rejected</source>
        <translation>尽调未通过</translation>
    </message>
    <message>
        <source>Web form</source>
        <translation>网页表单</translation>
    </message>
    <message>
        <source>Referral</source>
        <translation>转介绍</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>合作渠道</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>活动会议</translation>
    </message>
    <message>
        <source>Call centre</source>
        <translation>呼叫中心</translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation>到店</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新线索</translation>
    </message>
    <message>
        <source>Contacted</source>
        <translation>已联系</translation>
    </message>
    <message>
        <source>Qualified</source>
        <translation>已确认意向</translation>
    </message>
    <message>
        <source>Converted</source>
        <translation>已转化</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>已流失</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>普通</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>紧急</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>待办</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>拜访</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮件</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文档</translation>
    </message>
</context>
<context>
    <name>RecordForms</name>
    <message>
        <source>Identity</source>
        <translation>身份信息</translation>
    </message>
    <message>
        <source>Compliance</source>
        <translation>合规</translation>
    </message>
    <message>
        <source>Not rated</source>
        <translation>未评级</translation>
    </message>
    <message>
        <source>Assignment</source>
        <translation>归属</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>未分配</translation>
    </message>
    <message>
        <source>No branch</source>
        <translation>无所属网点</translation>
    </message>
    <message>
        <source>Tags and notes</source>
        <translation>标签和备注</translation>
    </message>
</context>
<context>
    <name>RecordService</name>
    <message>
        <source>The record has fields to correct.</source>
        <translation>该记录有需要更正的字段。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; changes only through an approval or by the role responsible for it.</source>
        <translation>“%1”只能通过审批或由负责该字段的角色修改。</translation>
    </message>
    <message>
        <source>Your role may not change &quot;%1&quot;.</source>
        <translation>您的角色无权修改“%1”。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not personal data that can be revealed.</source>
        <translation>“%1”不是可以显示明文的个人信息。</translation>
    </message>
    <message>
        <source>Your role may not see &quot;%1&quot; unmasked.</source>
        <translation>您的角色无权查看“%1”的明文。</translation>
    </message>
    <message>
        <source>Say why you need to see this personal data; the reason is recorded.</source>
        <translation>请说明查看该个人信息的原因；原因将被记录。</translation>
    </message>
    <message>
        <source>limit must be a whole number from 1 to 200.</source>
        <translation>limit 必须是 1 到 200 之间的整数。</translation>
    </message>
    <message>
        <source>You may not create it for that owner or branch.</source>
        <translation>您无权为该负责人或网点创建此记录。</translation>
    </message>
    <message>
        <source>You may not move it outside your scope.</source>
        <translation>您无权将其移出您的权限范围。</translation>
    </message>
    <message>
        <source>sort is name or -updated_at.</source>
        <translation>sort 只能是 name 或 -updated_at。</translation>
    </message>
    <message>
        <source>The server could not store or read the data. Nothing was changed; try again later, and tell your administrator if it persists.</source>
        <translation>服务器无法存储或读取数据。未作任何改动；请稍后重试，如问题持续存在，请告知系统管理员。</translation>
    </message>
</context>
<context>
    <name>RecordValidator</name>
    <message numerus="yes">
        <source>This text is too long: at most %n characters.</source>
        <translation>
            <numerusform>内容过长：最多 %n 个字符。</numerusform>
        </translation>
    </message>
    <message>
        <source>This is not an email address; it should look like name@example.com.</source>
        <translation>这不是有效的邮箱地址；格式应类似 name@example.com。</translation>
    </message>
    <message>
        <source>Enter the customer&apos;s legal name.</source>
        <translation>请输入客户的法定名称。</translation>
    </message>
    <message>
        <source>Enter the resident ID number: it is required from onboarding on.</source>
        <translation>请输入身份证号：客户自“入网中”阶段起，此项为必填。</translation>
    </message>
    <message>
        <source>An individual borrower has no unified social credit code; clear this field or change the kind of customer.</source>
        <translation>个人借款人没有统一社会信用代码；请清空此字段，或更改客户类型。</translation>
    </message>
    <message>
        <source>Enter the unified social credit code: it is required from onboarding on.</source>
        <translation>请输入统一社会信用代码：客户自“入网中”阶段起，此项为必填。</translation>
    </message>
    <message>
        <source>A merchant category code (MCC) has exactly 4 digits.</source>
        <translation>商户类别码（MCC）必须为 4 位数字。</translation>
    </message>
    <message>
        <source>A contact must belong to a customer.</source>
        <translation>联系人必须隶属于某个客户。</translation>
    </message>
    <message>
        <source>Enter the contact&apos;s name.</source>
        <translation>请输入联系人姓名。</translation>
    </message>
    <message>
        <source>Enter the lead&apos;s name.</source>
        <translation>请输入线索的姓名。</translation>
    </message>
    <message>
        <source>The score is a number from 0 to 100.</source>
        <translation>评分应为 0 至 100 之间的数字。</translation>
    </message>
    <message>
        <source>Enter what has to be done.</source>
        <translation>请输入需要完成的事项。</translation>
    </message>
    <message>
        <source>The reminder must come before the task is due.</source>
        <translation>提醒时间必须早于任务的截止时间。</translation>
    </message>
    <message>
        <source>Choose the record this task is about.</source>
        <translation>请选择此任务关联的记录。</translation>
    </message>
    <message>
        <source>An activity must belong to a customer, contact or lead.</source>
        <translation>活动必须关联到客户、联系人或线索。</translation>
    </message>
    <message>
        <source>Write what happened: a subject or a few words.</source>
        <translation>请填写活动情况：一个主题或几句简要说明。</translation>
    </message>
    <message>
        <source>Choose the document.</source>
        <translation>请选择文档。</translation>
    </message>
    <message>
        <source>Enter a mobile number or an email address, so the lead can be reached.</source>
        <translation>请填写手机号或邮箱，以便联系该线索。</translation>
    </message>
    <message>
        <source>To mark a lead as converted, convert it into a customer.</source>
        <translation>要将线索标记为已转化，请将其转化为客户。</translation>
    </message>
    <message>
        <source>It must belong to a customer.</source>
        <translation>必须隶属于某个客户。</translation>
    </message>
    <message>
        <source>Enter the terminal&apos;s serial number.</source>
        <translation>请输入终端序列号。</translation>
    </message>
    <message>
        <source>This text is too long.</source>
        <translation>内容过长。</translation>
    </message>
    <message>
        <source>A terminal cannot be used before it was installed.</source>
        <translation>终端的最近交易日期不能早于安装日期。</translation>
    </message>
    <message>
        <source>A month is written yyyy-MM.</source>
        <translation>月份的格式为 yyyy-MM。</translation>
    </message>
    <message>
        <source>Amounts and counts are never negative.</source>
        <translation>金额和笔数不能为负数。</translation>
    </message>
    <message>
        <source>Say why the item is rejected, so the rep knows what to bring.</source>
        <translation>请说明驳回原因，以便客户经理知道需要补交什么。</translation>
    </message>
    <message>
        <source>This lead was converted into a customer; it stays converted.</source>
        <translation>该线索已转为客户，状态保持为已转化。</translation>
    </message>
</context>
<context>
    <name>ResultLabels</name>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>Week of %1</source>
        <translation>%1 当周</translation>
    </message>
    <message>
        <source>%1 Q%2</source>
        <translation>%1 年第 %2 季度</translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <source>Sales rep</source>
        <translation>客户经理</translation>
    </message>
    <message>
        <source>Branch manager</source>
        <translation>网点负责人</translation>
    </message>
    <message>
        <source>Risk and compliance officer</source>
        <translation>风控合规专员</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>系统管理员</translation>
    </message>
</context>
<context>
    <name>Router</name>
    <message>
        <source>The server could not complete the request. It has been logged; try again later.</source>
        <translation>服务器无法完成该请求。此错误已记录；请稍后重试。</translation>
    </message>
    <message>
        <source>%1 is not allowed here; use %2.</source>
        <translation>此处不允许使用 %1；请使用 %2。</translation>
    </message>
    <message>
        <source>There is nothing at %1.</source>
        <translation>%1 处没有任何资源。</translation>
    </message>
    <message>
        <source>Personal data stored on the server cannot be decrypted with the server&apos;s keys. An administrator must restore the key folder; the server log names the record and the key.</source>
        <translation>服务器上存储的个人信息无法用服务器的密钥解密。需由系统管理员恢复密钥目录；服务器日志中记有相关的记录和密钥。</translation>
    </message>
</context>
<context>
    <name>SchemaJson</name>
    <message>
        <source>&quot;%1&quot; is not a field of the records in &quot;%2&quot; that can be set.</source>
        <translation>“%1”不是“%2”中可设置的字段。</translation>
    </message>
    <message>
        <source>The field &quot;%1&quot; has a value of the wrong type.</source>
        <translation>字段“%1”的值类型不正确。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid value for &quot;%2&quot;.</source>
        <translation>“%1”不是“%2”的有效取值。</translation>
    </message>
</context>
<context>
    <name>ServeCommand</name>
    <message>
        <source>Branchline server on %1://%2:%3, data in %4. Stop with Ctrl+C.</source>
        <translation>Branchline 服务器正在 %1://%2:%3 上运行，数据位于 %4。按 Ctrl+C 停止。</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <source>Configuration read from %1.</source>
        <translation>已读取配置：%1。</translation>
    </message>
</context>
<context>
    <name>ServerCli</name>
    <message>
        <source>Branchline server administration.</source>
        <translation>Branchline 服务器管理工具。</translation>
    </message>
    <message>
        <source>Show this help and exit.</source>
        <translation>显示此帮助并退出。</translation>
    </message>
    <message>
        <source>Show the version and exit.</source>
        <translation>显示版本号并退出。</translation>
    </message>
    <message>
        <source>url</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>The user&apos;s login name.</source>
        <translation>用户的登录名。</translation>
    </message>
    <message>
        <source>login</source>
        <translation>登录名</translation>
    </message>
    <message>
        <source>Display name of a user or branch.</source>
        <translation>用户或网点的显示名称。</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>sales_rep, branch_manager, risk_officer or admin.</source>
        <translation>sales_rep、branch_manager、risk_officer 或 admin。</translation>
    </message>
    <message>
        <source>role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>The user&apos;s branch id.</source>
        <translation>用户所属网点的 ID。</translation>
    </message>
    <message>
        <source>id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>The parent branch id.</source>
        <translation>上级网点的 ID。</translation>
    </message>
    <message>
        <source>head_office, region or branch.</source>
        <translation>head_office、region 或 branch。</translation>
    </message>
    <message>
        <source>level</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>The branch&apos;s city.</source>
        <translation>网点所在城市。</translation>
    </message>
    <message>
        <source>city</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>address:port</source>
        <translation>地址:端口</translation>
    </message>
    <message>
        <source>count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>serve: PEM certificate chain; HTTPS only when given.</source>
        <translation>serve：PEM 证书链；仅在指定时启用 HTTPS。</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>serve: PEM private key of the certificate.</source>
        <translation>serve：证书对应的 PEM 私钥。</translation>
    </message>
    <message>
        <source>Database %1 is ready (schema %2).</source>
        <translation>数据库 %1 已就绪（架构版本 %2）。</translation>
    </message>
    <message>
        <source>Unknown role &quot;%1&quot;: use sales_rep, branch_manager, risk_officer or admin.</source>
        <translation>未知角色“%1”：请使用 sales_rep、branch_manager、risk_officer 或 admin。</translation>
    </message>
    <message>
        <source>User %1 added.</source>
        <translation>已添加用户 %1。</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>active</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>User %1 disabled; their sessions have ended.</source>
        <translation>已停用用户 %1；其所有会话均已结束。</translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;. Run branchline-server --help to see the commands.</source>
        <translation>未知命令“%1”。运行 branchline-server --help 查看可用命令。</translation>
    </message>
    <message>
        <source>seed-demo: how many customers to create.</source>
        <translation>seed-demo：要创建的客户数量。</translation>
    </message>
    <message>
        <source>seed-demo: the random seed, for the same data again.</source>
        <translation>seed-demo：随机种子，用于重新生成相同的数据。</translation>
    </message>
    <message>
        <source>number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>--customers and --seed take whole numbers.</source>
        <translation>--customers 和 --seed 的值必须是整数。</translation>
    </message>
    <message>
        <source>This database already has users; seed-demo only fills an empty one. Use a new --database.</source>
        <translation>该数据库已有用户；seed-demo 只填充空数据库。请使用新的 --database。</translation>
    </message>
    <message>
        <source>The demo password does not meet the password policy:</source>
        <translation>演示密码不符合密码策略：</translation>
    </message>
    <message>
        <source>integration add: transactions and/or leads, comma-separated.</source>
        <translation>integration add：transactions 和/或 leads，以逗号分隔。</translation>
    </message>
    <message>
        <source>list</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>Integration %1 added. Its API key, shown this once only (the server keeps only a hash):</source>
        <translation>已添加集成 %1。其 API 密钥仅显示这一次（服务器只保存其哈希值）：</translation>
    </message>
    <message>
        <source>seed-demo: how many timeline entries to create (default: two per customer).</source>
        <translation>seed-demo：要创建的时间线条目数量（默认每个客户两条）。</translation>
    </message>
    <message>
        <source>The config file (default: $BRANCHLINE_SERVER_CONF, else /etc/branchline/server.conf when it exists). Options given here win over it.</source>
        <translation>配置文件（默认：$BRANCHLINE_SERVER_CONF，否则为存在时的 /etc/branchline/server.conf）。此处给出的选项优先于配置文件。</translation>
    </message>
    <message>
        <source>Where the data lives: a file path, sqlite://&lt;path&gt; or postgresql://user@host/database (default: ./branchline-data/branchline.db).</source>
        <translation>数据存放位置：文件路径、sqlite://&lt;path&gt; 或 postgresql://用户@主机/数据库（默认：./branchline-data/branchline.db）。</translation>
    </message>
    <message>
        <source>serve: address and port to listen on (default: 127.0.0.1:8080).</source>
        <translation>serve：监听的地址和端口（默认：127.0.0.1:8080）。</translation>
    </message>
    <message>
        <source>serve: how many requests run side by side (default: 4).</source>
        <translation>serve：同时处理的请求数（默认：4）。</translation>
    </message>
    <message>
        <source>serve (the default) | init | seed-demo | branch add | user add | user list | user disable | integration add | integration revoke | integration list | verify-audit | audit anchor | audit rotate-key | keys rotate | keys reencrypt</source>
        <translation>serve（默认）| init | seed-demo | branch add | user add | user list | user disable | integration add | integration revoke | integration list | verify-audit | audit anchor | audit rotate-key | keys rotate | keys reencrypt</translation>
    </message>
    <message>
        <source>The folder of the keys kept out of the database (default: &quot;keys&quot; beside the SQLite file).</source>
        <translation>存放数据库之外的密钥的目录（默认：SQLite 文件旁的“keys”目录）。</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>目录</translation>
    </message>
    <message>
        <source>verify-audit: also check that the trail still holds the entry of this line from audit anchor (or the log).</source>
        <translation>verify-audit：同时检查审计日志中是否仍有 audit anchor（或日志）的这一行所记载的条目。</translation>
    </message>
    <message>
        <source>line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Data key %1 is the only one in use. Keep the older key files as long as backups made before now are kept: they need them.</source>
        <translation>现在只有数据密钥 %1 在使用中。只要此前的备份仍在保留，就请保留旧的密钥文件：这些备份需要它们。</translation>
    </message>
    <message>
        <source>There is no active integration named &quot;%1&quot;.</source>
        <translation>没有名为“%1”的有效集成。</translation>
    </message>
    <message>
        <source>Integration %1 revoked: its API key no longer works.</source>
        <translation>已吊销集成 %1：其 API 密钥已失效。</translation>
    </message>
    <message>
        <source>revoked %1</source>
        <translation>已吊销 %1</translation>
    </message>
</context>
<context>
    <name>ServerConfig</name>
    <message>
        <source>takes a whole number from %1 to %2</source>
        <translation>须为 %1 到 %2 之间的整数</translation>
    </message>
    <message>
        <source>is not a valid URL (postgresql://user:password@host:port/database or a file path)</source>
        <translation>不是有效的 URL（postgresql://用户:密码@主机:端口/数据库 或文件路径）</translation>
    </message>
    <message>
        <source>takes address:port, for example 0.0.0.0:8443 or [::]:8443</source>
        <translation>须为“地址:端口”，例如 0.0.0.0:8443 或 [::]:8443</translation>
    </message>
    <message>
        <source>takes one of %1</source>
        <translation>须为以下之一：%1</translation>
    </message>
    <message>
        <source>%1: cannot read %2: %3</source>
        <translation>%1：无法读取 %2：%3</translation>
    </message>
    <message>
        <source>Cannot read the config file %1: %2</source>
        <translation>无法读取配置文件 %1：%2</translation>
    </message>
    <message>
        <source>%1:%2: expected a line of the form key = value</source>
        <translation>%1:%2：此行应为“键 = 值”的形式</translation>
    </message>
    <message>
        <source>%1:%2: unknown key &quot;%3&quot;; the keys are: %4</source>
        <translation>%1:%2：未知的键“%3”；可用的键：%4</translation>
    </message>
    <message>
        <source>%1:%2: %3 is set twice (first on line %4)</source>
        <translation>%1:%2：%3 重复设置（首次在第 %4 行）</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1: a TLS certificate and its key come together; set both tls_cert and tls_key (or --tls-cert and --tls-key), or neither</source>
        <translation>%1：TLS 证书与私钥须同时提供；请同时设置 tls_cert 和 tls_key（或 --tls-cert 和 --tls-key），或都不设置</translation>
    </message>
</context>
<context>
    <name>ServerMigrator</name>
    <message>
        <source>The database was written by a newer Branchline server (schema %1; this server knows up to %2). It was not changed; upgrade the server.</source>
        <translation>此数据库由较新版本的 Branchline 服务器写入（架构版本 %1；本服务器最高支持架构版本 %2）。数据库未作任何改动；请升级服务器。</translation>
    </message>
    <message>
        <source>The server&apos;s migration %1 is missing (%2).</source>
        <translation>服务器缺少迁移 %1（%2）。</translation>
    </message>
    <message>
        <source>Migration %1 failed: %2</source>
        <translation>迁移 %1 失败：%2</translation>
    </message>
    <message>
        <source>The database could not be backed up before its upgrade (is the disk full?). It was not changed.</source>
        <translation>升级前未能备份数据库（磁盘是否已满？）。数据库未作任何改动。</translation>
    </message>
    <message>
        <source>The server&apos;s migration %1 cannot be read: %2</source>
        <translation>服务器的迁移脚本 %1 无法读取：%2</translation>
    </message>
</context>
<context>
    <name>StatusBarNotifier</name>
    <message>
        <source>Reminder: %1</source>
        <translation>提醒：%1</translation>
    </message>
    <message>
        <source>Reminder: %1 — %2</source>
        <translation>提醒：%1 — %2</translation>
    </message>
</context>
<context>
    <name>StoreError</name>
    <message>
        <source>The local store could not be unlocked: the key is wrong, or the file is damaged. The file was not changed. If you typed a passphrase, try again; otherwise restore the store from its backup or sign in again to rebuild it from the server.</source>
        <translation>无法解锁本地数据库：密钥错误，或文件已损坏。文件未作任何改动。如果您输入的是口令，请重试；否则请从备份恢复本地数据库，或重新登录，从服务器重建本地数据库。</translation>
    </message>
    <message>
        <source>The local store is damaged (part of the file is missing or fails its integrity check). The file was not changed. Restore it from its backup, or sign in again to rebuild it from the server; edits not yet synced are in the backup.</source>
        <translation>本地数据库已损坏（文件部分缺失或未通过完整性校验）。文件未作任何改动。请从备份恢复，或重新登录，从服务器重建本地数据库；尚未同步的修改保存在备份中。</translation>
    </message>
    <message>
        <source>The local store file is empty, probably cut short by a crash or a full disk. It was left as it is. Restore it from its backup or sign in again to rebuild it from the server.</source>
        <translation>本地数据库文件为空，可能是程序崩溃或磁盘已满导致写入中断。文件保持原样，未作任何改动。请从备份恢复，或重新登录，从服务器重建本地数据库。</translation>
    </message>
    <message>
        <source>This file is a database, but not a Branchline store. It was not changed.</source>
        <translation>此文件是数据库，但不是 Branchline 本地数据库。文件未作任何改动。</translation>
    </message>
    <message>
        <source>This local store was written by a newer version of Branchline, which this version cannot read. The file was not changed. Install the newer version to open it.</source>
        <translation>此本地数据库由较新版本的 Branchline 写入，当前版本无法读取。文件未作任何改动。请安装较新版本后再打开。</translation>
    </message>
    <message>
        <source>The disk is full. Nothing was saved and nothing was lost; free some space and try again.</source>
        <translation>磁盘已满。未保存任何内容，也未丢失任何数据；请释放部分磁盘空间后重试。</translation>
    </message>
    <message>
        <source>The local store is in use by another Branchline window or program. Close it and try again.</source>
        <translation>本地数据库正被另一个 Branchline 窗口或其他程序占用。请将其关闭后重试。</translation>
    </message>
    <message>
        <source>The local store may not be read or written here. Check the permissions of its folder.</source>
        <translation>无权在此位置读写本地数据库。请检查其所在文件夹的权限。</translation>
    </message>
    <message>
        <source>The key of the local store is not available: the system keychain did not answer or does not hold it. Unlock your keychain (or log in to your desktop session) and try again. The store was not changed.</source>
        <translation>无法获取本地数据库的密钥：系统钥匙串未响应，或其中没有该密钥。请解锁钥匙串（或登录桌面会话）后重试。本地数据库未作任何改动。</translation>
    </message>
    <message>
        <source>Reading or writing the local store failed (input/output error). Check the disk; nothing was changed.</source>
        <translation>读写本地数据库失败（输入/输出错误）。请检查磁盘；数据未作任何改动。</translation>
    </message>
    <message>
        <source>The local store reported an unexpected error. Nothing was changed.</source>
        <translation>本地数据库发生意外错误。数据未作任何改动。</translation>
    </message>
    <message>
        <source>There is no local store here yet. Sign in to create one.</source>
        <translation>此处还没有本地数据库。请登录以创建。</translation>
    </message>
    <message>
        <source>This record no longer exists on this computer: it was deleted, or you no longer have access to it. Nothing was changed.</source>
        <translation>此记录在本机上已不存在：它已被删除，或您已无权访问。未作任何改动。</translation>
    </message>
</context>
<context>
    <name>StoreKeyProvider</name>
    <message>
        <source>The system keychain refused to keep the key of the new local store. Allow Branchline to use the keychain and try again.</source>
        <translation>系统钥匙串拒绝保存新本地数据库的密钥。请允许 Branchline 使用钥匙串后重试。</translation>
    </message>
    <message>
        <source>The system keychain no longer holds the key of this local store, so it cannot be opened. The file was not changed. Remove the account from this computer and sign in again to rebuild the store from the server.</source>
        <translation>系统钥匙串中已没有此本地数据库的密钥，因此无法打开。文件未作任何改动。请从本机移除该账户，然后重新登录，从服务器重建本地数据库。</translation>
    </message>
    <message>
        <source>The key could not be removed from the system keychain. Unlock the keychain and try again.</source>
        <translation>无法从系统钥匙串中移除密钥。请解锁钥匙串后重试。</translation>
    </message>
    <message>
        <source>No passphrase was given, so the local store stays locked.</source>
        <translation>未输入口令，本地数据库保持锁定。</translation>
    </message>
    <message numerus="yes">
        <source>The passphrase must have at least %n characters.</source>
        <translation>
            <numerusform>口令至少需要 %n 个字符。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncClient</name>
    <message>
        <source>The server answered with status %1.</source>
        <translation>服务器返回了状态码 %1。</translation>
    </message>
    <message>
        <source>Sync was cancelled.</source>
        <translation>同步已取消。</translation>
    </message>
    <message>
        <source>The server could not be reached: %1</source>
        <translation>无法连接服务器：%1</translation>
    </message>
    <message>
        <source>The server&apos;s answer was incomplete or damaged.</source>
        <translation>服务器的响应不完整或已损坏。</translation>
    </message>
</context>
<context>
    <name>SyncCommand</name>
    <message>
        <source>Sync one Branchline account&apos;s encrypted store with the server.</source>
        <translation>将一个 Branchline 账户的加密存储与服务器同步。</translation>
    </message>
    <message>
        <source>The server&apos;s address.</source>
        <translation>服务器地址。</translation>
    </message>
    <message>
        <source>The login to sign in with.</source>
        <translation>用于登录的账号。</translation>
    </message>
    <message>
        <source>The store file.</source>
        <translation>存储文件。</translation>
    </message>
    <message>
        <source>Records per page (default 1000).</source>
        <translation>每页记录数（默认 1000）。</translation>
    </message>
    <message>
        <source>Rounds to try before giving up (default 5).</source>
        <translation>放弃前尝试的轮数（默认 5）。</translation>
    </message>
    <message>
        <source>No progress line.</source>
        <translation>不显示进度行。</translation>
    </message>
    <message>
        <source>--server, --user and --store are required.
</source>
        <translation>必须提供 --server、--user 和 --store。
</translation>
    </message>
    <message>
        <source>The server address must start with http:// or https://.
</source>
        <translation>服务器地址必须以 http:// 或 https:// 开头。
</translation>
    </message>
    <message>
        <source>Password: </source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Sign-in failed: %1
</source>
        <translation>登录失败：%1
</translation>
    </message>
    <message>
        <source><byte value="xd"/>%1: %2, %3 KiB   </source>
        <translation><byte value="xd"/>%1：%2，%3 KiB   </translation>
    </message>
    <message>
        <source>
rows pulled: %1, removed: %2, mutations pushed: %3, conflicts: %4, purged: %5, pages: %6, retries: %7, %8 KiB, %9 s
</source>
        <translation>
已拉取行数：%1，已移除：%2，已推送变更：%3，冲突：%4，已清除：%5，页数：%6，重试次数：%7，%8 KiB，%9 秒
</translation>
    </message>
</context>
<context>
    <name>SyncMarks</name>
    <message>
        <source>Waiting to sync</source>
        <translation>等待同步</translation>
    </message>
    <message>
        <source>Refused by the server</source>
        <translation>被服务器拒绝</translation>
    </message>
    <message>
        <source>Saved on this computer; it goes to the server with the next sync.</source>
        <translation>已保存到本机，下次同步时发送到服务器。</translation>
    </message>
    <message>
        <source>The server refused this: %1
It is kept under Conflicts, where you can correct it and send it again or set it aside.</source>
        <translation>服务器拒绝了此内容：%1
它保存在“冲突”中，您可以在那里更正后重新发送，或将其搁置。</translation>
    </message>
</context>
<context>
    <name>SyncProtocol</name>
    <message>
        <source>A list was expected.</source>
        <translation>此处应为列表。</translation>
    </message>
    <message>
        <source>A change names no known record.</source>
        <translation>某项更改未指向任何已知记录。</translation>
    </message>
    <message>
        <source>A change is malformed.</source>
        <translation>某项更改的格式不正确。</translation>
    </message>
    <message>
        <source>A mutation result is malformed.</source>
        <translation>某项变更结果的格式不正确。</translation>
    </message>
    <message>
        <source>The client id is missing or not a UUID.</source>
        <translation>设备标识缺失或不是有效的 UUID。</translation>
    </message>
    <message>
        <source>The page size must be between 1 and %1.</source>
        <translation>每页大小必须在 1 到 %1 之间。</translation>
    </message>
    <message>
        <source>The acknowledged mutation number is malformed.</source>
        <translation>已确认的变更序号格式不正确。</translation>
    </message>
    <message>
        <source>The server&apos;s page is malformed.</source>
        <translation>服务器返回的页格式不正确。</translation>
    </message>
    <message>
        <source>The page&apos;s checksum does not match its contents.</source>
        <translation>该页的校验和与其内容不符。</translation>
    </message>
    <message>
        <source>A mutation is malformed.</source>
        <translation>某项变更的格式不正确。</translation>
    </message>
    <message>
        <source>At most %1 mutations may be sent at once.</source>
        <translation>一次最多只能发送 %1 项变更。</translation>
    </message>
    <message>
        <source>The server&apos;s push answer is malformed.</source>
        <translation>服务器对推送的响应格式不正确。</translation>
    </message>
    <message>
        <source>Sync protocol version %1 is not supported here (%2 to %3 are).</source>
        <translation>此处不支持同步协议版本 %1（支持 %2 至 %3）。</translation>
    </message>
    <message>
        <source>Record schema version %1 is not supported here (%2 to %3 are).</source>
        <translation>此处不支持记录结构版本 %1（支持 %2 至 %3）。</translation>
    </message>
    <message>
        <source>The first mutation number is malformed.</source>
        <translation>第一个变更编号格式不正确。</translation>
    </message>
</context>
<context>
    <name>SyncService</name>
    <message>
        <source>This record does not exist or is outside your data scope.</source>
        <translation>该记录不存在，或不在您的数据范围内。</translation>
    </message>
    <message>
        <source>A different record already has this id.</source>
        <translation>已有另一条记录使用此标识。</translation>
    </message>
    <message>
        <source>The record was deleted on the server while you were editing it.</source>
        <translation>您编辑期间，该记录已在服务器上被删除。</translation>
    </message>
    <message>
        <source>The record was changed on the server after the version you deleted.</source>
        <translation>在您删除的版本之后，该记录已在服务器上被修改。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; was changed on the server since your edit was made; a person has to decide which value stands.</source>
        <translation>自您编辑以来，“%1”已在服务器上被修改；需要由人工决定保留哪个值。</translation>
    </message>
    <message>
        <source>Your value of &quot;%1&quot; was replaced by a later edit.</source>
        <translation>您填写的“%1”的值已被之后的编辑替换。</translation>
    </message>
    <message>
        <source>The edit was refused: %1</source>
        <translation>编辑被拒绝：%1</translation>
    </message>
    <message>
        <source>The edit would move the record outside your data scope.</source>
        <translation>此编辑会使该记录超出您的数据范围。</translation>
    </message>
    <message>
        <source>This kind of record cannot be changed from a client.</source>
        <translation>此类记录不能从客户端修改。</translation>
    </message>
    <message>
        <source>This conflict has already been resolved.</source>
        <translation>此冲突已解决。</translation>
    </message>
    <message>
        <source>A conflict is resolved with &quot;mine&quot;, &quot;theirs&quot; or &quot;merged&quot;.</source>
        <translation>冲突须以 &quot;mine&quot;、&quot;theirs&quot; 或 &quot;merged&quot; 之一解决。</translation>
    </message>
    <message>
        <source>This device id belongs to another user. Sign in again on this computer to sync.</source>
        <translation>此设备标识属于其他用户。请在这台计算机上重新登录后再同步。</translation>
    </message>
    <message>
        <source>Unknown table.</source>
        <translation>未知的数据表。</translation>
    </message>
</context>
<context>
    <name>SyncStore</name>
    <message>
        <source>This record was removed from your access before your edit reached the server. Your edit is kept here.</source>
        <translation>在您的编辑到达服务器之前，您对该记录的访问权限已被移除。您的编辑仍保留在此处。</translation>
    </message>
    <message>
        <source>Choose whether to keep your value, the other value, or a merged value.</source>
        <translation>请选择保留您的值、对方的值，还是合并后的值。</translation>
    </message>
    <message>
        <source>A merged resolution needs the merged value.</source>
        <translation>选择合并解决时需要提供合并后的值。</translation>
    </message>
    <message>
        <source>This conflict is no longer on this computer.</source>
        <translation>此冲突已不在这台计算机上。</translation>
    </message>
    <message>
        <source>This conflict has already been resolved.</source>
        <translation>此冲突已解决。</translation>
    </message>
    <message>
        <source>A record from the server does not fit this computer&apos;s store; sync stopped before applying it.</source>
        <translation>服务器发来的一条记录与本机数据库不相符；同步已在写入前停止。</translation>
    </message>
</context>
<context>
    <name>TaskJson</name>
    <message>
        <source>There is no task %1 that you may see.</source>
        <translation>没有您有权查看的任务 %1。</translation>
    </message>
    <message>
        <source>Tasks are deleted by the people who work them.</source>
        <translation>任务由负责它的人员删除。</translation>
    </message>
</context>
<context>
    <name>TaskRowText</name>
    <message>
        <source>%1 (%2)</source>
        <comment>a contact (their customer)</comment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Lead: %1</source>
        <translation>线索：%1</translation>
    </message>
    <message>
        <source>Lead: %1, %2</source>
        <comment>lead: name, company</comment>
        <translation>线索：%1，%2</translation>
    </message>
    <message>
        <source>Completed %1</source>
        <translation>完成于 %1</translation>
    </message>
    <message>
        <source>Changed on this computer; waiting for the server to confirm.</source>
        <translation>已在本机修改，等待服务器确认。</translation>
    </message>
</context>
<context>
    <name>TerminalJson</name>
    <message>
        <source>Terminals come from the acquiring system; they are not changed here.</source>
        <translation>终端数据来自收单系统，不能在此修改。</translation>
    </message>
</context>
<context>
    <name>TrustedCertificates</name>
    <message>
        <source>The CA certificate %1 named by the branch configuration cannot be read: %2</source>
        <translation>无法读取网点配置指定的 CA 证书 %1：%2</translation>
    </message>
    <message>
        <source>The file %1 named as the CA certificate holds no PEM certificate.</source>
        <translation>被指定为 CA 证书的文件 %1 中没有 PEM 格式的证书。</translation>
    </message>
</context>
<context>
    <name>WidgetExporter</name>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Your role may not export this widget&apos;s data: it groups by a field you do not see in full.</source>
        <translation>您的角色不能导出此组件的数据：它按您无法完整查看的字段分组。</translation>
    </message>
    <message>
        <source>Your role may not export this widget&apos;s data: it measures a field you do not see in full.</source>
        <translation>您的角色不能导出此组件的数据：它统计了您无法完整查看的字段。</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
</context>
<context>
    <name>WriteGate</name>
    <message>
        <source>The record has fields to correct.</source>
        <translation>该记录有需要更正的字段。</translation>
    </message>
    <message>
        <source>You may not create it for that owner or branch.</source>
        <translation>您无权为该负责人或网点创建此记录。</translation>
    </message>
    <message>
        <source>You may not move it outside your scope.</source>
        <translation>您无权将其移出您的权限范围。</translation>
    </message>
    <message numerus="yes">
        <source>&quot;%1&quot; is too long: at most %n characters.</source>
        <translation>
            <numerusform>“%1”过长：最多 %n 个字符。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This text is too long: at most %n characters.</source>
        <translation>
            <numerusform>内容过长：最多 %n 个字符。</numerusform>
        </translation>
    </message>
    <message>
        <source>This change may not set &quot;%1&quot;.</source>
        <translation>此修改不能设置“%1”。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; changes only through an approval or by the role responsible for it.</source>
        <translation>“%1”只能通过审批或由负责该字段的角色修改。</translation>
    </message>
    <message>
        <source>Your role may not change &quot;%1&quot;.</source>
        <translation>您的角色无权修改“%1”。</translation>
    </message>
    <message>
        <source>The owner must be an active user whose role may own this record.</source>
        <translation>负责人必须是状态正常、且其角色可以负责此记录的用户。</translation>
    </message>
    <message>
        <source>Choose an active sales rep or manager.</source>
        <translation>请选择状态正常的客户经理或网点负责人。</translation>
    </message>
    <message>
        <source>The owner works outside your branches: you may hand records only to people in your branch and the branches below it.</source>
        <translation>该负责人不在您的网点范围内：您只能将记录交给您所在网点及其下级网点的人员。</translation>
    </message>
    <message>
        <source>Choose someone in your branches.</source>
        <translation>请选择您网点范围内的人员。</translation>
    </message>
</context>
<context>
    <name>branchline::ActivityTimelineModel</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
</context>
<context>
    <name>branchline::ApprovalDecisionBar</name>
    <message>
        <source>Co&amp;mment:</source>
        <translation>意见(&amp;M)：</translation>
    </message>
    <message>
        <source>Required when you reject or return the request</source>
        <translation>驳回或退回时必填</translation>
    </message>
    <message>
        <source>Delegate &amp;to:</source>
        <translation>转交给(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>同意(&amp;A)</translation>
    </message>
    <message>
        <source>Approve this step</source>
        <translation>同意此环节</translation>
    </message>
    <message>
        <source>&amp;Reject</source>
        <translation>驳回(&amp;R)</translation>
    </message>
    <message>
        <source>Reject the request; a comment says why</source>
        <translation>驳回申请，并在意见中说明原因</translation>
    </message>
    <message>
        <source>Re&amp;turn</source>
        <translation>退回(&amp;T)</translation>
    </message>
    <message>
        <source>Return the request to the requester to change it; a comment says what</source>
        <translation>退回给申请人修改，并在意见中说明要改什么</translation>
    </message>
    <message>
        <source>&amp;Delegate</source>
        <translation>转交(&amp;D)</translation>
    </message>
    <message>
        <source>Hand your place on this step to the person chosen above</source>
        <translation>将您在此环节的审批交给上面选定的人</translation>
    </message>
    <message>
        <source>&amp;Withdraw</source>
        <translation>撤回(&amp;W)</translation>
    </message>
    <message>
        <source>Take your request back</source>
        <translation>撤回您的申请</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>(nobody)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Say why in a comment when you reject or return a request.</source>
        <translation>驳回或退回申请时请在意见中说明原因。</translation>
    </message>
</context>
<context>
    <name>branchline::ApprovalDetail</name>
    <message>
        <source>Pick a request on the left to see what it asks.</source>
        <translation>在左侧选择一条申请查看详情。</translation>
    </message>
    <message>
        <source>Open customer</source>
        <translation>打开客户</translation>
    </message>
    <message>
        <source>Proposed change</source>
        <translation>申请变更</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>变更前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>变更后</translation>
    </message>
    <message>
        <source>Flow</source>
        <translation>审批流程</translation>
    </message>
    <message>
        <source>%1 · asked by %2 on %3 · %4</source>
        <translation>%1 · %2 于 %3 发起 · %4</translation>
    </message>
    <message>
        <source>you</source>
        <translation>您</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>理由：%1</translation>
    </message>
    <message>
        <source>Refused by the server: %1 Nothing else changed.</source>
        <translation>服务器拒绝：%1 其他内容均未改变。</translation>
    </message>
    <message>
        <source>Your decision (%1) is saved on this computer: decision pending sync.</source>
        <translation>您的审批（%1）已保存在本机：审批待同步。</translation>
    </message>
    <message>
        <source>Saved on this computer; the request goes to the server with the next sync, which finds its approvers.</source>
        <translation>已保存在本机；下次同步时申请将发送到服务器，并确定审批人。</translation>
    </message>
</context>
<context>
    <name>branchline::ApprovalListModel</name>
    <message>
        <source>Refused: %1</source>
        <translation>被拒绝：%1</translation>
    </message>
    <message>
        <source>Decision pending sync</source>
        <translation>审批待同步</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>等待发送</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>申请</translation>
    </message>
    <message>
        <source>Requested by</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>Where it stands</source>
        <translation>当前进度</translation>
    </message>
    <message>
        <source>Asked</source>
        <translation>申请时间</translation>
    </message>
</context>
<context>
    <name>branchline::ApprovalTimelineModel</name>
    <message>
        <source>User %1</source>
        <translation>用户 %1</translation>
    </message>
    <message>
        <source>Delegated to %1</source>
        <translation>已转交给 %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1 (for %2)</source>
        <translation>%1（代 %2）</translation>
    </message>
    <message>
        <source> (by %1)</source>
        <translation>（由 %1）</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>Approver</source>
        <translation>审批人</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>审批结果</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>意见</translation>
    </message>
</context>
<context>
    <name>branchline::ApprovalsPage</name>
    <message>
        <source>All requests</source>
        <translation>全部申请</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Search customer or requester (Ctrl+F)</source>
        <translation>搜索客户或申请人（Ctrl+F）</translation>
    </message>
    <message>
        <source>Waiting for me (%1)</source>
        <translation>待我审批（%1）</translation>
    </message>
    <message>
        <source>Waiting for me</source>
        <translation>待我审批</translation>
    </message>
    <message>
        <source>Requested by me</source>
        <translation>我发起的</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>已处理</translation>
    </message>
    <message>
        <source>Alt+%1</source>
        <translation>Alt+%1</translation>
    </message>
    <message>
        <source>No request waiting for you matches the filter.</source>
        <translation>没有符合筛选条件的待审批申请。</translation>
    </message>
    <message>
        <source>Nothing is waiting for your decision.</source>
        <translation>暂无待您审批的申请。</translation>
    </message>
    <message>
        <source>None of your requests matches the filter.</source>
        <translation>您发起的申请中没有符合筛选条件的。</translation>
    </message>
    <message>
        <source>You have not asked for anything yet. Ask for a fee change, onboarding or a credit limit from a customer&apos;s 360° view.</source>
        <translation>您还没有发起过申请。可在客户 360° 视图中申请费率调整、入网或授信额度。</translation>
    </message>
    <message>
        <source>No decided request matches the filter.</source>
        <translation>没有符合筛选条件的已处理申请。</translation>
    </message>
    <message>
        <source>Requests you decided, and finished ones, are kept here.</source>
        <translation>您审批过的申请和已结束的申请都保存在这里。</translation>
    </message>
    <message>
        <source>Saved on this computer; it goes to the server with the next sync.</source>
        <translation>已保存到本机，下次同步时发送到服务器。</translation>
    </message>
</context>
<context>
    <name>branchline::ChartResultView</name>
    <message>
        <source>¥</source>
        <translation>¥</translation>
    </message>
</context>
<context>
    <name>branchline::ConflictDetail</name>
    <message>
        <source>Pick a conflict on the left to compare the values.</source>
        <translation>在左侧选择一条冲突以比较各个值。</translation>
    </message>
    <message>
        <source>Open record</source>
        <translation>打开记录</translation>
    </message>
    <message>
        <source>Before your edit</source>
        <translation>修改前</translation>
    </message>
    <message>
        <source>Your value</source>
        <translation>您的值</translation>
    </message>
    <message>
        <source>Keep &amp;yours</source>
        <translation>保留您的值(&amp;Y)</translation>
    </message>
    <message>
        <source>Apply your value again (Alt+Y)</source>
        <translation>重新应用您的值（Alt+Y）</translation>
    </message>
    <message>
        <source>&amp;Merged value:</source>
        <translation>合并后的值(&amp;M)：</translation>
    </message>
    <message>
        <source>Use merged value</source>
        <translation>使用合并后的值</translation>
    </message>
    <message>
        <source>Not known on this computer</source>
        <translation>本机未记录</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Value that stands (your other computer)</source>
        <translation>现行值（您的另一台电脑）</translation>
    </message>
    <message>
        <source>Value that stands</source>
        <translation>现行值</translation>
    </message>
    <message>
        <source>Value that stands (%1)</source>
        <translation>现行值（%1）</translation>
    </message>
    <message>
        <source>Keep &amp;theirs</source>
        <translation>保留对方的值(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation>确认(&amp;A)</translation>
    </message>
    <message>
        <source>Leave the value that stands (Alt+T)</source>
        <translation>保留现行值（Alt+T）</translation>
    </message>
    <message>
        <source>Mark as read; nothing changes</source>
        <translation>标为已读；不做任何修改</translation>
    </message>
</context>
<context>
    <name>branchline::ConflictListModel</name>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>发生了什么</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
</context>
<context>
    <name>branchline::ConflictsPage</name>
    <message>
        <source>Show &amp;resolved</source>
        <translation>显示已解决(&amp;R)</translation>
    </message>
    <message>
        <source>No conflicts. When someone else&apos;s edit meets yours, both values are kept here and nothing is lost.</source>
        <translation>没有冲突。当他人的修改与您的修改相遇时，双方的值都会保存在这里，不会丢失任何内容。</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message numerus="yes">
        <source>Conflicts (%n to resolve)</source>
        <translation>
            <numerusform>冲突（%n 条待解决）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>branchline::ContactListModel</name>
    <message>
        <source>Primary</source>
        <translation>主联系人</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
</context>
<context>
    <name>branchline::ConvertLeadDialog</name>
    <message>
        <source>Convert lead into a customer</source>
        <translation>将线索转为客户</translation>
    </message>
    <message>
        <source>Check what the lead told us and complete it. %1 becomes a customer and the lead is marked converted.</source>
        <translation>请核对并补全线索信息。%1 将成为客户，线索标为已转化。</translation>
    </message>
    <message>
        <source>As on the business licence or ID card</source>
        <translation>与营业执照或身份证一致</translation>
    </message>
    <message>
        <source>18 characters</source>
        <translation>18 位</translation>
    </message>
    <message>
        <source>%1 — type the full number</source>
        <translation>%1 — 请输入完整号码</translation>
    </message>
    <message>
        <source>Mainland mobile number</source>
        <translation>中国大陆手机号</translation>
    </message>
    <message>
        <source>4 digits, e.g. 5812</source>
        <translation>4 位数字，如 5812</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Legal name</source>
        <translation>法定名称</translation>
    </message>
    <message>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Resident ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>MCC</source>
        <translation>商户类别码（MCC）</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>The customer is saved as a prospect. Both changes are kept on this computer and reach the server with the next sync.</source>
        <translation>客户将保存为潜在客户。两项修改先保存在本机，下次同步时上传服务器。</translation>
    </message>
    <message>
        <source>Convert</source>
        <translation>转化</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>You</source>
        <translation>您本人</translation>
    </message>
    <message>
        <source>Fix the marked fields; nothing was saved.</source>
        <translation>请修改标出的字段；未保存任何内容。</translation>
    </message>
</context>
<context>
    <name>branchline::CustomerApprovalsPanel</name>
    <message>
        <source>Request a &amp;change…</source>
        <translation>申请变更(&amp;C)…</translation>
    </message>
    <message>
        <source>Ask for a fee change, onboarding, a credit limit or another approval for this customer</source>
        <translation>为此客户申请费率调整、入网、授信额度或其他审批</translation>
    </message>
    <message>
        <source>Double-click or press Enter to open the request in Approvals</source>
        <translation>双击或按回车在审批中打开此申请</translation>
    </message>
    <message>
        <source>No approval requests for this customer yet.</source>
        <translation>此客户暂无审批申请。</translation>
    </message>
</context>
<context>
    <name>branchline::CustomerFilterBar</name>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Any risk level</source>
        <translation>全部风险等级</translation>
    </message>
    <message>
        <source>Any KYC status</source>
        <translation>全部尽调状态</translation>
    </message>
    <message>
        <source>All branches</source>
        <translation>全部网点</translation>
    </message>
    <message>
        <source>All owners</source>
        <translation>全部负责人</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
</context>
<context>
    <name>branchline::CustomerHeader</name>
    <message>
        <source>Changed on this computer; waiting for the server to confirm.</source>
        <translation>已在本机修改，等待服务器确认。</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Risk level</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <source>KYC status</source>
        <translation>尽调状态</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>所属网点</translation>
    </message>
    <message>
        <source>Risk not rated</source>
        <translation>风险未评级</translation>
    </message>
    <message>
        <source>Owner: %1</source>
        <translation>负责人：%1</translation>
    </message>
    <message>
        <source>unassigned</source>
        <translation>未分配</translation>
    </message>
    <message>
        <source>No branch</source>
        <translation>无所属网点</translation>
    </message>
    <message>
        <source>Waiting for the server</source>
        <translation>等待服务器确认</translation>
    </message>
</context>
<context>
    <name>branchline::CustomerListModel</name>
    <message>
        <source>Not rated</source>
        <translation>未评级</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Risk level</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <source>KYC</source>
        <translation>尽职调查</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>所属网点</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <source>Changed on this computer; waiting for the server to confirm.</source>
        <translation>已在本机修改，等待服务器确认。</translation>
    </message>
</context>
<context>
    <name>branchline::CustomerListPage</name>
    <message>
        <source>Search names, addresses and notes, or a full ID, credit code or mobile number</source>
        <translation>搜索名称、地址和备注，或输入完整的身份证号、统一社会信用代码或手机号</translation>
    </message>
    <message>
        <source>Saved filters</source>
        <translation>常用筛选</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <source>changed here, waiting for the server</source>
        <translation>本机已修改，等待服务器确认</translation>
    </message>
    <message>
        <source>Find customers</source>
        <translation>查找客户</translation>
    </message>
    <message>
        <source>New customer…</source>
        <translation>新建客户…</translation>
    </message>
    <message>
        <source>1 customer</source>
        <translation>1 位客户</translation>
    </message>
    <message>
        <source>%1 customers</source>
        <translation>%1 位客户</translation>
    </message>
    <message>
        <source>Saved &quot;%1&quot; without the search text: an ID, credit code or mobile number is personal information and is not kept in settings.</source>
        <translation>已保存“%1”，但未保存搜索文字：身份证号、统一社会信用代码和手机号属于个人信息，不会写入设置。</translation>
    </message>
    <message>
        <source>Saved the filter &quot;%1&quot;.</source>
        <translation>已保存筛选“%1”。</translation>
    </message>
    <message>
        <source>Deleted the filter &quot;%1&quot;.</source>
        <translation>已删除筛选“%1”。</translation>
    </message>
    <message>
        <source>Save current filter…</source>
        <translation>保存当前筛选…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Save filter</source>
        <translation>保存筛选</translation>
    </message>
    <message>
        <source>Name of this filter:</source>
        <translation>筛选名称：</translation>
    </message>
    <message>
        <source>Counting… %1 so far</source>
        <translation>正在统计…已数到 %1</translation>
    </message>
</context>
<context>
    <name>branchline::CustomerProfileForm</name>
    <message>
        <source>Separated by commas</source>
        <translation>用逗号分隔</translation>
    </message>
    <message>
        <source>Type a new value to replace the current one; leave it empty to keep it.</source>
        <translation>输入新值即可替换当前值；留空则保持不变。</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Merchant detail</source>
        <translation>商户详情</translation>
    </message>
    <message>
        <source>Borrower detail</source>
        <translation>借款人详情</translation>
    </message>
    <message>
        <source>Loan applications and repayment schedules are not on this computer yet.</source>
        <translation>贷款申请和还款计划尚未同步到本机。</translation>
    </message>
    <message>
        <source>Fee rates and terminals are on the Merchant tab, the monthly volume on the Volume tab.</source>
        <translation>费率和终端见“商户”页签，月交易额见“交易额”页签。</translation>
    </message>
    <message>
        <source>The credit limit is on the Borrower tab; loans and repayment schedules are not on this computer yet.</source>
        <translation>授信额度见“借款人”页签；贷款和还款计划尚未同步到本机。</translation>
    </message>
</context>
<context>
    <name>branchline::CustomerTimelinePanel</name>
    <message>
        <source>What happened? Press Enter to log it</source>
        <translation>记录发生了什么，按回车保存</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>记录</translation>
    </message>
</context>
<context>
    <name>branchline::CustomerView</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>放弃修改</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>动态</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>相关线索</translation>
    </message>
    <message>
        <source>Save customer</source>
        <translation>保存客户</translation>
    </message>
    <message>
        <source>Back to the list</source>
        <translation>返回列表</translation>
    </message>
    <message>
        <source>This customer is no longer on this computer.</source>
        <translation>本机上已没有这位客户。</translation>
    </message>
    <message>
        <source>No changes to save.</source>
        <translation>没有需要保存的修改。</translation>
    </message>
    <message>
        <source>Nothing was saved: %1</source>
        <translation>未保存任何内容：%1</translation>
    </message>
    <message>
        <source>Nothing was saved: fix the marked fields.</source>
        <translation>未保存任何内容：请修改标出的字段。</translation>
    </message>
    <message>
        <source>Saved on this computer; it goes to the server with the next sync.</source>
        <translation>已保存到本机，下次同步时发送到服务器。</translation>
    </message>
    <message>
        <source>You have unsaved changes: press Ctrl+S to save them, or Esc again to throw them away.</source>
        <translation>有未保存的修改：按 Ctrl+S 保存，或再按一次 Esc 放弃修改。</translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation>审批</translation>
    </message>
    <message>
        <source>Request saved on this computer; it goes to the server with the next sync.</source>
        <translation>申请已保存在本机；下次同步时发送到服务器。</translation>
    </message>
    <message>
        <source>Tasks</source>
        <comment>the open tasks tab</comment>
        <translation>未完成任务</translation>
    </message>
</context>
<context>
    <name>branchline::DashboardView</name>
    <message>
        <source>All time</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <source>All branches</source>
        <translation>全部网点</translation>
    </message>
    <message>
        <source>Widgets</source>
        <translation>组件</translation>
    </message>
    <message>
        <source>Design</source>
        <translation>设计</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Dashboard as PNG…</source>
        <translation>将仪表盘导出为 PNG…</translation>
    </message>
    <message>
        <source>Dashboard as PDF…</source>
        <translation>将仪表盘导出为 PDF…</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>网点</translation>
    </message>
    <message>
        <source>Read-only: built in or shared with you</source>
        <translation>只读：内置或共享给您的仪表盘</translation>
    </message>
    <message>
        <source>Export as PNG…</source>
        <translation>导出为 PNG…</translation>
    </message>
    <message>
        <source>Export as PDF…</source>
        <translation>导出为 PDF…</translation>
    </message>
    <message>
        <source>Export data as CSV…</source>
        <translation>导出数据为 CSV…</translation>
    </message>
    <message>
        <source>Export data as XLSX…</source>
        <translation>导出数据为 XLSX…</translation>
    </message>
    <message>
        <source>Remove widget</source>
        <translation>删除组件</translation>
    </message>
    <message>
        <source>No records in this period</source>
        <translation>此期间内没有记录</translation>
    </message>
    <message>
        <source>This dashboard is too large to save; remove some widgets.</source>
        <translation>此仪表盘过大，无法保存；请删除部分组件。</translation>
    </message>
    <message>
        <source>PNG pictures (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>This widget has no data to export yet.</source>
        <translation>此组件尚无可导出的数据。</translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation>导出 %1</translation>
    </message>
</context>
<context>
    <name>branchline::DashboardsPage</name>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Share…</source>
        <translation>共享…</translation>
    </message>
    <message>
        <source>A new, empty dashboard of your own</source>
        <translation>一个属于您的空白新仪表盘</translation>
    </message>
    <message>
        <source>A copy of this dashboard that you can change</source>
        <translation>可供您修改的此仪表盘副本</translation>
    </message>
    <message>
        <source>Let roles or branches see this dashboard, read-only</source>
        <translation>让角色或网点以只读方式查看此仪表盘</translation>
    </message>
    <message>
        <source>My dashboards</source>
        <translation>我的仪表盘</translation>
    </message>
    <message>
        <source>waiting to sync</source>
        <translation>等待同步</translation>
    </message>
    <message>
        <source>Shared with me</source>
        <translation>共享给我的</translation>
    </message>
    <message>
        <source>read-only</source>
        <translation>只读</translation>
    </message>
    <message>
        <source>Built in</source>
        <translation>内置</translation>
    </message>
    <message>
        <source>Save or undo the changes to this dashboard first.</source>
        <translation>请先保存或撤销对此仪表盘的修改。</translation>
    </message>
    <message>
        <source>New dashboard</source>
        <translation>新仪表盘</translation>
    </message>
    <message>
        <source>Copy of %1</source>
        <translation>%1 的副本</translation>
    </message>
</context>
<context>
    <name>branchline::DrillDownDialog</name>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Finding the records…</source>
        <translation>正在查找记录…</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Open customer</source>
        <translation>打开客户</translation>
    </message>
    <message numerus="yes">
        <source>The first %n records; narrow the dashboard&apos;s filters to see the rest.</source>
        <translation>
            <numerusform>前 %n 条记录；缩小仪表盘的筛选范围以查看其余记录。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n 条记录</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>branchline::FieldList</name>
    <message>
        <source>Drag a field onto the widget&apos;s axes, values or filters</source>
        <translation>将字段拖到组件的坐标轴、数值或筛选栏</translation>
    </message>
    <message>
        <source>Dimensions</source>
        <translation>维度</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>指标</translation>
    </message>
</context>
<context>
    <name>branchline::FirstSyncPage</name>
    <message>
        <source>Copying your data to this computer</source>
        <translation>正在把您的数据复制到本机</translation>
    </message>
    <message>
        <source>Records received:</source>
        <translation>已接收记录：</translation>
    </message>
    <message>
        <source>Data received:</source>
        <translation>已接收数据：</translation>
    </message>
    <message>
        <source>Time so far:</source>
        <translation>已用时间：</translation>
    </message>
    <message>
        <source>Time left:</source>
        <translation>剩余时间：</translation>
    </message>
    <message>
        <source>You can stop now: the next start continues where it stopped.</source>
        <translation>现在可以停止：下次启动时会从停下的地方继续。</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Signed in as %1 on %2. The customers, leads and tasks you may see are copied once and kept encrypted; later starts open at once, even offline.</source>
        <translation>已以“%1”的身份登录 %2。您有权查看的客户、线索和任务只需复制一次，并加密保存；以后启动会立即打开，离线也可以使用。</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>The server did not answer (%1). Trying again by itself…</source>
        <translation>服务器没有响应（%1）。正在自动重试…</translation>
    </message>
    <message>
        <source>not known yet</source>
        <translation>暂时无法估计</translation>
    </message>
    <message numerus="yes">
        <source>about %n second(s)</source>
        <translation>
            <numerusform>约 %n 秒</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n minute(s)</source>
        <translation>
            <numerusform>约 %n 分钟</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>branchline::KpiView</name>
    <message>
        <source>No data</source>
        <translation>无数据</translation>
    </message>
    <message>
        <source>No previous period to compare</source>
        <translation>没有可比较的上一期间</translation>
    </message>
    <message>
        <source>No change from the previous period</source>
        <translation>与上一期间相比无变化</translation>
    </message>
    <message>
        <source>▲ %1 % up on the previous period</source>
        <translation>▲ 较上一期间上升 %1 %</translation>
    </message>
    <message>
        <source>▼ %1 % down on the previous period</source>
        <translation>▼ 较上一期间下降 %1 %</translation>
    </message>
</context>
<context>
    <name>branchline::KycChecklistModel</name>
    <message>
        <source>Saved on this computer; waiting for the server.</source>
        <translation>已保存在本机，等待服务器确认。</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>尽调项</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Changed by</source>
        <translation>修改人</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>修改时间</translation>
    </message>
</context>
<context>
    <name>branchline::KycChecklistPanel</name>
    <message>
        <source>Note: why it is rejected, or what was checked</source>
        <translation>备注：驳回原因，或核验了哪些内容</translation>
    </message>
    <message>
        <source>Note: what was handed in</source>
        <translation>备注：提交了哪些材料</translation>
    </message>
    <message>
        <source>Mark submitted</source>
        <translation>标为已提交</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>核验</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>驳回</translation>
    </message>
    <message>
        <source>Reps hand documents in; risk officers verify them.</source>
        <translation>客户经理提交材料，风控合规专员负责核验。</translation>
    </message>
    <message>
        <source>Choose an item in the list first.</source>
        <translation>请先在列表中选择一项。</translation>
    </message>
    <message>
        <source>Nothing was saved: %1</source>
        <translation>未保存任何内容：%1</translation>
    </message>
    <message>
        <source>Saved on this computer; it goes to the server with the next sync.</source>
        <translation>已保存到本机，下次同步时发送到服务器。</translation>
    </message>
    <message>
        <source>Verified: %1 of %2</source>
        <translation>已核验：%1/%2</translation>
    </message>
</context>
<context>
    <name>branchline::LeadBoard</name>
    <message>
        <source>Drop a lead here to convert it into a customer.</source>
        <translation>将线索拖到此处即可转为客户。</translation>
    </message>
    <message>
        <source>No leads here.</source>
        <translation>暂无线索。</translation>
    </message>
</context>
<context>
    <name>branchline::LeadCardDelegate</name>
    <message>
        <source>Pending</source>
        <translation>待同步</translation>
    </message>
</context>
<context>
    <name>branchline::LeadColumnModel</name>
    <message>
        <source>Score %1 · %2</source>
        <translation>评分 %1 · %2</translation>
    </message>
    <message>
        <source>Interested in: %1</source>
        <translation>意向产品：%1</translation>
    </message>
    <message>
        <source>Saved on this computer; waiting for the server.</source>
        <translation>已保存在本机，等待服务器确认。</translation>
    </message>
</context>
<context>
    <name>branchline::LeadListModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
</context>
<context>
    <name>branchline::LeadsPage</name>
    <message>
        <source>changed here, waiting for the server</source>
        <translation>本机已修改，等待服务器确认</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>线索</translation>
    </message>
    <message>
        <source>Search names, companies, cities and notes, or a full mobile number</source>
        <translation>搜索姓名、公司、城市和备注，或输入完整手机号</translation>
    </message>
    <message>
        <source>Find leads</source>
        <translation>查找线索</translation>
    </message>
    <message>
        <source>Board</source>
        <translation>看板</translation>
    </message>
    <message>
        <source>List</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>Convert into customer…</source>
        <translation>转为客户…</translation>
    </message>
    <message>
        <source>Make the selected lead a customer</source>
        <translation>将选中的线索转为客户</translation>
    </message>
    <message>
        <source>Your role may not convert leads: the lead&apos;s sales rep does.</source>
        <translation>您的角色不能转化线索：请由线索的客户经理转化。</translation>
    </message>
    <message>
        <source>Your role may not convert leads into customers: the lead&apos;s sales rep does.</source>
        <translation>您的角色不能将线索转为客户：请由线索的客户经理转化。</translation>
    </message>
    <message>
        <source>This lead was converted into a customer already.</source>
        <translation>该线索已转为客户。</translation>
    </message>
    <message>
        <source>Open customer</source>
        <translation>打开客户</translation>
    </message>
    <message>
        <source>Move to</source>
        <translation>移至</translation>
    </message>
</context>
<context>
    <name>branchline::LostRaceNotice</name>
    <message>
        <source>Apply mine again</source>
        <translation>重新应用我的值</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>查看</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Your change to %1 of %2 was replaced by your newer edit on another computer. The older value is kept in the conflict journal.</source>
        <translation>您对%2的“%1”所做的修改已被您在另一台电脑上较新的修改替换。较早的值保存在冲突日志中。</translation>
    </message>
    <message>
        <source>someone else</source>
        <translation>其他人</translation>
    </message>
    <message>
        <source>Your change to %1 of %2 was replaced by a newer edit by %3. Your value is kept in the conflict journal.</source>
        <translation>您对%2的“%1”所做的修改已被%3较新的修改替换。您的值保存在冲突日志中。</translation>
    </message>
    <message numerus="yes">
        <source>%n of your changes were replaced by newer edits of the same fields. Your values are kept in the conflict journal.</source>
        <translation>
            <numerusform>您有 %n 处修改被同一字段较新的修改替换。您的值保存在冲突日志中。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>branchline::LostReasonDialog</name>
    <message>
        <source>Lead lost</source>
        <translation>线索流失</translation>
    </message>
    <message>
        <source>Why was %1 lost?</source>
        <translation>%1 为什么流失？</translation>
    </message>
    <message>
        <source>Chose another provider</source>
        <translation>选择了其他机构</translation>
    </message>
    <message>
        <source>Fees too high</source>
        <translation>费率过高</translation>
    </message>
    <message>
        <source>Volume too small</source>
        <translation>交易量太小</translation>
    </message>
    <message>
        <source>Not eligible</source>
        <translation>不符合条件</translation>
    </message>
    <message>
        <source>Could not be reached</source>
        <translation>联系不上</translation>
    </message>
    <message>
        <source>No longer interested</source>
        <translation>不再感兴趣</translation>
    </message>
    <message>
        <source>Pick a reason or type your own</source>
        <translation>选择原因或自行填写</translation>
    </message>
    <message>
        <source>The reason is added to the lead&apos;s notes with today&apos;s date.</source>
        <translation>原因将连同今天的日期记入线索备注。</translation>
    </message>
    <message>
        <source>Mark as lost</source>
        <translation>标为流失</translation>
    </message>
</context>
<context>
    <name>branchline::MainWindow</name>
    <message>
        <source>Branchline — %1</source>
        <translation>Branchline 客户管理 — %1</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>线索</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation>审批</translation>
    </message>
    <message>
        <source>Dashboards</source>
        <translation>仪表盘</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>立即同步(&amp;S)</translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Remove this account from this computer…</source>
        <translation>从本机移除此账户(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Remove %1&apos;s data and keys from this computer? Signing in again downloads everything anew.</source>
        <translation>要从本机移除 %1 的数据和密钥吗？再次登录时将重新下载全部数据。</translation>
    </message>
    <message numerus="yes">
        <source>%n edit(s) have not reached the server yet and will be lost.</source>
        <translation>
            <numerusform>还有 %n 条修改尚未送达服务器，将会丢失。</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove account</source>
        <translation>移除账户</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>偏好设置(&amp;P)…</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) waiting for your decision</source>
        <translation>
            <numerusform>%n 条申请待您审批</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n approval update(s) for you</source>
        <translation>
            <numerusform>您有 %n 条审批动态</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Branchline</source>
        <translation>关于 Branchline(&amp;A)</translation>
    </message>
    <message>
        <source>The local store is not open.</source>
        <translation>本地存储未打开。</translation>
    </message>
</context>
<context>
    <name>branchline::MerchantPanel</name>
    <message>
        <source>Not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>Terms</source>
        <translation>商务条款</translation>
    </message>
    <message>
        <source>MCC</source>
        <translation>商户类别码（MCC）</translation>
    </message>
    <message>
        <source>Debit card fee rate</source>
        <translation>借记卡费率</translation>
    </message>
    <message>
        <source>Credit card fee rate</source>
        <translation>贷记卡费率</translation>
    </message>
    <message>
        <source>QR code fee rate</source>
        <translation>扫码费率</translation>
    </message>
    <message>
        <source>Credit limit</source>
        <translation>授信额度</translation>
    </message>
    <message>
        <source>Settlement account</source>
        <translation>结算账户</translation>
    </message>
    <message>
        <source>These terms change only through an approval.</source>
        <translation>这些条款只能通过审批变更。</translation>
    </message>
    <message>
        <source>Terminals</source>
        <translation>终端</translation>
    </message>
    <message>
        <source>Merchant</source>
        <translation>商户</translation>
    </message>
    <message>
        <source>Borrower</source>
        <translation>借款人</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <comment>MCC and what it stands for</comment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>None granted</source>
        <translation>未授信</translation>
    </message>
    <message>
        <source>Not on file</source>
        <translation>未登记</translation>
    </message>
    <message>
        <source>No terminals placed yet.</source>
        <translation>尚未布放终端。</translation>
    </message>
    <message>
        <source>%1 of %2 taking payments</source>
        <translation>共 %2 台，%1 台正在收款</translation>
    </message>
</context>
<context>
    <name>branchline::MerchantTabs</name>
    <message>
        <source>Volume</source>
        <translation>交易额</translation>
    </message>
    <message>
        <source>KYC</source>
        <comment>the KYC checklist&apos;s tab</comment>
        <translation>尽调</translation>
    </message>
</context>
<context>
    <name>branchline::MerchantVolumeModel</name>
    <message>
        <source>MMM yyyy</source>
        <comment>a month in the volume table and chart</comment>
        <translation>yyyy年M月</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>交易额</translation>
    </message>
    <message>
        <source>Transactions</source>
        <translation>交易笔数</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>退款金额</translation>
    </message>
    <message>
        <source>Chargebacks</source>
        <translation>拒付笔数</translation>
    </message>
</context>
<context>
    <name>branchline::NewCustomerDialog</name>
    <message>
        <source>New customer</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <source>As on the business licence or ID card</source>
        <translation>与营业执照或身份证一致</translation>
    </message>
    <message>
        <source>18 characters</source>
        <translation>18 位</translation>
    </message>
    <message>
        <source>Mainland mobile number</source>
        <translation>中国大陆手机号</translation>
    </message>
    <message>
        <source>4 digits, e.g. 5812</source>
        <translation>4 位数字，如 5812</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Legal name</source>
        <translation>法定名称</translation>
    </message>
    <message>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Resident ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>MCC</source>
        <translation>商户类别码（MCC）</translation>
    </message>
    <message>
        <source>The customer is saved as a prospect owned by you. Identity papers are needed from onboarding on.</source>
        <translation>客户将保存为潜在客户，由您负责。进入入网阶段后需提供身份证件。</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Fix the marked fields; nothing was saved.</source>
        <translation>请修改标出的字段；未保存任何内容。</translation>
    </message>
</context>
<context>
    <name>branchline::PassphraseDialog</name>
    <message>
        <source>Choose a passphrase</source>
        <translation>设置口令</translation>
    </message>
    <message>
        <source>Unlock the local store</source>
        <translation>解锁本地数据库</translation>
    </message>
    <message>
        <source>This computer has no system keychain, so the data of %1 is encrypted with a passphrase you choose. Nobody can recover it: if it is forgotten, the data on this computer must be rebuilt from the server.</source>
        <translation>这台电脑没有系统钥匙串，因此 %1 的数据将使用您设置的口令加密。口令无法找回：一旦忘记，本机数据只能从服务器重建。</translation>
    </message>
    <message>
        <source>Enter the passphrase of %1 to open its data.</source>
        <translation>请输入 %1 的口令以打开其数据。</translation>
    </message>
    <message>
        <source>That passphrase did not unlock the data of %1. Check the keyboard layout and Caps Lock, and try again.</source>
        <translation>该口令未能解锁 %1 的数据。请检查键盘布局和大写锁定键后重试。</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>口令(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Repeat it:</source>
        <translation>再次输入(&amp;R)：</translation>
    </message>
    <message>
        <source>Encrypt</source>
        <translation>加密</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message numerus="yes">
        <source>Use at least %n characters.</source>
        <translation>
            <numerusform>口令至少需要 %n 个字符。</numerusform>
        </translation>
    </message>
    <message>
        <source>The two passphrases are not the same yet.</source>
        <translation>两次输入的口令不一致。</translation>
    </message>
    <message>
        <source>Enter the passphrase.</source>
        <translation>请输入口令。</translation>
    </message>
</context>
<context>
    <name>branchline::PiiReveal</name>
    <message>
        <source>Showing the full value needs the server: it asks for your reason and records it in the audit trail. You are offline, so the value stays masked until you are connected again.</source>
        <translation>显示明文需要服务器：服务器会询问原因并记入审计日志。您当前处于离线状态，重新联网前仍显示脱敏内容。</translation>
    </message>
    <message>
        <source>Showing the full value needs a signed-in session: the server asks for your reason and records it in the audit trail.</source>
        <translation>显示明文需要已登录的会话：服务器会询问原因并记入审计日志。</translation>
    </message>
    <message>
        <source>You typed a new value for “%1”. Save it or clear the field first: revealing shows the value the server has.</source>
        <translation>您已为“%1”输入了新值。请先保存或清空该字段：显示明文显示的是服务器上的值。</translation>
    </message>
    <message>
        <source>Shown for: %1. Masked again at %2.</source>
        <translation>查看原因：%1。将于 %2 重新脱敏。</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <source>Mask the full value again</source>
        <translation>重新脱敏显示</translation>
    </message>
    <message>
        <source>Asking…</source>
        <translation>请求中…</translation>
    </message>
    <message>
        <source>Waiting for the server</source>
        <translation>正在等待服务器</translation>
    </message>
    <message>
        <source>Reveal</source>
        <translation>显示明文</translation>
    </message>
    <message>
        <source>Show the full value</source>
        <translation>显示完整内容</translation>
    </message>
</context>
<context>
    <name>branchline::QueryRunner</name>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
</context>
<context>
    <name>branchline::QueryRunnerCore</name>
    <message>
        <source>The local store is not open.</source>
        <translation>本地存储未打开。</translation>
    </message>
    <message>
        <source>The figures could not be read from the local store.</source>
        <translation>无法从本地存储读取数据。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
</context>
<context>
    <name>branchline::ReminderController</name>
    <message numerus="yes">
        <source>%n task(s) need your attention</source>
        <translation>
            <numerusform>%n 项任务需要处理</numerusform>
        </translation>
    </message>
    <message>
        <source>Overdue since %1</source>
        <translation>自 %1 起已逾期</translation>
    </message>
    <message>
        <source>Due %1</source>
        <translation>%1 截止</translation>
    </message>
</context>
<context>
    <name>branchline::RequestChangeDialog</name>
    <message>
        <source>Request a change — %1</source>
        <translation>申请变更 — %1</translation>
    </message>
    <message>
        <source>&amp;Request:</source>
        <translation>申请类型(&amp;R)：</translation>
    </message>
    <message>
        <source>Once approved, the merchant becomes active.</source>
        <translation>审批通过后，商户状态变为正常。</translation>
    </message>
    <message>
        <source>Once approved, the merchant is terminated.</source>
        <translation>审批通过后，商户将解约。</translation>
    </message>
    <message>
        <source>Rea&amp;son (required):</source>
        <translation>理由（必填）(&amp;S)：</translation>
    </message>
    <message>
        <source>Send for approval</source>
        <translation>提交审批</translation>
    </message>
    <message>
        <source>New rates in percent; leave a rate empty to keep it.</source>
        <translation>新费率按百分比填写；留空表示不变。</translation>
    </message>
    <message>
        <source>now %1</source>
        <translation>当前 %1</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>%1 (%):</source>
        <translation>%1（%）：</translation>
    </message>
    <message>
        <source>Credit &amp;limit (yuan):</source>
        <translation>授信额度（元）(&amp;L)：</translation>
    </message>
    <message>
        <source>Set KYC status to:</source>
        <translation>尽调状态改为：</translation>
    </message>
    <message>
        <source>Now: %1</source>
        <translation>当前：%1</translation>
    </message>
    <message>
        <source>%1: enter the rate in percent with at most four decimals, like 0.38.</source>
        <translation>%1：请按百分比填写，最多四位小数，如 0.38。</translation>
    </message>
    <message>
        <source>Enter the credit limit in yuan, like 300000 or 300000.50.</source>
        <translation>请以元为单位填写授信额度，如 300000 或 300000.50。</translation>
    </message>
    <message>
        <source>Nothing was saved: %1</source>
        <translation>未保存任何内容：%1</translation>
    </message>
</context>
<context>
    <name>branchline::RescheduleDialog</name>
    <message>
        <source>Reschedule</source>
        <translation>改期</translation>
    </message>
    <message>
        <source>When is “%1” due now?</source>
        <translation>“%1”改到什么时候截止？</translation>
    </message>
    <message>
        <source>Tomorrow</source>
        <translation>明天</translation>
    </message>
    <message>
        <source>Next week</source>
        <translation>下周</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期</translation>
    </message>
    <message>
        <source>%1, %2 %3 %4</source>
        <comment>quick choice name, weekday, date, time</comment>
        <translation>%1，%2 %3 %4</translation>
    </message>
    <message>
        <source>That time has passed. Pick a time later than now.</source>
        <translation>这个时间已经过去，请选择晚于现在的时间。</translation>
    </message>
</context>
<context>
    <name>branchline::RevealReasonDialog</name>
    <message>
        <source>Show personal data</source>
        <translation>查看个人信息</translation>
    </message>
    <message>
        <source>The full value is shown only with a reason. The server records who saw it, when and why.</source>
        <translation>须填写原因才能查看明文。服务器会记录查看人、时间和原因。</translation>
    </message>
    <message>
        <source>Pick a common reason…</source>
        <translation>选择常用原因…</translation>
    </message>
    <message>
        <source>Verify the customer&apos;s identity</source>
        <translation>核实客户身份</translation>
    </message>
    <message>
        <source>Call the customer back</source>
        <translation>回访客户</translation>
    </message>
    <message>
        <source>KYC or due diligence review</source>
        <translation>KYC／尽职调查复核</translation>
    </message>
    <message>
        <source>Prepare contract or onboarding documents</source>
        <translation>准备合同或入网材料</translation>
    </message>
    <message>
        <source>Handle the customer&apos;s request or complaint</source>
        <translation>处理客户请求或投诉</translation>
    </message>
    <message>
        <source>Why do you need to see it?</source>
        <translation>为什么需要查看？</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Common reasons</source>
        <translation>常用原因</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Give a reason: it is recorded in the audit trail with your name.</source>
        <translation>请填写原因：原因会连同您的姓名记入审计日志。</translation>
    </message>
    <message>
        <source>Say a little more: a reason needs at least %1 letters or digits.</source>
        <translation>请再具体一些：原因至少需要 %1 个文字或数字。</translation>
    </message>
</context>
<context>
    <name>branchline::Session</name>
    <message>
        <source>The login name or the password is wrong. Check Caps Lock and the keyboard layout.</source>
        <translation>登录名或密码错误。请检查大写锁定键和键盘布局。</translation>
    </message>
    <message>
        <source>Too many wrong passwords: this account is locked for a while. The server says: %1</source>
        <translation>密码错误次数过多，此账户已被暂时锁定。服务器的说明：%1</translation>
    </message>
    <message>
        <source>This account is disabled. Ask your administrator.</source>
        <translation>此账户已被停用。请联系管理员。</translation>
    </message>
    <message>
        <source>The server cannot be reached. Check the address and the network connection. (%1)</source>
        <translation>无法连接服务器。请检查服务器地址和网络连接。（%1）</translation>
    </message>
    <message>
        <source>The server refused the sign-in: %1</source>
        <translation>服务器拒绝了登录：%1</translation>
    </message>
    <message>
        <source>The sign-in did not finish. Try again.</source>
        <translation>登录没有完成。请重试。</translation>
    </message>
    <message>
        <source>Signed out, but the system keychain would not remove the saved session. Unlock the keychain and sign out again.</source>
        <translation>已退出登录，但系统钥匙串未能删除保存的会话。请解锁钥匙串后再退出一次。</translation>
    </message>
    <message>
        <source>The file %1 could not be deleted. Close other programs that use it and try again.</source>
        <translation>无法删除文件 %1。请关闭正在使用它的其他程序后重试。</translation>
    </message>
    <message>
        <source>The data was deleted, but the system keychain still holds an entry of this account. Remove &quot;%1&quot; there by hand.</source>
        <translation>数据已删除，但系统钥匙串中仍保留此账户的条目。请在钥匙串中手动删除“%1”。</translation>
    </message>
    <message>
        <source>Signed out, but the saved session could not be removed from the local store. Sign out again.</source>
        <translation>已退出登录，但本地数据库中保存的会话未能删除。请再次退出登录。</translation>
    </message>
    <message>
        <source>You are not signed in, so the value stays masked.</source>
        <translation>您尚未登录，仍显示脱敏内容。</translation>
    </message>
</context>
<context>
    <name>branchline::SettingsDialog</name>
    <message>
        <source>Preferences</source>
        <translation>偏好设置</translation>
    </message>
    <message>
        <source>Follow the system (%1)</source>
        <translation>跟随系统（%1）</translation>
    </message>
    <message>
        <source>Set by your branch&apos;s IT for this computer; ask them to change it.</source>
        <translation>由贵网点的 IT 人员为本机设定；如需更改请联系他们。</translation>
    </message>
    <message>
        <source>The window changes language at once; what you were working on stays open.</source>
        <translation>窗口会立即切换语言，正在处理的内容保持打开。</translation>
    </message>
    <message>
        <source>Interface &amp;language:</source>
        <translation>界面语言(&amp;L)：</translation>
    </message>
    <message>
        <source>The customer you have open has edits that are not saved. Save or discard them first, then change the language.</source>
        <translation>当前打开的客户有尚未保存的修改。请先保存或放弃这些修改，再切换语言。</translation>
    </message>
</context>
<context>
    <name>branchline::ShareDashboardDialog</name>
    <message>
        <source>Share “%1”</source>
        <translation>共享“%1”</translation>
    </message>
    <message>
        <source>The people you share with see this dashboard read-only, with their own data: each sees only the records they may see.</source>
        <translation>共享对象以只读方式查看此仪表盘，数据各自独立：每人只看到自己有权查看的记录。</translation>
    </message>
    <message>
        <source>Everyone in these roles:</source>
        <translation>以下角色的所有人：</translation>
    </message>
    <message>
        <source>Everyone in these branches and those below them:</source>
        <translation>以下网点及其下级网点的所有人：</translation>
    </message>
</context>
<context>
    <name>branchline::SignInController</name>
    <message>
        <source>Sign in as %1 here.</source>
        <translation>请在此以 %1 登录。</translation>
    </message>
</context>
<context>
    <name>branchline::SignInDialog</name>
    <message>
        <source>Sign in to Branchline</source>
        <translation>登录 Branchline</translation>
    </message>
    <message>
        <source>Use the account your branch gave you. Your data is kept on this computer, encrypted, so you can also work offline.</source>
        <translation>请使用所在机构分配给您的账户。您的数据加密保存在本机，离线时也能工作。</translation>
    </message>
    <message>
        <source>&amp;Server address:</source>
        <translation>服务器地址(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Login name:</source>
        <translation>登录名(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Set by your branch&apos;s IT; ask them to change it.</source>
        <translation>由所在机构的 IT 人员设定；如需更改请联系他们。</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <source>Getting your data</source>
        <translation>正在获取您的数据</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address, for example https://crm.example.cn.</source>
        <translation>请输入服务器地址，例如 https://crm.example.cn。</translation>
    </message>
</context>
<context>
    <name>branchline::SqlCipherDriver</name>
    <message>
        <source>The local store could not be unlocked: the key is wrong, or the file is damaged or is not a Branchline store. The file was not changed.</source>
        <translation>无法解锁本地数据库：密钥错误，或文件已损坏，或该文件不是 Branchline 本地数据库。文件未作任何改动。</translation>
    </message>
    <message>
        <source>The disk is full. The change was not saved and nothing was lost; free some space and try again.</source>
        <translation>磁盘已满。本次修改未保存，也未丢失任何数据；请释放部分磁盘空间后重试。</translation>
    </message>
    <message>
        <source>The local store is busy in another window or program. Try again in a moment.</source>
        <translation>本地数据库正被另一个窗口或程序使用。请稍后重试。</translation>
    </message>
    <message>
        <source>The local store may not be written here. Check the permissions of its folder.</source>
        <translation>无权在此位置写入本地数据库。请检查其所在文件夹的权限。</translation>
    </message>
    <message>
        <source>The local store file could not be opened. Check that its folder exists and that you may write to it.</source>
        <translation>无法打开本地数据库文件。请检查其所在文件夹是否存在，以及您是否有写入权限。</translation>
    </message>
    <message>
        <source>Reading or writing the local store failed (input/output error). Check the disk.</source>
        <translation>读写本地数据库失败（输入/输出错误）。请检查磁盘。</translation>
    </message>
    <message>
        <source>The change breaks a rule of the store (for example a duplicate key) and was not saved.</source>
        <translation>此修改违反了本地数据库的约束规则（例如键值重复），未予保存。</translation>
    </message>
    <message>
        <source>No key was given for the local store; it is never opened without encryption.</source>
        <translation>未提供本地数据库的密钥；本地数据库不会在未加密的状态下打开。</translation>
    </message>
    <message>
        <source>The local store is not open.</source>
        <translation>本地数据库未打开。</translation>
    </message>
    <message>
        <source>Exactly one SQL statement can be prepared at a time.</source>
        <translation>一次只能预处理一条 SQL 语句。</translation>
    </message>
    <message>
        <source>The query is empty.</source>
        <translation>查询语句为空。</translation>
    </message>
    <message>
        <source>The statement expects %1 values but %2 were given.</source>
        <translation>该语句需要 %1 个值，但提供了 %2 个。</translation>
    </message>
    <message>
        <source>A value of type %1 cannot be stored.</source>
        <translation>无法存储类型为 %1 的值。</translation>
    </message>
    <message>
        <source>No statement was prepared.</source>
        <translation>尚未预处理任何语句。</translation>
    </message>
    <message>
        <source>The local store is damaged. The file was not changed; restore it from its backup or sign in again to rebuild it from the server.</source>
        <translation>本地数据库已损坏。文件未作任何改动；请从备份恢复，或重新登录以从服务器重建。</translation>
    </message>
    <message>
        <source>Out of memory while using the local store. Close other programs and try again.</source>
        <translation>使用本地数据库时内存不足。请关闭其他程序后重试。</translation>
    </message>
    <message>
        <source>The local store reported an unexpected error and nothing was saved. Try again, and tell IT support if it happens again.</source>
        <translation>本地数据库发生意外错误，未保存任何内容。请重试；如再次出现，请联系 IT 支持。</translation>
    </message>
</context>
<context>
    <name>branchline::StartupFlow</name>
    <message>
        <source>The key of the data on this computer is gone from the system keychain, so the data cannot be opened. Signing in rebuilds it from the server; edits that were not sent yet are lost.</source>
        <translation>系统钥匙串中已找不到本机数据的密钥，因此无法打开这些数据。登录后将从服务器重建数据；尚未发送的修改会丢失。</translation>
    </message>
    <message>
        <source>Enter your password to sign in again. The data on this computer is kept.</source>
        <translation>请输入密码重新登录。本机上的数据会保留。</translation>
    </message>
    <message>
        <source>Your session on the server has ended. Enter your password to continue syncing; your work on this computer is kept.</source>
        <translation>您在服务器上的会话已结束。请输入密码以继续同步；您在本机上的工作会保留。</translation>
    </message>
</context>
<context>
    <name>branchline::StatusPanel</name>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Send your edits and fetch the latest (F5)</source>
        <translation>上传您的修改并获取最新数据（F5）</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● 在线</translation>
    </message>
    <message>
        <source>○ Offline</source>
        <translation>○ 离线</translation>
    </message>
    <message>
        <source>Connected to the server; edits are sent at once.</source>
        <translation>已连接服务器；修改会立即上传。</translation>
    </message>
    <message>
        <source>Working offline: edits are kept on this computer and sent when the server can be reached.</source>
        <translation>离线工作中：修改保存在本机，连上服务器后自动上传。</translation>
    </message>
    <message>
        <source>Never synced</source>
        <translation>从未同步</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>刚刚</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>%n 分钟前</numerusform>
        </translation>
    </message>
    <message>
        <source>Synced %1</source>
        <translation>已同步：%1</translation>
    </message>
    <message>
        <source>All edits sent</source>
        <translation>修改已全部上传</translation>
    </message>
    <message numerus="yes">
        <source>%n edit(s) waiting to be sent</source>
        <translation>
            <numerusform>%n 条修改等待上传</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n 个冲突</numerusform>
        </translation>
    </message>
    <message>
        <source>Edits that met another edit on the server: review them.</source>
        <translation>与服务器上其他修改相冲突的编辑：请查看处理。</translation>
    </message>
</context>
<context>
    <name>branchline::TaskActions</name>
    <message>
        <source>Complete</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Tomorrow</source>
        <translation>明天</translation>
    </message>
    <message>
        <source>Next week</source>
        <translation>下周</translation>
    </message>
    <message>
        <source>Pick a date and time…</source>
        <translation>选择日期和时间…</translation>
    </message>
    <message>
        <source>Open customer</source>
        <translation>打开客户</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Reschedule</source>
        <translation>改期</translation>
    </message>
    <message>
        <source>Move the task to another day (Ctrl+T tomorrow, Ctrl+Shift+T next week, Ctrl+E a date and time)</source>
        <translation>改到其他日期（Ctrl+T 明天，Ctrl+Shift+T 下周，Ctrl+E 选择日期和时间）</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>Undo: %1</source>
        <translation>撤销：%1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>action (its shortcut)</comment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>complete “%1”</source>
        <translation>完成“%1”</translation>
    </message>
    <message>
        <source>reopen “%1”</source>
        <translation>重新打开“%1”</translation>
    </message>
    <message>
        <source>reschedule “%1”</source>
        <translation>改期“%1”</translation>
    </message>
    <message>
        <source>This task is not about a customer on this computer.</source>
        <translation>这项任务没有关联本机上的客户。</translation>
    </message>
</context>
<context>
    <name>branchline::TaskAgendaModel</name>
    <message>
        <source>%1 (%2)</source>
        <comment>group name (number of tasks)</comment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Customer or lead</source>
        <translation>客户/线索</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
</context>
<context>
    <name>branchline::TaskListModel</name>
    <message>
        <source>No due date</source>
        <translation>无截止日期</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>截止时间</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>branchline::TasksPage</name>
    <message>
        <source>My tasks</source>
        <translation>我的任务</translation>
    </message>
    <message>
        <source>Nothing to do: no open tasks.</source>
        <translation>没有待办：当前没有未完成的任务。</translation>
    </message>
    <message>
        <source>changed here, waiting for the server</source>
        <translation>本机已修改，等待服务器确认</translation>
    </message>
</context>
<context>
    <name>branchline::TerminalListModel</name>
    <message>
        <source>Never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>序列号</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>安装日期</translation>
    </message>
    <message>
        <source>Last payment</source>
        <translation>最近交易</translation>
    </message>
</context>
<context>
    <name>branchline::TileFrame</name>
    <message>
        <source>Export and other actions</source>
        <translation>导出及其他操作</translation>
    </message>
    <message>
        <source>Loading</source>
        <translation>加载中</translation>
    </message>
    <message>
        <source>Actions for %1</source>
        <translation>%1 的操作</translation>
    </message>
</context>
<context>
    <name>branchline::TrayIcon</name>
    <message>
        <source>&amp;Open Branchline</source>
        <translation>打开 Branchline(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>立即同步(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
</context>
<context>
    <name>branchline::VolumeChart</name>
    <message>
        <source>Volume</source>
        <translation>交易额</translation>
    </message>
    <message>
        <source>¥ thousand</source>
        <translation>千元</translation>
    </message>
    <message>
        <source>MMM</source>
        <comment>a month under a bar</comment>
        <translation>M月</translation>
    </message>
    <message>
        <source>MMM yy</source>
        <comment>a month under a bar, with its year</comment>
        <translation>yy年M月</translation>
    </message>
</context>
<context>
    <name>branchline::VolumePanel</name>
    <message>
        <source>No figures from the transaction system yet.</source>
        <translation>暂无来自交易系统的数据。</translation>
    </message>
    <message>
        <source>%1 – %2: volume %3 · transactions %4 · refunds %5 of the volume · chargebacks %6</source>
        <translation>%1 – %2：交易额 %3 · 交易笔数 %4 · 退款占交易额 %5 · 拒付 %6 笔</translation>
    </message>
</context>
<context>
    <name>branchline::WidgetEditor</name>
    <message>
        <source>Drop dimensions here</source>
        <translation>将维度拖到此处</translation>
    </message>
    <message>
        <source>Drop measures here</source>
        <translation>将指标拖到此处</translation>
    </message>
    <message>
        <source>Drop fields to filter by here</source>
        <translation>将要筛选的字段拖到此处</translation>
    </message>
    <message>
        <source>Compare with the previous period</source>
        <translation>与上一期间比较</translation>
    </message>
    <message>
        <source>Values, separated by commas</source>
        <translation>多个值以逗号分隔</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Data set</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Axes</source>
        <translation>坐标轴</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>筛选</translation>
    </message>
    <message>
        <source>Option</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>Filter values</source>
        <translation>筛选值</translation>
    </message>
    <message>
        <source>Top N</source>
        <translation>前 N 项</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Rename widget</source>
        <translation>重命名组件</translation>
    </message>
    <message>
        <source>Change widget type</source>
        <translation>更改组件类型</translation>
    </message>
    <message>
        <source>Change data set</source>
        <translation>更改数据集</translation>
    </message>
    <message>
        <source>Remove dimension</source>
        <translation>删除维度</translation>
    </message>
    <message>
        <source>Remove measure</source>
        <translation>删除指标</translation>
    </message>
    <message>
        <source>Remove filter</source>
        <translation>删除筛选</translation>
    </message>
    <message>
        <source>Change top N</source>
        <translation>更改前 N 项</translation>
    </message>
    <message>
        <source>Change comparison</source>
        <translation>更改比较</translation>
    </message>
    <message>
        <source>Add dimension</source>
        <translation>添加维度</translation>
    </message>
    <message>
        <source>Add measure</source>
        <translation>添加指标</translation>
    </message>
    <message>
        <source>Add filter</source>
        <translation>添加筛选</translation>
    </message>
    <message>
        <source>Change filter</source>
        <translation>更改筛选</translation>
    </message>
    <message>
        <source>Change measure</source>
        <translation>更改指标</translation>
    </message>
    <message>
        <source>Change date grouping</source>
        <translation>更改日期分组</translation>
    </message>
</context>
<context>
    <name>branchline::WidgetPalette</name>
    <message>
        <source>Drag a widget onto the grid, or double-click to add it</source>
        <translation>将组件拖到网格上，或双击添加</translation>
    </message>
</context>
<context>
    <name>branchline::sync::SyncEngine</name>
    <message>
        <source>Sync was cancelled; it resumes where it stopped.</source>
        <translation>同步已取消；下次将从中断处继续。</translation>
    </message>
    <message>
        <source>The server did not take every change yet (%1); sync retries.</source>
        <translation>服务器尚未接受全部更改（%1）；同步将重试。</translation>
    </message>
    <message>
        <source>The server acknowledged no change; sync retries.</source>
        <translation>服务器未确认任何更改；同步将重试。</translation>
    </message>
    <message>
        <source>The server no longer sends %1 of the %2 records on this computer. Nothing was deleted; confirm to remove them.</source>
        <translation>服务器已不再提供这台计算机上 %2 条记录中的 %1 条。尚未删除任何内容；请确认后再移除这些记录。</translation>
    </message>
    <message>
        <source>sending changes</source>
        <translation>正在发送更改</translation>
    </message>
    <message>
        <source>first download</source>
        <translation>首次下载</translation>
    </message>
    <message>
        <source>receiving changes</source>
        <translation>正在接收更改</translation>
    </message>
    <message>
        <source>removing records no longer shared</source>
        <translation>正在移除不再共享的记录</translation>
    </message>
    <message>
        <source>building the search index</source>
        <translation>正在建立搜索索引</translation>
    </message>
    <message>
        <source>waiting to retry</source>
        <translation>等待重试</translation>
    </message>
</context>
<context>
    <name>branchline::sync::SyncWorkerCore</name>
    <message>
        <source>The local store is not open.</source>
        <translation>本地数据库未打开。</translation>
    </message>
    <message>
        <source>The request was cancelled; the value stays masked.</source>
        <translation>请求已取消，仍显示脱敏内容。</translation>
    </message>
    <message>
        <source>The value stays masked. %1</source>
        <translation>仍显示脱敏内容。%1</translation>
    </message>
    <message>
        <source>The server needs a longer reason before it shows personal data.</source>
        <translation>服务器要求填写更详细的原因后才显示个人信息。</translation>
    </message>
    <message>
        <source>Your session with the server has ended: sign in again to see the full value.</source>
        <translation>您与服务器的会话已结束：请重新登录后再查看明文。</translation>
    </message>
    <message>
        <source>Your role may not see this personal data unmasked, so it stays masked.</source>
        <translation>您的角色无权查看此个人信息的明文，仍显示脱敏内容。</translation>
    </message>
    <message>
        <source>The server does not allow you to see this: %1</source>
        <translation>服务器不允许您查看：%1</translation>
    </message>
    <message>
        <source>The server has no such customer for you: it may not have reached the server yet, or it is no longer in your scope.</source>
        <translation>服务器上没有您可查看的该客户：它可能尚未同步到服务器，或已不在您的数据范围内。</translation>
    </message>
    <message>
        <source>The server could not show the full value: %1</source>
        <translation>服务器无法显示明文：%1</translation>
    </message>
    <message>
        <source>You are not signed in to the server, so the value stays masked.</source>
        <translation>您尚未登录服务器，仍显示脱敏内容。</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Branchline</source>
        <translation>Branchline 客户管理</translation>
    </message>
    <message>
        <source>Branch configuration</source>
        <translation>网点配置</translation>
    </message>
    <message>
        <source>Smoke test failed: not signed in, or the first sync did not finish.</source>
        <translation>冒烟测试失败：未登录，或首次同步未完成。</translation>
    </message>
    <message>
        <source>Smoke test failed: the local store cannot be read.</source>
        <translation>冒烟测试失败：无法读取本地库。</translation>
    </message>
    <message numerus="yes">
        <source>signed in as %1 at %2; %n customer(s) in the encrypted local store</source>
        <translation>
            <numerusform>已以 %1 登录 %2；加密本地库中有 %n 位客户</numerusform>
        </translation>
    </message>
</context>
</TS>
