-- sms-service: what it knows of each appointment, the texts it means to send, the patient's number until the visit starts,
-- the per-number send rate and the opt-out ledger.

-- One row per appointment this service heard of: just what planning and the texts need (no names, no clinical data).
create table sms_appointment (
    configuration_id varchar(100) not null,
    appointment_id   varchar(200) not null,
    starts_at        timestamp with time zone not null,
    ends_at          timestamp with time zone,
    status           varchar(30) not null,
    -- BCP 47 tag of the patient's language, for the template; null when unknown
    language         varchar(35),
    updated_at       timestamp with time zone not null,
    primary key (configuration_id, appointment_id)
);
create index sms_appointment_starts_at on sms_appointment (starts_at);

-- The patient's mobile number for one appointment, still encrypted as hl7-ingest-service sent it (AES-256-GCM bound to the
-- appointment). The only copy this service keeps; deleted when the visit starts, is cancelled (once the cancellation text is
-- settled) or deleted.
create table sms_recipient (
    configuration_id varchar(100) not null,
    appointment_id   varchar(200) not null,
    phone_use        varchar(10) not null,
    ciphertext       varchar(400) not null,
    key_id           varchar(100) not null,
    erase_at         timestamp with time zone not null,
    primary key (configuration_id, appointment_id),
    foreign key (configuration_id, appointment_id) references sms_appointment on delete cascade
);
create index sms_recipient_erase_at on sms_recipient (erase_at);

-- Every text the service meant to send: confirmations (due at once) and reminders (due at start minus offset), also the ones
-- it decided against at once (NOT_SENT: SMS off, the type off), so each decision is recorded and announced once. A row is
-- PENDING until it is SENT (accepted by ACS), FAILED, NOT_SENT (decided against at send time) or WITHDRAWN (a reschedule,
-- cancellation or newer confirmation made it moot). not_before is when a replica may next take it: the due time, then a
-- lease while one replica sends it (a crash lets the lease run out and another replica resend it with the same
-- repeatability id, which ACS answers without sending twice), then the retry backoff.
create table sms_message (
    id                     bigint generated always as identity primary key,
    configuration_id       varchar(100) not null,
    appointment_id         varchar(200) not null,
    message_type           varchar(30) not null,
    -- seconds before the visit start for a REMINDER, 0 for a confirmation
    reminder_offset_s      bigint not null,
    -- what makes this text unique: the appointment event id for a confirmation, the visit start for a reminder
    occasion               varchar(200) not null,
    -- ACS repeatability-request-id, derived from (configuration, appointment, type, offset, occasion)
    repeatability_id       uuid not null unique,
    -- the number it goes out from, null when SMS had no number when the text was planned (then it is NOT_SENT)
    sending_number         varchar(20),
    due_at                 timestamp with time zone not null,
    not_before             timestamp with time zone not null,
    state                  varchar(20) not null,
    attempts               integer not null default 0,
    reason                 varchar(30),
    provider_message_id    varchar(200),
    sent_at                timestamp with time zone,
    created_at             timestamp with time zone not null,
    foreign key (configuration_id, appointment_id) references sms_appointment on delete cascade
);
create index sms_message_pending on sms_message (not_before) where state = 'PENDING';
create index sms_message_appointment on sms_message (configuration_id, appointment_id);
create index sms_message_provider_message_id on sms_message (provider_message_id) where provider_message_id is not null;

-- Sends per sending number per second, to keep every number under its rate limit across replicas (sum of the last 61 s).
create table sms_rate_bucket (
    sending_number varchar(20) not null,
    second         timestamp with time zone not null,
    sends          integer not null,
    primary key (sending_number, second)
);

-- Opt-outs (STOP) per sending number. The patient's number is kept only as an HMAC under a secret key
-- (ehr.sms.opt-out-key): enough to recognise it, not to read it.
create table sms_opt_out (
    sending_number varchar(20) not null,
    recipient_hmac varchar(64) not null,
    opted_out_at   timestamp with time zone not null,
    primary key (sending_number, recipient_hmac)
);
