-- Whether a waiver applied to the finding in that run (an accepted risk, out of the gate), so the
-- next run can say which findings are newly waived and whose waiver expired. Runs recorded before
-- waivers existed had none.
ALTER TABLE audit_finding ADD COLUMN waived BOOLEAN DEFAULT FALSE NOT NULL;
