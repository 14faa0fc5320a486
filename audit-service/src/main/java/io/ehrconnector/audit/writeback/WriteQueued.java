package io.ehrconnector.audit.writeback;

/** A CDI event fired after a write-back was committed to the queue, so this replica's worker starts at once. */
record WriteQueued() {
}
