-- What AuditRetention deletes by: the audit rows' and visits' times, and when a write-back was written.
create index audit_event_occurred on audit_event (occurred_at);
create index visit_report_visit_at on visit_report (visit_at);
create index ehr_write_written on ehr_write (written_at) where written_at is not null;
