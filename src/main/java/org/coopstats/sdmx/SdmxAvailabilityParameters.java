package org.coopstats.sdmx;

import jakarta.ws.rs.QueryParam;

/** The query parameters of availableconstraint, declared for the OpenAPI document. */
public class SdmxAvailabilityParameters {

  @QueryParam("startPeriod")
  public String startPeriod;

  @QueryParam("endPeriod")
  public String endPeriod;

  @QueryParam("mode")
  public String mode;

  @QueryParam("references")
  public String references;

  @QueryParam("format")
  public String format;
}
