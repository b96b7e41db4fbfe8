package org.coopstats.query;

import jakarta.ws.rs.QueryParam;
import java.util.List;

/**
 * The query parameters of the observation endpoints, declared for the OpenAPI document. The values
 * are read from the query string by {@link ObservationQueryParser}, which checks them against the
 * structure's dimensions and code lists and rejects unknown parameters.
 */
public class ObservationQueryParameters {

  private static final String CODES = " Several codes: comma-separated or repeated.";

  @QueryParam("REF_AREA")
  public List<String> refArea;

  @QueryParam("MEASURE")
  public List<String> measure;

  @QueryParam("COOP_TYPE")
  public List<String> coopType;

  @QueryParam("COOP_LEVEL")
  public List<String> coopLevel;

  @QueryParam("ACTIVITY")
  public List<String> activity;

  @QueryParam("SEX")
  public List<String> sex;

  @QueryParam("MEMBER_KIND")
  public List<String> memberKind;

  @QueryParam("WORK_CAT")
  public List<String> workCat;

  @QueryParam("asOf")
  public String asOf;

  @QueryParam("includeHistory")
  public Boolean includeHistory;

  @QueryParam("updatedAfter")
  public String updatedAfter;

  @QueryParam("startPeriod")
  public String startPeriod;

  @QueryParam("endPeriod")
  public String endPeriod;

  @QueryParam("provider")
  public List<String> provider;

  @QueryParam("offset")
  public Integer offset;

  @QueryParam("limit")
  public Integer limit;

  @QueryParam("format")
  public String format;

  @QueryParam("labels")
  public String labels;

  @QueryParam("lang")
  public String lang;
}
