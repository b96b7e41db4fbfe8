package org.coopstats.disclosure;

/** A cell's disclosure status, with its SDMX CONF_STATUS code. */
public enum Status {
  FREE("F"),
  FREQUENCY("A"),
  DOMINANCE("O"),
  P_PERCENT("C"),
  REVISION("C"),
  SECONDARY("D"),
  HIDDEN("N");

  private final String confStatus;

  Status(String confStatus) {
    this.confStatus = confStatus;
  }

  /** The SDMX CONF_STATUS code. */
  public String confStatus() {
    return confStatus;
  }

  /** Whether the cell is not published. */
  public boolean suppressed() {
    return this != FREE;
  }

  /** Whether a primary rule made the cell confidential (it needs protection). */
  public boolean primary() {
    return this == FREQUENCY || this == DOMINANCE || this == P_PERCENT || this == REVISION;
  }
}
