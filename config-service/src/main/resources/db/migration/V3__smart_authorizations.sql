-- SMART authorizations in flight (the analyst's proof of a FHIR base URL): minutes-lived, single-use, deleted when used.
-- Only hashes of the state and of the browser binding are stored, so a database reader cannot complete someone's sign-in.
create table smart_authorization (
    state_hash        varchar(64) primary key,
    binding_hash      varchar(64)  not null,
    configuration_id  varchar(36)  not null,
    -- what the sign-in proves: the callback counts it only if the configuration still names this URL and environment
    fhir_base_url     varchar(2000) not null,
    environment       varchar(20)  not null,
    tenant_id         varchar(36)  not null,
    analyst_object_id varchar(36)  not null,
    analyst_username  varchar(320) not null,
    code_verifier     varchar(128) not null,
    token_endpoint    varchar(2000) not null,
    redirect_uri      varchar(2000) not null,
    client_id         varchar(200) not null,
    expires_at        timestamp with time zone not null
);
create index smart_authorization_expires_at on smart_authorization (expires_at);
