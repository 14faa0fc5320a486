-- Presence (io.ehrconnector.launch.presence): which visits' meetings are watched, through which Microsoft Graph change
-- notification subscription, and the notifications Graph delivered.

-- One row per visit meeting whose roster is watched: from each entry into the visit until ehr.presence.watch-period after
-- the last one. The subscription's clientState is kept only as its SHA-256. The keeper (RosterSubscriptions) acts on a row
-- when next_attempt_at has come: create, renew, reauthorize the subscription, resync the roster, or end the watch.
create table meeting_watch (
    configuration_id      varchar(36)   not null,
    meeting_key           varchar(200)  not null,
    tenant_id             varchar(36)   not null,
    -- the visit's meeting, as VisitMeetings handed it out
    meeting_id            varchar(1000) not null,
    join_web_url          varchar(4000) not null,
    organizer_id          varchar(100)  not null,
    watch_until           timestamp with time zone not null,
    subscription_id       varchar(200)  unique,
    -- SHA-256 (hex) of the subscription's clientState
    client_state_hash     varchar(64),
    expires_at            timestamp with time zone,
    -- Graph asked for reauthorization (lifecycle notification reauthorizationRequired)
    reauthorize_requested boolean       not null default false,
    -- when to resync the roster from Graph's attendance report (after a lifecycle notification missed); null: no resync
    resync_due_at         timestamp with time zone,
    next_attempt_at       timestamp with time zone not null,
    -- failed attempts in a row and the last failure (status and Graph error code, or exception classes; never a message)
    attempts              integer       not null default 0,
    last_error            varchar(300),
    primary key (configuration_id, meeting_key),
    check ((subscription_id is null) = (client_state_hash is null))
);
create index meeting_watch_next_attempt_at on meeting_watch (next_attempt_at);

-- Accepted Graph notifications (the webhook's inbox): stored before the webhook answers 202, processed afterwards by
-- NotificationWorker, so a crash between the answer and the processing loses nothing. Only what processing needs is kept:
-- event types, times, Graph's participant and identity ids; never display names. Processed rows are purged after
-- ehr.retention.graph-notifications (PresencePurge).
create table graph_notification (
    id               bigint generated always as identity primary key,
    -- SHA-256 (hex) of the subscription, the kind and the stored payload: a notification Graph delivers again is kept once
    dedupe_key       varchar(64)  not null unique,
    subscription_id  varchar(200) not null,
    -- the watched meeting the subscription belonged to when the notification was accepted
    configuration_id varchar(36)  not null,
    meeting_key      varchar(200) not null,
    kind             varchar(20)  not null check (kind in ('CHANGE', 'LIFECYCLE')),
    payload          text         not null,
    received_at      timestamp with time zone not null,
    next_attempt_at  timestamp with time zone not null,
    processed_at     timestamp with time zone,
    attempts         integer      not null default 0,
    last_error       varchar(300)
);
create index graph_notification_pending on graph_notification (next_attempt_at) where processed_at is null;
create index graph_notification_processed_at on graph_notification (processed_at) where processed_at is not null;
