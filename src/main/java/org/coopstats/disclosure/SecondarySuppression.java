package org.coopstats.disclosure;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Chooses the cells to suppress besides the primary ones. The closure makes every relation that
 * holds a suppressed cell hold at least two (one unknown in a sum is recovered by subtraction); the
 * repair adds a cell near a primary cell the audit still finds too narrowly bounded. Each choice is
 * the cheapest candidate (value suppressed, plus a small cost per cell, more for a total), and
 * preferably one at least as large as the protection it must carry: an intruder can lower a
 * non-negative partner only down to zero.
 */
final class SecondarySuppression {

  /** The repair's search for a candidate goes at most this many relations away from the cell. */
  private static final int REPAIR_DEPTH = 4;

  private final Links links;
  private final boolean[] suppressed;
  private final boolean[] added;
  private final int[] suppressedIn;
  private final double[] demand;
  private final double perCell;
  private final Deque<Integer> queue = new ArrayDeque<>();
  private final boolean[] queued;
  private final Rectangles rectangles;

  SecondarySuppression(Links links, Requirement[] requirements) {
    this.links = links;
    int n = links.size();
    suppressed = new boolean[n];
    added = new boolean[n];
    demand = new double[n];
    suppressedIn = new int[links.relations.size()];
    queued = new boolean[links.relations.size()];
    rectangles = new Rectangles(links);
    double sum = 0;
    for (int c = 0; c < n; c++) {
      Status status = requirements[c].status();
      demand[c] = Math.max(requirements[c].lower(), requirements[c].upper());
      if (status.suppressed()) {
        mark(c);
      }
      sum += links.cells.get(c).isHidden() ? 0 : Math.abs(links.cells.get(c).value());
    }
    // A per-cell cost small against typical values: fewer cells win only between near-equal sums.
    perCell = Math.max(1e-9, 1e-3 * sum / Math.max(1, n));
  }

  boolean[] suppressed() {
    return suppressed;
  }

  /** Whether the cell was suppressed by this class (not by a rule nor the published version). */
  boolean added(int cell) {
    return added[cell];
  }

  /** Until stable: each relation holding exactly one suppressed cell gets a second. */
  void close() {
    while (!queue.isEmpty()) {
      int r = queue.poll();
      queued[r] = false;
      if (suppressedIn[r] != 1) {
        continue;
      }
      int single = single(r);
      if (links.cells.get(single).isHidden()) {
        continue; // a remainder never published needs no protection: it may be recovered
      }
      int pick = cheapest(links.members(r), single, r);
      if (pick >= 0) {
        suppress(pick, demand[single]);
      }
    }
  }

  /**
   * Suppresses one more cell for a primary cell the audit found too narrowly bounded: the cheapest
   * candidate in its own relations, else in those of the suppressed cells linked to it.
   *
   * @return whether a cell was added
   */
  boolean repair(int cell) {
    boolean[] visited = new boolean[links.size()];
    Deque<Integer> layer = new ArrayDeque<>();
    layer.add(cell);
    visited[cell] = true;
    for (int depth = 0; depth < REPAIR_DEPTH && !layer.isEmpty(); depth++) {
      int best = -1;
      Deque<Integer> next = new ArrayDeque<>();
      for (int at : layer) {
        for (int r : links.relationsOf[at]) {
          int pick = cheapest(links.members(r), cell, r);
          best = better(pick, best, demand[cell]) ? pick : best;
          enqueueSuppressed(r, visited, next);
        }
      }
      if (best >= 0) {
        suppress(best, demand[cell]);
        return true;
      }
      layer = next;
    }
    return false;
  }

  /**
   * Suppresses the cheapest rectangle of cells along which a primary cell the audit found too
   * narrow can move by its whole protection (see Rectangles).
   *
   * @return whether a cell was added
   */
  boolean rectangle(int cell, double lower, double upper) {
    int[] corners = rectangles.cheapest(cell, lower, upper, this::rectangleCost);
    if (corners == null) {
      return false;
    }
    boolean added = false;
    for (int corner : corners) {
      if (!suppressed[corner]) {
        suppress(corner, Math.max(lower, upper));
        added = true;
      }
    }
    return added;
  }

  private double rectangleCost(int cell) {
    if (suppressed[cell]) {
      return 0;
    }
    return eligible(cell) ? cost(cell) : Double.POSITIVE_INFINITY;
  }

  private void enqueueSuppressed(int r, boolean[] visited, Deque<Integer> next) {
    for (int member : links.members(r)) {
      if (suppressed[member] && !visited[member]) {
        visited[member] = true;
        next.add(member);
      }
    }
  }

  private int single(int r) {
    for (int member : links.members(r)) {
      if (suppressed[member]) {
        return member;
      }
    }
    throw new IllegalStateException("relation " + r + " holds no suppressed cell");
  }

  /** The best candidate among members for carrying the demand of cell within relation r. */
  private int cheapest(int[] members, int cell, int r) {
    int best = -1;
    double bestScore = Double.POSITIVE_INFINITY;
    boolean bestShort = true;
    for (int member : members) {
      if (member == cell || !eligible(member)) {
        continue;
      }
      boolean isShort = isShort(member, demand[cell]);
      double score = cost(member) / (1 + deficientElsewhere(member, r));
      if (best < 0 || (bestShort && !isShort) || (bestShort == isShort && score < bestScore)) {
        best = member;
        bestScore = score;
        bestShort = isShort;
      }
    }
    return best;
  }

  private boolean better(int pick, int best, double needed) {
    if (pick < 0) {
      return false;
    }
    if (best < 0 || isShort(best, needed) && !isShort(pick, needed)) {
      return true;
    }
    return isShort(best, needed) == isShort(pick, needed) && cost(pick) < cost(best);
  }

  /** Too small to give the protection needed: an intruder knows it is not below zero. */
  private boolean isShort(int cell, double needed) {
    Cell c = links.cells.get(cell);
    return c.nonNegative() && Math.abs(c.value()) < needed;
  }

  /** How many other relations this candidate would also give their missing second unknown. */
  private int deficientElsewhere(int cell, int except) {
    int count = 0;
    for (int r : links.relationsOf[cell]) {
      if (r != except && suppressedIn[r] == 1) {
        count++;
      }
    }
    return count;
  }

  /** Empty cells are known zeros: suppressing them protects nothing. */
  private boolean eligible(int cell) {
    Cell c = links.cells.get(cell);
    return !suppressed[cell] && !c.isHidden() && c.units().contributors() > 0;
  }

  private double cost(int cell) {
    double value = Math.abs(links.cells.get(cell).value());
    return value + perCell * (links.isTotal[cell] ? 2 : 1);
  }

  private void suppress(int cell, double carried) {
    added[cell] = true;
    demand[cell] = Math.max(demand[cell], carried);
    mark(cell);
  }

  private void mark(int cell) {
    suppressed[cell] = true;
    for (int r : links.relationsOf[cell]) {
      suppressedIn[r]++;
      if (suppressedIn[r] == 1 && !queued[r]) {
        queued[r] = true;
        queue.add(r);
      }
    }
  }
}
