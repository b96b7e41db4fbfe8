package org.coopstats.common;

import java.util.List;

/**
 * One page of a list: the items, where the page starts, how many were asked for, and the total
 * number of items matching.
 */
public record Page<T>(List<T> items, long total, int offset, int limit) {

  public boolean hasNext() {
    return offset + items.size() < total;
  }
}
