package org.coopstats.sdmx;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
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
    JSON(SDMX_JSON);

    public final String mediaType;

    DataFormat(String mediaType) {
      this.mediaType = mediaType;
    }
  }

  private SdmxFormats() {}

  public static DataFormat dataFormat(String format, HttpHeaders headers) {
    if (format != null) {
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
    List<MediaType> accepted = headers.getAcceptableMediaTypes();
    for (MediaType type : accepted) {
      if (type.isWildcardType()) {
        return DataFormat.GENERIC;
      }
      String name = type.getType() + "/" + type.getSubtype();
      String version = type.getParameters().get("version");
      switch (name) {
        case "application/vnd.sdmx.genericdata+xml":
          if (version == null || version.equals("2.1")) {
            return DataFormat.GENERIC;
          }
          break;
        case "application/vnd.sdmx.structurespecificdata+xml":
          if (version == null || version.equals("2.1")) {
            return DataFormat.STRUCTURE_SPECIFIC;
          }
          break;
        case "application/xml", "text/xml", "application/*":
          return DataFormat.GENERIC;
        case "application/vnd.sdmx.data+csv":
          if (version == null || version.startsWith("1.0")) {
            return DataFormat.CSV;
          }
          break;
        case "text/csv", "text/*":
          return DataFormat.CSV;
        case "application/vnd.sdmx.data+json":
          if (version == null || version.startsWith("1.0")) {
            return DataFormat.JSON;
          }
          break;
        default:
          break;
      }
    }
    throw notAcceptable(
        "None of the accepted media types can be produced. Data is offered as "
            + GENERIC_DATA
            + " (also application/xml), "
            + SDMX_CSV
            + " (also text/csv), "
            + STRUCTURE_SPECIFIC_DATA
            + " and "
            + SDMX_JSON
            + ".");
  }

  /** Checks that an SDMX-ML 2.1 structure message is acceptable. */
  public static void requireStructureXml(String format, HttpHeaders headers) {
    if (format != null) {
      if (List.of("structure", "xml", "sdmx-ml").contains(format.toLowerCase(Locale.ROOT))) {
        return;
      }
      throw notAcceptable(
          "format '" + format + "' is not offered for structures: use structure (SDMX-ML 2.1).");
    }
    for (MediaType type : headers.getAcceptableMediaTypes()) {
      String name = type.getType() + "/" + type.getSubtype();
      String version = type.getParameters().get("version");
      if (type.isWildcardType()
          || name.equals("application/*")
          || name.equals("application/xml")
          || name.equals("text/xml")
          || (name.equals("application/vnd.sdmx.structure+xml")
              && (version == null || version.equals("2.1")))) {
        return;
      }
    }
    throw notAcceptable(
        "Structures are offered as "
            + STRUCTURE_XML
            + " (also application/xml) only; SDMX-JSON structure messages are not offered.");
  }

  /** Checks that an XML Schema (the SDMX REST schema resource) is acceptable. */
  public static void requireSchemaXml(HttpHeaders headers) {
    for (MediaType type : headers.getAcceptableMediaTypes()) {
      String name = type.getType() + "/" + type.getSubtype();
      String version = type.getParameters().get("version");
      if (type.isWildcardType()
          || name.equals("application/*")
          || name.equals("application/xml")
          || name.equals("text/xml")
          || (name.equals("application/vnd.sdmx.schema+xml")
              && (version == null || version.equals("2.1")))) {
        return;
      }
    }
    throw notAcceptable(
        "The schema is offered as " + SCHEMA_XML + " (also application/xml and text/xml) only.");
  }

  static ProblemException notAcceptable(String detail) {
    return new ProblemException(406, "not-acceptable", "Not acceptable", detail);
  }
}
