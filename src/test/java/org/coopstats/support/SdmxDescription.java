package org.coopstats.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Body;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One official SDMX REST OpenAPI description (src/test/resources/sdmx-rest, verbatim) and the part
 * of the service it describes: REST 1.5.0 for the SDMX 2.1 API at /sdmx/v2.1, REST 2.1.0 for the
 * SDMX 3.0 API at /sdmx/v3. The prefix is the description's base path.
 *
 * <p>Short paths. The SDMX REST grammars let a client leave out path parameters at the end whose
 * default it wants ("default values do not need to be supplied if they are the last element in the
 * path"): {@code /sdmx/v3/structure/dataflow} is {@code /structure/dataflow/*&#47;*&#47;~}. The
 * descriptions only have the full paths, so such a request is expanded with the defaults of the
 * grammar's documentation before it is matched, and the exchange is still checked in full. REST
 * 1.5.0 (v2_1/ws/rest/docs): {@code all} for key, provider, componentID, agencyID and resourceID,
 * {@code latest} for version. REST 2.1.0 (doc/data.md, availability.md, structures.md, schema.md):
 * {@code *} for every part of a data or availability query, for a structure query's type, agency
 * and id; {@code ~} (the latest version) for a structure's or schema's version. A parameter without
 * a default (the dataflow of a 1.5.0 data query, the context, agency and id of a schema) is never
 * made up: such a short path stays unmatched.
 */
enum SdmxDescription {
  SDMX_2_1(
      "/sdmx/v2.1",
      "/sdmx-rest/1.5.0/sdmx-rest.yaml",
      Map.of(
          "data", Map.of("key", "all", "provider", "all"),
          "availableconstraint", Map.of("key", "all", "provider", "all", "componentID", "all"),
          "schema", Map.of("version", "latest")),
      Map.of("agencyID", "all", "resourceID", "all", "version", "latest")),
  SDMX_3_0(
      "/sdmx/v3",
      "/sdmx-rest/2.1.0/sdmx-rest.yaml",
      Map.of(
          "data", allOf("context", "agencyID", "resourceID", "version", "key"),
          "availability",
              allOf("context", "agencyID", "resourceID", "version", "key", "componentID"),
          "schema", Map.of("version", "~"),
          "structure",
              Map.of(
                  "structureType", "*",
                  "agencyID", "*",
                  "resourceID", "*",
                  "version", "~",
                  "itemID", "*")),
      Map.of());

  /** Where the API lives in this service (without the trailing slash). */
  final String prefix;

  final OpenAPI api;

  private final Map<String, Map<String, String>> defaults;
  private final Map<String, String> otherDefaults;
  private final List<List<String>> templates;
  private final OpenApiInteractionValidator validator;

  SdmxDescription(
      String prefix,
      String resource,
      Map<String, Map<String, String>> defaults,
      Map<String, String> otherDefaults) {
    this.prefix = prefix;
    this.api = load(resource);
    this.defaults = defaults;
    this.otherDefaults = otherDefaults;
    this.templates =
        api.getPaths().keySet().stream().map(SdmxDescription::segments).distinct().toList();
    this.validator =
        OpenApiInteractionValidator.createFor(api)
            .withBasePathOverride(prefix)
            // Unlike the validator's default, an undeclared query parameter is an error: a
            // request the grammar does not have must not succeed.
            .withLevelResolver(LevelResolver.create().build())
            .withCustomResponseValidation(new SdmxMediaTypeVersion())
            .build();
  }

  /** The description that describes this path of the service, if one does. */
  static Optional<SdmxDescription> of(String path) {
    return Arrays.stream(values())
        .filter(d -> path.equals(d.prefix) || path.startsWith(d.prefix + "/"))
        .findFirst();
  }

  /** The description's verdict: on the answer always, on the request when it was accepted. */
  ValidationReport check(Request request, com.atlassian.oai.validator.model.Response response) {
    Request expanded = expand(request);
    ValidationReport report =
        validator.validateResponse(expanded.getPath(), expanded.getMethod(), response);
    return response.getStatus() < 400 ? report.merge(validator.validateRequest(expanded)) : report;
  }

  /** The request with the defaults of a short path filled in (the request itself otherwise). */
  Request expand(Request request) {
    String full = expandPath(request.getPath());
    return full.equals(request.getPath()) ? request : new Seen(request, full, false);
  }

  /**
   * The request with its query values percent-decoded: a test that turns RestAssured's URL encoding
   * off (the fuzz test) gives them as they go on the wire, and the service reads them decoded.
   */
  static Request withDecodedQuery(Request request) {
    return new Seen(request, request.getPath(), true);
  }

  String expandPath(String path) {
    String relative = path.substring(prefix.length());
    if (relative.endsWith("/")) {
      // an empty last segment is the parameter left out (/data/COOP_STATS/all/)
      relative = relative.substring(0, relative.length() - 1);
    }
    List<String> given = segments(relative);
    if (given.isEmpty() || templates.stream().anyMatch(t -> fits(t, given, given.size()))) {
      return path;
    }
    return templates.stream()
        .filter(t -> t.size() > given.size() && fits(t, given, t.size()))
        .min((a, b) -> Integer.compare(a.size(), b.size()))
        .map(t -> prefix + "/" + String.join("/", filled(t, given)))
        .orElse(path);
  }

  /** Whether the template's first segments match those given and the rest have defaults. */
  private boolean fits(List<String> template, List<String> given, int size) {
    if (template.size() != size) {
      return false;
    }
    for (int i = 0; i < size; i++) {
      String part = template.get(i);
      boolean matches =
          i < given.size()
              ? isParameter(part) || part.equals(given.get(i))
              : isParameter(part) && defaultOf(given.get(0), name(part)) != null;
      if (!matches) {
        return false;
      }
    }
    return true;
  }

  private List<String> filled(List<String> template, List<String> given) {
    String[] parts = new String[template.size()];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = i < given.size() ? given.get(i) : defaultOf(given.get(0), name(template.get(i)));
    }
    return List.of(parts);
  }

  private String defaultOf(String resource, String parameter) {
    Map<String, String> ofResource = defaults.get(resource);
    return (ofResource != null ? ofResource : otherDefaults).get(parameter);
  }

  private static boolean isParameter(String segment) {
    return segment.startsWith("{") && segment.endsWith("}");
  }

  private static String name(String segment) {
    return segment.substring(1, segment.length() - 1);
  }

  private static List<String> segments(String path) {
    return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
  }

  private static Map<String, String> allOf(String... parameters) {
    return Arrays.stream(parameters).collect(java.util.stream.Collectors.toMap(p -> p, p -> "*"));
  }

  private static OpenAPI load(String resource) {
    try (InputStream in = SdmxDescription.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the test class path");
      }
      ParseOptions options = new ParseOptions();
      options.setResolve(true);
      options.setResolveFully(true);
      SwaggerParseResult result =
          new OpenAPIV3Parser()
              .readContents(new String(in.readAllBytes(), StandardCharsets.UTF_8), null, options);
      if (result.getOpenAPI() == null) {
        throw new IllegalStateException(resource + " does not parse: " + result.getMessages());
      }
      return result.getOpenAPI();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A parameter's schema in the description (for the fixes and the tests). */
  static Schema<?> parameterSchema(OpenAPI api, String path, String parameter) {
    return api.getPaths().get(path).getGet().getParameters().stream()
        .filter(p -> p.getName().equals(parameter))
        .findFirst()
        .orElseThrow()
        .getSchema();
  }

  /**
   * A request seen at another path (a short path expanded) or with its query values decoded,
   * everything else as sent.
   */
  private record Seen(Request request, String path, boolean decodeQuery) implements Request {
    @Override
    public String getPath() {
      return path;
    }

    @Override
    public Method getMethod() {
      return request.getMethod();
    }

    @Override
    public Optional<String> getBody() {
      return request.getBody();
    }

    @Override
    public Optional<Body> getRequestBody() {
      return request.getRequestBody();
    }

    @Override
    public Collection<String> getQueryParameters() {
      return request.getQueryParameters();
    }

    @Override
    public Collection<String> getQueryParameterValues(String name) {
      Collection<String> values = request.getQueryParameterValues(name);
      return decodeQuery ? values.stream().map(Seen::decoded).toList() : values;
    }

    /** RFC 3986 percent-decoding (a {@code +} stays); a malformed escape leaves the value as is. */
    private static String decoded(String value) {
      try {
        return java.net.URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return value;
      }
    }

    @Override
    public Map<String, Collection<String>> getHeaders() {
      return request.getHeaders();
    }

    @Override
    public Collection<String> getHeaderValues(String name) {
      return request.getHeaderValues(name);
    }
  }
}
