-- The EHR's (Epic's) public-key certificates, per tenant and Epic environment: what hl7-ingest-service authenticates Epic's
-- HL7 messages with (client certificate of MLLP over TLS, signature of HTTPS posts). Public material only: an upload that
-- carries a private key is refused before anything is stored (io.ehrconnector.config.certificates.CertificateParser).
--   CURRENT   the latest upload; at most one per tenant and environment
--   PREVIOUS  the certificate CURRENT replaced, still accepted until it expires or an admin removes it, so that messages
--             Epic sent with it while switching certificates still verify; at most one per tenant and environment
-- Every change of a tenant's environment holds an advisory lock (EhrCertificateRepository.lock); the partial unique indexes
-- are what the database itself guarantees.
create table ehr_certificate (
    id                    uuid primary key,
    tenant_id             varchar(36)  not null,
    environment           varchar(20)  not null check (environment in ('TEST', 'PRODUCTION')),
    status                varchar(10)  not null check (status in ('CURRENT', 'PREVIOUS')),
    -- the certificate's DER encoding, as uploaded (PEM is made from it); uploads are at most 64 KiB
    certificate_der       bytea        not null check (octet_length(certificate_der) between 1 and 65536),
    -- SHA-256 of certificate_der, upper-case hex pairs joined by colons (as openssl x509 -fingerprint -sha256 prints it)
    fingerprint_sha256    varchar(95)  not null,
    subject_dn            text         not null,
    issuer_dn             text         not null,
    -- upper-case hex
    serial_number         text         not null,
    not_before            timestamp with time zone not null,
    not_after             timestamp with time zone not null,
    key_algorithm         varchar(20)  not null check (key_algorithm in ('RSA', 'RSASSA-PSS', 'EC')),
    -- RSA modulus bits, or the EC curve's field size in bits
    key_size              integer      not null,
    uploaded_at           timestamp with time zone not null,
    -- the admin's sign-in name and Entra object id
    uploaded_by           varchar(320) not null,
    uploaded_by_object_id varchar(36)  not null
);
create unique index ehr_certificate_one_current on ehr_certificate (tenant_id, environment) where status = 'CURRENT';
create unique index ehr_certificate_one_previous on ehr_certificate (tenant_id, environment) where status = 'PREVIOUS';
