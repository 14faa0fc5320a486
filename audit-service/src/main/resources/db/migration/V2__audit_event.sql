-- The audit log (io.ehrconnector.audit.log): one row per event of the visit-participants, visit-launches and sms-deliveries
-- topics, keyed by the event id (a redelivery stores nothing). Ids, types, times and enum values only: never a name, a
-- phone number or free text. The tenant is the owning Entra tenant of the configuration when the event was recorded.
create table audit_event (
    event_id         varchar(200) primary key,
    -- the CloudEvents type, e.g. io.ehrconnector.participant.connected.v1
    event_type       varchar(200) not null,
    -- when the fact happened (the event's occurredAt, launchedAt or reportedAt)
    occurred_at      timestamp with time zone not null,
    recorded_at      timestamp with time zone not null,
    configuration_id varchar(100) not null,
    tenant_id        varchar(100) not null,
    environment      varchar(20)  not null,
    -- absent for a device test run outside a visit
    appointment_id   varchar(200),
    meeting_id       varchar(400),
    -- participant events: PROVIDER, PATIENT or GUEST, the opaque participant id, and a provider's EHR user id
    role             varchar(20),
    participant_id   varchar(200),
    ehr_user_id      varchar(200),
    -- the event's enum values (launch channel and client, SMS message type and outcome, device checks) as a JSON object
    detail_json      text not null
);
create index audit_event_tenant_appointment on audit_event (tenant_id, appointment_id, occurred_at);
create index audit_event_tenant_configuration on audit_event (tenant_id, configuration_id, occurred_at);
create index audit_event_tenant_time on audit_event (tenant_id, occurred_at);

-- The EHR write-back queue (io.ehrconnector.audit.writeback), filled in the transaction that records the audit row. A visit's
-- rows are written one at a time in sequence order (the head of each visit's queue); visits proceed in parallel.
create table ehr_write (
    sequence         bigint generated always as identity primary key,
    event_id         varchar(200) not null unique references audit_event (event_id),
    -- <configuration id>/<appointment id>: the unit of ordering
    visit_key        varchar(400) not null,
    -- the record as received, forwarded unchanged to the source topic's dead-letter topic if the write is given up
    source_topic     varchar(200) not null,
    source_partition integer not null,
    source_offset    bigint not null,
    source_key       varchar(400),
    source_record    text not null,
    created_at       timestamp with time zone not null,
    -- failed attempts so far; the row is leased by moving next_attempt_at ahead while a replica writes it
    attempts         integer not null default 0,
    next_attempt_at  timestamp with time zone not null,
    -- the last failure: HTTP status or exception classes, never a message
    last_error       varchar(1000),
    written_at       timestamp with time zone,
    -- the EHR's id of the resource written
    resource_id      varchar(200),
    parked_at        timestamp with time zone
);
create index ehr_write_open on ehr_write (visit_key, sequence) where written_at is null and parked_at is null;
create index ehr_write_due on ehr_write (next_attempt_at, sequence) where written_at is null and parked_at is null;
