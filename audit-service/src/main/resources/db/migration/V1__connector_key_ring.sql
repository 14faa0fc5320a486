-- audit-service's copy of the connector's signing key ring of each Epic environment, as config-service last published it on
-- ehrconnector.connector-keys (service-support's keys.ConnectorKeyRingProjection; launch-service keeps the same table). The
-- private keys in ring_json stay sealed under ehr.keys.master-key; they are opened in memory only to sign the SMART Backend
-- Services client assertions of the EHR write-back (keys.ClientAssertionSigner).
create table connector_key_ring (
    environment varchar(20) primary key check (environment in ('TEST', 'PRODUCTION')),
    -- the ring's version; a ring is stored only over an older version
    version     bigint not null,
    -- the ConnectorKeyRing as published (CloudEvent data JSON)
    ring_json   text   not null,
    updated_at  timestamp with time zone not null
);
