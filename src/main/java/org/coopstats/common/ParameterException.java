package org.coopstats.common;

import jakarta.ws.rs.BadRequestException;

/**
 * A path or query parameter (or request header) that cannot be used as sent. A
 * WebApplicationException so that Quarkus REST passes it through parameter conversion unchanged;
 * {@link ProblemMappers} answers it as a 400 {@code invalid-request} naming the parameter.
 */
public class ParameterException extends BadRequestException {

  private final String parameter;
  private final String value;

  public ParameterException(String parameter, String value, String detail) {
    super(detail);
    this.parameter = parameter;
    this.value = value;
  }

  public String parameter() {
    return parameter;
  }

  public String value() {
    return value;
  }
}
