-- The one personal identifier kept long-term: which Microsoft 365 user an EHR user is. Made by the provider's first
-- launch (an Entra ID sign-in), used by every later one. No names: the EHR user's unique id (SMART fhirUser) and the
-- Entra object id only.
create table provider_account (
    configuration_id varchar(36)  not null,
    ehr_user_id      varchar(512) not null,
    tenant_id        varchar(36)  not null,
    m365_object_id   varchar(36)  not null,
    linked_at        timestamp with time zone not null,
    last_launch_at   timestamp with time zone not null,
    primary key (configuration_id, ehr_user_id)
);
create index provider_account_last_launch_at on provider_account (last_launch_at);

-- A provider's first launch between the redirect to Entra ID and its redirect back (minutes at most).
create table provider_sign_in (
    state_hash       varchar(64)  primary key,
    binding_hash     varchar(64)  not null,
    configuration_id varchar(36)  not null,
    tenant_id        varchar(36)  not null,
    ehr_user_id      varchar(512) not null,
    meeting_key      varchar(200) not null,
    app              varchar(20)  not null check (app in ('PROVIDER', 'GROUP')),
    code_verifier    varchar(128) not null,
    nonce            varchar(64)  not null,
    expires_at       timestamp with time zone not null
);
create index provider_sign_in_expires_at on provider_sign_in (expires_at);
