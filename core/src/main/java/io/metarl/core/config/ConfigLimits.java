package io.metarl.core.config;

/**
 * Bounds on a configuration's text, checked in one linear pass before Typesafe Config parses it, so
 * that hostile input (deep nesting, a huge file, a key with thousands of parts) is refused with the
 * limit named instead of exhausting the stack or the heap.
 *
 * <p>Invariant: text accepted here nests at most {@link #MAX_DEPTH} levels of {@code { }} and
 * {@code [ ]}, has no key or substitution path of more than {@link #MAX_PATH_PARTS} parts, and is at
 * most {@link #MAX_CHARS} characters long.
 */
public final class ConfigLimits {
  /** The longest run file or override, in characters. */
  public static final int MAX_CHARS = 1 << 20;
  /** The deepest nesting of blocks and lists. */
  public static final int MAX_DEPTH = 64;
  /** The most parts of one dotted key or substitution path. */
  public static final int MAX_PATH_PARTS = 32;

  private ConfigLimits() {}

  /**
   * Checks {@code text}.
   *
   * @return null when it is within the limits, else what is wrong (with the line and the limit)
   */
  public static String check(CharSequence text) {
    if (text.length() > MAX_CHARS) {
      return "the text is " + text.length() + " characters long; the limit is " + MAX_CHARS
          + " (1 MiB): a run file is a few kilobytes";
    }
    int depth = 0;
    int line = 1;
    int dots = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> {
          line++;
          dots = 0;
        }
        case '"' -> {
          if (i + 2 < n && text.charAt(i + 1) == '"' && text.charAt(i + 2) == '"') {
            int end = indexOf(text, "\"\"\"", i + 3);
            line += count(text, '\n', i, end < 0 ? n : end);
            i = end < 0 ? n : end + 2;
          } else {
            int j = i + 1;
            while (j < n && text.charAt(j) != '"' && text.charAt(j) != '\n') {
              j += text.charAt(j) == '\\' ? 2 : 1;
            }
            i = Math.min(j, n - 1) - (j < n && text.charAt(j) == '\n' ? 1 : 0);
          }
        }
        case '#' -> i = skipLine(text, i);
        case '/' -> {
          if (i + 1 < n && text.charAt(i + 1) == '/') {
            i = skipLine(text, i);
          }
        }
        case '$' -> {
          if (i + 1 < n && text.charAt(i + 1) == '{') {
            int parts = 1;
            int j = i + 2;
            while (j < n && text.charAt(j) != '}' && text.charAt(j) != '\n') {
              parts += text.charAt(j) == '.' ? 1 : 0;
              j++;
            }
            if (parts > MAX_PATH_PARTS) {
              return "line " + line + ": a substitution path of " + parts + " parts; the limit is " + MAX_PATH_PARTS;
            }
            i = j;
          }
        }
        case '{', '[' -> {
          dots = 0;
          if (++depth > MAX_DEPTH) {
            return "line " + line + ": blocks and lists nested more than " + MAX_DEPTH + " levels deep; the limit is "
                + MAX_DEPTH;
          }
        }
        case '}', ']' -> {
          dots = 0;
          depth = Math.max(0, depth - 1);
        }
        case '.' -> {
          if (++dots >= MAX_PATH_PARTS) {
            return "line " + line + ": a key of more than " + MAX_PATH_PARTS + " dotted parts; the limit is "
                + MAX_PATH_PARTS;
          }
        }
        case ' ', '\t', '\r', ',', '=', ':' -> dots = 0;
        default -> { }
      }
    }
    return null;
  }

  private static int skipLine(CharSequence text, int i) {
    int j = i;
    while (j + 1 < text.length() && text.charAt(j + 1) != '\n') {
      j++;
    }
    return j;
  }

  private static int indexOf(CharSequence text, String s, int from) {
    return text.toString().indexOf(s, from);
  }

  private static int count(CharSequence text, char c, int from, int to) {
    int k = 0;
    for (int i = from; i < to; i++) {
      k += text.charAt(i) == c ? 1 : 0;
    }
    return k;
  }
}
