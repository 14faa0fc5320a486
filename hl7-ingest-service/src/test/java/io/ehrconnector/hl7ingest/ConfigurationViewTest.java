package io.ehrconnector.hl7ingest;

import io.ehrconnector.testing.contracts.ConfigurationViewContract;
import io.ehrconnector.testing.quarkus.KafkaResource;
import io.ehrconnector.testing.quarkus.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
class ConfigurationViewTest extends ConfigurationViewContract {
}
