-- Which process runs each job execution, and when it last said it was alive. A run whose process
-- was killed (a node drain, an OOM kill, a CronJob deadline) leaves its execution STARTED in the
-- Spring Batch tables forever; with this row the next start can tell it is abandoned, mark it
-- FAILED, and let `audit --restart` resume it.
CREATE TABLE audit_run_owner (
    job_execution_id BIGINT       PRIMARY KEY,
    run_id           VARCHAR(64)  NOT NULL,
    host             VARCHAR(255) NOT NULL,
    pid              BIGINT       NOT NULL,
    heartbeat_at     TIMESTAMP    NOT NULL
);
