-- Tables of libs/service-support, created in every service's database (Flyway location db/support, before the
-- service's own db/migration scripts, which start at V1).

-- Processed-event ledger: one row per (consumer, event id); makes every Kafka consumer idempotent.
create table processed_event (
    consumer     varchar(100) not null,
    event_id     varchar(200) not null,
    processed_at timestamp with time zone not null,
    primary key (consumer, event_id)
);

-- Transactional outbox: events written with the change they describe, published by the relay in sequence order.
create table outbox_event (
    sequence     bigint generated always as identity primary key,
    event_id     varchar(200) not null unique,
    topic        varchar(200) not null,
    record_key   varchar(400) not null,
    payload      text not null,
    created_at   timestamp with time zone not null,
    published_at timestamp with time zone
);
create index outbox_event_unpublished on outbox_event (sequence) where published_at is null;

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
