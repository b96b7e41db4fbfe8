package org.coopstats.disclosure;

/**
 * What the units tell about one cell.
 *
 * @param contributors units with a non-zero contribution
 * @param largest the largest absolute contributions, descending (length at least min(contributors,
 *     max(dominanceN, 2)))
 * @param absoluteTotal the sum of the absolute contributions
 */
public record Contributions(long contributors, double[] largest, double absoluteTotal) {}
