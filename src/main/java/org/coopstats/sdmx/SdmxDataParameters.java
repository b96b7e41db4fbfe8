package org.coopstats.sdmx;

import jakarta.ws.rs.QueryParam;

/**
 * The query parameters of the SDMX data endpoints, declared for the OpenAPI document; {@link
 * SdmxDataRequest} reads and checks them.
 */
public class SdmxDataParameters {

  @QueryParam("startPeriod")
  public String startPeriod;

  @QueryParam("endPeriod")
  public String endPeriod;

  @QueryParam("updatedAfter")
  public String updatedAfter;

  @QueryParam("firstNObservations")
  public Integer firstNObservations;

  @QueryParam("lastNObservations")
  public Integer lastNObservations;

  @QueryParam("detail")
  public String detail;

  @QueryParam("dimensionAtObservation")
  public String dimensionAtObservation;

  @QueryParam("includeHistory")
  public String includeHistory;

  @QueryParam("format")
  public String format;
}
