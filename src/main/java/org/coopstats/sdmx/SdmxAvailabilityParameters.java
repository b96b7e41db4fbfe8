package org.coopstats.sdmx;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The query parameters of availableconstraint, declared for the OpenAPI document. */
public class SdmxAvailabilityParameters {

  @QueryParam("startPeriod")
  @Parameter(description = "First period: YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD")
  public String startPeriod;

  @QueryParam("endPeriod")
  @Parameter(description = "Last period: YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD")
  public String endPeriod;

  @QueryParam("mode")
  @Parameter(description = "exact (default); available answers 501")
  public String mode;

  @QueryParam("references")
  @Parameter(description = "none (default); others answer 501")
  public String references;

  @QueryParam("format")
  @Parameter(description = "structure (SDMX-ML 2.1); overrides the Accept header")
  public String format;
}
