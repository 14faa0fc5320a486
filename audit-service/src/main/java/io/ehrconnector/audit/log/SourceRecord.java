package io.ehrconnector.audit.log;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Where an audited event came from: its Kafka record's coordinates, key and value (the CloudEvent as published). */
public record SourceRecord(String topic, int partition, long offset, String key, String value) {

    static SourceRecord of(ConsumerRecord<String, String> record) {
        return new SourceRecord(record.topic(), record.partition(), record.offset(), record.key(), record.value());
    }

    @Override
    public String toString() {
        return "SourceRecord[" + topic + "-" + partition + "@" + offset + "]";
    }
}
