package org.coopstats.disclosure;

/**
 * total = sum of parts.
 *
 * @param total index of the total in the problem's cell list
 * @param parts indices of the parts
 */
public record Relation(int total, int[] parts) {}
