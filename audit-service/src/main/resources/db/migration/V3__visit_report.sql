-- Visit reports (io.ehrconnector.audit.report): one row per visit, recomputed from the visit's audit rows each time one is
-- recorded, in the same transaction, so a report shows a visit as it happens. Ids, times and counts only.
create table visit_report (
    -- <configuration id>/<appointment id>, as ehr_write.visit_key
    visit_key          varchar(400) primary key,
    configuration_id   varchar(100) not null,
    appointment_id     varchar(200) not null,
    tenant_id          varchar(100) not null,
    environment        varchar(20)  not null,
    -- what reports filter and group the visit by: its scheduled start, else its first join, else its first event
    visit_at           timestamp with time zone not null,
    department_id      varchar(200),
    -- the EHR's last filler status (AppointmentEvent.Status), null before any scheduling message
    appointment_status varchar(20),
    scheduled_start    timestamp with time zone,
    scheduled_end      timestamp with time zone,
    first_joined_at    timestamp with time zone,
    first_patient_at   timestamp with time zone,
    -- a provider and the patient both present; ended: the last one left after that
    started_at         timestamp with time zone,
    ended_at           timestamp with time zone,
    present_now        integer not null,
    peak_attendees     integer not null,
    providers          integer not null,
    patients           integer not null,
    guests             integer not null,
    sms_sent           integer not null,
    -- a visit that has not started by then is a no-show (VisitStatus); null while nothing is known of its time
    no_show_after      timestamp with time zone,
    updated_at         timestamp with time zone not null
);
create index visit_report_tenant_time on visit_report (tenant_id, visit_at);
create index audit_event_visit on audit_event (configuration_id, appointment_id);
