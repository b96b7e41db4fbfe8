package org.coopstats.disclosure;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The hypercube method's two-dimensional step (tau-ARGUS): for a primary cell, the cheapest
 * rectangle of cells (the cell, a partner in each of two of its relations, and the corner that
 * closes them) along which its value can move by its whole protection while every relation still
 * adds up. Once the four are suppressed, no intruder can narrow the cell within its protection
 * whatever else is published, because that move stays possible. Partners that must go down as the
 * cell goes up (and the corner, as it goes down) need that much value when they cannot be below
 * zero.
 */
final class Rectangles {

  /** What a rectangle's corners cost to suppress; suppressed ones cost nothing. */
  interface Costs {
    /** The cost of suppressing the cell; infinite if it cannot be suppressed. */
    double of(int cell);
  }

  private final Links links;

  Rectangles(Links links) {
    this.links = links;
  }

  /**
   * The three other corners of the cheapest rectangle that protects {@code cell} by {@code lower}
   * below and {@code upper} above, or null when there is none.
   */
  int[] cheapest(int cell, double lower, double upper, Costs costs) {
    int[] best = null;
    double bestCost = Double.POSITIVE_INFINITY;
    for (int ra : links.relationsOf[cell]) {
      for (int rb : links.relationsOf[cell]) {
        if (rb <= ra) {
          continue;
        }
        for (int k : links.members(ra)) {
          double kCost = k == cell ? Double.POSITIVE_INFINITY : costs.of(k);
          if (kCost >= bestCost) {
            continue;
          }
          for (int l : links.members(rb)) {
            double klCost = l == cell || l == k ? Double.POSITIVE_INFINITY : kCost + costs.of(l);
            if (klCost >= bestCost) {
              continue;
            }
            for (int m : corners(k, ra, l, rb, cell)) {
              double total = klCost + costs.of(m);
              if (total < bestCost && fits(new int[] {cell, k, l, m}, lower, upper)) {
                best = new int[] {k, l, m};
                bestCost = total;
              }
            }
          }
        }
      }
    }
    return best;
  }

  /** The cells in a relation of k (not ra) and in one of l (not rb): candidate fourth corners. */
  private int[] corners(int k, int ra, int l, int rb, int cell) {
    Set<Integer> ofK = new HashSet<>();
    for (int rk : links.relationsOf[k]) {
      if (rk != ra) {
        for (int m : links.members(rk)) {
          ofK.add(m);
        }
      }
    }
    Set<Integer> found = new LinkedHashSet<>();
    for (int rl : links.relationsOf[l]) {
      if (rl != rb) {
        for (int m : links.members(rl)) {
          if (m != cell && m != k && m != l && ofK.contains(m)) {
            found.add(m);
          }
        }
      }
    }
    return found.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Whether moving the corners (the cell up by one) keeps every relation they are in adding up, and
   * the corners that move down have the value to: upper for the cell's rise, lower for its fall.
   */
  private boolean fits(int[] corners, double lower, double upper) {
    int[] sign = signs(corners);
    if (sign == null) {
      return false;
    }
    for (int i = 1; i < corners.length; i++) {
      Cell c = links.cells.get(corners[i]);
      if (c.isHidden()) {
        return false;
      }
      double needed = sign[i] < 0 ? upper : lower;
      if (c.nonNegative() && c.value() < needed) {
        return false;
      }
    }
    return true;
  }

  /** Each corner's direction (+1, -1) when the cell rises, or null if no direction balances. */
  private int[] signs(int[] corners) {
    int[] sign = new int[corners.length];
    sign[0] = 1;
    // k and l from the cell's relations, then the corner from k's; checked in all of them below.
    for (int i = 1; i < corners.length; i++) {
      for (int j = 0; j < i && sign[i] == 0; j++) {
        int r = shared(corners[j], corners[i]);
        if (r >= 0) {
          boolean oneIsTotal =
              links.relations.get(r).total() == corners[i]
                  || links.relations.get(r).total() == corners[j];
          sign[i] = oneIsTotal ? sign[j] : -sign[j];
        }
      }
      if (sign[i] == 0) {
        return null;
      }
    }
    return balanced(corners, sign) ? sign : null;
  }

  private int shared(int a, int b) {
    for (int ra : links.relationsOf[a]) {
      for (int rb : links.relationsOf[b]) {
        if (ra == rb) {
          return ra;
        }
      }
    }
    return -1;
  }

  /** Every relation holding a corner: the parts' moves add up to the total's. */
  private boolean balanced(int[] corners, int[] sign) {
    for (int corner : corners) {
      for (int r : links.relationsOf[corner]) {
        int balance = 0;
        int total = links.relations.get(r).total();
        for (int i = 0; i < corners.length; i++) {
          if (corners[i] == total) {
            balance -= sign[i];
          } else if (contains(links.relations.get(r).parts(), corners[i])) {
            balance += sign[i];
          }
        }
        if (balance != 0) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean contains(int[] parts, int cell) {
    for (int part : parts) {
      if (part == cell) {
        return true;
      }
    }
    return false;
  }
}
