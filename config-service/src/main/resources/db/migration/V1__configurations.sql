-- FHIR base URL configurations, their approval, and the change history of each tenant.

create table fhir_configuration (
    id                  varchar(36) primary key,
    tenant_id           varchar(36)  not null,
    environment         varchar(20)  not null,
    -- normalised (lower-case host, no trailing slash); one registration per URL across all tenants, so a launch's iss
    -- always names exactly one configuration
    fhir_base_url       varchar(2000) not null unique,
    fhir_version        varchar(10)  not null,
    approver_username   varchar(320) not null,
    organization_name   varchar(200) not null,
    time_zone           varchar(64)  not null,
    status              varchar(30)  not null,
    version             bigint       not null,
    smart_validated_at  timestamp with time zone,
    smart_validated_by  varchar(320),
    approved_at         timestamp with time zone,
    approved_by         varchar(320),
    created_at          timestamp with time zone not null,
    created_by          varchar(320) not null,
    updated_at          timestamp with time zone not null,
    updated_by          varchar(320) not null
);
create index fhir_configuration_tenant on fhir_configuration (tenant_id);

-- Who changed what and when, per tenant. Actors are the hospital's own administrators and analysts (their Entra sign-in
-- name and object id); details hold field names and non-secret values only.
create table configuration_change (
    id                bigint generated always as identity primary key,
    tenant_id         varchar(36)  not null,
    configuration_id  varchar(36),
    action            varchar(40)  not null,
    actor_username    varchar(320) not null,
    actor_object_id   varchar(36)  not null,
    details           text,
    occurred_at       timestamp with time zone not null
);
create index configuration_change_tenant on configuration_change (tenant_id, occurred_at desc);
