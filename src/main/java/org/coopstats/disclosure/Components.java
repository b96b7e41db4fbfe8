package org.coopstats.disclosure;

import java.util.ArrayList;
import java.util.List;

/**
 * The suppressed cells grouped by what links them: two suppressed cells of one relation are in one
 * component. An intruder's equations for one component involve no unknown of another, so each
 * component is audited alone and the linear programs stay small.
 */
final class Components {

  private final int[] parent;
  private final List<List<Integer>> groups = new ArrayList<>();
  private final int[] group;

  Components(Links links, boolean[] suppressed) {
    parent = new int[links.size()];
    for (int c = 0; c < parent.length; c++) {
      parent[c] = c;
    }
    for (int r = 0; r < links.relations.size(); r++) {
      int first = -1;
      for (int member : links.members(r)) {
        if (suppressed[member]) {
          if (first < 0) {
            first = member;
          } else {
            union(first, member);
          }
        }
      }
    }
    group = new int[parent.length];
    collect(suppressed);
  }

  /** The components, each a list of its cells in ascending order. */
  List<List<Integer>> groups() {
    return groups;
  }

  /** The component of a suppressed cell (an index into {@link #groups()}). */
  int groupOf(int cell) {
    return group[cell];
  }

  private void collect(boolean[] suppressed) {
    int[] index = new int[parent.length];
    java.util.Arrays.fill(index, -1);
    for (int c = 0; c < parent.length; c++) {
      if (!suppressed[c]) {
        group[c] = -1;
        continue;
      }
      int root = find(c);
      if (index[root] < 0) {
        index[root] = groups.size();
        groups.add(new ArrayList<>());
      }
      group[c] = index[root];
      groups.get(index[root]).add(c);
    }
  }

  private int find(int cell) {
    int root = cell;
    while (parent[root] != root) {
      root = parent[root];
    }
    int at = cell;
    while (parent[at] != root) {
      int next = parent[at];
      parent[at] = root;
      at = next;
    }
    return root;
  }

  private void union(int a, int b) {
    int ra = find(a);
    int rb = find(b);
    if (ra != rb) {
      parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  }
}
