package org.coopstats.sdmx;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.coopstats.common.ProblemException;

/**
 * The SDMX 2.1 media types and the choice among them: the {@code format} parameter first, then the
 * {@code Accept} header (in order of preference); nothing asked gives SDMX-ML.
 */
public final class SdmxFormats {

  public static final String STRUCTURE_XML = "application/vnd.sdmx.structure+xml;version=2.1";
  public static final String GENERIC_DATA = "application/vnd.sdmx.genericdata+xml;version=2.1";
  public static final String SDMX_CSV = "application/vnd.sdmx.data+csv;version=1.0.0";
  public static final String STRUCTURE_SPECIFIC_DATA =
      "application/vnd.sdmx.structurespecificdata+xml;version=2.1";
  public static final String SDMX_JSON = "application/vnd.sdmx.data+json;version=1.0.0";
  public static final String SCHEMA_XML = "application/vnd.sdmx.schema+xml;version=2.1";

  /** A data format this service writes. */
  public enum DataFormat {
    GENERIC(GENERIC_DATA),
    STRUCTURE_SPECIFIC(STRUCTURE_SPECIFIC_DATA),
    CSV(SDMX_CSV),
    JSON(SDMX_JSON),
    /** SDMX-JSON 2.0.0, SDMX-CSV 2.0.0 and SDMX-ML 3.0 (StructureSpecific): the SDMX 3.0 API's. */
    JSON_2(SdmxV3Formats.SDMX_JSON_2),
    CSV_2(SdmxV3Formats.SDMX_CSV_2),
    ML_3(SdmxV3Formats.SDMX_ML_3);

    public final String mediaType;

    DataFormat(String mediaType) {
      this.mediaType = mediaType;
    }
  }

  /**
   * One media range of an Accept header.
   *
   * @param name {@code type/subtype}, or {@code *} when any type will do
   * @param version its {@code version} parameter, or null
   */
  public record Accepted(String name, String version) {}

  /** A media range offered, the versions of it that count, and what a client asking for it gets. */
  record Offer<T>(String name, Predicate<String> version, T value) {}

  static final Predicate<String> ANY = version -> true;
  static final Predicate<String> V2_1 = version -> version == null || version.equals("2.1");
  static final Predicate<String> V1_0 = version -> version == null || version.startsWith("1.0");

  private static final List<Offer<DataFormat>> DATA =
      List.of(
          new Offer<>("*", ANY, DataFormat.GENERIC),
          new Offer<>("application/vnd.sdmx.genericdata+xml", V2_1, DataFormat.GENERIC),
          new Offer<>(
              "application/vnd.sdmx.structurespecificdata+xml",
              V2_1,
              DataFormat.STRUCTURE_SPECIFIC),
          new Offer<>("application/xml", ANY, DataFormat.GENERIC),
          new Offer<>("text/xml", ANY, DataFormat.GENERIC),
          new Offer<>("application/*", ANY, DataFormat.GENERIC),
          new Offer<>("application/vnd.sdmx.data+csv", V1_0, DataFormat.CSV),
          new Offer<>("text/csv", ANY, DataFormat.CSV),
          new Offer<>("text/*", ANY, DataFormat.CSV),
          new Offer<>("application/vnd.sdmx.data+json", V1_0, DataFormat.JSON));

  private static final List<Offer<String>> STRUCTURE =
      xmlOr("application/vnd.sdmx.structure+xml", STRUCTURE_XML);

  private static final List<Offer<String>> SCHEMA =
      xmlOr("application/vnd.sdmx.schema+xml", SCHEMA_XML);

  private SdmxFormats() {}

  /**
   * The data format asked for.
   *
   * @param accepted the Accept header, read only when no {@code format} parameter is given
   */
  public static DataFormat dataFormat(String format, Supplier<List<Accepted>> accepted) {
    if (format != null) {
      return namedDataFormat(format);
    }
    return first(accepted.get(), DATA)
        .orElseThrow(
            () ->
                notAcceptable(
                    "None of the accepted media types can be produced. Data is offered as "
                        + GENERIC_DATA
                        + " (also application/xml), "
                        + SDMX_CSV
                        + " (also text/csv), "
                        + STRUCTURE_SPECIFIC_DATA
                        + " and "
                        + SDMX_JSON
                        + "."));
  }

  private static DataFormat namedDataFormat(String format) {
    return switch (format.toLowerCase(Locale.ROOT)) {
      case "genericdata", "generic", "xml" -> DataFormat.GENERIC;
      case "csv", "sdmx-csv", "csvfile" -> DataFormat.CSV;
      case "structurespecificdata", "structurespecific" -> DataFormat.STRUCTURE_SPECIFIC;
      case "jsondata", "sdmx-json" -> DataFormat.JSON;
      default ->
          throw ProblemException.badRequest(
              "format '"
                  + format
                  + "' is unknown: use genericdata, structurespecificdata, csv or jsondata.");
    };
  }

  /**
   * Checks that an SDMX-ML 2.1 structure message is acceptable.
   *
   * @param accepted the Accept header, read only when no {@code format} parameter is given
   */
  public static void requireStructureXml(String format, Supplier<List<Accepted>> accepted) {
    if (format != null) {
      if (List.of("structure", "xml", "sdmx-ml").contains(format.toLowerCase(Locale.ROOT))) {
        return;
      }
      throw notAcceptable(
          "format '" + format + "' is not offered for structures: use structure (SDMX-ML 2.1).");
    }
    if (first(accepted.get(), STRUCTURE).isEmpty()) {
      throw notAcceptable(
          "Structures are offered as "
              + STRUCTURE_XML
              + " (also application/xml) only; SDMX-JSON structure messages are not offered.");
    }
  }

  /** Checks that an XML Schema (the SDMX REST schema resource) is acceptable. */
  public static void requireSchemaXml(List<Accepted> accepted) {
    if (first(accepted, SCHEMA).isEmpty()) {
      throw notAcceptable(
          "The schema is offered as " + SCHEMA_XML + " (also application/xml and text/xml) only.");
    }
  }

  /** What the first accepted media range that is offered gets, if any is. */
  static <T> Optional<T> first(List<Accepted> accepted, List<Offer<T>> offers) {
    for (Accepted range : accepted) {
      for (Offer<T> offer : offers) {
        if (offer.name().equals(range.name()) && offer.version().test(range.version())) {
          return Optional.of(offer.value());
        }
      }
    }
    return Optional.empty();
  }

  /** An SDMX-ML 2.1 message, asked for by its own media range (version 2.1) or as plain XML. */
  private static List<Offer<String>> xmlOr(String sdmxRange, String mediaType) {
    return List.of(
        new Offer<>("*", ANY, mediaType),
        new Offer<>("application/*", ANY, mediaType),
        new Offer<>("application/xml", ANY, mediaType),
        new Offer<>("text/xml", ANY, mediaType),
        new Offer<>(sdmxRange, V2_1, mediaType));
  }

  static ProblemException notAcceptable(String detail) {
    return new ProblemException(406, "not-acceptable", "Not acceptable", detail);
  }
}
