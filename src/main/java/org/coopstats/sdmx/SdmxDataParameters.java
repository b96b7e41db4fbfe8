package org.coopstats.sdmx;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The query parameters of the SDMX data endpoints, declared for the OpenAPI document; {@link
 * SdmxDataRequest} reads and checks them.
 */
public class SdmxDataParameters {

  @QueryParam("startPeriod")
  @Parameter(description = "First period: YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD", example = "2018")
  public String startPeriod;

  @QueryParam("endPeriod")
  @Parameter(description = "Last period: YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD", example = "2021")
  public String endPeriod;

  @QueryParam("updatedAfter")
  @Parameter(
      description =
          "Only what changed after this moment (ISO 8601); deletions come in a data set with"
              + " action Delete (SDMX-ML and SDMX-JSON; SDMX-CSV leaves them out)")
  public String updatedAfter;

  @QueryParam("firstNObservations")
  @Parameter(description = "The first N observations of each series")
  public Integer firstNObservations;

  @QueryParam("lastNObservations")
  @Parameter(description = "The last N observations of each series")
  public Integer lastNObservations;

  @QueryParam("detail")
  @Parameter(description = "full (default), dataonly, serieskeysonly or nodata")
  public String detail;

  @QueryParam("dimensionAtObservation")
  @Parameter(description = "TIME_PERIOD (default) or AllDimensions")
  public String dimensionAtObservation;

  @QueryParam("includeHistory")
  @Parameter(description = "false only (true answers 501: use the JSON API)")
  public String includeHistory;

  @QueryParam("format")
  @Parameter(
      description =
          "genericdata, structurespecificdata, csv or jsondata (also sdmx-json); overrides the"
              + " Accept header")
  public String format;
}
