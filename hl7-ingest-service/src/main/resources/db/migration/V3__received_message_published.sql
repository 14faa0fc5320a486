-- A message's ledger row is now claimed before its event is published and marked published after Kafka acknowledged it, so
-- the ACK waits for one statement instead of a look-up and an insert. A row left unpublished (the service died between the
-- two) makes a resend publish the same event id again, which consumers drop. Rows written before this column existed were
-- all published.
alter table received_message add column published boolean not null default true;
