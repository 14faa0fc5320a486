-- Graph may deliver a subscription's first notification before it answers the subscription's creation, so the keeper
-- stores the clientState's hash before it asks Graph, and the subscription id once Graph answered: a watch can have a
-- client state without a subscription id. The webhook finds such a watch by the hash of the client state it receives.
alter table meeting_watch drop constraint meeting_watch_check;
alter table meeting_watch add constraint meeting_watch_subscription_has_client_state
    check (subscription_id is null or client_state_hash is not null);
create index meeting_watch_awaiting_subscription on meeting_watch (client_state_hash) where subscription_id is null;
