package org.coopstats.disclosure;

import java.util.List;

/** The cells of the tables derived from one register, their additive relations and the rules. */
public record ProtectionProblem(
    List<Cell> cells, List<Relation> relations, DisclosureSettings settings) {}
