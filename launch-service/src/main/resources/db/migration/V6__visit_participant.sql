-- The roster of each watched visit (io.ehrconnector.launch.presence): one row per join of a participant, with the opaque id
-- the events carry, the role, and when the participant connected and disconnected (each set once, from Graph's times). The
-- live roster reads it for its initial state; the events of the visit-participants topic are published as these change.
-- No names: the EHR user id of linked providers only. Purged after ehr.retention.visit-participants (PresencePurge).
create table visit_participant (
    configuration_id varchar(36)  not null,
    meeting_key      varchar(200) not null,
    -- HMAC of Graph's participant id under the presence key, as in the ParticipantPresence events
    participant_id   varchar(64)  not null,
    role             varchar(10)  not null check (role in ('PROVIDER', 'PATIENT', 'GUEST')),
    ehr_user_id      varchar(512),
    -- HMAC of the participant's identity: matches attendance records when the roster is resynced
    identity_key     varchar(64)  not null,
    connected_at     timestamp with time zone,
    disconnected_at  timestamp with time zone,
    updated_at       timestamp with time zone not null,
    primary key (configuration_id, meeting_key, participant_id),
    check (ehr_user_id is null or role = 'PROVIDER')
);
create index visit_participant_updated_at on visit_participant (updated_at);
