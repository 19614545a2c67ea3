-- One row per audit run, and the fingerprints of the findings it raised: enough to say what is
-- new, still open or resolved, and to draw the trend, without keeping whole reports in the database.
CREATE TABLE audit_run (
    run_id              VARCHAR(64)   PRIMARY KEY,
    scope_key           VARCHAR(2048) NOT NULL,
    input_kind          VARCHAR(16)   NOT NULL,
    run_folder          VARCHAR(2048) NOT NULL,
    started_at          TIMESTAMP     NOT NULL,
    finished_at         TIMESTAMP     NOT NULL,
    snapshot_sha256     CHAR(64)      NOT NULL,
    rule_catalog_digest VARCHAR(128)  NOT NULL,
    findings            INT           NOT NULL,
    critical_count      INT           NOT NULL,
    high_count          INT           NOT NULL,
    medium_count        INT           NOT NULL,
    low_count           INT           NOT NULL,
    info_count          INT           NOT NULL
);

CREATE INDEX audit_run_by_scope ON audit_run (scope_key, finished_at);

CREATE TABLE audit_finding (
    run_id        VARCHAR(64)   NOT NULL REFERENCES audit_run (run_id) ON DELETE CASCADE,
    fingerprint   VARCHAR(64)   NOT NULL,
    rule_id       VARCHAR(64)   NOT NULL,
    title         VARCHAR(512)  NOT NULL,
    severity      VARCHAR(16)   NOT NULL,
    subject_name  VARCHAR(1024),
    resource_id   VARCHAR(2048),
    subscription_id VARCHAR(64),
    first_seen    TIMESTAMP     NOT NULL,
    PRIMARY KEY (run_id, fingerprint)
);
