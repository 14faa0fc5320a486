-- Tables of libs/service-support, created in every service's database (Flyway location db/support). Library scripts are
-- numbered V0_x and a service's own scripts (db/migration) V1 and up; quarkus.flyway.out-of-order lets a later library
-- script apply below a service's already applied versions.

-- Processed-event ledger: one row per (consumer, event id); makes every Kafka consumer idempotent. Purged after
-- ehr.retention.processed-events (RetentionPurge).
create table processed_event (
    consumer     varchar(100) not null,
    event_id     varchar(200) not null,
    processed_at timestamp with time zone not null,
    primary key (consumer, event_id)
);
create index processed_event_processed_at on processed_event (processed_at);

-- Transactional outbox: events written with the change they describe, published by the relay in sequence order.
-- Published rows are purged after ehr.retention.published-outbox (RetentionPurge).
create table outbox_event (
    sequence     bigint generated always as identity primary key,
    event_id     varchar(200) not null unique,
    topic        varchar(200) not null,
    record_key   varchar(400) not null,
    payload      text not null,
    created_at   timestamp with time zone not null,
    published_at timestamp with time zone,
    -- failed publication attempts, the last failure's exception classes (never a message), and when the relay gave up
    attempts     integer not null default 0,
    last_error   varchar(1000),
    parked_at    timestamp with time zone
);
create index outbox_event_pending on outbox_event (sequence) where published_at is null and parked_at is null;
create index outbox_event_published_at on outbox_event (published_at) where published_at is not null;

-- This service's copy of the published configurations (see ConfigurationProjection).
create table known_configuration (
    configuration_id varchar(100) primary key,
    tenant_id        varchar(100) not null,
    environment      varchar(20)  not null,
    fhir_base_url    varchar(2000) not null,
    status           varchar(30)  not null,
    version          bigint not null,
    snapshot_json    text not null,
    updated_at       timestamp with time zone not null
);
create index known_configuration_fhir_base_url on known_configuration (fhir_base_url);
