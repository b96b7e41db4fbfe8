package org.coopstats.common;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Strings in JSON request bodies (provider names, dataset titles, user names …) are refused when
 * they hold a NUL or an unpaired surrogate, with a 400 naming the field, instead of failing in
 * PostgreSQL (a 500) or being stored with '?' in place of the surrogate.
 */
@Singleton
public class JsonBodyText implements ObjectMapperCustomizer {

  @Override
  public void customize(ObjectMapper mapper) {
    mapper.registerModule(
        new SimpleModule("coopstats-storable-text")
            .addDeserializer(String.class, new StorableStringDeserializer()));
  }

  /** A string value that cannot be stored, with the JSON path of its field. */
  public static final class RefusedTextException extends InvalidFormatException {
    RefusedTextException(JsonParser parser, String message, String value) {
      super(parser, message, value, String.class);
    }

    /** The field, as a path such as {@code name} or {@code roles[0]}. */
    public String field() {
      StringBuilder field = new StringBuilder();
      for (Reference ref : getPath()) {
        if (ref.getFieldName() != null) {
          if (!field.isEmpty()) {
            field.append('.');
          }
          field.append(ref.getFieldName());
        } else if (ref.getIndex() >= 0) {
          field.append('[').append(ref.getIndex()).append(']');
        }
      }
      return field.isEmpty() ? "(body)" : field.toString();
    }
  }

  private static final class StorableStringDeserializer extends StringDeserializer {
    @Override
    public String deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      String value = super.deserialize(parser, context);
      int at = value == null ? -1 : Text.refusedAt(value);
      if (at >= 0) {
        throw new RefusedTextException(
            parser,
            "holds " + Text.whatIsRefused(value, at) + ", which no value can contain.",
            value);
      }
      return value;
    }
  }
}
