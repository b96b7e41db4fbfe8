package org.coopstats.upload;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.coopstats.support.PostgresResource;

/** The upload and query suite again, against the packaged application (java -jar). */
@QuarkusIntegrationTest
@WithTestResource(PostgresResource.class)
class PackagedUploadIT extends UploadApiTest {}
