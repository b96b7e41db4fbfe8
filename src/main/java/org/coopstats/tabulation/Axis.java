package org.coopstats.tabulation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One way a table is broken down: a hierarchy of nodes, each setting the codes of one or more
 * COOP_STATS dimensions (members by kind set MEMBER_KIND and SEX together). A unit falls in, or
 * contributes to, leaves; every node above a leaf is the sum of its children. An axis may have
 * several roots where the Guidelines forbid a total (members across levels). A hidden node is a
 * remainder that is never published (the units of a country coded to no region).
 */
final class Axis {

  /** One node: the codes it sets, its parent, and whether it is hidden. */
  record Node(String id, Map<String, String> codes, String parent, boolean hidden) {}

  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final Map<String, List<String>> children = new LinkedHashMap<>();

  /** A node under {@code parent} (null for a root) setting one dimension to {@code code}. */
  Axis add(String id, String dimension, String code, String parent) {
    return add(id, Map.of(dimension, code), parent, false);
  }

  Axis add(String id, Map<String, String> codes, String parent, boolean hidden) {
    nodes.put(id, new Node(id, Map.copyOf(codes), parent, hidden));
    children.computeIfAbsent(id, k -> new ArrayList<>());
    if (parent != null) {
      children.computeIfAbsent(parent, k -> new ArrayList<>()).add(id);
    }
    return this;
  }

  boolean has(String id) {
    return nodes.containsKey(id);
  }

  Node node(String id) {
    return nodes.get(id);
  }

  List<Node> nodes() {
    return List.copyOf(nodes.values());
  }

  List<String> children(String id) {
    return children.getOrDefault(id, List.of());
  }

  int size() {
    return nodes.size();
  }

  /** The position of a node in {@link #nodes()}; -1 when the axis has no such node. */
  int indexOf(String id) {
    int i = 0;
    for (String key : nodes.keySet()) {
      if (key.equals(id)) {
        return i;
      }
      i++;
    }
    return -1;
  }

  /** The leaf and every node above it, by position: the cells a contribution to it adds to. */
  int[] pathToRoot(String leaf) {
    List<Integer> path = new ArrayList<>();
    for (Node n = nodes.get(leaf);
        n != null;
        n = n.parent() == null ? null : nodes.get(n.parent())) {
      path.add(indexOf(n.id()));
    }
    return path.stream().mapToInt(Integer::intValue).toArray();
  }
}
