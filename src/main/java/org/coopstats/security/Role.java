package org.coopstats.security;

import java.util.List;

/** The roles a user can hold. */
public final class Role {

  /** Creates draft datasets and uploads into them, for the user's own provider. */
  public static final String SUBMITTER = "submitter";

  /** Publishes, schedules and withdraws datasets, for the user's own provider. */
  public static final String PUBLISHER = "publisher";

  /** Manages providers and users; may act for every provider. */
  public static final String ADMIN = "admin";

  public static final List<String> ALL = List.of(SUBMITTER, PUBLISHER, ADMIN);

  private Role() {}
}
