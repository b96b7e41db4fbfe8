package org.coopstats.catalog;

/** An attribute attached to each observation (status, unit, comment …). */
public record AttributeDef(
    String id,
    int position,
    String codeListId,
    boolean required,
    String defaultValue,
    String nameEn,
    String description) {}
