-- The connector's own signing keys for SMART Backend Services (private_key_jwt client assertions, RFC 7523), one key set
-- per Epic environment, published as one JWK Set per environment. Lifecycle (io.ehrconnector.config.keys.ConnectorKeyService):
--   NEXT     published, not yet signing; becomes ACTIVE at activate_at (publish-then-activate)
--   ACTIVE   signs; at most one per environment
--   PREVIOUS published for verification only, until retire_at
--   RETIRED  not published; its private key is destroyed (private_key_encrypted is null)
create table connector_key (
    id                    uuid primary key,
    environment           varchar(20)  not null check (environment in ('TEST', 'PRODUCTION')),
    -- RFC 7638 JWK thumbprint (SHA-256, base64url) of the public key; also the kid of the JWT header and the JWK Set
    kid                   varchar(100) not null unique,
    algorithm             varchar(10)  not null check (algorithm in ('ES384', 'RS384')),
    -- the public JWK only (never a private member)
    public_jwk            text         not null,
    -- the PKCS#8 private key sealed with AES-256-GCM under ehr.keys.master-key: 12-byte random nonce || ciphertext || 16-byte
    -- tag, with additional authenticated data "<kid>/<environment>" so a sealed key cannot be moved to another row
    private_key_encrypted bytea,
    status                varchar(20)  not null check (status in ('NEXT', 'ACTIVE', 'PREVIOUS', 'RETIRED')),
    created_at            timestamp with time zone not null,
    -- NEXT: when it becomes ACTIVE
    activate_at           timestamp with time zone,
    -- when it became ACTIVE (null for a key that never signed)
    activated_at          timestamp with time zone,
    -- PREVIOUS: when it stops being published (set when it stops signing)
    retire_at             timestamp with time zone,
    retired_at            timestamp with time zone,
    constraint connector_key_private_key_kept check ((status = 'RETIRED') = (private_key_encrypted is null)),
    constraint connector_key_next_has_activate_at check (status <> 'NEXT' or activate_at is not null),
    constraint connector_key_previous_has_retire_at check (status <> 'PREVIOUS' or retire_at is not null)
);

-- At most one signing key per environment. Every change of key states also holds a per-environment advisory lock
-- (ConnectorKeyRepository.lockEnvironment), so replicas racing to create the first key queue up and the later ones find the
-- key the first one created; this index is what the database itself guarantees whatever the code does.
create unique index connector_key_one_active on connector_key (environment) where status = 'ACTIVE';
-- At most one rotation pending per environment.
create unique index connector_key_one_next on connector_key (environment) where status = 'NEXT';
create index connector_key_published on connector_key (environment, status) where status <> 'RETIRED';
