package org.coopstats.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The README's endpoint table is generated from the contract: this test derives it from
 * openapi/openapi.yaml and fails while the README holds anything else, leaving the table it expects
 * in target/README-endpoints.md to paste between the README's endpoint markers.
 */
class EndpointTableTest {

  private static final String BEGIN = "<!-- endpoints: generated from openapi/openapi.yaml -->\n";
  private static final String END = "<!-- endpoints: end -->";
  private static final List<String> METHODS = List.of("get", "put", "post", "patch", "delete");

  @Test
  void theReadmeTableIsTheContracts() throws Exception {
    String expected = table(new YAMLMapper().readTree(Path.of("openapi/openapi.yaml").toFile()));
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/README-endpoints.md"), expected);
    String readme = Files.readString(Path.of("README.md"));
    int begin = readme.indexOf(BEGIN);
    int end = readme.indexOf(END);
    assertThat(begin).as("README.md has the endpoint markers").isNotNegative();
    assertThat(readme.substring(begin + BEGIN.length(), end))
        .as("README's endpoint table differs from the contract: paste target/README-endpoints.md")
        .isEqualTo(expected);
  }

  static String table(JsonNode contract) {
    StringBuilder table = new StringBuilder();
    table.append("| method | path | query parameters | statuses | what |\n");
    table.append("|---|---|---|---|---|\n");
    contract
        .get("paths")
        .properties()
        .forEach(
            path ->
                METHODS.stream()
                    .filter(path.getValue()::has)
                    .forEach(
                        method ->
                            table.append(
                                row(
                                    contract,
                                    path.getKey(),
                                    method,
                                    path.getValue().get(method)))));
    return table.toString();
  }

  private static String row(JsonNode contract, String path, String method, JsonNode operation) {
    List<String> query = new ArrayList<>();
    operation
        .path("parameters")
        .forEach(
            p -> {
              JsonNode parameter = resolve(contract, p);
              if (parameter.path("in").asText().equals("query")) {
                query.add("`" + parameter.get("name").asText() + "`");
              }
            });
    TreeSet<String> statuses = new TreeSet<>();
    operation.get("responses").fieldNames().forEachRemaining(statuses::add);
    boolean open = operation.has("security") && operation.get("security").isEmpty();
    return "| "
        + method.toUpperCase(java.util.Locale.ROOT)
        + " | `"
        + path
        + "` | "
        + String.join(", ", query)
        + " | "
        + String.join(", ", statuses)
        + " | "
        + operation.get("summary").asText()
        + (open ? "" : " (needs a user)")
        + " |\n";
  }

  private static JsonNode resolve(JsonNode contract, JsonNode node) {
    if (!node.has("$ref")) {
      return node;
    }
    JsonNode target = contract;
    for (String part : node.get("$ref").asText().substring(2).split("/")) {
      target = target.get(part);
    }
    return target;
  }
}
