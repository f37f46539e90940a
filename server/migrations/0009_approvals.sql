-- SPDX-License-Identifier: GPL-3.0-or-later
-- Branchline server, migration 9: approval flows, requests, steps and decisions

-- Flow definitions, versioned: a change is a new version, never an edit, and a request
-- keeps the version it started with. One version of each code is active: new requests
-- follow it.
CREATE TABLE approval_flows (
    code       TEXT    NOT NULL,
    version    INTEGER NOT NULL CHECK (version >= 1),
    definition TEXT    NOT NULL,           -- JSON, FlowDefinition
    created_by TEXT REFERENCES users (id),  -- NULL for the built-in flows
    created_at TEXT    NOT NULL,
    active     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (code, version)
);
CREATE UNIQUE INDEX approval_flows_one_active ON approval_flows (code) WHERE active = 1;
-- @sqlite
CREATE TRIGGER approval_flows_never_edited
BEFORE UPDATE OF code, version, definition, created_by, created_at ON approval_flows
BEGIN
    SELECT RAISE(ABORT, 'approval flow versions are never edited');
END;
CREATE TRIGGER approval_flows_never_deleted BEFORE DELETE ON approval_flows
BEGIN
    SELECT RAISE(ABORT, 'approval flow versions are never deleted');
END;
-- @postgres
CREATE FUNCTION approval_flows_are_versioned() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'approval flow versions are never deleted';
    END IF;
    IF NEW.code IS DISTINCT FROM OLD.code OR NEW.version IS DISTINCT FROM OLD.version
       OR NEW.definition IS DISTINCT FROM OLD.definition
       OR NEW.created_by IS DISTINCT FROM OLD.created_by
       OR NEW.created_at IS DISTINCT FROM OLD.created_at THEN
        RAISE EXCEPTION 'approval flow versions are never edited';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER approval_flows_never_edited BEFORE UPDATE OR DELETE ON approval_flows
    FOR EACH ROW EXECUTE FUNCTION approval_flows_are_versioned();
-- @end

-- Synced tables. Clients insert requests and decisions; the server resolves steps,
-- re-checks every decision and applies the effect of an approved request.
CREATE TABLE approval_requests (
    id            TEXT PRIMARY KEY NOT NULL,
    flow_code     TEXT    NOT NULL,
    flow_version  INTEGER NOT NULL,
    record_table  TEXT    NOT NULL,
    record_id     TEXT    NOT NULL,
    record_label  TEXT    NOT NULL DEFAULT '',
    requester_id  TEXT    NOT NULL REFERENCES users (id),
    branch_id     TEXT,                    -- the requester's branch when they asked
    proposed      TEXT    NOT NULL DEFAULT '{}',   -- JSON: the values asked for
    before_values TEXT    NOT NULL DEFAULT '{}',   -- JSON: those fields when asked
    reason        TEXT    NOT NULL DEFAULT '',
    status        TEXT    NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'approved', 'rejected', 'returned', 'withdrawn')),
    current_step  INTEGER NOT NULL DEFAULT 0,
    round         INTEGER NOT NULL DEFAULT 1,
    decided_at    TEXT,
    version       ${BIGINT} NOT NULL DEFAULT 0,
    deleted       INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL,
    FOREIGN KEY (flow_code, flow_version) REFERENCES approval_flows (code, version)
);
CREATE INDEX approval_requests_by_record ON approval_requests (record_table, record_id, status);
CREATE INDEX approval_requests_open ON approval_requests (status, current_step);

CREATE TABLE approval_steps (
    id               TEXT PRIMARY KEY NOT NULL,
    request_id       TEXT    NOT NULL REFERENCES approval_requests (id),
    position         INTEGER NOT NULL,
    round            INTEGER NOT NULL,
    step_key         TEXT    NOT NULL,
    name_en          TEXT    NOT NULL,
    name_zh          TEXT    NOT NULL,
    mode             TEXT    NOT NULL CHECK (mode IN ('any', 'all')),
    state            TEXT    NOT NULL
                     CHECK (state IN ('waiting', 'pending', 'approved', 'rejected', 'returned',
                                      'cancelled')),
    approvers        TEXT    NOT NULL DEFAULT '[]',  -- JSON: ApproverSlot list
    anchor_branch_id TEXT,
    due_hours        INTEGER NOT NULL DEFAULT 0,
    escalation       TEXT    NOT NULL DEFAULT '{}',  -- JSON: the flow's rule, pinned
    escalations      INTEGER NOT NULL DEFAULT 0,
    due_at           TEXT,
    decided_at       TEXT,
    version          ${BIGINT} NOT NULL DEFAULT 0,
    deleted          INTEGER NOT NULL DEFAULT 0,
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL,
    UNIQUE (request_id, position)
);
-- The escalation check reads the pending steps by due time.
CREATE INDEX approval_steps_due ON approval_steps (state, due_at);

-- Append-only: a decision is never changed (the change log only stamps its version).
CREATE TABLE approval_decisions (
    id            TEXT PRIMARY KEY NOT NULL,
    request_id    TEXT    NOT NULL REFERENCES approval_requests (id),
    expected_step INTEGER NOT NULL,
    decider_id    TEXT    NOT NULL REFERENCES users (id),
    on_behalf_of  TEXT,
    decision      TEXT    NOT NULL
                  CHECK (decision IN ('approve', 'reject', 'return', 'delegate', 'withdraw')),
    delegate_to   TEXT,
    comment       TEXT    NOT NULL DEFAULT '',
    decided_at    TEXT    NOT NULL,
    version       ${BIGINT} NOT NULL DEFAULT 0,
    deleted       INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
);
CREATE INDEX approval_decisions_by_request ON approval_decisions (request_id, decided_at);
-- @sqlite
CREATE TRIGGER approval_decisions_never_edited
BEFORE UPDATE OF id, request_id, expected_step, decider_id, on_behalf_of, decision, delegate_to,
                 comment, decided_at ON approval_decisions
BEGIN
    SELECT RAISE(ABORT, 'approval decisions are append-only');
END;
CREATE TRIGGER approval_decisions_never_deleted BEFORE DELETE ON approval_decisions
BEGIN
    SELECT RAISE(ABORT, 'approval decisions are append-only');
END;
-- @postgres
CREATE FUNCTION approval_decisions_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'approval decisions are append-only';
    END IF;
    IF (NEW.id, NEW.request_id, NEW.expected_step, NEW.decider_id, NEW.on_behalf_of,
        NEW.decision, NEW.delegate_to, NEW.comment, NEW.decided_at)
       IS DISTINCT FROM (OLD.id, OLD.request_id, OLD.expected_step, OLD.decider_id,
                         OLD.on_behalf_of, OLD.decision, OLD.delegate_to, OLD.comment,
                         OLD.decided_at) THEN
        RAISE EXCEPTION 'approval decisions are append-only';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER approval_decisions_never_edited BEFORE UPDATE OR DELETE ON approval_decisions
    FOR EACH ROW EXECUTE FUNCTION approval_decisions_are_append_only();
-- @end

-- Who takes part in a request: the requester and every approver it has reached (and a
-- delegate). They, and the managers above them, see it; the list only grows.
CREATE TABLE approval_audience (
    request_id TEXT NOT NULL REFERENCES approval_requests (id),
    user_id    TEXT NOT NULL REFERENCES users (id),
    PRIMARY KEY (request_id, user_id)
);
CREATE INDEX approval_audience_by_user ON approval_audience (user_id, request_id);

-- The built-in flows, version 1 and active (docs/approvals.md). An administrator changes
-- them by adding versions through the API; these rows stay as they are.
-- Amounts are fen, fee rates millionths: 5000000 fen = 50,000 yuan, 3500 = 0.35 %.
INSERT INTO approval_flows (code, version, definition, created_by, created_at, active)
VALUES ('merchant_onboarding', 1, '{"name": {"en": "Merchant onboarding", "zh_CN": "商户入网"}, "record": "customers", "effect": "activate_merchant",
 "steps": [
    {"key": "branch", "name": {"en": "Branch manager", "zh_CN": "网点负责人审批"}, "mode": "any", "approvers": [{"rule": "manager"}], "due_hours": 24, "escalate": {"to": "parent_role", "role": "branch_manager"}},
    {"key": "risk", "name": {"en": "Risk review", "zh_CN": "风控审核"}, "mode": "any", "approvers": [{"rule": "role", "role": "risk_officer", "from": "anywhere"}], "due_hours": 48, "when": {"any": [{"fact": "record.risk_level", "op": "in", "value": ["high", "prohibited"]}, {"fact": "record.mcc", "op": "in", "value": ["7995", "5933", "4829", "6051", "6211", "5993", "7273", "5967"]}]}}]}', NULL, '2026-11-23T00:00:00.000Z', 1);
INSERT INTO approval_flows (code, version, definition, created_by, created_at, active)
VALUES ('fee_rate_change', 1, '{"name": {"en": "Fee rate change", "zh_CN": "费率调整"}, "record": "customers", "effect": "set_fee_rates",
 "steps": [
    {"key": "branch", "name": {"en": "Branch manager", "zh_CN": "网点负责人审批"}, "mode": "any", "approvers": [{"rule": "manager"}], "due_hours": 24, "escalate": {"to": "parent_role", "role": "branch_manager"}},
    {"key": "region", "name": {"en": "Region manager", "zh_CN": "分行审批"}, "mode": "any", "approvers": [{"rule": "role", "role": "branch_manager", "from": "region"}], "due_hours": 48, "escalate": {"to": "parent_role", "role": "branch_manager"}, "when": {"any": [{"fact": "proposed.fee_rate_debit", "op": "lt", "value": 3500}, {"fact": "proposed.fee_rate_credit", "op": "lt", "value": 5000}, {"fact": "proposed.fee_rate_qr", "op": "lt", "value": 2500}]}},
    {"key": "risk", "name": {"en": "Risk review", "zh_CN": "风控审核"}, "mode": "any", "approvers": [{"rule": "role", "role": "risk_officer", "from": "anywhere"}], "due_hours": 48, "when": {"fact": "record.risk_level", "op": "in", "value": ["high", "prohibited"]}}]}', NULL, '2026-11-23T00:00:00.000Z', 1);
INSERT INTO approval_flows (code, version, definition, created_by, created_at, active)
VALUES ('credit_approval', 1, '{"name": {"en": "Credit approval", "zh_CN": "授信审批"}, "record": "customers", "effect": "set_credit_limit",
 "steps": [
    {"key": "branch", "name": {"en": "Branch manager", "zh_CN": "网点负责人审批"}, "mode": "any", "approvers": [{"rule": "manager"}], "due_hours": 24, "escalate": {"to": "parent_role", "role": "branch_manager"}},
    {"key": "region", "name": {"en": "Region manager", "zh_CN": "分行审批"}, "mode": "any", "approvers": [{"rule": "role", "role": "branch_manager", "from": "region"}], "due_hours": 48, "escalate": {"to": "parent_role", "role": "branch_manager"}, "when": {"fact": "proposed.credit_limit_fen", "op": "gt", "value": 5000000}},
    {"key": "committee", "name": {"en": "Credit committee", "zh_CN": "贷审会会签"}, "mode": "all", "approvers": [{"rule": "role", "role": "risk_officer", "from": "anywhere"}, {"rule": "role", "role": "branch_manager", "from": "head_office"}], "due_hours": 72, "when": {"fact": "proposed.credit_limit_fen", "op": "gt", "value": 50000000}}]}', NULL, '2026-11-23T00:00:00.000Z', 1);
INSERT INTO approval_flows (code, version, definition, created_by, created_at, active)
VALUES ('credit_limit_increase', 1, '{"name": {"en": "Credit limit increase", "zh_CN": "提额审批"}, "record": "customers", "effect": "raise_credit_limit",
 "steps": [
    {"key": "branch", "name": {"en": "Branch manager", "zh_CN": "网点负责人审批"}, "mode": "any", "approvers": [{"rule": "manager"}], "due_hours": 24, "escalate": {"to": "parent_role", "role": "branch_manager"}},
    {"key": "risk", "name": {"en": "Risk review", "zh_CN": "风控审核"}, "mode": "any", "approvers": [{"rule": "role", "role": "risk_officer", "from": "anywhere"}], "due_hours": 48, "when": {"any": [{"fact": "delta.credit_limit_fen", "op": "gt", "value": 10000000}, {"fact": "record.risk_level", "op": "in", "value": ["high", "prohibited"]}]}}]}', NULL, '2026-11-23T00:00:00.000Z', 1);
INSERT INTO approval_flows (code, version, definition, created_by, created_at, active)
VALUES ('merchant_termination', 1, '{"name": {"en": "Merchant termination", "zh_CN": "商户解约"}, "record": "customers", "effect": "terminate_merchant",
 "steps": [
    {"key": "branch", "name": {"en": "Branch manager", "zh_CN": "网点负责人审批"}, "mode": "any", "approvers": [{"rule": "manager"}], "due_hours": 24, "escalate": {"to": "parent_role", "role": "branch_manager"}},
    {"key": "region", "name": {"en": "Region manager", "zh_CN": "分行审批"}, "mode": "any", "approvers": [{"rule": "role", "role": "branch_manager", "from": "region"}], "due_hours": 48, "escalate": {"to": "parent_role", "role": "branch_manager"}}]}', NULL, '2026-11-23T00:00:00.000Z', 1);
INSERT INTO approval_flows (code, version, definition, created_by, created_at, active)
VALUES ('kyc_exception', 1, '{"name": {"en": "KYC exception", "zh_CN": "尽调例外审批"}, "record": "customers", "effect": "kyc_exception",
 "steps": [
    {"key": "branch", "name": {"en": "Branch manager", "zh_CN": "网点负责人审批"}, "mode": "any", "approvers": [{"rule": "manager"}], "due_hours": 24, "escalate": {"to": "parent_role", "role": "branch_manager"}},
    {"key": "risk", "name": {"en": "Risk review", "zh_CN": "风控审核"}, "mode": "any", "approvers": [{"rule": "role", "role": "risk_officer", "from": "anywhere"}], "due_hours": 24},
    {"key": "compliance", "name": {"en": "Compliance countersign", "zh_CN": "合规会签"}, "mode": "all", "approvers": [{"rule": "role", "role": "risk_officer", "from": "anywhere"}, {"rule": "role", "role": "branch_manager", "from": "region"}], "due_hours": 48, "when": {"fact": "record.risk_level", "op": "in", "value": ["high", "prohibited"]}}]}', NULL, '2026-11-23T00:00:00.000Z', 1);
