-- Call quality (io.ehrconnector.launch.quality): one Microsoft Graph subscription to the call records of each hospital
-- tenant, and the call records Graph announced that are still to be fetched.

-- One row per hospital tenant with an organizer (ehr.graph.organizers): its subscription to communications/callRecords.
-- The clientState is kept only as its SHA-256, stored before Graph is asked (Graph may notify before it answers). The keeper
-- (CallRecordSubscriptionKeeper) acts on a row when next_attempt_at has come: create, renew or reauthorize the
-- subscription, or end it for a tenant that no longer has an organizer.
create table call_record_subscription (
    tenant_id             varchar(36)  primary key,
    subscription_id       varchar(200) unique,
    -- SHA-256 (hex) of the subscription's clientState
    client_state_hash     varchar(64),
    expires_at            timestamp with time zone,
    -- Graph asked for reauthorization (lifecycle notification reauthorizationRequired)
    reauthorize_requested boolean      not null default false,
    next_attempt_at       timestamp with time zone not null,
    -- failed attempts in a row and the last failure (status and Graph error code, or exception classes; never a message)
    attempts              integer      not null default 0,
    last_error            varchar(300),
    check (subscription_id is null or client_state_hash is not null)
);
create index call_record_subscription_next_attempt_at on call_record_subscription (next_attempt_at);
create index call_record_subscription_awaiting on call_record_subscription (client_state_hash) where subscription_id is null;

-- Call records Graph announced (a new record or a revision), stored before the webhook answers, fetched afterwards by
-- CallRecordWorker: a call record of a visit meeting becomes a CallQualityReported event, any other is forgotten. A
-- redelivered notification names the same row. Ids and times only; the row goes once the record is handled or given up.
create table call_record_fetch (
    tenant_id      varchar(36)  not null,
    call_record_id varchar(100) not null,
    received_at    timestamp with time zone not null,
    -- when the record is (next) to be fetched; a replica fetching it moves it past its lease
    due_at         timestamp with time zone not null,
    -- failed fetches in a row (a 404 while Teams has not made the record yet counts) and the last failure, as above
    attempts       integer      not null default 0,
    last_error     varchar(300),
    primary key (tenant_id, call_record_id)
);
create index call_record_fetch_due_at on call_record_fetch (due_at);

-- A call record names its meeting only by join URL. Hash index: equality is all the worker asks, and a join URL may be
-- longer than a b-tree entry allows.
create index visit_meeting_join_web_url on visit_meeting using hash (join_web_url);
