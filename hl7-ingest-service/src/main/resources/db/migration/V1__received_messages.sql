-- The messages acknowledged AA: a resend (same configuration, sender and MSH-10) is acknowledged again without a second
-- event. Written after Kafka acknowledged the event; if the service dies in between, the resend publishes the same event
-- id again and consumers drop the copy. Ids and times only: no message content.
create table received_message (
    configuration_id    varchar(100) not null,
    sending_application varchar(227) not null,
    sending_facility    varchar(227) not null,
    control_id          varchar(199) not null,
    event_id            varchar(100) not null,
    received_at         timestamp with time zone not null,
    primary key (configuration_id, sending_application, sending_facility, control_id)
);
create index received_message_received_at on received_message (received_at);
