-- The version of each environment's connector key ring, as last published on ehrconnector.connector-keys
-- (io.ehrconnector.config.keys.KeyRingPublisher). Bumped, under the environment's advisory lock, in every transaction that
-- changes the environment's keys: one more than before, and at least the database clock in microseconds since the epoch.
create table connector_key_ring_version (
    environment varchar(20) primary key check (environment in ('TEST', 'PRODUCTION')),
    version     bigint not null
);
