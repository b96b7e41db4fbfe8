package org.coopstats.sdmx;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import java.util.List;
import java.util.Map;

/**
 * The official SDMX-JSON schemas (src/test/resources/sdmx-json/, see its README.md), for tests to
 * check the messages the service writes: each method gives the schema's complaints about a message,
 * empty when it is valid.
 *
 * <p>Every schema declares {@code "$schema": "http://json-schema.org/schema#"}, which names no
 * draft, so each is read with the draft it was written for: draft-04 for SDMX-JSON 1.0, draft-07
 * for 2.0.0 (README.md says why). Their {@code id}/{@code $id} URLs are mapped to the vendored
 * files and nothing is fetched from the network. Formats (date-time, uri) are asserted, as drafts
 * 04 to 07 say they may be.
 */
final class SdmxJsonSchemas {

  private static final String PUBLISHED =
      "https://raw.githubusercontent.com/sdmx-twg/sdmx-json/master/";
  private static final String VENDORED = "classpath:sdmx-json/";

  /**
   * Draft-07, told that {@code id} (the draft-04 spelling of {@code $id}, which the 2.0.0 data
   * schema still uses at its root) names the schema and asserts nothing.
   */
  private static final Dialect DRAFT_7 =
      Dialect.builder(Dialects.getDraft7()).keyword(new NonValidationKeyword("id")).build();

  private static final Schema DATA_2 =
      load(DRAFT_7, "data-message/tools/schemas/2.0.0/", "2.0.0/", "data");
  private static final Schema STRUCTURE_2 =
      load(DRAFT_7, "structure-message/tools/schemas/2.0.0/", "2.0.0/", "structure");
  private static final Schema DATA_1 =
      load(Dialects.getDraft4(), "data-message/tools/schemas/1.0/", "1.0/", "data");

  private SdmxJsonSchemas() {}

  /** What the SDMX-JSON 2.0.0 data schema finds wrong with a message. */
  static List<String> dataErrors2(String json) {
    return errors(DATA_2, json);
  }

  /** What the SDMX-JSON 2.0.0 structure schema finds wrong with a message. */
  static List<String> structureErrors2(String json) {
    return errors(STRUCTURE_2, json);
  }

  /** What the SDMX-JSON 1.0 data schema finds wrong with a message. */
  static List<String> dataErrors1(String json) {
    return errors(DATA_1, json);
  }

  private static List<String> errors(Schema schema, String json) {
    return schema.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
  }

  /**
   * The schema published at {@code PUBLISHED + path + "sdmx-json-" + kind + "-schema.json"}, read
   * from its vendored copy, with the undated {@code $schema} taken as {@code dialect}.
   */
  private static Schema load(Dialect dialect, String path, String folder, String kind) {
    String file = "sdmx-json-" + kind + "-schema.json";
    String published = PUBLISHED + path + file;
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            dialect,
            builder ->
                builder
                    .dialectRegistry((id, ignored) -> dialect)
                    .schemaLoader(
                        loader ->
                            loader
                                .fetchRemoteResources(false)
                                .schemaIdResolvers(
                                    ids ->
                                        ids.mappings(Map.of(published, VENDORED + folder + file))))
                    .schemaRegistryConfig(
                        com.networknt.schema.SchemaRegistryConfig.builder()
                            .formatAssertionsEnabled(true)
                            .build()));
    return registry.getSchema(SchemaLocation.of(published));
  }
}
