package org.coopstats.upload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.coopstats.validation.RowRef;
import org.coopstats.validation.SourceRow;
import org.coopstats.validation.ValidationIssue;

/**
 * Reads a JSON submission: an array of flat objects, one per observation, keyed by column name
 * ({@code REF_AREA}, …, {@code OBS_VALUE}). Streamed token by token.
 */
public class JsonRowSource implements RowSource {

  private static final JsonFactory FACTORY = new JsonFactory();
  private final InputStream input;

  public JsonRowSource(InputStream input) {
    this.input = input;
  }

  @Override
  public void read(Sink sink, Consumer<ValidationIssue> issues) {
    long index = 0;
    try (JsonParser parser = FACTORY.createParser(input)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        issues.accept(
            fault(
                null,
                "The body must be a JSON array of observations, e.g. [{\"REF_AREA\":\"CAN\","
                    + " \"MEASURE\":\"COOPS\", \"TIME_PERIOD\":\"2021\", \"OBS_VALUE\":5605}]."));
        return;
      }
      JsonToken token;
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
        if (token == null) {
          issues.accept(fault(index, "The JSON array is not closed: the body looks truncated."));
          return;
        }
        if (token != JsonToken.START_OBJECT) {
          issues.accept(fault(index, "Each element must be an object; this one is " + token + "."));
          parser.skipChildren();
          index++;
          continue;
        }
        Map<String, String> values = new HashMap<>();
        String badProperty = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName().trim().toUpperCase(Locale.ROOT);
          JsonToken value = parser.nextToken();
          if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
            badProperty = name;
            parser.skipChildren();
          } else if (value != JsonToken.VALUE_NULL) {
            values.put(name, parser.getText());
          }
        }
        if (badProperty != null) {
          issues.accept(
              ValidationIssue.error(
                  RowRef.jsonIndex(index),
                  badProperty,
                  null,
                  "FORMAT",
                  badProperty + " must be a string or a number, not an object or array."));
        } else {
          sink.row(new SourceRow(RowRef.jsonIndex(index), values));
        }
        index++;
      }
      if (parser.nextToken() != null) {
        issues.accept(fault(null, "There is content after the closing ] of the array."));
      }
    } catch (CharConversionException e) {
      issues.accept(fault(index, "The body is not valid UTF-8 JSON: " + e.getMessage()));
    } catch (JsonProcessingException e) {
      issues.accept(
          fault(
              index,
              "The body is not valid JSON at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr()
                  + ": "
                  + e.getOriginalMessage()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ValidationIssue fault(Long index, String message) {
    return ValidationIssue.error(
        index == null ? null : RowRef.jsonIndex(index), null, null, "FORMAT", message);
  }
}
