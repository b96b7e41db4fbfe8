package org.coopstats.common;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Locale;

/**
 * Numbers and booleans in query strings and headers, read strictly and refused with a 400 naming
 * the parameter. Without this, JAX-RS answers a query parameter it cannot convert with 404 ("There
 * is no resource"), and reads {@code dryRun=yes} as false.
 */
@Provider
public class StrictParamConverters implements ParamConverterProvider {

  @Override
  @SuppressWarnings("unchecked")
  public <T> ParamConverter<T> getConverter(
      Class<T> rawType, Type genericType, Annotation[] annotations) {
    String name = parameterName(annotations);
    if (name == null) {
      return null; // a path that does not name a resource stays a 404
    }
    if (rawType == Integer.class || rawType == int.class) {
      return (ParamConverter<T>) new Converter<>(name, "a whole number", Integer::valueOf);
    }
    if (rawType == Long.class || rawType == long.class) {
      return (ParamConverter<T>) new Converter<>(name, "a whole number", Long::valueOf);
    }
    if (rawType == Boolean.class) {
      return (ParamConverter<T>) new Converter<>(name, "true or false", t -> bool(t, false));
    }
    if (rawType == boolean.class) {
      // Quarkus REST hands a primitive parameter that is absent over as "0".
      return (ParamConverter<T>) new Converter<>(name, "true or false", t -> bool(t, true));
    }
    return null;
  }

  private static Boolean bool(String text, boolean primitive) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      case "0" -> {
        if (primitive) {
          yield Boolean.FALSE;
        }
        throw new IllegalArgumentException(text);
      }
      default -> throw new IllegalArgumentException(text);
    };
  }

  private static String parameterName(Annotation[] annotations) {
    if (annotations != null) {
      for (Annotation a : annotations) {
        if (a instanceof QueryParam q) {
          return q.value();
        }
        if (a instanceof HeaderParam h) {
          return h.value();
        }
        if (a instanceof CookieParam c) {
          return c.value();
        }
      }
    }
    return null;
  }

  private record Converter<T>(
      String name, String expected, java.util.function.Function<String, T> parse)
      implements ParamConverter<T> {

    @Override
    public T fromString(String text) {
      if (text == null) {
        return null;
      }
      try {
        return parse.apply(text.trim());
      } catch (IllegalArgumentException e) {
        throw new ParameterException(
            name,
            text,
            "Parameter '"
                + name
                + "' must be "
                + expected
                + "; it was '"
                + Text.printable(text)
                + "'.");
      }
    }

    @Override
    public String toString(T value) {
      return value == null ? null : value.toString();
    }
  }
}
