-- SMART launches in flight: from the redirect to Epic until Epic's redirect back, at most a few minutes. The state is kept
-- only as a hash; the row is deleted when the callback takes it, or by the purge once expired.
create table launch_state (
    -- SHA-256 (hex) of the state sent to Epic
    state_hash       varchar(64)  primary key,
    -- SHA-256 (hex) of the value of the browser's launch cookie: the callback must come from the browser that launched
    binding_hash     varchar(64)  not null,
    configuration_id varchar(36)  not null,
    environment      varchar(20)  not null check (environment in ('TEST', 'PRODUCTION')),
    app              varchar(20)  not null check (app in ('PROVIDER', 'PATIENT', 'GROUP')),
    client_id        varchar(200) not null,
    -- the authorization server the state was sent to: the code goes to this token endpoint only (mix-up defence)
    issuer           text         not null,
    token_endpoint   text         not null,
    jwks_uri         text         not null,
    code_verifier    varchar(128) not null,
    nonce            varchar(64)  not null,
    expires_at       timestamp with time zone not null
);
create index launch_state_expires_at on launch_state (expires_at);
