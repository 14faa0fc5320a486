-- Call quality (io.ehrconnector.audit.quality): the newest version of each Teams call record of a visit's meeting, as
-- launch-service publishes it (CallQualityReported). Figures, opaque participant ids and roles only: never a name. Whether
-- a figure is poor is decided when read, against the thresholds in the settings (ehr.reports.quality.*), so a changed
-- threshold re-flags the history.
create table call_quality (
    configuration_id  varchar(100) not null,
    -- Graph's id of the call record; a meeting left empty and joined again has one per call
    call_record_id    varchar(200) not null,
    -- <configuration id>/<appointment id>, as visit_report.visit_key
    visit_key         varchar(400) not null,
    appointment_id    varchar(200) not null,
    -- the owning Entra tenant of the configuration when the record was stored; what callers are bounded by
    tenant_id         varchar(100) not null,
    meeting_id        varchar(400) not null,
    -- Graph's version of the call record: a higher one replaces the row, an equal or lower one changes nothing
    version           bigint not null,
    call_started_at   timestamp with time zone not null,
    call_ended_at     timestamp with time zone not null,
    -- the event's participants array as JSON (role, participantIds, audio/video/screenSharing figures): always read and
    -- flagged whole with its call record, never filtered on in SQL
    participants_json text not null,
    -- the event that brought this version, and when it was stored
    event_id          varchar(200) not null,
    received_at       timestamp with time zone not null,
    primary key (configuration_id, call_record_id)
);
create index call_quality_tenant_visit on call_quality (tenant_id, visit_key);
create index call_quality_ended on call_quality (call_ended_at);
