package org.coopstats.upload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.coopstats.common.Text;
import org.coopstats.validation.RowRef;
import org.coopstats.validation.SourceRow;
import org.coopstats.validation.ValidationIssue;

/**
 * Reads a JSON submission: an array of flat objects, one per observation, keyed by column name
 * ({@code REF_AREA}, …, {@code OBS_VALUE}). Streamed token by token.
 */
public class JsonRowSource implements RowSource {

  /**
   * The reader's limits, explicit so that a fault can name them: rows are flat objects in one array
   * (nesting 2), a number has at most 1000 characters (a value beyond a measure's bound is refused
   * by the row checks anyway), a string at most 1,000,000 (the longest CSV line) and a key at most
   * 1000.
   */
  static final int MAX_NESTING = 16;

  static final int MAX_NUMBER_LENGTH = 1000;
  static final int MAX_STRING_LENGTH = 1_000_000;
  static final int MAX_NAME_LENGTH = 1000;

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_NESTING)
                  .maxNumberLength(MAX_NUMBER_LENGTH)
                  .maxStringLength(MAX_STRING_LENGTH)
                  .maxNameLength(MAX_NAME_LENGTH)
                  .build())
          .build();
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
        if (token == JsonToken.START_OBJECT) {
          row(parser, index, sink, issues);
        } else {
          issues.accept(fault(index, "Each element must be an object; this one is " + token + "."));
          parser.skipChildren();
        }
        index++;
      }
      if (parser.nextToken() != null) {
        issues.accept(fault(null, "There is content after the closing ] of the array."));
      }
    } catch (CharConversionException e) {
      issues.accept(fault(index, "The body is not valid UTF-8 JSON: " + e.getMessage()));
    } catch (StreamConstraintsException e) {
      issues.accept(beyondLimit(index, e));
    } catch (JsonProcessingException e) {
      issues.accept(
          fault(index, "The body is not valid JSON" + where(e) + ": " + e.getOriginalMessage()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads the object at {@code index}, its start read, to its end; hands it to {@code sink} unless
   * it has a key twice, refused text, or a value that is an object or array (reported).
   */
  private static void row(
      JsonParser parser, long index, Sink sink, Consumer<ValidationIssue> issues)
      throws IOException {
    Map<String, String> values = new HashMap<>();
    Set<String> names = new HashSet<>();
    String badProperty = null;
    boolean refused = false;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String raw = parser.currentName();
      String name = raw.trim().toUpperCase(Locale.ROOT);
      JsonToken value = parser.nextToken();
      if (!names.add(name)) {
        // Both values would be read and one silently dropped.
        refused = true;
        issues.accept(keyTwice(index, name));
      }
      int at = Text.refusedAt(raw);
      if (at >= 0) {
        refused = true;
        issues.accept(refusedText(index, "a key", null, raw, at));
      }
      if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
        badProperty = name;
        parser.skipChildren();
      } else if (value != JsonToken.VALUE_NULL) {
        String text = parser.getText();
        at = Text.refusedAt(text);
        if (at >= 0) {
          refused = true;
          issues.accept(refusedText(index, name, name, text, at));
        }
        values.put(name, text);
      }
    }
    if (refused) {
      return; // reported above
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
  }

  private static ValidationIssue keyTwice(long index, String name) {
    return ValidationIssue.error(
        RowRef.jsonIndex(index),
        Text.printable(name),
        null,
        "FORMAT",
        "The object at index "
            + index
            + " has the key "
            + Text.printable(name)
            + " twice (keys are read without case and spaces): give each once.");
  }

  private static ValidationIssue beyondLimit(long index, StreamConstraintsException e) {
    return fault(
        index,
        "The body exceeds a limit of the JSON reader"
            + where(e)
            + ": "
            + e.getOriginalMessage()
            + " Rows are flat objects in one array (nesting at most "
            + MAX_NESTING
            + "), numbers at most "
            + MAX_NUMBER_LENGTH
            + " characters, strings at most "
            + MAX_STRING_LENGTH
            + ", keys at most "
            + MAX_NAME_LENGTH
            + ".");
  }

  /** " at line L, column C" where the parser knows it (a limit's fault may have no location). */
  private static String where(JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    if (location == null || location.getLineNr() < 0) {
      return "";
    }
    return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  private static ValidationIssue refusedText(
      long index, String what, String column, String text, int at) {
    return ValidationIssue.error(
        RowRef.jsonIndex(index),
        column == null ? null : Text.printable(column),
        Text.printable(text),
        "FORMAT",
        "The object at index "
            + index
            + ", "
            + (column == null ? what : column)
            + ": holds "
            + Text.whatIsRefused(text, at)
            + ", which no value can contain.");
  }

  private static ValidationIssue fault(Long index, String message) {
    return ValidationIssue.error(
        index == null ? null : RowRef.jsonIndex(index), null, null, "FORMAT", message);
  }
}
