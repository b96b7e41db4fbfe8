package org.coopstats.sdmx;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.coopstats.common.ProblemException;
import org.coopstats.sdmx.SdmxFormats.Accepted;
import org.coopstats.sdmx.SdmxFormats.DataFormat;
import org.coopstats.sdmx.SdmxFormats.Offer;

/**
 * The media types of the SDMX 3.0 API (REST 2.x) and the choice among them: the {@code format}
 * parameter first, then the Accept header in order of preference. SDMX-JSON 2.0 when anything will
 * do (the REST 2.x default); the SDMX 2.1 formats too, by their own media types.
 */
public final class SdmxV3Formats {

  public static final String SDMX_JSON_2 = "application/vnd.sdmx.data+json;version=2.0.0";
  public static final String SDMX_CSV_2 = "application/vnd.sdmx.data+csv;version=2.0.0";
  public static final String SDMX_ML_3 = "application/vnd.sdmx.data+xml;version=3.0.0";
  public static final String STRUCTURE_JSON_2 = "application/vnd.sdmx.structure+json;version=2.0.0";
  public static final String STRUCTURE_ML_3 = "application/vnd.sdmx.structure+xml;version=3.0.0";
  public static final String SCHEMA_ML_3 = "application/vnd.sdmx.schema+xml;version=3.0.0";

  /** A structure (or availability) message format. */
  public enum StructureFormat {
    JSON_2(STRUCTURE_JSON_2),
    ML_3(STRUCTURE_ML_3),
    ML_2_1(SdmxFormats.STRUCTURE_XML);

    public final String mediaType;

    StructureFormat(String mediaType) {
      this.mediaType = mediaType;
    }
  }

  private static final Predicate<String> V2_0 =
      version -> version == null || version.startsWith("2.0");
  private static final Predicate<String> V3_0 =
      version -> version == null || version.startsWith("3.0");

  private static final List<Offer<DataFormat>> DATA =
      List.of(
          new Offer<>("*", SdmxFormats.ANY, DataFormat.JSON_2),
          new Offer<>("application/*", SdmxFormats.ANY, DataFormat.JSON_2),
          new Offer<>("application/vnd.sdmx.data+json", V2_0, DataFormat.JSON_2),
          new Offer<>("application/json", SdmxFormats.ANY, DataFormat.JSON_2),
          new Offer<>("application/vnd.sdmx.data+csv", V2_0, DataFormat.CSV_2),
          new Offer<>("text/csv", SdmxFormats.ANY, DataFormat.CSV_2),
          new Offer<>("text/*", SdmxFormats.ANY, DataFormat.CSV_2),
          new Offer<>("application/vnd.sdmx.data+xml", V3_0, DataFormat.ML_3),
          new Offer<>("application/xml", SdmxFormats.ANY, DataFormat.ML_3),
          new Offer<>("text/xml", SdmxFormats.ANY, DataFormat.ML_3),
          new Offer<>("application/vnd.sdmx.data+json", SdmxFormats.V1_0, DataFormat.JSON),
          new Offer<>("application/vnd.sdmx.data+csv", SdmxFormats.V1_0, DataFormat.CSV),
          new Offer<>("application/vnd.sdmx.genericdata+xml", SdmxFormats.V2_1, DataFormat.GENERIC),
          new Offer<>(
              "application/vnd.sdmx.structurespecificdata+xml",
              SdmxFormats.V2_1,
              DataFormat.STRUCTURE_SPECIFIC));

  private static final List<Offer<StructureFormat>> STRUCTURE =
      List.of(
          new Offer<>("*", SdmxFormats.ANY, StructureFormat.JSON_2),
          new Offer<>("application/*", SdmxFormats.ANY, StructureFormat.JSON_2),
          new Offer<>("application/vnd.sdmx.structure+json", V2_0, StructureFormat.JSON_2),
          new Offer<>("application/json", SdmxFormats.ANY, StructureFormat.JSON_2),
          new Offer<>("application/vnd.sdmx.structure+xml", V3_0, StructureFormat.ML_3),
          new Offer<>("application/xml", SdmxFormats.ANY, StructureFormat.ML_3),
          new Offer<>("text/xml", SdmxFormats.ANY, StructureFormat.ML_3),
          new Offer<>(
              "application/vnd.sdmx.structure+xml", SdmxFormats.V2_1, StructureFormat.ML_2_1));

  private SdmxV3Formats() {}

  /** The data format asked for; the Accept header is read only without {@code format}. */
  public static DataFormat dataFormat(String format, Supplier<List<Accepted>> accepted) {
    if (format != null) {
      return switch (format.toLowerCase(Locale.ROOT)) {
        case "json", "jsondata", "sdmx-json" -> DataFormat.JSON_2;
        case "csv", "csvfile", "sdmx-csv" -> DataFormat.CSV_2;
        case "xml", "sdmx-ml", "structurespecificdata" -> DataFormat.ML_3;
        case "genericdata" -> DataFormat.GENERIC;
        default ->
            throw ProblemException.badRequest(
                "format '" + format + "' is unknown: use json, csv or xml (or genericdata).");
      };
    }
    return SdmxFormats.first(accepted.get(), DATA)
        .orElseThrow(
            () ->
                SdmxFormats.notAcceptable(
                    "None of the accepted media types can be produced. Data is offered as "
                        + SDMX_JSON_2
                        + " (also application/json), "
                        + SDMX_CSV_2
                        + " (also text/csv), "
                        + SDMX_ML_3
                        + " (also application/xml), and in the SDMX 2.1 formats by their media"
                        + " types."));
  }

  /** The structure message format asked for; the Accept header is read only without format. */
  public static StructureFormat structureFormat(String format, Supplier<List<Accepted>> accepted) {
    if (format != null) {
      return switch (format.toLowerCase(Locale.ROOT)) {
        case "json", "sdmx-json" -> StructureFormat.JSON_2;
        case "xml", "sdmx-ml", "structure" -> StructureFormat.ML_3;
        default ->
            throw ProblemException.badRequest(
                "format '" + format + "' is unknown for structures: use json or xml.");
      };
    }
    return SdmxFormats.first(accepted.get(), STRUCTURE)
        .orElseThrow(
            () ->
                SdmxFormats.notAcceptable(
                    "None of the accepted media types can be produced. Structures are offered as "
                        + STRUCTURE_JSON_2
                        + " (also application/json), "
                        + STRUCTURE_ML_3
                        + " (also application/xml) and "
                        + SdmxFormats.STRUCTURE_XML
                        + "."));
  }

  private static final List<Offer<String>> SCHEMA =
      List.of(
          new Offer<>("*", SdmxFormats.ANY, SCHEMA_ML_3),
          new Offer<>("application/*", SdmxFormats.ANY, SCHEMA_ML_3),
          new Offer<>("application/xml", SdmxFormats.ANY, SCHEMA_ML_3),
          new Offer<>("text/xml", SdmxFormats.ANY, SCHEMA_ML_3),
          new Offer<>("application/vnd.sdmx.schema+xml", V3_0, SCHEMA_ML_3));

  /** Checks that the XML Schema of SDMX-ML 3.0 structure-specific data is acceptable. */
  public static void requireSchema(String format, Supplier<List<Accepted>> accepted) {
    if (format != null && !format.equalsIgnoreCase("xml")) {
      throw ProblemException.badRequest("format '" + format + "' is unknown for schemas: use xml.");
    }
    if (format == null && SdmxFormats.first(accepted.get(), SCHEMA).isEmpty()) {
      throw SdmxFormats.notAcceptable(
          "The schema is offered as " + SCHEMA_ML_3 + " (also application/xml) only.");
    }
  }
}
