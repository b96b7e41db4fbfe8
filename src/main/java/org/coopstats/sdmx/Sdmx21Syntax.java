package org.coopstats.sdmx;

import java.util.regex.Pattern;
import org.coopstats.common.ProblemException;

/**
 * The syntax of the SDMX 2.1 REST grammar (SDMX REST 1.5.0) for the parts of a path that name a
 * version, where this service would otherwise read more than the grammar has: {@code *} and {@code
 * all} are versions of the SDMX 3.0 grammar or of structure queries only, not of a dataflow
 * reference or a schema. A path off the grammar is a 400 (the grammar's "Bad syntax"), as the
 * official description of the grammar says, rather than an answer to a query it does not have.
 */
final class Sdmx21Syntax {

  /** {@code flow}: {@code ID}, {@code AGENCY,ID} or {@code AGENCY,ID,VERSION|latest}. */
  private static final Pattern FLOW_REF =
      Pattern.compile(
          "([a-zA-Z][a-zA-Z\\d_-]*(\\.[a-zA-Z][a-zA-Z\\d_-]*)*,)?[a-zA-Z\\d_@$-]+"
              + "(,(latest|(\\d+(\\.\\d+)*)))?");

  /** {@code versions} of a structure query: all, latest, or versions joined by {@code +}. */
  private static final Pattern VERSIONS =
      Pattern.compile("all|latest|\\d+(\\.\\d+)*(\\+\\d+(\\.\\d+)*)*");

  /** {@code version} of a schema query: one version, or latest. */
  private static final Pattern VERSION = Pattern.compile("latest|\\d+(\\.\\d+)*");

  private Sdmx21Syntax() {}

  static void requireFlowRef(String flowRef) {
    if (!FLOW_REF.matcher(flowRef).matches()) {
      throw ProblemException.badRequest(
          "The dataflow '"
              + flowRef
              + "' is not of the form ID, AGENCY,ID or AGENCY,ID,VERSION (a version number or"
              + " latest).");
    }
  }

  /** A structure query's version, when the path has one. */
  static void requireVersions(String version) {
    if (version != null && !VERSIONS.matcher(version).matches()) {
      throw ProblemException.badRequest(
          "The version '"
              + version
              + "' is not all, latest or version numbers joined by '+' (such as 1.0).");
    }
  }

  /** A schema query's version, when the path has one. */
  static void requireVersion(String version) {
    if (version != null && !VERSION.matcher(version).matches()) {
      throw ProblemException.badRequest(
          "The version '" + version + "' is not a version number (such as 1.0) or latest.");
    }
  }
}
