-- The jti of every accepted signature of an HL7 message posted over HTTPS, kept until the signature would be refused as
-- too old anyway: a second request with the same signature is a replay. No message content.
create table signature_nonce (
    certificate_fingerprint varchar(100) not null,
    jti                     varchar(128) not null,
    expires_at              timestamp with time zone not null,
    primary key (certificate_fingerprint, jti)
);
create index signature_nonce_expires_at on signature_nonce (expires_at);
