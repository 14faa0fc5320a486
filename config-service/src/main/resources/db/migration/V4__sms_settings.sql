-- SMS (US only), per tenant: the two consents, the tenant's sending numbers (bought through Azure Communication Services
-- by an asynchronous job whose progress is kept here), and the SMS settings of each FHIR base URL.

-- One row per tenant, created when a consent is first given. Every SMS change locks this row first, so the SMS changes of a
-- tenant are serialised and each one sees (and warns about) the state it changes.
create table sms_consent (
    tenant_id                  varchar(36) primary key,
    patients_given_at          timestamp with time zone,
    patients_given_by          varchar(320),
    patients_given_by_oid      varchar(36),
    patients_text_version      varchar(20),
    acs_given_at               timestamp with time zone,
    acs_given_by               varchar(320),
    acs_given_by_oid           varchar(36),
    acs_text_version           varchar(20),
    updated_at                 timestamp with time zone not null
);

-- A hospital's own sending number (never a patient's). While status = PROVISIONING (or RELEASING) a job works on it: the
-- replica holding the lease (lease_owner until lease_until) advances it; a lease that runs out (restart, crash) is taken
-- over by another replica, which resumes the job or fails it with a reason.
create table sms_phone_number (
    id                   varchar(36) primary key,
    tenant_id            varchar(36)  not null,
    -- E.164, +1 NANP; null until the search found one
    phone_number         varchar(16),
    acs_phone_number_id  varchar(100),
    number_type          varchar(20)  not null,
    area_code            varchar(3),
    status               varchar(20)  not null,
    job_id               varchar(36)  not null unique,
    job_step             varchar(20)  not null,
    progress             varchar(500),
    error                varchar(1000),
    acs_search_id        varchar(100),
    lease_owner          varchar(36),
    lease_until          timestamp with time zone,
    created_at           timestamp with time zone not null,
    created_by           varchar(320) not null,
    created_by_oid       varchar(36)  not null,
    updated_at           timestamp with time zone not null,
    finished_at          timestamp with time zone
);
create index sms_phone_number_tenant on sms_phone_number (tenant_id);
create index sms_phone_number_leases on sms_phone_number (lease_until) where status in ('PROVISIONING', 'RELEASING');
-- a number is held once (a released number may come back later)
create unique index sms_phone_number_unique on sms_phone_number (phone_number) where status in ('PROVISIONING', 'ACTIVE', 'RELEASING');

-- The SMS settings of one FHIR base URL. A URL has at most one sending number; a number may serve several URLs.
create table sms_url_settings (
    configuration_id      varchar(36) primary key references fhir_configuration (id),
    tenant_id             varchar(36) not null,
    phone_number_id       varchar(36) references sms_phone_number (id),
    enabled               boolean     not null,
    confirm_on_scheduled  boolean     not null,
    confirm_on_updated    boolean     not null,
    confirm_on_cancelled  boolean     not null,
    -- ISO-8601 durations, longest first, comma-separated (e.g. PT168H,PT24H,PT1H,PT15M); empty for none
    reminder_offsets      varchar(200) not null,
    updated_at            timestamp with time zone not null,
    updated_by            varchar(320) not null
);
create index sms_url_settings_tenant on sms_url_settings (tenant_id);
create index sms_url_settings_number on sms_url_settings (phone_number_id);
