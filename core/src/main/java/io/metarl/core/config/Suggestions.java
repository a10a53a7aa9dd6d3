package io.metarl.core.config;

import java.util.Optional;

/** "Did you mean" suggestions by edit distance. */
public final class Suggestions {
  private Suggestions() {}

  /**
   * The candidate closest to {@code word} by Levenshtein distance, if it is within a third of the
   * word's length (at least 2 edits).
   */
  public static Optional<String> closest(String word, Iterable<String> candidates) {
    if (word.length() > 100) {
      return Optional.empty(); // no key is that long: no suggestion, and no quadratic work on hostile input
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = distance(word, c);
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    int limit = Math.max(2, word.length() / 3);
    return best != null && bestDistance <= limit ? Optional.of(best) : Optional.empty();
  }

  /** Edit distance: insertions, deletions, substitutions and adjacent transpositions cost 1. */
  public static int distance(String a, String b) {
    // Damerau-Levenshtein (optimal string alignment): a transposition such as "lamda"/"lambda" or
    // "dependnet"/"dependent" counts as one edit.
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
      }
    }
    return d[a.length()][b.length()];
  }
}
