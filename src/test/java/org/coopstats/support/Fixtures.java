package org.coopstats.support;

/** Real figures of the domain brief (§9), as users would upload them. */
public final class Fixtures {

  private Fixtures() {}

  /** Statistics Canada: active non-financial cooperatives by province, 2021. */
  public static final String CANADA_2021_PROVINCES =
      """
      REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE
      CA-QC,COOPS,2021,2503
      CA-ON,COOPS,2021,1085
      CA-AB,COOPS,2021,493
      CA-BC,COOPS,2021,466
      CA-SK,COOPS,2021,386
      CA-MB,COOPS,2021,246
      CA-NS,COOPS,2021,183
      CA-NB,COOPS,2021,112
      CA-PE,COOPS,2021,63
      CA-NL,COOPS,2021,28
      """;

  /** Statistics Canada: active cooperatives and employment, 2018–2021. */
  public static final String CANADA_SERIES =
      """
      REF_AREA,MEASURE,WORK_CAT,TIME_PERIOD,OBS_VALUE
      CAN,COOPS,,2018,5846
      CAN,COOPS,,2020,5531
      CAN,COOPS,,2021,5605
      CAN,WORKERS,IN_EMP,2018,103470
      CAN,WORKERS,IN_EMP,2020,101230
      CAN,WORKERS,IN_EMP,2021,100755
      """;
}
