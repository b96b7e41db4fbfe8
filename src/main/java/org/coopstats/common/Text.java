package org.coopstats.common;

/**
 * Text that PostgreSQL cannot store as it was sent: NUL (its text types refuse it) and unpaired
 * UTF-16 surrogates (the driver writes them as '?', silently changing the value). Every input path
 * refuses such text before it reaches the database.
 */
public final class Text {

  private Text() {}

  /** The index of the first NUL or unpaired surrogate in {@code text}, or -1 if there is none. */
  public static int refusedAt(CharSequence text) {
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (c == 0) {
        return i;
      }
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < n
            && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      }
    }
    return -1;
  }

  /** Whether {@code text} (may be null) can be stored as it is. */
  public static boolean storable(CharSequence text) {
    return text == null || refusedAt(text) < 0;
  }

  /** What is wrong at {@code index} of {@code text} (an index from {@link #refusedAt}). */
  public static String whatIsRefused(CharSequence text, int index) {
    char c = text.charAt(index);
    return c == 0
        ? "a NUL character (U+0000) at character " + (index + 1)
        : "an unpaired UTF-16 surrogate (U+"
            + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT)
            + ") at character "
            + (index + 1);
  }

  /** {@code text} with NUL and unpaired surrogates written as {@code \\uXXXX}, for messages. */
  public static String printable(String text) {
    if (text == null || refusedAt(text) < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean paired =
          Character.isHighSurrogate(c)
              && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1));
      if (c == 0 || (Character.isSurrogate(c) && !paired)) {
        out.append(String.format("\\u%04X", (int) c));
      } else {
        out.append(c);
        if (paired) {
          out.append(text.charAt(++i));
        }
      }
    }
    return out.toString();
  }
}
