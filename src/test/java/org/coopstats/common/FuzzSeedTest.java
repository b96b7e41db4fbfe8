package org.coopstats.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.coopstats.support.Api;
import org.coopstats.support.PostgresResource;
import org.coopstats.support.RawHttp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The seed corpus of hostile requests (src/test/resources/fuzz/seed-cases.jsonl, one JSON object a
 * line: name, method, path with its query, optional headers, body and auth, and the expected status
 * class), each sent as it is written: none may answer 5xx, and every 4xx is problem+json. In a
 * path, body or header, {@code {repeat:X:N}} stands for X written N times, {@code {dataset}} and
 * {@code {provider}} for a draft dataset and its provider made for the run.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class FuzzSeedTest {

  private static final Pattern REPEAT = Pattern.compile("\\{repeat:(.):(\\d+)}");
  private static String provider;
  private static long dataset;

  static Stream<JsonNode> seeds() throws IOException {
    List<JsonNode> cases = new ArrayList<>();
    ObjectMapper mapper = new ObjectMapper();
    try (InputStream in = FuzzSeedTest.class.getResourceAsStream("/fuzz/seed-cases.jsonl")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          cases.add(mapper.readTree(line));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("seeds")
  void noHostileRequestGets5xxAndEvery4xxIsAProblem(JsonNode seed) {
    if (provider == null) {
      provider = Api.newProvider();
      dataset = Api.newDataset(provider);
    }
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> h = seed.path("headers").fields(); h.hasNext(); ) {
      Map.Entry<String, JsonNode> header = h.next();
      headers.put(header.getKey(), expand(header.getValue().asText()));
    }
    byte[] body =
        seed.has("body")
            ? expand(seed.get("body").asText()).getBytes(StandardCharsets.UTF_8)
            : null;
    // Sent byte for byte: HTTP clients refuse targets that are not valid URIs.
    RawHttp.Answer answer =
        RawHttp.send(
            seed.get("method").asText(),
            expand(seed.get("path").asText()),
            headers,
            body,
            "admin".equals(seed.path("auth").asText()));
    int status = answer.status();
    String name = seed.get("name").asText();
    Assertions.assertThat(status).as(name + ": status " + answer.body()).isLessThan(500);
    if ("4xx".equals(seed.path("expect").asText())) {
      Assertions.assertThat(status).as(name + ": status " + answer.body()).isBetween(400, 499);
    }
    if (status >= 400) {
      Assertions.assertThat(answer.contentType())
          .as(name + ": type")
          .startsWith(Problem.MEDIA_TYPE);
      Assertions.assertThat(io.restassured.path.json.JsonPath.from(answer.body()).getInt("status"))
          .as(name)
          .isEqualTo(status);
    }
  }

  private static String expand(String text) {
    Matcher m = REPEAT.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(
          out, Matcher.quoteReplacement(m.group(1).repeat(Integer.parseInt(m.group(2)))));
    }
    m.appendTail(out);
    return out.toString()
        .replace("{dataset}", Long.toString(dataset))
        .replace("{provider}", provider);
  }
}
