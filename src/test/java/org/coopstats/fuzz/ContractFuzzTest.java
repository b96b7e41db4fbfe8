package org.coopstats.fuzz;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.coopstats.support.Api;
import org.coopstats.support.Fixtures;
import org.coopstats.support.PostgresResource;
import org.junit.jupiter.api.Test;

/**
 * A fuzz test driven by the contract: for a seeded sample of every operation of
 * openapi/openapi.yaml it sends values generated from the parameters' and bodies' schemas, valid
 * and hostile, with no credentials, wrong ones and an admin's. No answer may be a 5xx (but SDMX's
 * declared 501), every 4xx must be application/problem+json, none may take over two seconds; and,
 * as for every test, each answer must be one the contract describes (support/ContractFilter).
 * {@code -Dfuzz.seed} and {@code -Dfuzz.requests} replay or widen a run; a failure prints the
 * request to replay.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class ContractFuzzTest {

  private static final long SEED = Long.getLong("fuzz.seed", 20261201L);
  private static final int REQUESTS = Integer.getInteger("fuzz.requests", 2500);
  private static final long MAX_MILLIS = 2000;
  private static final List<String> METHODS = List.of("get", "put", "post", "patch", "delete");

  /** Values that have broken services like this one: empty, NUL, huge, escapes, injections. */
  private static final List<String> HOSTILE =
      List.of(
          "",
          " ",
          "\u0000",
          "a\u0000b",
          "-1",
          "0",
          "99999999999999999999999",
          "1e309",
          "NaN",
          "null",
          "true",
          "[]",
          "{}",
          "'; DROP TABLE observation;--",
          "../../etc/passwd",
          "<script>alert(1)</script>",
          "=HYPERLINK(\"http://x\")",
          "😀 ünïcödé",
          "x".repeat(3000),
          "CAN,COOPS",
          "CAN+FRA",
          "2021-Q5",
          "9999-99-99T99:99:99Z");

  /**
   * Already escaped: sent as they are, to probe the service's own decoding. (Malformed escapes such
   * as %zz cannot be sent through an HTTP client library; the seed cases send them raw.)
   */
  private static final List<String> RAW_ESCAPES =
      List.of("%00", "%25zz;x", "a%2Fb", "%C0%AF", "%F0%9F%98%80");

  private static final List<String> ACCEPTS =
      List.of(
          "application/json",
          "text/csv",
          "*/*",
          ";;;",
          "application/xml",
          "text/html",
          "application/vnd.sdmx.data+json;version=1.0.0",
          "application/vnd.sdmx.structurespecificdata+xml;version=2.1",
          "application/problem+json",
          "garbage/",
          "application/json;q=abc");

  private final ObjectMapper json = new ObjectMapper();
  private JsonNode contract;
  private Random random;
  private String provider;
  private long dataset;

  @Test
  void noOperationAnswersA5xxOrAnUnclearErrorOrSlowly() throws Exception {
    contract = new YAMLMapper().readTree(Path.of("openapi/openapi.yaml").toFile());
    random = new Random(SEED);
    Api.actAsAdmin();
    provider = Api.publishedProvider(Fixtures.CANADA_SERIES);
    dataset = Api.newDataset(provider);
    Api.actAnonymously();

    List<Operation> operations = operations();
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < REQUESTS && failures.size() < 20; i++) {
      Operation operation = operations.get(random.nextInt(operations.size()));
      Exchange exchange = exchange(operation);
      String failure = send(exchange);
      if (failure != null) {
        failures.add("#" + i + " " + exchange + "\n    " + failure);
      }
    }
    assertThat(failures).as("seed %d", SEED).isEmpty();
  }

  private record Operation(String method, String path, JsonNode node, JsonNode pathParameters) {}

  private record Exchange(
      String method, String url, String auth, String accept, String contentType, String body) {
    @Override
    public String toString() {
      return method
          + " "
          + url
          + " auth="
          + auth
          + " accept="
          + accept
          + (contentType == null ? "" : " content-type=" + contentType)
          + (body == null ? "" : " body=" + abbreviate(body));
    }
  }

  private List<Operation> operations() {
    List<Operation> operations = new ArrayList<>();
    contract
        .get("paths")
        .properties()
        .forEach(
            path ->
                METHODS.stream()
                    .filter(path.getValue()::has)
                    .forEach(
                        method ->
                            operations.add(
                                new Operation(
                                    method,
                                    path.getKey(),
                                    path.getValue().get(method),
                                    path.getValue().path("parameters")))));
    return operations;
  }

  private Exchange exchange(Operation operation) {
    String path = operation.path();
    StringBuilder query = new StringBuilder();
    List<JsonNode> parameters = new ArrayList<>();
    operation.pathParameters().forEach(p -> parameters.add(resolve(p)));
    operation.node().path("parameters").forEach(p -> parameters.add(resolve(p)));
    for (JsonNode parameter : parameters) {
      String name = parameter.get("name").asText();
      switch (parameter.get("in").asText()) {
        case "path" -> path = path.replace("{" + name + "}", pathValue(name, parameter));
        case "query" -> {
          if (random.nextInt(3) == 0) {
            int repeats = parameter.path("schema").path("type").asText().equals("array") ? 3 : 1;
            for (int r = 0, n = 1 + random.nextInt(repeats); r < n; r++) {
              appendQuery(query, name, value(name, parameter.path("schema")));
            }
          }
        }
        default -> {}
      }
    }
    if (random.nextInt(12) == 0) {
      appendQuery(query, pick(List.of("unknown", "REF-AREA", "Limit", "x%00")), pick(HOSTILE));
    }
    String url = path + (query.length() == 0 ? "" : "?" + query);
    String contentType = null;
    String body = null;
    JsonNode content = operation.node().path("requestBody").path("content");
    if (!content.isMissingNode()) {
      List<String> types = new ArrayList<>();
      content.fieldNames().forEachRemaining(types::add);
      contentType = types.isEmpty() || random.nextInt(8) == 0 ? "text/plain" : pick(types);
      body = body(contentType, content.path(contentType).path("schema"));
    }
    String auth = pick(List.of("none", "none", "wrong", "admin", "admin"));
    String accept = random.nextInt(3) == 0 ? pick(ACCEPTS) : null;
    return new Exchange(operation.method(), url, auth, accept, contentType, body);
  }

  private String send(Exchange exchange) {
    RequestSpecification request = given().urlEncodingEnabled(false);
    switch (exchange.auth()) {
      case "wrong" -> request.auth().preemptive().basic("fuzz-nobody", "not-the-password");
      case "admin" -> request.auth().preemptive().basic(Api.ADMIN, Api.ADMIN_PASSWORD);
      default -> {}
    }
    if (exchange.accept() != null) {
      request.header("Accept", exchange.accept());
    }
    if (exchange.contentType() != null) {
      // Bytes, so that RestAssured sends any media type as it is (it refuses to encode some).
      boolean text =
          exchange.contentType().contains("json") || exchange.contentType().startsWith("text/");
      request
          .contentType(exchange.contentType())
          .body(
              exchange
                  .body()
                  .getBytes(text ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1));
    }
    long start = System.nanoTime();
    Response response;
    try {
      response = request.request(exchange.method().toUpperCase(Locale.ROOT), exchange.url());
    } catch (AssertionError contractBroken) {
      return contractBroken.getMessage();
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    int status = response.statusCode();
    String type = String.valueOf(response.contentType());
    // 501 is SDMX's answer to the parts of its grammar not implemented, declared as such.
    if (status >= 500 && status != 501) {
      return status + " " + abbreviate(response.asString());
    }
    if (status >= 400 && !type.startsWith("application/problem+json")) {
      return status + " answered as '" + type + "', not application/problem+json";
    }
    if (millis > MAX_MILLIS) {
      return "took " + millis + " ms (status " + status + ")";
    }
    return null;
  }

  private String pathValue(String name, JsonNode parameter) {
    int dice = random.nextInt(10);
    if (dice < 2) {
      return pick(RAW_ESCAPES);
    }
    if (dice < 4) {
      // Not empty or blank: an empty segment is another path (e.g. /datasets//withdraw).
      return encode(pick(HOSTILE.stream().filter(v -> !v.isBlank()).toList()));
    }
    String value =
        switch (name) {
          case "id" -> pick(List.of(String.valueOf(dataset), "1", "2", provider, "CL_AREA"));
          case "username" -> pick(List.of("nobody-here", "ana.statcan", "user.x"));
          case "submissionId" -> pick(List.of("1", "2", "999999"));
          case "flowRef" -> pick(List.of("COOP_STATS", "COOPSTATS,COOP_STATS,1.0", "ALL"));
          case "key" -> pick(List.of("CAN.COOPS......", "all", "CAN+FRA.......", "...."));
          case "providerRef" -> pick(List.of("all", provider, "COOPSTATS," + provider));
          case "agencyID" -> pick(List.of("COOPSTATS", "all", "SDMX", "ISO"));
          case "resourceID" -> pick(List.of("COOP_STATS", "CL_AREA", "all"));
          case "version" -> pick(List.of("1.0", "latest", "all", "2.0"));
          case "componentID" -> pick(List.of("REF_AREA", "all", "TIME_PERIOD"));
          default -> value(name, parameter.path("schema"));
        };
    return encode(value);
  }

  private String value(String name, JsonNode schema) {
    if (random.nextInt(4) == 0) {
      return pick(HOSTILE);
    }
    JsonNode item = schema.path("type").asText().equals("array") ? schema.path("items") : schema;
    if (item.has("enum")) {
      List<String> values = new ArrayList<>();
      item.get("enum").forEach(v -> values.add(v.asText()));
      return pick(values);
    }
    return switch (item.path("type").asText()) {
      case "integer" -> String.valueOf(random.nextInt(3) == 0 ? dataset : random.nextInt(200) - 5);
      case "boolean" -> String.valueOf(random.nextBoolean());
      default ->
          switch (name) {
            case "REF_AREA", "area" -> pick(List.of("CAN", "CA-QC", "TZA", "XXX"));
            case "MEASURE" -> pick(List.of("COOPS", "WORKERS", "NOPE"));
            case "provider" -> provider;
            case "dataset" -> String.valueOf(dataset);
            case "startPeriod", "endPeriod" -> pick(List.of("2018", "2021-Q3", "2021-07"));
            case "asOf", "updatedAfter", "releaseAt" ->
                pick(List.of("2020-01-01T00:00:00Z", "2099-01-01T00:00:00Z", "2021-01-31"));
            default -> "_T";
          };
    };
  }

  private String body(String contentType, JsonNode schema) {
    if (contentType.contains("json")) {
      return switch (random.nextInt(8)) {
        case 0 -> "[".repeat(3000) + "]".repeat(3000);
        case 1 -> "{\"n\": 1" + "0".repeat(2000) + "}";
        case 2 -> "{\"title\": \"a\u0000b\", ";
        case 3 -> "[{\"REF_AREA\":\"CAN\",\"REF_AREA\":\"FRA\",\"MEASURE\":\"COOPS\"}]";
        default -> generate(resolve(schema), 0).toString();
      };
    }
    if (contentType.equals("text/csv")) {
      return "REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE,COMMENT_OBS\n"
          + String.join(",", pick(HOSTILE), "COOPS", "2021", pick(HOSTILE), pick(HOSTILE))
          + "\n";
    }
    byte[] noise = new byte[random.nextInt(200)];
    random.nextBytes(noise);
    return new String(noise, StandardCharsets.ISO_8859_1);
  }

  /** A JSON value for a schema: mostly of the right shape, with hostile leaves. */
  private JsonNode generate(JsonNode schema, int depth) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    if (depth > 4) {
      return nodes.nullNode();
    }
    if (schema.has("$ref")) {
      return generate(resolve(schema), depth);
    }
    if (schema.has("allOf") || schema.has("oneOf") || schema.has("anyOf")) {
      JsonNode members = schema.has("allOf") ? schema.get("allOf") : schema.path("oneOf");
      if (members.isMissingNode()) {
        members = schema.get("anyOf");
      }
      return generate(members.get(random.nextInt(members.size())), depth + 1);
    }
    if (schema.has("enum") && random.nextInt(4) != 0) {
      return schema.get("enum").get(random.nextInt(schema.get("enum").size()));
    }
    switch (schema.path("type").asText()) {
      case "object" -> {
        ObjectNode object = nodes.objectNode();
        schema
            .path("properties")
            .properties()
            .forEach(
                p -> {
                  if (random.nextInt(5) != 0) {
                    object.set(p.getKey(), generate(p.getValue(), depth + 1));
                  }
                });
        return object;
      }
      case "array" -> {
        ArrayNode array = nodes.arrayNode();
        for (int i = 0, n = random.nextInt(4); i < n; i++) {
          array.add(generate(schema.path("items"), depth + 1));
        }
        return array;
      }
      case "integer", "number" -> {
        return random.nextInt(5) == 0 ? nodes.textNode(pick(HOSTILE)) : nodes.numberNode(7);
      }
      case "boolean" -> {
        return nodes.booleanNode(random.nextBoolean());
      }
      default -> {
        if (schema.has("example") && random.nextBoolean()) {
          return schema.get("example");
        }
        return nodes.textNode(
            random.nextInt(3) == 0 ? pick(HOSTILE) : "fuzz" + random.nextInt(1_000_000));
      }
    }
  }

  private JsonNode resolve(JsonNode node) {
    if (!node.has("$ref")) {
      return node;
    }
    JsonNode target = contract;
    for (String part : node.get("$ref").asText().substring(2).split("/")) {
      target = target.get(part);
    }
    return target;
  }

  private static void appendQuery(StringBuilder query, String name, String value) {
    if (query.length() > 0) {
      query.append('&');
    }
    query.append(encode(name)).append('=').append(encode(value));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private static String abbreviate(String text) {
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }
}
