-- The Teams meeting of each visit: one per (configuration, appointment id / CSN / group visit conference id), shared by
-- every participant's launch. The first launch creates it through Microsoft Graph (createOrGet, idempotent) and stores it
-- here; later launches read it without calling Graph. Ids, the join link and a time: no names, no clinical data. Rows
-- older than ehr.retention.visit-meetings are purged (VisitMeetingPurge); a later launch gets the same meeting from Graph.
create table visit_meeting (
    configuration_id varchar(100)  not null,
    meeting_key      varchar(200)  not null,
    meeting_id       varchar(1000) not null,
    join_web_url     varchar(4000) not null,
    organizer_id     varchar(100)  not null,
    created_at       timestamp with time zone not null,
    primary key (configuration_id, meeting_key)
);
create index visit_meeting_created_at on visit_meeting (created_at);
