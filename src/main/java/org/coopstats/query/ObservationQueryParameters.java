package org.coopstats.query;

import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The query parameters of the observation endpoints, declared for the OpenAPI document. The values
 * are read from the query string by {@link ObservationQueryParser}, which checks them against the
 * structure's dimensions and code lists and rejects unknown parameters.
 */
public class ObservationQueryParameters {

  private static final String CODES = " Several codes: comma-separated or repeated.";

  @QueryParam("REF_AREA")
  @Parameter(
      description = "Reference area codes (CL_AREA), e.g. CAN or CA-QC." + CODES,
      example = "CAN")
  public List<String> refArea;

  @QueryParam("MEASURE")
  @Parameter(
      description = "Measure codes (CL_MEASURE), e.g. COOPS, MEMBERS, WORKERS." + CODES,
      example = "COOPS")
  public List<String> measure;

  @QueryParam("COOP_TYPE")
  @Parameter(
      description = "Type of cooperative (CL_COOP_TYPE): PROD, WORK, CONS, MULTI, _U, _T." + CODES)
  public List<String> coopType;

  @QueryParam("COOP_LEVEL")
  @Parameter(description = "Level (CL_COOP_LEVEL): PRIM, SEC, TERT, _T." + CODES)
  public List<String> coopLevel;

  @QueryParam("ACTIVITY")
  @Parameter(description = "ISIC Rev.4 section (CL_ACTIVITY): A…U, _T." + CODES)
  public List<String> activity;

  @QueryParam("SEX")
  @Parameter(description = "Sex (CL_SEX): F, M, _U, _T, _Z." + CODES)
  public List<String> sex;

  @QueryParam("MEMBER_KIND")
  @Parameter(description = "Kind of member (CL_MEMBER_KIND): NP, LE, CO, _T, _Z." + CODES)
  public List<String> memberKind;

  @QueryParam("WORK_CAT")
  @Parameter(description = "Category of work (CL_WORK_CAT), e.g. IN_EMP, WS_PM, _Z." + CODES)
  public List<String> workCat;

  @QueryParam("asOf")
  @Parameter(
      description =
          "The data as published at this moment (ISO 8601, e.g. 2026-01-31T12:00:00Z or"
              + " 2026-01-31); not in the future")
  public String asOf;

  @QueryParam("includeHistory")
  @Parameter(
      description =
          "true: every value ever released, with VALID_FROM and VALID_TO (null: still current)")
  public Boolean includeHistory;

  @QueryParam("updatedAfter")
  @Parameter(
      description =
          "Only what changed after this moment: current values released since (ACTION I) and"
              + " values deleted or withdrawn since (ACTION D)")
  public String updatedAfter;

  @QueryParam("startPeriod")
  @Parameter(description = "First period wanted: YYYY, YYYY-Qn or YYYY-MM", example = "2018")
  public String startPeriod;

  @QueryParam("endPeriod")
  @Parameter(description = "Last period wanted: YYYY, YYYY-Qn or YYYY-MM", example = "2021")
  public String endPeriod;

  @QueryParam("provider")
  @Parameter(description = "Provider ids." + CODES)
  public List<String> provider;

  @QueryParam("offset")
  @Parameter(description = "Observations to skip (default 0)")
  public Integer offset;

  @QueryParam("limit")
  @Parameter(description = "Page size, 1–10000 (default 100)")
  public Integer limit;

  @QueryParam("format")
  @Parameter(
      description =
          "json, csv or jsonstat (a JSON-stat 2.0 dataset of the page, labels in lang);"
              + " overrides the Accept header")
  public String format;

  @QueryParam("labels")
  @Parameter(description = "id (default), name or both: codes, labels, or both")
  public String labels;

  @QueryParam("lang")
  @Parameter(description = "Language of labels: en (default), fr or es")
  public String lang;
}
