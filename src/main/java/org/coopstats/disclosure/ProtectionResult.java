package org.coopstats.disclosure;

import java.util.List;

/**
 * What protection decided.
 *
 * @param outcomes per cell, same order as the problem's cells
 * @param failures the primary cells still not protected (empty when all are)
 * @param primary how many cells a primary rule made confidential
 * @param secondary how many cells were suppressed to protect them
 * @param suppressedValue the sum of the absolute values of the suppressed cells
 * @param linearPrograms how many linear programs the audit solved
 */
public record ProtectionResult(
    List<CellOutcome> outcomes,
    List<AuditFailure> failures,
    int primary,
    int secondary,
    double suppressedValue,
    int linearPrograms) {}
